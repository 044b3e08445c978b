// Turns each ```python run block (a placeholder holding the code) into a PyScript editor.
// Every editor on a page shares one Python environment, created at page load by a hidden set-up editor
// that carries the config, so the runtime starts while the reader is still reading.

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
// PyScript sets an environment up from the first of its editors in document order: the set-up one goes first.
placeholders[0].before(pyEditor(setupCode, { setup: "", config: JSON.stringify(config) }));

// Once PyScript has built an editor: label its output for assistive technology, and before each run tell
// the page's Python where this editor's output is (setup.py displays results there).
const whenBuilt = (placeholder, script) => {
  const observer = new MutationObserver(() => {
    const output = placeholder.querySelector(".py-editor-output");
    if (!output) return;
    observer.disconnect();
    output.setAttribute("role", "log");
    output.setAttribute("aria-label", "Output");
    script.handleEvent = () => {
      globalThis.micrograd_output_id = output.id;
    };
  });
  observer.observe(placeholder, { childList: true, subtree: true });
};

for (const placeholder of placeholders) {
  const script = pyEditor(placeholder.querySelector("code").textContent, {});
  whenBuilt(placeholder, script);
  placeholder.replaceChildren(script);
}
