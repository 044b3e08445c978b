"""The page's Python (site_src/pyodide/worker/worker.py) caps what a run shows: one cap for prints to stdout and
stderr, the last expression's value and the error report; a long line shows its start and a count, and the lines
after it still show; past the cap lines are only counted.

worker.py runs in the browser, where `pyscript` and `pyodide` exist; here stand-ins record what would reach the page.
"""

import contextvars
import importlib.util
import sys
import types
from pathlib import Path
from unittest import mock

import pytest

sent = []
PYSCRIPT = types.SimpleNamespace(display=None, sync=types.SimpleNamespace(show=lambda *args: sent.append(args)))
PYODIDE_CODE = types.SimpleNamespace(eval_code_async=None)
# PyScript's own display module (how display() turns values into HTML), which needs no page to do that.
PYSCRIPT_DISPLAY = Path(__file__).parents[2] / "node_modules/@pyscript/core/src/stdlib/pyscript/display.py"


@pytest.fixture(scope="module")
def worker():
    stand_ins = {"pyscript": PYSCRIPT, "pyodide": types.SimpleNamespace(code=PYODIDE_CODE), "pyodide.code": PYODIDE_CODE,
                 "js": types.SimpleNamespace(Atomics=None),
                 "pyscript.magic_js": types.SimpleNamespace(current_target=None, document=None, window=None)}
    with mock.patch.dict(sys.modules, stand_ins):  # and forget `worker` afterwards
        spec = importlib.util.spec_from_file_location("pyscript.display", PYSCRIPT_DISPLAY)
        sys.modules["pyscript.display"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules["pyscript.display"])
        yield importlib.import_module("worker")


@pytest.fixture
def output(worker):
    sent.clear()
    return worker.RunOutput()


def shown(kind=None):
    return "".join(text for text, k, _ in sent if kind in (None, k))


def test_lines_reach_the_page_as_they_end_in_order_across_stdout_and_stderr(output):
    print("a", "b", file=output.stdout, end="")
    assert sent == []
    print(file=output.stdout)
    print("oops", file=output.stderr)
    output.close()
    assert sent == [("a b\n", "out", None), ("oops\n", "err", None)]


def test_past_the_line_cap_lines_are_only_counted(worker, output):
    for i in range(worker.MAX_LINES + 5):
        print(i, file=output.stdout if i % 2 else output.stderr)
    output.close()
    assert shown().splitlines() == [str(i) for i in range(worker.MAX_LINES)] + [
        "… 5 more lines not shown (an editor shows the first 1,000)"]


def test_a_long_line_shows_its_start_and_a_count_and_the_lines_after_it_show(worker, output):
    print("before", file=output.stdout)
    print("x" * (worker.MAX_LINE + 12_345), file=output.stdout)
    print("after", file=output.stdout)
    output.close()
    before, long, after = shown().splitlines()
    assert (before, after) == ("before", "after")
    assert long == "x" * worker.MAX_LINE + " … [12,345 more characters not shown]"


def test_a_line_written_in_pieces_keeps_only_what_it_shows(worker, output):
    piece = "y" * 1_000_000
    for _ in range(50):  # 50 million characters, no newline
        output.stdout.write(piece)
    assert sum(map(len, output.stdout.waiting)) == worker.MAX_LINE
    kept = len(output.stdout.waiting)
    for _ in range(10**5):  # print('y', end='') in a loop: each write past the cap keeps nothing at all
        output.stdout.write("y")
    assert len(output.stdout.waiting) == kept
    output.close()
    assert shown() == "y" * worker.MAX_LINE + " … [50,090,000 more characters not shown]\n"


def test_many_long_lines_stop_at_the_character_cap(worker, output):
    for _ in range(30):
        print("z" * worker.MAX_LINE, file=output.stdout)
    output.close()
    assert output.chars == worker.MAX_CHARS
    assert shown().endswith("… 20 more lines not shown (an editor shows the first 10)\n")


