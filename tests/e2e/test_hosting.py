"""Static hosting as teachers meet it: a sub-path (its 404 page too), a host shared with other sites, a host that
sends isolation headers, a page opened as a file, a reader who comes back offline (to any page of the course,
after one visit), a site rebuilt since the last visit (its scripts too, after one reload), a host that compresses
nothing (the runtime's brotli copies) and one that compresses everything."""

import contextlib
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

import asset_urls
import vendor
from expected import README_OUTPUT
from pages import RUN, RUNTIME_TIMEOUT_MS, SITE_PATHS, NewDocuments, open_isolated, wait_until_page_ready
from serving import PagesLikeHandler, QuietHandler, serve


def run_readme_example(page):
    editor = page.locator(".mgl-editor").first
    editor.get_by_role("button", name=RUN).click()
    expect(editor.get_by_role("log", name="Output")).to_have_text(
        README_OUTPUT, use_inner_text=True, timeout=RUNTIME_TIMEOUT_MS
    )


def told_why_python_cannot_run(page, reason):
    """The first editor says `reason` (the alert is returned) and its code stays there to read."""
    alert = page.locator(".mgl-editor").first.get_by_role("alert")
    expect(alert).to_contain_text(reason)
    expect(page.locator(".mgl-editor pre code").first).to_contain_text("from micrograd.engine import Value")
    return alert


class IsolatingHandler(QuietHandler):
    """A host configured for cross-origin isolation: the site must not need (or register) its service worker."""

    def end_headers(self):
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()


class RecordingHandler(QuietHandler):
    """A plain static host that notes the path of every request (server.paths)."""

    def send_head(self):
        self.server.paths.append(self.path.split("?")[0])
        return super().send_head()


class CompressingHandler(RecordingHandler):
    """A host that compresses every file it sends (`Content-Encoding: gzip`), and sends a .br file as a host set
    up for precompressed files does: its bytes as they are, labelled with the original's type and as brotli
    (to a browser that says it takes brotli; else gzip'd like the rest)."""

    def send_head(self):
        self.server.paths.append(self.path.split("?")[0])
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        data, encoding = path.read_bytes(), "gzip"
        if path.suffix == vendor.PRECOMPRESSED_SUFFIX:
            kind = vendor.PRECOMPRESSED_TYPES[path.with_suffix("").suffix]
            if "br" in self.headers.get("Accept-Encoding", ""):
                encoding = "br"
                self.server.labelled_brotli = getattr(self.server, "labelled_brotli", 0) + 1
        else:
            kind = self.guess_type(str(path))
        if encoding == "gzip":
            data = gzip.compress(data)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


# sha256 and Content-Type of a runtime file as the page gets it (through the service worker).
FETCHED = """async (url) => {
  const response = await fetch(url);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.arrayBuffer()));
  return [[...digest].map((byte) => byte.toString(16).padStart(2, "0")).join(""), response.headers.get("content-type")];
}"""
UNPACKED = {"pyodide/pyodide.asm.wasm": "application/wasm", "pyodide/pyodide.asm.js": "text/javascript",
            vendor.first_modules()[1]: "text/javascript"}
# sha256 and Content-Type of the offline copy of a file.
STORED = FETCHED.replace("await fetch(url)", "await caches.match(url)")
# Files of the offline copy that the build compressed: {address: file}.
STORED_PACKED = {"gpt/": "gpt/index.html", "gpt/notebook.ipynb": "gpt/notebook.ipynb"}


@contextlib.contextmanager
def home_visited(page, built_site, handler):
    """A static host whose requests `handler` sees (and records in server.paths), with the home page opened in
    `page` and its README example run: yields the server and the site's address."""
    server = serve(built_site, handler)
    server.paths = []
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        open_isolated(page, url)
        run_readme_example(page)
        yield server, url
    finally:
        server.shutdown()


