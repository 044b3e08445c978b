"""The site's own modules that readers' code may import (`course`, `moons_live`: site_src/pyodide/modules/)."""

import importlib
import os
import sys

from package_loading import not_downloaded

FOLDER = "/home/pyodide/site_modules"


def install_site_modules(modules):
    """Put the site's own helpers (e.g. the course's exercise checks) where `import` finds them, and import them
    now, while the reader reads: the moons page's first Train would otherwise wait for `moons_live` to import
    NumPy (0.9 s). `modules` is {name: URL of its source}."""
    from pyodide.http import open_url  # synchronous, which a worker may be

    os.makedirs(FOLDER, exist_ok=True)
    for name, url in modules.items():
        if name in sys.modules:  # an earlier page of this visit loaded it
            continue
        with open(f"{FOLDER}/{name}.py", "w") as file:
            file.write(open_url(url).read())
    if FOLDER not in sys.path:
        sys.path.insert(0, FOLDER)
    for name in modules:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if (error.name or "").split(".")[0] not in not_downloaded:
                raise
            # Offline, in a browser that never fetched a package the module needs (NumPy): the page goes on,
            # and a reader's import of the module says it needs a connection once (tracebacks.hint).
