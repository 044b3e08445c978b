// Pyodide started from a memory snapshot. PyScript imports this module where it would import pyodide.mjs
// (editors.js names it as the page's interpreter) and calls its loadPyodide and reads its version.
//
// A plain start runs CPython's own start-up, then PyScript and the editors import some 160 standard modules:
// about 2 s on a 2-core laptop, on every page. Restoring the memory of an interpreter that has done all that
// takes a fraction of it. The snapshot is made in the reader's browser, once (in the background, or first thing on
// the next page if the reader left too soon: see "Every reader gets a snapshot" below), by a throwaway
// Pyodide in a worker of its own (an interpreter started to make a snapshot cannot serve PyScript afterwards),
// and kept in Cache Storage under this runtime's hash (RUNTIME, written by the build): a page never restores
// the memory of another runtime's interpreter. Pyodide calls snapshots experimental (`_makeSnapshot`,
// `_loadSnapshot`), so a snapshot that fails to restore is dropped and Python starts the plain way.
//
// What a snapshot does not hold: files (Pyodide's file system lives on the JavaScript side), so our wheel's files
// are put back on every start (its modules are imported already); and anything holding a JavaScript object
// (pyodide.http, PyScript's own modules), which are imported after the restore as before.

import { loadPyodide as startPyodide, version } from "./pyodide.mjs";

export { version };

const RUNTIME = "dev"; // replaced by the build: a hash of the runtime's files and of this one
const CACHE = "micrograd-live-snapshot";
const KEY = new URL(`snapshot-${RUNTIME}`, import.meta.url).href;
const MAKER = "micrograd-live-snapshot-maker"; // the name of the worker that makes it
const indexURL = new URL("./", import.meta.url).href;

// What the page's Python imports before any reader's code runs (PyScript's `pyscript` package and worker.py),
// and our own package. Their own imports come along (asyncio, email, importlib.metadata, ...).
const IMPORTED = `
import ast, asyncio, base64, bisect, bz2, calendar, concurrent.futures, contextvars, copy, csv, ctypes, datetime, dis
import html, importlib.metadata, importlib.resources, importlib.util, inspect, ipaddress, json, linecache, locale
import logging, pathlib, random, reprlib, select, selectors, shutil, signal, socket, string, subprocess, tarfile
import tempfile, textwrap, threading, tokenize, traceback, typing, urllib.parse, weakref, zipfile
import micrograd, micrograd.engine, micrograd.nn, micrograd.graph, micrograd.data, micrograd.demo
`;

// After a restore: the random generator would otherwise replay the snapshot's sequence on every page
// (micrograd's weights would start the same each time), and Pyodide has put "" on sys.path a second time.
const AFTER_RESTORE = `
import random, sys
random.seed()
if sys.path[:2] == ["", ""]:
    del sys.path[0]
`;

const openCache = () => (self.caches ? caches.open(CACHE) : Promise.reject(new Error("no Cache Storage here")));

// What Cache Storage holds under KEY, told by its type: the snapshot; the reason making one failed in this browser
// for this runtime (not tried again); or a note that a plain start happened and a snapshot is still to be made.
const TYPES = { ready: "application/octet-stream", failed: "text/plain", started: "application/x-snapshot-due" };
const stateOf = (found) => Object.keys(TYPES).find((state) => TYPES[state] === found?.headers.get("content-type"));
const lookUp = async () => {
  try {
    return await (await openCache()).match(KEY);
  } catch {
    return new Response("no Cache Storage: nothing to keep a snapshot in", { headers: { "content-type": TYPES.failed } });
  }
};

// "ready", "failed", "started" (Python started the plain way here before, and no snapshot was made yet: the
// reader left that page too soon) or "none" (this browser has not run this runtime yet).
export const snapshotState = async () => stateOf(await lookUp()) ?? "none";

// --- Timeline: when each step of a start happened, for the browser benchmark (benchmarks/bench_browser.py) ------
// Posted on a BroadcastChannel that nothing of the site listens to, as [step, milliseconds since the epoch]; the
// worker's own start is its performance.timeOrigin.
const TIMELINE_CHANNEL = "micrograd-live-timeline"; // bench_browser.py reads this line for the name
const timeline = self.BroadcastChannel ? new BroadcastChannel(TIMELINE_CHANNEL) : null;
const mark = (step, at = performance.timeOrigin + performance.now()) => timeline?.postMessage([step, at]);
self.mglTimelineMark = mark; // for the Python in this worker (package_loading.py marks matplotlib's load)

// --- Every reader gets a snapshot ----------------------------------------------------------------------------
// The first page starts Python the plain way and makes the snapshot in the background once it is ready (a few
// seconds later), so the reader's first page is not slowed. A reader who leaves before it is done left a note
// ("started"): the next page makes the snapshot first and restores from it at once (a start about as long as a
// plain one), so even a reader of short visits has one by the third. Unless a page of the site that is still
// open is making it right now (it holds MAKING, a Web Lock): then this page starts the plain way.
const MAKING = "micrograd-live-snapshot-making";
const beingMade = async () => Boolean((await navigator.locks?.query())?.held.some((lock) => lock.name === MAKING));
const noteDue = () => openCache().then((cache) => cache.put(KEY, new Response("", {
  headers: { "content-type": TYPES.started } }))).catch(() => {});

// The stored snapshot's bytes (a promise), checked: Pyodide checks a snapshot's header, not its length, and a cut
// one would hang its start.
const checkedBytes = (found) => {
  const bytes = found.arrayBuffer().then((buffer) => {
    if (buffer.byteLength !== Number(found.headers.get("x-snapshot-bytes"))) throw new Error("cut short");
    return buffer;
  });
  bytes.catch(() => {}); // its failure is handled where the restore awaits it, not reported before that
  return bytes;
};

