// Draws the controls of ipywidgets' `interact` (site_src/pyodide/modules/interact.py) and calls the function
// again as the reader moves them. interact.py shows a <div class="mgl-interact" data-controls="[...]"> holding
// the function's first output; here each control becomes a labelled form field above that output (a slider is
// an <input type="range">: arrow keys, Page Up/Down, Home and End move it), and every move asks the page's
// Python for the new output, which replaces the old one. While Python draws, moves are not queued: the latest
// one is sent when it is done, so a dragged slider never falls behind.

import { whenPythonReady } from "./python_client.js";
import { asset } from "./site_urls.js";

document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href: asset("interact.css") }));

const decimals = (step) => (String(step).split(".")[1] ?? "").length;
const shown = (control, value) =>
  control.kind === "slider" && !control.int ? Number(value).toFixed(Math.max(decimals(control.step), 1)) : String(value);

// One form field (with its label) for a control; `read()` gives the value to send.
const field = (control, id) => {
  const row = document.createElement("div");
  row.className = `mgl-control mgl-${control.kind}`;
  const label = Object.assign(document.createElement("label"), { htmlFor: id, textContent: control.name });
  let input;
  if (control.kind === "dropdown") {
    input = document.createElement("select");
    control.labels.forEach((text, index) => input.append(new Option(text, index, false, index === control.value)));
  } else {
    input = document.createElement("input");
    input.type = { slider: "range", checkbox: "checkbox", text: "text" }[control.kind];
    if (control.kind === "slider") Object.assign(input, { min: control.min, max: control.max, step: control.step });
    if (control.kind === "checkbox") input.checked = control.value;
    else input.value = control.value;
  }
  input.id = id;
  input.name = control.name;
  row.append(label, input);
  let read = () => input.value;
  if (control.kind === "checkbox") read = () => input.checked;
  if (control.kind === "dropdown") read = () => Number(input.value);
  if (control.kind === "slider") {
    const readout = Object.assign(document.createElement("output"), { htmlFor: id, textContent: shown(control, control.value) });
    row.append(readout);
    const places = decimals(control.step);
    read = () => Number(Number(input.value).toFixed(places)); // 0.30000000000000004 is sent as 0.3
    input.addEventListener("input", () => {
      readout.textContent = shown(control, read());
      input.setAttribute("aria-valuetext", readout.textContent);
    });
  }
  return { row, input, read };
};

let boxes = 0;

// Builds the controls of one box and sends each move to Python.
const build = (box) => {
  box.dataset.mglReady = "true";
  const controls = JSON.parse(box.dataset.controls);
  const output = box.querySelector(".mgl-interact-output");
  const form = document.createElement("form");
  form.className = "mgl-interact-controls";
  form.setAttribute("aria-label", `Controls: ${controls.map((c) => c.name).join(", ")} (the output below follows them)`);
  form.addEventListener("submit", (event) => event.preventDefault());
  boxes += 1;
  const fields = controls.map((control, i) => field(control, `mgl-control-${boxes}-${i}`));
  form.append(...fields.map((f) => f.row));
  box.prepend(form);

  let drawing = false;
  let again = false;
  box.dataset.mglDraws = "0"; // how many outputs the controls have drawn: tests and the benchmark wait on it
  const redraw = async () => {
    if (drawing) return void (again = true);
    drawing = true;
    try {
      do {
        again = false;
        const values = Object.fromEntries(controls.map((c, i) => [c.name, fields[i].read()]));
        const worker = await whenPythonReady();
        output.innerHTML = await worker.sync.interact_update(box.id, JSON.stringify(values));
        box.dataset.mglDraws = String(Number(box.dataset.mglDraws) + 1);
      } while (again);
    } catch (error) {
      output.textContent = `The output could not be redrawn: ${error?.message ?? error}`;
    } finally {
      drawing = false;
    }
  };
  form.addEventListener("input", redraw); // every kind of field fires it: a slider's move, a box ticked, a choice
};

// Boxes arrive in an editor's output whenever a run shows one.
const buildAll = (root) => root.querySelectorAll?.(".mgl-interact:not([data-mgl-ready])").forEach(build);
new MutationObserver((changes) => {
  for (const change of changes) for (const node of change.addedNodes) {
    if (node.nodeType !== 1) continue;
    if (node.matches(".mgl-interact:not([data-mgl-ready])")) build(node);
    else buildAll(node);
  }
}).observe(document.body, { childList: true, subtree: true });
buildAll(document);
