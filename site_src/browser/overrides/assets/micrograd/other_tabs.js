// Two tabs of the site editing the same example: each keeps its edit in the same place (edits.js), so the later
// save would silently replace the earlier. The browser tells a tab when another one saved (the `storage` event);
// the editor's bar then says so and offers both versions: the other tab's, or the reader's own (saved again,
// which the other tab hears about in turn). Until the reader picks, neither text is lost: each is in its tab.

import { loadEdit } from "./edits.js";

/** Watch for another tab's save of the edit under `key` (whose page code is `original`) while `bar` is shown,
 * and offer the choice in `bar`. `script` is the editor (its `code`), `save(code)` keeps a version. */
export function noticeOtherTabs({ bar, script, key, original, save }) {
  const notice = document.createElement("div");
  notice.className = "mgl-other-tab";
  notice.setAttribute("role", "alert");
  notice.hidden = true;
  let theirs = null;
  const choice = (label, pick) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.addEventListener("click", () => {
      pick();
      notice.hidden = true;
    });
    return button;
  };
  notice.append(
    "This example was changed in another tab: ",
    choice("Use that version", () => { script.code = theirs; }),
    " ",
    choice("Keep mine", () => save(script.code)),
  );
  bar.append(notice);
  const heard = (event) => {
    if (!bar.isConnected) return removeEventListener("storage", heard); // the page was left
    if (event.key !== key) return;
    theirs = loadEdit(key)?.code ?? original;
    notice.hidden = theirs === script.code;
  };
  addEventListener("storage", heard);
}
