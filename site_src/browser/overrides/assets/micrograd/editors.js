// Turns each ```python run block (a placeholder holding the code) into an editor, and runs what readers write.
// PyScript draws the editors (CodeMirror and a ▶ button). The code runs in worker.py: one PyScript PyWorker that
// every editor on the page shares, started at once so Python loads while the reader reads.
// Running is ours rather than PyScript's py-editor's: its Stop terminates a worker that only the first editor
// knows, and here Stop first interrupts (KeyboardInterrupt, the reader's names kept), restarts Python only when
// that does not work, and says so.

import { editorNames, labelEditor } from "./a11y.js";
import { codeMirror, editorView, themeEditor } from "./editor_theme.js";
import "./graphs.js"; // draws what draw_dot() shows
import { editKey, forgetEdit, loadEdit, pagePath, saveEdit, saveOnChange, storageState } from "./edits.js";
import { downloadNotebook } from "./notebook.js";
import { PACKAGES_OF_IMPORT, WORKER_MODULES } from "./shared_constants.js";

const root = new URL("../../", import.meta.url);
// This file's URL carries the build's version of the site's assets (`?v=`): the Python files get it too.
const asset = (name) => new URL(`${name}${new URL(import.meta.url).search}`, import.meta.url).href;
const runtimeURL = (path) => new URL(`runtime/${path}`, root).href;
const meta = (name) => document.querySelector(`meta[name="micrograd-${name}"]`).content;
const STOP_CALL_MS = 100; // after Stop, how long the worker has to cancel waiting code before it is interrupted
const STOP_GRACE_MS = 1000; // after Stop, how long the code has to notice the KeyboardInterrupt
const STOP_ICON = `<svg style="height:24px;width:24px" viewBox="0 0 24 24" aria-hidden="true"><path d="M7 7h10v10H7z" fill="#464646"/></svg>`;
const RESTARTED = "Python did not stop when asked, so it was restarted: names defined by earlier runs are gone. " +
  "Run the examples above this one again to get them back.\n";

// Where preflight.js found that Python cannot run (and said why), the code stays a plain, readable block.
const pythonCanRun = !("mglNoPython" in document.documentElement.dataset);
// The page shown: its editors' placeholders, and what worker.py's set_up() needs to know about it. With Material's
// instant navigation the reader moves between pages without a new document, so both change (see mount()).
let placeholders = [];
let page = null;
// What the editors' code imports, as the build named it on each placeholder: Pyodide packages, the site's modules.
const imported = (kind) => [...new Set(placeholders.flatMap((p) => p.dataset[kind].split(" ").filter(Boolean)))];
const pageOfPlaceholders = () => ({
  path: pagePath(), // each page's editors have a namespace of their own (and their edits, a key of their own)
  modules: Object.fromEntries(imported("modules").map((name) => [name, asset(`${name}.py`)])),
  packages: imported("packages"),
  packages_of_import: PACKAGES_OF_IMPORT, // for the packages a reader's edit imports
});
const config = () => ({ // PyScript's: our wheel, and worker.py's modules next to it (the page's packages: set_up())
  packages: [runtimeURL(`pyodide/${meta("wheel")}`)],
  packages_cache: "passthrough", // load wheels straight from our folder, no micropip round trip
  files: Object.fromEntries(WORKER_MODULES.map((name) => [asset(`${name}.py`), `./${name}.py`])),
});

// A message above every editor, for what stops the page's Python as a whole.
const showProblem = (text) => {
  for (const placeholder of placeholders) {
    const note = document.createElement("p");
    note.className = "mgl-problem admonition warning";
    note.setAttribute("role", "alert");
    note.textContent = text;
    placeholder.prepend(note);
  }
};

// --- The page's Python -------------------------------------------------------------------------------------
let python; // a promise of the running worker
let interrupt = null; // shared with the worker: Stop writes 2 (SIGINT) into it
let current = null; // the run in progress

// <html data-mgl-python="starting|ready|failed">: the state of the page's Python (a Run while it starts says so;
// the browser benchmark waits for "ready").
const pythonState = (state) => { document.documentElement.dataset.mglPython = state; };

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

