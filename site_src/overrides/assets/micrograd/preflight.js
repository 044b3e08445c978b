// Runs first on every page, as a classic script (module scripts cannot load from file:// pages).
// Over http(s) it registers mini-coi, the service worker that makes any static host cross-origin isolated,
// unless the host already is. Where Python cannot run here, it says why above each editor instead of
// leaving a dead one.
(() => {
  const me = document.currentScript;
  const problem = (() => {
    if (location.protocol === "file:") {
      return "Python cannot run in a page opened as a file. Serve the folder instead, e.g. " +
        "<code>python3 -m http.server</code> in it, and open http://localhost:8000/.";
    }
    if (self.crossOriginIsolated) return null;
    if (!("serviceWorker" in navigator) || !self.isSecureContext) {
      return "This browser does not allow the service worker the editors need here " +
        "(a private window, or a page served over plain http from another machine).";
    }
    return null;
  })();

  if (!problem && !self.crossOriginIsolated) {
    const coi = document.createElement("script");
    coi.src = me.dataset.miniCoi;
    coi.setAttribute("scope", me.dataset.scope);
    me.after(coi);
    return;
  }
  if (!problem) return;
  document.addEventListener("DOMContentLoaded", () => {
    for (const editor of document.querySelectorAll(".mgl-editor")) {
      const note = document.createElement("p");
      note.className = "mgl-problem admonition warning";
      note.setAttribute("role", "alert");
      note.innerHTML = `${problem} <a href="${me.dataset.help}">Troubleshooting</a>`;
      editor.prepend(note);
    }
  });
})();
