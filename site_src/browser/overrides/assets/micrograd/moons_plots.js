// The moons playground's pictures, drawn on canvases by the page: the decision boundary with the points, each
// hidden neuron's map, and the loss and accuracy curves. Crisp at any pixel density (a canvas is sized to its box
// times devicePixelRatio), in the colours of Material's light or dark palette, read when drawing.

export const NEGATIVE = [232, 113, 10]; // class -1 (label 0): orange
export const POSITIVE = [30, 115, 220]; // class +1 (label 1): blue

/** The palette's colours, read once per redraw (reading styles is not free). */
export const theme = () => {
  const style = getComputedStyle(document.body);
  const colour = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  const background = colour("--md-default-bg-color", "#fff");
  return {
    background,
    backgroundRGB: parseColour(background),
    text: colour("--md-default-fg-color", "#000"),
    muted: colour("--md-default-fg-color--light", "#666"),
    grid: colour("--md-default-fg-color--lightest", "#ddd"),
    dark: document.body.dataset.mdColorScheme === "slate",
  };
};

/** Sizes the canvas's bitmap to its box on screen at this pixel density; returns its context, in CSS pixels. */
export const context = (canvas) => {
  const ratio = window.devicePixelRatio || 1;
  const { width, height } = canvas.getBoundingClientRect();
  const w = Math.max(1, Math.round(width * ratio)), h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w || canvas.height !== h) Object.assign(canvas, { width: w, height: h });
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { ctx, width, height };
};

const bytes = (base64) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/** moons_live's packed scores (base64 of float32s). */
export const unpack = (base64) => new Float32Array(bytes(base64).buffer);

/** moons_live's packed neuron maps of one layer (a byte a point, 128 for 0): one array of -1..1 per neuron. */
export const unpackMaps = (base64, size) => {
  const all = bytes(base64), points = size * size, maps = [];
  for (let start = 0; start < all.length; start += points) {
    maps.push(Float32Array.from(all.subarray(start, start + points), (b) => (b - 128) / 127));
  }
  return maps;
};

const probe = document.createElement("canvas").getContext("2d");
const parseColour = (css) => {
  probe.fillStyle = css;
  const hex = probe.fillStyle; // "#rrggbb" for opaque colours
  return hex.startsWith("#") ? [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) : [255, 255, 255];
};

// Values (-inf..inf) as colours: -1 and below fully orange, +1 and above fully blue, 0 the page's background.
const shade = (values, size, scale, background) => {
  const image = new ImageData(size, size);
  for (let i = 0; i < values.length; i++) {
    const v = Math.max(-1, Math.min(1, values[i] / scale));
    const tint = v < 0 ? NEGATIVE : POSITIVE, a = Math.abs(v) * 0.65;
    for (let c = 0; c < 3; c++) image.data[4 * i + c] = background[c] * (1 - a) + tint[c] * a;
    image.data[4 * i + 3] = 255;
  }
  return image;
};

const offscreen = new Map(); // grid size -> a canvas to put the grid's pixels on before scaling them
const paintGrid = (ctx, image, x, y, w, h) => {
  if (!offscreen.has(image.width)) {
    offscreen.set(image.width, Object.assign(document.createElement("canvas"), { width: image.width, height: image.height }));
  }
  const off = offscreen.get(image.width);
  off.getContext("2d").putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, x, y, w, h);
};

/** The decision boundary: the sign of the score over the plane, the points on top (test points hollow), and
 * `cursor`, the keyboard's place on the plane ([x, y]), as a cross. */
export const drawBoundary = (canvas, layout, scores, colours = theme(), cursor = null) => {
  const { ctx, width, height } = context(canvas);
  ctx.fillStyle = colours.background;
  ctx.fillRect(0, 0, width, height);
  if (!layout) return;
  const [x0, x1, y0, y1] = layout.extent;
  if (scores) paintGrid(ctx, shade(scores, layout.grid, 1, colours.backgroundRGB), 0, 0, width, height);
  const px = (x) => ((x - x0) / (x1 - x0)) * width, py = (y) => ((y1 - y) / (y1 - y0)) * height;
  const radius = Math.max(2.5, Math.min(5, width / 70));
  const dot = ([x, y, label], hollow) => {
    ctx.beginPath();
    ctx.arc(px(x), py(y), radius, 0, 2 * Math.PI);
    const rgb = `rgb(${(label ? POSITIVE : NEGATIVE).join(",")})`;
    ctx.lineWidth = hollow ? 2 : 1;
    ctx.strokeStyle = hollow ? rgb : colours.text;
    ctx.fillStyle = hollow ? colours.background : rgb;
    ctx.fill();
    ctx.stroke();
  };
  layout.train.forEach((p) => dot(p, false));
  layout.test.forEach((p) => dot(p, true));
  if (!cursor) return;
  const [cx, cy, arm] = [px(cursor[0]), py(cursor[1]), 3 * radius];
  ctx.beginPath();
  ctx.moveTo(cx - arm, cy), ctx.lineTo(cx + arm, cy), ctx.moveTo(cx, cy - arm), ctx.lineTo(cx, cy + arm);
  ctx.lineWidth = 2;
  ctx.strokeStyle = colours.text;
  ctx.stroke();
};

