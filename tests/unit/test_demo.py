"""The demo notebook's training, reproduced number for number."""
import random

import numpy as np
import pytest

import karpathy
from expected import NOTEBOOK
from micrograd.data import make_moons
from micrograd.demo import learning_rate, mesh, scores, sgd_step, svm_loss, train
from micrograd.engine import Value
from micrograd.nn import MLP



def notebook_setup(fast):
    np.random.seed(1337)
    random.seed(1337)
    X, y = make_moons(n_samples=100, noise=0.1)
    y = y*2 - 1
    return MLP(2, [16, 16, 1], fast=fast), X, y


@pytest.mark.parametrize('fast, tol', [(False, 1e-12), (True, 1e-9)])
def test_notebook_trajectory(fast, tol):
    model, X, y = notebook_setup(fast)
    seen = {k: (loss, acc) for k, loss, acc in train(model, X, y)}
    assert len(seen) == 100
    for k, (loss, acc) in NOTEBOOK.items():
        assert seen[k][0] == pytest.approx(loss, abs=tol, rel=0)
        assert seen[k][1] == acc


def test_svm_loss_is_the_notebooks_loss():
    model, X, y = notebook_setup(fast=False)
    loss, acc = svm_loss(model, X, y)
    assert (loss.data, acc) == NOTEBOOK[0]
    # the notebook's loss() as typed there, on numpy inputs as in the notebook
    assert karpathy.notebook_loss(model, Value, X, y).data == loss.data
    # and on karpathy's own micrograd, from the same weights
    reference = karpathy.load()
    random.seed(1337)
    ref_model = reference.nn.MLP(2, [16, 16, 1])
    assert karpathy.notebook_loss(ref_model, reference.engine.Value, X, y).data == loss.data
    # plain lists give the same
    assert svm_loss(model, X.tolist(), y.tolist())[0].data == loss.data


def test_fast_loss_uses_nary_sums():
    model, X, y = notebook_setup(fast=True)
    loss, acc = svm_loss(model, X, y)
    assert (loss.data, acc) == NOTEBOOK[0]
    data_loss, reg_loss = loss._prev
    assert data_loss._prev[0]._op == 'sum' and reg_loss._prev[0]._op == 'sum'


def test_one_step_by_hand():
    model, X, y = notebook_setup(fast=False)
    loss, _ = svm_loss(model, X, y)
    model.zero_grad()
    loss.backward()
    sgd_step(model, learning_rate(0))
    assert svm_loss(model, X, y)[0].data == pytest.approx(NOTEBOOK[1][0], abs=1e-12)
    assert learning_rate(0) == 1.0 and learning_rate(50) == 0.55


def test_minibatch():
    model, X, y = notebook_setup(fast=True)
    random.seed(0)
    loss, acc = svm_loss(model, X, y, batch_size=10)
    assert len(loss._prev[0]._prev[0]._prev) == 10  # ten per-point losses in the sum
    assert acc in {right / 10 for right in range(11)}  # the accuracy of those ten points, not of all 100


def test_minibatch_picks_the_notebooks_points():
    """batch_size draws np.random.permutation(len(X))[:batch_size], as the notebook's loss() does."""
    import numpy as np

    model, X, y = notebook_setup(fast=True)
    np.random.seed(7)
    loss, acc = svm_loss(model, X, y, batch_size=10)
    np.random.seed(7)
    ri = np.random.permutation(len(X))[:10]
    expected, expected_acc = svm_loss(model, np.asarray(X)[ri], np.asarray(y)[ri])
    assert loss.data == expected.data and acc == expected_acc


def test_mesh_is_the_notebooks_grid():
    X = np.array([[0.0, 0.0], [1.0, 0.5]])
    xx, yy = mesh(X)
    assert xx.shape == yy.shape == (10, 12)  # every 0.25, x from -1 up to 2, y from -1 up to 1.5 (ends left out)
    assert (xx[0, 0], yy[0, 0], xx[0, -1], yy[-1, 0]) == (-1.0, -1.0, 1.75, 1.25)


@pytest.mark.parametrize('fast', [False, True])
def test_scores_are_the_models_own_numbers(fast):
    """The decision boundary's scores, computed for all points at once, equal the graph's, bit for bit."""
    model, X, y = notebook_setup(fast)
    for _ in train(model, X, y, steps=3):  # trained a little: biases are no longer 0, some ReLUs are off
        pass
    xx, yy = mesh(X)
    grid = np.c_[xx.ravel(), yy.ravel()]
    expected = [model(list(map(Value, point))).data for point in grid]
    got = scores(model, grid)
    assert got.tolist() == expected
    assert 0 < (got > 0).sum() < len(grid)  # the boundary crosses the grid


def test_scores_of_any_other_model():
    def model(x):
        return 2*x[0] - x[1]
    assert scores(model, [[1, 1], [0, 3]]).tolist() == [1.0, -3.0]
