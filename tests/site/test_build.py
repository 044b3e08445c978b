"""The built site: our wheel, every vendored runtime file, nothing loaded from outside the folder."""

import concurrent.futures
import json
import re
import subprocess
import zipfile
from html.parser import HTMLParser

import brotli
import pytest

import shared_constants
import vendor
from course_pages import ROOT

LOCK = vendor.load_lock()
EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)


def test_site_has_our_wheel_and_it_is_pure_python(built_site):
    (wheel,) = (built_site / "runtime" / "pyodide").glob("micrograd_live-*-py3-none-any.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {"micrograd/__init__.py", "micrograd/engine.py", "micrograd/nn.py"} <= set(names)
    assert not [n for n in names if n.endswith((".so", ".pyd"))]


def test_builds_at_once_each_get_the_whole_wheel(tmp_path):
    """Two builds at once (`scripts/serve` while the tests build) each find their wheel there, whole, and one
    wheel is left: they build one at a time, each in a folder of its own, and move the wheel into place."""
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        wheels = list(pool.map(lambda _: vendor.build_wheel(tmp_path), range(2)))
    assert wheels[0] == wheels[1] and zipfile.ZipFile(wheels[0]).testzip() is None
    assert [path.name for path in tmp_path.glob("*.whl")] == [wheels[0].name]
    assert not [path for path in tmp_path.iterdir() if path.is_dir()]  # the build folders are gone


def test_site_has_every_vendored_runtime_file(built_site):
    pyodide = built_site / "runtime" / "pyodide"
    for name in vendor.CORE_FILES:
        assert (pyodide / name).stat().st_size > 0, name
    for name in vendor.closure(LOCK, vendor.PYODIDE_PACKAGES):
        entry = LOCK["packages"][name]
        assert vendor.sha256(pyodide / entry["file_name"]) == entry["sha256"], entry["file_name"]
    assert {"matplotlib", "numpy", "micropip", "pillow"} <= set(vendor.closure(LOCK, vendor.PYODIDE_PACKAGES))
    assert (built_site / "runtime" / "pyscript" / "core.js").is_file()
    assert (built_site / "runtime" / "viz" / "viz.js").is_file()
    assert json.loads((pyodide / "pyodide-lock.json").read_text())["info"]["version"] == "0.27.8"


def test_the_service_worker_is_versioned_by_the_runtime_it_caches(built_site, tmp_path):
    worker = (built_site / "service-worker.js").read_text()
    assert f'const VERSION = "{vendor.tree_hash(built_site / "runtime")}";' in worker

    site = tmp_path / "site"
    (site / "runtime").mkdir(parents=True)
    (site / "runtime" / "a.js").write_text("one")
    vendor.install_service_worker(site)
    before = (site / "service-worker.js").read_text()
    vendor.install_service_worker(site)
    assert (site / "service-worker.js").read_text() == before  # the same runtime, the same worker
    (site / "runtime" / "a.js").write_text("two")
    vendor.install_service_worker(site)
    assert (site / "service-worker.js").read_text() != before


def test_the_big_files_have_brotli_copies_the_service_worker_knows(built_site):
    """A host that compresses nothing sends the copies (the service worker unpacks them): each unpacks to its
    original, and the worker lists each with its size (and each kind with its type): the runtime's big files, and
    the pages, notebooks, scripts and search index of the offline copy. Zips (compressed already) get none;
    offline.json lists no copy, nor the decoder (the worker brings it along)."""
    listed = vendor.precompressed(built_site)
    for path in ("runtime/pyodide/pyodide.asm.wasm", "runtime/pyodide/pyodide.asm.js", "gpt/index.html",
                 "gpt/notebook.ipynb", "search/search_index.json", "assets/micrograd/editors.js"):
        assert listed[path] == (built_site / path).stat().st_size
    assert not list(built_site.rglob("*.zip.br")) and not list(built_site.rglob("*.whl.br"))
    for path in listed:
        original = (built_site / path).read_bytes()
        packed = (built_site / f"{path}.br").read_bytes()
        assert brotli.decompress(packed) == original and len(packed) <= vendor.PRECOMPRESS_MAX_RATIO * len(original)
    offline = json.loads((built_site / "offline.json").read_text())
    assert not any(url.endswith(".br") or url in vendor.DECODER.values() for url in offline)
    worker = (built_site / "service-worker.js").read_text()
    assert f"const PRECOMPRESSED = {json.dumps(listed, sort_keys=True)};" in worker
    assert f"const TYPES = {json.dumps(vendor.PRECOMPRESSED_TYPES, sort_keys=True)};" in worker


def test_the_brotli_decoder_is_a_classic_script_that_unpacks_the_copies(built_site, tmp_path):
    """The service worker imports the decoder with importScripts(), which takes no ES module: the build makes
    brotli-dec-wasm's module a classic script. Run as one (Node), it unpacks a copy to its original, and a
    damaged copy raises."""
    decoder = {kind: built_site / path for kind, path in vendor.DECODER.items()}
    script = decoder["script"].read_text()
    assert not re.search(r"\bexport\b|import\.meta", script)
    check = tmp_path / "check.js"
    check.write_text("""
const fs = require("fs");
const [script, wasm, packed, original] = process.argv.slice(2);
const self = { location: { href: "file:///" } }; // the service worker's global scope, as far as the script uses it
new Function("self", fs.readFileSync(script, "utf8"))(self);
const { brotliDecoder } = self;
brotliDecoder.initSync({ module: fs.readFileSync(wasm) });
const same = Buffer.from(brotliDecoder.decompress(fs.readFileSync(packed))).equals(fs.readFileSync(original));
let damaged = "no error";
try { brotliDecoder.decompress(fs.readFileSync(packed).subarray(0, 1000)); } catch (error) { damaged = String(error); }
console.log(JSON.stringify({ same, damaged }));
""")
    js = built_site / "runtime" / "pyodide" / "pyodide.asm.js"
    ran = subprocess.run(["node", str(check), str(decoder["script"]), str(decoder["wasm"]),
                          f"{js}.br", str(js)], capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout) == {"same": True, "damaged": "Error: Brotli decompress failed"}


def test_the_snapshot_module_is_keyed_by_the_runtime_it_starts(built_site, tmp_path):
    """A reader's browser keeps Python's memory snapshot under RUNTIME: any change of a runtime file (our wheel
    included) must change it, and a rebuild of the same runtime must not."""
    module = (built_site / "runtime" / "pyodide" / "snapshot.mjs").read_text()
    assert 'const RUNTIME = "dev";' not in module and "export async function loadPyodide" in module

    pyodide_dir = tmp_path / "runtime" / "pyodide"
    pyodide_dir.mkdir(parents=True)
    (pyodide_dir / "micrograd.whl").write_text("one")
    runtime_line = lambda: next(  # noqa: E731
        line for line in (pyodide_dir / "snapshot.mjs").read_text().splitlines() if line.startswith("const RUNTIME"))
    vendor.install_snapshot_module(pyodide_dir)
    before = runtime_line()
    vendor.install_snapshot_module(pyodide_dir)  # its own previous copy does not count
    assert runtime_line() == before
    (pyodide_dir / "micrograd.whl").write_text("two")
    vendor.install_snapshot_module(pyodide_dir)
    assert runtime_line() != before


def test_the_wheel_does_not_change_with_the_time_of_the_build(built_site):
    """Its entries carry a fixed date, so rebuilding unchanged sources keeps the runtime's hash (and readers'
    cached copy of the runtime)."""
    (wheel,) = (built_site / "runtime" / "pyodide").glob("micrograd_live-*-py3-none-any.whl")
    assert {info.date_time for info in zipfile.ZipFile(wheel).infolist()} == {(1980, 1, 1, 0, 0, 0)}


class LoadedURLs(HTMLParser):
    """Collects the URLs an HTML page makes the browser load (scripts, styles, images, frames, preloads)."""

    LOADING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("embed", "src")}

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for t, attr in self.LOADING:
            if tag == t and attrs.get(attr):
                self.urls.append(attrs[attr])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "alternate"):
            self.urls.append(attrs["href"])


