// "Download notebook": the page as a Jupyter notebook (.ipynb), with the reader's code and outputs. The build wrote
// the page's notebook next to it (notebook.ipynb: its prose as plain Markdown cells, its editors as code cells, in
// page order, after set-up cells tagged "setup"); this puts each editor's current code and last output into its
// cell, makes the prose's links to the site absolute (the page knows the address it was loaded from) and has the
// first set-up cell install the micrograd wheel from this site, then saves the file.

const fileName = () => {
  const page = location.pathname.replace(/index\.html$/, "").split("/").filter(Boolean).pop();
  return `${page ?? "micrograd-live"}.ipynb`;
};

const lines = (text) => text.split(/(?<=\n)/);
const RUNTIME = "../../runtime/pyodide/"; // where the site keeps its wheels, from this module's folder
const WHEEL = /micrograd_live-[^\s]+\.whl/;

// Every relative link or image of a Markdown text (Markdown's (target), HTML's href and src) as an absolute address.
const absoluteLinks = (text) => text.replace(/(\]\(|(?:href|src)=")([^)"\s]+)/g, (all, before, target) =>
  before + (/^[a-z][a-z0-9+.-]*:/i.test(target) ? target : new URL(target, location.href).href));

// What each editor of the page shows under it now, as nbformat outputs: its text as printed, a graph as the words
// that describe it, a figure as its PNG.
const shownOutputs = () => [...document.querySelectorAll(".md-content .mgl-editor")].map((editor) => {
  const log = editor.querySelector("[role=log]");
  if (!log) return [];
  const shown = log.cloneNode(true);
  for (const graph of shown.querySelectorAll(".mgl-graph")) graph.replaceWith(`[${graph.dataset.mglAlt ?? "a graph"}]\n`);
  const figures = [...shown.querySelectorAll("img[src^='data:image/png;base64,']")];
  figures.forEach((img) => img.remove());
  const text = shown.textContent.trim();
  return [
    ...(text ? [{ output_type: "stream", name: "stdout", text: lines(`${text}\n`) }] : []),
    ...figures.map((img) => ({ output_type: "display_data", metadata: {},
      data: { "image/png": img.src.slice(img.src.indexOf(",") + 1), "text/plain": [img.alt || "a figure"] } })),
  ];
});

/** Save the page's notebook with `codes` (every editor's code, in page order) in its code cells. */
export async function downloadNotebook(codes) {
  // Asked of the server each time (a cached copy only if unchanged): after a site update, a fresh copy matches
  // the page's editors; an old one would not.
  const response = await fetch(new URL("notebook.ipynb", location.href), { cache: "no-cache" });
  if (!response.ok) throw new Error(`the page's notebook could not be fetched (${response.status})`);
  const notebook = await response.json();
  // Each editor's cell says which editor it is (metadata.editor: its index on the page, written by the build).
  const cells = notebook.cells.filter((cell) => cell.cell_type === "code" && Number.isInteger(cell.metadata.editor));
  const indexes = cells.map((cell) => cell.metadata.editor);
  if (cells.length !== codes.length || indexes.some((index, i) => index !== i)) {
    throw new Error("the page's notebook does not match its editors");
  }
  const outputs = shownOutputs();
  for (const cell of cells) {
    cell.source = codes[cell.metadata.editor].split(/(?<=\n)/);
    if (outputs.length === codes.length) cell.outputs = outputs[cell.metadata.editor];
  }
  for (const cell of notebook.cells) {
    if (cell.cell_type === "markdown") cell.source = lines(absoluteLinks(cell.source.join("")));
  }
  const install = notebook.cells.find((cell) => cell.metadata.tags?.includes("setup"));
  if (install) install.source = lines(install.source.join("").replace(WHEEL, (name) => new URL(`${RUNTIME}${name}`, import.meta.url).href));
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([JSON.stringify(notebook, null, 1)], { type: "application/x-ipynb+json" }));
  link.download = fileName();
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
