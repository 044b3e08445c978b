// The bar above each editor: a notebook's conveniences (Run all above, Restart, the page as a notebook) and the
// reader's edit (Reset, Copy, and a note on what is kept).

import { forgetEdit, hasPassed, markPassed, saveEdit, storageState } from "./edits.js";
import { downloadNotebook } from "./notebook.js";
import { noticeOtherTabs } from "./other_tabs.js";
import { RUN_ALL_ABOVE } from "./shared_constants.js";

const NOT_SAVED = "Not saved: this browser's storage for the site is full, so this change will not survive a " +
  "reload (an edit saved before is kept). Copy keeps it; Reset all on the home page makes room.";

/** The bar above an editor: Run all above, Restart, Notebook, Reset (to the page's code), Copy, and a note: the
 * reader's saved edit (and whether the page's code has changed since), or storage trouble. `script` is the
 * editor's <script>, `key` its edit's, `saved` that edit (or null), `first` whether it is the page's first editor;
 * `actions` are the page's { runAbove() (resolves with the job that failed, if one did), restart(), codes() }.
 * Returns the bar, `save(code)`, which keeps the code and says in the note when the browser would not, and
 * `passed()`, which marks the bar (quietly, and for later visits) when the editor's exercise check passes. */
export const toolbar = ({ script, key, original, saved, first, name }, actions) => {
  const bar = document.createElement("div");
  bar.className = "mgl-toolbar";
  const note = document.createElement("span");
  note.className = "mgl-note";
  note.setAttribute("role", "status");
  // Named "Reset code", "Copy code": told apart from a page's own Reset (e.g. the moons demo).
  const button = (label, title, onClick, accessible = `${label} code`) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", `${accessible}: ${name}`); // not a page's own Reset (e.g. the moons demo)
    b.addEventListener("click", onClick);
    return b;
  };
  const reset = button("Reset", "Put back this example's original code", () => {
    script.code = original;
    forgetEdit(key);
    note.textContent = "";
  });
  const usual = saved && saved.original !== original // what the note says of an edit while saving works
    ? "Your edited version: this example has changed since you edited it. Reset to see the new one."
    : "Your edited version (Reset brings back the original).";
  const save = (code) => {
    const kept = saveEdit(key, code, original);
    if (storageState === "none") return;
    if (!kept) note.textContent = NOT_SAVED;
    else if (note.textContent === NOT_SAVED) note.textContent = code === original ? "" : usual;
  };
  const copy = button("Copy", "Copy the code", async () => {
    await navigator.clipboard.writeText(script.code);
    note.textContent = "Copied.";
  });
  if (saved) note.textContent = usual;
  else if (storageState === "none") note.textContent = "This browser keeps no storage here: edits will not survive a reload.";
  const above = button(RUN_ALL_ABOVE, `Run the examples above this one, in order (Jupyter's ${RUN_ALL_ABOVE})`,
    async () => {
      note.textContent = "";
      const failed = await actions.runAbove();
      if (failed) note.textContent = `${RUN_ALL_ABOVE} stopped at "${failed.name}": it failed (its output says why).`;
    }, RUN_ALL_ABOVE);
  const restart = button("Restart", "Restart the page's Python: every name defined so far is forgotten",
    actions.restart, "Restart Python");
  const download = button("Notebook", "Download this page, with your code, as a Jupyter notebook (.ipynb)",
    () => downloadNotebook(actions.codes()).catch((error) => { note.textContent = `Not downloaded: ${error.message}.`; }),
    "Download as notebook");
  if (first) above.hidden = true; // nothing above the first
  const passed = () => { // shown once, after the note
    markPassed(key);
    if (bar.querySelector(".mgl-passed")) return;
    const mark = document.createElement("span");
    mark.className = "mgl-passed";
    mark.textContent = "✓ passed";
    mark.title = "You have passed this check";
    note.after(mark);
  };
  bar.append(note, above, restart, download, reset, copy);
  if (hasPassed(key)) passed();
  noticeOtherTabs({ bar, script, key, original, save });
  return { bar, save, passed };
};
