// The tiny GPT playground's page side (docs/gpt.md): its settings, its buttons, the loss curves and the sampled
// names. Training is the reader's code in the page's editor, run through editors.js's page API (as moons.js
// does): Train and the editor's ▶ run that code, which asks this page for its settings (window.mglGpt.settings)
// and reports every step (begin, step, end): see site_src/pyodide/modules/gpt_live.py.
import { runEditor, whenPythonReady } from "./editors.js";
import { labelOf, showValidity, trackRuns } from "./playground_runs.js";
import { FONT, NEGATIVE, POSITIVE, context, theme } from "./moons_plots.js";

const $ = (id) => document.getElementById(`gpt-${id}`);
const form = $("controls");
const editor = $("training");
const fields = [...form.elements].filter((field) => field.id && field.name);
// Settings a paused run may change and still go on; any other change starts the next run over.
const TUNABLE = new Set(["lr", "steps", "temperature"]);
const SMOOTHING = 50; // the training curve: the mean loss of the last this many names
const UNIFORM = Math.log(27); // the loss of a model that gives every token the same probability

// --- Settings ---------------------------------------------------------------------------------------------------
const problem = () => {
  const wrong = fields.filter((field) => !showValidity(field, (f) => $(`${f.name}-error`)));
  return wrong.length ? `${labelOf(wrong[0])} is not valid: ${wrong[0].validationMessage}` : "";
};
const modelKey = () => JSON.stringify(fields.filter((f) => !TUNABLE.has(f.name))
  .map((f) => (f.type === "checkbox" ? f.checked : f.value)));
const temperature = () => +$("temperature").value;
// A link may set any field: gpt/?steps=20&layers=2 (a value the field cannot take is said as its error).
for (const [name, value] of new URLSearchParams(location.search)) {
  const field = fields.find((f) => f.name === name);
  if (field?.type === "checkbox") field.checked = value === "true";
  else if (field) field.value = value;
}

// The settings the reader's code gets (gpt_live.Run.settings), or {error}.
const settings = () => {
  running(true);
  runs.discarding = false;
  const error = problem();
  if (error) {
    status(error);
    return JSON.stringify({ error });
  }
  return JSON.stringify({
    steps: +$("steps").value, learning_rate: +$("lr").value, layers: +$("layers").value, fast: $("fast").checked,
    seed: +$("seed").value, temperature: temperature(), resume: runs.paused, model_key: modelKey(),
  });
};

// --- The views ----------------------------------------------------------------------------------------------------
const [stepOut, lossOut, valOut] = ["step", "loss", "val"].map($);
const curves = $("curves"), samples = $("samples"), caption = $("samples-caption");
const CURVES_LABEL = curves.getAttribute("aria-label"), CAPTION = caption.textContent;
let history = null; // {steps, loss: [per step], smooth: [per step], val: [[step, loss]...]}
const status = (text) => { $("status").textContent = text; };

const clearViews = () => {
  history = null;
  for (const out of [stepOut, lossOut, valOut]) out.textContent = "–";
  curves.setAttribute("aria-label", CURVES_LABEL);
  samples.replaceChildren();
  caption.textContent = CAPTION;
  draw();
};

/** The losses by step on a linear scale (from a half below the lowest, 2 at most, to 3.5 or the highest):
 * training (smoothed) solid, validation dashed, ln 27 dotted. */
