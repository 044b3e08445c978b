// Turns each ```python run block (a placeholder holding the code) into a PyScript editor.
// Every editor on a page shares one Python environment, created at page load by a hidden set-up editor
// that carries the config, so the runtime starts while the reader is still reading.

const root = new URL("../../", import.meta.url);
const runtimeURL = (path) => new URL(`runtime/${path}`, root).href;
const wheel = document.querySelector('meta[name="micrograd-wheel"]').content;
const ENV = "page";

const placeholders = [...document.querySelectorAll(".mgl-editor")];

const packages = new Set([runtimeURL(`pyodide/${wheel}`)]);
for (const placeholder of placeholders) {
  for (const name of placeholder.dataset.packages.split(" ")) if (name) packages.add(name);
}

const pyEditor = (code, attributes) => {
  const script = document.createElement("script");
  script.type = "py-editor";
  script.setAttribute("env", ENV);
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  script.textContent = code;
  return script;
};

const setupCode = await fetch(new URL("setup.py", import.meta.url)).then((r) => r.text());
const config = {
  interpreter: runtimeURL("pyodide/pyodide.mjs"),
  packages: [...packages],
  packages_cache: "passthrough", // load wheels straight from our folder, no micropip round trip
};
// PyScript sets an environment up from the first of its editors in document order: the set-up one goes first.
placeholders[0].before(pyEditor(setupCode, { setup: "", config: JSON.stringify(config) }));

const labelOutput = (placeholder) => {
  const observer = new MutationObserver(() => {
    const output = placeholder.querySelector(".py-editor-output");
    if (!output) return;
    output.setAttribute("role", "log");
    output.setAttribute("aria-label", "Output");
    observer.disconnect();
  });
  observer.observe(placeholder, { childList: true, subtree: true });
};

for (const placeholder of placeholders) {
  const code = placeholder.querySelector("code").textContent;
  labelOutput(placeholder);
  placeholder.replaceChildren(pyEditor(code, {}));
}
