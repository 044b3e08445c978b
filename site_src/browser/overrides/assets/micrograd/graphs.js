// Draws the graphs that draw_dot() shows. micrograd/graph.py hands each one over as a <div class="mgl-graph">
// holding JSON: the DOT source, every node's numbers and, with draw_dot(root, steps=True), the forward and
// backward passes as lists of changes. Here the DOT is laid out by Graphviz (graph_layout.js, a worker started
// the first time a graph appears) and drawn fitted to the width of its frame: when a left-to-right layout would
// have to shrink its text below what reads (85 % of the page's code text), it is laid out top to bottom instead.
// The reader zooms (buttons, + and − keys, Ctrl+wheel, two fingers) and pans (scrolling, dragging, Shift+arrows),
// each node explains itself on click or Enter, and the steps play one node at a time, the frame following the
// node being updated and its operands.

import { asset } from "./site_urls.js";

const GRAPHVIZ_FONT = 14; // Graphviz's default font size, in the SVG's own units
const PLAY_MS = 1200;
const LAYOUT_LIMIT_MS = 60_000; // a graph Graphviz cannot lay out in a minute is not one a reader can read
const CHUNK_MS = 12; // the page adds a big drawing a few dozen nodes at a time, this long at most between frames
const LEGIBLE = 0.85; // the smallest zoom at which a graph is drawn rather than laid out again top to bottom
const RELAYOUT_MAX_VALUES = 200; // a bigger graph is not laid out twice (it is read zoomed in anyway)
const ZOOM_STEP = 1.25;
const ZOOM_MAX = 2;
const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");

document.head.append(Object.assign(document.createElement("link"),
  { rel: "stylesheet", href: asset("graphs.css") })); // versioned: a revisit takes it from the offline copy

// --- Layout, in a worker ---------------------------------------------------------------------------------
let layoutWorker = null;
let nextId = 0;
const waiting = new Map();
const layOut = (source) => {
  if (!layoutWorker) {
    layoutWorker = new Worker(asset("graph_layout.js"), { type: "module" });
    layoutWorker.onmessage = ({ data }) => {
      const { resolve, reject, timer } = waiting.get(data.id);
      clearTimeout(timer);
      waiting.delete(data.id);
      data.error ? reject(new Error(data.error)) : resolve(data);
    };
    layoutWorker.onerror = (event) => stopLayout(event.message || "Graphviz did not load");
  }
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => stopLayout(`Graphviz took more than ${LAYOUT_LIMIT_MS / 1000} s to lay it ` +
      "out; draw a smaller part of it (one neuron's output, say)"), LAYOUT_LIMIT_MS);
    waiting.set(id, { resolve, reject, timer });
    layoutWorker.postMessage({ id, source });
  });
};
// Stops the worker (the next graph starts a new one) and fails every graph it was laying out.
const stopLayout = (why) => {
  layoutWorker?.terminate();
  layoutWorker = null;
  for (const { reject, timer } of waiting.values()) clearTimeout(timer), reject(new Error(why));
  waiting.clear();
};
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

// --- Small DOM helpers ------------------------------------------------------------------------------------
const element = (tag, className, text) => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
};
const button = (label, onClick) => {
  const b = element("button", "mgl-graph-button", label);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
};

// The size of the page's code text, in CSS pixels: a graph's text is drawn at least that big.
const codeTextPx = (graph) => Math.max(...[graph.closest(".mgl-editor")?.querySelector(".cm-content"),
  document.querySelector(".md-typeset code")].filter(Boolean).map((e) => parseFloat(getComputedStyle(e).fontSize)), 12);

// What a graph shows, in words: its root (the last value drawn), how it was computed, with numbers, and its
// size. A screen reader reads it as the graph's name; a run's announcement reads it too (a11y.js).
const describe = (nodes) => {
  const root = nodes.at(-1);
  const operations = nodes.filter((node) => node.op).length;
  return `Computation graph of ${root.formula || `${root.name} = ${root.data}`}: ` +
    `${nodes.length} value${nodes.length === 1 ? "" : "s"}, ${operations} operation${operations === 1 ? "" : "s"}`;
};
let graphs = 0; // for unique ids