@pytest.mark.parametrize("handler", [RecordingHandler, CompressingHandler], ids=["plain", "compressing"])
def test_the_runtime_comes_compressed_and_is_handed_out_as_built(page, built_site, handler):
    """From a host that compresses nothing, the service worker fetches the big runtime files' .br copies (less
    than half the bytes) and hands out the original files, byte for byte, with their own type; the first page,
    before it is isolated, fetches none of them (not even PyScript's core, which a page preloads only once it is
    answered through the service worker). The offline copy of the other pages and notebooks comes the same way.
    From a host that compresses every response, nothing is unpacked twice: the browser undoes the host's
    compression, the service worker only a brotli copy it still finds (by its size)."""
    with home_visited(page, built_site, handler) as (server, url):
        for path, kind in UNPACKED.items():
            digest = hashlib.sha256((built_site / "runtime" / path).read_bytes()).hexdigest()
            assert page.evaluate(FETCHED, f"{url}runtime/{path}") == [digest, kind]
            assert f"/runtime/{path}.br" in server.paths and f"/runtime/{path}" not in server.paths
        # The first page stopped loading before Material's search asked for its index: it came compressed, after.
        assert "/search/search_index.json.br" in server.paths and "/search/search_index.json" not in server.paths
        expect(page.locator("html")).to_have_attribute("data-mgl-offline", "ready", timeout=RUNTIME_TIMEOUT_MS)
        for address, file in STORED_PACKED.items():
            digest = hashlib.sha256((built_site / file).read_bytes()).hexdigest()
            assert page.evaluate(STORED, url + address) == [digest, vendor.PRECOMPRESSED_TYPES[Path(file).suffix]]
            assert f"/{file}.br" in server.paths and f"/{address}" not in server.paths
        if handler is CompressingHandler:  # the browser unpacked the copies labelled brotli: none twice
            assert getattr(server, "labelled_brotli", 0) > 0


def test_a_revisit_asks_the_server_only_for_what_may_have_changed(page, built_site):
    """Files whose address names their content (the runtime, the site's `?v=` scripts and styles, Material's
    hashed styles and scripts) come from the offline copy on a revisit, without a round trip each: the server is
    asked for the page, and files that keep their name when rebuilt."""
    with home_visited(page, built_site, RecordingHandler) as (server, url):
        expect(page.locator("html")).to_have_attribute("data-mgl-offline", "ready", timeout=RUNTIME_TIMEOUT_MS)
        server.paths.clear()
        page.reload()
        run_readme_example(page)
        asked = set(server.paths)
        assert "/" in asked
        # (The browser's own check for a new service worker asks for it, and for the script it imports.)
        named_by_content = {path for path in asked - {f"/{vendor.DECODER['script']}"} if path.startswith(
            ("/runtime/", "/assets/micrograd/", "/assets/javascripts/", "/assets/stylesheets/"))}
        assert not named_by_content


class DamagingHandler(RecordingHandler):
    """A plain host whose copy of one runtime file is cut short (a copy interrupted, a disk error)."""

    DAMAGED = "/runtime/pyodide/pyodide.asm.js.br"

    def send_head(self):
        if self.path.split("?")[0] != self.DAMAGED:
            return super().send_head()
        self.server.paths.append(self.DAMAGED)
        data = Path(self.translate_path(self.path)).read_bytes()[:1000]
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


def test_a_damaged_copy_is_not_used_the_original_is(page, built_site):
    """A brotli copy that does not unpack to its original's size is dropped: the service worker fetches the
    original, and Python starts all the same."""
    with home_visited(page, built_site, DamagingHandler) as (server, url):
        digest = hashlib.sha256((built_site / "runtime/pyodide/pyodide.asm.js").read_bytes()).hexdigest()
        assert page.evaluate(FETCHED, f"{url}runtime/pyodide/pyodide.asm.js") == [digest, "text/javascript"]
        assert {DamagingHandler.DAMAGED, "/runtime/pyodide/pyodide.asm.js"} <= set(server.paths)


def test_site_works_under_a_sub_path(page, built_site, tmp_path):
    (tmp_path / "micrograd").symlink_to(built_site, target_is_directory=True)
    server = serve(tmp_path)
    try:
        open_isolated(page, f"http://127.0.0.1:{server.server_address[1]}/micrograd/")
        run_readme_example(page)
        scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r && r.scope)")
        assert scope == f"http://127.0.0.1:{server.server_address[1]}/micrograd/"
    finally:
        server.shutdown()


