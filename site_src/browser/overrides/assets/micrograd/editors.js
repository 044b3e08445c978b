// Turns each ```python run block (a placeholder holding the code) into an editor, on each page Material shows,
// and runs what readers write. PyScript draws the editors (CodeMirror and a ▶ button); the code runs in the
// page's Python (python_client.js). Running is ours rather than PyScript's py-editor's: its Stop terminates a
// worker that only the first editor knows, and here Stop first interrupts (KeyboardInterrupt, the reader's names
// kept), restarts Python only when that does not work, and says so.
// The page API at the end (runEditor, stopEditor, callPython, whenPythonReady) is what a page's own script may use.

import { editorNames, labelEditor } from "./a11y.js";
import { codeMirror, editorView, themeEditor } from "./editor_theme.js";
import "./graphs.js"; // draws what draw_dot() shows
import "./interact.js"; // draws the controls of interact()
import { editKey, loadEdit, pagePath, saveOnChange } from "./edits.js";
import { newJob, pythonStarted, restartPython, showPage, startPython, stop, submit, whenPythonReady } from "./python_client.js";
import { keepReadersFocus, knowCodeMirror } from "./readers_focus.js";
import { appendOutput } from "./run_output.js";
import { asset, meta } from "./site_urls.js";
import { toolbar } from "./toolbar.js";

export { whenPythonReady };

const STOP_ICON = `<svg style="height:24px;width:24px" viewBox="0 0 24 24" aria-hidden="true"><path d="M7 7h10v10H7z" fill="#464646"/></svg>`;

// Where preflight.js found that Python cannot run (and said why), the code stays a plain, readable block; so it
// does, for a moment, on a page that reloads once the service worker controls it (mglPythonWaits).
const { mglNoPython, mglPythonWaits } = document.documentElement.dataset;
const pythonCanRun = mglNoPython === undefined && mglPythonWaits === undefined;
// The page shown: its editors' placeholders. With Material's instant navigation the reader moves between pages
// without a new document, so they change (see mount()).
let placeholders = [];
const editors = []; // each editor once PyScript has drawn it, by its place on the page
const scripts = []; // each editor's <script>, in page order
const codeOf = (script) => script.code ?? script.textContent; // PyScript adds `code` when it draws the editor
const drawn = new Map(); // placeholder -> promise of its editor, once PyScript has drawn it

// What worker.py's set_up() needs to know of the page: what its editors' code imports, as the build named it on
// each placeholder (Pyodide packages, the site's modules).
const imported = (kind) => [...new Set(placeholders.flatMap((p) => p.dataset[kind].split(" ").filter(Boolean)))];
const pageOfPlaceholders = () => ({
  path: pagePath(), // each page's editors have a namespace of their own (and their edits, a key of their own)
  modules: Object.fromEntries(imported("modules").map((name) => [name, asset(`${name}.py`)])),
  packages: imported("packages"),
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
// Under the editor whose run printed it: a task a run started may print after that run has ended.
const showUnder = (text, kind, target) => {
  const editor = editors.find((e) => e?.output.id === target);
  return editor && appendOutput(editor.output, text, kind);
};

// --- Runs -------------------------------------------------------------------------------------------------
// An editor is busy (its button is ■) from its Run until its job ends, or until Stop ends a job still queued.
const busy = (editor) => editor.job !== null && editor.job.state !== "ended";

const showBusy = (editor) => {
  const running = busy(editor);
  editor.button.classList.toggle("running", running); // PyScript's look of a running editor's button
  editor.button.innerHTML = running ? STOP_ICON : editor.runIcon;
  editor.button.setAttribute("aria-label", running ? `Stop code: ${editor.name}` : `Run code: ${editor.name}`);
};

// Returns a promise of the run's end. Runs of one `batch` (an object) stop at the first that fails.
const run = (editor, batch) => {
  const code = editor.script.code;
  editor.save(code);
  editor.output.replaceChildren();
  editor.announcer.started();
  const job = newJob({
    code,
    target: editor.output.id,
    above: JSON.stringify(scripts.slice(0, editor.index).map(codeOf)), // for "run the examples above first"
    batch,
    name: editor.name,
    show: (text, kind) => appendOutput(editor.output, text, kind),
  });
  editor.job = job;
  showBusy(editor);
  job.done = submit(job).finally(() => {
    if (editor.job === job) {
      showBusy(editor);
      editor.announcer.ended(job.stopped);
    }
    editor.script.dispatchEvent(new Event("py-editor:done", { bubbles: true })); // as PyScript's own runs do
  });
  return job.done;
};

const stopRun = (editor) => {
  stop(editor.job);
  showBusy(editor);
};

// Queues the editors above `index` in order, as one batch; resolves with the job that failed, if one did.
// PyScript draws a long page's editors over a few seconds and its bars come first: an editor above that is not
// drawn yet is waited for, not left out (leaving it out ran the rest without the names it defines).
const runAbove = async (index) => {
  const batch = { failed: null };
  const page = placeholders;
  const above = await Promise.all(page.slice(0, index).map((placeholder) => drawn.get(placeholder)));
  if (placeholders !== page) return null; // the reader left the page meanwhile
  await Promise.all(above.filter(Boolean).map((editor) => run(editor, batch)));
  return batch.failed;
};
const restartOnRequest = (index) => {
  restartPython(); // a run in progress ends with the Python it ran in
  const output = editors[index]?.output;
  output?.replaceChildren();
  if (output) appendOutput(output, "Python restarted: names defined by earlier runs are gone.\n", "notice");
};

// --- Editors ----------------------------------------------------------------------------------------------
const pyEditor = (code) => {
  const script = document.createElement("script");
  script.type = "py-editor";
  script.textContent = code;
  return script;
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
const connect = async (placeholder, script, key, original, save, index, name) => {
  const output = await built(placeholder, ".py-editor-output");
  themeEditor(placeholder);
  const { view: { EditorView }, state: { StateEffect } } = await codeMirror();
  knowCodeMirror(EditorView);
  saveOnChange(editorView(placeholder, { EditorView }),
    { updateListener: EditorView.updateListener, appendConfig: StateEffect.appendConfig }, save);
  const announcer = labelEditor(placeholder, output, name);
  const button = placeholder.querySelector(".py-editor-run-button");
  const editor = {
    script, key, original, name, output, announcer, button, save, runIcon: button.innerHTML, job: null, index,
  };
  editors[index] = editor;
  showBusy(editor);
  const toggle = () => (busy(editor) ? stopRun(editor) : run(editor));
  placeholder.addEventListener("click", (event) => {
    if (!event.target.closest(".py-editor-run-button")) return;
    event.stopPropagation();
    toggle();
  }, { capture: true });
  placeholder.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey || event.shiftKey)) return;
    event.preventDefault();
    event.stopPropagation();
    if (!busy(editor)) run(editor);
  }, { capture: true });
  return editor;
};