const startPython = () => {
  interrupt = null;
  pythonState("starting");
  python = (async () => {
    const [{ PyWorker }, snapshot] = await Promise.all([import(runtimeURL("pyscript/core.js")), import(interpreter)]);
    const from = await snapshot.snapshotState();
    document.documentElement.dataset.mglPythonFrom = from === "ready" ? "snapshot" : "start";
    // PyScript 0.6.60's PyWorker does not wait for its own set-up (it awaits a function, not its promise), and a
    // worker started before it lacks the `pyscript` module. The set-up ends by defining <py-script>.
    await customElements.whenDefined("py-script");
    const worker = await PyWorker(asset("worker.py"), { config: config(), version: interpreter });
    worker.addEventListener("message", ({ data }) => {
      if (data instanceof Int32Array) interrupt = data;
    });
    // Under the editor whose run printed it: a task a run started may print after that run has ended.
    worker.sync.show = (text, kind, target) => {
      const editor = editors.find((e) => e?.output.id === target);
      return editor && appendOutput(editor.output, text, kind);
    };
    worker.sync.ask = (question) => prompt(question); // input(): null when the reader cancels
    worker.sync.stop_requested = () => Boolean(current && (current.polls = true) && current.stopped);
    await worker.sync.set_up(JSON.stringify(page));
    pythonState("ready");
    if (from === "none" && !snapshotAsked) keepSnapshot(snapshot);
    return worker;
  })();
  python.catch((error) => {
    pythonState("failed");
    showProblem(`Python could not start on this page: ${error?.message ?? error}`);
  });
};

const restartPython = () => {
  const old = python;
  startPython();
  old.then((worker) => worker.terminate(), () => {});
};

// --- Runs, one at a time, in the order they were asked for --------------------------------------------------
let queue = Promise.resolve();

// An exercise check's verdict line (site_src/pyodide/modules/course.py), styled so that it reads without its emoji.
const VERDICT = /^(✅ Passed|❌ Not yet): .*\n?/gm;

const appendPrinted = (output, text) => {
  let at = 0;
  for (const match of text.matchAll(VERDICT)) {
    output.append(text.slice(at, match.index));
    const span = document.createElement("span");
    span.className = `mgl-verdict mgl-${match[1].startsWith("✅") ? "pass" : "fail"}`;
    span.textContent = match[0];
    output.append(span);
    at = match.index + match[0].length;
  }
  output.append(text.slice(at));
};

// Returns the span an error or notice was put in, so that a passing notice can be taken away again.
const appendOutput = (output, text, kind) => {
  if (kind === "out") return appendPrinted(output, text);
  const span = document.createElement("span");
  span.className = `mgl-${kind}`; // err or notice
  span.textContent = text;
  output.append(span);
  return span;
};

const STARTING = "Python is starting (a few seconds, the first time on a page): your code runs as soon as it is ready.\n";

const setRunning = (editor, running) => {
  editor.button.classList.toggle("running", running);
  editor.button.innerHTML = running ? STOP_ICON : editor.runIcon;
  editor.button.setAttribute("aria-label", running ? `Stop code: ${editor.name}` : `Run code: ${editor.name}`);
};

// A run of a batch ("Run all above") does not start once one before it has failed: it says which, and ends.
const skipped = (job) => job.batch?.failed &&
  job.show(`Not run: "${job.batch.failed.editor.name}" above failed first.\n`, "notice");

// Ends with `job.failed` set if the code raised, was stopped, or took Python down.
const execute = async (job, code) => {
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
  current = job;
  if (interrupt) Atomics.store(interrupt, 0, 0);
  try {
    // worker.py's run() resolves with whether the code ran without an error; a kill resolves with undefined.
    job.failed = !(await Promise.race([worker.sync.run(code, job.editor.output.id, job.above), job.killed]));
  } catch (error) {
    job.show(`Python stopped working (${error?.message ?? error}), so it was restarted: names defined by ` +
      "earlier runs are gone.\n", "notice");
    restartPython();
  } finally {
    current = null;
    if (job.failed && job.batch) job.batch.failed ??= job;
  }
};

