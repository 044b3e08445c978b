"""The page's Python: one Web Worker that every editor on the page shares, so its examples build on each other.

editors.js starts this file with PyScript's `PyWorker`, calls `set_up()` once, then `run()` for every Run.
Readers' code runs in a namespace of its own, so nothing here (or a name a reader rebinds) can break the other.
What it prints goes back to the page through `sync.show(text, kind, target)`, which editors.js puts under the
editor whose output element has the id `target`, as text, never as HTML.
"""

import ast
import asyncio
import builtins
import html
import importlib
import importlib.util
import json
import linecache
import os
import sys
import time
from contextvars import ContextVar
from time import monotonic as _monotonic
from traceback import extract_tb, format_exception_only, format_list

import pyscript
from js import Atomics as _Atomics
from pyodide.code import eval_code_async
from pyscript import display, sync
from pyscript.display import HTML, _format_mime  # how display() turns a value into HTML (and if it is text)

# The functions the site's own code uses are bound here, once: a reader's run that rebinds, say,
# `traceback.extract_tb` changes what the reader's code sees, not how the page shows its errors.

MAX_LINES = 1_000  # what one run shows under its editor, everything counted together; past either cap, lines
MAX_CHARS = 100_000  # are only counted
MAX_LINE = 10_000  # characters of one line; a longer line shows its start and how much was cut
ERROR_ALLOWANCE = 100, 10_000  # lines and characters a run's error report may add past the cap, to be seen
MAX_PICTURE = 5_000_000  # characters of HTML one display() may add (a graph of 8,000 nodes, with its steps, is 4.3 M)
MAX_FIGURES = 20  # matplotlib figures one run shows; past it they are only counted


class RunOutput:
    """Everything one run shows under its editor: prints to `stdout` and `stderr`, the last expression's value,
    the error report. All of it counts against one cap (MAX_LINES lines, MAX_CHARS characters, MAX_LINE a line),
    so nothing a run prints can make the page hold more than that. A long line shows its start and a count of
    what was cut, and the lines after it still show. Past the cap, lines are only counted: a million prints cost
    a million counts here, not a million page updates. Text reaches the page through `sync.show(text, kind, target)`,
    `target` being the id of the output element under the run's editor."""

    def __init__(self, target=None):
        self.target, self.closed = target, False
        self.lines = self.chars = self.hidden = 0
        self.figures = self.hidden_figures = 0
        self.max_lines, self.max_chars = MAX_LINES, MAX_CHARS
        self.stdout, self.stderr = Stream(self, "out"), Stream(self, "err")

    @property
    def full(self):
        return self.lines >= self.max_lines or self.chars >= self.max_chars

    def close(self, error_report=""):
        """End the run: what is still waiting, then how much was left out, then `error_report` (shown even when
        the prints took the whole cap: the cap grows by ERROR_ALLOWANCE for it). A task the run started may
        still write afterwards: that goes under the same editor, within the same cap, at once."""
        self.closed = True
        for stream in self.stdout, self.stderr:
            stream.close()
        if self.hidden:
            n = self.hidden
            sync.show(f"… {n:,} more line{'s' * (n != 1)} not shown (an editor shows the first {self.lines:,})\n",
                      "notice", self.target)
        if self.hidden_figures:
            n = self.hidden_figures
            sync.show(f"… {n:,} more figure{'s' * (n != 1)} not shown (an editor shows the first {MAX_FIGURES})\n",
                      "notice", self.target)
        if error_report:
            self.max_lines, self.max_chars = self.lines + ERROR_ALLOWANCE[0], self.chars + ERROR_ALLOWANCE[1]
            self.stderr.write(error_report)
            self.stderr.close()


