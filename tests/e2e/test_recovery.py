"""Nothing a reader runs breaks the page: endless loops stop, floods of output are capped, too much memory and
deep graphs end in a clear message, errors leave the other editors working, and the code is never lost."""

import re
import time

from playwright.sync_api import expect

from pages import RUN, RUNTIME_TIMEOUT_MS, open_isolated

STOP = re.compile("^Stop")
STOP_LIMIT_S = 2  # the promise: Stop ends any run within 2 seconds


def put_code(page, index, code):
    """Give editor `index` new code, as pasting it would (typing would auto-indent multi-line code)."""
    expect(page.locator(".mgl-editor").nth(index).locator(".cm-content")).to_be_visible(timeout=RUNTIME_TIMEOUT_MS)
    page.evaluate("([i, code]) => { document.querySelectorAll('.mgl-editor script')[i].code = code; }", [index, code])


def run(page, index, code):
    """Run `code` in editor `index` and return the editor once the run has ended."""
    put_code(page, index, code)
    editor = page.locator(".mgl-editor").nth(index)
    editor.get_by_role("button", name=RUN).click()
    expect(editor.locator(".py-editor-run-button.running")).to_have_count(0, timeout=RUNTIME_TIMEOUT_MS)
    return editor


def output_of(editor):
    return editor.get_by_role("log", name="Output")


def start_endless(page, code):
    """Start `code`, which never ends by itself, and wait until it is surely inside its loop."""
    put_code(page, 0, code)
    editor = page.locator(".mgl-editor").first
    editor.get_by_role("button", name=RUN).click()
    expect(editor.get_by_role("button", name=STOP)).to_be_visible()
    return editor


def stop(editor):
    """Press Stop; return how long the run took to end after it."""
    started = time.monotonic()
    editor.get_by_role("button", name=STOP).click()
    expect(editor.get_by_role("button", name=RUN)).to_be_visible(timeout=10_000)
    return time.monotonic() - started


def test_stop_interrupts_an_endless_loop_and_keeps_the_readers_names(page, site_server):
    open_isolated(page, f"{site_server}derivatives/")  # a long page, to scroll
    run(page, 0, "kept = 'still here'")
    editor = start_endless(page, "print('looping')\nwhile True:\n    pass\n")
    expect(output_of(editor)).to_contain_text("looping")  # inside the loop, not still on its way in (Stop then
    # interrupts the site's code that starts a run, and the report has no line of the reader's)

    # The loop runs in a worker: the page itself still scrolls and answers.
    page.mouse.wheel(0, 400)
    page.wait_for_function("() => window.scrollY > 0")
    assert page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done(6 * 7)))") == 42

    assert stop(editor) < STOP_LIMIT_S
    expect(output_of(editor)).to_contain_text("KeyboardInterrupt")
    expect(output_of(editor)).to_contain_text(re.compile(r'File "<editor run 2>", line [23]'))  # the loop's lines

    run(page, 0, "print(kept)")
    expect(output_of(editor)).to_have_text("still here", use_inner_text=True)


def test_stop_interrupts_sleeps_exits_end_a_run_and_the_site_survives_what_readers_rebind(page, site_server):
    """time.sleep() and `await asyncio.sleep()` stop like a loop does, names kept; sys.exit() and os._exit() end
    the run with a message, not the page's Python; rebinding what the site's own code uses breaks nothing;
    display() without a target shows under the editor."""
    open_isolated(page, site_server)
    run(page, 0, "kept = 'still here'")
    for sleep in "import time\ntime.sleep(1e9)", "import asyncio\nawait asyncio.sleep(100)":
        editor = start_endless(page, sleep)
        assert stop(editor) < STOP_LIMIT_S
        expect(output_of(editor)).to_contain_text("KeyboardInterrupt")
        expect(output_of(editor)).not_to_contain_text("restarted")
        # No frame of the site's own code: PyScript runs worker.py without a file name, so its frames say <exec>.
        text = output_of(editor).inner_text()
        assert "<exec>" not in text and "_sleep" not in text, text
        assert re.search(r'File "<editor run \d+>", line 2', text), text  # the reader's sleep line is shown

    run(page, 0, "print(kept)\nimport os\nos._exit(0)\nprint('not reached')")
    expect(output_of(editor)).to_have_text(
        "still here\nos._exit(0) ended this run. The page's Python goes on, with your names.", use_inner_text=True)
    run(page, 0, "import sys\nsys.exit(3)")
    expect(output_of(editor)).to_have_text(
        "sys.exit(3) ended this run. The page's Python goes on, with your names.", use_inner_text=True)

    run(page, 0, "import traceback, sys\ntraceback.extract_tb = traceback.format_list = None\n1 / 0")
    expect(output_of(editor)).to_contain_text("ZeroDivisionError: division by zero")
    run(page, 0, "from pyscript import display\ndisplay('shown here')\nprint(kept)")
    expect(output_of(editor)).to_have_text("shown here\nstill here", use_inner_text=True)