// Where a restored Python prints: PyScript's stdout and stderr, once its call has given them (a restore may begin
// before it, see `early`).
const output = { stdout: null, stderr: null };

// Python restored from `bytes` (or a promise of them): random numbers reseeded, sys.path mended.
const restore = async (bytes) => {
  const pyodide = await startPyodide({
    indexURL,
    stdout: (text) => (output.stdout ?? console.log)(text),
    stderr: (text) => (output.stderr ?? console.error)(text),
    _loadSnapshot: bytes,
  });
  pyodide.runPython(AFTER_RESTORE, { globals: pyodide.toPy({}) });
  mark("restored");
  return pyodide;
};

// In the worker PyScript starts for the page's Python, a stored snapshot starts restoring as soon as PyScript
// imports this module, while PyScript still sets itself up (its storage, its config) before calling loadPyodide.
const inPythonWorker = typeof WorkerGlobalScope !== "undefined" && self.name !== MAKER;
const early = inPythonWorker
  ? lookUp().then((found) => (stateOf(found) === "ready" ? { python: restore(checkedBytes(found)) } : null))
  : null;
early?.then((restoring) => restoring?.python.catch(() => {})); // its failure is handled in loadPyodide

// A restored Python (a promise), or null: the stored snapshot, or one made now by a worker of its own when an
// earlier page left before it could make it.
const restored = async (options) => {
  const restoring = await early;
  if (restoring) return restoring.python;
  const found = await lookUp();
  const state = stateOf(found);
  if (state === "ready") return restore(checkedBytes(found)); // made by another page since this one started
  if (state === "started" && !(await beingMade())) {
    const wheel = options.packages?.find((name) => name.endsWith(".whl"));
    const made = wheel ? await runMaker(wheel) : { state: "failed" };
    mark("snapshot made");
    if (made.snapshot) return restore(made.snapshot);
  }
  if (!state) await noteDue();
  return null;
};

// A wheel's files, into site-packages (where Pyodide's loadPackage puts them; unpackArchive's own default is
// the working directory).
const install = (pyodide, wheel) => pyodide.unpackArchive(wheel, "wheel", {
  extractDir: pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')"),
});

// PyScript's call: {stdout, stderr, indexURL, packages} (our wheel and the page's Pyodide packages).
export async function loadPyodide(options) {
  mark("loadPyodide called");
  Object.assign(output, { stdout: options.stdout, stderr: options.stderr });
  const { packages = [] } = options;
  // Files are not in a snapshot: our wheel (its modules are imported in the snapshot already) goes back on the
  // disk, fetched while the memory is restored; Pyodide's own packages a page names load as usual.
  const wheels = packages.filter((name) => name.endsWith(".whl"));
  try {
    const restoring = await restored(options);
    if (restoring) {
      const archives = wheels.map((url) => fetch(url).then((response) => response.arrayBuffer()));
      const pyodide = await restoring;
      for (const archive of archives) install(pyodide, await archive);
      const named = packages.filter((name) => !wheels.includes(name));
      if (named.length) await pyodide.loadPackage(named, { messageCallback: () => {} });
      mark("packages loaded");
      return pyodide;
    }
  } catch (error) {
    console.warn("Python's snapshot did not restore, so it starts the plain way:", error);
    await openCache().then((cache) => cache.delete(KEY)).catch(() => {});
  }
  const pyodide = await startPyodide(options);
  mark("started");
  return pyodide;
}

// Start the worker that makes this runtime's snapshot and keeps it. `wheel` is the URL of our wheel. Resolves with
// {state: "ready", snapshot} or {state: "failed"} when it is done.
const runMaker = (wheel) => new Promise((resolve) => {
  const worker = new Worker(import.meta.url, { type: "module", name: MAKER });
  const done = (result) => (worker.terminate(), resolve(result));
  worker.onmessage = ({ data }) => done(data);
  worker.onerror = () => done({ state: "failed" });
  worker.postMessage(wheel);
});

// Page side, once its Python is ready: make the snapshot in the background. Resolves with "ready" or "failed".
export const makeSnapshotInBackground = async (wheel) => (await runMaker(wheel)).state;

const holding = (name, task) => (navigator.locks ? navigator.locks.request(name, task) : task());

const makeSnapshot = (wheel) => holding(MAKING, async () => {
  const cache = await openCache();
  try {
    const pyodide = await startPyodide({ indexURL, _makeSnapshot: true });
    install(pyodide, await (await fetch(wheel)).arrayBuffer());
    pyodide.runPython(IMPORTED);
    const snapshot = pyodide.makeMemorySnapshot();
    await forgetOtherRuntimes(cache);
    const headers = { "content-type": TYPES.ready, "x-snapshot-bytes": String(snapshot.length) };
    await cache.put(KEY, new Response(snapshot, { headers }));
    return { state: "ready", snapshot };
  } catch (error) {
    console.warn("Python's snapshot could not be made: pages start Python the plain way.", error);
    await cache.put(KEY, new Response(String(error), { headers: { "content-type": TYPES.failed } }));
    return { state: "failed" };
  }
});

const forgetOtherRuntimes = async (cache) => {
  for (const request of await cache.keys()) {
    if (request.url !== KEY) await cache.delete(request);
  }
};

if (inPythonWorker) mark("worker created", performance.timeOrigin);
if (typeof WorkerGlobalScope !== "undefined" && self.name === MAKER) {
  self.onmessage = async ({ data: wheel }) => self.postMessage(await makeSnapshot(wheel));
}
