"""The page's Python: one Web Worker that every editor on the page shares, so its examples build on each other.

editors.js starts this file with PyScript's `PyWorker`, calls `set_up()` for each page it shows, then `run()` for
every Run (and `stop()` for Stop). Readers' code runs in a namespace of its own, so nothing here (or a name a
reader rebinds) can break the other. What it prints goes back to the page through `sync.show(text, kind,
target)`, which editors.js puts under the editor whose output element has the id `target`, as text, never as HTML.

The work is done by the modules next to this file, one job each (PyScript puts them next to it, see editors.js):
crash_guard (deep recursion, a Python that dies), output_limits (what a run may show), page_display (display()
and a last value), package_loading (Pyodide packages), site_modules (what readers may import), stopping (Stop),
reader_patches (input, sleep, exit), tracebacks (a failed run's report), graph_player (draw_dot() drawn by the
page, with its player).
"""

import json
import linecache
import sys

import crash_guard
import package_loading
import reader_patches
import stopping
from output_limits import STDERR, STDOUT, RunOutput, run_output
from page_display import display, show_figures, show_value
from pyodide.code import eval_code_async, find_imports
from pyscript import sync
from site_modules import install_site_modules
from tracebacks import hint, traceback

namespaces = {}  # page path -> the namespace its editors share
reader_namespace = None  # the page's that is shown
packages_of_import = {}  # the build's {module: the site's Pyodide packages it needs} (micrograd.data: NumPy)
packages_of_site_module = {}  # the build's {module of the site's own: the packages it needs} (moons_live: NumPy)
runs = 0


async def set_up(page):
    """Before a page's first run, and again each time the reader moves to another page of the site (one Python
    serves them all, so a page change starts nothing): `page` is JSON naming the page's path, the site modules
    and the Pyodide packages its editors import, and (the first time) the build's `packages_of_import` and
    `packages_of_site_module`. Each page's editors share a namespace of their own, kept while the reader moves
    between pages: back on a page, its names are as the reader left them. The packages the page's own modules
    import load before it is ready; the others while the reader reads (package_loading.ensure_page_packages)."""
    global reader_namespace
    page = json.loads(page)
    packages_of_import.update(page.get("packages_of_import", {}))
    packages_of_site_module.update(page.get("packages_of_site_module", {}))
    needed = {package for name in page["modules"] for package in packages_of_site_module.get(name, ())}
    await package_loading.ensure_page_packages(page["packages"], needed)  # those; the others go on loading
    if not namespaces:  # the first page
        import graph_player  # imports micrograd: fails here, where the page shows it, if the wheel did not install

        crash_guard.report_fatal_errors()
        crash_guard.limit_c_recursion()
        stopping.listen_for_stop()
        reader_patches.install()
        graph_player.install()
    reader_namespace = namespaces.setdefault(page["path"], {"__name__": "__main__", "display": display})
    install_site_modules(page["modules"])


async def run(source, target, above="[]"):
    """Run an editor's code as a notebook cell: top-level `await` allowed, the last expression displayed under
    the editor (in the element with id `target`), errors shown as tracebacks of the reader's own lines.
    `above` is the code of the page's editors above this one (JSON), for a NameError's hint. Returns whether the
    code ran without an error (for "Run all above", which stops at the first that fails)."""
    global runs
    runs += 1
    filename = f"<editor run {runs}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    output = RunOutput(target, sync.show)
    sys.stdout, sys.stderr = STDOUT, STDERR  # again: a reader's run may have rebound them
    this_run = run_output.set(output)  # the task below, and every task the reader's code starts, inherit it
    error = None
    try:
        await _load_imported_packages(source, target)
        result, error = await stopping.start(eval_code_async(source, reader_namespace, filename=filename))
        if error is None and result is not None:
            show_value(result)
        show_figures()  # what the run left open (after an error too, as in Jupyter)
    except BaseException as failure:  # KeyboardInterrupt and SystemExit too: the page must go on
        error = failure
    finally:
        run_output.reset(this_run)
        report = traceback(error, filename, stopping.stopped) + hint(error, above) if error else ""
        output.close(report)
    return error is None


async def _load_imported_packages(source, target):
    """The site's packages the code imports, loaded before it runs (saying so under the editor: seconds)."""
    try:
        imported = find_imports(source)  # dotted: micrograd.data needs NumPy, micrograd does not
    except SyntaxError:
        return  # the run itself reports it

    def announce(modules):
        sync.show(f"Loading {', '.join(modules)} (the first import on this page takes a few seconds)…\n", "notice",
                  target)

    await package_loading.ensure_imported_packages(imported, packages_of_import, announce)


def page_call(module, function, argument):
    """A page script's question to one of the site's modules, strings in and out: `module.function(argument)`
    (moons.js asks `moons_live.preview` for the points to draw before training): one of the modules the page's
    editors import, already imported by `set_up()`. Nothing is printed: what the function returns is the answer."""
    return getattr(sys.modules[module], function)(argument)


sync.set_up = set_up
sync.page_call = page_call
sync.stop = stopping.stop
sync.run = run
