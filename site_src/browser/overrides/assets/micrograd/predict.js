// "Predict, then run": a short question before an editor, where the video asks "what do you think happens?".
// A page writes it as <form class="mgl-predict" data-show="…"> (a fieldset of radio buttons, a "Keep my guess"
// submit button, a Skip button and a status line) right before the editor it is about; this module, one of the
// page's own scripts (front matter `scripts:`), makes it work. Nothing waits for it: the editor runs whether or
// not the reader answered. After the editor's next run the guess is shown beside what the code printed: the
// output line containing `data-show` (or the first line).
import { asset } from "./site_urls.js";

const STYLE = asset("predict.css");
if (!document.querySelector(`link[href="${STYLE}"]`)) {
  document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href: STYLE }));
}

const editorAfter = (form) => {
  let element = form.nextElementSibling;
  while (element && !element.matches(".mgl-editor")) element = element.nextElementSibling;
  return element;
};

const printedLine = (editor, wanted) => {
  const lines = (editor.querySelector(".py-editor-output")?.innerText ?? "").split("\n").filter((l) => l.trim());
  return (wanted && lines.find((line) => line.includes(wanted))) ?? lines[0] ?? "(nothing)";
};

const setUp = (form) => {
  const editor = editorAfter(form);
  const status = form.querySelector(".mgl-predict-status");
  const again = Object.assign(document.createElement("button"), {
    type: "button", className: "md-button mgl-predict-again", textContent: "Predict first", hidden: true,
  });
  form.after(again);
  const echo = Object.assign(document.createElement("p"), { className: "mgl-predict-echo", hidden: true });
  echo.setAttribute("role", "status");
  editor?.after(echo);
  let guess = null;

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = new FormData(form).get("guess");
    if (!chosen) {
      status.textContent = "Pick an answer first, or Skip.";
      return;
    }
    guess = chosen;
    status.textContent = `Your guess: ${guess}. Now run the code below.`;
  });
  form.querySelector(".mgl-predict-skip").addEventListener("click", () => {
    guess = null;
    form.hidden = true;
    again.hidden = false;
    again.focus();
  });
  again.addEventListener("click", () => {
    form.hidden = false;
    again.hidden = true;
    form.querySelector("input")?.focus();
  });
  editor?.addEventListener("py-editor:done", () => {
    echo.hidden = guess === null;
    if (guess !== null) echo.textContent = `You predicted ${guess}. The code printed: ${printedLine(editor, form.dataset.show)}`;
  });
};

document.querySelectorAll("form.mgl-predict").forEach(setUp);
