"""The tiny GPT playground in Chromium (docs/gpt.md): Train draws the loss curves and the names the model makes
up, Pause stops between two steps and Train goes on, Reset clears. One page load for all of it: page loads are
what costs time here. (Its exercises run in test_course_pages.py, axe-core audits it in test_a11y.py, both opening
it with pages.TEST_QUERY's short run; the same Python runs in CPython in tests/unit/test_gpt_page.py.)"""

import re

from playwright.sync_api import expect

from pages import COUNT_COLOUR, open_isolated

TRAINING_TIMEOUT_MS = 180_000  # 20 steps and two validation passes, on 2 busy cores
BLUE = [30, 115, 220]  # moons_plots.js's POSITIVE: the training curve


def idle(page, timeout=TRAINING_TIMEOUT_MS):
    expect(page.locator("#gpt-training .py-editor-run-button:not(.running)")).to_have_count(1, timeout=timeout)
    expect(page.get_by_role("button", name="Train", exact=True)).to_be_enabled(timeout=timeout)


def step_shown(page):
    return int(page.locator("#gpt-step").text_content().split(" / ")[0])


def test_train_pause_go_on_and_reset(page, site_server):
    open_isolated(page, site_server + "gpt/?steps=20")
    expect(page.locator("#gpt-steps")).to_have_value("20")  # the link's setting
    curves, samples = page.locator("#gpt-curves"), page.locator("#gpt-samples li")
    train = page.get_by_role("button", name="Train", exact=True)
    assert curves.evaluate(COUNT_COLOUR, BLUE) == 0
    train.click()  # while Python starts, the run waits for it
    expect(page.locator("#gpt-step")).to_have_text("20 / 20", timeout=TRAINING_TIMEOUT_MS)
    idle(page)
    output = page.locator("#gpt-training").get_by_role("log", name="Output")
    expect(output).to_contain_text("4192 parameters; 4647 training names, 516 for validation")
    loss, val = (float(page.locator(f"#gpt-{name}").text_content()) for name in ("loss", "val"))
    assert 2.0 < val < 3.4 and 2.0 < loss < 3.5
    expect(samples).to_have_count(8)  # the names made up after the last step
    assert all(re.fullmatch("[a-z]{0,16}", name) for name in samples.all_text_contents())
    expect(page.locator("#gpt-samples-caption")).to_have_text("Names made up after step 20, at temperature 0.8:")
    assert curves.evaluate(COUNT_COLOUR, BLUE) > 50  # the training curve is drawn
    expect(curves).to_have_attribute("aria-label", f"Training and validation loss by step: after step 20 / 20, "
                                                   f"training loss {loss:.3f}, validation loss {val:.3f}")

    # Pause a long run between two steps; Train goes on with the same model; Reset clears everything.
    page.locator("#gpt-steps").fill("5000")
    train.click()
    expect(page.locator("#gpt-step")).to_have_text(re.compile(r"^([3-9]|\d\d+) / 5000$"), timeout=TRAINING_TIMEOUT_MS)
    page.get_by_role("button", name="Pause", exact=True).click()
    expect(output).to_contain_text(re.compile(r"stopped at step \d+: Train goes on from there"), timeout=10_000)
    idle(page, 10_000)
    expect(page.locator("#gpt-status")).to_have_text("Paused: Train goes on from here.")
    paused_at = step_shown(page)
    train.click()
    expect(page.locator("#gpt-step")).to_have_text(re.compile(r"^\d+ / 5000$"))
    page.wait_for_function(f"() => +document.getElementById('gpt-step').textContent.split(' / ')[0] > {paused_at + 2}",
                           timeout=TRAINING_TIMEOUT_MS)
    assert "parameters" not in output.text_content()  # the paused model went on: no new one was made
    page.get_by_role("button", name="Reset", exact=True).click()
    idle(page, 10_000)
    expect(page.locator("#gpt-step")).to_have_text("–")
    expect(samples).to_have_count(0)
    assert curves.evaluate(COUNT_COLOUR, BLUE) == 0
    assert "Traceback" not in output.text_content()