class Stream:
    """`sys.stdout` or `sys.stderr` while an editor runs: text goes to the page a line at a time, within the
    run's cap. Only the part of a line that will be shown is ever kept, however long the line."""

    def __init__(self, output, kind):
        self.output, self.kind = output, kind
        self.waiting = []  # text for the page, sent at the next newline or flush
        self.taken = self.cut = 0  # characters of the current line kept, and left out
        self.fresh, self.hiding = True, False  # at a line's start; the current line is past the cap

    def write(self, text):
        output, start, size, newline = self.output, 0, len(text), False
        while start < size:
            if self.fresh:
                self.fresh, self.hiding = False, output.full
            if self.hiding:  # past the cap: count the lines, keep nothing
                output.hidden += text.count("\n", start)
                self.fresh = text.endswith("\n")
                break
            end = text.find("\n", start)
            stop = size if end < 0 else end
            room = max(0, min(MAX_LINE - self.taken, output.max_chars - output.chars))
            piece = text[start:start + min(room, stop - start)]
            if piece:  # past the cap nothing is kept, not even an empty piece per write
                self.waiting.append(piece)
            self.taken += len(piece)
            output.chars += len(piece)
            self.cut += stop - start - len(piece)
            if end < 0:
                break
            self._end_line()
            newline, start = True, end + 1
        if newline or output.closed:
            self.flush()
        return size

    def _end_line(self):
        if self.cut:
            self.waiting.append(f" … [{self.cut:,} more characters not shown]")
        self.waiting.append("\n")
        self.output.lines += 1
        self.taken = self.cut = 0
        self.fresh = True

    def flush(self):
        if self.waiting:
            text, self.waiting = "".join(self.waiting), []
            if text:
                sync.show(text, self.kind, self.output.target)

    def close(self):
        if not self.fresh and self.hiding:
            self.output.hidden += 1
        elif self.cut:
            self._end_line()
        self.fresh = True
        self.flush()

    def isatty(self):
        return False


run_output = ContextVar("run_output", default=None)  # the RunOutput of the run whose code (or task) is running


class RunStream:
    """The page's `sys.stdout` (or `sys.stderr`): each write goes to the run whose code made it, found in the
    context that asyncio tasks inherit. So a background task's late print shows under the editor that started it
    and counts against that run's cap, not the run showing now; outside any run, to the browser's console."""

    def __init__(self, name, console):
        self.name, self.console = name, console

    def _stream(self):
        output = run_output.get()
        return getattr(output, self.name) if output else self.console

    def write(self, text):
        return self._stream().write(text)

    def flush(self):
        self._stream().flush()

    def isatty(self):
        return False


STDOUT, STDERR = RunStream("stdout", sys.__stdout__), RunStream("stderr", sys.__stderr__)


def _install_site_modules(modules):
    """Put the site's own helpers (e.g. the course's exercise checks) where `import` finds them, and import them
    now, while the reader reads: the moons page's first Train would otherwise wait for `moons_live` to import
    NumPy (0.9 s)."""
    import os

    from pyodide.http import open_url  # synchronous, which a worker may be

    folder = "/home/pyodide/site_modules"
    os.makedirs(folder, exist_ok=True)
    for name, url in modules.items():
        if name in sys.modules:  # an earlier page of this visit loaded it
            continue
        with open(f"{folder}/{name}.py", "w") as file:
            file.write(open_url(url).read())
    if folder not in sys.path:
        sys.path.insert(0, folder)
    for name in modules:
        importlib.import_module(name)


def _draw_graphs_in_the_page():
    """draw_dot() pictures are drawn by the page (graphs.js: Graphviz as WebAssembly, fetched the first time a
    graph is shown), which also explains nodes and plays the backward pass: hand them over as data."""
    from micrograd import graph

    graph._page_draws = True


def _import_matplotlib():
    """Import pyplot now, while the reader reads: its first import in a browser builds a font cache (seconds).
    `plt.show()` then shows the open figures under the editor, as Jupyter's inline backend does."""
    import logging

    import matplotlib

    matplotlib.use("agg")  # draw to pictures: a worker has no screen
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # "building the font cache" is expected
    import matplotlib.pyplot

    matplotlib.pyplot.show = _show_figures


