"""The moons playground's Python: the page's settings in, numbers and pictures out, while the reader's loop trains.

The training loop is the reader's code, in the page's editor, and whoever starts it (Train, Step, the editor's ▶
or Ctrl+Enter) it runs the same way:

    with playground.run() as run:         # ends quietly on Pause/Stop/■ (between two steps) or a bad setting
        c = run.settings                  # the settings on the page, checked there (moons.js)
        if run.fresh: ...make X, y and the model...
        for k in run.steps(model, X, y, X_test, y_test):
            ...one step of training...
            run.show(k, loss)             # counters, curves, boundary and neuron maps on the page

The page draws the pictures itself (moons.js, on canvases); this module only scores the model over a grid with
NumPy (`micrograd.demo.layer_outputs`: no graph, the model's own numbers) and sends them, packed, once a step.

Outside the site (the page's notebook downloaded and run in Jupyter, say) there is no page: `playground.run()`
then trains with NOTEBOOK_SETTINGS, micrograd's demo notebook's, and the loop's prints are all there is to see.

The data sets other than moons live here rather than in `micrograd.data`: they are the playground's, drawn from
NumPy's global generator (which the reader seeds) so a seed gives the same points every time.
"""

import base64
import json
import math
import random
from types import SimpleNamespace

import numpy as np

from micrograd import demo, nn
from micrograd.data import make_moons
from page_run import PageRun, Playground

GRID = 64  # the boundary's grid: GRID x GRID scores
NEURON_GRID = 24  # each neuron's map


class MLP(nn.MLP):
    """micrograd's MLP with a choice of activation for the hidden neurons: 'relu' (micrograd's, the default),
    'tanh' or 'sigmoid'. The weights are drawn as micrograd draws them, so a seed gives the same network."""

    def __init__(self, nin, nouts, activation="relu", fast=False):
        super().__init__(nin, nouts, fast=fast)
        self.activation = activation
        for layer in self.layers[:-1]:
            for neuron in layer.neurons:
                neuron.activation = activation  # read by demo.layer_outputs
                if activation != "relu":
                    neuron.nonlin = False  # the neuron gives w·x + b; __call__ applies the activation

    def __call__(self, x):
        if self.activation == "relu":
            return super().__call__(x)
        for layer in self.layers[:-1]:
            x = [getattr(neuron(x), self.activation)() for neuron in layer.neurons]
        return self.layers[-1](x)

    def __repr__(self):
        return super().__repr__() if self.activation == "relu" else f"{super().__repr__()} with {self.activation}"


def make_data(c):
    """The data set the settings name, `(X, y)` with labels 0 and 1, plus the points the reader added by clicking.

    moons is micrograd's demo data, `make_moons(n_samples=c.points, noise=c.noise)`; the others are drawn from
    NumPy's global generator too: circles (one ring inside another), xor (the four quadrants, opposite ones
    alike), spiral (two arms winding around each other) and blobs (two Gaussian clouds)."""
    n, noise = c.points, c.noise
    if c.dataset == "moons":
        X, y = make_moons(n_samples=n, noise=noise)
    else:
        y = np.arange(n) % 2
        if c.dataset == "circles":
            angle = np.random.uniform(0, 2 * np.pi, n)
            radius = np.where(y == 0, 1.0, 0.5)
            X = np.c_[radius * np.cos(angle), radius * np.sin(angle)]
        elif c.dataset == "xor":
            X = np.random.uniform(-1, 1, (n, 2))
            X += np.sign(X) * 0.1  # a gap along the axes, as TF Playground's
            y = (X[:, 0] * X[:, 1] > 0).astype(np.intp)
        elif c.dataset == "spiral":
            t = np.random.uniform(0.25, 1, n)
            angle = 3 * np.pi * t + np.pi * y
            X = np.c_[t * np.cos(angle), t * np.sin(angle)] * 1.5
        elif c.dataset == "blobs":
            X = np.where(y[:, None] == 0, -0.7, 0.7) + np.random.normal(scale=0.35, size=(n, 2))
        else:
            raise ValueError(f"unknown data set {c.dataset!r}")
        X = X + np.random.normal(scale=noise, size=X.shape)
    if c.added:
        extra = np.array(c.added, dtype=float).reshape(-1, 3)
        X, y = np.r_[X, extra[:, :2]], np.r_[y, extra[:, 2].astype(np.intp)]
    return X, y