// --- Pages -----------------------------------------------------------------------------------------------
// Material's instant navigation changes pages without a new document (window.document$ says when), so one Python
// serves every page of a visit: the next page's editors are ready as soon as they are drawn. Each page is mounted
// when it is shown: its editors built, its Python told which page it is (its own namespace, its packages), its own
// scripts started anew. Leaving a page stops its runs.
let mounted = null; // the content element of the page whose editors are built
let mounts = 0;
// The site's version this document started with: a page of another version (instant navigation after the site
// was updated) is loaded anew instead of mounted, so no page runs new scripts against old ones (asset_urls.py).
const SITE_VERSION = meta("version");

// Says which page is shown once every editor of it is drawn (for tests and the benchmark): on Back, the address
// changes before Material puts the page in, and the page left is still there, its editors drawn, for a moment.
const shown = (content) => {
  if (mounted === content) document.documentElement.dataset.mglShown = pagePath();
};

const mount = () => {
  const content = document.querySelector("[data-md-component=content], .md-content") ?? document.body;
  if (content === mounted) return;
  if (meta("version") !== SITE_VERSION) return location.reload();
  mounted = content;
  delete document.documentElement.dataset.mglShown;
  for (const editor of editors) if (editor && busy(editor)) stopRun(editor); // the page left
  editors.length = scripts.length = 0;
  drawn.clear();
  placeholders = pythonCanRun ? [...document.querySelectorAll(".mgl-editor")] : [];
  if (!placeholders.length) return shown(content);
  const page = pageOfPlaceholders();
  const names = editorNames(placeholders);
  placeholders.forEach((placeholder, index) => {
    const original = placeholder.querySelector("code").textContent;
    const key = editKey(index);
    const saved = loadEdit(key);
    const script = pyEditor(saved ? saved.code : original);
    scripts.push(script);
    const { bar, save, passed } = toolbar({ script, key, original, saved, first: index === 0, name: names[index] }, {
      runAbove: () => runAbove(index), restart: () => restartOnRequest(index), codes: () => scripts.map(codeOf),
    });
    keepReadersFocus(placeholder);
    placeholder.addEventListener("mgl-passed", passed); // from its output (run_output.js)
    drawn.set(placeholder, connect(placeholder, script, key, original, save, index, names[index]));
    placeholder.replaceChildren(bar, script);
  });
  Promise.all(drawn.values()).then(() => shown(content));
  // Starting Python also loads PyScript, which draws the editors placed above (and those of later pages).
  if (!pythonStarted()) startPython(page, { show: showUnder, failed: showProblem });
  else showPage(page);
  mounts += 1;
  for (const name of meta("page-scripts").split(" ").filter(Boolean)) {
    const url = new URL(asset(name.split("/").pop()));
    url.searchParams.set("mount", mounts); // a module of its own for each visit of the page
    import(url.href);
  }
};

mount(); // now, before Material sets up its own components on this page: Python starts the sooner
self.document$?.subscribe(mount); // Material's: each page shown (the first one again, which mount() skips)

// --- The page API: what a page's own script (the moons playground's moons.js) may use ----------------------
// A container is an element holding one editor (its placeholder or an ancestor). Starting and stopping go
// through the same run() and stop() as the editor's own ▶ and ■, so a page's buttons and the editor behave alike.
const editorIn = (container) => drawn.get(container.closest(".mgl-editor") ?? container.querySelector(".mgl-editor"));

/** Runs the editor in `container` as its ▶ does (unless it is running); resolves when that run has ended. */
export const runEditor = async (container) => {
  const editor = await editorIn(container);
  return busy(editor) ? editor.job.done : run(editor);
};

/** Calls `module.function(argument)` in the page's Python, strings in and out (worker.py's page_call): `module` is
 * one of the site's modules the page's editors import. Waits for Python to be ready, and for a run going on. */
export const callPython = async (module, name, argument) => (await whenPythonReady()).sync.page_call(module, name, argument);

/** Stops the editor's run as its ■ does: code polling `sync.stop_requested()` ends between two steps. */
export const stopEditor = async (container) => {
  const editor = await editorIn(container);
  if (busy(editor)) stopRun(editor);
};
