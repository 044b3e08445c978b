"""What matplotlib's first import works out, kept in this browser so that every later page imports it quickly.

Pyodide unpacks a package's wheel into a file system that lasts as long as the page's Python, and its wheels
carry Python source, not bytecode. So every page that plots compiled matplotlib's and NumPy's two hundred
modules again (Pyodide writes no bytecode: `sys.dont_write_bytecode`), and matplotlib built its font list again by
reading every font it carries (the wheel's own `fontlist.json` was made by another matplotlib version on another
machine, so matplotlib ignores it). Compiling is most of the import: under Node, `import numpy` took 616 ms
from source and 135 ms from bytecode, `import matplotlib` 680 and 207, `import matplotlib.pyplot` 990 and 461.

`recording()` wraps the first import on a page: the imports write their bytecode. `save()` then keeps those
files and the font list in Cache Storage, as one zip under the versions that made them, and `restore()` writes
them back on the next page, before the import. The bytecode is kept as checked hash-based `.pyc` files (PEP 552):
Python compares each with a hash of its source before using it, so a file that does not match its source (another
version of a package) is compiled again rather than run.
"""

import contextlib
import importlib.util
import io
import sys
import zipfile
from pathlib import Path

CACHE = "micrograd-live-imports"  # Cache Storage's name (the service worker leaves it alone: not its prefix)
SITE_PACKAGES = Path(sys.prefix, "lib", f"python{sys.version_info[0]}.{sys.version_info[1]}", "site-packages")
CHECKED_HASH = (0b11).to_bytes(4, "little")  # a .pyc's flags: hash-based, checked against the source


@contextlib.contextmanager
def recording():
    """Imports inside write their modules' bytecode next to their source (in `__pycache__`), for `save()`."""
    sys.dont_write_bytecode = False
    try:
        yield
    finally:
        sys.dont_write_bytecode = True


def kept_files(font_list, root=SITE_PACKAGES):
    """{path: bytes}: every `.pyc` the imports wrote under `root`, made a checked hash-based one, and the font
    list matplotlib wrote (`font_list`, its path)."""
    files = {}
    for pyc in Path(root).glob("**/__pycache__/*.pyc"):
        data = pyc.read_bytes()
        source = Path(importlib.util.source_from_cache(pyc))
        if data[:4] != importlib.util.MAGIC_NUMBER or not source.exists():
            continue
        # A timestamp-based .pyc's header: magic, flags, the source's time and size; the code follows.
        files[str(pyc)] = data[:4] + CHECKED_HASH + importlib.util.source_hash(source.read_bytes()) + data[16:]
    if Path(font_list).exists():
        files[str(font_list)] = Path(font_list).read_bytes()
    return files


def bundle(files):
    """The files ({path: bytes}) as one zip (stored, not compressed: it is read on every page that plots)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, data in files.items():
            archive.writestr(path.lstrip("/"), data)
    return buffer.getvalue()


def unbundle(data):
    """Write the files of a `bundle()` back where they were; the number written."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall("/")
        return len(archive.namelist())


def _key(versions):
    from js import location

    return f"{location.origin}/micrograd-live-imports/{'-'.join(versions)}"  # a worker's own address may be a blob:


async def restore(versions):
    """Write back what `save(versions)` kept in this browser; whether there was anything (False outside a
    browser, without Cache Storage, or if it could not be read: matplotlib's import then works it all out)."""
    try:
        from js import caches

        found = await (await caches.open(CACHE)).match(_key(versions))
        if not found:
            return False
        unbundle((await found.arrayBuffer()).to_bytes())
        return True
    except Exception:  # noqa: BLE001  (no browser, no Cache Storage, a damaged entry: a plain import follows)
        return False


async def save(versions, font_list):
    """Keep the bytecode the recorded imports wrote and the font list in this browser, under `versions` (the
    Python, NumPy and matplotlib versions that made them), in place of anything kept under other versions.
    Nothing is kept where there is no Cache Storage (or no room in it): every page then imports the slow way."""
    try:
        from js import Response, caches
        from pyodide.ffi import to_js

        cache = await caches.open(CACHE)
        for old in await cache.keys():
            await cache.delete(old)
        await cache.put(_key(versions), Response.new(to_js(bundle(kept_files(font_list)))))
    except Exception:  # noqa: BLE001
        pass
