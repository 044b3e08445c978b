// The site's service worker. It does two things for every request of a page in its scope (the whole site):
//
// 1. Cross-origin isolation. The editors' Python runs in a worker that shares memory with the page
//    (SharedArrayBuffer), which browsers allow only on pages served with COOP/COEP headers. Plain static hosts
//    send none, so the responses handed out here carry them (as mini-coi does, which this replaces).
//    preflight.js registers this worker only where the host does not isolate the pages itself, and reloads the
//    page once this worker controls it.
// 2. Offline use. What a page fetched is kept in Cache Storage, so a page opened once works again without the
//    server. Two rules:
//    - runtime/ (Pyodide, PyScript, Graphviz, the wheels) changes only with a new build of the runtime, and
//      VERSION says which: the build writes a hash of runtime/ into it. These files are answered from the cache
//      without asking the server. A new runtime changes VERSION, hence this file: the browser installs the new
//      worker, which drops the old cache. A page of the old version that ran no code yet reloads once to use it;
//      a page of the new version, opened through the old worker, was answered in its own version (pageVersions).
//    - Everything else (pages, the site's scripts and Python) is asked from the server first, so a rebuilt site
//      shows as soon as it is online; the cached copy answers only when the server cannot be reached.
//    - Once a page is ready it asks this worker (a "precache" message) to fetch in the background what the
//      other pages need (offline.json, written by the build: every page, the site's files, the runtime but the
//      big optional packages), so that every page works offline after the first visit (see precache()).
//    - Offline, a page's address with a query (a shared moons link) is answered with the page's cached copy,
//      and a page that was never stored gets the site's own offline page, not the browser's error.
//    The caches this worker deletes are only its own: named after this site's scope, so the other sites of a
//    shared host (user.github.io/<another project>/) keep theirs.
//
// 3. The site map, for Material's instant navigation (which changes pages without a new document, so the page's
//    Python lives on): Material follows only links whose address its sitemap.xml lists, compared with the host's
//    protocol and name but not its port. The build cannot know where the site will be served, so it writes
//    SITEMAP_ORIGIN in every address (site_src/browser/overrides/sitemap.xml); handed out here, it becomes this
//    worker's scope, port and sub-path included.
//
// 4. Less than half the bytes from a host that compresses nothing: the runtime's big files, and the pages,
//    notebooks and scripts of the offline copy, are also in the site as brotli copies (PRECOMPRESSED, written by
//    the build: site_src/build_steps/vendor.py). A file fetched for the cache asks for its `.br` copy, unpacks it
//    here (brotli-dec-wasm: browsers unpack only gzip themselves) and keeps the unpacked file, with the original's
//    Content-Type. See fileForCache(). A page the reader opens comes from the server as it is (the host's own
//    compression, if any, applies).
//
// Why runtime/ files are always answered from the cache, even right after fetching one: Chrome keeps the
// compiled WebAssembly of a response that came from Cache Storage next to its cache entry, so a revisit does not
// compile Pyodide (10 MB of WebAssembly) again. A response the worker builds itself has no such place.

const VERSION = "dev"; // replaced by the build
const PRECOMPRESSED = {}; // replaced by the build: {path under the site's root: its size} of files with a .br copy
const TYPES = {}; // replaced by the build: {suffix: Content-Type} of the files that may have one
const DECODER = {}; // replaced by the build: {script, wasm}, the brotli decoder's files (paths under the site's root)
const SCOPE = self.registration.scope;
const OWN_PREFIX = `micrograd-live ${SCOPE} `; // this site's caches: its name and scope
const CACHE = `${OWN_PREFIX}${VERSION}`;
const BEFORE_SCOPED_NAMES = /^micrograd-live-[0-9a-f]{16}$/; // this site's caches before they named the scope
const RUNTIME = new URL("runtime/", location).href;
const OFFLINE_LIST = new URL("offline.json", location).href;
const SITEMAP = new URL("sitemap.xml", location).href;
const SITEMAP_ORIGIN = "https://micrograd-live.invalid/"; // as the build writes it
const ISOLATION = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "cross-origin",
};

