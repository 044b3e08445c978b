"""The tiny GPT page (docs/gpt.md) in CPython: its editors run in order, the functions it shows are the model's
own, and its playground (site_src/pyodide/modules/gpt_live.py) trains, pauses and goes on, against a stand-in for
the page (tests/helpers/gpt_page.py). The browser test (tests/e2e/test_gpt.py) checks the same in Chromium."""

import ast
import inspect
import math

import pytest

import gpt_live
import tinygpt
from course_pages import run
from gpt_page import EDITORS, TRAINING, Page, run_editor


@pytest.fixture
def namespace(monkeypatch):
    monkeypatch.setattr(gpt_live, "_paused", None)
    return {"__name__": "__main__"}


def test_every_function_the_page_shows_is_the_models_own():
    shown = {}
    for code in EDITORS:
        for node in ast.parse(code).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("my_"):
                shown[node.name] = ast.get_source_segment(code, node)
    assert set(shown) == {"rmsnorm", "attention", "gpt", "cross_entropy", "Adam"}
    for name, source in shown.items():
        assert source == inspect.getsource(getattr(tinygpt, name)).rstrip(), name


def test_the_pages_editors_run_in_order_with_a_short_training(namespace):
    outputs = []
    page = Page(steps=20)
    for code in EDITORS:
        outputs.append(run_editor(page, code, namespace) if code is TRAINING else run(code, namespace))
    printed = "\n".join(outputs)
    assert "Error" not in printed.replace("❌ Not yet", "")
    assert "5163 names" in printed and "4192 parameters" in printed
    assert "position 3: 27 logits, the same" in printed and "position 4: 27 logits, different" in printed
    assert page.ended == "done" and [s["k"] for s in page.steps] == list(range(20))
    measured = [s for s in page.steps if "val" in s]
    assert [s["k"] for s in measured] == [0, 19]
    assert measured[-1]["val"] < measured[0]["val"] < math.log(27) + 0.1
    assert len(measured[-1]["samples"]) == gpt_live.SAMPLES and measured[-1]["temperature"] == 0.8
    grad_check = next(out for out in outputs if "finite differences:" in out)
    assert float(grad_check.split("relative difference")[1]) < 1e-5


def test_a_paused_run_goes_on_to_the_same_numbers(namespace):
    whole = Page(steps=12)
    run_editor(whole, TRAINING, dict(namespace))
    first = Page(steps=12, stop_after=5)
    out = run_editor(first, TRAINING, namespace)
    assert out.rstrip().endswith("stopped at step 5: Train goes on from there") and first.ended == "paused"
    rest = Page(steps=12, resume=True)
    out = run_editor(rest, TRAINING, namespace)
    assert "parameters" not in out and not rest.begun["fresh"]  # the same model went on
    assert [s["loss"] for s in first.steps + rest.steps] == [s["loss"] for s in whole.steps]


def test_a_wrong_setting_starts_nothing_and_says_why(namespace):
    page = Page(error="steps is not valid: Value must be greater than or equal to 1.")
    out = run_editor(page, TRAINING, namespace)
    assert out.strip() == "Not started: steps is not valid: Value must be greater than or equal to 1."
    assert page.ended == "invalid" and not page.steps


def test_without_a_page_the_notebook_trains_with_the_defaults_and_prints(monkeypatch, namespace):
    monkeypatch.setitem(gpt_live.DEFAULT_SETTINGS, "steps", 3)
    out = run(TRAINING, namespace)
    assert "4192 parameters" in out and out.count("validation loss") == 2 and "step 3:" in out
