"""What every end-to-end test does with a page of the site."""

import re

from course_pages import DOCS

RUNTIME_TIMEOUT_MS = 60_000  # first Pyodide start in a cold browser on a 2-core machine, with margin
RUN = re.compile("^Run(?! all above)")  # an editor's ▶ ("Run code: …"), not the toolbar's "Run all above"


def open_isolated(page, url):
    """Open `url` and wait until the site's service worker has made the page cross-origin isolated
    (on a first visit it registers and reloads the page once)."""
    page.goto(url)
    page.wait_for_function("() => self.crossOriginIsolated === true", timeout=RUNTIME_TIMEOUT_MS)
    page.wait_for_load_state("load")


SITE_PATHS = sorted("" if page.stem == "index" else f"{page.stem}/" for page in DOCS.glob("*.md"))  # every page, by its path on the site
