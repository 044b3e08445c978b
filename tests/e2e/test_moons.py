"""The moons playground: micrograd's demo trained live to the notebook's digits, one training path whoever starts
it (Train, Step, the editor's ▶), settings checked on the page and kept in the URL, pictures drawn by the page.

Each test loads the page once and checks several things on it: page loads are what costs time here."""

import random
import re
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import numpy as np
from playwright.sync_api import expect

from expected import notebook_line
from micrograd.data import make_moons
from micrograd.demo import scores, svm_loss
from micrograd.nn import MLP
from moons_live import _points, make_data, split
from pages import COUNT_COLOUR, open_isolated, wait_until_page_ready

TRAINING_TIMEOUT_MS = 180_000  # 100 steps with live pictures, on 2 busy cores

# The canvas's pixels, as a string that changes when any pixel does.
PIXELS = "canvas => canvas.toDataURL()"
# Keeps what the page's Python sends when a run begins (the points it trains on and draws) in window.mglBegun.
RECORD_LAYOUT = """() => {
  const begin = mglMoons.begin;
  mglMoons.begin = (json) => { globalThis.mglBegun = JSON.parse(json); return begin(json); };
}"""
# The colour of a canvas's top-left pixel, and the page's background colour, both as [r, g, b].
CORNER_AND_BACKGROUND = """canvas => {
  const [r, g, b] = canvas.getContext("2d").getImageData(0, 0, 1, 1).data;
  const probe = document.createElement("canvas").getContext("2d");
  probe.fillStyle = getComputedStyle(document.body).getPropertyValue("--md-default-bg-color").trim();
  const hex = probe.fillStyle;
  return [[r, g, b], [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))];
}"""


BLUE, ORANGE = [30, 115, 220], [232, 113, 10]  # moons_plots.js's POSITIVE and NEGATIVE
# How many of each canvas's pixels differ from the page's background: 0 for a blank picture.
TINTED = """canvases => {
  const probe = document.createElement("canvas").getContext("2d");
  probe.fillStyle = getComputedStyle(document.body).getPropertyValue("--md-default-bg-color").trim();
  const background = [1, 3, 5].map((i) => parseInt(probe.fillStyle.slice(i, i + 2), 16));
  return canvases.map((canvas) => {
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (background.some((c, j) => Math.abs(data[i + j] - c) > 10)) count++;
    }
    return count;
  });
}"""


# The boundary's plot shows the data alone (no run's boundary) and not the picture `other`: the placeholder
# hidden, points of both classes drawn, and most of the plot the page's background.
DATA_ONLY = """([other, blue, orange]) => {
  const canvas = document.getElementById("moons-boundary");
  if (!document.getElementById("moons-placeholder").hidden || canvas.toDataURL() === other) return false;
  const probe = document.createElement("canvas").getContext("2d");
  probe.fillStyle = getComputedStyle(document.body).getPropertyValue("--md-default-bg-color").trim();
  const background = [1, 3, 5].map((i) => parseInt(probe.fillStyle.slice(i, i + 2), 16));
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const near = (i, colour) => colour.every((c, j) => Math.abs(data[i + j] - c) <= 10);
  let tinted = 0, blues = 0, oranges = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (!near(i, background)) tinted++;
    if (near(i, blue)) blues++;
    if (near(i, orange)) oranges++;
  }
  return blues > 500 && oranges > 500 && tinted < 0.2 * canvas.width * canvas.height;
}"""


def data_drawn(page, other=None):
    """Wait until the boundary's plot shows the data alone, as a picture other than `other`; return it."""
    page.wait_for_function(DATA_ONLY, arg=[other, BLUE, ORANGE], timeout=TRAINING_TIMEOUT_MS)
    return page.locator("#moons-boundary").evaluate(PIXELS)


def counters(page):
    return [page.locator(f"#moons-{name}").text_content() for name in ("step", "loss", "accuracy")]


