"""A page's packages that only readers' code imports load in the background after the page's set-up (matplotlib
and NumPy on the plotting pages), those its own modules import before it (NumPy for the moons page's model:
package_loading.ensure_page_packages); a run that imports one meanwhile waits for that load to finish, even once
its files are on the disk: in the browser they are there before its compiled parts are ready, and an import in
between failed with "dynamic module does not define module export function (PyInit__path)".

Pyodide's `pyodide_js.loadPackage` gets a stand-in whose load the test finishes when it chooses.
"""

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
import types
from unittest import mock

import package_loading

PACKAGES_OF_IMPORT = {"matplotlib": ("matplotlib",), "numpy": ("numpy",)}


def test_a_run_importing_a_package_still_loading_in_the_background_waits_for_that_load():
    async def scenario():
        finish = asyncio.Event()
        loaded = {}
        events = []

        async def load_package(names):
            events.append(f"load {names}")
            await finish.wait()
            loaded.update(dict.fromkeys(names, "default channel"))
            events.append("loaded")

        pyodide_js = types.SimpleNamespace(
            loadPackage=load_package, loadedPackages=types.SimpleNamespace(to_py=lambda: dict(loaded)))
        announced = []
        with mock.patch.dict(sys.modules, {"pyodide_js": pyodide_js}), \
                mock.patch.object(package_loading, "_importable", return_value=True), \
                mock.patch.object(package_loading, "_warm_up_matplotlib"):
            await package_loading.ensure_page_packages(["matplotlib"])
            await asyncio.sleep(0)  # the background load has started; its files count as importable already
            run = asyncio.ensure_future(
                package_loading.ensure_imported_packages(["matplotlib"], PACKAGES_OF_IMPORT, announced.append))
            await asyncio.sleep(0.01)
            assert not run.done(), "the run went ahead while matplotlib was still loading"
            finish.set()
            await run
            events.append("run goes on")
            # A run that imports nothing loading does not wait, and the background load is forgotten once done.
            assert package_loading._later == {}
            await package_loading.ensure_imported_packages(["numpy"], PACKAGES_OF_IMPORT, announced.append)
        return events, announced

    # In a thread of its own: in a session that ran the browser tests first, Playwright's loop runs in this one.
    with ThreadPoolExecutor(1) as thread:
        events, announced = thread.submit(asyncio.run, scenario()).result()
    assert events == ["load ['matplotlib']", "loaded", "run goes on"]
    assert announced == [["matplotlib"]]  # "Loading matplotlib…" under the editor, once


def test_a_package_that_could_not_be_fetched_is_noted_and_the_set_up_goes_on():
    """Offline, in a browser that never fetched NumPy: Pyodide's loadPackage reports the failure and returns; the
    page's set-up goes on, and NumPy is noted as not downloaded (a reader's import then says it needs a connection
    once, tracebacks.hint), whether the page's own modules need it or only its editors."""
    async def load_package(names):
        pass  # fetched nothing

    async def set_ups():
        await package_loading.ensure_page_packages(["numpy"], needed={"numpy"})
        assert not_downloaded == {"numpy"}
        not_downloaded.clear()
        await package_loading.ensure_page_packages(["numpy"])
        await asyncio.gather(*package_loading._later.values())
        assert not_downloaded == {"numpy"}

    pyodide_js = types.SimpleNamespace(loadPackage=load_package, loadedPackages=types.SimpleNamespace(to_py=dict))
    with mock.patch.dict(sys.modules, {"pyodide_js": pyodide_js}), \
            mock.patch.object(package_loading, "not_downloaded", set()) as not_downloaded:
        with ThreadPoolExecutor(1) as thread:  # as above: Playwright's loop may run in this thread
            thread.submit(asyncio.run, set_ups()).result()


def test_the_packages_the_pages_own_modules_need_load_before_its_python_is_ready_the_others_after_in_one_load():
    """The moons page's model imports NumPy at set-up: it is loaded when set-up returns. matplotlib, which only the
    page's editors import, is not: it loads after, and on a plotting page whose modules need nothing, NumPy and
    matplotlib load together, in one load (Pyodide fetches and compiles its packages side by side)."""
    loads, loaded = [], {}
    finish = None

    def load_package(names):
        loads.append(list(names))  # as Pyodide's: its downloads begin at the call

        async def load():
            if "matplotlib" in names:
                await finish.wait()
            loaded.update(dict.fromkeys(names, "default channel"))
        return load()

    async def set_ups():
        nonlocal finish
        finish = asyncio.Event()
        await package_loading.ensure_page_packages(["matplotlib", "numpy"], needed={"numpy"})
        assert loads == [["numpy"], ["matplotlib"]] and "numpy" in loaded
        assert "matplotlib" not in loaded  # begun, not waited for
        finish.set()
        await asyncio.gather(*package_loading._later.values())
        loads.clear(), loaded.clear()
        finish.clear()
        await package_loading.ensure_page_packages(["matplotlib", "numpy"])
        assert loads == [["matplotlib", "numpy"]] and loaded == {}  # begun, not awaited
        finish.set()
        await asyncio.gather(*package_loading._later.values())
        assert set(loaded) == {"matplotlib", "numpy"}

    pyodide_js = types.SimpleNamespace(
        loadPackage=load_package, loadedPackages=types.SimpleNamespace(to_py=lambda: dict(loaded)))
    with mock.patch.dict(sys.modules, {"pyodide_js": pyodide_js}), \
            mock.patch.object(package_loading, "_importable", return_value=True), \
            mock.patch.object(package_loading, "_warm_up_matplotlib"):
        with ThreadPoolExecutor(1) as thread:  # as above: Playwright's loop may run in this thread
            thread.submit(asyncio.run, set_ups()).result()


def test_a_run_that_imports_micrograds_data_loads_numpy_first_though_micrograd_is_installed():
    """`from micrograd.data import make_moons` on a page that did not load NumPy: make_moons imports it when
    called, so the run loads it first ("Loading numpy…"), as it would for `import numpy`; plain micrograd does not."""
    loaded, announced = {}, []

    async def load_package(names):
        loaded.update(dict.fromkeys(names, "default channel"))

    pyodide_js = types.SimpleNamespace(
        loadPackage=load_package, loadedPackages=types.SimpleNamespace(to_py=lambda: dict(loaded)))
    packages_of_import = {"numpy": ("numpy",), "micrograd.data": ("numpy",)}

    async def runs():
        await package_loading.ensure_imported_packages(["micrograd.engine"], packages_of_import, announced.append)
        assert loaded == {}
        await package_loading.ensure_imported_packages(["micrograd.data"], packages_of_import, announced.append)

    with mock.patch.dict(sys.modules, {"pyodide_js": pyodide_js}), \
            mock.patch.object(package_loading, "_importable", lambda name: name.startswith("micrograd") or name in loaded):
        with ThreadPoolExecutor(1) as thread:  # as above: Playwright's loop may run in this thread
            thread.submit(asyncio.run, runs()).result()
    assert list(loaded) == ["numpy"] and announced == [["numpy"]]
