"""Loading Pyodide packages: one function, `ensure_packages`, for every way a page comes to need one.

A page starts with only the packages its own examples import (the build names them); a later page of the visit
names its own at set-up; and a reader's edit may import another of the site's packages (say matplotlib on the
home page), loaded before that run as a notebook's `%pip install` would. All three come here, from the site's
own copy of each package: this site runs offline.
"""

import asyncio
import contextlib
import importlib
import importlib.util
import sys
from pathlib import Path

# A page's packages that load after its Python is ready, while the reader reads: matplotlib takes seconds (and
# its pyplot import more), and only an example that plots needs it. A run that imports it before it is in waits
# for that load to finish, with the usual "Loading matplotlib…" line: its files are on the disk before its
# compiled parts are ready, and an import in between failed ("dynamic module does not define module export
# function (PyInit__path)").
LATER = ("matplotlib",)

unavailable = set()  # top-level modules a reader imported that neither Python nor the site has
# ... that the site has, but this browser could not fetch (offline, never fetched before); a Pyodide package that
# could not be fetched is here by its name, which is its module's for the big ones (numpy, matplotlib)
not_downloaded = set()
_warm_up = None  # the task importing pyplot (_warm_up_matplotlib)
_saving = []  # the task keeping what that import worked out (kept: a task nobody holds may be collected)
_later = {}  # package name -> the task loading it in the background (kept: a task nobody holds may be collected)


async def ensure_page_packages(names):
    """A page's packages at its set-up: all but those in LATER now, those in the background."""
    await ensure_packages([name for name in names if name not in LATER])
    later = [name for name in names if name in LATER and name not in _later]
    if later:
        task = asyncio.ensure_future(ensure_packages(later))
        for name in later:
            _later[name] = task
        task.add_done_callback(lambda _: [_later.pop(name, None) for name in later])


async def ensure_packages(names, announce=None):
    """Load those of the Pyodide packages `names` that are not loaded yet; then, if matplotlib is among them,
    import pyplot (see `_warm_up_matplotlib`). `announce(names)` is told first what will load, when anything
    does: a first load takes seconds."""
    import pyodide_js

    loaded = pyodide_js.loadedPackages.to_py()
    missing = [name for name in dict.fromkeys(names) if name not in loaded]
    if missing:
        if announce:
            announce(missing)
        _mark(f"loading {', '.join(missing)}")
        await pyodide_js.loadPackage(missing)  # reports a package it could not fetch, and goes on
        importlib.invalidate_caches()
        not_downloaded.update(set(missing) - set(pyodide_js.loadedPackages.to_py()))
        _mark(f"loaded {', '.join(missing)}")
    if "matplotlib" in names and _importable("matplotlib"):
        await _warm_up_matplotlib()


async def ensure_imported_packages(imported, packages_of_import, announce=None):
    """Before a run: load the packages that the modules `imported` (in order, dotted: `micrograd.data`) need, for
    those not importable yet; `packages_of_import` is the build's {module: (its Pyodide packages)} for every module
    of the site's packages, and for micrograd's modules that import one when used (micrograd.data: NumPy). A
    module the site has no package for, or whose package could not be fetched (offline, in a browser that never
    fetched it), fails at the reader's import (tracebacks.hint says why), and `announce(modules)` is told which
    modules will load."""
    top = list(dict.fromkeys(name.split(".")[0] for name in imported))
    loading = {name: _later[package] for name in top
               for package in packages_of_import.get(name, ()) if package in _later}
    if loading:
        if announce:
            announce(list(loading))
        await asyncio.gather(*set(loading.values()), return_exceptions=True)
    missing = [name for name in top if not _importable(name)]
    packages = [package for name in missing for package in packages_of_import.get(name, ())]
    used = [package for name in dict.fromkeys(imported) if "." in name for package in packages_of_import.get(name, ())]
    if packages or used:
        try:
            await ensure_packages(packages + used, announce and (lambda names: announce(missing or names)))
        except Exception:  # noqa: BLE001  (a package that could not be fetched: the reader's import says so)
            pass
    for name in missing + [package for package in used if not _importable(package)]:
        if not _importable(name):
            (not_downloaded if name in packages_of_import else unavailable).add(name)


async def _warm_up_matplotlib():
    """Import pyplot now, while the reader reads (once, however many ask): see `_import_pyplot`."""
    global _warm_up
    if _warm_up is None or (_warm_up.done() and _warm_up.exception()):
        _warm_up = asyncio.ensure_future(_import_pyplot())
    await _warm_up


async def _import_pyplot():
    """Import pyplot and draw a first figure, which reads the fonts and imports the SVG backend: seconds in a
    browser, mostly compiling matplotlib's and NumPy's modules and building matplotlib's font list. Both are kept
    in this browser (`import_cache`) by the first page that plots and put back by the next, before the import.
    `plt.show()` then shows the open figures under the editor (page_display.show_figures)."""
    import logging
    from importlib.metadata import version

    import import_cache

    versions = [f"python{sys.version_info[0]}.{sys.version_info[1]}",
                *(f"{name}{version(name)}" for name in ("numpy", "matplotlib"))]
    restored = await import_cache.restore(versions)
    _mark("import cache restored" if restored else "no import cache")
    with contextlib.nullcontext() if restored else import_cache.recording():
        import matplotlib

        _mark("matplotlib imported")
        matplotlib.use("agg")  # draw to pictures: a worker has no screen
        logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # "building the font cache"
        import matplotlib.font_manager

        _mark("matplotlib's font list ready")
        import matplotlib.pyplot

        _mark("pyplot imported")
        _draw_a_figure()
        _mark("a first figure drawn")

    from page_display import show_figures

    matplotlib.pyplot.show = show_figures  # under the running editor, as Jupyter's inline backend shows them
    if not restored:
        font_list = Path(matplotlib.font_manager.__file__).with_name("fontlist.json")  # where matplotlib keeps it
        _saving.append(asyncio.ensure_future(import_cache.save(versions, font_list)))


def _draw_a_figure():
    """A small figure with the usual parts, turned into the page's SVG and forgotten (not one of pyplot's)."""
    import figures
    from matplotlib.figure import Figure

    figure = Figure(figsize=(2, 1))
    axes = figure.gca()
    axes.plot([0, 1], [0, 1], "--o", label="a line")
    axes.set(title="a title", xlabel="x", ylabel="y")
    axes.legend()
    figures.svg(figure)


def _mark(step):
    """Note a step of matplotlib's load on the timeline that the browser benchmarks read (snapshot.mjs's)."""
    try:
        from js import mglTimelineMark
    except ImportError:  # not in a browser
        return
    mglTimelineMark(step)


def _importable(name):
    """Whether `import name` would find a module (Pyodide's finder raises for a package it has not loaded)."""
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False