def output(page):
    return page.locator("#moons-training").get_by_role("log", name="Output")


def play_button(page):
    return page.locator("#moons-training .py-editor-run-button")


def train(page, until):
    """Train, and wait until the run has shown `until` ("3 / 3") and ended."""
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#moons-step")).to_have_text(until, timeout=TRAINING_TIMEOUT_MS)
    idle(page)


def idle(page, timeout=TRAINING_TIMEOUT_MS):
    """Wait until no run is going on (the editor's button is ▶ again, the form's Train is enabled)."""
    expect(page.locator("#moons-training .py-editor-run-button:not(.running)")).to_have_count(1, timeout=timeout)
    expect(page.get_by_role("button", name="Train", exact=True)).to_be_enabled(timeout=timeout)


def test_train_and_the_editors_run_are_one_path_to_the_notebooks_digits(page, site_server):
    open_isolated(page, site_server + "moons/")
    train = page.get_by_role("button", name="Train", exact=True)
    # Before Python is ready Train says it is busy.
    if page.evaluate("document.documentElement.dataset.mglPython") != "ready":
        expect(train).to_have_attribute("aria-busy", "true")
    train.click()  # while Python starts, the run waits for it
    expect(page.get_by_role("button", name="Pause", exact=True)).to_be_enabled()
    expect(page.locator("#moons-step")).to_have_text("100 / 100", timeout=TRAINING_TIMEOUT_MS)
    assert counters(page) == ["100 / 100", "0.0110", "100%"]
    # The plots' text alternatives say the same numbers.
    expect(page.get_by_role("img", name="Loss and accuracy by step: after step 100 / 100, loss 0.0110, "
                                        "accuracy 100%", exact=True)).to_be_visible()
    expect(page.locator("#moons-boundary")).to_have_attribute("aria-label", re.compile(
        r"^The decision boundary .*After step 100 / 100 the network classifies 100% of the training points"))
    expect(output(page)).to_contain_text(notebook_line(0))
    expect(output(page)).to_contain_text(notebook_line(99))
    idle(page)
    expect(page.locator("#moons-placeholder")).to_be_hidden()
    boundary = page.locator("#moons-boundary")
    trained = boundary.evaluate(PIXELS)
    # 32 neuron maps (16 + 16), drawn, each a picture named for screen readers
    expect(page.locator("#moons-neurons canvas")).to_have_count(32)
    maps = page.get_by_role("group", name="Each hidden neuron's output over the plane")
    expect(maps.get_by_role("img", name="layer 2, neuron 16: its output over the plane")).to_have_count(1)
    # No matplotlib: the page does not wait for it.
    assert page.evaluate("performance.getEntriesByType('resource').some(e => e.name.includes('matplotlib'))") is False

    # The editor's ▶ runs the same loop the same way: the same numbers and the same picture.
    page.locator("#moons-reset").click()
    expect(page.locator("#moons-step")).to_have_text("–")
    expect(page.locator("#moons-curves")).to_have_attribute("aria-label", "Loss and accuracy by step")
    data_drawn(page, trained)  # Reset cleared the boundary: the data alone
    expect(page.locator("#moons-neurons canvas")).to_have_count(0)
    play_button(page).click()
    expect(page.locator("#moons-step")).to_have_text("100 / 100", timeout=TRAINING_TIMEOUT_MS)
    idle(page)
    assert counters(page) == ["100 / 100", "0.0110", "100%"]
    expect(output(page)).to_contain_text(notebook_line(99))
    assert boundary.evaluate(PIXELS) == trained

    # The plot's background follows the palette: light, then dark.
    corner, background = page.locator("#moons-curves").evaluate(CORNER_AND_BACKGROUND)
    assert corner == background and sum(background) > 600
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.wait_for_function("""() => {
      const [r] = document.getElementById("moons-curves").getContext("2d").getImageData(0, 0, 1, 1).data;
      return r < 80;
    }""")
    corner, background = page.locator("#moons-curves").evaluate(CORNER_AND_BACKGROUND)
    assert corner == background and sum(background) < 200