// Returns a promise of the run's end. Runs of one `batch` (an object) stop at the first that fails.
const run = (editor, batch) => {
  const code = editor.script.code;
  editor.save(code);
  editor.output.replaceChildren();
  editor.announcer.started();
  setRunning(editor, true);
  let kill;
  const job = {
    editor,
    batch,
    above: JSON.stringify(scripts.slice(0, editor.index).map(codeOf)), // for "run the examples above first"
    stopped: false,
    killed: new Promise((resolve) => (kill = resolve)),
    kill,
    show: (text, kind) => appendOutput(editor.output, text, kind),
  };
  editor.job = job;
  queue = queue.then(() => execute(job, code)).finally(() => {
    if (editor.job === job) {
      setRunning(editor, false);
      editor.announcer.ended(job.stopped);
    }
    editor.script.dispatchEvent(new Event("py-editor:done", { bubbles: true })); // as PyScript's own runs do
  });
  return queue;
};

// Code that polls `sync.stop_requested()` (the moons page's training loop does, once a step) is given
// STOP_GRACE_MS to end on its own, between two steps, before it gets the KeyboardInterrupt.
const stop = (job) => {
  job.stopped = true;
  if (current !== job) return setRunning(job.editor, false); // still waiting its turn: it will not start
  const interruptNow = () => {
    // Code that waits (await asyncio.sleep) runs no line that could see an interrupt: the worker cancels it, at
    // once. Code that computes (or time.sleep()s) cannot take that call before it ends: it gets the interrupt.
    python.then((worker) => worker.sync.stop()).catch(() => {});
    setTimeout(() => {
      if (current !== job || !interrupt) return;
      Atomics.store(interrupt, 0, 2);
      Atomics.notify(interrupt, 0); // wakes a time.sleep() (worker.py's waits on this buffer)
    }, STOP_CALL_MS);
    setTimeout(() => {
      if (current !== job) return;
      job.show(RESTARTED, "notice");
      restartPython();
      job.kill();
    }, interrupt ? STOP_GRACE_MS : 0);
  };
  job.polls ? setTimeout(interruptNow, STOP_GRACE_MS) : interruptNow();
};

// --- Editors ----------------------------------------------------------------------------------------------
const pyEditor = (code) => {
  const script = document.createElement("script");
  script.type = "py-editor";
  script.textContent = code;
  return script;
};

const NOT_SAVED = "Not saved: this browser's storage for the site is full, so this change will not survive a " +
  "reload (an edit saved before is kept). Copy keeps it; Reset all on the home page makes room.";

// The bar above each editor: Reset (to the page's code), Copy, and a note: the reader's saved edit (and whether
// the page's code has changed since), or storage trouble. Returns the bar and `save(code)`, which keeps the code
// and says in the note when the browser would not.
const toolbar = (script, key, original, saved, index, name) => {
  const bar = document.createElement("div");
  bar.className = "mgl-toolbar";
  const note = document.createElement("span");
  note.className = "mgl-note";
  note.setAttribute("role", "status");
  // Named "Reset code", "Copy code": told apart from a page's own Reset (e.g. the moons demo).
  const button = (label, title, onClick, accessible = `${label} code`) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", `${accessible}: ${name}`); // not a page's own Reset (e.g. the moons demo)
    b.addEventListener("click", onClick);
    return b;
  };
  const reset = button("Reset", "Put back this example's original code", () => {
    script.code = original;
    forgetEdit(key);
    note.textContent = "";
  });
  const usual = saved && saved.original !== original // what the note says of an edit while saving works
    ? "Your edited version: this example has changed since you edited it. Reset to see the new one."
    : "Your edited version (Reset brings back the original).";
  const save = (code) => {
    const kept = saveEdit(key, code, original);
    if (storageState === "none") return;
    if (!kept) note.textContent = NOT_SAVED;
    else if (note.textContent === NOT_SAVED) note.textContent = code === original ? "" : usual;
  };
  const copy = button("Copy", "Copy the code", async () => {
    await navigator.clipboard.writeText(script.code);
    note.textContent = "Copied.";
  });
  if (saved) note.textContent = usual;
  else if (storageState === "none") note.textContent = "This browser keeps no storage here: edits will not survive a reload.";
  const above = button("Run all above", "Run the examples above this one, in order (Jupyter's Run all above)",
    async () => {
      note.textContent = "";
      const failed = await runAbove(index);
      if (failed) note.textContent = `Run all above stopped at "${failed.editor.name}": it failed (its output says why).`;
    }, "Run all above");
  const restart = button("Restart", "Restart the page's Python: every name defined so far is forgotten",
    () => restartOnRequest(index), "Restart Python");
  const download = button("Notebook", "Download this page, with your code, as a Jupyter notebook (.ipynb)",
    () => downloadNotebook(scripts.map(codeOf)).catch((error) => { note.textContent = `Not downloaded: ${error.message}.`; }),
    "Download as notebook");
  if (!index) above.hidden = true; // nothing above the first
  bar.append(note, above, restart, download, reset, copy);
  return { bar, save };
};

