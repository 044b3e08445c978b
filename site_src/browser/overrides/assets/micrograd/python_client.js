// The page's Python, as the editors use it: one PyScript PyWorker running worker.py (and the modules next to it),
// started once per visit and restarted when asked or when it stops answering, and the runs sent to it one at a
// time, in the order they were asked for.
//
// A run is a job, made by newJob(); its `state` is the one answer to "is it running?":
//   "queued"  waiting its turn (Stop now ends it: it will not start)
//   "running" its code is in Python (Stop asks it to end, interrupts it, and restarts Python if it must)
//   "ended"   done, however it ended (`failed`, `stopped` say how)
// <html data-mgl-python="starting|ready|failed"> says the same of Python itself (the tests and the browser
// benchmark wait on it; no style uses it).

import { PACKAGES_OF_IMPORT, PACKAGES_OF_SITE_MODULE, STOP, WORKER_MODULES } from "./shared_constants.js";
import { asset, meta, runtimeURL } from "./site_urls.js";

const STOP_CALL_MS = 100; // after Stop, how long the worker has to cancel waiting code before it is interrupted
const STOP_GRACE_MS = 1000; // after Stop, how long the code has to notice the KeyboardInterrupt
const RESTARTED = "Python did not stop when asked, so it was restarted: names defined by earlier runs are gone. " +
  "Run the examples above this one again to get them back.\n";
const STARTING = "Python is starting (a few seconds, the first time on a page): your code runs as soon as it is ready.\n";

let python = null; // a promise of the running worker
let starts = 0; // how many Pythons this page started (the last one is the one in use)
let interrupt = null; // shared with the worker: Stop writes STOP (SIGINT) into it
let page = null; // what worker.py's set_up() knows of the page shown (its path, modules and packages)
let hooks = null; // the editors' show(text, kind, target) and failed(message), given to startPython()
const jobs = new Set(); // the jobs not ended yet
let queue = Promise.resolve();

const pythonState = (state) => { document.documentElement.dataset.mglPython = state; };
const runningJob = () => [...jobs].find((job) => job.state === "running");

// PyScript's configuration: our wheel, and worker.py's modules next to it (the page's packages come with set_up()).
const config = () => ({
  packages: [runtimeURL(`pyodide/${meta("wheel")}`)],
  packages_cache: "passthrough", // load wheels straight from our folder, no micropip round trip
  files: Object.fromEntries(WORKER_MODULES.map((name) => [asset(`${name}.py`), `./${name}.py`])),
});
const setUp = (worker, shown) =>
  worker.sync.set_up(JSON.stringify({
    ...shown, packages_of_import: PACKAGES_OF_IMPORT, packages_of_site_module: PACKAGES_OF_SITE_MODULE,
  }));

// Pyodide starts from a snapshot of an interpreter that already started, once this browser has made one (see
// snapshot.mjs). <html data-mgl-python-from="snapshot|start">; data-mgl-snapshot="making|ready|failed".
const interpreter = runtimeURL("pyodide/snapshot.mjs");
let snapshotAsked = false;
const keepSnapshot = ({ makeSnapshotInBackground }) => {
  snapshotAsked = true;
  (self.requestIdleCallback ?? setTimeout)(() => {
    document.documentElement.dataset.mglSnapshot = "making";
    makeSnapshotInBackground(runtimeURL(`pyodide/${meta("wheel")}`)).then((state) => { document.documentElement.dataset.mglSnapshot = state; });
  });
};

// A page opened just after a site update waits until the new service worker is in control (preflight.js says so
// with html[data-mgl-runtime]), so that Python's worker is answered with the runtime of the page's version.
const runtimeSettled = () => new Promise((resolve) => {
  const html = document.documentElement;
  const check = () => !("mglRuntime" in html.dataset) && (observer.disconnect(), resolve());
  const observer = new MutationObserver(check);
  observer.observe(html, { attributes: true, attributeFilter: ["data-mgl-runtime"] });
  check();
});

const failed = (error) => {
  pythonState("failed");
  hooks.failed(`Python could not start on this page: ${error?.message ?? error}`);
};

/** Starts Python for `page` (see worker.py's set_up()). `show(text, kind, target)` puts what a run prints under
 * the editor whose output has the id `target`; `failed(message)` says that Python could not start. */
export const startPython = (shown, given = hooks) => {
  page = shown;
  hooks = given;
  interrupt = null;
  pythonState("starting");
  const started = starts += 1;
  python = (async () => {
    await runtimeSettled();
    const [{ PyWorker }, snapshot] = await Promise.all([import(runtimeURL("pyscript/core.js")), import(interpreter)]);
    const from = await snapshot.snapshotState();
    document.documentElement.dataset.mglPythonFrom = from === "ready" ? "snapshot" : "start";
    // PyScript 0.6.60's PyWorker does not wait for its own set-up (it awaits a function, not its promise), and a
    // worker started before it lacks the `pyscript` module. The set-up ends by defining <py-script>.
    await customElements.whenDefined("py-script");
    const worker = await PyWorker(asset("worker.py"), { config: config(), version: interpreter });
    worker.addEventListener("message", ({ data }) => {
      if (data instanceof Int32Array) interrupt = data;
      if (data?.mglFatal && started === starts) crashed(data.mglFatal); // crash_guard.py: this Python died
    });
    worker.sync.show = (text, kind, target) => hooks.show(text, kind, target); // a task may print after its run
    worker.sync.ask = (question) => prompt(question); // input(): null when the reader cancels
    worker.sync.stop_requested = () => {
      const job = runningJob();
      return Boolean(job && (job.polls = true) && job.stopped);
    };
    await setUp(worker, page);
    pythonState("ready");
    if (from === "none" && !snapshotAsked) keepSnapshot(snapshot);
    return worker;
  })();
  python.catch(failed);
};