def test_pause_stop_and_step_end_quietly_and_train_goes_on(page, site_server):
    open_isolated(page, site_server + "moons/?steps=400&hidden=8")
    expect(page.locator("#moons-steps")).to_have_value("400")  # the URL's settings
    expect(page.locator("#moons-hidden")).to_have_value("8")
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#moons-step")).to_have_text(re.compile(r"^([3-9]|\d\d+) / 400$"), timeout=TRAINING_TIMEOUT_MS)
    page.get_by_role("button", name="Pause", exact=True).click()
    expect(output(page)).to_contain_text(re.compile(r"stopped at step \d+: Train goes on from there"), timeout=10_000)
    idle(page, 10_000)
    paused_at = int(page.locator("#moons-step").text_content().split(" / ")[0])
    _, loss, accuracy = counters(page)  # the plot's name follows the training, step by step
    expect(page.locator("#moons-curves")).to_have_attribute(
        "aria-label", f"Loss and accuracy by step: after step {paused_at} / 400, loss {loss}, accuracy {accuracy}")
    assert "Traceback" not in output(page).text_content()

    # Step trains exactly one more step; then a lower learning rate and ▶: the same run goes on, to the end.
    page.get_by_role("button", name="Step", exact=True).click()
    expect(page.locator("#moons-step")).to_have_text(f"{paused_at + 1} / 400", timeout=TRAINING_TIMEOUT_MS)
    idle(page)
    page.locator("#moons-lr").fill("0.5")
    page.locator("#moons-steps").fill(str(paused_at + 4))
    play_button(page).click()
    expect(page.locator("#moons-step")).to_have_text(f"{paused_at + 4} / {paused_at + 4}", timeout=TRAINING_TIMEOUT_MS)
    idle(page)
    assert "number of parameters" not in output(page).text_content()  # went on: no new model

    # ■ during a run started by Train: a short message, no traceback; then ▶ trains fully, from the start.
    page.locator("#moons-steps").fill("400")
    page.locator("#moons-hidden").fill("8, 4")  # another network: the next run starts over
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#moons-step")).to_have_text(re.compile(r"^([2-9]|\d\d+) / 400$"), timeout=TRAINING_TIMEOUT_MS)
    play_button(page).click()  # ■
    expect(output(page)).to_contain_text(re.compile(r"stopped at step \d+"), timeout=10_000)
    idle(page, 10_000)
    assert "Traceback" not in output(page).text_content()
    page.locator("#moons-steps").fill("3")
    page.locator("#moons-hidden").fill("8")
    play_button(page).click()
    expect(page.locator("#moons-step")).to_have_text("3 / 3", timeout=TRAINING_TIMEOUT_MS)
    expect(output(page)).to_contain_text("number of parameters 33")
    assert "/moons/?" in page.url and "hidden=8" in page.url and "steps=3" in page.url  # the URL follows


INVALID = [  # field, its label on the form, what is typed, (part of) the browser's or the page's message
    ("points", "points", "1", "greater than or equal to 2"),
    ("points", "points", "501", "less than or equal to 500"),
    ("points", "points", "2.5", "valid value"),
    ("noise", "noise", "2", "less than or equal to 1"),
    ("noise", "noise", "", "fill out this field"),
    ("test", "test %", "95", "less than or equal to 90"),
    ("seed", "seed", "-1", "greater than or equal to 0"),
    ("hidden", "hidden layers", "abc", "Sizes separated by commas"),
    ("hidden", "hidden layers", "8, 8, 8, 8, 8", "Up to 4 layers"),
    ("hidden", "hidden layers", "64", "1 to 32 neurons"),
    ("l2", "L2", "-1", "greater than or equal to 0"),
    ("lr", "learning rate", "-1", "greater than or equal to 0"),
    ("steps", "steps", "0", "greater than or equal to 1"),
    ("steps", "steps", "", "fill out this field"),
    ("batch", "batch size", "200", "No more than the number of points"),
]


