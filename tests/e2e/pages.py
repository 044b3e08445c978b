"""What every end-to-end test does with a page of the site."""

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from course_pages import DOCS, ROOT

RUNTIME_TIMEOUT_MS = 60_000  # first Pyodide start in a cold browser on a 2-core machine, with margin
RUN = re.compile("^Run(?! all above)")  # an editor's ▶ ("Run code: …"), not the toolbar's "Run all above"

# The element that has the keyboard, inside shadow roots too (CodeMirror draws in one): its name (a button's text
# when it has no other), or its tag.
FOCUSED = """() => {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element.getAttribute("aria-label") ?? (element.tagName === "BUTTON" ? element.textContent.trim() : null)
    ?? element.tagName.toLowerCase();
}"""

# What sticks out past the right or left edge of the screen, other than inside a box that scrolls sideways.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) problems.push(`page ${document.documentElement.scrollWidth}px`);
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  for (const el of document.querySelectorAll(".md-content *")) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const box = el.getBoundingClientRect();
    if (box.left >= -0.5 && box.right <= width + 0.5) continue;
    let inside = el.parentElement;
    while (inside && !scrolls(inside)) inside = inside.parentElement;
    if (!inside) problems.push(`${el.tagName.toLowerCase()}#${el.id}.${el.classList} ${Math.round(box.left)}..${Math.round(box.right)}px`);
  }
  return problems;
}"""


# How many of a canvas's pixels are (nearly) this colour ([r, g, b]): a curve drawn, or not.
COUNT_COLOUR = """(canvas, [r, g, b]) => {
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40) count++;
  }
  return count;
}"""

def open_isolated(page, url):
    """Open `url` and wait until the site's service worker has made the page cross-origin isolated
    (on a first visit it registers and reloads the page once)."""
    page.goto(url)
    page.wait_for_function("() => self.crossOriginIsolated === true", timeout=RUNTIME_TIMEOUT_MS)
    page.wait_for_load_state("load")


# The address that opens a page for a test that runs all its editors: the tiny GPT's playground trains for its form's
# number of steps (1,000 by default), which its link may set.
TEST_QUERY = {"gpt": "?steps=20"}

SITE_PATHS = sorted("" if page.stem == "index" else f"{page.stem}/" for page in DOCS.glob("*.md"))  # every page, by its path on the site


# The page shown has its Python ready and every editor drawn (with instant navigation, a page's Python state is
# the one Python's: the editors say the new page is built).
PAGE_READY = """(path) => location.pathname.endsWith(path) && document.documentElement.dataset.mglPython === "ready"
  && document.documentElement.dataset.mglShown === location.pathname.replace(/\\/index\\.html$/, "/")"""


# What PAGE_READY looks at, for the message of a wait that timed out.
PAGE_STATE = """() => ({ path: location.pathname, ...document.documentElement.dataset,
  editors: document.querySelectorAll(".mgl-editor").length,
  drawn: document.querySelectorAll(".mgl-editor .py-editor-output").length,
  problems: [...new Set([...document.querySelectorAll(".mgl-problem")].map((p) => p.textContent))] })"""


def wait_until_page_ready(page, path="", timeout=RUNTIME_TIMEOUT_MS):
    """Wait until the page at `path` (by default, the one open) is shown with its Python ready and its editors
    drawn (PAGE_READY); if it never is, fail saying what the page had reached instead."""
    try:
        page.wait_for_function(PAGE_READY, arg=path, timeout=timeout)
    except PlaywrightTimeoutError:
        raise AssertionError(f"{path} not ready after {timeout} ms: {page.evaluate(PAGE_STATE)}") from None


def follow_link(page, path):
    """Click the site's own link to `path` (e.g. "derivatives/"), as a reader does, and wait until that page's
    Python is ready and its editors are drawn."""
    page.locator(f'a[href$="/{path}"], a[href="{path}"]').first.evaluate("a => a.click()")
    wait_until_page_ready(page, path)


# axe-core (a pinned npm dev dependency: the page gets node_modules' copy) and WCAG 2.1 AA's rules.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe's findings, each as a few readable lines: the rule, what it asks for, and the first elements that fail it.
AXE_RUN = """async (tags) => {
  const { violations } = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
  return violations.map((v) => [
    `${v.id} (${v.impact}, ${v.nodes.length} element${v.nodes.length === 1 ? "" : "s"}): ${v.help}`,
    ...v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" >>> ")}: ${n.failureSummary.replace(/\\s+/g, " ").slice(0, 240)}`),
  ].join("\\n"));
}"""


class NewDocuments(list):
    """The addresses of the new documents `page` loads from now on, a reload included. (Playwright's
    "framenavigated" also reports Material's history updates, which instant navigation makes on every scroll.)"""

    def __init__(self, page):
        super().__init__()
        self.page = page
        page.on("request", self._seen)

    def _seen(self, request):
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self.append(request.url)

    def close(self):
        self.page.remove_listener("request", self._seen)