// Resolves with the element matching `selector` once PyScript has built it inside `container`.
const built = (container, selector) => new Promise((resolve) => {
  const observer = new MutationObserver(() => {
    const found = container.querySelector(selector);
    if (found) observer.disconnect(), resolve(found);
  });
  observer.observe(container, { childList: true, subtree: true });
});

// Once PyScript has drawn an editor: label its output for assistive technology, keep every edit, and take its
// ▶ button and Ctrl/Cmd/Shift+Enter for our Run and Stop. Both are caught on the way down to PyScript's own
// handlers (which would run the code in an environment of their own, and whose keymap loses to CodeMirror's).
// PyScript focuses every editor it draws, which would take the keyboard from wherever the reader is (typing in
// the search box, or in an editor of the page drawn a moment earlier, would land in another example and be saved
// as its edit). That first focus of each editor is sent back at once to where the reader had put it; the reader's
// own (a click, a Tab) is not.
let readersFocus = document.activeElement; // inside an editor too: CodeMirror's element, in its shadow root
let CodeMirrorView = null; // CodeMirror's EditorView, once the first editor is drawn
document.addEventListener("focusin", (event) => {
  if (!event.mglDrawn) readersFocus = event.composedPath()[0];
});
const keepReadersFocus = (placeholder) => {
  const sendBack = (event) => {
    event.mglDrawn = true; // PyScript's focus, not the reader's (see the listener above)
    disarm();
    if (readersFocus?.isConnected && readersFocus !== document.body) {
      // Back in an editor, through CodeMirror, which keeps the reader's selection (a bare focus() would lose it).
      const view = CodeMirrorView?.findFromDOM(readersFocus);
      view ? view.focus() : readersFocus.focus({ preventScroll: true });
    } else {
      const focused = document.activeElement; // the editor's host; CodeMirror's element is in its shadow root
      (focused?.shadowRoot?.activeElement ?? focused)?.blur();
      // After a blur the reader's first Tab would start from this editor (far down the page): start it at the top.
      const start = document.createElement("span");
      start.tabIndex = -1;
      document.body.prepend(start);
      start.focus({ preventScroll: true });
      start.remove();
    }
  };
  const tab = (event) => event.key === "Tab" && disarm();
  const disarm = () => {
    placeholder.removeEventListener("focusin", sendBack);
    placeholder.removeEventListener("pointerdown", disarm, true);
    document.removeEventListener("keydown", tab, true);
  };
  placeholder.addEventListener("focusin", sendBack);
  placeholder.addEventListener("pointerdown", disarm, true);
  document.addEventListener("keydown", tab, true);
};

const drawn = new Map(); // placeholder -> promise of its editor, once PyScript has drawn it

const connect = async (placeholder, script, key, original, save, index, name) => {
  const output = await built(placeholder, ".py-editor-output");
  themeEditor(placeholder);
  const { view: { EditorView }, state: { StateEffect } } = await codeMirror();
  CodeMirrorView = EditorView;
  saveOnChange(editorView(placeholder, { EditorView }),
    { updateListener: EditorView.updateListener, appendConfig: StateEffect.appendConfig }, save);
  const announcer = labelEditor(placeholder, output, name);
  const button = placeholder.querySelector(".py-editor-run-button");
  const editor = {
    script, key, original, name, output, announcer, button, save, runIcon: button.innerHTML, job: null, index,
  };
  editors[index] = editor;
  setRunning(editor, false);
  const toggle = () => (button.classList.contains("running") ? stop(editor.job) : run(editor));
  placeholder.addEventListener("click", (event) => {
    if (!event.target.closest(".py-editor-run-button")) return;
    event.stopPropagation();
    toggle();
  }, { capture: true });
  placeholder.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey || event.shiftKey)) return;
    event.preventDefault();
    event.stopPropagation();
    if (!button.classList.contains("running")) run(editor);
  }, { capture: true });
  placeholder.dataset.mglEditor = "ready"; // drawn and ours: for tests and the benchmark
  return editor;
};

