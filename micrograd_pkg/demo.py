"""The training in micrograd's demo notebook, as functions to reuse.

A network learns to separate the two half-moons of `make_moons`: labels are
-1 and +1, the loss is the SVM "max-margin" loss plus L2 regularization, and
plain stochastic gradient descent takes 100 steps with a falling learning rate.
`mesh` and `scores` give the notebook's picture of the decision boundary.

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
from micrograd.nn import MLP


def svm_loss(model, X, y, alpha=1e-4, batch_size=None):
    """The notebook's `loss()`: max-margin loss plus L2 regularization.

    A point's max-margin loss is `relu(1 - y*score)`: zero once it is on its side
    with a margin of at least 1.

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
    return _loss(model, X, y, alpha, batch_size, lambda yi, score: (1 + -yi*score).relu())


def logistic_loss(model, X, y, alpha=1e-4, batch_size=None):
    """Like `svm_loss`, with the logistic loss of a point, `log(1 + exp(-y*score))`:
    never quite zero, so even confidently right points keep pulling, a little.
    Same arguments and return value as `svm_loss`."""
    return _loss(model, X, y, alpha, batch_size, lambda yi, score: ((-yi*score).exp() + 1).log())


def _loss(model, X, y, alpha, batch_size, point_loss):
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
    losses = [point_loss(yi, scorei) for yi, scorei in zip(yb, scores)]
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


def mesh(X, h=0.25):
    """The notebook's grid for drawing the decision boundary: a point every `h`,
    from one unit left of (and below) the data to one unit beyond it.

    Returns:
        `(xx, yy)`, the two coordinate arrays of `np.meshgrid`.
    """
    import numpy as np

    X = np.asarray(X, dtype=float)
    x_min, x_max = X[:, 0].min() - 1, X[:, 0].max() + 1
    y_min, y_max = X[:, 1].min() - 1, X[:, 1].max() + 1
    return np.meshgrid(np.arange(x_min, x_max, h), np.arange(y_min, y_max, h))


def scores(model, points):
    """The model's score at every point, as a NumPy array of floats, without building a graph.

    The numbers are exactly those of `model([Value(x1), Value(x2)]).data`,
    point by point, as the notebook computes them to draw the decision
    boundary; they are just faster to get. For an `MLP`, each layer works on
    all the points at once: a neuron's `b + w1*x1 + w2*x2 + ...` adds one term
    at a time for every point, in the order `Value.dot` and micrograd's chain of
    `+` nodes add them, so every rounding is the same, and ReLU is the same
    `0 if x < 0 else x`. Any other model is called point by point.

    Args:
        model: a callable taking a list of Values and returning one Value.
        points: an array of shape `(n, number of inputs)`.
    """
    import numpy as np

    points = np.asarray(points, dtype=float)
    if not isinstance(model, MLP):
        return np.array([model(list(map(Value, point))).data for point in points], dtype=float)
    return layer_outputs(model, points)[-1][:, 0]


def layer_outputs(model, points):
    """Every neuron's output at every point, layer by layer, as `scores` computes them: for an `MLP`,
    a list with one array per layer, of shape `(number of points, neurons in the layer)`.

    A neuron with an `activation` attribute (`'relu'`, `'tanh'` or `'sigmoid'`, as the moons
    playground's hidden neurons have) gets that function; others get ReLU if `nonlin`, else none.
    """
    import numpy as np

    x = np.asarray(points, dtype=float)  # a layer's inputs: one row per point
    outputs = []
    for layer in model.layers:
        neurons = layer.neurons
        W = np.array([[w.data for w in n.w] for n in neurons], dtype=float)  # one row per neuron
        act = np.tile(np.array([n.b.data for n in neurons], dtype=float), (len(x), 1))
        for j in range(W.shape[1]):
            act = act + x[:, j:j + 1] * W[:, j]  # term j of every neuron, at every point
        x = act.copy()
        for i, n in enumerate(neurons):
            kind = getattr(n, 'activation', 'relu' if n.nonlin else None)
            if kind is not None:
                x[:, i] = _activation(kind, act[:, i])
        outputs.append(x)
    return outputs


def _activation(kind, a):
    """An activation on a NumPy array, as the engine's Value methods compute it."""
    import numpy as np

    if kind == 'relu':
        return np.where(a < 0, 0.0, a)  # as Value.relu: 0 if x < 0 else x
    if kind == 'tanh':
        return np.tanh(a)
    if kind == 'sigmoid':
        e = np.exp(-np.abs(a))  # written so that exp cannot overflow, as Value.sigmoid
        return np.where(a >= 0, 1 / (1 + e), e / (1 + e))
    raise ValueError(f"unknown activation {kind!r}: 'relu', 'tanh' or 'sigmoid'")