// --- One graph ------------------------------------------------------------------------------------------
const draw = async (graph) => {
  graph.dataset.mglGraph = "drawing";
  const data = JSON.parse(graph.querySelector('script[type="application/json"]').textContent);
  graph.dataset.mglAlt = describe(data.nodes); // before the layout: the run may end first
  const unit = (1.05 * codeTextPx(graph)) / GRAPHVIZ_FONT; // CSS px per SVG unit at zoom 1: text as the code's
  const room = graph.clientWidth - 2; // the frame's width inside its border
  const widthOf = (layout) => Number(/viewBox="[\d.-]+ [\d.-]+ ([\d.]+)/.exec(layout.shell)[1]);
  let drawing;
  try {
    drawing = await layOut(data.source);
    const across = /^\tgraph \[rankdir=LR\]$/m;
    if (room / (widthOf(drawing) * unit) < LEGIBLE && across.test(data.source)
        && data.nodes.length <= RELAYOUT_MAX_VALUES) {
      const down = await layOut(data.source.replace(across, "\tgraph [rankdir=TB nodesep=0.1]"));
      if (widthOf(down) < widthOf(drawing)) drawing = down, graph.dataset.mglLayout = "TB";
    }
  } catch (error) {
    graph.dataset.mglGraph = "failed";
    graph.querySelector(".mgl-graph-wait").textContent = `The graph could not be drawn: ${error.message}`;
    return;
  }
  const frame = element("div", "mgl-graph-frame");
  frame.innerHTML = drawing.shell;
  const svg = frame.querySelector("svg");
  const [, , width, height] = svg.getAttribute("viewBox").split(/\s+/).map(Number);
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  frame.setAttribute("role", "group");
  frame.setAttribute("aria-label", graph.dataset.mglAlt);
  frame.tabIndex = -1; // the keyboard's zoom and pan work from the values inside it
  const keys = element("span", "mgl-sr-only",
    "Arrow keys move between values, Enter explains one; + and − zoom, 0 fits, Shift with the arrows pans.");
  keys.id = `mgl-graph-keys-${graphs++}`;
  frame.setAttribute("aria-describedby", keys.id);

  const cue = element("p", "mgl-graph-cue", "↔ Wider than its frame: scroll or drag the graph, or press Fit.");
  const fit = Math.min(1, room / (width * unit));
  const zoomMin = Math.min(fit, 0.5) / 2;
  let zoom = fit;
  let frameWidth = room;
  const zoomText = element("span", "mgl-graph-zoom");
  const showWide = () => graph.classList.toggle("mgl-wide", width * unit * zoom > frameWidth + 1);
  // Zooms to `to`, keeping the point of the frame at (x, y) (its centre by default) where it is.
  const zoomTo = (to, x = frame.clientWidth / 2, y = frame.clientHeight / 2) => {
    to = Math.min(ZOOM_MAX, Math.max(zoomMin, to));
    const ratio = to / zoom;
    zoom = to;
    frame.style.setProperty("--mgl-graph-width", `${width * unit * zoom}px`);
    frame.style.setProperty("--mgl-graph-height", `${height * unit * zoom}px`);
    frame.scrollTo((frame.scrollLeft + x) * ratio - x, (frame.scrollTop + y) * ratio - y);
    zoomText.textContent = `${Math.round(zoom * 100)} %`;
    showWide();
  };
  const zoomOut = button("−", () => zoomTo(zoom / ZOOM_STEP));
  const zoomIn = button("+", () => zoomTo(zoom * ZOOM_STEP));
  const zoomFit = button("Fit", () => zoomTo(fit));
  zoomOut.setAttribute("aria-label", "Zoom out");
  zoomIn.setAttribute("aria-label", "Zoom in");
  zoomFit.setAttribute("aria-label", "Fit the graph to its frame");
  const info = element("p", "mgl-graph-info");
  info.setAttribute("role", "status");
  const bar = element("div", "mgl-graph-bar");
  bar.append(element("span", "mgl-graph-hint", "Click a value (or Tab to the graph, Enter) to see what it is."),
    keys, zoomOut, zoomText, zoomIn, zoomFit);

  const view = nodeView(frame, data.nodes);
  view.reveal = (parts) => reveal(frame, parts, zoom, zoomTo);
  panAndZoom(frame, () => zoom, zoomTo, () => zoomTo(fit));
  view.onExplain = (i) => { info.textContent = explain(data.nodes, view, i); };
  const parts = [bar, frame, cue, info];
  if (data.backward) parts.push(player(data, view));
  graph.replaceChildren(...parts);
  zoomTo(fit);
  // The frame's width, without asking for a layout of the drawing (which is what takes time in a big one).
  new ResizeObserver(([entry]) => { frameWidth = entry.contentRect.width; showWide(); }).observe(frame);

  // Nodes and edges go in a few dozen at a time, a frame apart, each batch in an <svg> of its own laid over the
  // others: parsing and drawing a big graph in one go would freeze the page for seconds, and adding to one <svg>
  // would lay out and paint all of it again every time.
  const layer = svg.cloneNode(true);
  layer.querySelector("g.graph").replaceChildren();
  layer.classList.add("mgl-graph-layer");
  for (let i = 0; i < drawing.groups.length;) {
    const start = performance.now();
    const canvas = frame.appendChild(layer.cloneNode(true)).querySelector("g.graph");
    const range = document.createRange();
    range.selectNodeContents(canvas); // parse as SVG
    while (i < drawing.groups.length && performance.now() - start < CHUNK_MS) {
      const fragment = range.createContextualFragment(drawing.groups.slice(i, i + 20).join(""));
      for (const g of fragment.children) view.add(g);
      canvas.append(fragment);
      i += 20;
    }
    if (i < drawing.groups.length) await nextFrame();
  }
  thickenByGrad(frame, data.nodes);
  graph.dataset.mglGraph = "drawn";
};

// Edges drawn thicker where more gradient flows along them: by the |grad| of the value an edge leaves (into an
// operation) or enters (from its operation), against the largest of the graph. A graph without grads is as drawn.
const thickenByGrad = (frame, nodes) => {
  const grads = nodes.map((node) => Math.abs(Number(node.grad)) || 0);
  const most = Math.max(0, ...grads);
  if (!most) return;
  for (const edge of frame.querySelectorAll("[data-edge]")) {
    const path = edge.querySelector("path");
    const from = /^n(\d+)/.exec(edge.dataset.edge);
    if (path && from) path.style.strokeWidth = String(1 + 3 * (grads[Number(from[1])] ?? 0) / most);
  }
};

// The drawing's nodes, by index (DOT's n0, n1, …): their shown data and grad, highlighting, and keyboard focus.
const nodeView = (frame, nodes) => {
  const byName = new Map(); // DOT name (n0, n0_op, n0->n1_op) → its group
  const texts = nodes.map(() => ({}));
  // The last text that starts so: a record is { label | data … | grad … }, and a label may start with "grad " too.
  const field = (g, prefix) => [...g.querySelectorAll("text")].findLast((t) => t.textContent.startsWith(prefix));
  const view = {
    values: [],
    shown: nodes.map((n) => ({ data: n.data, grad: n.grad })),
    highlighted: [],
    onExplain: null,
  };
  const show = (i, key) => { if (texts[i][key]) texts[i][key].textContent = `${key} ${view.shown[i][key]}`; };
  // A node or edge as it is added to the drawing: shown as the player has it now, and reachable by keyboard.
  view.add = (g) => {
    byName.set(g.dataset.node ?? g.dataset.edge, g);
    const match = /^n(\d+)$/.exec(g.dataset.node);
    if (!match) return;
    const i = Number(match[1]);
    view.values[i] = g;
    texts[i] = { data: field(g, "data "), grad: field(g, "grad ") };
    for (const key of ["data", "grad"]) if (view.shown[i][key] !== nodes[i][key]) show(i, key);
    g.setAttribute("tabindex", i === 0 ? "0" : "-1");
    g.setAttribute("role", "button");
    // Named by what it shows (its label, data and grad), so the name a screen reader reads is the text one sees.
  };
  view.set = (i, key, value) => {
    if (view.shown[i][key] === value) return; // a 500-node Reset touches only what changed
    view.shown[i][key] = value;
    show(i, key);
  };
  view.highlight = (i, children) => {
    for (const [g, name] of view.highlighted) g.classList.remove(name);
    view.highlighted = [];
    const mark = (g, name) => g && (g.classList.add(name), view.highlighted.push([g, name]));
    if (i === null) return;
    mark(view.values[i], "mgl-current");
    mark(byName.get(`n${i}_op`), "mgl-current");
    mark(byName.get(`n${i}_op->n${i}`), "mgl-current");
    for (const c of children) {
      mark(view.values[c], "mgl-child");
      mark(byName.get(`n${c}->n${i}_op`), "mgl-child");
    }
    view.reveal?.([i, ...children].flatMap((k) => [view.values[k], byName.get(`n${k}_op`)]).filter(Boolean));
  };
  // One Tab stop for the whole graph (the first value), arrows to move: a 500-node graph is not 500 Tabs.
  let focused = 0;
  const focus = (i) => {
    view.values[focused]?.setAttribute("tabindex", "-1");
    focused = (i + nodes.length) % nodes.length;
    view.values[focused]?.setAttribute("tabindex", "0");
    view.values[focused]?.focus();
  };
  const indexOf = (target) => { // an operation's node (nK_op) stands for the value it makes
    const match = /^n(\d+)/.exec(target.closest?.("g.node")?.dataset.node);
    return match ? Number(match[1]) : null;
  };
  frame.addEventListener("click", (event) => {
    const i = indexOf(event.target);
    if (i !== null) focus(i), view.onExplain(i);
  });
  frame.addEventListener("keydown", (event) => {
    const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return; // panning, or the browser's
    if (event.key in moves) focus(focused + moves[event.key]);
    else if (event.key === "Home") focus(0);
    else if (event.key === "End") focus(nodes.length - 1);
    else if (event.key === "Enter" || event.key === " ") view.onExplain(focused);
    else return;
    event.preventDefault();
  });
  return view;
};

// Zoom and pan: + and − keys, 0 to fit, Shift+arrows to pan; the mouse drags the drawing and zooms with
// Ctrl+wheel; two fingers zoom (one finger scrolls the frame, as everywhere).
const panAndZoom = (frame, zoom, zoomTo, fitIt) => {
  frame.addEventListener("keydown", (event) => {
    const pans = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.key === "+" || event.key === "=") zoomTo(zoom() * ZOOM_STEP);
    else if (event.key === "-" || event.key === "_") zoomTo(zoom() / ZOOM_STEP);
    else if (event.key === "0") fitIt();
    else if (event.shiftKey && event.key in pans) {
      const [x, y] = pans[event.key];
      frame.scrollBy(x * frame.clientWidth * 0.2, y * frame.clientHeight * 0.2);
    } else return;
    event.preventDefault();
  });
  const at = (event) => { const box = frame.getBoundingClientRect(); return [event.clientX - box.left, event.clientY - box.top]; };
  frame.addEventListener("wheel", (event) => {
    if (!event.ctrlKey) return; // a plain wheel scrolls the frame
    event.preventDefault();
    zoomTo(zoom() * Math.exp(-event.deltaY / 300), ...at(event));
  }, { passive: false });
  const pointers = new Map(); // the fingers or mouse on the frame: where each was last
  let pinch = null;
  const spread = () => { const [a, b] = [...pointers.values()]; return Math.hypot(a[0] - b[0], a[1] - b[1]); };
  frame.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse" && (event.button !== 0 || event.target.closest("g.node"))) return;
    pointers.set(event.pointerId, at(event));
    if (pointers.size === 2) pinch = { spread: spread(), zoom: zoom() };
  });
  frame.addEventListener("pointermove", (event) => {
    const last = pointers.get(event.pointerId);
    if (!last) return;
    const now = at(event);
    pointers.set(event.pointerId, now);
    if (pinch && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      zoomTo(pinch.zoom * spread() / pinch.spread, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
    } else if (event.pointerType === "mouse") {
      frame.classList.add("mgl-dragging");
      frame.scrollBy(last[0] - now[0], last[1] - now[1]);
    }
  });
  const lift = (event) => {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = null;
    if (!pointers.size) frame.classList.remove("mgl-dragging");
  };
  for (const type of ["pointerup", "pointercancel", "pointerleave"]) frame.addEventListener(type, lift);
};