/** A later page of the visit: the Python that runs already learns which page it now serves. */
export const showPage = (shown) => {
  page = shown;
  pythonState("starting");
  python = python.then(async (worker) => {
    await setUp(worker, shown);
    return worker;
  });
  python.then(() => page === shown && pythonState("ready"), failed);
};

/** Whether Python was started on this visit. */
export const pythonStarted = () => python !== null;

/** A promise that resolves once the page's Python can run code (rejects if it could not start). */
export const whenPythonReady = () => python ?? Promise.reject(new Error("this page has no editors, or no Python"));

// Pyodide died (a stack overflow crash_guard.py could not prevent): the run that killed it ends now, saying so,
// and the runs waiting behind it go on in a new Python.
const crashed = (what) => {
  runningJob()?.show(`Python crashed: ${what}; it was restarted, run the editors above again.\n`, "err");
  restartPython();
};

/** A new Python for the page shown; the running job, if any, ends with the old one. */
export const restartPython = () => {
  runningJob()?.kill();
  const old = python;
  startPython(page);
  old.then((worker) => worker.terminate(), () => {});
};

/** A job for `code`, to be shown in the output element with the id `target` (`show(text, kind)` adds to it).
 * `above`: the code of the editors above (JSON, for worker.py's hint); `batch`: an object shared by the jobs
 * of one "Run all above", whose `failed` is set to the first that fails; `name`: the editor's, for messages. */
export const newJob = ({ code, target, above, batch, name, show }) => {
  let kill;
  const killed = new Promise((resolve) => (kill = resolve));
  return { code, target, above, batch, name, show, state: "queued", stopped: false, failed: false, killed, kill };
};

// A run of a batch ("Run all above") does not start once one before it has failed: it says which, and ends.
const skipped = (job) => job.batch?.failed &&
  job.show(`Not run: "${job.batch.failed.name}" above failed first.\n`, "notice");

// Ends with `job.failed` set if the code raised, was stopped, or took Python down.
const execute = async (job) => {
  job.failed = true;
  if (job.stopped || skipped(job)) return;
  let worker;
  const starting = document.documentElement.dataset.mglPython === "starting" && job.show(STARTING, "notice");
  try {
    worker = await python;
    if (starting) starting.remove();
  } catch {
    return job.show("Python could not start on this page (the message above says why).\n", "err");
  }
  if (job.stopped || skipped(job)) return;
  job.state = "running";
  if (interrupt) Atomics.store(interrupt, 0, 0);
  try {
    // worker.py's run() resolves with whether the code ran without an error; a kill resolves with undefined.
    job.failed = !(await Promise.race([worker.sync.run(job.code, job.target, job.above), job.killed]));
  } catch (error) {
    job.show(`Python stopped working (${error?.message ?? error}), so it was restarted: names defined by ` +
      "earlier runs are gone.\n", "notice");
    restartPython();
  } finally {
    job.state = "ended";
    if (job.failed && job.batch) job.batch.failed ??= job;
  }
};

/** Queues `job` after the runs asked for before it; returns a promise of its end. */
export const submit = (job) => {
  document.documentElement.dataset.mglRan = ""; // this page has Python state now (preflight.js keeps it over an update)
  jobs.add(job);
  queue = queue.then(() => execute(job)).finally(() => {
    job.state = "ended";
    jobs.delete(job);
  });
  return queue;
};

// Code that polls `sync.stop_requested()` (the moons page's training loop does, once a step) is given
// STOP_GRACE_MS to end on its own, between two steps, before it gets the KeyboardInterrupt.
/** Stops `job`: a queued one will not start; a running one is interrupted, and Python restarted if it must be. */
export const stop = (job) => {
  job.stopped = true;
  if (job.state === "queued") job.state = "ended"; // it will not start
  if (job.state !== "running") return;
  const interruptNow = () => {
    // Code that waits (await asyncio.sleep) runs no line that could see an interrupt: the worker cancels it, at
    // once. Code that computes (or time.sleep()s) cannot take that call before it ends: it gets the interrupt.
    python.then((worker) => worker.sync.stop()).catch(() => {});
    setTimeout(() => {
      if (job.state !== "running" || !interrupt) return;
      Atomics.store(interrupt, 0, STOP);
      Atomics.notify(interrupt, 0); // wakes a time.sleep() (worker.py's waits on this buffer)
    }, STOP_CALL_MS);
    setTimeout(() => {
      if (job.state !== "running") return;
      job.show(RESTARTED, "notice");
      restartPython();
    }, interrupt ? STOP_GRACE_MS : 0);
  };
  job.polls ? setTimeout(interruptNow, STOP_GRACE_MS) : interruptNow();
};
