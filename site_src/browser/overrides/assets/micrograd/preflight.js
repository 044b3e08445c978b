// Runs first on every page, as a classic script (module scripts cannot load from file:// pages).
// Over http(s) it registers the site's service worker (service-worker.js: cross-origin isolation on any static
// host, and the site kept for offline use), unless the host already isolates the pages itself. Where Python
// cannot run here, it says why above each editor instead of leaving a dead one.
(() => {
  const me = document.currentScript;
  const VERSION_WAIT_MS = 5000; // a service worker answers a message in milliseconds, one busy starting in < 1 s
  const workers = navigator.serviceWorker;
  const say = (problem) => {
    document.documentElement.dataset.mglNoPython = ""; // editors.js then leaves the code as plain blocks
    const show = () => {
      for (const editor of document.querySelectorAll(".mgl-editor")) {
        const note = document.createElement("p");
        note.className = "mgl-problem admonition warning";
        note.setAttribute("role", "alert");
        note.innerHTML = `${problem} <a href="${me.dataset.help}">Troubleshooting</a>`;
        editor.prepend(note);
      }
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
    else show();
  };

  // A worker took control of this page: on the first visit, to come back isolated through it (a reload); after
  // an update of the site, found by this tab or another. A page where no code ran yet reloads onto the new version
  // at once; one where code ran (python_client.js marks html[data-mgl-ran]) keeps the version it has, outputs and
  // Python state included (instant navigation to a page of another version is a full load, see editors.js), and
  // says that a reload would take the new one.
  const nothingToLose = () => !workers.controller || !wasControlled || !("mglRan" in document.documentElement.dataset);
  const wasControlled = Boolean(workers?.controller);
  const sayUpdateIsReady = () => {
    if (document.querySelector(".mgl-update")) return;
    const note = document.createElement("div");
    note.className = "mgl-update";
    note.setAttribute("role", "status");
    note.append("A new version of this site is ready — ");
    const reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = "reload";
    reload.addEventListener("click", () => location.reload());
    note.append(reload, " when you like.");
    document.body.append(note);
  };
  // The runtime version in which a service worker answers this page's requests (null from a worker that does not
  // say, as those of the site's builds before it did not).
  const versionOf = (worker) => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => resolve(data);
    setTimeout(() => resolve(null), VERSION_WAIT_MS);
    worker.postMessage({ type: "version" }, [channel.port2]);
  });
  // Once the page is ready (its Python too, on a page with editors), the site's other pages are fetched for
  // offline use in the background.
  const whenReady = (then) => {
    const ready = () => !["starting", undefined].includes(document.documentElement.dataset.mglPython) ||
      (document.readyState === "complete" && !document.querySelector(".mgl-editor"));
    const check = () => ready() && (observer.disconnect(), then());
    const observer = new MutationObserver(check);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-mgl-python"] });
    addEventListener("load", check);
  };

  if (location.protocol === "file:") {
    return say("Python cannot run in a page opened as a file. Serve the folder instead, e.g. " +
      "<code>python3 -m http.server</code> in it, and open http://localhost:8000/.");
  }
  // What Pyodide and PyScript need, and a check that the browser's JavaScript is recent enough for them.
  const needs = { WebAssembly: self.WebAssembly, Atomics: self.Atomics, structuredClone: self.structuredClone,
    "Array.prototype.findLast": Array.prototype.findLast };
  const missing = Object.keys(needs).filter((feature) => !needs[feature]);
  if (missing.length) {
    return say(`This browser is too old for the editors (it has no ${missing.join(", ")}). ` +
      "A current Chrome, Edge, Firefox or Safari runs them.");
  }
  if (self.crossOriginIsolated && !workers?.controller) return; // the host sends the headers: no worker needed
  if (!workers || !self.isSecureContext) {
    return say("This browser does not allow the service worker the editors need here " +
      "(a private window, or a page served over plain http from another machine).");
  }
  // A page opened just after an update, through the old worker, is answered in its own version (the new one:
  // service-worker.js, pageVersions): when the new worker takes over, this page is of its version already.
  const served = workers.controller && versionOf(workers.controller);
  workers.addEventListener("controllerchange", async () => {
    if (served) {
      const [before, now] = await Promise.all([served, versionOf(workers.controller)]);
      if (before && before === now) return;
    }
    nothingToLose() ? location.reload() : sayUpdateIsReady();
  });
  whenReady(() => workers.controller?.postMessage({ type: "precache" }));
  workers.addEventListener("message", ({ data }) => {
    if (data?.type === "precached") document.documentElement.dataset.mglOffline = data.missing === 0 ? "ready" : "partial";
  });
  if (self.crossOriginIsolated) return;
  // Without a worker in control (a first visit, a hard reload) this page reloads in a moment: its Python would
  // only download the runtime uncompressed, past the service worker, to be dropped. editors.js waits.
  if (!workers.controller) document.documentElement.dataset.mglPythonWaits = "service-worker";
  workers.register(me.dataset.serviceWorker, { scope: me.dataset.scope }).then(
    (registration) => {
      // Registered earlier, yet not in control: the page was loaded bypassing it (a hard reload).
      if (registration.active && !workers.controller) return location.reload();
      registration.installing?.addEventListener("statechange", ({ target }) => target.state === "redundant" &&
        say("The service worker the editors need here could not be installed. Reloading the page tries again."));
    },
    (error) => say(`This browser refused the service worker the editors need here (${error.message}).`),
  );
})();
