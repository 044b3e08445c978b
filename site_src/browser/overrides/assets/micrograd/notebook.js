// "Download notebook": the page as a Jupyter notebook (.ipynb), with the reader's code. The build wrote the page's
// notebook next to it (notebook.ipynb: its prose as Markdown cells, its editors as code cells, in page order,
// after set-up cells tagged "setup"); this puts each editor's current code into its cell and saves the file.

const fileName = () => {
  const page = location.pathname.replace(/index\.html$/, "").split("/").filter(Boolean).pop();
  return `${page ?? "micrograd-live"}.ipynb`;
};

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
  for (const cell of cells) cell.source = codes[cell.metadata.editor].split(/(?<=\n)/);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([JSON.stringify(notebook, null, 1)], { type: "application/x-ipynb+json" }));
  link.download = fileName();
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
