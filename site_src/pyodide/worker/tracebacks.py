"""A failed run's report: Python's own traceback of the reader's lines, and a hint where one helps."""

import ast
import asyncio
import json
from pathlib import Path
from traceback import extract_tb, format_exception_only, format_list

from crash_guard import RECURSION_HINT
from package_loading import loading_in_background, not_downloaded, unavailable
from reader_patches import ExitCalled

# The page's own Python files (this folder): a reader's code calls into them (time.sleep, input, display), and
# their frames below the reader's last line are left out of a report. (The functions above are bound here, once:
# a reader's run that rebinds, say, `traceback.extract_tb` changes what the reader sees, not the page's reports.)
SITE_FILES = frozenset(str(path) for path in Path(__file__).parent.glob("*.py"))
RUN_ALL_ABOVE = "Run all above"  # the editors' button that a NameError's hint points to (the build tells editors.js)


def traceback(error, filename, stopped=False):
    """Python's own traceback of the reader's lines (the code run as `filename`): Pyodide's frames above the
    reader's first line, and the site's own below the reader's last (an input() cancelled, a sleep stopped), are
    left out. `stopped`: whether Stop cancelled the run (its CancelledError reads as a KeyboardInterrupt)."""
    frames = extract_tb(error.__traceback__)
    while frames and frames[0].filename != filename:
        frames.pop(0)
    while frames and frames[-1].filename in SITE_FILES:
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
    if isinstance(error, RecursionError):
        lines.append(RECURSION_HINT)
    return "".join(lines)


def hint(error, above):
    """For a NameError of a name that an editor above this one defines: where to find it. For an import of a
    package this site does not carry: that it cannot be installed here; of one it carries but could not fetch:
    that it needs a connection once. `above` is the code of the page's
    editors above the one that failed (JSON)."""
    if isinstance(error, ModuleNotFoundError) and (error.name or "").split(".")[0] in not_downloaded:
        return (f"`{error.name}` comes with this site, but this browser has not downloaded it yet and cannot reach "
                "the site now: it needs a connection once (the first import fetches it), then works offline.\n")
    if isinstance(error, ModuleNotFoundError) and (error.name or "").split(".")[0] in unavailable:
        return (f"`{error.name}` cannot be installed here: this site runs offline, with Python's standard library, "
                "micrograd and the packages its pages use (numpy, matplotlib).\n")
    if isinstance(error, ModuleNotFoundError) and loading_in_background():  # matplotlib's savefig("f.pdf") at once
        return (f"`{error.name}` may come with the packages this page is still loading in the background "
                f"({', '.join(loading_in_background())}): run this again in a moment.\n")
    if type(error) is not NameError or not error.name:
        return ""
    for source in json.loads(above):
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        if error.name in defined(tree):
            return (f"`{error.name}` is defined in an example above this one: run the examples above first "
                    f"({RUN_ALL_ABOVE}).\n")
    return ""


def defined(node):
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
            yield from defined(child)
