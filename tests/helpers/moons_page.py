"""The moons page's editors (docs/moons.md) run in CPython against a stand-in for the page: moons.js's side of
the conversation, as the page's Python (site_src/pyodide/modules/moons_live.py) sees it.

    page = Page(steps=1, fast=False)       # the page's settings, with the notebook's defaults for the rest
    out = run_editor(page, TRAINING, namespace)
"""

import contextlib
import io
import json
import sys
import types
from unittest import mock

from course_pages import editors
from moons_live import NOTEBOOK_SETTINGS

TRAINING, GRAPH, BOUNDARY = editors("moons")


class Page:
    """moons.js as the Python sees it: settings() ({"error": ...} when a setting is wrong), begin, step, end; and Stop,
    asked for after `stop_after` steps have been shown."""
    DEFAULTS = NOTEBOOK_SETTINGS  # the settings not given

    def __init__(self, stop_after=None, error=None, **settings):
        self.settings_ = json.dumps({"error": error} if error else {**self.DEFAULTS, **settings})
        self.stop_after, self.steps, self.ended, self.begun = stop_after, [], None, None

    def settings(self):
        return self.settings_

    def begin(self, layout):
        self.begun = json.loads(layout)

    def step(self, payload):
        self.steps.append(json.loads(payload))

    def end(self, how):
        self.ended = how

    def stop_requested(self):
        return self.stop_after is not None and len(self.steps) >= self.stop_after


def run_editor(page, code, namespace):
    """Run one of the page's editors with `page` standing in for the browser page; return what it printed.
    `namespace` is kept between calls, as the page's editors keep theirs."""
    return run_with_page("mglMoons", page, code, namespace)


def run_with_page(name, page, code, namespace):
    """Run a page's editor with `page` as `pyscript.window.<name>` (the page script's side) and its
    `stop_requested` as `pyscript.sync.stop_requested`; return what it printed."""
    fake = types.ModuleType("pyscript")
    fake.window = types.SimpleNamespace(**{name: page})
    fake.sync = types.SimpleNamespace(stop_requested=page.stop_requested)
    out = io.StringIO()
    with mock.patch.dict(sys.modules, pyscript=fake), contextlib.redirect_stdout(out):
        exec(compile(code, "<editor>", "exec"), namespace)
    return out.getvalue()
