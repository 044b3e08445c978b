// The moons playground's page side: its settings (checked here, kept in the URL), its buttons, and the pictures.
// Training is the reader's code in the page's editor, run through editors.js's page API: Train, Step, the
// editor's ▶ and Ctrl+Enter all run that code, which asks this page for its settings (window.mglMoons.settings)
// and reports every step (begin, step, end): see site_src/py/moons_live.py.
import { callPython, runEditor, whenPythonReady } from "./editors.js";
import { labelOf, showValidity, trackRuns } from "./playground_runs.js";
import { drawBoundary, drawCurves, drawNeuron, planeAt, theme, unpack, unpackMaps } from "./moons_plots.js";

// The page's elements, looked up once: a module of a page left behind (instant navigation) may still hear from
// Python or from the palette switch, and must not touch the next page's document.
const elements = new Map([...document.querySelectorAll("[id^='moons-']")].map((e) => [e.id, e]));
const $ = (id) => elements.get(`moons-${id}`);
const form = $("controls");
const editor = $("training");
const settingsFields = (form) => [...form.elements].filter((field) => field.id && field.name);
const fields = settingsFields(form);
const defaults = new Map(fields.map((field) => [field, field.type === "checkbox" ? field.checked : field.value]));
// Settings a paused run may change and still go on; any other change starts the next run over.
const TUNABLE = new Set(["lr", "schedule", "steps", "l2", "batch"]);
const MAX_LAYERS = 4, MAX_WIDTH = 32;

// --- Settings -----------------------------------------------------------------------------------------------
const valueOf = (field) => (field.type === "checkbox" ? field.checked : field.value);
const setValue = (field, value) => (field.type === "checkbox" ? (field.checked = value) : (field.value = value));
let added = []; // points the reader put on the plot: [x, y, label]

// The browser's own checks (min, max, step, required, pattern), plus what it cannot say: the hidden layers'
// sizes, a batch no larger than the data, and a value from the link the field could not take (a data set that
// is not in the list, say). Each problem is shown next to its field.
const check = (field) => {
  field.setCustomValidity(field.dataset.rejected === undefined ? "" : `"${field.dataset.rejected}" (from the link) is not one of the choices.`);
  if (field.name === "hidden" && field.validity.valid) {
    const sizes = field.value.split(",").map(Number);
    if (sizes.length > MAX_LAYERS || sizes.some((n) => n < 1 || n > MAX_WIDTH)) {
      field.setCustomValidity(`Up to ${MAX_LAYERS} layers of 1 to ${MAX_WIDTH} neurons, like 16, 16.`);
    }
  }
  if (field.name === "batch" && field.validity.valid && field.value !== "" && +field.value > +$("points").value) {
    field.setCustomValidity("No more than the number of points.");
  }
  if (field.name === "hidden" && field.validity.patternMismatch) {
    field.setCustomValidity("Sizes separated by commas, like 16, 16.");
  }
  return showValidity(field, (f) => $(`${f.name}-error`));
};
// What is wrong with the settings, for the status line, naming the first wrong field: "" when nothing is.
const problem = () => {
  const wrong = fields.filter((field) => !check(field));
  if (!wrong.length) return addedProblem;
  const more = wrong.length > 1 ? ` (and ${wrong.length - 1} more)` : "";
  return `${labelOf(wrong[0])} is not valid: ${wrong[0].validationMessage}${more}`;
};

const number = (name) => +$(name).value + 0; // + 0 turns -0 into 0
// The settings that make the data (moons_live.make_data and split): a change of one of them is new data.
const DATA = new Set(["dataset", "points", "noise", "seed", "test"]);
const dataSettings = () => ({
  dataset: $("dataset").value, points: number("points"), noise: number("noise"), seed: number("seed"),
  test_fraction: number("test") / 100, added,
});
const modelKey = () => JSON.stringify([...fields.filter((f) => !TUNABLE.has(f.name)).map(valueOf), added]);