def test_no_page_loads_code_or_styles_from_outside_the_folder(built_site):
    pages = list(built_site.rglob("*.html"))
    assert pages
    for page in pages:
        parser = LoadedURLs()
        parser.feed(page.read_text())
        external = [url for url in parser.urls if EXTERNAL.match(url)]
        assert external == [], f"{page.relative_to(built_site)} loads {external}"


def test_a_page_with_editors_names_the_modules_that_start_python_for_preflight_to_preload(built_site):
    """preflight.js preloads them when the page is answered through the service worker (e2e: test_hosting); a
    page without editors names none."""
    html = (built_site / "derivatives" / "index.html").read_text()
    preloaded = re.findall(r'\.\./runtime/(\S+)', re.search(r'data-first-modules="([^"]*)"', html)[1])
    assert re.search(r'data-first-modules="\s*"', (built_site / "api" / "index.html").read_text())
    core = (built_site / "runtime" / "pyscript" / "core.js").read_text()
    chunks = [f"pyscript/{name}" for name in re.findall(r'"\./(core-[\w-]+\.js)"', core)]
    assert len(chunks) == 1
    assert preloaded == ["pyscript/core.js", *chunks, "pyodide/snapshot.mjs", "pyodide/pyodide.mjs"]
    assert all((built_site / "runtime" / name).is_file() for name in preloaded)