// Take over at once, on the first visit and after an update, rather than when every tab of the site is closed.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  await deleteOldCaches();
  await self.clients.claim();
})()));

/** Delete the caches of this site's earlier versions, and no other cache of the origin. */
async function deleteOldCaches() {
  const old = (name) => (name.startsWith(OWN_PREFIX) || BEFORE_SCOPED_NAMES.test(name)) && name !== CACHE;
  for (const name of (await caches.keys()).filter(old)) await caches.delete(name);
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return; // the browser's way
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return; // DevTools' requests
  if (request.url === SITEMAP) return event.respondWith(fromServer(event).then(sitemapHere));
  if (request.mode === "navigate") {
    return event.respondWith(fromServer(event).then((page) => notePageVersion(event, page), () => pageOffline(request)));
  }
  event.respondWith(request.url.startsWith(RUNTIME) || versioned(request) ? fromCache(event) : fromServer(event));
});

// --- A page newer than this worker ----------------------------------------------------------------------------
// A tab opened just after the site was updated loads its page through this worker: the browser installs the new
// worker only once the navigation has begun. Such a page names a runtime this worker does not have, and the
// server's service-worker.js names it too: the page's requests are answered from the cache of the page's version
// (filled from the server), the one the new worker keeps. The page is then all of one version, and when the new
// worker takes over it has nothing to reload (preflight.js asks each worker, with a "version" message, which
// version it answers the page with, and holds the page's Python until the new worker is in control).
const pageVersions = new Map(); // client id -> promise of the runtime version its page is answered in
const PAGE_VERSION = /<meta name="micrograd-version" content="[^"]*-([0-9a-f]+)">/; // asset_urls.py writes it
const WORKER_VERSION = /^const VERSION = "([^"]+)"/m;

function notePageVersion(event, page) {
  const id = event.resultingClientId;
  if (!id || page.status !== 200) return page;
  pageVersions.set(id, newerVersionOf(page.clone()).then((version) => {
    if (version === VERSION) pageVersions.delete(id);
    return version;
  }));
  return page;
}

/** The runtime version a page names, if the site's service worker on the server names it too; else VERSION. */
async function newerVersionOf(page) {
  try {
    const named = PAGE_VERSION.exec(await page.text())?.[1] ?? VERSION;
    if (named === VERSION) return VERSION;
    const onServer = await fetch(self.location.href, { cache: "no-cache" });
    return WORKER_VERSION.exec(await onServer.text())?.[1] === named ? named : VERSION;
  } catch {
    return VERSION;
  }
}

/** The runtime version that answers the client `id`: its page's, when newer than this worker; else this worker's. */
const versionFor = async (id) => (await pageVersions.get(id)) ?? VERSION;
const cacheFor = async (event) => caches.open(`${OWN_PREFIX}${await versionFor(event.clientId)}`);

// The site's scripts and Python carry the build's hash of their folder in their address (`?v=`, written by
// site_src/build_steps/asset_urls.py): the same address is the same bytes, so like runtime/ they are answered from
// the cache without asking the server. A revisit's page then starts Python without a round trip per module (the
// page's modules import one another, a chain of them, and worker.py's modules come one by one).
// Material's own styles and scripts carry a hash of their content in their name (`main.57a0d79d.min.css`): the same
// holds for them. (Asked from the server, a revisit's stylesheets waited for it, and for their copies' unpacking.)
const MATERIAL_HASHED = /\/assets\/(stylesheets|javascripts|javascripts\/workers)\/\w+\.[0-9a-f]{8}\.min\.(css|js)$/;
const versioned = (request) => {
  const url = new URL(request.url);
  return url.searchParams.has("v") || MATERIAL_HASHED.test(url.pathname);
};

const sitemapHere = async (response) => {
  if (response.status !== 200) return response;
  const text = (await response.text()).replaceAll(SITEMAP_ORIGIN, self.registration.scope);
  return new Response(text, { headers: response.headers });
};

