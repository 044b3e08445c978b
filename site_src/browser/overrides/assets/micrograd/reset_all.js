// The home page's "Reset all my edits": asks first, and can be undone until the page is reloaded (the forgotten
// edits are kept in this page's memory until then).
import { forgetAllEdits, restoreEdits } from "./edits.js";

const button = document.getElementById("mgl-reset-all");
const status = button.nextElementSibling;
const plural = (count) => `${count} edited example${count === 1 ? "" : "s"}`;

button.addEventListener("click", () => {
  if (!confirm("Forget your edits of every example on every page of this site?")) return;
  const forgotten = forgetAllEdits();
  const count = Object.keys(forgotten).length;
  status.textContent = `Forgot ${plural(count)}; reload a page to see its original code. `;
  if (!count) return;
  const undo = document.createElement("button");
  undo.type = "button";
  undo.className = "md-button";
  undo.textContent = "Undo";
  undo.addEventListener("click", () => {
    restoreEdits(forgotten);
    status.textContent = `Put back ${plural(count)}.`;
  });
  status.append(undo);
});