def test_a_host_sending_isolation_headers_needs_no_service_worker(page, built_site):
    server = serve(built_site, IsolatingHandler)
    try:
        loads = []
        page.on("load", lambda _: loads.append(1))
        open_isolated(page, f"http://127.0.0.1:{server.server_address[1]}/")
        run_readme_example(page)
        assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r === undefined)")
        assert len(loads) == 1  # no reload
    finally:
        server.shutdown()


def test_a_page_opened_as_a_file_says_how_to_serve_it(page, built_site):
    page.goto((built_site / "index.html").as_uri())
    alert = told_why_python_cannot_run(page, "Python cannot run in a page opened as a file")
    expect(alert.get_by_role("link", name="Troubleshooting")).to_have_attribute("href", "troubleshooting/")


def test_an_old_browser_is_told_so_instead_of_a_dead_editor(page, site_server):
    page.add_init_script("delete self.WebAssembly")
    page.goto(site_server)
    told_why_python_cannot_run(page, "This browser is too old for the editors (it has no WebAssembly)")
    assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r === undefined)")


def test_a_browser_without_service_workers_is_told_why_python_cannot_run(page, site_server):
    """As in a private window that offers no service workers, on a host that does not isolate the pages."""
    page.add_init_script('Object.defineProperty(Navigator.prototype, "serviceWorker", { get: () => undefined });')
    page.goto(site_server)
    told_why_python_cannot_run(page, "This browser does not allow the service worker the editors need here")


class NoServiceWorkerHandler(QuietHandler):
    """A host that lost service-worker.js (a folder copied without it): the browser refuses to register it."""

    def send_head(self):
        if self.path.split("?")[0].endswith("/service-worker.js"):
            self.send_error(404)
            return None
        return super().send_head()


def test_a_first_visit_whose_service_worker_is_refused_loads_in_full_once_and_says_why(page, built_site):
    """A first visit stops loading until the service worker answers it (preflight.js); if the browser refuses
    the worker, the page is loaded again in full at once, not stopped again, and says why Python cannot run (a
    stopped page that nothing answers is loaded in full after STOPPED_MS anyway: the reason must come before)."""
    preflight = (built_site / "assets/micrograd/preflight.js").read_text()  # as served
    stopped_ms = int(re.search(r"const STOPPED_MS = ([\d_]+);", preflight)[1].replace("_", ""))
    server = serve(built_site, NoServiceWorkerHandler)
    try:
        documents = NewDocuments(page)
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="commit")  # a stopped page has no load
        expect(page.locator(".mgl-editor").first.get_by_role("alert")).to_contain_text(
            "This browser refused the service worker", timeout=stopped_ms / 2)
        told_why_python_cannot_run(page, "This browser refused the service worker the editors need here")
        assert len(documents) == 2  # stopped, then loaded in full
        expect(page.locator(".md-footer")).to_be_attached()  # the whole page, to its end
    finally:
        server.shutdown()


CACHED = "url => caches.match(url).then(r => r !== undefined)"
# The service worker's offline copies (the Python snapshot keeps a cache of its own, made in the background).
CACHE_NAMES = "async () => (await caches.keys()).filter((name) => name.startsWith(`micrograd-live ${location.origin}/`))"
# Caches of other sites on the same host: another project, and another copy of this site under another path.
FOREIGN_CACHES = ["other-app-cache-v1", "micrograd-live http://127.0.0.1/elsewhere/ 0123456789abcdef"]
MAKE_CACHES = "async (names) => { for (const name of names) await (await caches.open(name)).put('x', new Response('kept')); }"


def test_a_second_visit_works_with_the_server_stopped(page, built_site):
    server = serve(built_site)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        open_isolated(page, url)
        run_readme_example(page)
        page.wait_for_function(CACHED, arg=url)  # the page itself is stored once it has been read
    finally:
        server.shutdown()
        server.server_close()  # connections are now refused, as from a stopped server

    page.goto(url)
    assert page.evaluate("self.crossOriginIsolated")
    run_readme_example(page)