STATIC_IMPORT = re.compile(r"""(?:\bimport\s*\(\s*|\bfrom\s*|\bimport\s+|@import\s+(?:url\()?)["'`]((?:https?:)?//[^"'`]+)""")


def test_no_javascript_or_css_imports_from_outside_the_folder(built_site):
    files = [p for p in built_site.rglob("*") if p.suffix in (".js", ".mjs", ".css")]
    assert len(files) > 10
    for path in files:
        found = STATIC_IMPORT.findall(path.read_text(errors="replace"))
        assert found == [], f"{path.relative_to(built_site)} imports {found}"


def test_the_home_page_asks_for_no_plotting_packages_and_no_site_modules(built_site):
    html = (built_site / "index.html").read_text()
    assert 'class="mgl-editor" data-packages="" data-modules=""' in html
    assert "matplotlib" not in html and "numpy" not in html
    assert "data-modules=\"\"" in html and not re.search(r'data-modules="[^"]', html)


def test_a_page_with_exercises_asks_for_the_course_checks_and_only_where_they_are_imported(built_site):
    html = (built_site / "value" / "index.html").read_text()
    named = re.findall(r'data-modules="([^"]*)"', html)
    assert "course course_build course_net" in named and "" in named  # the checks' editors (course imports both)
    assert set(" ".join(named).split()) == {"course", "course_build", "course_net"}


def test_the_course_checks_start_without_numpy_and_only_the_tensors_check_needs_it(built_site):
    """NumPy (3 MB, its WebAssembly compiled at every start) loads only on pages whose own code uses it."""
    for page in ("value", "gpt"):  # exercise pages whose own examples do not use NumPy (Build's make_moons does)
        assert "numpy" not in (built_site / page / "index.html").read_text(), page
    tensors = (built_site / "tensors" / "index.html").read_text()
    assert re.search(r'data-packages="numpy" data-modules="course course_build course_net course_tensors"', tensors)


def test_a_wheel_that_differs_from_the_lock_fails_naming_the_file(tmp_path):
    source, dest = tmp_path / "source", tmp_path / "dest"
    source.mkdir(), dest.mkdir()
    for name in vendor.closure(LOCK, ["micropip"]):
        file_name = LOCK["packages"][name]["file_name"]
        (source / file_name).write_bytes((vendor.wheel_source_dir() / file_name).read_bytes())
    assert sorted(vendor.copy_verified_wheels(dest, LOCK, ["micropip"], source)) == sorted(p.name for p in source.iterdir())

    tampered = source / LOCK["packages"]["micropip"]["file_name"]
    tampered.write_bytes(tampered.read_bytes() + b"\0")
    with pytest.raises(vendor.VendorError, match=re.escape(tampered.name) + ".*does not match"):
        vendor.copy_verified_wheels(dest, LOCK, ["micropip"], source)

    tampered.unlink()
    with pytest.raises(vendor.VendorError, match=re.escape(tampered.name) + ".*missing"):
        vendor.copy_verified_wheels(dest, LOCK, ["micropip"], source)


def test_an_unknown_pyodide_package_fails_the_build():
    with pytest.raises(vendor.VendorError, match="'no-such-package'"):
        vendor.closure(LOCK, ["no-such-package"])


