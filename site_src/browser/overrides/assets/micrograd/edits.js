// A reader's edits, kept in this browser (localStorage) so they survive a reload, a crash or a Stop.
// Each saved edit remembers the page's original code it started from, so a page that has changed since can
// say so. Without storage (private modes, blocked cookies) editing still works; it is just not kept.
// A full storage refuses new edits but keeps (and shows) the ones saved before: saveEdit() says which happened.

const PREFIX = "micrograd-live:edit:";

// localStorage if this browser lets the site read it, whether or not it has room left for more.
const storage = (() => {
  try {
    localStorage.getItem(PREFIX);
    return localStorage;
  } catch {
    return null;
  }
})();

const writable = (() => {
  try {
    const probe = `${PREFIX}probe`;
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
})();

/** "ok", "full" (edits saved before are there, new ones are not kept) or "none" (nothing is ever kept). */
export const storageState = writable ? "ok" : storage?.length ? "full" : "none";

// One key per page however its URL is written: /moons/ and /moons/index.html are the same page.
export const pagePath = () => location.pathname.replace(/\/index\.html$/, "/");

export const editKey = (index) => `${PREFIX}${pagePath()}#${index}`;

/** The saved edit {code, original} under `key`, or null: anything stored there that is not one of ours
 * (another shape, unreadable JSON) is ignored, and left for the next save to replace. */
export function loadEdit(key) {
  try {
    const edit = JSON.parse(storage?.getItem(key) ?? "null");
    return typeof edit?.code === "string" && typeof edit?.original === "string" ? edit : null;
  } catch {
    return null;
  }
}

/** Keep `code` (or forget the edit, when it is the original again). Returns true when the browser kept it;
 * false when it refused (storage full or missing), in which case whatever was saved before is still there. */
export function saveEdit(key, code, original) {
  if (code === original) return forgetEdit(key);
  try {
    storage.setItem(key, JSON.stringify({ code, original }));
    return true;
  } catch {
    return false;
  }
}

// An exercise's check the reader has passed is kept next to the editor's edit (Reset all forgets both).
const passedKey = (key) => `${key}:passed`;

/** Whether the check in the editor of edit key `key` has printed a pass in this browser. */
export const hasPassed = (key) => storage?.getItem(passedKey(key)) != null;

/** Remember that the check in the editor of edit key `key` passed (when the browser lets us). */
export function markPassed(key) {
  try {
    storage.setItem(passedKey(key), new Date().toISOString());
  } catch {
    // not kept: the mark shows until the page is left
  }
}

export function forgetEdit(key) {
  try {
    storage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

/** Every saved edit on the site, {key: stored text}: what forgetAllEdits() removes and restoreEdits() puts back. */
export function allEdits() {
  if (!storage) return {};
  return Object.fromEntries(Object.keys(storage).filter((key) => key.startsWith(PREFIX))
    .map((key) => [key, storage.getItem(key)]));
}

export function forgetAllEdits() {
  const edits = allEdits();
  for (const key of Object.keys(edits)) storage.removeItem(key);
  return edits;
}

export function restoreEdits(edits) {
  for (const [key, text] of Object.entries(edits)) storage.setItem(key, text);
}

const SAVE_DELAY_MS = 300; // a pause in typing this long saves; so does leaving or hiding the page

/** Save the code of CodeMirror `view` after every change to it, whatever made the change (a key, paste, cut,
 * undo, a drop, Reset): `save(code)` is called after a pause in changes, and at once when the page is hidden
 * or left. `updateListener` is CodeMirror's EditorView.updateListener, `appendConfig` its StateEffect's. */
export function saveOnChange(view, { updateListener, appendConfig }, save) {
  let timer = 0;
  const flush = () => {
    if (!timer) return;
    clearTimeout(timer);
    timer = 0;
    save(view.state.doc.toString());
  };
  view.dispatch({ effects: appendConfig.of(updateListener.of((update) => {
    if (!update.docChanged) return;
    clearTimeout(timer);
    timer = setTimeout(flush, SAVE_DELAY_MS);
  })) });
  addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flush());
}