// --- A notebook's conveniences: Run all above, Restart, and the page as a notebook -------------------------
const editors = []; // each editor once PyScript has drawn it, by its place on the page
const scripts = []; // each editor's <script>, in page order
const codeOf = (script) => script.code ?? script.textContent; // PyScript adds `code` when it draws the editor

// Queues the editors above `index` in order, as one batch; resolves with the job that failed, if one did.
const runAbove = async (index) => {
  const batch = { failed: null };
  await Promise.all(editors.slice(0, index).filter(Boolean).map((editor) => run(editor, batch)));
  return batch.failed;
};
const restartOnRequest = (index) => {
  current?.kill(); // a run in progress ends with the Python it ran in
  restartPython();
  const output = editors[index]?.output;
  output?.replaceChildren();
  if (output) appendOutput(output, "Python restarted: names defined by earlier runs are gone.\n", "notice");
};

// --- Pages -----------------------------------------------------------------------------------------------
// Material's instant navigation changes pages without a new document (window.document$ says when), so one Python
// serves every page of a visit: the next page's editors are ready as soon as they are drawn. Each page is mounted
// when it is shown: its editors built, its Python told which page it is (its own namespace, its packages), its own
// scripts started anew. Leaving a page stops its runs.
let mounted = null; // the content element of the page whose editors are built
let mounts = 0;

const mount = () => {
  const content = document.querySelector("[data-md-component=content], .md-content") ?? document.body;
  if (content === mounted) return;
  mounted = content;
  for (const editor of editors) if (editor?.button.classList.contains("running")) stop(editor.job); // the page left
  editors.length = scripts.length = 0;
  drawn.clear();
  placeholders = pythonCanRun ? [...document.querySelectorAll(".mgl-editor")] : [];
  if (!placeholders.length) return;
  page = pageOfPlaceholders();
  const names = editorNames(placeholders);
  placeholders.forEach((placeholder, index) => {
    const original = placeholder.querySelector("code").textContent;
    const key = editKey(index);
    const saved = loadEdit(key);
    const script = pyEditor(saved ? saved.code : original);
    scripts.push(script);
    const { bar, save } = toolbar(script, key, original, saved, index, names[index]);
    keepReadersFocus(placeholder);
    drawn.set(placeholder, connect(placeholder, script, key, original, save, index, names[index]));
    placeholder.replaceChildren(bar, script);
  });
  if (!python) startPython(); // also loads PyScript, which draws the editors placed above (and those of later pages)
  else showPage();
  mounts += 1;
  for (const name of meta("page-scripts").split(" ").filter(Boolean)) {
    const url = new URL(asset(name.split("/").pop()));
    url.searchParams.set("mount", mounts); // a module of its own for each visit of the page
    import(url.href);
  }
};

// A later page: the Python that runs already learns which page it now serves.
const showPage = () => {
  pythonState("starting");
  const shown = page;
  python = python.then(async (worker) => {
    await worker.sync.set_up(JSON.stringify(shown));
    return worker;
  });
  python.then(() => page === shown && pythonState("ready"), (error) => {
    pythonState("failed");
    showProblem(`Python could not start on this page: ${error?.message ?? error}`);
  });
};

mount(); // now, before Material sets up its own components on this page: Python starts the sooner
self.document$?.subscribe(mount); // Material's: each page shown (the first one again, which mount() skips)

// --- The page API: what a page's own script (the moons playground's moons.js) may use ----------------------
// A container is an element holding one editor (its placeholder or an ancestor). Starting and stopping go
// through the same run() and stop() as the editor's own ▶ and ■, so a page's buttons and the editor behave alike.
const editorIn = (container) => drawn.get(container.closest(".mgl-editor") ?? container.querySelector(".mgl-editor"));

/** A promise that resolves once the page's Python can run code (rejects if it could not start). */
export const whenPythonReady = () => python ?? Promise.reject(new Error("this page has no editors, or no Python"));

/** Runs the editor in `container` as its ▶ does (unless it is running); resolves when that run has ended. */
export const runEditor = async (container) => {
  const editor = await editorIn(container);
  return editor.button.classList.contains("running") ? queue : run(editor);
};

/** Stops the editor's run as its ■ does: code polling `sync.stop_requested()` ends between two steps. */
export const stopEditor = async (container) => {
  const editor = await editorIn(container);
  if (editor.job && editor.button.classList.contains("running")) stop(editor.job);
};