# The site's pages in the menu's order, and those of its Course section, as mkdocs.yml lists them.
MKDOCS_YML = (ROOT / "mkdocs.yml").read_text()
NAV = re.findall(r"^\s+- [^:\n]+: (\S+\.md)$", MKDOCS_YML, re.M)
COURSE = re.findall(r"(\S+\.md)", re.search(r"- Course:\n((?:      - .*\n)+)", MKDOCS_YML)[1])


def test_every_course_page_links_to_the_previous_and_the_next(built_site):
    """A path through the course: each page of the Course section ends with Previous and Next (Material's
    navigation.footer), in the menu's order, and the home page starts the course."""
    assert len(COURSE) >= 9
    for previous, page, following in zip(NAV, NAV[1:], NAV[2:]):
        if page not in COURSE:
            continue
        html = (built_site / page.removesuffix(".md") / "index.html").read_text()
        for kind, target in (("prev", previous), ("next", following)):
            link = re.search(rf'<a href="([^"]+)" class="md-footer__link md-footer__link--{kind}"', html)
            assert link, f"{page} has no {kind} link"
            expected = ".." if target == "index.md" else f"../{target.removesuffix('.md')}/"
            assert link[1] == expected, (page, kind, link[1])
    home = (built_site / "index.html").read_text()
    assert re.search(r'<a class="md-button md-button--primary" href="derivatives/">Start the course →</a>', home)


def test_offline_json_lists_every_page_and_the_small_files_but_not_numpy_or_matplotlib(built_site):
    """What the service worker fetches in the background after the first page (offline.py): every page by its
    address, the site's assets as the pages ask for them (with `?v=`), Graphviz and our wheel; NumPy's and
    matplotlib's wheels (13 MB) wait for their first use, and what no page asks for (source maps, other
    languages' search files, PyScript's terminal and zip reader) is left out; PyScript's editor is in."""
    listed = set(json.loads((built_site / "offline.json").read_text()))
    pages = {str(p.parent.relative_to(built_site)) + "/" for p in built_site.glob("*/index.html")} | {"./"}
    assert pages <= listed
    assert "runtime/viz/viz.js" in listed and "runtime/pyodide/pyodide.asm.wasm" in listed
    assert any(re.fullmatch(r"assets/micrograd/editors\.js\?v=\w+", url) for url in listed)
    wheels = {url.rsplit("/", 1)[1].split("-")[0] for url in listed if url.endswith(".whl")}
    assert "numpy" not in wheels and "matplotlib" not in wheels and "micrograd_live" in wheels
    assert not any(url.endswith(".map") or "lunr" in url for url in listed)  # English search: no other languages
    pyscript = [url.removeprefix("runtime/pyscript/") for url in listed if url.startswith("runtime/pyscript/")]
    assert all(any(name.startswith(part) for name in pyscript) for part in ("core-", "py-editor-", "codemirror_view-"))
    assert not [name for name in pyscript if name.startswith(("xterm", "zip-", "toml-", "py-terminal-"))]
    assert all((built_site / url.split("?")[0]).exists() for url in listed if url != "./")


def test_the_sites_lock_loads_matplotlib_without_what_pyplot_does_not_import(built_site):
    """matplotlib's first figure does not wait for fontTools, pytz and matplotlib-pyodide to unpack: the site's
    lock leaves them out of its dependencies (package_loading.AFTER_PYPLOT loads them after pyplot), and their
    wheels are in the site all the same."""
    lock = json.loads((built_site / "runtime/pyodide/pyodide-lock.json").read_text())
    after_pyplot = set(shared_constants.python_constant(vendor.PACKAGE_LOADING, "AFTER_PYPLOT"))
    depends = set(lock["packages"]["matplotlib"]["depends"])
    assert after_pyplot == {"fonttools", "matplotlib-pyodide", "pytz"} and not after_pyplot & depends
    assert {"numpy", "pillow", "kiwisolver"} <= depends
    assert all((built_site / "runtime/pyodide" / lock["packages"][name]["file_name"]).is_file() for name in after_pyplot)


def test_the_404_page_has_no_root_absolute_url(built_site):
    """Served for a missing page under any sub-path, its URLs are relative to the root its script finds."""
    html = (built_site / "404.html").read_text()
    assert not re.findall(r'(?:href|src)="/(?!/)', html)
    assert '<base href="${root' in html
