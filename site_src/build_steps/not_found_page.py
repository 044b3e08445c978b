"""The 404 page, made to work wherever the site is served: at a host's root or under any sub-path.

A static host answers every missing address with the site's 404.html (GitHub Pages serves
`<project>/404.html` for a missing page under `/<project>/`), so the page cannot know from its own address where
the site's root is, and MkDocs writes its links and assets root-absolute (`/assets/...`), which leave a site
served under a sub-path. So its URLs are made relative, and a script at the start of its <head> finds the site's
root and sets it as the page's `<base>`: the folder of the service worker that controls the page, or else the
deepest folder of the address that holds the site's offline.json. Material reads its own `base` from a JSON
block and resolves it against the address, so that block is given the root found.
"""

import re

CONFIG_END = re.compile(r'(<script id="__config"[^>]*>.*?</script>)', re.S)

FIND_ROOT = """<script>
(() => {
  const controller = navigator.serviceWorker?.controller;
  let root = controller && new URL(".", controller.scriptURL).href;
  const folders = location.pathname.split("/").slice(1, -1);
  for (let depth = folders.length; !root && depth >= 0; depth -= 1) {
    const candidate = new URL(`/${folders.slice(0, depth).map((f) => `${f}/`).join("")}`, location).href;
    const probe = new XMLHttpRequest();
    probe.open("HEAD", `${candidate}offline.json`, false); // before anything else on the page loads
    try { probe.send(); if (probe.status === 200) root = candidate; } catch {}
  }
  document.write(`<base href="${root ?? new URL("/", location).href}">`);
})();
</script>"""

FIX_CONFIG = """<script>
(() => {
  const config = document.getElementById("__config");
  config.textContent = JSON.stringify({ ...JSON.parse(config.textContent), base: document.baseURI });
})();
</script>"""


def relocatable(html):
    """The 404 page's HTML with relative URLs under a `<base>` found in the browser."""
    html = re.sub(r'(\s(?:href|src|data-[\w-]+)=")/(?!/)', r"\1", html)
    html = html.replace('"/assets/', '"assets/')  # the import map's keys and values
    html = html.replace("<head>", f"<head>\n{FIND_ROOT}", 1)
    return CONFIG_END.sub(lambda m: m[1] + FIX_CONFIG, html, count=1)


def make_relocatable(site_dir):
    page = site_dir / "404.html"
    if page.is_file():
        page.write_text(relocatable(page.read_text()))
