// The moons page's buttons. Train runs the training editor (the reader's code reads the form), Stop asks its
// loop to stop at the next step (the environment and the plots stay), Reset brings back the notebook's settings.
const form = document.getElementById("moons-controls");
const fields = [...form.elements].filter((field) => field.id);
const defaults = new Map(fields.map((field) => [field, field.type === "checkbox" ? field.checked : field.value]));
const editorBuilt = new Promise((resolve) => {
  const found = () => document.querySelector("#moons-training .py-editor-run-button");
  if (found()) return resolve(found());
  const observer = new MutationObserver(() => found() && (observer.disconnect(), resolve(found())));
  observer.observe(document.getElementById("moons-training"), { childList: true, subtree: true });
});

form.addEventListener("submit", (event) => event.preventDefault());
document.getElementById("moons-train").addEventListener("click", async () => {
  const button = await editorBuilt; // a click while the page is still loading trains once it has loaded
  if (button.classList.contains("running")) return; // already training
  globalThis.micrograd_stop = false;
  button.click();
});
document.getElementById("moons-stop").addEventListener("click", () => {
  globalThis.micrograd_stop = true;
});
document.getElementById("moons-reset").addEventListener("click", () => {
  for (const [field, value] of defaults) field.type === "checkbox" ? (field.checked = value) : (field.value = value);
});
