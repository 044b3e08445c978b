"""What every end-to-end test does with a page of the site."""

import re

from course_pages import DOCS

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


def open_isolated(page, url):
    """Open `url` and wait until the site's service worker has made the page cross-origin isolated
    (on a first visit it registers and reloads the page once)."""
    page.goto(url)
    page.wait_for_function("() => self.crossOriginIsolated === true", timeout=RUNTIME_TIMEOUT_MS)
    page.wait_for_load_state("load")


SITE_PATHS = sorted("" if page.stem == "index" else f"{page.stem}/" for page in DOCS.glob("*.md"))  # every page, by its path on the site