// The settings the reader's code gets (moons_live.Run.settings), or {error} after clearing the views and saying
// what is wrong.
let stepOnce = false; // Step: the next run trains one step
const settings = () => {
  running(true);
  runs.discarding = false;
  const error = showProblem();
  if (error) {
    clearViews();
    return JSON.stringify({ error });
  }
  const batch = $("batch").value;
  const result = {
    ...dataSettings(),
    hidden: $("hidden").value.split(",").map(Number), activation: $("activation").value, fast: $("fast").checked,
    loss: $("objective").value, l2: number("l2"), learning_rate: number("lr"), schedule: $("schedule").checked,
    steps: number("steps"), batch_size: batch === "" ? null : number("batch"),
    resume: runs.paused, step_once: stepOnce, model_key: modelKey(),
  };
  stepOnce = false;
  return JSON.stringify(result);
};

// The URL holds every setting that is not the default, so a link reproduces a run.
const saveToURL = () => {
  const query = new URLSearchParams();
  for (const [field, value] of defaults) if (valueOf(field) !== value) query.set(field.name, valueOf(field));
  if (added.length) query.set("added", added.map((p) => p.join(":")).join(";"));
  history.replaceState(null, "", `${location.pathname}${query.size ? `?${query}` : ""}${location.hash}`);
};
// The fields the link sets; a value a field cannot take is kept for check() to name.
const fieldsFromURL = (formFields, query) => {
  for (const field of formFields) {
    if (!query.has(field.name)) continue;
    const value = query.get(field.name);
    setValue(field, field.type === "checkbox" ? value === "true" : value);
    const taken = field.type === "checkbox" ? ["true", "false"].includes(value) : field.value === value;
    if (!taken) field.dataset.rejected = value; // check() says so
  }
};
const loadFromURL = () => {
  const query = new URLSearchParams(location.search);
  fieldsFromURL(fields, query);
  const given = (query.get("added") ?? "").split(";").filter(Boolean);
  const wrong = given.filter((point) => !validPoint(point));
  added = given.filter(validPoint).map((point) => point.split(":").map(Number));
  addedProblem = wrong.length ? `added points are not valid: "${wrong[0]}" (from the link) is not x:y:label with ` +
    `x and y between -${ADDED_RANGE} and ${ADDED_RANGE} and a label of 0 or 1` +
    `${wrong.length > 1 ? ` (and ${wrong.length - 1} more)` : ""}. Defaults clears them.` : "";
};
// A point the reader added, as a link carries it ("x:y:label"): checked like the other fields, so a link with
// NaN, a far-off point or a class the data sets do not have is refused in words instead of trained on.
const ADDED_RANGE = 10; // every data set lies within about ±3
const validPoint = (text) => {
  const parts = text.split(":");
  if (parts.length !== 3 || parts.some((part) => part.trim() === "")) return false;
  const [x, y, label] = parts.map(Number);
  return [x, y].every((v) => Number.isFinite(v) && Math.abs(v) <= ADDED_RANGE) && (label === 0 || label === 1);
};
let addedProblem = ""; // what is wrong with the link's added points