/** Px per unit of the boundary's canvas: the plane's point under a click. */
export const planeAt = (canvas, layout, event) => {
  const box = canvas.getBoundingClientRect();
  const [x0, x1, y0, y1] = layout.extent;
  return [x0 + ((event.clientX - box.left) / box.width) * (x1 - x0), y1 - ((event.clientY - box.top) / box.height) * (y1 - y0)];
};

/** One hidden neuron's output over the plane, scaled to -1..1. */
export const drawNeuron = (canvas, size, values, colours = theme()) => {
  const { ctx, width, height } = context(canvas);
  paintGrid(ctx, shade(values, size, 1, colours.backgroundRGB), 0, 0, width, height);
};

export const FONT = "12px var(--md-text-font-family, sans-serif)";

// A power of ten as an axis label: 0.01, 1, 1000 as written, smaller and larger ones as 1e-5, 1e7.
const decade = (d) => (Math.abs(d) <= 3 ? `${+(10 ** d).toFixed(Math.max(0, -d))}` : `1e${d}`);

/** Loss (log scale, top) and accuracy (bottom) by step; solid train, dashed test. `history` is
 * {steps, loss: [], trainLoss: [], testLoss: [], trainAccuracy: [], testAccuracy: []}, one entry per step.
 * The loss axis spans the powers of ten around what it draws; a loss of 0 (below any log axis) is drawn on its
 * bottom line and one that is no longer a number is not drawn, each with a note saying so. What was drawn where
 * is left on the canvas as `mglDrawn` ({panel: {left, right, top, bottom}, points: [[x, y], ...]}), in CSS px. */
export const drawCurves = (canvas, history, colours = theme()) => {
  const { ctx, width, height } = context(canvas);
  ctx.fillStyle = colours.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = FONT;
  const left = 44, right = 10, gap = 26, top = 18, bottom = 22;
  const panel = (height - top - gap - bottom) / 2;
  const steps = Math.max(2, history.steps);
  const sx = (k) => left + (k / steps) * (width - left - right);
  const drawn = [...history.trainLoss, ...history.testLoss];
  const positive = drawn.filter((v) => v != null && v > 0 && Number.isFinite(v));
  const low = Math.floor(Math.log10(positive.length ? Math.min(...positive) : 0.1));
  const high = Math.max(low + 1, Math.ceil(Math.log10(positive.length ? Math.max(...positive) : 1)));
  const lossY = (v) => (v > 0 ? top + panel - ((Math.log10(v) - low) / (high - low)) * panel : top + panel);
  const accY = (v) => top + gap + panel + panel - v * panel;
  // axes, ticks and titles; on a tall range, every second (third...) power of ten is labelled
  ctx.strokeStyle = colours.grid;
  ctx.fillStyle = colours.muted;
  ctx.lineWidth = 1;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  const tick = (y, label) => {
    ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(width - right, y); ctx.stroke();
    if (label) ctx.fillText(label, left - 4, y);
  };
  const every = Math.ceil((high - low) / Math.max(1, Math.floor(panel / 16)));
  for (let d = low; d <= high; d++) tick(lossY(10 ** d), (high - d) % every === 0 ? decade(d) : "");
  for (const v of [0, 0.5, 1]) tick(accY(v), `${v * 100}%`);
  ctx.textAlign = "left";
  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = colours.text;
  ctx.fillText("loss (log scale)", left, top - 5);
  ctx.fillText("accuracy", left, top + panel + gap - 5);
  ctx.textAlign = "right";
  ctx.fillStyle = colours.muted;
  ctx.fillText(`step ${history.loss.length} / ${history.steps}`, width - right, height - 5);
  const notes = [];
  if (drawn.some((v) => v === 0)) notes.push("0 is drawn on the bottom line");
  const lost = history.trainLoss.findIndex((v, k) => v == null && k < history.loss.length);
  if (lost >= 0) notes.push(`not a number from step ${lost + 1}: not drawn`);
  ctx.fillText(notes.join(" · "), width - right, top - 5);
  const points = [];
  const line = (values, y, colour, dashed) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.75;
    ctx.setLineDash(dashed ? [5, 4] : []);
    ctx.beginPath();
    let drawing = false;
    values.forEach((v, k) => {
      if (v == null || !Number.isFinite(v) || v < 0) return (drawing = false);
      const point = [sx(k + 1), y(v)];
      drawing ? ctx.lineTo(...point) : ctx.moveTo(...point);
      points.push(point);
      drawing = true;
    });
    ctx.stroke();
    ctx.setLineDash([]);
  };
  const blue = `rgb(${POSITIVE.join(",")})`, orange = `rgb(${NEGATIVE.join(",")})`;
  line(history.trainLoss, lossY, blue, false); // on all the training points, measured as the test loss is
  line(history.testLoss, lossY, orange, true);
  line(history.trainAccuracy, accY, blue, false);
  line(history.testAccuracy, accY, orange, true);
  canvas.mglDrawn = { panel: { left, right: width - right, top, bottom: height - bottom }, points };
};
