"""The check of "Scalars vs tensors" (tensors.md): the reader's backward pass of a linear layer, in NumPy.

A module of its own, not a part of `course`: it needs NumPy, and a page's editors that import a module wait for
the packages that module imports. The other pages' checks (`course`) then start without NumPy.
"""

import numpy as np

from course import _not_yet, _passed, _raised, _rng  # the checks' own verdicts and generator


def check_linear_backward(linear_backward):
    """`linear_backward(X, W, dY)` for Y = X @ W + b must return (dX, dW, db) as NumPy arrays."""
    gen = np.random.default_rng(_rng.randrange(2**32))
    for n, nin, nout in [(4, 3, 4), (_rng.randint(1, 8), _rng.randint(1, 8), _rng.randint(1, 8))]:
        X, W, dY = gen.normal(size=(n, nin)), gen.normal(size=(nin, nout)), gen.normal(size=(n, nout))
        args = X.copy(), W.copy(), dY.copy()
        try:
            got = linear_backward(*args)
        except Exception as error:
            return _not_yet(_raised(error))
        if got is None or not isinstance(got, (tuple, list)) or len(got) != 3:
            return _not_yet(f"linear_backward should return three arrays (dX, dW, db), got {got!r}.")
        want = {"dX": dY @ W.T, "dW": X.T @ dY, "db": dY.sum(axis=0)}
        for (name, w), g in zip(want.items(), got):
            g = np.asarray(g, dtype=float)
            if g.shape != w.shape:
                return _not_yet(f"with X of shape {X.shape}, W {W.shape}, {name} should have shape {w.shape} "
                                f"(the shape of what it is the gradient of), got {g.shape}.")
            if not np.allclose(g, w):
                return _not_yet(f"{name} has the right shape {w.shape} but wrong numbers. Hint: write the scalar "
                                "rule for one entry of Y, then see which matrix product sums it over the batch.")
    return _passed("dX, dW and db match the reference for random batches and layer sizes.")