def test_a_rebuilt_site_shows_on_the_next_visit(page, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    day_old = time.time() - 86_400  # files a day old: the browser's HTTP cache deems them fresh for hours
    for file in site.rglob("*"):
        os.utime(file, (day_old, day_old))
    server = serve(site)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    navigations = NewDocuments(page)
    try:
        open_isolated(page, url)
        (old_cache,) = page.evaluate(CACHE_NAMES)

        # New pages, same runtime: the page comes from the server, with no reload.
        index = site / "index.html"
        index.write_text(index.read_text().replace("micrograd, live", "micrograd, live again", 1))
        navigations.clear()
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_text("micrograd, live again")
        run_readme_example(page)
        assert navigations == [url]
        assert page.evaluate(CACHE_NAMES) == [old_cache]

        # A new runtime: a new service worker, which drops the old cache (and no other site's); the page, not
        # used yet, reloads once to use it.
        page.evaluate(MAKE_CACHES, FOREIGN_CACHES)
        with (site / "runtime" / "pyscript" / "core.css").open("a") as css:
            css.write("body { scroll-padding-top: 17px }\n")
        vendor.install_service_worker(site)
        navigations.clear()
        try:
            with page.expect_event("load", lambda _: len(navigations) == 2, timeout=RUNTIME_TIMEOUT_MS):
                page.goto(url)
        except PlaywrightTimeoutError:
            raise AssertionError(f"no reload onto the new runtime: {navigations}, {page.evaluate(WORKERS_STATE)}") from None
        expect(page.locator("body")).to_have_css("scroll-padding-top", "17px")
        run_readme_example(page)
        assert navigations == [url, url]
        (new_cache,) = page.evaluate(CACHE_NAMES)
        assert new_cache != old_cache
        assert set(FOREIGN_CACHES) <= set(page.evaluate("caches.keys()"))
    finally:
        server.shutdown()


# The page's service workers (each one's state and the versions it answers), for a failure's message.
WORKERS_STATE = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  const ask = (worker) => worker && new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => resolve(data);
    worker.postMessage({ type: "version" }, [channel.port2]);
    setTimeout(() => resolve("no answer"), 3000);
  });
  const describe = async (worker) => worker && { state: worker.state, versions: await ask(worker) };
  return { installing: await describe(registration?.installing), waiting: await describe(registration?.waiting),
    active: await describe(registration?.active), controller: await describe(navigator.serviceWorker.controller),
    html: { ...document.documentElement.dataset }, reloadedFor: sessionStorage.getItem("micrograd-live:reloaded-for-runtime") };
}"""

UPDATE_NOTICE = "A new version of this site is ready — reload when you like."


def test_an_update_found_by_another_tab_leaves_a_working_tab_alone_until_it_changes_page(page, built_site, tmp_path):
    """Tab A has run code; the site is updated; tab B opens a page and takes the update. Neither reloads: tab B's
    page, though the old service worker answers it, comes all in the new version; tab A keeps its output and
    Python and says a new version is ready; following a link then loads that page anew, all of it in the new
    version, rather than new page scripts against the old ones."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    server = serve(site)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        open_isolated(page, url)
        run_readme_example(page)
        old_version = page.evaluate("document.querySelector('meta[name=micrograd-version]').content")
        documents_of_a = NewDocuments(page)

        with (site / "runtime" / "pyscript" / "core.css").open("a") as css:  # the rebuild: a new runtime
            css.write("body { scroll-padding-top: 17px }\n")
        vendor.install_service_worker(site)
        asset_urls.version_asset_urls(site)
        tab_b = page.context.new_page()
        documents_of_b = NewDocuments(tab_b)
        open_isolated(tab_b, url)
        expect(tab_b.locator("body")).to_have_css("scroll-padding-top", "17px", timeout=RUNTIME_TIMEOUT_MS)
        run_readme_example(tab_b)

        expect(page.get_by_role("status").filter(has_text="new version")).to_have_text(UPDATE_NOTICE)
        assert documents_of_a == []
        assert documents_of_b == [url]  # no reload when the new service worker took over
        assert tab_b.get_by_role("status").filter(has_text="new version").count() == 0
        expect(page.get_by_role("log", name="Output").first).to_have_text(README_OUTPUT, use_inner_text=True)
        run_readme_example(page)  # its Python still runs

        page.evaluate("window.mglSameDocument = true")
        page.locator('.md-sidebar--primary a[href$="derivatives/"]').first.evaluate("a => a.click()")
        page.wait_for_function("() => !window.mglSameDocument", timeout=RUNTIME_TIMEOUT_MS)  # a full load
        wait_until_page_ready(page, "derivatives/")
        assert documents_of_a == [f"{url}derivatives/"]
        new_version = page.evaluate("document.querySelector('meta[name=micrograd-version]').content")
        assert new_version != old_version
        expect(page.locator("body")).to_have_css("scroll-padding-top", "17px")
        tab_b.close()
    finally:
        server.shutdown()


