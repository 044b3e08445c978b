// A box that scrolls is reachable with the keyboard (WCAG 2.1.1; axe's scrollable-region-focusable), and only
// while it scrolls: a wide table on a phone, an editor's output holding a wide graph. It gets a tab stop, so the
// arrow keys scroll it, and a name saying what it is.

/** Make `box` a named tab stop while its content is wider or taller than it is, and keep it so as it resizes. */
export const reachableWhenScrolling = (box, name) => {
  const update = () => {
    if (box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight) {
      box.tabIndex = 0;
      if (!box.hasAttribute("aria-label")) box.setAttribute("aria-label", name), box.setAttribute("role", "group");
    } else {
      box.removeAttribute("tabindex");
    }
  };
  new ResizeObserver(update).observe(box);
  update();
  return update; // to call when the content changes
};

// Material wraps every table of a page in a box that scrolls sideways; its `document$` tells when a page is in.
window.document$?.subscribe(() => {
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
    reachableWhenScrolling(wrap, "Table (scrolls sideways)");
  }
});