def refused(page, message):
    """Train and the editor's ▶ both refuse to start, each saying `message` (the status line's, which names the
    wrong field) and nothing else: the status keeps it, the editor prints it after "Not started:"."""
    status = page.locator("#moons-status")
    expect(status).to_have_text(message)
    page.get_by_role("button", name="Train", exact=True).click()
    expect(status).to_have_text(message)
    play_button(page).click()
    expect(output(page)).to_contain_text(f"Not started: {message}")
    idle(page)
    expect(status).to_have_text(message)
    assert "Traceback" not in output(page).text_content()
    assert counters(page) == ["–", "–", "–"]


def test_settings_are_checked_on_the_page_and_every_data_set_learns(page, site_server):
    # A link whose data set is not in the list: a clear message, before and after Python starts, and no traceback.
    open_isolated(page, site_server + "moons/?dataset=foo&steps=2&hidden=4")
    expect(page.locator("#moons-dataset")).to_have_attribute("aria-invalid", "")
    wait_until_page_ready(page, timeout=TRAINING_TIMEOUT_MS)
    refused(page, 'data set is not valid: "foo" (from the link) is not one of the choices.')
    expect(page.locator("#moons-placeholder")).to_be_visible()  # no data to draw
    page.locator("#moons-dataset").select_option("moons")
    expect(page.locator("#moons-status")).to_have_text("")
    boundary, curves = page.locator("#moons-boundary"), page.locator("#moons-curves")
    data_only = data_drawn(page)  # drawn at once, before any training

    # Every wrong setting, typed after a run: the run's numbers and pictures go, the status names the field as
    # the form labels it, the message is next to the field too, and neither Train nor ▶ starts.
    for name, label, typed, message in INVALID:
        train(page, "2 / 2")  # two steps: a curve needs two points
        assert boundary.evaluate(PIXELS) != data_only and curves.evaluate(COUNT_COLOUR, BLUE) > 0
        field = page.locator(f"#moons-{name}")
        good = field.input_value()
        field.fill(typed)
        expect(page.locator(f"#moons-{name}-error")).to_contain_text(message)
        expect(field).to_have_attribute("aria-invalid", "")
        expect(page.locator("#moons-status")).to_contain_text(f"{label} is not valid: ")
        expect(page.locator("#moons-status")).to_contain_text(message)
        assert counters(page) == ["–", "–", "–"], name  # the last run's numbers are gone, and its pictures
        assert curves.evaluate(COUNT_COLOUR, BLUE) == 0, name
        if name in ("points", "noise", "test", "seed"):  # no data to draw: the placeholder is back, no points
            expect(page.locator("#moons-placeholder")).to_be_visible()
            assert [boundary.evaluate(COUNT_COLOUR, colour) for colour in (BLUE, ORANGE)] == [0, 0], name
        else:  # the data alone
            assert boundary.evaluate(PIXELS) == data_only, name
        refused(page, page.locator("#moons-status").text_content())
        field.fill(good)
        expect(page.locator(f"#moons-{name}-error")).to_have_text("")
        expect(page.locator("#moons-status")).to_have_text("")
    # -0 is 0: no noise (NumPy refuses a scale of -0.0, so the page sends 0).
    page.locator("#moons-noise").fill("-0")
    train(page, "2 / 2")
    assert "Traceback" not in output(page).text_content()

    # With a batch size the accuracy shown is on all the points (as CPython computes it), not the batch's.
    page.locator("#moons-noise").fill("0.1")
    page.locator("#moons-batch").fill("10")
    page.locator("#moons-steps").fill("3")
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#moons-step")).to_have_text("3 / 3", timeout=TRAINING_TIMEOUT_MS)
    idle(page)
    np.random.seed(1337)
    random.seed(1337)
    X, y = make_moons(n_samples=100, noise=0.1)
    y = y * 2 - 1
    model = MLP(2, [4, 1], fast=True)
    for k in range(3):
        loss, batch_accuracy = svm_loss(model, X, y, batch_size=10)
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= (1.0 - 0.9 * k / 3) * p.grad
    full = np.mean((scores(model, X) > 0) == (y > 0))
    assert full != batch_accuracy  # the check can fail
    expect(page.locator("#moons-accuracy")).to_have_text(f"{round(full * 100)}%")

    # Every data set trains to better than chance, on held-out points too.
    page.locator("#moons-batch").fill("")
    page.locator("#moons-hidden").fill("16, 16")
    page.locator("#moons-steps").fill("40")
    page.locator("#moons-test").fill("20")
    page.evaluate(RECORD_LAYOUT)
    pictures = set()
    drawn = None
    for dataset in ("moons", "circles", "xor", "spiral", "blobs"):
        page.locator("#moons-dataset").select_option(dataset)
        # New data: the last run's numbers and pictures go, and the new points are drawn before any training.
        drawn = data_drawn(page, drawn)
        assert counters(page) == ["–", "–", "–"], dataset
        page.get_by_role("button", name="Train", exact=True).click()
        expect(page.locator("#moons-step")).to_have_text("40 / 40", timeout=TRAINING_TIMEOUT_MS)
        idle(page)
        accuracy = int(page.locator("#moons-accuracy").text_content().rstrip("%"))
        test_accuracy = int(page.locator("#moons-test-accuracy").text_content().rstrip("%"))
        assert accuracy >= 75 and test_accuracy >= 70, (dataset, accuracy, test_accuracy)  # chance: 50%
        # The points the page trained on and drew are that data set's, as CPython makes them.
        settings = SimpleNamespace(dataset=dataset, points=100, noise=0.1, added=[])
        np.random.seed(1337)
        X, y = make_data(settings)
        X, y, X_test, y_test = split(X, y * 2 - 1, 0.2)
        begun = page.evaluate("mglBegun")
        assert begun["train"] == _points(X, y) and begun["test"] == _points(X_test, y_test), dataset
        pictures.add(page.locator("#moons-boundary").evaluate(PIXELS))
    assert len(pictures) == 5  # five different pictures
    # A click on the plot adds a point of the chosen class, and the URL keeps it.
    page.get_by_role("radio", name="blue").check()
    page.locator("#moons-boundary").click(position={"x": 20, "y": 20})
    expect(page.locator("#moons-status")).to_contain_text("1 added")
    assert re.search(r"added=[-\d.]+%3A[-\d.]+%3A1", page.url)
    # ... and so do the keyboard's keys: the plot is a Tab stop (just before the class's radios), arrows move a
    # cross on it, Enter adds a point there.
    page.keyboard.press("Tab")
    expect(page.get_by_role("radio", name="blue")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#moons-boundary")).to_be_focused()
    drawn = page.locator("#moons-boundary").evaluate(PIXELS)
    for key in ("ArrowRight", "ArrowRight", "ArrowUp"):
        page.keyboard.press(key)
    expect(page.locator("#moons-status")).to_contain_text("Enter adds a point")
    x, y = re.search(r"^x (\S+), y (\S+):", page.locator("#moons-status").text_content()).groups()
    assert page.locator("#moons-boundary").evaluate(PIXELS) != drawn  # the cross is drawn
    page.keyboard.press("Enter")
    expect(page.locator("#moons-status")).to_contain_text("2 added")
    assert f"%3B{float(x):g}%3A{float(y):g}%3A1" in page.url, page.url
    assert "dataset=blobs" in page.url and "test=20" in page.url


def assert_cleared(page, data_only):
    """No run is shown: every counter "–", no curve, no neuron map, the boundary's plot as `data_only` (the data
    without a boundary), and no status."""
    for name in ("step", "loss", "accuracy", "test-loss", "test-accuracy"):
        expect(page.locator(f"#moons-{name}")).to_have_text("–")
    assert page.locator("#moons-boundary").evaluate(PIXELS) == data_only
    assert [page.locator("#moons-curves").evaluate(COUNT_COLOUR, colour) for colour in (BLUE, ORANGE)] == [0, 0]
    expect(page.locator("#moons-neurons canvas")).to_have_count(0)
    expect(page.locator("#moons-placeholder")).to_be_hidden()
    expect(page.locator("#moons-status")).to_have_text("")


def test_the_views_follow_each_step_and_reset_clears_them(page, site_server):
    open_isolated(page, site_server + "moons/?test=20&steps=50")
    maps, curves = page.locator("#moons-neurons canvas"), page.locator("#moons-curves")
    # The data is drawn as soon as Python is ready, before any training (as TensorFlow Playground shows it).
    data_only = data_drawn(page)
    expect(page.locator("#moons-step")).to_have_text("–")
    # One step: 32 neuron maps, drawn (most neurons are not zero all over the plane); one point of each curve.
    page.get_by_role("button", name="Step", exact=True).click()
    expect(page.locator("#moons-step")).to_have_text("1 / 50", timeout=TRAINING_TIMEOUT_MS)
    idle(page)
    expect(maps).to_have_count(32)
    assert sum(tinted > 0 for tinted in maps.evaluate_all(TINTED)) >= 16
    first = maps.evaluate_all(f"canvases => canvases.map({PIXELS})")
    assert curves.evaluate(COUNT_COLOUR, ORANGE) == 0  # a line needs two points
    # A second step: the maps change with the network, and the test curves (orange, dashed) are drawn.
    page.get_by_role("button", name="Step", exact=True).click()
    expect(page.locator("#moons-step")).to_have_text("2 / 50", timeout=TRAINING_TIMEOUT_MS)
    idle(page)
    second = maps.evaluate_all(f"canvases => canvases.map({PIXELS})")
    assert sum(a != b for a, b in zip(first, second)) >= 16
    assert curves.evaluate(COUNT_COLOUR, ORANGE) > 0
    expect(page.locator("#moons-test-loss")).to_have_text(re.compile(r"^\d+\.\d{4}$"))
    expect(page.locator("#moons-test-accuracy")).to_have_text(re.compile(r"^\d+%$"))

    # Reset after a Pause: every counter, curve, map and the boundary go, and the placeholder is back.
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#moons-step")).to_have_text(re.compile(r"^([5-9]|\d\d) / 50$"), timeout=TRAINING_TIMEOUT_MS)
    page.get_by_role("button", name="Pause", exact=True).click()
    idle(page)
    expect(page.locator("#moons-status")).to_have_text("Paused: Train goes on from here.")
    page.locator("#moons-reset").click()
    assert_cleared(page, data_only)
    # Reset during a run: cleared at once, and what the run still sends before it stops is not shown.
    page.get_by_role("button", name="Train", exact=True).click()
    expect(output(page)).to_contain_text("step 0 loss", timeout=TRAINING_TIMEOUT_MS)  # Reset: it started over
    expect(page.locator("#moons-step")).to_have_text(re.compile(r"^([3-9]|\d\d) / 50$"), timeout=TRAINING_TIMEOUT_MS)
    page.locator("#moons-reset").click()
    assert counters(page) == ["–", "–", "–"]
    idle(page)
    assert_cleared(page, data_only)
    # The next run starts over.
    page.locator("#moons-steps").fill("3")
    train(page, "3 / 3")
    expect(output(page)).to_contain_text("step 0 loss")


TYPED = {  # every kind of setting, none the default: field -> what is typed, chosen or (un)ticked
    "dataset": "circles", "points": "60", "noise": "0.05", "test": "20", "seed": "7", "hidden": "8",
    "activation": "tanh", "fast": False, "objective": "logistic", "l2": "0.001", "lr": "0.5", "schedule": False,
    "steps": "5",
}


def last_step_line(page):
    return re.search(r"step 4 loss .*", output(page).text_content()).group()


def test_a_link_reproduces_a_run(page, site_server):
    open_isolated(page, site_server + "moons/")
    for name, value in TYPED.items():
        field = page.locator(f"#moons-{name}")
        if isinstance(value, bool):
            field.set_checked(value)
        elif name in ("dataset", "activation", "objective"):
            field.select_option(value)
        else:
            field.fill(value)
    train(page, "5 / 5")
    # Two points added on the plot, one of each class; then the run the link is to reproduce.
    page.get_by_role("radio", name="blue").check()
    page.locator("#moons-boundary").click(position={"x": 30, "y": 40})
    page.get_by_role("radio", name="orange").check()
    page.locator("#moons-boundary").click(position={"x": 90, "y": 70})
    expect(page.locator("#moons-status")).to_contain_text("2 added")
    train(page, "5 / 5")
    typed_run = last_step_line(page), counters(page)
    link = page.url
    added = [[float(v) for v in p.split(":")] for p in parse_qs(urlsplit(link).query)["added"][0].split(";")]
    assert [label for _, _, label in added] == [1, 0]

    # The link, in a new page: every field as it was typed, the points, and the same run to the last digit.
    open_isolated(page, link)
    for name, value in TYPED.items():
        field = page.locator(f"#moons-{name}")
        if isinstance(value, bool):
            expect(field).to_be_checked(checked=value)
        else:
            expect(field).to_have_value(value)
    page.evaluate(RECORD_LAYOUT)
    train(page, "5 / 5")
    assert (last_step_line(page), counters(page)) == typed_run
    expect(output(page)).to_contain_text("with tanh")
    # It trained on those settings' data: 60 circles with noise 0.05 and seed 7, the two points, 20% kept aside.
    np.random.seed(7)
    X, y = make_data(SimpleNamespace(dataset="circles", points=60, noise=0.05, added=added))
    X, y, X_test, y_test = split(X, y * 2 - 1, 0.2)
    begun = page.evaluate("mglBegun")
    assert begun["train"] == _points(X, y) and begun["test"] == _points(X_test, y_test)
    assert begun["train"][-2:] == [[a, b, int(label)] for a, b, label in added]


def test_a_diverging_run_stops_with_a_clear_message(page, site_server):
    # Logistic loss at learning rate 10: the loss and the test loss overflow within a few steps.
    open_isolated(page, site_server + "moons/?objective=logistic&lr=10&schedule=false&test=20&steps=30")
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#moons-status")).to_have_text(
        "The loss diverged (it is no longer a finite number): try a smaller learning rate.", timeout=TRAINING_TIMEOUT_MS)
    idle(page)
    expect(output(page)).to_contain_text(re.compile(r"stopped at step \d+: the loss diverged"))
    assert page.locator("#moons-step").text_content() != "30 / 30"  # it stopped there
    assert page.locator("#moons-test-loss").text_content() == "–"  # no number to show (and no error on the page)
    assert "Traceback" not in output(page).text_content()


