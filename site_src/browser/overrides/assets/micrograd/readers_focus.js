// The reader's keyboard focus, kept where the reader put it while PyScript draws editors.
// PyScript focuses every editor it draws, which would take the keyboard from wherever the reader is (typing in
// the search box, or in an editor of the page drawn a moment earlier, would land in another example and be saved
// as its edit). That first focus of each editor is sent back at once to where the reader had put it; the reader's
// own (a click, a Tab) is not.
let readersFocus = document.activeElement; // inside an editor too: CodeMirror's element, in its shadow root
let CodeMirrorView = null; // CodeMirror's EditorView, once the first editor is drawn (see knowCodeMirror)
document.addEventListener("focusin", (event) => {
  if (!event.mglDrawn) readersFocus = event.composedPath()[0];
});
/** CodeMirror's EditorView class, once it is loaded: it puts the focus back into an editor with its selection. */
export const knowCodeMirror = (EditorView) => { CodeMirrorView = EditorView; };

/** Sends the focus that PyScript gives the editor it draws in `placeholder` back to where the reader had it. */
export const keepReadersFocus = (placeholder) => {
  const sendBack = (event) => {
    event.mglDrawn = true; // PyScript's focus, not the reader's (see the listener above)
    disarm();
    if (readersFocus?.isConnected && readersFocus !== document.body) {
      // Back in an editor, through CodeMirror, which keeps the reader's selection (a bare focus() would lose it).
      const view = CodeMirrorView?.findFromDOM(readersFocus);
      view ? view.focus() : readersFocus.focus({ preventScroll: true });
    } else {
      const focused = document.activeElement; // the editor's host; CodeMirror's element is in its shadow root
      (focused?.shadowRoot?.activeElement ?? focused)?.blur();
      // After a blur the reader's first Tab would start from this editor (far down the page): start it at the top.
      const start = document.createElement("span");
      start.tabIndex = -1;
      document.body.prepend(start);
      start.focus({ preventScroll: true });
      start.remove();
    }
  };
  const tab = (event) => event.key === "Tab" && disarm();
  const disarm = () => {
    placeholder.removeEventListener("focusin", sendBack);
    placeholder.removeEventListener("pointerdown", disarm, true);
    document.removeEventListener("keydown", tab, true);
  };
  placeholder.addEventListener("focusin", sendBack);
  placeholder.addEventListener("pointerdown", disarm, true);
  document.addEventListener("keydown", tab, true);
};