// The response with the isolation headers added. Errors (and a navigation's redirect, status 0) pass unchanged.
const isolated = (response) => {
  if (!response.status || response.status >= 400) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
  const { status, statusText } = response;
  return new Response(status === 204 ? null : response.body, { status, statusText, headers });
};

async function fromCache(event) {
  const { request } = event;
  const cache = await cacheFor(event);
  const cached = await cache.match(request);
  if (cached) return cached;
  // "no-cache": a file of the new runtime must not come from the browser's HTTP cache, which may still hold
  // (and, by its own rules, deem fresh) the old runtime's file under the same URL.
  let response;
  try {
    response = isolated(await fileForCache(request));
  } catch (offline) {
    const stored = await storedCopy(cache, request); // `moons.js?v=…&mount=2` is stored as `moons.js?v=…`
    if (stored) return stored;
    throw offline;
  }
  if (response.status !== 200) return response;
  event.waitUntil(cache.put(request, response.clone())); // kept while the page already reads it
  return response;
}

// --- Precompressed files ---------------------------------------------------------------------------------------
// A file for the cache, from the server, through its brotli copy when the build made one. Hosts differ in what they
// do with a .br file: most send its bytes as they are (then they are unpacked here); one set up for precompressed
// files may label it `Content-Encoding: br`, and the browser has unpacked it already: its size tells the two
// apart, so nothing is unpacked twice. A host that compresses every response on the fly only changes how the
// bytes travel. Any trouble with the copy or the decoder (missing, damaged): the original is fetched instead.
async function fileForCache(request) {
  const address = new URL(request.url).pathname.slice(new URL(SCOPE).pathname.length);
  const path = address === "" || address.endsWith("/") ? `${address}index.html` : address; // a page's address
  const size = PRECOMPRESSED[path];
  if (size !== undefined) {
    try {
      const copy = await fetch(new URL(`${path}.br`, SCOPE), { cache: "no-cache" });
      const type = TYPES[path.slice(path.lastIndexOf("."))];
      if (copy.status === 200) return new Response(await unpacked(copy, size), { headers: { "Content-Type": type } });
    } catch (error) {
      console.warn(`${path}: its brotli copy failed (${error.message}), so the original is fetched.`);
    }
  }
  return fetch(request, { cache: "no-cache" });
}

// The decoder: brotli-dec-wasm's script (made a classic script by the build) and, once a copy is to be unpacked,
// its WebAssembly (208 KB, kept in the cache like the runtime). Without it, files come as they are.
try {
  importScripts(DECODER.script); // self.brotliDecoder
} catch (error) {
  console.warn(`The brotli decoder did not load (${error.message}): files are fetched as they are.`);
}
const DECODER_WASM = new URL(DECODER.wasm, location).href;
let decoder = null;
const brotliDecoder = () => (decoder ??= (async () => {
  const cache = await caches.open(CACHE);
  if (!(await cache.match(DECODER_WASM))) {
    const fetched = await fetch(DECODER_WASM, { cache: "no-cache" });
    if (fetched.status !== 200) throw new Error(`${DECODER_WASM}: HTTP ${fetched.status}`);
    await cache.put(DECODER_WASM, fetched);
  }
  // Compiled from the cached response, as Pyodide is: Chromium keeps the compiled code next to it, for next time
  // (a host that labels it with another type than application/wasm gets it compiled from its bytes).
  const wasm = await cache.match(DECODER_WASM);
  const module = await WebAssembly.compileStreaming(wasm.clone())
    .catch(async () => WebAssembly.compile(await wasm.arrayBuffer()));
  self.brotliDecoder.initSync({ module });
  return self.brotliDecoder;
})().catch((error) => {
  decoder = null; // tried again for the next file
  throw error;
}));

// The bytes of a .br response, unpacked (unless the browser has unpacked them already: then they are `size` long).
async function unpacked(response, size) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length === size) return bytes;
  const original = (await brotliDecoder()).decompress(bytes); // a damaged copy throws here, not later
  if (original.length !== size) throw new Error(`it unpacked to ${original.length} bytes, not ${size}`);
  return original;
}