def test_the_error_report_shows_past_a_full_cap_itself_capped(worker, output):
    for i in range(worker.MAX_LINES + 1):
        print(i, file=output.stdout)
    output.close("Traceback (most recent call last):\nValueError: " + "x" * 10**7 + "\n")
    assert shown("notice") == "… 1 more line not shown (an editor shows the first 1,000)\n"
    report = shown("err").splitlines()
    assert report[0] == "Traceback (most recent call last):"
    assert report[1].startswith("ValueError: xxx") and report[1].endswith(" more characters not shown]")
    assert len(shown("err")) < 2 * worker.MAX_LINE


def test_a_task_writes_under_the_run_that_started_it_even_after_that_run_ended(worker):
    """sys.stdout is the page's RunStream: it writes to the run found in the context, which tasks inherit."""
    sent.clear()
    first, second = worker.RunOutput("output-1"), worker.RunOutput("output-2")
    task_context = contextvars.copy_context()  # as a task started by the first run's code gets it
    task_context.run(worker.run_output.set, first)
    first.close()
    worker.run_output.set(second)
    task_context.run(print, "late", end="", file=worker.STDOUT)  # no newline: shown at once, the run is over
    print("now", file=worker.STDOUT)
    worker.run_output.set(None)
    assert sent == [("late", "out", "output-1"), ("now\n", "out", "output-2")]


def test_display_under_an_editor_shows_text_within_the_cap_and_refuses_a_huge_picture(worker):
    """display() cannot get round the cap: text goes through it as a print does, and HTML past MAX_PICTURE
    characters is not shown (a line says so); other pictures reach PyScript's display() once rendered."""
    sent.clear()
    drawn = []
    output = worker.RunOutput("output-3")
    this_run = worker.run_output.set(output)
    with mock.patch.object(worker, "display", lambda value, **where: drawn.append((value._repr_html_(), where))):
        worker._display("x" * 10**7, "<b>", 42, worker.HTML("<i>hi</i>"), worker.HTML("y" * (worker.MAX_PICTURE + 1)))
    worker.run_output.reset(this_run)
    output.close()
    assert shown("out") == "x" * worker.MAX_LINE + " … [9,990,000 more characters not shown]\n<b>\n42\n"
    assert drawn == [("<i>hi</i>", {"target": "output-3", "append": True})]
    assert shown("err") == ("display(): not shown, as text/html of 5,000,001 characters (the most it shows is "
                            "5,000,000).\n")


def test_an_unfinished_last_line_is_shown_when_the_run_ends(output):
    output.stdout.write("no newline")
    output.close()
    assert shown() == "no newline"


def test_a_name_error_for_a_name_defined_above_says_to_run_the_examples_above(worker):
    above = '["from micrograd.engine import Value as V\\nx = V(1.0)\\ndef f():\\n    local = 1", "for i in range(3): pass"]'
    for name in "x", "V", "f", "i":
        assert "run the examples above first (Run all above)" in worker._hint(NameError(name, name=name), above)
    assert worker._hint(NameError("local", name="local"), above) == ""
    assert worker._hint(NameError("y", name="y"), above) == ""
    assert worker._hint(ValueError("x"), above) == ""


def test_a_traceback_shows_the_readers_lines_not_the_sites(worker):
    """A stopped time.sleep() raises KeyboardInterrupt inside the site's `_sleep`: the reader sees their own line."""
    reader = compile("import time\n\ntime.sleep(5)\n", "<editor run 7>", "exec")
    stopped = types.SimpleNamespace(wait=lambda *args: None)  # Stop wrote STOP into the shared buffer
    with mock.patch.object(worker, "interrupt", [worker.STOP]), mock.patch.object(worker, "_Atomics", stopped), \
            mock.patch("time.sleep", worker._sleep):
        with pytest.raises(KeyboardInterrupt) as caught:
            exec(reader, {})
    assert worker.extract_tb(caught.value.__traceback__)[-1].filename == worker.SITE_FILE  # the frame to drop
    assert worker._traceback(caught.value, "<editor run 7>") == (
        'Traceback (most recent call last):\n  File "<editor run 7>", line 3, in <module>\nKeyboardInterrupt\n')
