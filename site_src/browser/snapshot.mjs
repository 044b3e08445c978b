// Pyodide started from a memory snapshot. PyScript imports this module where it would import pyodide.mjs
// (editors.js names it as the page's interpreter) and calls its loadPyodide and reads its version.
//
// A plain start runs CPython's own start-up, then PyScript and the editors import some 160 standard modules:
// about 2 s on a 2-core laptop, on every page. Restoring the memory of an interpreter that has done all that
// takes a fraction of it. The snapshot is made in the reader's browser, once, in the background, by a throwaway
// Pyodide in a worker of its own (an interpreter started to make a snapshot cannot serve PyScript afterwards),
// and kept in Cache Storage under this runtime's hash (RUNTIME, written by the build): a page never restores
// the memory of another runtime's interpreter. Pyodide calls snapshots experimental (`_makeSnapshot`,
// `_loadSnapshot`), so a snapshot that fails to restore is dropped and Python starts the plain way.
//
// What a snapshot does not hold: files (Pyodide's file system lives on the JavaScript side), so PyScript still
// installs our wheel on every start, its modules already imported; and anything holding a JavaScript object
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
import ast, asyncio, base64, bisect, bz2, calendar, concurrent.futures, contextvars, copy, csv, datetime, dis
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

// "ready", "failed" (making one failed in this browser for this runtime: not tried again) or "none".
export const snapshotState = async () => {
  try {
    const found = await (await openCache()).match(KEY);
    if (!found) return "none";
    return found.headers.get("content-type") === "text/plain" ? "failed" : "ready";
  } catch {
    return "failed"; // no Cache Storage: nothing to keep a snapshot in
  }
};

// The stored snapshot (a Response, whose bytes are read while Pyodide loads its own script), or null.
const findSnapshot = async () => {
  try {
    const found = await (await openCache()).match(KEY);
    if (found?.headers.get("content-type") === "application/octet-stream") return found;
  } catch {} // no Cache Storage: a plain start
  return null;
};

// PyScript's call: {stdout, stderr, indexURL, packages} (our wheel and the page's Pyodide packages).
export async function loadPyodide(options) {
  const snapshot = await findSnapshot();
  if (snapshot) {
    try {
      const bytes = snapshot.arrayBuffer().then((buffer) => {
        // Pyodide checks a snapshot's header, not its length: a cut one would hang its start.
        if (buffer.byteLength !== Number(snapshot.headers.get("x-snapshot-bytes"))) throw new Error("cut short");
        return buffer;
      });
      const pyodide = await startPyodide({ ...options, _loadSnapshot: bytes });
      pyodide.runPython(AFTER_RESTORE, { globals: pyodide.toPy({}) });
      return pyodide;
    } catch (error) {
      console.warn("Python's snapshot did not restore, so it starts the plain way:", error);
      await openCache().then((cache) => cache.delete(KEY)).catch(() => {});
    }
  }
  return startPyodide(options);
}

// Page side: start the worker that makes this runtime's snapshot. `wheel` is the URL of our wheel. Resolves with
// "ready" or "failed" when it is done.
export const makeSnapshotInBackground = (wheel) => new Promise((resolve) => {
  const worker = new Worker(import.meta.url, { type: "module", name: MAKER });
  const done = (state) => (worker.terminate(), resolve(state));
  worker.onmessage = ({ data }) => done(data);
  worker.onerror = () => done("failed");
  worker.postMessage(wheel);
});

const makeSnapshot = async (wheel) => {
  const cache = await openCache();
  try {
    const pyodide = await startPyodide({ indexURL, _makeSnapshot: true });
    pyodide.unpackArchive(await (await fetch(wheel)).arrayBuffer(), "wheel");
    pyodide.runPython(IMPORTED);
    const snapshot = pyodide.makeMemorySnapshot();
    await forgetOtherRuntimes(cache);
    const headers = { "content-type": "application/octet-stream", "x-snapshot-bytes": String(snapshot.length) };
    await cache.put(KEY, new Response(snapshot, { headers }));
    return "ready";
  } catch (error) {
    console.warn("Python's snapshot could not be made: pages start Python the plain way.", error);
    await cache.put(KEY, new Response(String(error), { headers: { "content-type": "text/plain" } }));
    return "failed";
  }
};

const forgetOtherRuntimes = async (cache) => {
  for (const request of await cache.keys()) {
    if (request.url !== KEY) await cache.delete(request);
  }
};

if (typeof WorkerGlobalScope !== "undefined" && self.name === MAKER) {
  self.onmessage = async ({ data: wheel }) => self.postMessage(await makeSnapshot(wheel));
}
