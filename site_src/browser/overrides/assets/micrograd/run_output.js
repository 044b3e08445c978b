// What a run shows under its editor: printed text as text (never as HTML), errors and notices in spans of their
// own (`mgl-err`, `mgl-notice`), and an exercise check's verdict line styled so that it reads without its emoji.

import { CAUGHT, NOT_YET, PASSED } from "./shared_constants.js";

// A verdict line, as site_src/pyodide/modules/course.py prints it: "✅ Passed: …", "❌ Not yet: …" or, for a
// bug planted on purpose, "🔎 Caught, as it should be: …".
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const VERDICT = new RegExp(`^(${[PASSED, NOT_YET, CAUGHT].map(escaped).join("|")}): .*\\n?`, "gm");

// Each verdict's mark as a text glyph that ordinary fonts have (an emoji is a box where no emoji font is), and
// the class that colours it.
// A planted bug's check (course.catches) reads as the demonstration it is, not as the reader's failure.
const MARKS = new Map([[PASSED, ["pass", "✓"]], [NOT_YET, ["fail", "✗"]], [CAUGHT, ["demo", "✓"]]]);

// A passed check also tells the page (an "mgl-passed" event from the output), which marks its editor.
const appendPrinted = (output, text) => {
  let at = 0;
  for (const match of text.matchAll(VERDICT)) {
    output.append(text.slice(at, match.index));
    const [kind, glyph] = MARKS.get(match[1]);
    const span = document.createElement("span");
    span.className = `mgl-verdict mgl-${kind}`;
    const mark = document.createElement("span");
    mark.className = "mgl-mark";
    mark.textContent = glyph;
    span.append(mark, match[0].slice(match[1].search(/\s/))); // the words after the emoji
    output.append(span);
    at = match.index + match[0].length;
    if (kind === "pass") output.dispatchEvent(new CustomEvent("mgl-passed", { bubbles: true }));
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
