"""Loading Pyodide packages: one function, `ensure_packages`, for every way a page comes to need one.

A page starts with only the packages its own examples import (the build names them); a later page of the visit
names its own at set-up; and a reader's edit may import another of the site's packages (say matplotlib on the
home page), loaded before that run as a notebook's `%pip install` would. All three come here, from the site's
own copy of each package: this site runs offline.
"""

import asyncio
import importlib
import importlib.util

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
_matplotlib_ready = False
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
        await pyodide_js.loadPackage(missing)  # reports a package it could not fetch, and goes on
        importlib.invalidate_caches()
        not_downloaded.update(set(missing) - set(pyodide_js.loadedPackages.to_py()))
    if "matplotlib" in names and _importable("matplotlib"):
        _warm_up_matplotlib()


async def ensure_imported_packages(imported, packages_of_import, announce=None):
    """Before a run: load the packages that the top-level modules `imported` (in order) need, for those not
    importable yet; `packages_of_import` is the build's {module: (its Pyodide packages)} for every module of the
    site's packages. A module the site has no package for, or whose package could not be fetched (offline, in a
    browser that never fetched it), fails at the reader's import (tracebacks.hint says why), and
    `announce(modules)` is told which modules will load."""
    loading = {name: _later[package] for name in dict.fromkeys(imported)
               for package in packages_of_import.get(name, ()) if package in _later}
    if loading:
        if announce:
            announce(list(loading))
        await asyncio.gather(*set(loading.values()), return_exceptions=True)
    missing = [name for name in dict.fromkeys(imported) if not _importable(name)]
    packages = [package for name in missing for package in packages_of_import.get(name, ())]
    if packages:
        try:
            await ensure_packages(packages, announce and (lambda _: announce(missing)))
        except Exception:  # noqa: BLE001  (a package that could not be fetched: the reader's import says so)
            pass
    for name in missing:
        if not _importable(name):
            (not_downloaded if name in packages_of_import else unavailable).add(name)


def _warm_up_matplotlib():
    """Import pyplot now, while the reader reads: its first import in a browser builds a font cache (seconds).
    `plt.show()` then shows the open figures under the editor (page_display.show_figures)."""
    global _matplotlib_ready
    if _matplotlib_ready:
        return
    import logging

    import matplotlib

    matplotlib.use("agg")  # draw to pictures: a worker has no screen
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # "building the font cache" is expected
    import matplotlib.pyplot

    from page_display import show_figures

    matplotlib.pyplot.show = show_figures  # under the running editor, as Jupyter's inline backend shows them
    _matplotlib_ready = True


def _importable(name):
    """Whether `import name` would find a module (Pyodide's finder raises for a package it has not loaded)."""
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False
