"""WCAG 2.1 AA on every page, as axe-core checks it: light and dark palettes, desktop and phone widths, with the
page's Python ready and every editor run once (outputs, graphs and plots are part of the page a reader sees), every
graph drawn, its player one step in and one of its values explained.

axe-core is a pinned npm dev dependency; the test page gets node_modules' copy, nothing is fetched.
"""

import pytest
from playwright.sync_api import expect

from pages import AXE, AXE_RUN, FOCUSED, RUNTIME_TIMEOUT_MS, SITE_PATHS, TEST_QUERY, WCAG_21_AA, open_isolated, wait_until_page_ready

WIDTHS = (1366, 390)
PALETTES = ("default", "slate")  # Material's light and dark schemes
READY_TIMEOUT_MS = 180_000  # a page importing matplotlib, on a busy 2-core machine
RUNS_TIMEOUT_MS = 300_000  # every editor of the longest page, one after another, on 2 cores

def switch_palette(page, scheme):
    """Material's palette toggle, as a reader would use it, until the page wears `scheme`."""
    body = page.locator("body")
    if body.get_attribute("data-md-color-scheme") != scheme:
        page.locator("[data-md-component=palette] label:visible").click()
        page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=scheme)


def run_every_editor(page):
    """Open every collapsed block (hints, solutions), wait for the page's Python, run each editor once (in page
    order, as the queue runs them) and wait until all have finished. input() is answered with Cancel."""
    page.evaluate("() => document.querySelectorAll('details:not([open])').forEach((d) => { d.open = true; })")
    buttons = page.locator(".mgl-editor .py-editor-run-button")
    if page.locator(".mgl-editor").count() == 0:
        return
    wait_until_page_ready(page, timeout=READY_TIMEOUT_MS)
    page.on("dialog", lambda dialog: dialog.dismiss())
    for i in range(buttons.count()):
        buttons.nth(i).click()
    page.wait_for_function(
        "() => document.querySelectorAll('.mgl-editor .py-editor-run-button.running').length === 0",
        timeout=RUNS_TIMEOUT_MS)
    page.wait_for_function(  # graphs are laid out after their run ends
        "() => !document.querySelector('.mgl-graph:not([data-mgl-graph=drawn]):not([data-mgl-graph=failed])')",
        timeout=RUNS_TIMEOUT_MS)


def use_the_graphs(page):
    """Leave each graph as a reader would: its player one Step in (a node and its children highlighted) and its
    first value explained in the inspector, so their colours and texts are audited too."""
    for graph in page.locator(".mgl-graph[data-mgl-graph=drawn]").all():
        step = graph.get_by_role("button", name="Step", exact=True)
        if step.count():
            step.click()
            expect(graph.locator(".mgl-current")).not_to_have_count(0)
        graph.locator("g.node.value").first.click()
        expect(graph.locator(".mgl-graph-info")).to_contain_text("data ")


def use_the_controls(page):
    """Move each interact() box's first slider or choice one step from the keyboard and wait for its output to be
    redrawn (a graph in it laid out), so the controls are audited in use and with their new output."""
    for box in page.locator(".mgl-interact").all():
        before = box.get_attribute("data-mgl-draws")
        box.locator("input[type=range], select").first.press("ArrowDown")
        page.wait_for_function("([id, n]) => document.getElementById(id).dataset.mglDraws !== n",
                               arg=[box.get_attribute("id"), before], timeout=RUNS_TIMEOUT_MS)
    page.wait_for_function(
        "() => !document.querySelector('.mgl-graph:not([data-mgl-graph=drawn]):not([data-mgl-graph=failed])')",
        timeout=RUNS_TIMEOUT_MS)


# No CSS transition is under way (a change of width slides and fades Material's menu levels).
SETTLED = "() => !document.getAnimations().some((a) => a instanceof CSSTransition && a.playState === 'running')"


@pytest.mark.parametrize("path", SITE_PATHS)
def test_page_meets_wcag_21_aa(page, site_server, path):
    open_isolated(page, site_server + path + TEST_QUERY.get(path.rstrip("/"), ""))
    run_every_editor(page)
    use_the_controls(page)
    use_the_graphs(page)
    page.add_script_tag(path=str(AXE))
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_function(SETTLED)  # colours at rest: not the menu's sections fading in or out
        for scheme in PALETTES:
            switch_palette(page, scheme)
            found += [f"[{width}px, {scheme}] {v}" for v in page.evaluate(AXE_RUN, WCAG_21_AA)]
    assert not found, f"{len(found)} WCAG 2.1 AA violations on /{path}:\n" + "\n".join(found)


CODE_BOX = "Python code: micrograd, live"  # the home page's editor, named after the heading above it


def test_keyboard_only_walk_of_the_home_page(page, site_server):
    open_isolated(page, site_server)
    wait_until_page_ready(page)

    # Tab from the top of the page to the editor's text box, past its labelled buttons.
    passed = []
    while (focused := page.evaluate(FOCUSED)) != CODE_BOX:
        assert len(passed) < 60, f"Tab never reached the editor; it went through {passed}"
        passed.append(focused)
        page.keyboard.press("Tab")
    buttons = [name for name in passed if name.endswith(": micrograd, live")]
    assert buttons == [f"{name}: micrograd, live" for name in (
        "Restart Python", "Download as notebook", "Reset code", "Copy code", "Run code")]  # no "Run all above" first

    # Type, and run with the keyboard; when the run ends its summary is in the editor's live region.
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("print(6 * 7)")
    page.keyboard.press("Control+Enter")
    editor = page.get_by_role("group", name="Python example: micrograd, live")
    status = editor.locator(".mgl-sr-only[aria-live=polite]")
    expect(status).to_have_text("Finished: 42", timeout=RUNTIME_TIMEOUT_MS)
    expect(editor.get_by_role("log", name="Output: micrograd, live")).to_have_attribute("aria-live", "off")

    # Tab inside the editor indents (and Shift+Tab takes it back): the keyboard stays in the code.
    code = editor.locator(".cm-content")
    page.keyboard.press("Tab")
    expect(code).to_have_text("    print(6 * 7)")
    assert page.evaluate(FOCUSED) == CODE_BOX
    page.keyboard.press("Shift+Tab")
    expect(code).to_have_text("print(6 * 7)")

    # Esc then Tab leaves the editor, as the home page says; the code is untouched.
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) != CODE_BOX
    expect(code).to_have_text("print(6 * 7)")
    # An error is announced by its last line.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED) == CODE_BOX, "Shift+Tab did not come back to the code"
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("1 / 0")
    page.keyboard.press("Shift+Enter")
    expect(status).to_have_text("Finished with an error: ZeroDivisionError: division by zero", timeout=RUNTIME_TIMEOUT_MS)