// --- The views ----------------------------------------------------------------------------------------------
// What a run shows: its data and extent (layout, from its begin), its last step (last: the boundary's scores and
// the neuron maps), its curves (curveData). Before any run, or after Reset, the data alone (preview).
const COUNTERS = ["step", "loss", "accuracy", "test-loss", "test-accuracy"];
const emptyCurves = (steps) => ({ steps, loss: [], trainLoss: [], testLoss: [], trainAccuracy: [], testAccuracy: [] });
const sizesOf = (last, layout) => last.neurons.map((layer) => atob(layer).length / layout.neuronGrid ** 2);
// The pictures of `shown` (see keep()) on the canvases of the page whose elements `get(name)` finds.
const drawViews = (get, { layout, preview, pending, last, curveData, steps, cursor = null }, colours = theme()) => {
  const points = layout ? { ...layout, train: [...layout.train, ...pending] } : preview;
  drawBoundary(get("boundary"), points, last && unpack(last.boundary), colours, cursor);
  drawCurves(get("curves"), curveData ?? emptyCurves(steps), colours);
  get("placeholder").hidden = Boolean(points);
  if (!last) return;
  const canvases = get("neurons").querySelectorAll("canvas");
  last.neurons.flatMap((layer) => unpackMaps(layer, layout.neuronGrid))
    .forEach((values, i) => drawNeuron(canvases[i], layout.neuronGrid, values, colours));
};
// Everything of `shown` on the page: the counters, the status, the plots' names, the neuron maps, the pictures.
const showAll = (get, shown) => {
  COUNTERS.forEach((name, i) => (get(name).textContent = shown.counters[i]));
  ["curves", "boundary"].forEach((name, i) => get(name).setAttribute("aria-label", shown.labels[i]));
  get("status").textContent = shown.status;
  buildNeuronMaps(get("neurons"), shown.last ? sizesOf(shown.last, shown.layout) : []);
  drawViews(get, shown);
};
const buildNeuronMaps = (neurons, sizes) => {
  neurons.replaceChildren(...sizes.map((size, l) => {
    const column = document.createElement("figure");
    const caption = document.createElement("figcaption");
    caption.textContent = `layer ${l + 1}`;
    column.append(caption, ...Array.from({ length: size }, (_, i) => {
      const map = document.createElement("canvas");
      map.title = `layer ${l + 1}, neuron ${i + 1}: its output over the plane`;
      map.setAttribute("role", "img"); // a picture with a name, for screen readers as for the mouse's tooltip
      map.setAttribute("aria-label", map.title);
      return map;
    }));
    return column;
  }));
};
// Back (or a link) to this page: Material puts the page's fresh HTML in place (counters "–", no pictures, the
// form's defaults) and emits document$, and this visit's moons.js arrives a few hundred milliseconds later. So the
// module of the page's first visit in this document puts back what the reader left at that moment, before the
// page is painted; this visit's module then takes over the same state (loadFromURL(), restore()).
if (!globalThis.mglMoonsEarly) {
  globalThis.mglMoonsEarly = true;
  self.document$?.subscribe(() => {
    const shown = globalThis.mglMoonsShown, controls = document.getElementById("moons-controls");
    if (!shown || !controls) return;
    fieldsFromURL(settingsFields(controls), new URLSearchParams(location.search));
    showAll((id) => document.getElementById(`moons-${id}`), shown);
  });
}

const counters = COUNTERS.map($);
const boundary = $("boundary"), curves = $("curves"), neurons = $("neurons"), placeholder = $("placeholder");
let layout = null, last = null, curveData = null;
let pending = []; // points added since the last run began: shown at once, learnt by the next run
let preview = null; // the data the settings make (moons_live.preview), drawn while no run is shown
let previewing = null; // the data settings it was asked for (JSON), null while they are not valid

let showingProblem = false; // the status says what is wrong with the settings
const status = (text) => { $("status").textContent = text; showingProblem = false; };
// Says what is wrong with the settings, or takes back what it said once they are right; returns the problem.
const showProblem = () => {
  const text = problem();
  if (text || showingProblem) status(text);
  showingProblem = Boolean(text);
  return text;
};
const CURVES_LABEL = curves.getAttribute("aria-label"), BOUNDARY_LABEL = boundary.getAttribute("aria-label");
const clearViews = () => {
  for (const counter of counters) counter.textContent = "–";
  curves.setAttribute("aria-label", CURVES_LABEL);
  boundary.setAttribute("aria-label", BOUNDARY_LABEL);
  layout = last = curveData = blownUp = null;
  neurons.replaceChildren();
  draw();
};
// What the views show, kept for the next visit of the page in this tab (Back, or a link): the page's Python
// keeps its names, so the pictures come back with them. Only the page on screen keeps it.
const keep = () => {
  if (!boundary.isConnected) return;
  globalThis.mglMoonsShown = { layout, last, curveData, pending, preview, previewing, steps: number("steps") || 100,
    paused: runs.paused, blownUp, status: $("status").textContent, counters: counters.map((c) => c.textContent),
    labels: [curves, boundary].map((c) => c.getAttribute("aria-label")) };
};
const restore = (shown) => {
  ({ layout, last, curveData, pending, preview, previewing, blownUp } = shown);
  runs.paused = shown.paused;
  showAll($, shown);
  showingProblem = false;
  keep();
};
const draw = () => {
  keep();
  drawViews($, { layout, preview, pending, last, curveData, steps: number("steps") || 100, cursor });
};