def notebook_title(page, folder):
    """The first line of the page's notebook, as "Download as notebook" saves it."""
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as notebook").first.click()
    download.value.save_as(folder / "downloaded.ipynb")
    return json.loads((folder / "downloaded.ipynb").read_text())["cells"][0]["source"][0].strip()


def test_a_changed_script_is_used_after_one_reload(page, built_site, tmp_path):
    """A host that isolates the pages itself (no service worker between the page and the browser's HTTP cache),
    files days old (which that cache deems fresh for hours): a module that editors.js imports changes, the site
    is rebuilt, and one reload runs the new module. The page's notebook, fetched before, is fetched anew."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)

    def age(days):
        then = time.time() - days * 86_400
        for file in site.rglob("*"):
            os.utime(file, (then, then))

    age(2)
    server = serve(site, IsolatingHandler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        open_isolated(page, url)
        expect(page.locator(".mgl-editor .cm-content").first).to_be_visible(timeout=RUNTIME_TIMEOUT_MS)
        assert notebook_title(page, tmp_path) == "# Home"
        with (site / "assets" / "micrograd" / "edits.js").open("a") as module:
            module.write('document.documentElement.dataset.mglUpdated = "yes";\n')
        notebook = site / "notebook.ipynb"
        notebook.write_text(notebook.read_text().replace('"# Home', '"# Updated'))
        asset_urls.version_asset_urls(site)  # what the rebuild does
        # The rebuilt files are newer than the first build's, as a rebuild's are: with the same Last-Modified (both
        # made "a day old" within one second) the server answered the reload's revalidation of the page with 304
        # Not Modified, and the browser showed its cached copy of the old page, with the old script's URL.
        age(1)
        page.reload()
        expect(page.locator("html")).to_have_attribute("data-mgl-updated", "yes", timeout=RUNTIME_TIMEOUT_MS)
        run_readme_example(page)
        assert notebook_title(page, tmp_path) == "# Updated"
    finally:
        server.shutdown()


def test_the_404_page_stays_on_the_site_at_the_root_and_under_a_sub_path(page, built_site, tmp_path):
    """Served as GitHub Pages does: a missing page gets the site's 404.html, wherever the site is."""
    (tmp_path / "micrograd").symlink_to(built_site, target_is_directory=True)
    for root, folder in (("/micrograd/", tmp_path), ("/", built_site)):
        handler = type("Handler", (PagesLikeHandler,), {"requested": [], "sites": (root,)})
        server = serve(folder, handler)
        site = f"http://127.0.0.1:{server.server_address[1]}{root}"
        try:
            assert page.goto(f"{site}no-such-page/deeper/").status == 404
            expect(page.get_by_role("heading", level=1)).to_have_text("404 - Not found")
            expect(page.locator(".md-header")).to_have_css("position", "sticky")  # Material's styles are there
            page.wait_for_load_state("networkidle")
            assert [path for path in handler.requested if not path.startswith(root)] == []
            links = page.locator(".md-sidebar--primary a[href]").evaluate_all("links => links.map((a) => a.href)")
            assert f"{site}value/" in links and all(link.startswith(site) for link in links)
            page.locator('.md-sidebar--primary a[href$="/value/"]').first.evaluate("a => a.click()")
            expect(page.get_by_role("heading", level=1)).to_contain_text("The Value object")
            assert page.url == f"{site}value/"
        finally:
            server.shutdown()


