"""The tiny GPT playground's Python (docs/gpt.md): the page's settings in, loss curves and sampled names out, while
the reader's loop trains.

The training loop is the reader's code, in the page's editor; Train and the editor's ▶ both run it:

    with playground.run() as run:        # ends quietly on Pause/Stop/■ (between two steps) or a bad setting
        c = run.settings                 # the settings on the page (gpt.js)
        if run.fresh: ...the data, the model, the optimizer...
        for k in run.steps():
            ...one step of training on one name...
            run.show(k, loss, params, config, val)

`run.show` sends every step's loss to the page, and every `EVERY` steps (and at the first and the last) the loss on
validation names and a few names sampled at the page's temperature. The page draws them (gpt.js).

Outside the site (the page's notebook in Jupyter) there is no page: the run uses `DEFAULT_SETTINGS` and prints.
"""

import json
import math
import random

from page_run import PageRun, Playground
from tinygpt import mean_loss, sample

EVERY = 100  # steps between two measures of the validation loss (and two sets of samples)
VAL_NAMES = 100  # how many validation names that loss is measured on: steady enough, and a fraction of a second
SAMPLES = 8  # names sampled each time

DEFAULT_SETTINGS = {  # the page's defaults, as gpt.js sends them
    "steps": 1000, "learning_rate": 0.01, "layers": 1, "fast": True, "seed": 42, "temperature": 0.8,
    "resume": False, "model_key": "defaults",
}


_paused = None  # (the settings that must not change, the next step) of the run Pause ended, if any


class _NoPage:
    """The page's side where there is no page (the notebook): the default settings, and prints."""

    def settings(self):
        return json.dumps(DEFAULT_SETTINGS)

    def temperature(self):
        return DEFAULT_SETTINGS["temperature"]

    def step(self, payload):
        shown = json.loads(payload)
        if "val" in shown:
            print(f"step {shown['k'] + 1}: loss {shown['loss']:.3f}, validation loss {shown['val']:.3f}; "
                  f"names: {', '.join(shown['samples'])}")

    def begin(self, payload):
        pass

    def end(self, how):
        pass

    def stop_requested(self):
        return False


class Run(PageRun):
    """One run of the reader's loop, from `playground.run()`: see the module's docs."""
    PAGE = "mglGpt"  # gpt.js's side
    NoPage = _NoPage

    @property
    def fresh(self):
        """True when this run starts over; False when it takes up the run that Pause ended (Train again, with
        the same model settings: the learning rate, the steps and the temperature may change)."""
        c = self.settings
        return not (c.resume and _paused is not None and _paused[0] == c.model_key)

    def steps(self):
        """The step numbers to train, from 0 or from where the paused run stopped, up to `c.steps - 1`; ends early
        when the reader asks the page to stop."""
        global _paused
        c = self.settings
        start = 0 if self.fresh else _paused[1]
        _paused = None
        self.page.begin(json.dumps({"fresh": start == 0, "steps": c.steps}))
        self.ended = "stopped"
        for k in range(start, c.steps):
            yield k
            self.k = k  # shown or not
            if self.sync.stop_requested():
                break
        if self.k is not None and self.k + 1 < c.steps:
            _paused = (c.model_key, self.k + 1)
            self.ended = "paused"
        else:
            self.ended = "done"

    def show(self, k, loss, params, config, val):
        """Step k is done, with this training loss (a float): the page draws it; at the first step, every
        `EVERY`, and the last, with the loss on the first `VAL_NAMES` of `val` and `SAMPLES` names made up at the
        page's temperature."""
        self.k = k
        shown = {"k": k, "loss": loss if math.isfinite(loss) else None}
        if k == 0 or (k + 1) % EVERY == 0 or k + 1 == self.settings.steps:
            rng = random.Random(self.settings.seed * 1_000_003 + k)  # the same names for the same run
            temperature = float(self.page.temperature())
            shown["val"] = mean_loss(params, val[:VAL_NAMES], config)
            shown["samples"] = [sample(params, rng, temperature, config) for _ in range(SAMPLES)]
            shown["temperature"] = temperature
        self.page.step(json.dumps(shown))


playground = Playground(Run)
