"""The page's Python (site_src/pyodide/worker/) caps what a run shows: one cap for prints to stdout and stderr, the
last expression's value and the error report; a long line shows its start and a count, and the lines after it still
show; past the cap lines are only counted.

output_limits is pure Python; the modules that need the browser's `pyscript` and `pyodide` (display, tracebacks)
get stand-ins that record what would reach the page.
"""

import contextvars
import importlib
import importlib.util
import sys
import types
from pathlib import Path
from traceback import extract_tb
from unittest import mock

import output_limits
import pytest

sent = []
PYSCRIPT = types.SimpleNamespace(display=None, sync=types.SimpleNamespace(show=lambda *args: sent.append(args)))
# PyScript's own display module (how display() turns values into HTML), which needs no page to do that.
PYSCRIPT_DISPLAY = Path(__file__).parents[2] / "node_modules/@pyscript/core/src/stdlib/pyscript/display.py"


@pytest.fixture(scope="module")
def page():
    """The worker's modules that run in the page (page_display, tracebacks, stopping), with stand-ins."""
    stand_ins = {"pyscript": PYSCRIPT, "pyscript.magic_js": types.SimpleNamespace(current_target=None, document=None,
                                                                                   window=None)}
    with mock.patch.dict(sys.modules, stand_ins):  # and forget the modules afterwards
        spec = importlib.util.spec_from_file_location("pyscript.display", PYSCRIPT_DISPLAY)
        sys.modules["pyscript.display"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules["pyscript.display"])
        yield types.SimpleNamespace(**{name: importlib.import_module(name)
                                       for name in ("page_display", "tracebacks", "stopping")})


def record(*args):
    sent.append(args)


@pytest.fixture
def output():
    sent.clear()
    return output_limits.RunOutput(show=record)


def shown(kind=None):
    return "".join(text for text, k, _ in sent if kind in (None, k))


def test_lines_reach_the_page_as_they_end_in_order_across_stdout_and_stderr(output):
    print("a", "b", file=output.stdout, end="")
    assert sent == []
    print(file=output.stdout)
    print("oops", file=output.stderr)
    output.close()
    assert sent == [("a b\n", "out", None), ("oops\n", "err", None)]


def test_past_the_line_cap_lines_are_only_counted(output):
    for i in range(output_limits.MAX_LINES + 5):
        print(i, file=output.stdout if i % 2 else output.stderr)
    output.close()
    assert shown().splitlines() == [str(i) for i in range(output_limits.MAX_LINES)] + [
        "… 5 more lines not shown (an editor shows the first 1,000)"]


def test_a_long_line_shows_its_start_and_a_count_and_the_lines_after_it_show(output):
    print("before", file=output.stdout)
    print("x" * (output_limits.MAX_LINE + 12_345), file=output.stdout)
    print("after", file=output.stdout)
    output.close()
    before, long, after = shown().splitlines()
    assert (before, after) == ("before", "after")
    assert long == "x" * output_limits.MAX_LINE + " … [12,345 more characters not shown]"


def test_a_line_written_in_pieces_keeps_only_what_it_shows(output):
    piece = "y" * 1_000_000
    for _ in range(50):  # 50 million characters, no newline
        output.stdout.write(piece)
    assert sum(map(len, output.stdout.waiting)) == output_limits.MAX_LINE
    kept = len(output.stdout.waiting)
    for _ in range(10**5):  # print('y', end='') in a loop: each write past the cap keeps nothing at all
        output.stdout.write("y")
    assert len(output.stdout.waiting) == kept
    output.close()
    assert shown() == "y" * output_limits.MAX_LINE + " … [50,090,000 more characters not shown]\n"


def test_many_long_lines_stop_at_the_character_cap(output):
    for _ in range(30):
        print("z" * output_limits.MAX_LINE, file=output.stdout)
    output.close()
    assert output.chars == output_limits.MAX_CHARS
    assert shown().endswith("… 20 more lines not shown (an editor shows the first 10)\n")


def test_the_error_report_shows_past_a_full_cap_itself_capped(output):
    for i in range(output_limits.MAX_LINES + 1):
        print(i, file=output.stdout)
    output.close("Traceback (most recent call last):\nValueError: " + "x" * 10**7 + "\n")
    assert shown("notice") == "… 1 more line not shown (an editor shows the first 1,000)\n"
    report = shown("err").splitlines()
    assert report[0] == "Traceback (most recent call last):"
    assert report[1].startswith("ValueError: xxx") and report[1].endswith(" more characters not shown]")
    assert len(shown("err")) < 2 * output_limits.MAX_LINE


def test_a_task_writes_under_the_run_that_started_it_even_after_that_run_ended():
    """sys.stdout is the page's RunStream: it writes to the run found in the context, which tasks inherit."""
    sent.clear()
    first, second = output_limits.RunOutput("output-1", record), output_limits.RunOutput("output-2", record)
    task_context = contextvars.copy_context()  # as a task started by the first run's code gets it
    task_context.run(output_limits.run_output.set, first)
    first.close()
    output_limits.run_output.set(second)
    task_context.run(print, "late", end="", file=output_limits.STDOUT)  # no newline: shown at once, the run is over
    print("now", file=output_limits.STDOUT)
    output_limits.run_output.set(None)
    assert sent == [("late", "out", "output-1"), ("now\n", "out", "output-2")]