const drawLosses = (canvas, data, colours = theme()) => {
  const { ctx, width, height } = context(canvas);
  ctx.fillStyle = colours.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = FONT;
  const left = 34, right = 10, top = 18, bottom = 22;
  const values = [...data.smooth, ...data.val.map(([, v]) => v)].filter(Number.isFinite);
  const high = Math.max(3.5, Math.ceil(Math.max(0, ...values) * 2) / 2);
  const low = Math.max(0, Math.min(2, Math.floor(Math.min(high, ...values) * 2) / 2 - 0.5));
  const sx = (k) => left + (k / Math.max(1, data.steps)) * (width - left - right);
  const sy = (v) => top + (1 - (v - low) / (high - low)) * (height - top - bottom);
  ctx.strokeStyle = colours.grid;
  ctx.fillStyle = colours.muted;
  ctx.lineWidth = 1;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (let v = low; v <= high; v += high - low > 4 ? 1 : 0.5) {
    ctx.beginPath(); ctx.moveTo(left, sy(v)); ctx.lineTo(width - right, sy(v)); ctx.stroke();
    ctx.fillText(`${v}`, left - 4, sy(v));
  }
  ctx.textAlign = "left";
  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = colours.text;
  ctx.fillText("loss", left, top - 5);
  ctx.textAlign = "right";
  ctx.fillStyle = colours.muted;
  ctx.fillText(`step ${data.loss.length} / ${data.steps}`, width - right, height - 5);
  const line = (points, colour, dash) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.75;
    ctx.setLineDash(dash);
    ctx.beginPath();
    let drawing = false;
    for (const [k, v] of points) {
      if (!Number.isFinite(v)) { drawing = false; continue; }
      drawing ? ctx.lineTo(sx(k), sy(v)) : ctx.moveTo(sx(k), sy(v));
      drawing = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
  };
  line([[0, UNIFORM], [data.steps, UNIFORM]], colours.muted, [2, 3]);
  line(data.smooth.map((v, k) => [k + 1, v]), `rgb(${POSITIVE.join(",")})`, []);
  line(data.val.map(([k, v]) => [k + 1, v]), `rgb(${NEGATIVE.join(",")})`, [5, 4]);
};
const draw = () => drawLosses(curves, history ?? { steps: +$("steps").value || 1000, loss: [], smooth: [], val: [] });

const begin = (json) => {
  if (runs.discarding) return;
  const { fresh, steps } = JSON.parse(json);
  if (fresh || !history) history = { steps, loss: [], smooth: [], val: [] };
  history.steps = steps;
  status("");
};
const step = (json) => {
  if (runs.discarding) return;
  const shown = JSON.parse(json);
  const { k, loss } = shown;
  history.loss[k] = loss ?? NaN;
  history.loss.length = k + 1;
  const recent = history.loss.slice(Math.max(0, k + 1 - SMOOTHING)).filter(Number.isFinite);
  history.smooth[k] = recent.reduce((a, b) => a + b, 0) / recent.length;
  history.smooth.length = k + 1;
  stepOut.textContent = `${k + 1} / ${history.steps}`;
  lossOut.textContent = history.smooth[k].toFixed(3);
  if ("val" in shown) {
    history.val = history.val.filter(([j]) => j < k);
    history.val.push([k, shown.val]);
    valOut.textContent = shown.val.toFixed(3);
    samples.replaceChildren(...shown.samples.map((name) => Object.assign(document.createElement("li"), { textContent: name })));
    caption.textContent = `Names made up after step ${k + 1}, at temperature ${shown.temperature}:`;
  }
  curves.setAttribute("aria-label", `${CURVES_LABEL}: after step ${stepOut.textContent}, training loss ` +
    `${lossOut.textContent}, validation loss ${valOut.textContent}`);
  draw();
};

// --- Running --------------------------------------------------------------------------------------------------
let ready = false;
// A run is going on, was paused, or is to be dropped (Reset): runs.busy, runs.paused, runs.discarding.
const runs = trackRuns({
  editor, starts: [$("train")], pause: $("pause"), reset: $("reset"), clear: () => clearViews(), status: (text) => status(text),
});
const running = runs.running, end = runs.end;

$("train").addEventListener("click", () => {
  const error = problem();
  if (error) return status(error);
  running(true);
  if (!ready) status("Python is starting: training begins as soon as it is ready.");
  runEditor(editor);
});
form.addEventListener("submit", (event) => event.preventDefault());
form.addEventListener("input", (event) => {
  if (!event.target.name) return;
  if (!TUNABLE.has(event.target.name)) runs.paused = false;
  $("temperature-value").textContent = temperature();
  if (!problem()) status("");
  if (event.target.name === "steps" && !history) draw();
});

new ResizeObserver(() => draw()).observe(curves);
new MutationObserver(() => draw()).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

globalThis.mglGpt = { settings, temperature, begin, step, end };
running(false);
$("train").setAttribute("aria-busy", "true");
$("temperature-value").textContent = temperature();
status(problem() || "Python is starting (a few seconds): Train now and training begins as soon as it is ready.");
clearViews();
whenPythonReady().then(() => {
  ready = true;
  $("train").removeAttribute("aria-busy");
  if (!runs.busy) status("");
}, () => status("Python could not start on this page: the message above the editor says why."));
