"""The moons page's live view: the controls' values in, counters and plots out, while the reader's loop trains.

The training loop itself is the reader's code, in the page's editor; it calls `LiveView.step()` once a step.
"""

import base64
import io
import math

import numpy as np
from pyscript import document, window

from micrograd import demo


class StopTraining(Exception):
    """Raised by `LiveView.step()` when the reader pressed Stop."""


def _field(name):
    return document.getElementById(f"moons-{name}")


def controls():
    """The settings on the page's form, checked: a bad value raises ValueError naming the control."""

    def number(name, kind, low, high):
        text = _field(name).value.strip()
        try:
            value = kind(text)
        except ValueError:
            raise ValueError(f"{name}: {text!r} is not a{'n integer' if kind is int else ' number'}") from None
        if not low <= value <= high:
            raise ValueError(f"{name}: {value} is outside {low}..{high}")
        return value

    hidden = _field("hidden").value.replace(" ", "")
    try:
        sizes = [int(size) for size in hidden.split(",") if size]
    except ValueError:
        raise ValueError(f"hidden layers: {hidden!r} is not a list of sizes like 16,16") from None
    if not sizes or not all(1 <= size <= 64 for size in sizes):
        raise ValueError(f"hidden layers: {hidden!r} needs one to a few sizes between 1 and 64, like 16,16")
    batch = _field("batch").value.strip()
    return {
        "steps": number("steps", int, 1, 1000),
        "learning_rate": number("lr", float, 0.0, 10.0),
        "schedule": bool(_field("schedule").checked),
        "hidden": sizes,
        "noise": number("noise", float, 0.0, 1.0),
        "n_samples": number("points", int, 2, 500),
        "seed": number("seed", int, 0, 2**32 - 1),
        "batch_size": None if batch == "" else number("batch", int, 1, 500),
        "fast": bool(_field("fast").checked),
    }


class LiveView:
    """Shows a training run on the page: step, loss and accuracy at every step, the loss curve and the
    decision boundary every `redraw_every` steps (and at the last one).

    The figure is made once; a redraw replaces only the filled contour and the loss curve's points, so
    matplotlib keeps its axes, ticks and the scattered points instead of rebuilding them. The page's
    elements are looked up once too: from the worker, each lookup is a round trip to the page."""

    def __init__(self, model, X, y, steps, redraw_every=10):
        from matplotlib.figure import Figure  # not pyplot's: a figure per run that nothing else keeps alive
        from matplotlib.ticker import NullFormatter, StrMethodFormatter

        self.model, self.steps, self.redraw_every = model, steps, redraw_every
        self.losses = []
        self.step_out, self.loss_out, self.accuracy_out, self.plot = map(_field, ("step", "loss", "accuracy", "plot"))
        self.figure = Figure(figsize=(9, 3.8), dpi=72)
        self.boundary_axes, self.loss_axes = self.figure.subplots(1, 2)
        self.figure.subplots_adjust(left=0.06, right=0.98, bottom=0.14, top=0.9, wspace=0.2)  # once: tight_layout
        # on every redraw would cost more than the drawing
        # The boundary is drawn as in the notebook: the sign of the score over a grid, the points on top.
        self.xx, self.yy = demo.mesh(X)
        self.grid = np.c_[self.xx.ravel(), self.yy.ravel()]
        self.contour = None
        ax = self.boundary_axes
        ax.scatter(X[:, 0], X[:, 1], c=y, s=30, cmap="Spectral", edgecolors="k", linewidths=0.5, zorder=2)
        ax.set_xlim(self.xx.min(), self.xx.max())
        ax.set_ylim(self.yy.min(), self.yy.max())
        ax.set_title("decision boundary", y=1)  # placed once, not re-measured against the ticks at every draw
        ax = self.loss_axes
        (self.loss_curve,) = ax.plot([], [])
        ax.set_xlim(1, max(steps, 2))
        ax.set_yscale("log")
        # Whole decades (see draw), labelled "1", "0.1", "0.01": matplotlib's own labels, "10⁻¹", are written in
        # mathtext, and the first draw would pay for building its TeX-like parser.
        ax.yaxis.set_major_formatter(StrMethodFormatter("{x:g}"))
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.set_xlabel("step")
        ax.set_title("loss", y=1)

    def step(self, k, loss, accuracy):
        self.losses.append(loss)
        self.step_out.textContent = f"{k + 1} / {self.steps}"
        self.loss_out.textContent = f"{loss:.4f}"
        self.accuracy_out.textContent = f"{accuracy * 100:.0f}%"
        stop = window.micrograd_stop
        if stop or k % self.redraw_every == 0 or k == self.steps - 1:
            self.draw()
        if stop:
            raise StopTraining(f"stopped after step {k + 1}")

    def draw(self):
        Z = demo.scores(self.model, self.grid).reshape(self.xx.shape) > 0  # the model's, without a graph
        if self.contour is not None:
            self.contour.remove()
        self.contour = self.boundary_axes.contourf(self.xx, self.yy, Z, cmap="Spectral", alpha=0.8, zorder=1)
        self.loss_curve.set_data(range(1, len(self.losses) + 1), self.losses)
        # Whole decades around the losses a log scale can show (not 0, inf or nan; and 10.0 ** 309 is no float)
        shown = [loss for loss in self.losses if 1e-300 < loss < 1e300]
        if shown:
            low, high = (math.floor(math.log10(f(shown))) for f in (min, max))
            self.loss_axes.set_ylim(10.0 ** low, 10.0 ** (high + 1))
        png = io.BytesIO()
        self.figure.savefig(png, format="png")
        self.plot.src = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
