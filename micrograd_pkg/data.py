"""Toy data sets, made without scikit-learn.

micrograd's demo trains a small MLP on scikit-learn's "two moons". scikit-learn is too
heavy to load in the browser, but NumPy is there, so this module rebuilds
`sklearn.datasets.make_moons` on NumPy alone, point for point: the same inputs give
the same arrays, bit for bit, and take the same random numbers from the generator.
"""

import math
import numbers

__all__ = ["make_moons"]


def make_moons(n_samples=100, *, shuffle=True, noise=None, random_state=None):
    """Make two interleaving half circles: a small 2-D data set a straight line can't split.

    The first moon is the upper half of the unit circle, centred on (0, 0); the second is
    the lower half, moved to centre (1, 0.5) so that it hooks into the first. Points are
    spaced evenly along each half circle, then (optionally) shuffled and blurred with
    Gaussian noise. A linear classifier gets about 85% of them right; a small MLP with
    ReLU or tanh layers can bend its decision boundary around the moons and get all of
    them.

    This returns exactly what `sklearn.datasets.make_moons` (scikit-learn 1.9) returns
    for the same arguments, because it makes the same calls to the same NumPy random
    generator in the same order: first a shuffle of the row indices (if `shuffle`),
    then one `normal` draw per coordinate (if `noise` is not None; even `noise=0.0`
    draws them). So the demo notebook's two lines

    >>> import numpy as np
    >>> np.random.seed(1337)
    >>> X, y = make_moons(n_samples=100, noise=0.1)

    give the very points the original micrograd was trained on, and leave NumPy's global
    generator in the same state as scikit-learn would.

    NumPy is imported when the function is called, so `import micrograd` works without
    it.

    Args:
        n_samples: How many points. An int `n` gives `n // 2` points in the first
            (outer) moon, labelled 0, and the rest in the second (inner) moon, labelled 1.
            A pair `(n_outer, n_inner)` sets each moon's size; either may be 0.
        shuffle: If True, put the points in random order. If False, all the 0s come
            first, each moon traced from its one end to the other.
        noise: Standard deviation of the Gaussian noise added to every coordinate, or
            None for points exactly on the half circles. `0.1` gives the demo's
            slightly fuzzy moons; `0.3` makes them overlap.
        random_state: Where the randomness comes from. None uses NumPy's global
            generator (the one `np.random.seed` seeds), an int seeds a new
            `np.random.RandomState` so the result is repeatable, and a
            `np.random.RandomState` is used (and advanced) as it is.

    Returns:
        A pair `(X, y)`: `X` a float64 array of shape `(n, 2)` holding the points'
        x and y coordinates, and `y` an integer array (`np.intp`) of shape `(n,)`
        holding each point's moon, 0 or 1.

    Raises:
        ValueError: If `n_samples` is an int below 1, a pair with a negative number, or
            anything else; if `noise` is negative or NaN; or if `random_state` is a
            negative int or above 2**32 - 1.
        TypeError: If `shuffle` is not a bool, `noise` is not a number, or
            `random_state` is not None, an int or a `np.random.RandomState`.
        ImportError: If NumPy is not installed.
    """
    import numpy as np

    n_outer, n_inner = _moon_sizes(n_samples)
    if not isinstance(shuffle, (bool, np.bool_)):
        raise TypeError(f"shuffle must be True or False, got {shuffle!r}")
    _check_noise(noise)
    generator = _random_state(random_state)

    angles_outer = np.linspace(0, np.pi, n_outer)
    angles_inner = np.linspace(0, np.pi, n_inner)
    xs = np.append(np.cos(angles_outer), 1 - np.cos(angles_inner))
    ys = np.append(np.sin(angles_outer), 1 - np.sin(angles_inner) - 0.5)
    X = np.vstack([xs, ys]).T
    y = np.hstack([np.zeros(n_outer, dtype=np.intp), np.ones(n_inner, dtype=np.intp)])

    if shuffle:
        # sklearn.utils.shuffle: permute an index array in place, then index both arrays.
        order = np.arange(len(y))
        generator.shuffle(order)
        X, y = X[order], y[order]

    if noise is not None:
        X += generator.normal(scale=noise, size=X.shape)

    return X, y


def _is_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _moon_sizes(n_samples):
    """Split `n_samples` into (points in the outer moon, points in the inner moon)."""
    if _is_int(n_samples):
        if n_samples < 1:
            raise ValueError(
                f"n_samples must be at least 1, got {n_samples}: how many points to make"
            )
        n_outer = int(n_samples) // 2
        return n_outer, int(n_samples) - n_outer
    if isinstance(n_samples, (tuple, list)) and len(n_samples) == 2 and all(
        _is_int(n) for n in n_samples
    ):
        n_outer, n_inner = (int(n) for n in n_samples)
        if n_outer < 0 or n_inner < 0:
            raise ValueError(f"the two moon sizes in n_samples can't be negative, got {n_samples}")
        return n_outer, n_inner
    raise ValueError(
        "n_samples must be an int (total points) or a pair of ints "
        f"(points in the outer moon, points in the inner moon), got {n_samples!r}"
    )


def _check_noise(noise):
    if noise is None:
        return
    if not isinstance(noise, numbers.Real) or isinstance(noise, bool):
        raise TypeError(f"noise must be a number or None, got {noise!r}")
    if math.isnan(noise) or noise < 0:
        raise ValueError(
            f"noise is a standard deviation, so it can't be negative or NaN, got {noise!r}"
        )


def _random_state(random_state):
    """Turn `random_state` into a `np.random.RandomState`, as sklearn's check_random_state does."""
    import numpy as np

    if random_state is None or random_state is np.random:
        return np.random.mtrand._rand  # the generator behind np.random.seed / np.random.rand
    if _is_int(random_state):
        if not 0 <= random_state <= 2**32 - 1:
            raise ValueError(
                f"an int random_state must be between 0 and 2**32 - 1, got {random_state}"
            )
        return np.random.RandomState(random_state)
    if isinstance(random_state, np.random.RandomState):
        return random_state
    raise TypeError(
        "random_state must be None (NumPy's global generator), an int seed or a "
        f"np.random.RandomState, got {random_state!r}"
    )