def test_a_background_tasks_late_print_shows_under_the_editor_that_started_it(page, site_server):
    open_isolated(page, f"{site_server}derivatives/")
    starter = run(page, 0, "import asyncio\nasync def late():\n    await asyncio.sleep(1)\n    print('late')\n"
                           "task = asyncio.create_task(late())\nprint('started')")
    expect(output_of(starter)).to_have_text("started", use_inner_text=True)
    other = run(page, 1, "import asyncio\nawait asyncio.sleep(2)\nprint('other')")  # running when `late` prints
    expect(output_of(other)).to_have_text("other", use_inner_text=True)
    expect(output_of(starter)).to_have_text("started\nlate", use_inner_text=True)


def test_code_that_ignores_stop_gets_a_fresh_python_and_the_reader_is_told(page, site_server):
    open_isolated(page, site_server)
    run(page, 0, "kept = 1")
    stubborn = "while True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass\n"
    editor = start_endless(page, stubborn)

    assert stop(editor) < STOP_LIMIT_S
    expect(output_of(editor)).to_contain_text("Python did not stop when asked, so it was restarted")

    run(page, 0, "print(6 * 7)\nprint('kept' in globals())")
    expect(output_of(editor)).to_have_text("42\nFalse", use_inner_text=True, timeout=RUNTIME_TIMEOUT_MS)
    # The reader's code is still in the editor, and in storage for the next visit.
    page.reload()
    page.wait_for_function("() => self.crossOriginIsolated === true", timeout=RUNTIME_TIMEOUT_MS)
    expect(page.locator(".mgl-editor .cm-content").first).to_contain_text("print('kept' in globals())")


def test_edits_survive_a_stop(page, site_server):
    open_isolated(page, site_server)
    editor = start_endless(page, "while True:\n    pass  # my own loop\n")
    stop(editor)
    expect(editor.locator(".cm-content")).to_contain_text("pass  # my own loop")
    page.reload()
    page.wait_for_function("() => self.crossOriginIsolated === true", timeout=RUNTIME_TIMEOUT_MS)
    expect(page.locator(".mgl-editor .cm-content").first).to_contain_text("pass  # my own loop")


def test_a_million_prints_are_capped_with_a_notice(page, site_server):
    open_isolated(page, site_server)
    editor = run(page, 0, "for i in range(10**6):\n    print(i)\nprint('never shown')")
    text = output_of(editor).inner_text()
    lines = text.splitlines()
    assert lines[:3] == ["0", "1", "2"] and lines[999] == "999"
    assert lines[1000:] == ["… 999,001 more lines not shown (an editor shows the first 1,000)"]
    run(page, 0, "print('after')")  # and the editor works as before
    expect(output_of(editor)).to_have_text("after", use_inner_text=True)


def test_a_huge_error_a_huge_value_and_a_huge_line_show_their_start_and_what_follows(page, site_server):
    """One cap for everything a run shows: a traceback, a last expression's value and a print are each cut to
    their start and a count of the rest, and the lines after a long one still show."""
    open_isolated(page, site_server)
    editor = run(page, 0, "raise ValueError('x' * 10**8)")
    text = output_of(editor).inner_text()
    cut = re.search(r"\nValueError: x+ … \[([\d,]+) more characters not shown\]$", text.strip())
    assert cut and int(cut[1].replace(",", "")) > 10**8 - 10_000, text[-200:]
    assert len(text) < 11_000

    run(page, 0, "'x' * 3 * 10**7")
    text = output_of(editor).inner_text().strip()
    assert text == "'" + "x" * 9999 + " … [29,990,002 more characters not shown]"  # the repr: two quotes, 3e7 x

    run(page, 0, "print('before'); print(list(range(20000))); print('after')")
    before, long, after = output_of(editor).inner_text().strip().split("\n")
    assert (before, after) == ("before", "after")
    assert long.startswith("[0, 1, 2, 3,") and re.fullmatch(r".{10000} … \[[\d,]+ more characters not shown\]", long)


