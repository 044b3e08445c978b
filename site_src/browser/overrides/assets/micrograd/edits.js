// A reader's edits, kept in this browser (localStorage) so they survive a reload, a crash or a Stop.
// Each saved edit remembers the page's original code it started from, so a page that has changed since can
// say so. Without storage (private modes, blocked cookies) editing still works; it is just not kept.

const PREFIX = "micrograd-live:edit:";

const storage = (() => {
  try {
    const probe = `${PREFIX}probe`;
    localStorage.setItem(probe, "1");
    localStorage.removeItem(probe);
    return localStorage;
  } catch {
    return null;
  }
})();

export const storageAvailable = storage !== null;

export const editKey = (index) => `${PREFIX}${location.pathname}#${index}`;

export function loadEdit(key) {
  try {
    return JSON.parse(storage?.getItem(key) ?? "null");
  } catch {
    return null; // unreadable: treat as no edit rather than break the page
  }
}

export function saveEdit(key, code, original) {
  if (code === original) return forgetEdit(key);
  try {
    storage?.setItem(key, JSON.stringify({ code, original, saved: Date.now() }));
  } catch {
    // quota exceeded: keep editing, just not kept
  }
}

export function forgetEdit(key) {
  storage?.removeItem(key);
}

export function forgetAllEdits() {
  if (!storage) return 0;
  const keys = Object.keys(storage).filter((key) => key.startsWith(PREFIX));
  for (const key of keys) storage.removeItem(key);
  return keys.length;
}
