"""Deep recursion ends in a RecursionError, as in CPython, not in a dead Python; and a Python that dies anyway
is reported to the page at once, which restarts it.

In a browser, Python's C code runs on the JavaScript engine's stack, far smaller than a desktop thread's. CPython
3.12 bounds C recursion (a repr of nested lists, json.dumps of nested dicts, a `__repr__` or `__add__` that calls
itself through repr or +) by a count fixed when it was compiled (10,000 in Pyodide 0.27), deeper than that stack
allows: past it the browser's "Maximum call stack size exceeded" kills Pyodide ("Pyodide has suffered a fatal
error"). The count still allowed is a field of the thread state, which `limit_c_recursion()` lowers to
C_RECURSION_BUDGET.

Measured in Debian's Chromium (a module worker running the site's Pyodide, one level more each try until the
stack ran out), in units of that count: an `__add__` calling itself through `+` (2 units a level) ran 1,010 and
died by 1,515; a `__repr__` printing its `_prev` set (6.1 a level) ran 1,525; json.dumps of nested dicts ran
1,800; repr of nested lists ran 2,340. The budget leaves a third of the smallest for the page's own frames under a
run (PyScript, the event loop). Pure Python calls do not use the C stack in 3.12: they keep CPython's
sys.getrecursionlimit(), and micrograd's backward() is iterative anyway.
"""

import asyncio
import ctypes
import sys

C_RECURSION_BUDGET = 700
_PY_LIMIT, _C_REMAINING = 20, 24  # byte offsets in PyThreadState on wasm32: after prev, next, interp, _status and
# py_recursion_remaining come py_recursion_limit, then c_recursion_remaining


def limit_c_recursion(budget=C_RECURSION_BUDGET):
    """Let C code recurse at most about `budget` levels deeper than a run's code starts. Pyodide gives the count
    back at each entry from JavaScript, and every step of a run (each stretch between two awaits) is one: so the
    count is lowered here and again before each callback of the event loop. Returns False (and changes nothing)
    if the thread state is not laid out as expected (another Python version)."""
    get_state = ctypes.pythonapi.PyThreadState_Get
    get_state.restype = ctypes.c_void_p
    state = get_state()
    if ctypes.c_int.from_address(state + _PY_LIMIT).value != sys.getrecursionlimit():
        return False
    remaining = ctypes.c_int.from_address(state + _C_REMAINING)
    run_callback = asyncio.Handle._run

    def run_within_budget(handle):
        remaining.value = min(remaining.value, budget)
        return run_callback(handle)

    remaining.value = min(remaining.value, budget)
    asyncio.Handle._run = run_within_budget
    return True


def report_fatal_errors():
    """If Pyodide dies all the same, tell the page at once (a message {mglFatal: what happened}): the run that
    killed it would otherwise never end, and every run after it would wait. The handler is JavaScript: once Pyodide
    has failed, no Python runs. The error Pyodide throws on is then not reported again as the page's own."""
    import js
    import pyodide_js

    pyodide_js._api.on_fatal = js.Function.new("error", """
        postMessage({ mglFatal: String(error?.message ?? error) });
        // Said already: not again, as an uncaught error (thrown or rejected) of the page.
        for (const kind of ["error", "unhandledrejection"]) addEventListener(kind, (uncaught) => uncaught.preventDefault());
    """)


RECURSION_HINT = (
    "(Python in a browser has a much smaller stack than on a desktop, so recursion through repr, json or "
    f"operators stops after about {C_RECURSION_BUDGET:,} levels here: build deep things with loops, as "
    "micrograd's backward() does, and print a deep graph's parts rather than all of it at once.)\n"
)
