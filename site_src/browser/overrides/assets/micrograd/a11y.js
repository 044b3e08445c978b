// What a screen reader or a keyboard needs from the editors (WCAG 2.1 AA; tests/e2e/test_a11y.py checks it):
// - a name for each editor saying which example it is, given to its text box, its buttons and its output;
// - a polite announcement when a run ends, saying what it printed (the output itself is not read line by line
//   while it runs: a training loop would talk over everything else);
// - boxes that scroll (code, a wide graph) reachable with the keyboard (reachable.js).
// Tab inside an editor indents (CodeMirror's convention): Esc then Tab leaves it, documented on the home page.

import { codeMirror, editorView } from "./editor_theme.js";
import { reachableWhenScrolling } from "./reachable.js";

const SUMMARY_CHARS = 300; // what a run's announcement reads of its output

const headingText = (heading) => [...heading.childNodes]
  .filter((node) => !node.classList?.contains("headerlink")).map((node) => node.textContent).join("").trim();

/** A name for each of `placeholders` (`.mgl-editor` divs, in page order): the heading above it, "example 2 of 3"
 * when that heading has several editors, and the collapsed block it sits in (e.g. "Solution"). */
export const editorNames = (placeholders) => {
  const headings = [...document.querySelectorAll(".md-content :is(h1, h2, h3, h4, h5, h6)")];
  const above = placeholders.map((placeholder) => headings.findLast(
    (heading) => heading.compareDocumentPosition(placeholder) & Node.DOCUMENT_POSITION_FOLLOWING));
  return placeholders.map((placeholder, i) => {
    const siblings = placeholders.filter((_, j) => above[j] === above[i]);
    const title = above[i] ? headingText(above[i]) : document.title;
    const count = siblings.length > 1 ? `, example ${siblings.indexOf(placeholder) + 1} of ${siblings.length}` : "";
    const summary = placeholder.closest("details")?.querySelector("summary")?.textContent.trim();
    return `${title}${count}${summary ? ` (${summary})` : ""}`;
  });
};

/** Name the editor PyScript drew inside `placeholder`, its text box and its output. Returns what the run
 * loop tells it: `started()`, and `ended(stopped)`, which politely announces what the run printed. */
export const labelEditor = (placeholder, output, name) => {
  placeholder.setAttribute("role", "group");
  placeholder.setAttribute("aria-label", `Python example: ${name}`);
  output.setAttribute("role", "log");
  output.setAttribute("aria-label", `Output: ${name}`);
  output.setAttribute("aria-live", "off"); // spoken once, when the run ends
  const scrolled = reachableWhenScrolling(output);
  codeMirror().then(({ view: { EditorView }, state: { StateEffect } }) => {
    const view = editorView(placeholder, { EditorView });
    if (!view) return;
    // tabindex: the text box is focusable already (contenteditable), but says so to checkers of its scroller.
    const attributes = { "aria-label": `Python code: ${name}`, tabindex: "0" };
    view.dispatch({ effects: StateEffect.appendConfig.of(EditorView.contentAttributes.of(attributes)) });
  });
  const status = document.createElement("p");
  status.className = "mgl-sr-only";
  status.setAttribute("aria-live", "polite"); // a live region, not role=status: the toolbar's note is the status
  placeholder.append(status);
  return {
    started: () => { status.textContent = ""; },
    ended: (stopped) => {
      scrolled();
      status.textContent = runSummary(output, stopped);
    },
  };
};

/** What a run left in `output`, in a sentence: the error's last line, or the start of what it printed and
 * the text alternatives of its pictures. */
export const runSummary = (output, stopped) => {
  const errors = [...output.querySelectorAll(".mgl-err")].map((span) => span.textContent.trim()).filter(Boolean);
  if (errors.length) return `Finished with an error: ${errors.at(-1).split("\n").at(-1)}`;
  const pictures = [...output.querySelectorAll("img[alt], [role=img][aria-label], .mgl-graph[data-mgl-alt]")]
    .map((picture) => picture.getAttribute("alt") ?? picture.getAttribute("aria-label") ?? picture.dataset.mglAlt);
  let printed = output.innerText; // without a graph's own texts (its buttons, its boxes): its alternative says it
  for (const graph of output.querySelectorAll(".mgl-graph")) printed = printed.replace(graph.innerText, "");
  const text = [printed.trim(), ...pictures].filter(Boolean).join(". ");
  const said = text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS)}… (more in the output)` : text;
  return `${stopped ? "Stopped" : "Finished"}${said ? `: ${said}` : ", nothing printed."}`;
};