// Brings the player's parts of the drawing (the node being updated and its operands) into the frame's view,
// zooming out first if they do not fit in it; smoothly, unless the reader asked for less motion. A step taken
// while the frame still glides to the last one's parts is judged by where the frame is going, not where it is.
const gliding = new WeakMap(); // frame → [left, top] it is scrolling to
const reveal = (frame, parts, zoom, zoomTo) => {
  if (!parts.length) return;
  const margin = 12;
  const box = () => {
    const f = frame.getBoundingClientRect();
    const rects = parts.map((p) => p.getBoundingClientRect());
    const left = Math.min(...rects.map((r) => r.left)) - f.left + frame.scrollLeft;
    const top = Math.min(...rects.map((r) => r.top)) - f.top + frame.scrollTop;
    return { left, top, width: Math.max(...rects.map((r) => r.right)) - f.left + frame.scrollLeft - left,
      height: Math.max(...rects.map((r) => r.bottom)) - f.top + frame.scrollTop - top };
  };
  let b = box();
  const shrink = Math.min((frame.clientWidth - 2 * margin) / b.width, (frame.clientHeight - 2 * margin) / b.height);
  if (shrink < 1) zoomTo(zoom * shrink), b = box(), gliding.delete(frame);
  const [left, top] = gliding.get(frame) ?? [frame.scrollLeft, frame.scrollTop];
  const inView = b.left >= left && b.left + b.width <= left + frame.clientWidth
    && b.top >= top && b.top + b.height <= top + frame.clientHeight;
  if (inView) return;
  const within = (v, most) => Math.round(Math.min(Math.max(0, v), Math.max(0, most)));
  const to = [within(b.left + b.width / 2 - frame.clientWidth / 2, frame.scrollWidth - frame.clientWidth),
    within(b.top + b.height / 2 - frame.clientHeight / 2, frame.scrollHeight - frame.clientHeight)];
  const smooth = !reducedMotion.matches;
  if (smooth) {
    gliding.set(frame, to);
    frame.addEventListener("scrollend", () => gliding.delete(frame), { once: true });
  }
  frame.scrollTo({ left: to[0], top: to[1], behavior: smooth ? "smooth" : "instant" });
};

