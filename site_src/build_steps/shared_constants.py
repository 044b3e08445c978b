"""What the page's JavaScript must agree on with the site's Python, written by the build, never by hand.

Each constant is defined once, in the Python that uses it (Stop's signal in the worker, an exercise's verdict
words in `course`), or computed by the build (which modules the worker is made of, which Pyodide packages
provide a module). The build writes them all into `assets/micrograd/shared_constants.js`, which the editors'
JavaScript imports: change one in its Python, and the page follows at the next build.
"""

import ast
import json
from pathlib import Path

PYODIDE_PYTHON = Path(__file__).parents[1] / "pyodide"  # worker/: the page's Python; modules/: what readers import
FILE_NAME = "shared_constants.js"


def python_constant(path, name):
    """The value of the top-level assignment `name = <literal>` in the Python file at `path`."""
    for node in ast.parse(Path(path).read_text()).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise LookupError(f"{path} assigns no constant {name}")


def worker_modules():
    """The modules worker.py imports from its own folder, which the page puts next to it."""
    return sorted(p.stem for p in (PYODIDE_PYTHON / "worker").glob("*.py") if p.stem != "worker")


def constants(packages_of_import, packages_of_site_module):
    """Every shared constant, by its JavaScript name. `packages_of_import`: {module: (Pyodide packages)} for the
    modules of the site's packages; `packages_of_site_module`: the same for the site's own modules that need any."""
    worker, modules = PYODIDE_PYTHON / "worker", PYODIDE_PYTHON / "modules"
    return {
        "STOP": python_constant(worker / "stopping.py", "STOP"),  # what Stop writes into the shared buffer
        "RUN_ALL_ABOVE": python_constant(worker / "tracebacks.py", "RUN_ALL_ABOVE"),  # a button a hint names
        "PASSED": python_constant(modules / "course.py", "PASSED"),  # how an exercise's verdict line starts
        "NOT_YET": python_constant(modules / "course.py", "NOT_YET"),
        "CAUGHT": python_constant(modules / "course.py", "CAUGHT"),  # a planted bug's check, as a demonstration
        "WORKER_MODULES": worker_modules(),
        "PACKAGES_OF_IMPORT": {name: list(packages) for name, packages in sorted(packages_of_import.items())},
        "PACKAGES_OF_SITE_MODULE": {name: list(packages) for name, packages in sorted(packages_of_site_module.items())},
    }


def write(folder, values):
    """Write `values` ({name: JSON-able value}) as `export const` lines into `folder`/shared_constants.js."""
    lines = [f"// Written by the build (site_src/build_steps/{Path(__file__).name}): edit the Python it names.\n"]
    lines += [f"export const {name} = {json.dumps(value, ensure_ascii=False)};\n" for name, value in values.items()]
    (Path(folder) / FILE_NAME).write_text("".join(lines))