// The data the settings make, drawn as soon as Python can make it and again whenever those settings change
// (unless a run shows its own); none while they are not valid.
const showData = async () => {
  const valid = !addedProblem && fields.every((field) => !DATA.has(field.name) || field.validity.valid);
  const wanted = valid ? JSON.stringify(dataSettings()) : null;
  if (wanted === previewing) return;
  previewing = wanted;
  const made = wanted && await callPython("moons_live", "preview", wanted).catch(() => null);
  if (previewing !== wanted || !boundary.isConnected) return; // asked again meanwhile, or the page was left
  preview = made ? JSON.parse(made) : null;
  draw();
};

const percent = (accuracy) => `${Math.round(accuracy * 100)}%`;
// A run blows up when its loss grows far above where it started (before it stops being a number at all).
const BLOWN_UP = 10;
let blownUp = null; // what the status says once the loss has blown up
const watchLoss = (k, loss) => {
  const first = curveData.trainLoss.find((v) => v != null);
  if (blownUp || loss == null || first == null || !(loss > BLOWN_UP * Math.max(first, 1))) return;
  blownUp = `The loss blew up: ${loss.toPrecision(3)} at step ${k + 1}, from ${first.toPrecision(3)} at the start. ` +
    "The learning rate is too high for this network: try a smaller one.";
  status(blownUp);
};
const begin = (json) => {
  if (runs.discarding) return;
  layout = JSON.parse(json);
  pending = [];
  if (layout.fresh || !curveData) {
    curveData = { steps: layout.steps, loss: [], trainLoss: [], testLoss: [], trainAccuracy: [], testAccuracy: [] };
  }
  curveData.steps = layout.steps;
  placeholder.hidden = true;
  blownUp = null;
  status("");
};
const step = (json) => {
  if (runs.discarding) return;
  last = JSON.parse(json);
  const { k, loss, train, test } = last;
  for (const [key, value] of [["loss", loss], ["trainLoss", train[0]], ["testLoss", test?.[0]],
    ["trainAccuracy", train[1]], ["testAccuracy", test?.[1]]]) curveData[key][k] = value;
  curveData.loss.length = k + 1;
  watchLoss(k, train[0]);
  counters[0].textContent = `${k + 1} / ${curveData.steps}`;
  counters[1].textContent = loss == null ? "–" : loss.toFixed(4);
  counters[2].textContent = percent(train[1]);
  counters[3].textContent = test?.[0] == null ? "–" : test[0].toFixed(4); // null: not a finite number
  counters[4].textContent = test ? percent(test[1]) : "–";
  // The plots' text alternatives say what they show now, with the counters' numbers.
  const testPart = test ? `; test loss ${counters[3].textContent}, test accuracy ${counters[4].textContent}` : "";
  curves.setAttribute("aria-label", `${CURVES_LABEL}: after step ${counters[0].textContent}, loss ` +
    `${counters[1].textContent}, accuracy ${counters[2].textContent}${testPart}`);
  boundary.setAttribute("aria-label", `${BOUNDARY_LABEL}. After step ${counters[0].textContent} the network ` +
    `classifies ${counters[2].textContent} of the training points correctly${testPart}`);
  const sizes = sizesOf(last, layout);
  if (neurons.querySelectorAll("canvas").length !== sizes.reduce((a, b) => a + b, 0)) buildNeuronMaps(neurons, sizes);
  draw();
};

// --- Running --------------------------------------------------------------------------------------------------
// A run is going on, was paused, or is to be dropped (Reset): runs.busy, runs.paused, runs.discarding.
const runs = trackRuns({
  editor, starts: [$("train"), $("step-once")], pause: $("pause"), reset: $("reset"), clear: () => clearViews(),
  status: (text) => status(text),
  endings: { diverged: "The loss diverged (it is no longer a finite number): try a smaller learning rate." },
});
const running = runs.running;
// A run's end, as playground_runs.js says it, except that a run whose loss blew up (and went on as a number)
// keeps saying so; what the views show is kept for the page's next visit.
const end = (how) => {
  const dropped = runs.discarding;
  runs.end(how);
  if (blownUp && !dropped && how !== "diverged" && how !== "invalid") status(blownUp);
  keep();
};

