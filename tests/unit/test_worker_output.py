"""The page's Python (site_src/pyodide/worker/worker.py) caps what a run shows: whole lines, in order, then a count.

worker.py runs in the browser, where `pyscript` exists; here a stand-in records what would reach the page.
"""

import importlib
import sys
import types
from unittest import mock

import pytest

sent = []
PYSCRIPT = types.SimpleNamespace(display=None, sync=types.SimpleNamespace(show=lambda *args: sent.append(args)))


@pytest.fixture(scope="module")
def worker():
    with mock.patch.dict(sys.modules, {"pyscript": PYSCRIPT}):  # and forget `worker` afterwards
        yield importlib.import_module("worker")


@pytest.fixture
def stream(worker):
    sent.clear()
    return worker.PageStream("out")


def shown():
    return "".join(text for text, kind in sent)


def test_lines_reach_the_page_as_they_end(stream):
    print("a", "b", file=stream, end="")
    assert sent == []
    print(file=stream)
    assert sent == [("a b\n", "out")]
    assert stream.notice() == ""


def test_past_the_line_cap_lines_are_only_counted(worker, stream):
    for i in range(worker.MAX_LINES + 5):
        print(i, file=stream)
    stream.flush()
    assert shown().splitlines() == [str(i) for i in range(worker.MAX_LINES)]
    assert stream.notice() == "… 5 more lines not shown (an editor shows the first 1,000)\n"


def test_one_huge_line_is_counted_not_sent_and_nothing_after_it_is_shown(worker, stream):
    print("short", file=stream)
    print("x" * (worker.MAX_CHARS + 1), file=stream)
    print("after", file=stream)
    stream.flush()
    assert shown() == "short\n"
    assert stream.notice() == "… 2 more lines not shown (an editor shows the first 1)\n"


def test_an_unfinished_last_line_is_sent_on_flush(stream):
    stream.write("no newline")
    stream.flush()
    assert shown() == "no newline"
