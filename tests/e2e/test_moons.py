"""The moons page: micrograd's demo trained live, to the notebook's digits, and stoppable."""

import re

from playwright.sync_api import expect

from pages import RUNTIME_TIMEOUT_MS, open_isolated

TRAINING_TIMEOUT_MS = 180_000  # 100 steps with live plots, matplotlib's first import included, on 2 cores

NON_BLANK_PIXELS = """img => {
  const canvas = Object.assign(document.createElement("canvas"), {width: img.naturalWidth, height: img.naturalHeight});
  const context = canvas.getContext("2d");
  context.drawImage(img, 0, 0);
  const {data} = context.getImageData(0, 0, canvas.width, canvas.height);
  let coloured = 0;
  for (let i = 0; i < data.length; i += 4) if (Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 40) coloured++;
  return coloured / (data.length / 4);
}"""


def test_train_with_the_notebooks_settings_reproduces_the_notebook(page, site_server):
    open_isolated(page, site_server + "moons/")
    page.get_by_role("button", name="Train", exact=True).click()
    plot = page.locator("#moons-plot")
    expect(plot).to_have_attribute("src", re.compile("^data:image/png;base64,"), timeout=TRAINING_TIMEOUT_MS)
    first_plot = plot.get_attribute("src")

    expect(page.locator("#moons-step")).to_have_text("100 / 100", timeout=TRAINING_TIMEOUT_MS)
    expect(page.locator("#moons-loss")).to_have_text("0.0110")
    expect(page.locator("#moons-accuracy")).to_have_text("100%")
    output = page.locator("#moons-training").get_by_role("log", name="Output")
    expect(output).to_contain_text("step 0 loss 0.89584410286")
    expect(output).to_contain_text(re.compile(r"step 99 loss 0\.01097837013\d*, accuracy 100\.0%"))

    expect(page.locator("#moons-training .py-editor-run-button:not(.running)")).to_have_count(1)  # done: the
    # last plot, drawn after the last step's numbers, is in
    assert plot.get_attribute("src") != first_plot  # redrawn as it trained
    # The decision boundary's two filled colours cover a good part of the picture: it is not blank.
    assert plot.evaluate(NON_BLANK_PIXELS) > 0.15


def test_stop_halts_training_and_the_page_still_works(page, site_server):
    open_isolated(page, site_server + "moons/")
    page.locator("#moons-steps").fill("1000")
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#moons-step")).to_have_text(re.compile(r"^[3-9]\d* / 1000$"), timeout=TRAINING_TIMEOUT_MS)

    page.get_by_role("button", name="Stop", exact=True).click()
    output = page.locator("#moons-training").get_by_role("log", name="Output")
    expect(output).to_contain_text(re.compile(r"stopped after step \d+"), timeout=5_000)
    stopped_at = page.locator("#moons-step").text_content()
    assert int(stopped_at.split(" / ")[0]) < 1000
    expect(page.locator("#moons-plot")).to_have_attribute("src", re.compile("^data:image/png"))

    page.get_by_role("button", name="Reset", exact=True).click()
    expect(page.locator("#moons-steps")).to_have_value("100")
    page.locator("#moons-steps").fill("3")
    expect(page.locator("#moons-training .py-editor-run-button:not(.running)")).to_have_count(1, timeout=RUNTIME_TIMEOUT_MS)
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#moons-step")).to_have_text("3 / 3", timeout=TRAINING_TIMEOUT_MS)