def test_display_shows_text_within_the_cap_and_refuses_a_huge_picture(page, site_server):
    open_isolated(page, site_server)
    editor = run(page, 0, "from pyscript import display, HTML\ndisplay('x' * 10**7)\n"
                          "display(HTML('<b>' + 'y' * 10**7 + '</b>'))\ndisplay(HTML('<i>small</i>'))")
    text = output_of(editor).inner_text()
    assert len(text) < 11_000, len(text)
    assert text.startswith("x" * 10_000 + " … [9,990,000 more characters not shown]\n"), text[-300:]
    assert "display(): not shown, as text/html of 10,000,007 characters" in text and "yyy" not in text
    expect(output_of(editor).locator("i")).to_have_text("small")
    run(page, 0, "print('after')")  # and the editor works as before
    expect(output_of(editor)).to_have_text("after", use_inner_text=True)


def test_asking_for_far_too_much_memory_ends_in_a_memory_error_and_a_usable_editor(page, site_server):
    open_isolated(page, site_server)
    editor = run(page, 0, "x = [0] * 10**9")
    expect(output_of(editor)).to_contain_text("MemoryError")
    run(page, 0, "print(sum(range(10)))")
    expect(output_of(editor)).to_have_text("45", use_inner_text=True)


def test_a_100000_node_chain_back_propagates_in_the_browser(page, site_server):
    open_isolated(page, site_server)
    chain = (
        "from micrograd.engine import Value\n"
        "x = Value(1.0)\n"
        "y = x\n"
        "for _ in range(100_000):\n"
        "    y = y * 1.0 + 0.0\n"
        "y.backward()\n"
        "print(x.grad)\n"
    )
    editor = run(page, 0, chain)
    expect(output_of(editor)).to_have_text("1.0", use_inner_text=True)


def test_an_error_leaves_the_other_editors_working(page, site_server):
    open_isolated(page, f"{site_server}derivatives/")
    failed = run(page, 0, "def f(x):\n    return 1 / x\n\nf(0)")
    expect(output_of(failed)).to_contain_text("ZeroDivisionError: division by zero")
    other = run(page, 1, "print(2 ** 10)")
    expect(output_of(other)).to_have_text("1024", use_inner_text=True)


DEEP = """import json
class MyValue:
    def __init__(self, data, _children=()):
        self.data, self._prev = data, set(_children)
    def __add__(self, other):
        other = other if isinstance(other, MyValue) else MyValue(other)
        return MyValue(self.data + other.data, (self, other))
    def __repr__(self):
        return f"MyValue(data={self.data}, _prev={self._prev})"
x = MyValue(1.0)
for i in range(600):
    x = x + 1
nested, deep = [], {}
for i in range(10_000):
    nested = [nested]
for i in range(200_000):
    deep = {"a": deep}
for make in (lambda: repr(nested), lambda: json.dumps(deep)):
    try:
        make()
    except RecursionError:
        print("RecursionError")
print(repr(x))
"""
# What a reader's code may do to take Python down all the same: give C recursion its compiled-in depth back.
CRASH = """import ctypes
state = ctypes.pythonapi.PyThreadState_Get
state.restype = ctypes.c_void_p
ctypes.c_int.from_address(state() + 24).value = 100_000
nested = []
for i in range(100_000):
    nested = [nested]
repr(nested)
"""


def test_deep_recursion_is_a_recursion_error_and_a_crash_restarts_python_for_the_runs_waiting(page, site_server):
    open_isolated(page, site_server + "value/")
    output = output_of(run(page, 0, DEEP))
    expect(output).to_contain_text("RecursionError\nRecursionError\nTraceback (most recent call last):")
    expect(output).to_contain_text("RecursionError: maximum recursion depth exceeded")
    expect(output).to_contain_text("Python in a browser has a much smaller stack than on a desktop")
    expect(output_of(run(page, 1, "print(6 * 7)"))).to_have_text("42")

    put_code(page, 0, CRASH)
    put_code(page, 1, "print(6 * 7)")
    first, second = page.locator(".mgl-editor").nth(0), page.locator(".mgl-editor").nth(1)
    first.get_by_role("button", name=RUN).click()
    second.get_by_role("button", name=RUN).click()  # waits behind the run that crashes
    expect(output_of(first)).to_contain_text(re.compile(
        r"^Python crashed: .+; it was restarted, run the editors above again\.\s*$"), timeout=RUNTIME_TIMEOUT_MS)
    expect(output_of(second)).to_have_text("42", timeout=RUNTIME_TIMEOUT_MS)
