"""The moons playground's Python (site_src/pyodide/modules/moons_live.py), with the page's training code as the
page has it (docs/moons.md), run in CPython against a stand-in for the page (moons.js's side of the conversation).

The browser tests (tests/e2e/test_moons.py) check the same paths in Chromium; these run in a second and say
exactly which numbers a pause, a wrong setting or a data set gives."""

import json
import random
import re
import types

import numpy as np
import pytest

import moons_live
from expected import NOTEBOOK, notebook_line
from micrograd.data import make_moons
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
    page = Page(error="noise is not valid: Value must be less than or equal to 1.")
    out = run_page(page)
    assert out == "Not started: noise is not valid: Value must be less than or equal to 1.\n"
    assert page.ended == "invalid" and page.steps == []  # the page keeps its message (not "the code failed")


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


def test_the_data_drawn_before_training_is_what_the_training_code_trains_on(run_page):
    """moons.js draws `preview`'s points as soon as Python is ready; the run that Train then starts begins with the
    very same points and extent, and the preview leaves both generators as they were (a paused run taken up after
    it draws the same batches)."""
    data_settings = {"dataset": "spiral", "points": 60, "noise": 0.2, "seed": 5, "test_fraction": 0.25,
                     "added": [[0.5, -0.5, 1]]}
    np.random.seed(11)
    random.seed(11)
    before = np.random.get_state()[1].copy(), random.getstate()
    drawn = json.loads(moons_live.preview(json.dumps(data_settings)))
    assert np.array_equal(np.random.get_state()[1], before[0]) and random.getstate() == before[1]
    page = Page(steps=1, **data_settings)
    run_page(page)
    begun = {key: page.begun[key] for key in drawn}
    assert drawn == begun and len(drawn["train"]) == 46 and len(drawn["test"]) == 15


DATASETS = ["moons", "circles", "xor", "spiral", "blobs"]


def data(dataset, points=400, noise=0.0, seed=0):
    """make_data's points for these settings, NumPy's generator seeded as the page's code seeds it."""
    np.random.seed(seed)
    return moons_live.make_data(types.SimpleNamespace(dataset=dataset, points=points, noise=noise, added=[]))


def test_moons_are_the_notebooks():
    X, y = data("moons", points=100, noise=0.1, seed=1337)
    np.random.seed(1337)
    X_notebook, y_notebook = make_moons(n_samples=100, noise=0.1)
    assert np.array_equal(X, X_notebook) and np.array_equal(y, y_notebook)
    # Without noise: class 0 on the upper half of the unit circle, class 1 on the lower half of the one at (1, 0.5).
    X, y = data("moons")
    (a, b), (c, d) = X[y == 0].T, X[y == 1].T
    assert np.allclose(np.hypot(a, b), 1) and b.min() >= 0
    assert np.allclose(np.hypot(c - 1, d - 0.5), 1) and d.max() <= 0.5


def test_circles_are_a_ring_of_radius_1_around_one_of_radius_half():
    X, y = data("circles")
    radius = np.hypot(*X.T)
    assert np.allclose(radius[y == 0], 1) and np.allclose(radius[y == 1], 0.5)
    for ring in (X[y == 0], X[y == 1]):  # all the way round: every quadrant has points
        assert len({(bool(a > 0), bool(b > 0)) for a, b in ring}) == 4


def test_xor_labels_are_the_sign_of_x_times_the_sign_of_y():
    X, y = data("xor")
    assert np.array_equal(y, np.sign(X[:, 0]) * np.sign(X[:, 1]) > 0)
    assert np.abs(X).min() >= 0.1 and np.abs(X).max() <= 1.1  # a gap of 0.1 along the axes
    assert {(bool(a > 0), bool(b > 0)) for a, b in X} == {(True, True), (True, False), (False, True), (False, False)}


def test_spiral_is_two_arms_each_half_a_turn_from_the_other():
    X, y = data("spiral")
    radius, angle = np.hypot(*X.T), np.arctan2(X[:, 1], X[:, 0])
    assert 0.375 <= radius.min() and radius.max() <= 1.5  # from near the centre out, more than a full turn
    # arm 0 is at angle 2π·radius, arm 1 half a turn further: each point on its own arm, off the other one
    off = np.abs(np.angle(np.exp(1j * (angle - 2 * np.pi * radius - np.pi * y))))
    assert off.max() < 1e-9
    assert np.abs(np.angle(np.exp(1j * (angle - 2 * np.pi * radius - np.pi * (1 - y))))).min() > np.pi - 1e-9