def split(X, y, test_fraction):
    """The first `test_fraction` of the points (they come shuffled; the reader's added ones are last, so they are
    trained on) kept aside for testing: returns `X, y, X_test, y_test`."""
    n_test = min(len(X) - 1, int(round(len(X) * test_fraction)))
    return X[n_test:], y[n_test:], X[:n_test], y[:n_test]


def preview(settings):
    """The points a run of these settings trains on and tests on, as the page draws them before any run (the
    playground shows its data at once, as TensorFlow Playground does): the training code's own steps, seeding
    both generators, `make_data` and `split`, with the generators' state put back after, so that a paused run
    taken up later draws the same batches as if this had not run. `settings` is JSON of the data's settings
    (dataset, points, noise, seed, test_fraction, added); returns JSON of the layout a run's `begin` sends."""
    c = SimpleNamespace(**json.loads(settings))
    states = np.random.get_state(), random.getstate()
    try:
        np.random.seed(c.seed)
        random.seed(c.seed)
        X, y = make_data(c)
        data = split(X, y, c.test_fraction)
    finally:
        np.random.set_state(states[0])
        random.setstate(states[1])
    return json.dumps(_View(data, None).layout())


_paused = None  # (settings that must not change, next step) of the run that Pause/Stop ended, if any

NOTEBOOK_SETTINGS = {  # the page's default settings, as moons.js sends them: micrograd's demo notebook
    "dataset": "moons", "points": 100, "noise": 0.1, "seed": 1337, "test_fraction": 0, "added": [],
    "hidden": [16, 16], "activation": "relu", "fast": True, "loss": "max-margin", "l2": 0.0001,
    "learning_rate": 1.0, "schedule": True, "steps": 100, "batch_size": None,
    "resume": False, "step_once": False, "model_key": "defaults",
}


class _NoPage:
    """The page's side of a run where there is no page: the notebook's settings, nothing drawn, no Stop."""

    def settings(self):
        return json.dumps(NOTEBOOK_SETTINGS)

    def begin(self, layout):
        pass

    step = end = begin

    def stop_requested(self):
        return False


class Run(PageRun):
    """One run of the reader's loop, from `playground.run()`: see the module's docs."""
    PAGE = "mglMoons"  # moons.js's side
    NoPage = _NoPage

    def __init__(self):
        super().__init__()
        self.diverged = None  # the loss it showed when that was not a finite number

    @property
    def fresh(self):
        """True when this run starts over; False when it takes up the run that Pause/Stop ended, which it
        does when only the learning rate, its schedule, the steps, L2 or the batch size changed since."""
        c = self.settings
        return not (c.resume and _paused is not None and _paused[0] == c.model_key)

    def steps(self, model, X, y, X_test=None, y_test=None):
        """The step numbers to train, from 0 or from where the paused run stopped, up to `c.steps - 1` (one only
        for Step); ends early when the reader asks the page to stop, or when the loss is no longer a finite number
        (a learning rate too high for the network: nothing the next steps could learn)."""
        global _paused
        c = self.settings
        start = 0 if self.fresh else _paused[1]
        _paused = None
        self.model = model
        self.data = [np.asarray(a, dtype=float) for a in (X, y, *((X_test, y_test) if X_test is not None else ()))]
        self.view = _View(self.data, c.loss)
        self.page.begin(json.dumps({"fresh": start == 0, "steps": c.steps, **self.view.layout()}))
        self.ended = "stopped"  # unless the loop gets to its end
        last = min(c.steps, start + 1) if c.step_once else c.steps
        for k in range(start, last):
            yield k
            if self.k != k:
                self.show(k, None)
            if self.diverged is not None or self.sync.stop_requested():
                break
        if self.diverged is not None:
            self.ended = "diverged"
        elif self.k is not None and self.k + 1 < c.steps:
            _paused = (c.model_key, self.k + 1)
            self.ended = "paused"
        else:
            self.ended = "done"

    def show(self, k, loss):
        """Step k is done (its loss, a float, as the reader computed it): the page's counters and pictures."""
        self.k = k
        shown = self.view.step(self.model, k, loss)
        reported = loss is not None and not math.isfinite(loss)  # the reader's loss is inf or nan
        if reported or shown["train"][0] is None:  # ...or the model's scores are
            self.diverged = loss if reported else math.nan
        self.page.step(json.dumps(shown))

    def message(self, kind):
        if self.ended == "diverged":
            return f"stopped at step {self.k + 1}: the loss diverged (it is {self.diverged}): try a smaller learning rate"
        return super().message(kind)