def _show_figures(*_, **__):
    """Show pyplot's open figures under the running editor, and close them: `plt.show()`, and what a run leaves
    open at its end (each figure once, as in Jupyter)."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    for number in pyplot.get_fignums() if pyplot else ():
        _display(pyplot.figure(number))


def _is_figure(value):
    return type(value).__name__ == "Figure" and type(value).__module__.startswith("matplotlib")


STOP = 2  # what Stop writes into the buffer shared with the page: SIGINT, as Ctrl+C in a terminal
interrupt = None  # that buffer (a JavaScript Int32Array over shared memory)


unavailable = set()  # top-level modules a reader imported that neither Python nor the site has


async def _load_imported_packages(source):
    """Before a run: load the Pyodide packages its imports name that are not loaded yet, from the site's own
    copy, as a notebook's `%pip install` would (a page starts with only the packages its own examples import,
    so a reader's `import matplotlib` on another page comes here). Says so under the editor, since a first
    import takes seconds. A package the site does not carry fails at the reader's import, with `_hint`."""
    import pyodide_js
    from pyodide.code import find_imports
    from pyodide.ffi import create_proxy

    try:
        imported = dict.fromkeys(name.split(".")[0] for name in find_imports(source))  # in order, once each
    except SyntaxError:
        return  # the run itself reports it
    missing = [name for name in imported if name not in sys.modules and not _importable(name)]
    if not missing:
        return

    target = run_output.get().target  # (Pyodide calls `tell` from JavaScript, outside this run's context)

    def tell(message):  # Pyodide's "Loading matplotlib, numpy, six, ...", "Loaded ...", "Failed to load ..."
        if message.startswith("Loading "):
            sync.show(f"Loading {', '.join(missing)} (the first import on this page takes a few seconds)…\n", "notice",
                      target)

    tell_proxy = create_proxy(tell)
    try:
        code = "\n".join(f"import {name}" for name in missing)
        await pyodide_js.loadPackagesFromImports(code, messageCallback=tell_proxy, errorCallback=tell_proxy)
    finally:
        tell_proxy.destroy()
    importlib.invalidate_caches()
    unavailable.update(name for name in missing if not _importable(name))
    if "matplotlib" in missing and "matplotlib" not in unavailable:
        _import_matplotlib()


def _importable(name):
    """Whether `import name` would find a module (Pyodide's finder raises for a package it has not loaded)."""
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False


def _listen_for_stop():
    """Share a one-number buffer with the page: when Stop writes STOP into it, the running code gets a
    KeyboardInterrupt at its next line, as Ctrl+C would in a terminal, and the reader's names are kept."""
    global interrupt
    import js
    import pyodide_js

    interrupt = js.Int32Array.new(js.SharedArrayBuffer.new(4))
    pyodide_js.setInterruptBuffer(interrupt)
    js.postMessage(interrupt)  # shared memory: posting it shares it with the page instead of copying it


def _sleep(seconds):
    """`time.sleep()` that Stop interrupts: it waits on the shared buffer, which Stop writes and wakes."""
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    deadline = _monotonic() + seconds
    while (left := deadline - _monotonic()) > 0:
        _Atomics.wait(interrupt, 0, 0, min(left, 3600) * 1000)  # milliseconds
        if interrupt[0] == STOP:
            interrupt[0] = 0
            raise KeyboardInterrupt


class ExitCalled(SystemExit):
    """What `os._exit()` raises in an editor: it ends the run, not the page's Python (and the reader's names)."""


def _exit(status):
    raise ExitCalled(status)


def _input(prompt=""):
    """`input()` in an editor: a worker has no keyboard, so the browser asks in a dialog. Cancel is end of input."""
    print(prompt, end="", flush=True)
    answer = sync.ask(str(prompt))
    if answer is None:
        raise EOFError("no input: the dialog was cancelled")
    print(answer)
    return answer