def test_blobs_are_two_clouds_around_minus_and_plus_0_7():
    X, y = data("blobs")
    assert np.allclose(X[y == 0].mean(axis=0), -0.7, atol=0.1) and np.allclose(X[y == 1].mean(axis=0), 0.7, atol=0.1)
    assert np.allclose(X.std(axis=0, where=(y == 0)[:, None]), 0.35, rtol=0.2)


@pytest.mark.parametrize("dataset", DATASETS)
def test_every_data_set_takes_its_size_and_noise(dataset):
    for points in (2, 7, 100):
        X, y = data(dataset, points=points)
        assert X.shape == (points, 2) and y.shape == (points,) and set(y.tolist()) <= {0, 1}
        if dataset != "xor":  # half and half (XOR's labels are its points' quadrants)
            assert sorted(np.bincount(y)) == [points // 2, points - points // 2]
    # The same seed draws the same shape, then the noise: Gaussian, with the standard deviation asked for.
    X, y = data(dataset)
    X_noisy, y_noisy = data(dataset, noise=0.2)
    assert np.array_equal(y, y_noisy)
    assert np.std(X_noisy - X) == pytest.approx(0.2, rel=0.1) and abs(np.mean(X_noisy - X)) < 0.03


def test_the_five_data_sets_differ():
    sets = {dataset: data(dataset, points=100, noise=0.1, seed=1337) for dataset in DATASETS}
    for i, first in enumerate(DATASETS):
        for second in DATASETS[i + 1:]:
            assert not np.allclose(sets[first][0], sets[second][0]), (first, second)


@pytest.mark.parametrize("loss, activation, l2", [
    ("logistic", "relu", 0.0001), ("logistic", "tanh", 0.01), ("logistic", "sigmoid", 0),
    ("max-margin", "tanh", 0.1), ("max-margin", "sigmoid", 0.01),
])
def test_each_loss_activation_and_l2_trains_through_the_pages_code(run_page, loss, activation, l2):
    page = Page(loss=loss, activation=activation, l2=l2, learning_rate=0.5, steps=10, test_fraction=0.2)
    out = run_page(page)
    model = run_page.namespace["model"]
    assert model.activation == activation
    assert ("ReLUNeuron" if activation == "relu" else f"with {activation}") in out.splitlines()[0]  # print(model)
    # Step 0's loss is the one asked for, with that L2, of a fresh network: CPython's, to the last digit.
    np.random.seed(1337)
    random.seed(1337)
    X, y = moons_live.make_data(types.SimpleNamespace(dataset="moons", points=100, noise=0.1, added=[]))
    X, y, _, _ = moons_live.split(X, y * 2 - 1, 0.2)
    fresh = moons_live.MLP(2, [16, 16, 1], activation=activation, fast=True)
    loss_function = logistic_loss if loss == "logistic" else svm_loss
    assert page.steps[0]["loss"] == loss_function(fresh, X, y, alpha=l2)[0].data
    # ...and it trains: finite numbers, a lower loss after ten steps, on the training and the test points.
    losses = [s["loss"] for s in page.steps]
    assert all(np.isfinite(losses)) and losses[-1] < 0.9 * losses[0] and page.ended == "done"
    (train_loss, train_accuracy), (test_loss, test_accuracy) = page.steps[-1]["train"], page.steps[-1]["test"]
    assert np.isfinite([train_loss, test_loss]).all() and train_accuracy > 0.7 and test_accuracy > 0.7


def test_l2_pulls_the_weights_towards_zero(run_page):
    sizes = {}
    for l2 in (0, 0.1):
        run_page(Page(l2=l2, steps=20, hidden=[8]))
        sizes[l2] = sum(p.data**2 for p in run_page.namespace["model"].parameters())
    assert sizes[0.1] < 0.5 * sizes[0]


def test_a_diverging_run_stops_with_a_short_line(run_page):
    page = Page(loss="logistic", learning_rate=10, schedule=False, test_fraction=0.2, steps=30)
    out = run_page(page)
    last = page.steps[-1]
    assert len(page.steps) < 30 and page.ended == "diverged" and moons_live._paused is None  # Train starts over
    said = rf"stopped at step {len(page.steps)}: the loss diverged \(it is (inf|nan)\): try a smaller learning rate"
    assert re.fullmatch(said, out.splitlines()[-1])
    assert last["loss"] is None and last["test"][0] is None  # JSON has no nan: the page shows "–"
    assert all(len(layer) == 16 * 24 * 24 * 4 // 3 for layer in last["neurons"])  # still pictures, of zeros


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
