"""offline.json: what the service worker fetches in the background once a reader's first page is ready, so that
every page of the course works offline after one visit (site_src/browser/service-worker.js, precache()).

It lists, relative to the site's root and exactly as the pages ask for them: every page (by its address, `value/`),
every other file of the site (the site's own assets with their `?v=`), and the runtime, except:

- the big optional packages, NumPy and matplotlib (FIRST_USE), and what only they need: 13 MB that a reader who
  never opens a page that uses them would download for nothing. They are fetched, and kept, the first time a page
  or a reader's code imports them (a page loads those its own modules import as it starts, the others after its
  Python is ready: package_loading.ensure_page_packages); offline, before that, the import says it needs a
  connection once;
- what no page ever asks for: the source maps of Material's scripts (for developers' tools), the word
  splitters and stemmers of the search's other languages (Material's search worker loads those of the languages
  the search index names only), and PyScript's parts for what the site does not use (PYSCRIPT_UNUSED).
"""

import json
import re

import asset_urls
import vendor

MANIFEST = "offline.json"
FIRST_USE = ("matplotlib", "numpy")
PAGE_PACKAGES = re.compile(r'data-packages="([^"]*)"')
NOT_LISTED = {MANIFEST, "sitemap.xml.gz", "404.html"}
SEARCH_INDEX = "search/search_index.json"
LUNR = "assets/javascripts/lunr/"
# PyScript's chunks for its terminal (xterm), pygame, "donkey" workers, MicroPython, a TOML configuration (ours is
# an object) and zip archives in `files` (ours are .py files): loaded only by a page that uses them, and none does.
PYSCRIPT_UNUSED = re.compile(r"runtime/pyscript/(xterm|py-terminal|py-game|donkey|mpy|toml|zip)[-_.]")


def page_address(relative):
    """`value/index.html` -> `value/`; the home page is `./`."""
    return relative.removesuffix("index.html") or "./"


def search_language_files(site_dir):
    """The files of `assets/javascripts/lunr/` that Material's search worker loads for the languages the search
    index names (none for English alone)."""
    index = site_dir / SEARCH_INDEX
    languages = json.loads(index.read_text())["config"]["lang"] if index.is_file() else ["en"]
    files = {f"min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
    files |= {"tinyseg.js" for lang in languages if lang == "ja"} | {"wordcut.js" for lang in languages if lang in ("hi", "th")}
    if len(languages) > 1:
        files.add("min/lunr.multi.min.js")
    if files:
        files.add("min/lunr.stemmer.support.min.js")
    return {LUNR + name for name in files}


def write_manifest(site_dir, assets_version):
    """Write offline.json into `site_dir` and return the list it holds."""
    lock = vendor.load_lock()
    pages = sorted(site_dir.rglob("*.html"))
    named = {name for page in pages for found in PAGE_PACKAGES.findall(page.read_text()) for name in found.split()}
    needed = {lock["packages"][name]["file_name"] for name in vendor.closure(lock, named - set(FIRST_USE))}
    optional = {lock["packages"][name]["file_name"] for name in lock["packages"]} - needed
    search_files = search_language_files(site_dir)
    listed = []
    for file in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        relative = file.relative_to(site_dir).as_posix()
        if relative in NOT_LISTED or file.name in optional or relative in vendor.DECODER.values():
            continue  # (the service worker's decoder: its script comes with the worker, its WebAssembly is kept
            # when first used, and offline nothing is unpacked)
        if file.suffix == ".map" or (relative.startswith(LUNR) and relative not in search_files) or \
                PYSCRIPT_UNUSED.match(relative):
            continue
        if file.suffix == vendor.PRECOMPRESSED_SUFFIX and file.with_suffix("").is_file():
            continue  # a brotli copy: the service worker fetches it for its file (fileForCache())
        if relative.endswith(".html"):
            listed.append(page_address(relative))
        elif relative.startswith(asset_urls.ASSETS):
            listed.append(f"{relative}?v={assets_version}")
        else:
            listed.append(relative)
    (site_dir / MANIFEST).write_text(json.dumps(listed, indent=0))
    return listed
