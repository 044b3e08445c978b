// The home page's "Reset all my edits": asks first, puts this page's editors back to their original code, and can
// be undone until the page is reloaded (the forgotten edits are kept in this page's memory until then).
import { editKey, forgetAllEdits, restoreEdits } from "./edits.js";

const button = document.getElementById("mgl-reset-all");
const status = button.nextElementSibling;
const plural = (count) => `${count} edited example${count === 1 ? "" : "s"}`;
const editors = () => [...document.querySelectorAll(".md-content .mgl-editor script")];

button.addEventListener("click", () => {
  if (!confirm("Forget your edits of every example on every page of this site?")) return;
  const forgotten = forgetAllEdits();
  const count = Object.keys(forgotten).length;
  for (const reset of document.querySelectorAll(".md-content .mgl-toolbar button[aria-label^='Reset code']")) reset.click();
  status.textContent = `Forgot ${plural(count)}: every page shows its original code. `;
  if (!count) return;
  const undo = document.createElement("button");
  undo.type = "button";
  undo.className = "md-button";
  undo.textContent = "Undo";
  undo.addEventListener("click", () => {
    restoreEdits(forgotten);
    editors().forEach((script, i) => {
      const kept = forgotten[editKey(i)];
      if (kept) script.code = JSON.parse(kept).code;
    });
    status.textContent = `Put back ${plural(count)}.`;
  });
  status.append(undo);
});