def _display(*values, target=None, append=True):
    """PyScript's `display()`, under the running editor when no `target` is given (as in a notebook), and within
    the cap: there, text (a str, or the repr of a value that draws no picture) is shown as a print would be; a
    picture or HTML of more than MAX_PICTURE characters is not shown, and a line on stderr says so."""
    output = run_output.get()
    for value in values:
        if _is_figure(value):
            import figures

            sys.modules["matplotlib.pyplot"].close(value)  # shown once: not again at the run's end
            if output and output.figures >= MAX_FIGURES:
                output.hidden_figures += 1
                continue
            if output:
                output.figures += 1
            display(HTML(figures.figure_html(value)), target=target or (output and output.target), append=append)
            continue
        shown, kind = _format_mime(value)  # as HTML: text comes escaped
        if kind == "text/plain" and target is None and output:
            print(html.unescape(shown), file=output.stdout)
        elif len(shown) > MAX_PICTURE:
            print(f"display(): not shown, as {kind} of {len(shown):,} characters (the most it shows is "
                  f"{MAX_PICTURE:,}).", file=output.stderr if output else sys.stderr)
        else:  # rendered once: HTML() hands the same HTML to display()
            display(HTML(shown), target=target or (output and output.target), append=append)


async def set_up(page):
    """Before a page's first run, and again each time the reader moves to another page of the site (one Python
    serves them all, so a page change starts nothing): `page` is JSON naming the page's path, and the site modules
    and the Pyodide packages its editors import. Each page's editors share a namespace of their own, kept while
    the reader moves between pages: back on a page, its names are as the reader left them."""
    global reader_namespace
    page = json.loads(page)
    if not namespaces:  # the first page
        import micrograd  # noqa: F401  (fail here, where the page shows it, if the wheel did not install)

        _listen_for_stop()
        builtins.input = _input
        time.sleep, os._exit = _sleep, _exit
        # An interrupt that finds Python between two steps of the event loop (the reader's code was waiting, and
        # the page's stop() had not cancelled it yet) would end the loop's step: it cancels the reader's code.
        asyncio.get_event_loop()._keyboard_interrupt_handler = stop
        pyscript.display = sys.modules["pyscript.display"].display = _display
        _draw_graphs_in_the_page()
    reader_namespace = namespaces.setdefault(page["path"], {"__name__": "__main__", "display": _display})
    if page["packages"]:  # loaded at start for the first page; for a later one, now (nothing if loaded already)
        import pyodide_js

        await pyodide_js.loadPackage(page["packages"])
    _install_site_modules(page["modules"])
    if "matplotlib" in page["packages"]:
        _import_matplotlib()


namespaces = {}  # page path -> the namespace its editors share
reader_namespace = None  # the page's that is shown
runs = 0
running = None  # the running code, as an asyncio task
stopped = False  # whether Stop cancelled it
SITE_FILE = (lambda: None).__code__.co_filename  # this file, as its frames in a traceback name it


def _traceback(error, filename):
    """Python's own traceback of the reader's lines: Pyodide's frames above the reader's first line, and the
    site's own below the reader's last (an input() cancelled, a sleep stopped), are left out."""
    frames = extract_tb(error.__traceback__)
    while frames and frames[0].filename != filename:
        frames.pop(0)
    while frames and frames[-1].filename == SITE_FILE:
        frames.pop()
    lines = ["Traceback (most recent call last):\n", *format_list(frames)] if frames else []
    if isinstance(error, ExitCalled):
        lines = [f"os._exit({error.code!r}) ended this run. The page's Python goes on, with your names.\n"]
    elif isinstance(error, SystemExit):
        lines = [f"sys.exit({error.code!r}) ended this run. The page's Python goes on, with your names.\n"]
    elif isinstance(error, asyncio.CancelledError) and stopped:
        lines += ["KeyboardInterrupt\n"]  # Stop, while the code was waiting (await asyncio.sleep(...))
    else:
        lines += format_exception_only(type(error), error)
    if isinstance(error, MemoryError):
        lines.append("(Python may keep the memory it took: reload the page if it becomes slow.)\n")
    return "".join(lines)


