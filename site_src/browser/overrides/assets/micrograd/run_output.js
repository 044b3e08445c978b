// What a run shows under its editor: printed text as text (never as HTML), errors and notices in spans of their
// own (`mgl-err`, `mgl-notice`), and an exercise check's verdict line styled so that it reads without its emoji.

import { NOT_YET, PASSED } from "./shared_constants.js";

// A verdict line, as site_src/pyodide/modules/course.py prints it: "✅ Passed: …" or "❌ Not yet: …".
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const VERDICT = new RegExp(`^(${escaped(PASSED)}|${escaped(NOT_YET)}): .*\\n?`, "gm");

const appendPrinted = (output, text) => {
  let at = 0;
  for (const match of text.matchAll(VERDICT)) {
    output.append(text.slice(at, match.index));
    const span = document.createElement("span");
    span.className = `mgl-verdict mgl-${match[1] === PASSED ? "pass" : "fail"}`;
    span.textContent = match[0];
    output.append(span);
    at = match.index + match[0].length;
  }
  output.append(text.slice(at));
};

/** Adds `text` of `kind` ("out", "err" or "notice") to `output`; returns the span an error or notice was put in,
 * so that a passing notice can be taken away again. */
export const appendOutput = (output, text, kind) => {
  if (kind === "out") return appendPrinted(output, text);
  const span = document.createElement("span");
  span.className = `mgl-${kind}`; // err or notice
  span.textContent = text;
  output.append(span);
  return span;
};
