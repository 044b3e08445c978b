"""The training in micrograd's demo notebook, as functions to reuse.

A network learns to separate the two half-moons of `make_moons`: labels are
-1 and +1, the loss is the SVM "max-margin" loss plus L2 regularization, and
plain stochastic gradient descent takes 100 steps with a falling learning rate.

Example:
    The notebook's run, 100 steps:

    >>> import random
    >>> import numpy as np
    >>> from micrograd.data import make_moons
    >>> from micrograd.nn import MLP
    >>> np.random.seed(1337); random.seed(1337)
    >>> X, y = make_moons(n_samples=100, noise=0.1)
    >>> y = y*2 - 1  # labels -1 and +1
    >>> model = MLP(2, [16, 16, 1])
    >>> for k, loss, acc in train(model, X, y):
    ...     if k in (0, 99):
    ...         print(f"step {k} loss {loss}, accuracy {acc*100}%")
    step 0 loss 0.8958441028683222, accuracy 50.0%
    step 99 loss 0.010978370135492717, accuracy 100.0%
"""
import gc

from micrograd.engine import Value


def svm_loss(model, X, y, alpha=1e-4, batch_size=None):
    """The notebook's `loss()`: max-margin loss plus L2 regularization.

    Builds exactly the notebook's graph, so it gives the notebook's numbers. For a
    model built with `fast=True` the two big sums are one `Value.sum` node each
    (same numbers, smaller graph).

    Args:
        model: a callable taking a list of Values, e.g. `MLP(2, [16, 16, 1])`.
        X: points, a list of `[x1, x2]` rows or a numpy array.
        y: labels, -1 or +1, a list or a numpy array.
        alpha: strength of the L2 regularization.
        batch_size: if given, use that many points, picked as the notebook
            does: `np.random.permutation(len(X))[:batch_size]` (so this needs
            NumPy, and draws from NumPy's global random state).

    Returns:
        `(total_loss, accuracy)`: a Value to call `backward()` on, and the
        fraction of points on the right side of the boundary.
    """
    X = [[float(v) for v in row] for row in X]  # numpy numbers -> Python numbers
    y = [float(v) for v in y]
    if batch_size is None:
        Xb, yb = X, y
    else:
        import numpy as np

        ri = np.random.permutation(len(X))[:batch_size]
        Xb, yb = [X[i] for i in ri], [y[i] for i in ri]
    total = Value.sum if getattr(model, 'fast', False) else sum

    inputs = [list(map(Value, xrow)) for xrow in Xb]
    scores = list(map(model, inputs))
    losses = [(1 + -yi*scorei).relu() for yi, scorei in zip(yb, scores)]
    data_loss = total(losses) * (1.0 / len(losses))
    reg_loss = alpha * total((p*p for p in model.parameters()))
    total_loss = data_loss + reg_loss

    accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(yb, scores)]
    return total_loss, sum(accuracy) / len(accuracy)


def learning_rate(k, steps=100):
    """The notebook's schedule: 1.0 at the first step, falling linearly towards 0.1."""
    return 1.0 - 0.9*k/steps


def sgd_step(model, lr):
    """One step of gradient descent: nudge every parameter against its gradient."""
    for p in model.parameters():
        p.data -= lr * p.grad


def train(model, X, y, steps=100, alpha=1e-4, batch_size=None):
    """The notebook's training loop, one step at a time.

    Each step computes the loss, zeroes the gradients, backpropagates and
    updates the parameters with `learning_rate(k, steps)`.

    While a step runs, Python's cycle collector is paused. It hunts for groups
    of objects that refer to each other in a circle; a graph of our Values has
    no circles (parents point to children, never back), so the hunt finds
    nothing, yet it keeps re-scanning the tens of thousands of new nodes, which
    would double the time of a step. Between steps it runs as usual.

    Yields:
        `(k, loss, accuracy)` for step k, the loss (a float) measured before
        that step's update, as the notebook prints it.
    """
    for k in range(steps):
        collecting = gc.isenabled()
        gc.disable()
        try:
            total_loss, acc = svm_loss(model, X, y, alpha, batch_size)
            model.zero_grad()
            total_loss.backward()
            sgd_step(model, learning_rate(k, steps))
            loss = total_loss.data
            del total_loss  # free this step's graph now, without the collector's help
        finally:
            if collecting:
                gc.enable()
        yield k, loss, acc