// A page of the site, opened or fetched (Material's instant navigation fetches the next page).
const isPage = (request) => request.mode === "navigate" || /(\/|\.html)$/.test(new URL(request.url).pathname);

async function fromServer(event) {
  const cache = await cacheFor(event);
  const { request } = event;
  let response;
  try {
    // "no-cache": the browser's HTTP cache must ask the server too (a 304 is cheap), or a page rebuilt a
    // moment ago could still come from it. A page comes as it is (a teacher may have edited the built page by
    // hand), the other files (Material's styles and scripts, the search index) through their brotli copies.
    response = isolated(await (isPage(request) ? fetch(request, { cache: "no-cache" }) : fileForCache(request)));
  } catch (offline) {
    const cached = await storedCopy(cache, request);
    if (cached) return cached;
    throw offline;
  }
  if (response.status === 200) event.waitUntil(cache.put(request, response.clone()));
  return response;
}

// --- Offline: every page after the first visit ----------------------------------------------------------------

/** What the cache holds for `request`: the same address; else the address offline.json stores it under, which
 * keeps only the version (`?v=`) of the query (a page's script imported once per visit, `moons.js?v=…&mount=2`;
 * a page's settings, `moons/?dataset=xor`); else the same file under any query (a file asked for without its
 * version, or with another). */
async function storedCopy(cache, request) {
  const stored = new URL(request.url);
  for (const name of [...stored.searchParams.keys()]) if (name !== "v") stored.searchParams.delete(name);
  return (await cache.match(request)) ?? (await cache.match(stored.href)) ??
    (await cache.match(request, { ignoreSearch: true }));
}

/** A page asked for offline, not answered by the server: its stored copy, that of its address without the query
 * (storedCopy()), or the site's offline page. */
async function pageOffline(request) {
  const cache = await caches.open(CACHE);
  const stored = await storedCopy(cache, request);
  if (stored) return stored;
  const home = SCOPE;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline · micrograd, live</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}
@media (prefers-color-scheme:dark){body{background:#1e2129;color:#e2e4e9}a{color:#8ab4f8}}</style></head>
<body><main><h1>This page is not available offline</h1>
<p>This device has no copy of this page yet, and the site cannot be reached. The pages of the course are kept
for offline use once one page has been opened online and had a moment to fetch the others.</p>
<p><a href="${home}">Go to the home page</a>, or try again once you are online.</p></main></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", ...ISOLATION } });
}

let precaching = null;
self.addEventListener("message", (event) => {
  if (event.data?.type === "version") {
    const answer = async () => event.ports[0]?.postMessage({ served: await versionFor(event.source?.id), own: VERSION });
    return event.waitUntil(answer());
  }
  if (event.data?.type !== "precache") return;
  precaching ??= precache().finally(() => { precaching = null; });
  const done = precaching.then(
    (missing) => event.source?.postMessage({ type: "precached", missing }),
    (error) => event.source?.postMessage({ type: "precached", missing: -1, error: String(error) }),
  );
  event.waitUntil(done);
});

/** Fetch into the cache, a few at a time, every file of offline.json not stored yet. Resolves to the number of
 * files that could not be fetched (0: the whole site works offline). */
async function precache() {
  const cache = await caches.open(CACHE);
  const listed = await fetch(OFFLINE_LIST, { cache: "no-cache" });
  if (listed.status !== 200) throw new Error(`offline.json: HTTP ${listed.status}`);
  const urls = (await listed.json()).map((path) => new URL(path, SCOPE).href);
  const todo = [];
  for (const url of urls) if (!(await cache.match(url))) todo.push(url);
  let missing = 0;
  const fetchNext = async () => {
    for (let url = todo.pop(); url; url = todo.pop()) {
      try {
        const request = new Request(url);
        const response = isolated(await fileForCache(request));
        if (response.status === 200) await cache.put(url, response);
        else missing += 1;
      } catch {
        missing += 1;
      }
    }
  };
  await Promise.all([fetchNext(), fetchNext(), fetchNext()]);
  return missing;
}
