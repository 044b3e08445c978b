"""The page's Python: one Web Worker that every editor on the page shares, so its examples build on each other.

editors.js starts this file with PyScript's `PyWorker`, calls `set_up()` once, then `run()` for every Run.
Readers' code runs in a namespace of its own, so nothing here (or a name a reader rebinds) can break the other.
What it prints goes back to the page through `sync.show(text, kind)`, which editors.js puts under the running
editor as text, never as HTML.
"""

import builtins
import json
import sys

from pyscript import display, sync

MAX_LINES = 1_000  # a run's output on the page; past that, lines are only counted
MAX_CHARS = 100_000


class PageStream:
    """`sys.stdout` or `sys.stderr` while an editor runs: text goes to its output on the page a line at a time,
    up to MAX_LINES lines or MAX_CHARS characters a run. Past that, lines are only counted, so a million prints
    cost a million counts here, not a million page updates."""

    def __init__(self, kind):
        self.kind = kind
        self.lines = self.chars = self.hidden_lines = 0
        self._pending = []

    def write(self, text):
        if self.hidden_lines:
            self.hidden_lines += text.count("\n")
        else:
            self._pending.append(text)
            if "\n" in text:
                self.flush()
        return len(text)

    def flush(self):
        lines, self._pending = "".join(self._pending).splitlines(keepends=True), []
        shown = []
        for line in lines:
            if self.hidden_lines or self.lines >= MAX_LINES or self.chars + len(line) > MAX_CHARS:
                self.hidden_lines += 1
            else:
                shown.append(line)
                self.lines += 1
                self.chars += len(line)
        if shown:
            sync.show("".join(shown), self.kind)

    def notice(self):
        """The line that says how much was left out, or ""."""
        n = self.hidden_lines
        if not n:
            return ""
        return f"… {n:,} more line{'s' * (n != 1)} not shown (an editor shows the first {self.lines:,})\n"

    def isatty(self):
        return False


def _install_site_modules(modules):
    """Put the site's own helpers (e.g. the course's exercise checks) where `import` finds them."""
    import os

    from pyodide.http import open_url  # synchronous, which a worker may be

    folder = "/home/pyodide/site_modules"
    os.makedirs(folder, exist_ok=True)
    for name, url in modules.items():
        with open(f"{folder}/{name}.py", "w") as file:
            file.write(open_url(url).read())
    sys.path.insert(0, folder)


def _draw_graphs_in_the_page():
    """draw_dot() pictures are drawn by the page (graphs.js: Graphviz as WebAssembly, fetched the first time a
    graph is shown), which also explains nodes and plays the backward pass: hand them over as data."""
    from micrograd import graph

    graph._page_draws = True


def _import_matplotlib():
    """Import pyplot now, while the reader reads: its first import in a browser builds a font cache (seconds)."""
    import logging

    import matplotlib

    matplotlib.use("agg")  # draw to pictures: a worker has no screen
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # "building the font cache" is expected
    import matplotlib.pyplot  # noqa: F401


def _listen_for_stop():
    """Share a one-number buffer with the page: when Stop writes 2 (SIGINT) into it, the running code gets a
    KeyboardInterrupt at its next line, as Ctrl+C would in a terminal, and the reader's names are kept."""
    import js
    import pyodide_js

    buffer = js.Int32Array.new(js.SharedArrayBuffer.new(4))
    pyodide_js.setInterruptBuffer(buffer)
    js.postMessage(buffer)  # shared memory: posting it shares it with the page instead of copying it


def _input(prompt=""):
    """`input()` in an editor: a worker has no keyboard, so the browser asks in a dialog. Cancel is end of input."""
    print(prompt, end="", flush=True)
    answer = sync.ask(str(prompt))
    if answer is None:
        raise EOFError("no input: the dialog was cancelled")
    print(answer)
    return answer


async def set_up(page):
    """Once per page, before any editor runs: `page` is JSON naming the site modules and the Pyodide packages the
    page's editors import."""
    page = json.loads(page)
    import micrograd  # noqa: F401  (fail here, where the page shows it, if the wheel did not install)

    _listen_for_stop()
    builtins.input = _input
    _install_site_modules(page["modules"])
    _draw_graphs_in_the_page()
    if "matplotlib" in page["packages"]:
        _import_matplotlib()


reader_namespace = {"__name__": "__main__"}
runs = 0


def _traceback(error, filename):
    """Python's own traceback, from the reader's first line down: Pyodide's frames above it are left out."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    while frames and frames[0].filename != filename:
        frames.pop(0)
    lines = ["Traceback (most recent call last):\n", *traceback.format_list(frames)] if frames else []
    lines += traceback.format_exception_only(type(error), error)
    if isinstance(error, MemoryError):
        lines.append("(Python may keep the memory it took: reload the page if it becomes slow.)\n")
    return "".join(lines)


RICH_REPRS = ("_repr_html_", "_repr_svg_", "_repr_png_", "_repr_jpeg_", "savefig")  # what display() can draw


def _show(result, output_id):
    """A last expression's value, as a notebook shows it: drawn if it is a picture (a graph, a figure), else its
    repr, as text."""
    if any(hasattr(result, name) for name in RICH_REPRS):
        display(result, target=output_id, append=True)
    else:
        print(repr(result))


async def run(source, output_id):
    """Run an editor's code as a notebook cell: top-level `await` allowed, the last expression displayed under
    the editor (`output_id`), errors shown as tracebacks of the reader's own lines."""
    import linecache

    from pyodide.code import eval_code_async

    global runs
    runs += 1
    filename = f"<editor run {runs}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    out, err = sys.stdout, sys.stderr = PageStream("out"), PageStream("err")
    failure = ""
    try:
        result = await eval_code_async(source, reader_namespace, filename=filename)
        if result is not None:
            _show(result, output_id)
    except BaseException as error:  # KeyboardInterrupt and SystemExit too: the page must go on
        failure = _traceback(error, filename)
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        out.flush(), err.flush()
        for text, kind in (out.notice() + err.notice(), "notice"), (failure, "err"):  # shown even past the cap
            if text:
                sync.show(text, kind)


sync.set_up = set_up
sync.run = run