class _View:
    """What the page draws, computed with NumPy from the model's numbers: the boundary's scores over a grid,
    every hidden neuron's output over a coarser one, loss and accuracy on all the points."""

    def __init__(self, data, loss):
        self.X, self.y, self.loss = data[0], data[1], loss
        self.test = data[2:] if len(data) > 2 and len(data[2]) else None
        points = np.vstack([self.X] + ([self.test[0]] if self.test is not None else []))
        low, high = points.min(axis=0) - 0.5, points.max(axis=0) + 0.5
        self.extent = [float(low[0]), float(high[0]), float(low[1]), float(high[1])]
        self.grid = self._grid(GRID)
        self.neuron_grid = self._grid(NEURON_GRID)

    def _grid(self, n):
        x0, x1, y0, y1 = self.extent
        xx, yy = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y1, y0, n))  # rows from the top, as on screen
        return np.c_[xx.ravel(), yy.ravel()]

    def layout(self):
        return {
            "extent": self.extent, "grid": GRID, "neuronGrid": NEURON_GRID,
            "train": _points(self.X, self.y), "test": _points(*self.test) if self.test is not None else [],
        }

    def step(self, model, k, loss):
        outputs = demo.layer_outputs(model, np.r_[self.grid, self.neuron_grid])
        boundary = outputs[-1][:len(self.grid), 0]
        hidden = [layer[len(self.grid):] for layer in outputs[:-1]]
        train = _metrics(model, self.X, self.y, self.loss)
        test = _metrics(model, *self.test, self.loss) if self.test is not None else None
        return {
            "k": k, "loss": None if loss is None or not math.isfinite(loss) else loss,
            "train": train, "test": test,
            "boundary": _pack(boundary),
            "neurons": [_pack_maps(layer) for layer in hidden],
        }


def _metrics(model, X, y, loss):
    """[data loss, accuracy] of the model on all these points (labels -1/+1 or 0/1), without a graph."""
    labels = np.where(np.asarray(y) > 0, 1.0, -1.0)
    scores = demo.scores(model, X)
    margins = labels * scores
    with np.errstate(over="ignore", invalid="ignore"):  # a diverged model's scores: inf, nan
        loss = np.mean(np.maximum(0, 1 - margins) if loss == "max-margin" else np.logaddexp(0, -margins))
    accuracy = np.mean((scores > 0) == (labels > 0))
    return [float(loss) if math.isfinite(loss) else None, float(accuracy)]


def _points(X, y):
    return [[round(float(a), 5), round(float(b), 5), int(label > 0)] for (a, b), label in zip(X, y)]


def _pack(values):
    """Float32 numbers, base64: a few kilobytes a picture, decoded on the page as a Float32Array."""
    return base64.b64encode(np.nan_to_num(np.asarray(values, dtype="<f4")).tobytes()).decode()  # nan (diverged): 0


def _pack_maps(outputs):
    """A layer's neuron maps (one column per neuron), each scaled to its largest magnitude and sent as one byte
    a point (-127..127 + 128), base64: a map is a picture, a byte's 1/127 is finer than its colours."""
    outputs = np.nan_to_num(outputs)  # nan (diverged): 0, and infinities the largest floats
    scale = np.abs(outputs).max(axis=0)
    scaled = outputs / np.where(scale > 0, scale, 1)
    return base64.b64encode((np.round(scaled.T * 127) + 128).astype(np.uint8).tobytes()).decode()


playground = Playground(Run)
