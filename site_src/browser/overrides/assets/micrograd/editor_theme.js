// Editor colours that follow Material's light/dark palette, syntax highlighting included.
// PyScript builds each editor with CodeMirror's default (light) look inside a shadow root. Material's colour
// variables still reach in there, so the editor is given, through CodeMirror's own API, a theme and a highlight
// style written in those variables: they change as soon as the reader toggles the palette. CodeMirror's dark
// flag (for what Material has no variable for: selection, tooltips, the search panel) follows the toggle too.

// The same URL editors.js loads PyScript from, so this is the same CodeMirror that drew the editors.
const PYSCRIPT = new URL("../../runtime/pyscript/core.js", import.meta.url).href;

const PALETTE_THEME = {
  "&": { backgroundColor: "var(--md-code-bg-color)", color: "var(--md-code-fg-color)", fontSize: "0.85em" },
  ".cm-scroller": { fontFamily: "var(--md-code-font-family)" },
  ".cm-gutters": { backgroundColor: "var(--md-code-bg-color)", color: "var(--md-default-fg-color--light)", border: "none" },
  // The page's background: lighter than the code's in the light palette, darker in the dark one, so every
  // token keeps its contrast on the active line (a shade darker or lighter took keywords below 4.5:1).
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--md-default-bg-color)" },
  ".cm-cursor": { borderLeftColor: "var(--md-code-fg-color)" },
  ".cm-selectionBackground, &.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground": {
    background: "color-mix(in srgb, var(--md-accent-fg-color) 25%, transparent)",
  },
};

// CodeMirror's default highlight colours, each replaced by Material's colour for the same kind of token
// (the one its Pygments code blocks use).
const TOKEN_COLOURS = {
  "#708": "keyword", // def, for, import, ...
  "#219": "constant", // True, False, None
  "#164": "number",
  "#a11": "string",
  "#e40": "string", // f-strings, escapes
  "#00f": "function", // the name in `def name`
  "#30a": "variable",
  "#085": "function", // types, modules
  "#167": "function", // the name in `class Name`
  "#256": "constant",
  "#00c": "variable",
  "#940": "comment",
  "#f00": "special", // invalid syntax
  "#404740": "keyword", // @decorators
};

/** CodeMirror's own modules, from the PyScript that drew the editors: {state, view, language}. */
export const codeMirror = async () => {
  const { codemirror } = await import(PYSCRIPT);
  const [state, view, language] = await Promise.all([codemirror.state, codemirror.view, codemirror.language]);
  return { state, view, language };
};

/** The CodeMirror EditorView PyScript has built inside `placeholder` (a `.mgl-editor` div), or null. */
export const editorView = (placeholder, { EditorView }) => {
  const dom = placeholder.querySelector(".py-editor-input > div")?.shadowRoot?.querySelector(".cm-editor");
  return dom && EditorView.findFromDOM(dom);
};

let extensions; // a promise of what every editor gets, built once
const paletteExtensions = async () => {
  const { state: { Compartment, StateEffect }, view: { EditorView },
    language: { HighlightStyle, defaultHighlightStyle, syntaxHighlighting } } = await codeMirror();
  const recolour = (spec) => (spec.color in TOKEN_COLOURS
    ? { ...spec, color: `var(--md-code-hl-${TOKEN_COLOURS[spec.color]}-color)` } : spec);
  const highlighting = syntaxHighlighting(HighlightStyle.define(defaultHighlightStyle.specs.map(recolour)));
  const theme = [EditorView.theme(PALETTE_THEME), highlighting, EditorView.lineWrapping]; // long lines wrap
  return { Compartment, StateEffect, EditorView, theme };
};

/** Theme the editor PyScript has built inside `placeholder` (a `.mgl-editor` div) after Material's palette,
 * and keep following it when the reader switches between light and dark. */
export const themeEditor = async (placeholder) => {
  const { Compartment, StateEffect, EditorView, theme } = await (extensions ??= paletteExtensions());
  const view = editorView(placeholder, { EditorView });
  if (!view) return;
  const dark = new Compartment();
  const darkness = () => EditorView.darkTheme.of(document.body.dataset.mdColorScheme === "slate");
  view.dispatch({ effects: StateEffect.appendConfig.of([theme, dark.of(darkness())]) });
  new MutationObserver(() => view.dispatch({ effects: dark.reconfigure(darkness()) }))
    .observe(document.body, { attributeFilter: ["data-md-color-scheme"] });
};
