"""The moons playground's Python (site_src/pyodide/modules/moons_live.py), with the page's training code as the
page has it (docs/moons.md), run in CPython against a stand-in for the page (moons.js's side of the conversation).

The browser tests (tests/e2e/test_moons.py) check the same paths in Chromium; these run in a second and say
exactly which numbers a pause, a wrong setting or a data set gives."""

import random
import types

import numpy as np
import pytest

import moons_live
from expected import NOTEBOOK, notebook_line
from moons_page import GRAPH, TRAINING, Page, run_editor
from micrograd.demo import layer_outputs, logistic_loss, scores, svm_loss
from micrograd.engine import Value
from micrograd.graph import trace


@pytest.fixture
def run_page(monkeypatch):
    """Runs the page's training code with a stand-in page; returns what it printed. The namespace is kept between
    calls, as the page's editors keep theirs."""
    namespace = {"__name__": "__main__"}

    def run(page, code=TRAINING):
        return run_editor(page, code, namespace)

    monkeypatch.setattr(moons_live, "_paused", None)
    run.namespace = namespace
    return run


def test_the_defaults_give_the_notebooks_digits_and_every_step_is_shown(run_page):
    page = Page()
    out = run_page(page)
    assert notebook_line(0) in out and notebook_line(99) in out
    assert page.ended == "done" and len(page.steps) == 100 and page.begun["fresh"]
    last = page.steps[-1]
    assert last["k"] == 99 and (last["loss"], last["train"][1]) == NOTEBOOK[99]
    assert last["test"] is None
    assert [len(layer) for layer in last["neurons"]] == [16 * 24 * 24 * 4 // 3] * 2  # base64 of a byte a point
    # The graph editor below the playground draws from the trained names: one neuron (6 nodes), a point's loss.
    run_page(page, GRAPH)
    names = run_page.namespace
    assert len(trace(names["neuron"](names["x"]))[0]) == 6
    assert len(trace(names["loss"])[0]) == 379 and names["loss"].data >= 0


def test_a_paused_run_goes_on_to_the_same_numbers(run_page):
    page = Page(stop_after=37)
    out = run_page(page)
    assert out.rstrip().endswith("stopped at step 37: Train goes on from there")
    assert page.ended == "paused" and len(page.steps) == 37
    # Train again (moons.js sends resume: true), with the same data and network: steps 37..99, no new model.
    page = Page(resume=True)
    out = run_page(page)
    assert "number of parameters" not in out and not page.begun["fresh"]
    assert [s["k"] for s in page.steps] == list(range(37, 100))
    assert notebook_line(99) in out  # as if never paused
    # Step trains one step; a different network (another model_key) starts over even when asked to resume.
    run_page(Page(stop_after=5))
    page = Page(resume=True, step_once=True)
    run_page(page)
    assert [s["k"] for s in page.steps] == [5] and page.ended == "paused"
    page = Page(resume=True, model_key="another network", steps=2)
    out = run_page(page)
    assert "number of parameters" in out and [s["k"] for s in page.steps] == [0, 1]


def test_a_wrong_setting_ends_the_run_before_it_starts_without_a_traceback(run_page):
    page = Page(invalid=True)
    out = run_page(page)
    assert out == "Not started: a setting above is not valid: its message says why\n"
    assert page.ended == "failed" and page.steps == []


def test_a_keyboard_interrupt_ends_the_run_with_a_short_line(run_page):
    page = Page(steps=5)
    page.step = lambda payload: (_ for _ in ()).throw(KeyboardInterrupt)  # ■ when Stop was not heard
    out = run_page(page)
    assert out.rstrip().endswith("stopped at step 1") and page.ended == "stopped"  # its update was made
    assert moons_live._paused is None  # the model may be half updated: the next run starts over


def test_the_accuracy_shown_is_on_all_the_points_with_a_batch_size(run_page):
    page = Page(batch_size=10, steps=3, hidden=[4])
    out = run_page(page)
    model, X, y = (run_page.namespace[name] for name in ("model", "X", "y"))
    full = np.mean((scores(model, X) > 0) == (y > 0))
    assert page.steps[-1]["train"][1] == full
    assert f"accuracy {full * 100}%" not in out.splitlines()[-1]  # the batch's accuracy differs: the test can fail


@pytest.mark.parametrize("dataset", ["moons", "circles", "xor", "spiral", "blobs"])
def test_every_data_set_trains_to_better_than_chance(run_page, dataset):
    page = Page(dataset=dataset, steps=40, test_fraction=0.2)
    run_page(page)
    train_accuracy, test_accuracy = page.steps[-1]["train"][1], page.steps[-1]["test"][1]
    assert train_accuracy >= 0.75 and test_accuracy >= 0.7, (train_accuracy, test_accuracy)
    assert len(page.begun["train"]) == 80 and len(page.begun["test"]) == 20


def test_data_sets_are_seeded_by_numpy_and_take_the_readers_points():
    settings = types.SimpleNamespace(dataset="spiral", points=50, noise=0.1, added=[[0.5, -0.5, 1]])
    np.random.seed(3)
    X, y = moons_live.make_data(settings)
    np.random.seed(3)
    X2, y2 = moons_live.make_data(settings)
    assert np.array_equal(X, X2) and np.array_equal(y, y2) and X.shape == (51, 2)
    assert X[-1].tolist() == [0.5, -0.5] and y[-1] == 1 and sorted(set(y.tolist())) == [0, 1]
    with pytest.raises(ValueError, match="unknown data set"):
        moons_live.make_data(types.SimpleNamespace(dataset="swiss roll", points=5, noise=0, added=[]))
    X_train, y_train, X_test, y_test = moons_live.split(X, y, 0.2)
    assert len(X_test) == 10 and len(X_train) == 41 and X_train[-1].tolist() == [0.5, -0.5]  # added: trained on


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("fast", [False, True])
def test_layer_outputs_are_the_models_own_numbers(activation, fast):
    random.seed(1)
    model = moons_live.MLP(2, [5, 3, 1], activation=activation, fast=fast)
    points = np.random.RandomState(0).normal(size=(20, 2))
    outputs = layer_outputs(model, points)
    assert [o.shape for o in outputs] == [(20, 5), (20, 3), (20, 1)]
    for point, score in zip(points, outputs[-1][:, 0]):
        expected = model([Value(v) for v in point]).data
        assert score == expected if activation == "relu" else score == pytest.approx(expected, rel=1e-12)
    hidden = outputs[0]
    if activation == "sigmoid":
        assert hidden.min() > 0 and hidden.max() < 1
    if activation == "tanh":
        assert hidden.min() > -1 and hidden.min() < 0


def test_logistic_loss_is_log_one_plus_exp_of_minus_the_margin():
    random.seed(2)
    model = moons_live.MLP(2, [4, 1])
    X, y = [[0.5, -1.0], [2.0, 0.3]], [1, -1]
    loss, accuracy = logistic_loss(model, X, y, alpha=0)
    s = scores(model, X)
    assert loss.data == pytest.approx(np.mean(np.log1p(np.exp(-np.array(y) * s))), rel=1e-12)
    svm, _ = svm_loss(model, X, y, alpha=0)
    assert svm.data == pytest.approx(np.mean(np.maximum(0, 1 - np.array(y) * s)), rel=1e-12)
    loss.backward()
    assert any(p.grad != 0 for p in model.parameters())
