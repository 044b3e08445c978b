"""The tiny GPT page's editors (docs/gpt.md) run in CPython against a stand-in for the page: gpt.js's side of the
conversation, as the page's Python (site_src/pyodide/modules/gpt_live.py) sees it.

    page = Page(steps=20)                  # the page's settings, with its defaults for the rest
    out = run_editor(page, TRAINING, namespace)
"""

import json

from course_pages import editors
from gpt_live import DEFAULT_SETTINGS
from moons_page import run_with_page

EDITORS = editors("gpt")
TRAINING = next(code for code in EDITORS if "playground.run()" in code)


class Page:
    """gpt.js as the Python sees it: settings() ({"error": ...} when a setting is wrong), temperature(), begin,
    step, end; and Stop, asked for after `stop_after` steps have been shown."""

    def __init__(self, stop_after=None, error=None, **settings):
        self.settings_ = json.dumps({"error": error} if error else {**DEFAULT_SETTINGS, **settings})
        self.stop_after, self.steps, self.ended, self.begun = stop_after, [], None, None

    def settings(self):
        return self.settings_

    def temperature(self):
        return json.loads(self.settings_)["temperature"]

    def begin(self, payload):
        self.begun = json.loads(payload)

    def step(self, payload):
        self.steps.append(json.loads(payload))

    def end(self, how):
        self.ended = how

    def stop_requested(self):
        return self.stop_after is not None and len(self.steps) >= self.stop_after


def run_editor(page, code, namespace):
    """Run one of the page's editors with `page` standing in for the browser page (window.mglGpt)."""
    return run_with_page("mglGpt", page, code, namespace)
