"""URLs of the site's own scripts, styles and Python that change when the files do.

Static hosts send no cache headers, so a browser guesses from Last-Modified how long a file stays fresh: without
this, a reload after an update could run yesterday's editors.js under today's page. The service worker asks the
server every time, but not every host needs it (one that isolates the pages itself). So every page's URLs of
`assets/micrograd/` files get `?v=<hash of that folder>`; the JavaScript modules' imports of each other get the
same through an import map, and editors.js passes its own `?v=` on to the Python files it fetches. The runtime
(runtime/) has a version of its own, kept by the service worker.

Every page also names the whole site's version (these assets' and the runtime's) in `<meta name="micrograd-version">`:
a tab opened before an update that follows a link by instant navigation to a page of the new version loads it
anew (editors.js), rather than run the new page's scripts against the old ones.
"""

import json
import re

import vendor

ASSETS = "assets/micrograd/"
ASSET_URL = re.compile(rf'((?:src|href)=")([^"]*?){ASSETS}([^"?#]+)(?:\?v=\w+)?"')
IMPORT_MAP = re.compile(r'(<meta name="micrograd-version"[^>]*>\n)?<script type="importmap">.*?</script>\n', re.S)


def version_asset_urls(site_dir):
    """Give every page's `assets/micrograd/` URLs `?v=<hash>`, and an import map for the modules' imports.
    Run again (after a file changed), it replaces what it wrote before."""
    folder = site_dir / ASSETS
    version = vendor.tree_hash(folder)[:10]
    site_version = f"{version}-{vendor.tree_hash(site_dir / 'runtime')}"
    modules = sorted(p.name for p in folder.glob("*.js"))
    for page in site_dir.rglob("*.html"):
        html = IMPORT_MAP.sub("", page.read_text(), count=1)
        found = ASSET_URL.search(html)
        if not found:
            continue
        prefix = found[2] if found[2].startswith(("/", "./", "../")) or "://" in found[2] else f"./{found[2]}"
        imports = {f"{prefix}{ASSETS}{name}": f"{prefix}{ASSETS}{name}?v={version}" for name in modules}
        import_map = (f'<meta name="micrograd-version" content="{site_version}">\n'
                      f'<script type="importmap">{json.dumps({"imports": imports})}</script>\n')
        html = ASSET_URL.sub(rf'\1\2{ASSETS}\3?v={version}"', html)
        first_script = html.index("<script")  # the map must come before any module loads
        page.write_text(html[:first_script] + import_map + html[first_script:])
    return version
