// Turns each ```python run block (a placeholder holding the code) into a PyScript editor.
// Every editor on a page shares one Python environment. A hidden editor, first on the page, carries its
// config and runs setup.py as soon as it is built, so Python starts while the reader reads. (PyScript's own
// `setup` editor would hold back building the other editors until Python is up.)

import { editKey, forgetAllEdits, forgetEdit, loadEdit, saveEdit, storageAvailable } from "./edits.js";

const root = new URL("../../", import.meta.url);
const runtimeURL = (path) => new URL(`runtime/${path}`, root).href;
const wheel = document.querySelector('meta[name="micrograd-wheel"]').content;
const ENV = "page";

const placeholders = [...document.querySelectorAll(".mgl-editor")];

const pyodidePackages = new Set(placeholders.flatMap((p) => p.dataset.packages.split(" ").filter(Boolean)));
const packages = [runtimeURL(`pyodide/${wheel}`), ...pyodidePackages];

const pyEditor = (code, attributes) => {
  const script = document.createElement("script");
  script.type = "py-editor";
  script.setAttribute("env", ENV);
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  script.textContent = code;
  return script;
};

const siteModules = Object.fromEntries(
  document.querySelector('meta[name="micrograd-modules"]').content.split(" ").filter(Boolean)
    .map((name) => [name, new URL(`${name}.py`, import.meta.url).href]),
);
const drawsGraphs = placeholders.some((p) => p.textContent.includes("draw_dot"));
const setupCode = [
  `SITE_MODULES = ${JSON.stringify(siteModules)}`,
  `VIZ_URL = ${drawsGraphs ? JSON.stringify(runtimeURL("viz/viz.js")) : "None"}`,
  `PACKAGES = ${JSON.stringify([...pyodidePackages])}`,
  await fetch(new URL("setup.py", import.meta.url)).then((r) => r.text()),
].join("\n");
const config = {
  interpreter: runtimeURL("pyodide/pyodide.mjs"),
  packages,
  packages_cache: "passthrough", // load wheels straight from our folder, no micropip round trip
};

// The bar above each editor: Reset (to the page's code), Copy, and a note when the reader's saved edit
// started from code the page has since changed.
const toolbar = (script, key, original, saved) => {
  const bar = document.createElement("div");
  bar.className = "mgl-toolbar";
  const note = document.createElement("span");
  note.className = "mgl-note";
  note.setAttribute("role", "status");
  const button = (label, title, onClick) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", `${label} code`); // tell it apart from a page's own Reset (e.g. the moons demo)
    b.addEventListener("click", onClick);
    return b;
  };
  const reset = button("Reset", "Put back this example's original code", () => {
    script.code = original;
    forgetEdit(key);
    note.textContent = "";
  });
  const copy = button("Copy", "Copy the code", async () => {
    await navigator.clipboard.writeText(script.code);
    note.textContent = "Copied.";
  });
  if (saved) {
    note.textContent = saved.original === original
      ? "Your edited version (Reset brings back the original)."
      : "Your edited version: this example has changed since you edited it. Reset to see the new one.";
  } else if (!storageAvailable) {
    note.textContent = "This browser keeps no storage here: edits will not survive a reload.";
  }
  bar.append(note, reset, copy);
  return bar;
};

// CodeMirror lives in a shadow root that resets inherited styles; Material's colour variables still reach it.
const EDITOR_THEME = `
  .cm-editor { background: var(--md-code-bg-color); color: var(--md-code-fg-color); font-size: 0.85em; }
  .cm-gutters { background: var(--md-code-bg-color); color: var(--md-default-fg-color--light); border: none; }
  .cm-activeLine, .cm-activeLineGutter { background: var(--md-default-fg-color--lightest); }
  .cm-cursor { border-left-color: var(--md-code-fg-color); }
  .cm-content { font-family: var(--md-code-font-family); }
`;
const themeEditor = (placeholder) => {
  const shadow = placeholder.querySelector(".py-editor-input > div")?.shadowRoot;
  if (!shadow) return;
  const style = document.createElement("style");
  style.textContent = EDITOR_THEME;
  shadow.append(style);
};

// Resolves with the element matching `selector` once PyScript has built it inside `container`.
const built = (container, selector) => new Promise((resolve) => {
  const observer = new MutationObserver(() => {
    const found = container.querySelector(selector);
    if (found) observer.disconnect(), resolve(found);
  });
  observer.observe(container, { childList: true, subtree: true });
});

const starter = document.createElement("div");
starter.hidden = true;
starter.append(pyEditor(setupCode, { config: JSON.stringify(config) }));
document.body.prepend(starter); // first in document order: PyScript takes the config from the first editor
const pythonStarted = built(starter, ".py-editor-run-button").then((button) => button.click());

// Once PyScript has built an editor: label its output for assistive technology, before each run tell the
// page's Python where this editor's output is (setup.py displays results there), and keep every edit.
const whenBuilt = (placeholder, script, key, original) =>
  built(placeholder, ".py-editor-output").then((output) => {
    themeEditor(placeholder);
    output.setAttribute("role", "log");
    output.setAttribute("aria-label", "Output");
    script.handleEvent = async () => {
      await pythonStarted; // the set-up run goes first
      saveEdit(key, script.code, original);
      globalThis.micrograd_output_id = output.id;
    };
    placeholder.addEventListener("input", () => saveEdit(key, script.code, original));
    // PyScript 0.6.60 lists Ctrl/Cmd/Shift+Enter after CodeMirror's own keys, which take them (new lines), so
    // catch them first, on the way down to the editor.
    const run = placeholder.querySelector(".py-editor-run-button");
    placeholder.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey || event.shiftKey)) return;
      event.preventDefault();
      event.stopPropagation();
      if (!run.classList.contains("running")) run.click();
    }, { capture: true });
  });

placeholders.forEach((placeholder, index) => {
  const original = placeholder.querySelector("code").textContent;
  const key = editKey(index);
  const saved = loadEdit(key);
  const script = pyEditor(saved ? saved.code : original, {});
  whenBuilt(placeholder, script, key, original);
  placeholder.replaceChildren(toolbar(script, key, original, saved), script);
});

document.getElementById("mgl-reset-all")?.addEventListener("click", (event) => {
  const count = forgetAllEdits();
  event.currentTarget.nextElementSibling.textContent = `Forgot ${count} edited example${count === 1 ? "" : "s"}; reload a page to see its original code.`;
});