def test_display_under_an_editor_shows_text_within_the_cap_and_refuses_a_huge_picture(page):
    """display() cannot get round the cap: text goes through it as a print does, and HTML past MAX_PICTURE
    characters is not shown (a line says so); other pictures reach PyScript's display() once rendered."""
    sent.clear()
    drawn = []
    output = output_limits.RunOutput("output-3", record)
    this_run = output_limits.run_output.set(output)
    display = page.page_display
    with mock.patch.object(display, "pyscript_display", lambda value, **where: drawn.append((value._repr_html_(), where))):
        display.display("x" * 10**7, "<b>", 42, display.HTML("<i>hi</i>"), display.HTML("y" * (display.MAX_PICTURE + 1)))
    output_limits.run_output.reset(this_run)
    output.close()
    assert shown("out") == "x" * output_limits.MAX_LINE + " … [9,990,000 more characters not shown]\n<b>\n42\n"
    assert drawn == [("<i>hi</i>", {"target": "output-3", "append": True})]
    assert shown("err") == ("display(): not shown, as text/html of 5,000,001 characters (the most it shows is "
                            "5,000,000).\n")


def test_an_unfinished_last_line_is_shown_when_the_run_ends(output):
    output.stdout.write("no newline")
    output.close()
    assert shown() == "no newline"


def test_a_name_error_for_a_name_defined_above_says_to_run_the_examples_above(page):
    hint = page.tracebacks.hint
    above = '["from micrograd.engine import Value as V\\nx = V(1.0)\\ndef f():\\n    local = 1", "for i in range(3): pass"]'
    for name in "x", "V", "f", "i":
        assert "run the examples above first (Run all above)" in hint(NameError(name, name=name), above)
    assert hint(NameError("local", name="local"), above) == ""
    assert hint(NameError("y", name="y"), above) == ""
    assert hint(ValueError("x"), above) == ""


def test_a_module_not_found_while_packages_load_in_the_background_says_to_run_again(page):
    """pyplot is in, and the packages matplotlib uses only to save a PDF (fontTools) load just after it: a
    savefig("f.pdf") in that moment fails, and the hint says why and what to do."""
    hint, loading = page.tracebacks.hint, "package_loading._later"
    with mock.patch.dict(loading, {"fonttools": None, "pytz": None}):
        assert hint(ModuleNotFoundError("No module named 'fontTools'", name="fontTools"), "[]") == (
            "`fontTools` may come with the packages this page is still loading in the background (fonttools, pytz): "
            "run this again in a moment.\n")
        with mock.patch.object(page.tracebacks, "unavailable", {"pandas"}):  # the site has no package for it
            assert "cannot be installed here" in hint(ModuleNotFoundError("No module named 'pandas'", name="pandas"), "[]")
    assert hint(ModuleNotFoundError("No module named 'fontTools'", name="fontTools"), "[]") == ""


def test_a_traceback_shows_the_readers_lines_not_the_sites(page):
    """A stopped time.sleep() raises KeyboardInterrupt inside the site's `sleep`: the reader sees their own line."""
    reader = compile("import time\n\ntime.sleep(5)\n", "<editor run 7>", "exec")
    stopped = types.SimpleNamespace(Atomics=types.SimpleNamespace(wait=lambda *args: None))  # Stop wrote STOP
    with mock.patch.object(page.stopping, "interrupt", [page.stopping.STOP]), mock.patch.dict(sys.modules, js=stopped), \
            mock.patch("time.sleep", page.stopping.sleep):
        with pytest.raises(KeyboardInterrupt) as caught:
            exec(reader, {})
    assert extract_tb(caught.value.__traceback__)[-1].filename in page.tracebacks.SITE_FILES  # the frame to drop
    assert page.tracebacks.traceback(caught.value, "<editor run 7>") == (
        'Traceback (most recent call last):\n  File "<editor run 7>", line 3, in <module>\nKeyboardInterrupt\n')


def test_an_exercise_checks_verdict_shows_past_the_cap(output):
    """A reader's code prints 2,000 lines (its backward() did, say), then check_my_backward(): the cap's note, then
    the verdict."""
    import course
    from micrograd.engine import Value

    class MyValue(Value):
        pass

    this_run, stdout = output_limits.run_output.set(output), sys.stdout
    sys.stdout = output_limits.STDOUT
    try:
        for i in range(2_000):
            print(i)
        course.check_my_backward(MyValue)
    finally:
        sys.stdout = stdout
        output_limits.run_output.reset(this_run)
    output.close()
    lines = shown().splitlines()
    assert len(lines) == output_limits.MAX_LINES + 2
    assert lines[-2] == "… 1,000 more lines not shown (an editor shows the first 1,000)"
    assert lines[-1].startswith(course.PASSED), lines[-1]
