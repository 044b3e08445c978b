# Runs once per page, before any editor, in the Python worker that the page's editors share.
# editors.js puts three names in front of this code: SITE_MODULES ({module name: URL} of the site's own Python
# helpers, e.g. the course's exercise checks), VIZ_URL (viz-js, or None when no editor draws graphs) and
# PACKAGES (the Pyodide packages the page's editors import).
import sys

import micrograd  # noqa: F401  (if the wheel did not install, readers' imports fail with the same error)

SITE_DIR = "/home/pyodide/site_modules"


def _install_site_modules():
    import os

    from pyodide.http import open_url  # synchronous, which a worker may be

    os.makedirs(SITE_DIR, exist_ok=True)
    for name, url in SITE_MODULES.items():
        with open(f"{SITE_DIR}/{name}.py", "w") as file:
            file.write(open_url(url).read())
    sys.path.insert(0, SITE_DIR)


async def _draw_graphs_with_viz():
    """Let draw_dot() pictures draw, with Graphviz compiled to WebAssembly (viz-js)."""
    import js
    from pyodide.code import run_js
    from pyodide.ffi import to_js

    from micrograd import graph

    viz = await (await run_js(f"import({VIZ_URL!r})")).instance()
    svg_options = to_js({"format": "svg"}, dict_converter=js.Object.fromEntries)
    graph.set_renderer(lambda source: viz.renderString(source, svg_options))


class _TextOnlyStderr:
    """PyScript shows stderr as HTML; escape it so whatever a reader prints there is shown, never run."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        import html  # here, not at the top: this code runs in the readers' namespace, where `html` may be theirs

        return self._stream.write(html.escape(text))

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _run_editors_like_a_notebook(ready):
    """Every editor run goes through `run_reader_code`: it waits until this set-up is `ready`, its last
    expression is shown (as in Jupyter), and an error prints a traceback of the reader's own lines, not of
    Pyodide's machinery."""
    import linecache
    import traceback

    import pyodide.code
    from pyscript import display, window

    eval_code_async = pyodide.code.eval_code_async
    runs = iter(range(1, 1_000_000_000))

    async def run_reader_code(source, globals=None, locals=None, **kwargs):
        await ready.wait()
        filename = f"<editor run {next(runs)}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        kwargs["filename"] = filename
        try:
            result = await eval_code_async(source, globals, locals, **kwargs)
        except BaseException as error:  # KeyboardInterrupt and SystemExit too: the page must go on
            frames = traceback.extract_tb(error.__traceback__)
            while frames and frames[0].filename != filename:  # Pyodide's own frames come first
                frames.pop(0)
            lines = ["Traceback (most recent call last):\n", *traceback.format_list(frames)] if frames else []
            sys.stderr.write("".join(lines + traceback.format_exception_only(type(error), error)))
            return None
        if result is not None:
            display(result, target=window.micrograd_output_id, append=True)
        return None

    pyodide.code.eval_code_async = run_reader_code


def _set_up():
    import asyncio

    ready = asyncio.Event()
    # Before the first `await`: a reader's Run, queued behind this code, must find the runner in place.
    _run_editors_like_a_notebook(ready)
    sys.stderr = _TextOnlyStderr(sys.stderr)
    _install_site_modules()
    return ready


def _import_matplotlib():
    """Import pyplot now, while the reader reads: its first import in a browser builds a font cache (seconds)."""
    import matplotlib

    matplotlib.use("agg")  # draw to pictures: a worker has no screen
    import matplotlib.pyplot  # noqa: F401


_ready = _set_up()
try:
    if VIZ_URL:
        await _draw_graphs_with_viz()  # noqa: F704  (the set-up code runs with top-level await)
    if "matplotlib" in PACKAGES:
        _import_matplotlib()
finally:
    _ready.set()