def test_the_playground_fits_a_phone(page, site_server):
    page.set_viewport_size({"width": 390, "height": 800})
    page.context.new_cdp_session(page).send("Emulation.setDeviceMetricsOverride", {
        "width": 390, "height": 800, "deviceScaleFactor": 2, "mobile": True})  # a phone's pixel density
    open_isolated(page, site_server + "moons/?steps=1")
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#moons-step")).to_have_text("1 / 1", timeout=TRAINING_TIMEOUT_MS)
    idle(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for selector in ("#moons-boundary", "#moons-curves", "#moons-train", "#moons-reset"):
        box = page.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, selector
    # drawn at the screen's pixel density: the bitmap is the box times devicePixelRatio
    size = page.locator("#moons-boundary").evaluate("c => [c.width, c.getBoundingClientRect().width, devicePixelRatio]")
    assert size[2] == 2 and abs(size[0] - size[1] * 2) <= 1


# Which of the playground's parts lie (wholly) outside the screen, below Material's header.
OFF_SCREEN = """() => {
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  return ["#moons-boundary", "#moons-curves", ".mgl-counters", "#moons-pause"].filter((selector) => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return box.top < header - 1 || box.bottom > innerHeight + 1;
  });
}"""
# The loss chart's points outside its axes (what drawCurves drew, as it left it on the canvas).
OUTSIDE_AXES = """canvas => {
  const { panel, points } = canvas.mglDrawn;
  const outside = points.filter(([x, y]) => !(x >= panel.left - 0.5 && x <= panel.right + 0.5
    && y >= panel.top - 0.5 && y <= panel.bottom + 0.5));
  return [points.length, outside];
}"""


def test_the_playground_is_watched_on_one_screen_and_its_chart_keeps_every_point(page, site_server):
    """At 1366×900 Train brings the buttons, counters, boundary and loss chart on screen together, and they stay
    there while it trains; the chart scales to what it draws with the logistic loss, a learning rate that blows the
    loss up (which the page says) and the notebook's run, whose data loss reaches 0 (drawn, and said so)."""
    page.set_viewport_size({"width": 1366, "height": 900})
    open_isolated(page, site_server + "moons/?objective=logistic")
    curves = page.locator("#moons-curves")
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#moons-step")).to_have_text(re.compile(r"^([5-9]|\d\d) / 100$"), timeout=TRAINING_TIMEOUT_MS)
    page.wait_for_function(f"() => ({OFF_SCREEN})().length === 0", timeout=5000)  # after a smooth scroll
    for _ in range(3):  # ... and while the run goes on
        assert page.evaluate(OFF_SCREEN) == []
        page.wait_for_timeout(300)
    expect(page.locator("#moons-step")).to_have_text("100 / 100", timeout=TRAINING_TIMEOUT_MS)
    idle(page)
    drawn, outside = curves.evaluate(OUTSIDE_AXES)
    assert drawn >= 200 and outside == [], outside  # loss and accuracy, 100 steps each

    page.locator("#moons-objective").select_option("max-margin")
    page.locator("#moons-lr").fill("10")
    train(page, "100 / 100")
    expect(page.locator("#moons-status")).to_contain_text("The loss blew up")
    expect(page.locator("#moons-status")).to_contain_text("try a smaller one")
    drawn, outside = curves.evaluate(OUTSIDE_AXES)
    assert drawn >= 100 and outside == [], outside

    page.get_by_role("button", name="Defaults", exact=True).click()
    train(page, "100 / 100")
    expect(page.locator("#moons-status")).to_have_text("")
    drawn, outside = curves.evaluate(OUTSIDE_AXES)
    assert drawn == 200 and outside == [], (drawn, outside)  # every step's loss, 0 included, and accuracy


def test_a_links_added_points_are_checked_like_the_other_settings(page, site_server):
    """NaN, infinity, a far-off point (±1e308) and a class the data sets do not have (7, -3) are refused in words,
    not dropped, trained as other classes, or blamed on the learning rate; Defaults clears them."""
    open_isolated(page, site_server + "moons/?steps=2&added=0.5:0.5:1;1:NaN:0;1e308:0:0;1:1:7;0:0:-3;Infinity:1:1")
    wait_until_page_ready(page, timeout=TRAINING_TIMEOUT_MS)
    refused(page, 'added points are not valid: "1:NaN:0" (from the link) is not x:y:label with x and y between -10 '
                  'and 10 and a label of 0 or 1 (and 4 more). Defaults clears them.')
    expect(page.locator("#moons-placeholder")).to_be_visible()  # no data drawn from them
    page.get_by_role("button", name="Defaults", exact=True).click()
    expect(page.locator("#moons-status")).to_have_text("")
    data_drawn(page)
    assert "added" not in page.url