// Brings the buttons, counters and plots into view together, unless they are already.
const playground = $("playground");
const bringIntoView = () => {
  const top = playground.getBoundingClientRect().top;
  const bottom = curves.closest(".mgl-plots").getBoundingClientRect().bottom;
  const header = document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0;
  if (top >= header && bottom <= innerHeight) return;
  playground.scrollIntoView({ block: "start", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "instant" : "smooth" });
};
const start = (once) => {
  if (problem()) return settings(), running(false); // shows the messages, clears the counters
  bringIntoView();
  stepOnce = once;
  running(true);
  if (!ready) status("Python is starting: training begins as soon as it is ready.");
  runEditor(editor);
};
$("train").addEventListener("click", () => start(false));
$("step-once").addEventListener("click", () => start(true));
$("defaults").addEventListener("click", () => {
  for (const [field, value] of defaults) {
    setValue(field, value);
    delete field.dataset.rejected;
  }
  added = [];
  addedProblem = "";
  showProblem();
  saveToURL();
  runs.paused = false;
  clearViews();
  showData();
});

form.addEventListener("submit", (event) => event.preventDefault());
form.addEventListener("input", (event) => {
  if (!event.target.name) return;
  delete event.target.dataset.rejected; // the reader's own choice now
  if (!TUNABLE.has(event.target.name)) runs.paused = false; // the data or the network changed: start over
  showProblem();
  // A wrong setting clears the last run's views; new data too (as TensorFlow Playground does), unless a run goes on.
  if (!event.target.validity.valid || (DATA.has(event.target.name) && !runs.busy)) clearViews();
  showData();
  saveToURL();
});
const addPoint = ([x, y]) => {
  const point = [+x.toFixed(2), +y.toFixed(2), +form.elements.label.value];
  added.push(point);
  pending.push(point);
  runs.paused = false;
  saveToURL();
  draw();
  showData();
  status(`Added a point: Train to learn it too (${added.length} added).`);
};
const NO_DATA = "Points can be added once the data is drawn: the plot's scale comes from it.";
boundary.addEventListener("click", (event) => {
  const shown = layout ?? preview;
  return shown ? addPoint(planeAt(boundary, shown, event)) : status(NO_DATA);
});
// From the keyboard: Tab to the plot, the arrow keys move a cross over it (a twentieth of the plane a press), and
// Enter or Space adds a point there.
let cursor = null; // [x, y] on the plane while the plot has the keyboard
const MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
boundary.tabIndex = 0;
boundary.addEventListener("keydown", (event) => {
  if (!(event.key in MOVES || event.key === "Enter" || event.key === " ")) return;
  event.preventDefault();
  if (!(layout ?? preview)) return status(NO_DATA);
  const [x0, x1, y0, y1] = (layout ?? preview).extent;
  const within = (v, low, high) => Math.min(high, Math.max(low, v));
  const [dx, dy] = MOVES[event.key] ?? [0, 0];
  cursor = [within((cursor?.[0] ?? (x0 + x1) / 2) + (dx * (x1 - x0)) / 20, x0, x1),
    within((cursor?.[1] ?? (y0 + y1) / 2) + (dy * (y1 - y0)) / 20, y0, y1)];
  if (event.key in MOVES) {
    draw();
    status(`x ${cursor[0].toFixed(2)}, y ${cursor[1].toFixed(2)}: Enter adds a point of the chosen class here.`);
  } else addPoint(cursor);
});
boundary.addEventListener("blur", () => { cursor = null; draw(); });

// Redrawn when the plot's size or the palette changes, as long as this page is shown.
const observers = [new ResizeObserver(() => redraw()), new MutationObserver(() => redraw())];
observers[0].observe(boundary);
observers[1].observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
const redraw = () => (boundary.isConnected ? draw() : observers.forEach((o) => o.disconnect()));

globalThis.mglMoons = { settings, begin, step, end, redraw: draw };
loadFromURL();
running(false);
$("train").setAttribute("aria-busy", "true");
if (!showProblem()) status("Python is starting (a few seconds): Train now and training begins as soon as it is ready.");
if (globalThis.mglMoonsShown) restore(globalThis.mglMoonsShown);
else clearViews();
let ready = false;
whenPythonReady().then(() => {
  ready = true;
  $("train").removeAttribute("aria-busy");
  if (!runs.busy && !showProblem()) status("");
  showData();
}, () => status("Python could not start on this page: the message above the editor says why."));
