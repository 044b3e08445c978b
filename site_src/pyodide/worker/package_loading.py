"""Loading Pyodide packages, for every way a page comes to need one.

A page starts with only the packages its own examples import (the build names them; `ensure_page_packages`); a
later page of the visit names its own at set-up; and a reader's edit may import another of the site's packages
(say matplotlib on the home page), loaded before that run as a notebook's `%pip install` would
(`ensure_imported_packages`). All come from the site's own copy of each package: this site runs offline.
"""

import asyncio
import contextlib
import importlib
import importlib.util
import sys
from pathlib import Path

# Packages that matplotlib's entry in Pyodide's lock names, but that pyplot and its SVG backend never import
# (fontTools: the PDF and PS backends; pytz: nothing in matplotlib 3.8; matplotlib-pyodide: the browser backends,
# unused here). The site's lock leaves them out of matplotlib's dependencies (vendor.write_lock), and they load
# just after pyplot's import, in the background: unpacking them held up a page's first figure by about 0.2 s.
AFTER_PYPLOT = ("fonttools", "matplotlib-pyodide", "pytz")

unavailable = set()  # top-level modules a reader imported that neither Python nor the site has
# ... that the site has, but this browser could not fetch (offline, never fetched before); a Pyodide package that
# could not be fetched is here by its name, which is its module's for the big ones (numpy, matplotlib)
not_downloaded = set()
_warm_up = None  # the task importing pyplot (_warm_up_matplotlib)
_saving = []  # the task keeping what that import worked out (kept: a task nobody holds may be collected)
_later = {}  # package name -> the task loading it in the background (kept: a task nobody holds may be collected)


async def ensure_page_packages(names, needed=()):
    """A page's packages at its set-up. Those its own modules import (`needed`: the moons page's model imports
    NumPy) load before its Python is ready. The others only the reader's code imports: they load in the
    background, while the reader reads (matplotlib takes seconds, and its pyplot import more), in one load (Pyodide
    fetches and compiles a load's packages side by side) whose downloads have begun when this returns. A run that
    imports one before it is in waits for that load (`ensure_imported_packages`), with the usual "Loading…" line:
    its files are on the disk before its compiled parts are ready, and an import in between failed ("dynamic module
    does not define module export function (PyInit__path)")."""
    await ensure_packages(sorted(needed))
    _load_in_background(names)


def _load_in_background(names):
    """Start loading those of the packages `names` not loaded or loading yet, in one load (and pyplot's import
    after it, if matplotlib is among them); a run that imports one meanwhile waits for it (`_later`)."""
    later = [name for name in _missing(names) if name not in _later]
    if not later:
        return
    loading = _load(later)
    tasks = dict.fromkeys(later, loading)
    if "matplotlib" in later:
        tasks["matplotlib"] = asyncio.ensure_future(_warm_up_after(loading))
    for name, task in tasks.items():
        _later[name] = task
        task.add_done_callback(lambda _, name=name: _later.pop(name, None))


async def ensure_packages(names, announce=None):
    """Load those of the Pyodide packages `names` that are not loaded yet; then, if matplotlib is among them,
    import pyplot (see `_warm_up_matplotlib`). `announce(names)` is told first what will load, when anything
    does: a first load takes seconds."""
    missing = _missing(names)
    if missing:
        if announce:
            announce(missing)
        await _load(missing)
    if "matplotlib" in names and _importable("matplotlib"):
        await _warm_up_matplotlib()


def loading_in_background():
    """The packages loading in the background now (a run that fails to import one of their modules may just be
    early: tracebacks.hint says so)."""
    return sorted(_later)


def _missing(names):
    """Those of the Pyodide packages `names` not loaded yet."""
    import pyodide_js

    loaded = pyodide_js.loadedPackages.to_py()
    return [name for name in dict.fromkeys(names) if name not in loaded]


def _load(names):
    """Load the Pyodide packages `names`: a task, whose downloads have begun when this returns."""
    import pyodide_js

    _mark(f"loading {', '.join(names)}")
    started = pyodide_js.loadPackage(names)  # reports a package it could not fetch, and goes on

    async def load():
        await started
        importlib.invalidate_caches()
        not_downloaded.update(set(names) - set(pyodide_js.loadedPackages.to_py()))
        _mark(f"loaded {', '.join(names)}")

    return asyncio.ensure_future(load())


async def _warm_up_after(loading):
    """Once `loading` (a background load with matplotlib in it) is done, import pyplot."""
    await loading
    if _importable("matplotlib"):
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
    _load_in_background(AFTER_PYPLOT)
    if not restored:
        font_list = Path(matplotlib.font_manager.__file__).with_name("fontlist.json")  # where matplotlib keeps it
        _saving.append(asyncio.ensure_future(import_cache.save(versions, font_list)))


def _draw_a_figure():
    """A small figure made as a reader's is (pyplot's figure on its backend, a legend), turned into the page's
    HTML and closed, so that the reader's first figure finds all that imported and its fonts read."""
    import figures
    from matplotlib import pyplot

    figure = pyplot.figure(figsize=(2, 1))
    pyplot.plot([0, 1], [0, 1], "--o", label="a line")
    pyplot.title("a title")
    pyplot.xlabel("x")
    pyplot.ylabel("y")
    pyplot.legend()
    figures.figure_html(figure)
    pyplot.close(figure)


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
