"""Python's memory snapshot (site_src/browser/snapshot.mjs): made in the background after the first start (or
first thing on the next page, for a reader who left too soon), restored on the next pages, and never at the cost
of a right answer: fresh random numbers, Stop, a plain start when the snapshot is damaged or another runtime's."""

import re
import shutil

from playwright.sync_api import expect

import vendor
from expected import README_OUTPUT
from pages import RUN, RUNTIME_TIMEOUT_MS, open_isolated, wait_until_page_ready
from serving import serve
from test_hosting import IsolatingHandler

STOP = re.compile("Stop")


def python_ready(page, started_from):
    wait_until_page_ready(page)
    expect(page.locator("html")).to_have_attribute("data-mgl-python-from", started_from)


def run(page, code):
    """Run `code` in the page's first editor (pasted, as a reader would) and return its output once done."""
    page.evaluate("(code) => { document.querySelector('.mgl-editor script').code = code; }", code)
    editor = page.locator(".mgl-editor").first
    editor.get_by_role("button", name=RUN).click()
    expect(editor.locator(".py-editor-run-button.running")).to_have_count(0, timeout=RUNTIME_TIMEOUT_MS)
    return editor.get_by_role("log", name="Output").inner_text().strip()


FRESH = "import random, sys\nprint(random.random(), sys.path.count(''), micrograd_was_there)"


def test_the_snapshot_is_made_once_then_every_page_restores_it(page, site_server):
    open_isolated(page, site_server)
    python_ready(page, "start")  # a new browser: nothing to restore yet
    expect(page.locator("html")).to_have_attribute("data-mgl-snapshot", "ready", timeout=RUNTIME_TIMEOUT_MS)

    page.reload()
    python_ready(page, "snapshot")
    editor = page.locator(".mgl-editor").first
    editor.get_by_role("button", name=RUN).click()
    expect(editor.get_by_role("log", name="Output")).to_have_text(
        README_OUTPUT, use_inner_text=True, timeout=RUNTIME_TIMEOUT_MS)
    assert page.locator("html").get_attribute("data-mgl-snapshot") is None  # not made again
    first = run(page, "import sys\nmicrograd_was_there = 'micrograd.nn' in sys.modules\n" + FRESH).split()

    page.reload()
    python_ready(page, "snapshot")
    second = run(page, "micrograd_was_there = None\n" + FRESH).split()
    # The snapshot holds micrograd already imported, "" once on sys.path, and a random generator seeded anew on
    # every restore (else each page would replay the same numbers: the same "random" weights every time).
    assert first[1:] == ["1", "True"] and second[1] == "1"
    assert first[0] != second[0]

    page.evaluate("() => { document.querySelector('.mgl-editor script').code = 'while True:\\n    pass'; }")
    editor.get_by_role("button", name=RUN).click()
    editor.get_by_role("button", name=STOP).click()
    expect(editor.get_by_role("log", name="Output")).to_contain_text("KeyboardInterrupt", timeout=10_000)


def test_a_damaged_snapshot_is_dropped_and_python_starts_the_plain_way(page, site_server):
    open_isolated(page, site_server)
    python_ready(page, "start")
    expect(page.locator("html")).to_have_attribute("data-mgl-snapshot", "ready", timeout=RUNTIME_TIMEOUT_MS)
    page.evaluate("""async () => {  // cut in half, as a full disk might leave it
        const cache = await caches.open("micrograd-live-snapshot");
        const [key] = await cache.keys();
        const whole = await cache.match(key);
        const bytes = await whole.arrayBuffer();
        await cache.put(key, new Response(bytes.slice(0, bytes.byteLength / 2), {headers: whole.headers}));
    }""")
    page.reload()
    python_ready(page, "snapshot")  # the page found one, and tried it
    assert run(page, "print(6 * 7)") == "42"
    # the damaged one is gone, so the next page makes a new one
    assert page.evaluate("caches.open('micrograd-live-snapshot').then((cache) => cache.keys()).then((k) => k.length)") == 0


def test_three_short_visits_end_with_a_snapshot(page, site_server):
    """A reader who leaves each page as soon as Python is ready (before the background snapshot is done): the
    second page makes the snapshot first, and the third restores it."""
    for started_from in ("start", "start", "snapshot"):
        open_isolated(page, site_server)
        python_ready(page, started_from)
        page.goto("about:blank")
    page.goto(site_server)
    python_ready(page, "snapshot")
    assert run(page, "print(6 * 7)") == "42"


SNAPSHOTS = "caches.open('micrograd-live-snapshot').then((cache) => cache.keys()).then((keys) => keys.map((k) => k.url))"


def test_an_old_runtimes_snapshot_is_never_restored_into_a_new_one(page, built_site, tmp_path):
    """After an update of the runtime, the snapshot the old one made (still in Cache Storage: a host that isolates
    the pages itself has no service worker to drop it) is not restored; the new runtime makes its own."""
    site = tmp_path / "site"
    # Copied with fresh times: a browser keeps a file for a tenth of its age by its Last-Modified (heuristic
    # freshness), so copies of a build made minutes ago would come back from its HTTP cache, the old runtime with them.
    shutil.copytree(built_site, site, copy_function=shutil.copy)
    server = serve(site, IsolatingHandler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        open_isolated(page, url)
        python_ready(page, "start")
        expect(page.locator("html")).to_have_attribute("data-mgl-snapshot", "ready", timeout=RUNTIME_TIMEOUT_MS)
        (old,) = page.evaluate(SNAPSHOTS)

        pyodide = site / "runtime" / "pyodide"
        with (pyodide / "pyodide.mjs").open("a") as module:  # what a new Pyodide release changes
            module.write("\n// a new runtime\n")
        vendor.install_snapshot_module(pyodide)
        page.goto(url)
        python_ready(page, "start")
        editor = page.locator(".mgl-editor").first
        editor.get_by_role("button", name=RUN).click()
        expect(editor.get_by_role("log", name="Output")).to_have_text(
            README_OUTPUT, use_inner_text=True, timeout=RUNTIME_TIMEOUT_MS)
        expect(page.locator("html")).to_have_attribute("data-mgl-snapshot", "ready", timeout=RUNTIME_TIMEOUT_MS)
        (new,) = page.evaluate(SNAPSHOTS)
        assert new != old
    finally:
        server.shutdown()