def run_code(editor, code):
    """Run `code` in `editor` (its code replaced, as a reader's edit would) and return its output log."""
    editor.evaluate("(editor, code) => { editor.querySelector('script').code = code; }", code)
    editor.get_by_role("button", name=RUN).click()
    return editor.get_by_role("log", name="Output")


def test_after_one_visit_every_page_of_the_course_works_offline(page, built_site, tmp_path):
    """One online visit to the home page, the background fetch done, the server gone: every page opens (with its
    Python, on a page with editors), a graph draws, a shared moons link opens, and a page never built gets the
    site's own offline page. The big optional packages (NumPy, matplotlib) were not fetched in the background: an
    import of one says it needs a connection once."""
    (tmp_path / "micrograd").symlink_to(built_site, target_is_directory=True)
    server = serve(tmp_path)
    site = f"http://127.0.0.1:{server.server_address[1]}/micrograd/"
    try:
        open_isolated(page, site)
        expect(page.locator("html")).to_have_attribute("data-mgl-offline", "ready", timeout=RUNTIME_TIMEOUT_MS)
    finally:
        server.shutdown()
        server.server_close()  # connections are now refused, as from a stopped server, or no network

    for path in SITE_PATHS:
        page.goto(site + path)
        expect(page.locator(".md-content h1")).to_be_visible()
        if page.locator(".mgl-editor").count():
            wait_until_page_ready(page, path)
    page.goto(site + "graphs/")
    wait_until_page_ready(page, "graphs/")
    editor = page.locator(".mgl-editor").first
    run_code(editor, "from micrograd.engine import Value\nfrom micrograd.graph import draw_dot\ndraw_dot(Value(2.0, label='a') * 3)")
    expect(editor.locator(".mgl-graph[data-mgl-graph=drawn] svg g.node.value")).to_have_count(3, timeout=RUNTIME_TIMEOUT_MS)

    for package in ("matplotlib", "numpy"):  # never fetched online: the import says what it needs
        output = run_code(editor, f"import {package}")
        expect(output).to_contain_text(f"`{package}` comes with this site, but this browser has not downloaded it yet",
                                       timeout=RUNTIME_TIMEOUT_MS)
        expect(output).to_contain_text("it needs a connection once")

    page.goto(site + "moons/?dataset=xor&steps=2")
    wait_until_page_ready(page, "moons/")
    expect(page.locator("#moons-dataset")).to_have_value("xor")

    assert page.goto(site + "no-such-page/").status == 503
    expect(page.get_by_role("heading", level=1)).to_have_text("This page is not available offline")


def test_a_page_that_uses_numpy_opened_once_online_runs_it_offline(page, built_site):
    """NumPy is not in the background fetch (offline.json): a page that uses it fetches it as it starts, online,
    and from then on that page, and any other, imports it offline."""
    assert not any("numpy" in url for url in json.loads((built_site / "offline.json").read_text()))
    server = serve(built_site)
    site = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        open_isolated(page, site + "tensors/")
        wait_until_page_ready(page, "tensors/")
        expect(page.locator("html")).to_have_attribute("data-mgl-offline", "ready", timeout=RUNTIME_TIMEOUT_MS)
    finally:
        server.shutdown()
        server.server_close()

    for path in ("moons/", "tensors/"):
        page.goto(site + path)
        wait_until_page_ready(page, path)
        output = run_code(page.locator(".mgl-editor").first, "import numpy as np\nprint(np.arange(4).sum())")
        expect(output).to_have_text("6", timeout=RUNTIME_TIMEOUT_MS)
