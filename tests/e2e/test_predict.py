"""A "predict, then run" question (predict.js) answered and skipped from the keyboard alone; neither blocks the
editor below it, and after a run the guess is shown beside what the code printed."""

import re

from playwright.sync_api import expect

from pages import FOCUSED, RUN, RUNTIME_TIMEOUT_MS, open_isolated


def test_a_prediction_is_answered_then_skipped_from_the_keyboard(page, site_server):
    open_isolated(page, f"{site_server}backprop/")
    form = page.locator("form.mgl-predict").first
    editor = form.locator("xpath=following-sibling::div[contains(@class, 'mgl-editor')][1]")
    expect(form).to_be_visible()

    # Answer: Tab to the choices, arrow to the second one (0), Enter keeps it.
    form.get_by_role("radio").first.focus()
    page.keyboard.press("ArrowRight")
    expect(form.get_by_role("radio", name="0", exact=True)).to_be_checked()
    page.keyboard.press("Enter")
    expect(form.get_by_role("status")).to_have_text("Your guess: 0. Now run the code below.")

    # The editors above define the neuron: queue them all, then this one (runs go one after another); the guess
    # then appears beside this editor's output.
    editor.get_by_role("button", name="Run all above").click()
    editor.get_by_role("button", name=RUN).click()
    echo = page.locator(".mgl-predict-echo").first
    expect(echo).to_have_text(re.compile(r"^You predicted 0\. The code printed: do/dw2 = 0\.0000$"),
                              timeout=RUNTIME_TIMEOUT_MS)

    # Skip: one key press on Skip hides the question, the keyboard lands on "Predict first", which brings it back.
    form.get_by_role("button", name="Skip").focus()
    page.keyboard.press("Enter")
    expect(form).to_be_hidden()
    assert page.evaluate(FOCUSED) == "Predict first"
    page.keyboard.press("Enter")
    expect(form).to_be_visible()
