"""The tiny GPT page's editors (docs/gpt.md) run in CPython against a stand-in for the page: gpt.js's side of the
conversation, as the page's Python (site_src/pyodide/modules/gpt_live.py) sees it.

    page = Page(steps=20)                  # the page's settings, with its defaults for the rest
    out = run_editor(page, TRAINING, namespace)
"""

import json

import moons_page
from course_pages import editors
from gpt_live import DEFAULT_SETTINGS

EDITORS = editors("gpt")
TRAINING = next(code for code in EDITORS if "playground.run()" in code)


class Page(moons_page.Page):
    """gpt.js as the Python sees it: moons.js's conversation (settings, begin, step, end, Stop after `stop_after`
    steps), with the page's defaults, plus the temperature the samples are drawn at."""
    DEFAULTS = DEFAULT_SETTINGS

    def temperature(self):
        return json.loads(self.settings_)["temperature"]


def run_editor(page, code, namespace):
    """Run one of the page's editors with `page` standing in for the browser page (window.mglGpt)."""
    return moons_page.run_with_page("mglGpt", page, code, namespace)
