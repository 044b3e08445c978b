"""offline.json: what the service worker fetches in the background once a reader's first page is ready, so that
every page of the course works offline after one visit (site_src/browser/service-worker.js, precache()).

It lists, relative to the site's root and exactly as the pages ask for them: every page (by its address, `value/`),
every other file of the site (the site's own assets with their `?v=`), and the runtime, except the wheels of the
big optional packages that no page needs to start (matplotlib and what only it needs): those are fetched, and
kept, the first time a reader's code imports them. A page that plots names matplotlib too, but loads it only after
its Python is ready (package_loading.LATER): such packages count here as optional, as the 10 MB they weigh would
otherwise be downloaded in the background by every reader, plotting or not.
"""

import json
import re

import asset_urls
import shared_constants
import vendor

MANIFEST = "offline.json"
PAGE_PACKAGES = re.compile(r'data-packages="([^"]*)"')
NOT_LISTED = {MANIFEST, "sitemap.xml.gz", "404.html"}
PACKAGE_LOADING = shared_constants.PYODIDE_PYTHON / "worker" / "package_loading.py"


def page_address(relative):
    """`value/index.html` -> `value/`; the home page is `./`."""
    return relative.removesuffix("index.html") or "./"


def write_manifest(site_dir, assets_version):
    """Write offline.json into `site_dir` and return the list it holds."""
    lock = vendor.load_lock()
    pages = sorted(site_dir.rglob("*.html"))
    named = {name for page in pages for found in PAGE_PACKAGES.findall(page.read_text()) for name in found.split()}
    started = named - set(shared_constants.python_constant(PACKAGE_LOADING, "LATER"))  # loaded after the page starts
    needed = {lock["packages"][name]["file_name"] for name in vendor.closure(lock, started)}
    optional = {lock["packages"][name]["file_name"] for name in lock["packages"]} - needed
    listed = []
    for file in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        relative = file.relative_to(site_dir).as_posix()
        if relative in NOT_LISTED or file.name in optional or file.name.removesuffix(".gz") in optional:
            continue
        if file.suffix == ".gz" and file.with_suffix("").is_file():
            continue  # a runtime file's gzip'd copy: the service worker fetches it for the file (runtimeFile())
        if relative.endswith(".html"):
            listed.append(page_address(relative))
        elif relative.startswith(asset_urls.ASSETS):
            listed.append(f"{relative}?v={assets_version}")
        else:
            listed.append(relative)
    (site_dir / MANIFEST).write_text(json.dumps(listed, indent=0))
    return listed
