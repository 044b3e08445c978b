"""The moons page's live view: the controls' values in, counters and plots out, while the reader's loop trains.

The training loop itself is the reader's code, in the page's editor; it calls `LiveView.step()` once a step.
"""

import base64
import io

from pyscript import document, window

from micrograd.engine import Value


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
    decision boundary every `redraw_every` steps (and at the last one)."""

    def __init__(self, model, X, y, steps, redraw_every=10):
        import matplotlib

        matplotlib.use("agg")
        import matplotlib.pyplot as plt
        import numpy as np

        self.model, self.X, self.y, self.steps, self.redraw_every = model, X, y, steps, redraw_every
        self.losses = []
        self.np, self.plt = np, plt
        self.figure, (self.boundary_axes, self.loss_axes) = plt.subplots(1, 2, figsize=(9, 3.8), dpi=72)
        self.figure.subplots_adjust(left=0.06, right=0.98, bottom=0.14, top=0.9, wspace=0.2)  # once: tight_layout
        # on every redraw would cost more than the drawing
        # The grid the boundary is drawn on, as in the notebook (h = 0.25, one unit beyond the data).
        h = 0.25
        x_min, x_max = X[:, 0].min() - 1, X[:, 0].max() + 1
        y_min, y_max = X[:, 1].min() - 1, X[:, 1].max() + 1
        self.xx, self.yy = np.meshgrid(np.arange(x_min, x_max, h), np.arange(y_min, y_max, h))
        self.grid = np.c_[self.xx.ravel(), self.yy.ravel()]

    def step(self, k, loss, accuracy):
        self.losses.append(loss)
        _field("step").textContent = f"{k + 1} / {self.steps}"
        _field("loss").textContent = f"{loss:.4f}"
        _field("accuracy").textContent = f"{accuracy * 100:.0f}%"
        if k % self.redraw_every == 0 or k == self.steps - 1:
            self.draw()
        if window.micrograd_stop:
            self.draw()
            raise StopTraining(f"stopped after step {k + 1}")

    def draw(self):
        np, X, y = self.np, self.X, self.y
        scores = [self.model([Value(a), Value(b)]) for a, b in self.grid]
        Z = np.array([s.data > 0 for s in scores]).reshape(self.xx.shape)
        ax = self.boundary_axes
        ax.clear()
        ax.contourf(self.xx, self.yy, Z, cmap=self.plt.cm.Spectral, alpha=0.8)
        ax.scatter(X[:, 0], X[:, 1], c=y, s=30, cmap=self.plt.cm.Spectral, edgecolors="k", linewidths=0.5)
        ax.set_xlim(self.xx.min(), self.xx.max())
        ax.set_ylim(self.yy.min(), self.yy.max())
        ax.set_title("decision boundary")
        ax = self.loss_axes
        ax.clear()
        ax.plot(range(1, len(self.losses) + 1), self.losses)
        ax.set_xlim(1, max(self.steps, 2))
        ax.set_yscale("log")
        ax.set_xlabel("step")
        ax.set_title("loss")
        png = io.BytesIO()
        self.figure.savefig(png, format="png")
        _field("plot").src = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
