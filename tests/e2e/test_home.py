"""The walking skeleton: the README example runs in our wheel, in Pyodide, in a real browser, offline."""

import re

from playwright.sync_api import expect

from expected import README_OUTPUT
from pages import RUN, RUNTIME_TIMEOUT_MS, open_isolated


def test_readme_example_runs_in_the_browser(page, site_server):
    open_isolated(page, site_server)
    editor = page.locator(".mgl-editor").first
    editor.get_by_role("button", name=RUN).click()  # at once: the page's Python is still starting
    output = editor.get_by_role("log", name="Output")
    expect(output.locator(".mgl-notice")).to_have_text(re.compile("^Python is starting"))
    expect(output).to_have_text(README_OUTPUT, use_inner_text=True, timeout=RUNTIME_TIMEOUT_MS)
