"""Every course page runs, top to bottom, in the browser: the reader's "Run" on each editor in page order.

For each page every editor is run in order (with the Hint/Solution collapsibles opened), waiting for each run to
end before the next. No output may show a Python error, except an exercise's check right after its starter, which
must say "✗ Not yet" (course.py prints "❌ Not yet"; the page draws its mark in a glyph any font has). The solution
ends with its check, and after it has run the check editor is run again: both must say "✓ Passed". Every verdict
line is styled as a pass or a fail, not only marked by its emoji; a check run on a bug planted on purpose
(`catches(...)`) reads as a demonstration, not a fail; a passed check leaves a quiet mark on its editor.
"""

import re

import pytest
from playwright.sync_api import expect

from course_pages import PAGES, exercises
from pages import RUN, RUNTIME_TIMEOUT_MS, TEST_QUERY, open_isolated


COUNT_DONE = """() => {
    window.mglDone = 0;
    document.addEventListener("py-editor:done", () => { window.mglDone += 1; });
    document.querySelectorAll("details").forEach((d) => { d.open = true; });
}"""


def run_editor(page, editor, runs_so_far):
    """Click the editor's Run button, wait for the run to end, return the output text."""
    button = editor.get_by_role("button", name=RUN)
    button.click()
    page.wait_for_function(f"() => window.mglDone >= {runs_so_far + 1}", timeout=RUNTIME_TIMEOUT_MS)
    expect(editor.locator(".py-editor-run-button")).not_to_have_class(re.compile(r"\brunning\b"))
    return editor.get_by_role("log", name="Output").inner_text()


def assert_clean(index, output):
    assert "Traceback" not in output and "Error" not in output, f"editor {index} printed an error:\n{output}"


@pytest.mark.parametrize("page_name", PAGES)
def test_every_editor_of_the_page_runs_in_order(page, site_server, page_name):
    sources, found = exercises(page_name)
    checks = {check: solution for _, check, solution in found.values()}
    check_after_solution = {solution: check for check, solution in checks.items()}

    open_isolated(page, f"{site_server}{page_name}/{TEST_QUERY.get(page_name, '')}")
    editors = page.locator(".mgl-editor")
    expect(editors).to_have_count(len(sources))
    page.evaluate(COUNT_DONE)

    runs = 0
    for i in range(len(sources)):
        editor = editors.nth(i)
        output = run_editor(page, editor, runs)
        runs += 1
        if i in checks:
            assert "Traceback" not in output, f"check editor {i} failed:\n{output}"
            assert output.startswith("✗ Not yet"), f"check editor {i}, after the starter:\n{output}"
            # the verdict is styled, not only marked by an emoji some systems draw as a box
            expect(editor.locator(".py-editor-output .mgl-verdict.mgl-fail")).to_have_count(1)
        else:
            assert_clean(i, output)
        if "catches(" in sources[i]:  # a planted bug, caught: grey, not red
            expect(editor.locator(".py-editor-output .mgl-verdict.mgl-demo")).to_have_text(
                re.compile("^✓ Caught, as it should be: "))
            expect(editor.locator(".py-editor-output .mgl-verdict.mgl-fail")).to_have_count(0)
        if "plt." in sources[i]:  # the video's plots, and explorables that plot
            expect(editor.locator(".py-editor-output .mgl-figure svg")).not_to_have_count(0)
        if "draw_dot(" in sources[i] and "steps=True" not in sources[i]:  # a graph opens whole, fitted to its box
            frame = editor.locator(".mgl-graph[data-mgl-graph=drawn] .mgl-graph-frame").first
            expect(frame).to_be_visible(timeout=RUNTIME_TIMEOUT_MS)
            assert frame.evaluate("f => f.scrollWidth <= f.clientWidth + 1 && f.scrollHeight <= f.clientHeight + 1"), \
                f"editor {i}: its graph is cut off by its frame"
        if "steps=True" in sources[i]:  # a graph with its player, for any engine (the reader's own on Build)
            player = editor.get_by_role("group", name="Play the passes one node at a time")
            expect(player).to_be_visible(timeout=RUNTIME_TIMEOUT_MS)  # Graphviz is fetched by the first graph
        if i in check_after_solution:
            check = check_after_solution[i]
            output = run_editor(page, editors.nth(check), runs)
            runs += 1
            assert output.startswith("✓ Passed"), f"check editor {check}, after the solution:\n{output}"
            expect(editors.nth(check).locator(".py-editor-output .mgl-verdict.mgl-pass")).to_have_count(1)
            expect(editors.nth(check).locator(".mgl-toolbar .mgl-passed")).to_be_visible()  # the quiet mark
            expect(editor.locator(".py-editor-output .mgl-verdict.mgl-pass")).to_have_count(1)  # the solution's own