RICH_REPRS = ("_repr_html_", "_repr_svg_", "_repr_png_", "_repr_jpeg_", "savefig")  # what display() can draw


def _show(result):
    """A last expression's value, as a notebook shows it: drawn if it is a picture (a graph, a figure), else its
    repr, as text."""
    if any(hasattr(result, name) for name in RICH_REPRS):
        _display(result)
    else:
        print(repr(result))


async def run(source, target, above="[]"):
    """Run an editor's code as a notebook cell: top-level `await` allowed, the last expression displayed under
    the editor (in the element with id `target`), errors shown as tracebacks of the reader's own lines.
    `above` is the code of the page's editors above this one (JSON), for a NameError's hint. Returns whether the
    code ran without an error (for "Run all above", which stops at the first that fails)."""
    global runs, running, stopped
    runs += 1
    stopped = False
    filename = f"<editor run {runs}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    output = RunOutput(target)
    sys.stdout, sys.stderr = STDOUT, STDERR  # again: a reader's run may have rebound them
    this_run = run_output.set(output)  # the task below, and every task the reader's code starts, inherit it
    error = None
    try:
        await _load_imported_packages(source)
        running = asyncio.ensure_future(_caught(eval_code_async(source, reader_namespace, filename=filename)))
        result, error = await running
        if error is None and result is not None:
            _show(result)
        _show_figures()  # what the run left open (after an error too, as in Jupyter)
    except BaseException as failure:  # KeyboardInterrupt and SystemExit too: the page must go on
        error = failure
    finally:
        run_output.reset(this_run)
        output.close(_traceback(error, filename) + _hint(error, above) if error else "")
    return error is None


def _hint(error, above):
    """For a NameError of a name that an editor above this one defines: where to find it. For an import of a
    package this site does not carry: that it cannot be installed here."""
    if isinstance(error, ModuleNotFoundError) and (error.name or "").split(".")[0] in unavailable:
        return (f"`{error.name}` cannot be installed here: this site runs offline, with Python's standard library, "
                "micrograd and the packages its pages use (numpy, matplotlib).\n")
    if type(error) is not NameError or not error.name:
        return ""
    for source in json.loads(above):
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        if error.name in _defined(tree):
            return (f"`{error.name}` is defined in an example above this one: run the examples above first "
                    "(Run all above).\n")
    return ""


def _defined(node):
    """The names a module's code binds at its top level: assigned, defined, imported (not inside a function)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield child.name
            continue
        if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
            yield child.id
        elif isinstance(child, (ast.Import, ast.ImportFrom)):
            yield from ((alias.asname or alias.name).split(".")[0] for alias in child.names)
        if not isinstance(child, ast.Lambda):
            yield from _defined(child)


async def _caught(coroutine):
    """`(value, None)` or `(None, exception)` of `coroutine`. Run as a task, a reader's SystemExit or
    KeyboardInterrupt would otherwise escape to the event loop (which prints it and fails the page), and
    Stop's cancel would end the task instead of the reader's code."""
    try:
        return await coroutine, None
    except BaseException as error:
        return None, error


def stop():
    """Stop, for a run that is waiting rather than computing (`await asyncio.sleep(...)`): Python runs no line
    that could see the interrupt, so the waiting code is cancelled instead. A computing run never lets this
    call in before it ends: the interrupt stops it."""
    global stopped
    if running and not running.done():
        stopped = True
        running.cancel()


sync.set_up = set_up
sync.stop = stop
sync.run = run