// What a node is, in words and numbers, as the drawing shows it now.
const explain = (nodes, view, i) => {
  const node = nodes[i];
  const { data, grad } = view.shown[i];
  const lines = [`${node.name}: data ${data}, grad ${grad}.`];
  if (node.op) {
    lines.push(`Made by ${node.op}: ${node.formula}.`);
    if (node.local) {
      lines.push(`Backward here (${node.rule || node.op}):`);
      for (const [c, local] of node.local) {
        lines.push(`  local derivative d${node.name}/d${nodes[c].name} = ${local}, so ` +
          `${nodes[c].name}.grad += ${local} × ${grad}`);
      }
    }
  } else {
    lines.push("An input (a leaf): not computed from other values, so backward stops here.");
  }
  const users = nodes.flatMap((n, j) => (n.prev.includes(i) ? [n.name] : []));
  lines.push(users.length ? `Used by: ${users.join(", ")}${users.length > 1 ? " (its grad adds up their contributions)" : ""}.`
    : "Used by nothing here: the output, where backward starts.");
  return lines.join("\n");
};

// The forward and backward passes, one node at a time: Step, Back, Play/Pause, Reset.
const player = (data, view) => {
  const box = element("div", "mgl-player");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", "Play the passes one node at a time");
  const passes = { forward: data.forward, backward: data.backward };
  const count = element("span", "mgl-player-count");
  const text = element("p", "mgl-player-text");
  text.setAttribute("role", "status"); // polite: read out after each step
  let pass = "backward";
  let done = 0; // steps of this pass applied
  let timer = null;

  const START = {
    forward: "Forward pass: the inputs are known; Step computes each value from the values it is made of.",
    backward: "Backward pass: every grad starts at 0. Step applies the chain rule at one node at a time, " +
      "from the output back, in the order backward() uses.",
  };
  const change = (step, forwards) => {
    if (pass === "forward") view.set(step.node, "data", forwards ? data.nodes[step.node].data : "?");
    else for (const [i, before, after] of step.grads) view.set(i, "grad", forwards ? after : before);
  };
  const show = () => {
    const steps = passes[pass];
    const last = steps[done - 1];
    view.highlight(last ? last.node : null, last ? last.children : []);
    count.textContent = `Step ${done} of ${steps.length}`;
    text.textContent = last
      ? last.text + (done === steps.length ? `\n${pass === "forward" ? "Every value is computed." : "Done: every grad is what backward() computes."}` : "")
      : START[pass];
    disable(back, done === 0, step);
    disable(step, done === steps.length, back);
    if (done === steps.length) pause();
  };
  // A focused button that gets disabled drops the keyboard to the top of the page: hand it to the other one.
  const disable = (button, off, instead) => {
    const focused = document.activeElement === button;
    button.disabled = off;
    if (off && focused) instead.focus();
  };
  const reset = () => {
    data.nodes.forEach((node, i) => {
      view.set(i, "data", pass === "forward" && node.prev.length ? "?" : node.data);
      view.set(i, "grad", "0.0000");
    });
    done = 0;
    show();
  };
  const forward = () => { if (done < passes[pass].length) change(passes[pass][done++], true), show(); };
  const backward = () => { if (done > 0) change(passes[pass][--done], false), show(); };
  const pause = () => {
    clearInterval(timer);
    timer = null;
    play.textContent = "Play";
  };
  const choose = (name) => () => {
    pause();
    pass = name;
    forwardPass.setAttribute("aria-pressed", String(name === "forward"));
    backwardPass.setAttribute("aria-pressed", String(name === "backward"));
    reset();
  };
  const forwardPass = button("Forward pass", choose("forward"));
  const backwardPass = button("Backward pass", choose("backward"));
  const restart = button("Reset", () => (pause(), reset()));
  restart.setAttribute("aria-label", "Reset the steps");
  const back = button("Back", () => (pause(), backward()));
  const step = button("Step", () => (pause(), forward()));
  const play = button("Play", () => {
    if (timer) return pause();
    if (done === passes[pass].length) reset();
    play.textContent = "Pause";
    forward();
    timer = setInterval(forward, PLAY_MS);
  });
  const buttons = element("div", "mgl-player-buttons");
  buttons.append(forwardPass, backwardPass, restart, back, step, play, count);
  box.append(buttons, text);
  choose("backward")();
  return box;
};

// Graphs appear when a run's output is displayed: draw each new one.
const drawNew = (node) => {
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  if (node.matches(".mgl-graph")) draw(node);
  else for (const graph of node.querySelectorAll(".mgl-graph:not([data-mgl-graph])")) draw(graph);
};
new MutationObserver((records) => {
  for (const record of records) record.addedNodes.forEach(drawNew);
}).observe(document.body, { childList: true, subtree: true });
