// What a playground's page script (moons.js, gpt.js) shares: how a settings field says it is wrong, and what it keeps
// about the runs of its training editor: whether one is
// going on (its start buttons disabled, Pause enabled), whether the last one was paused (Train goes on from there),
// and whether Reset asked that what a run still reports be dropped; and what the status says when a run ends, by
// how it ended (page_run.PageRun.__exit__: "done", "paused", "stopped", "failed", "invalid", or a page's own word).
import { stopEditor } from "./editors.js";

const ENDINGS = {
  paused: "Paused: Train goes on from here.",
  stopped: "Stopped.",
  failed: "The training code raised an error: see under the editor.",
};

/** The runs of `editor`: `{busy, paused, discarding, running(on), end(how)}`; `end` is what the page's Python calls
 * when a run ends, `status(text)` shows a line, `endings` adds the page's own words to ENDINGS. The buttons
 * `pause` (stops the run between two steps) and `reset` (drops what the run still reports, `clear()`s the page's
 * views, and the next run starts over) work here. */
export const trackRuns = ({ editor, starts, pause, reset, clear, status, endings = {} }) => {
  const runs = { busy: false, paused: false, discarding: false };
  const words = { ...ENDINGS, ...endings };
  runs.running = (on) => {
    for (const button of starts) button.disabled = on;
    pause.disabled = !on;
    runs.busy = on;
  };
  runs.end = (how) => {
    runs.paused = how === "paused" && !runs.discarding;
    if (runs.discarding) how = "reset";
    runs.running(false);
    if (how !== "invalid") status(words[how] ?? ""); // invalid: the page's settings() said what is wrong
  };
  editor.addEventListener("py-editor:done", () => runs.running(false)); // also after a run Python could not finish
  pause.addEventListener("click", () => stopEditor(editor));
  reset.addEventListener("click", () => {
    if (runs.busy) runs.discarding = true;
    stopEditor(editor);
    runs.paused = false;
    clear();
    status("");
  });
  return runs;
};

/** Shows whether a settings field is valid, by the browser's checks and the page's own (setCustomValidity): its
 * message in the element `errorOf(field)` finds (the page's id for it), `aria-invalid` on the field; returns it. */
export const showValidity = (field, errorOf) => {
  const message = errorOf(field);
  if (message) message.textContent = field.validationMessage;
  field.toggleAttribute("aria-invalid", !field.validity.valid);
  return field.validity.valid;
};

/** A field's name as the form labels it ("test %", "learning rate"): its label's own text, without a select's
 * options; for a status line that names the wrong field. */
export const labelOf = (field) => [...field.labels[0].childNodes].filter((node) => node.nodeType === Node.TEXT_NODE)
  .map((node) => node.textContent).join(" ").trim();
