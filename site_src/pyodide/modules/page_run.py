"""What the site's playgrounds (moons_live, gpt_live) share: one run of the reader's training loop, talking to the
page's script through an object it put on `window` (the settings in; each step, and how the run ended, out).

    class Run(PageRun):
        PAGE = "mglMoons"          # the page script's object: settings(), begin(), step(), end(how)
        NoPage = _NoPage           # its stand-in where there is no page (the notebook in Jupyter, CPython)

    playground = Playground(Run)   # the reader writes `with playground.run() as run: ...`

A run ends quietly: a setting the page found wrong ("Not started: ..."), Pause, Stop or ■ (between two steps,
"stopped at step k") are printed as one line, not raised; the page hears how it ended through `end(how)`.
"""

import json
from types import SimpleNamespace


class SettingsError(Exception):
    """A setting on the page is not valid: the page says which (its message is this error's), next to the field."""


class PageRun:
    """A run of the reader's loop: `settings` from the page, `k` the last step shown, `ended` how the loop ended
    ("done", "paused", "stopped"); subclasses say which page object they talk to (see the module's docs)."""

    PAGE = None
    NoPage = None

    def __init__(self):
        try:  # here, so that the playgrounds run in CPython too
            from pyscript import sync, window
        except ImportError:  # no page: the notebook's run, printed only
            self.page = self.sync = self.NoPage()
        else:
            self.sync = sync
            self.page = getattr(window, self.PAGE)  # looked up once (each lookup is a round trip to the page)
        self._settings = None
        self.k = None  # the last step shown
        self.ended = None

    def __enter__(self):
        return self

    @property
    def settings(self):
        """The page's settings, as attributes (`c.steps`, `c.learning_rate`, ...: see the page's script)."""
        if self._settings is None:
            checked = json.loads(self.page.settings())  # {"error": ...} when a setting is wrong: the page says so
            if "error" in checked:
                raise SettingsError(checked["error"])
            self._settings = SimpleNamespace(**checked)
        return self._settings

    def message(self, kind):
        """The line printed when the run ends with the exception `kind` (None: none), or None for no line."""
        if kind is KeyboardInterrupt or self.ended == "paused":
            step = "before the first step" if self.k is None else f"at step {self.k + 1}"
            return f"stopped {step}" + (": Train goes on from there" if self.ended == "paused" else "")
        return None

    def __exit__(self, kind, error, traceback):
        if kind is SettingsError:
            print(f"Not started: {error}")
        elif (line := self.message(kind)) is not None:
            print(line)
        how = {None: self.ended, SettingsError: "invalid", KeyboardInterrupt: "stopped"}.get(kind, "failed")
        self.page.end(how)
        return kind in (SettingsError, KeyboardInterrupt)


class Playground:
    """`playground.run()` starts a run of the reader's loop."""

    def __init__(self, run):
        self._run = run

    def run(self):
        return self._run()
