// Runs first on every page, as a classic script (module scripts cannot load from file:// pages).
// Over http(s) it registers the site's service worker (service-worker.js: cross-origin isolation on any static
// host, and the site kept for offline use), unless the host already isolates the pages itself. Where Python
// cannot run here, it says why above each editor instead of leaving a dead one.
(() => {
  const me = document.currentScript;
  const VERSION_WAIT_MS = 5000; // a service worker answers a message in milliseconds, one busy starting in < 1 s
  const RELOADED_FOR = "micrograd-live:reloaded-for-runtime";
  const UPDATE_WAIT_MS = 15_000; // the browser installs a new service worker in a second or two
  const UPDATE_STUCK_MS = 3000; // a new worker takes over at once unless a request holds the old one
  const NO_STOP = "micrograd-live:load-in-full"; // set in a tab where the worker did not come: see below
  const STOPPED_MS = 10_000; // a first visit's worker takes over in well under a second (fetched, installed)
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
  // A new version of the site (`version`: its runtime's, if known) is there: a page with nothing to lose reloads
  // onto it, once; one where code ran says it is ready.
  const takeUpdate = (version) => {
    if (!nothingToLose()) return sayUpdateIsReady();
    if (version) reloadOnceFor(version);
    else location.reload();
  };
  // {served, own}: the runtime version in which a service worker answers this page's requests, and its own (they
  // differ for a page newer than the worker); null from a worker that does not say, as the site's earlier ones.
  const versionOf = (worker) => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => resolve(data);
    setTimeout(() => resolve(null), VERSION_WAIT_MS);
    worker.postMessage({ type: "version" }, [channel.port2]);
  });
  // Reloads the page unless it was reloaded for `version` already (in this tab): true if it reloads.
  const reloadOnceFor = (version) => {
    try {
      if (sessionStorage.getItem(RELOADED_FOR) === version) return false;
      sessionStorage.setItem(RELOADED_FOR, version);
    } catch {
      return false; // no storage: no way to tell a second reload from the first
    }
    location.reload();
    return true;
  };
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
  // The modules that start Python, preloaded only where this page stays: through the service worker, which
  // fetches their brotli copies, or on a host that isolates pages itself. A page without a worker in control
  // reloads in a moment (below): fetched now, they would come uncompressed, and again after the reload.
  if (workers?.controller || self.crossOriginIsolated) {
    for (const url of me.dataset.firstModules.split(" ").filter(Boolean)) {
      document.head.append(Object.assign(document.createElement("link"), { rel: "modulepreload", href: url }));
    }
  }
  if (self.crossOriginIsolated && !workers?.controller) return; // the host sends the headers: no worker needed
  if (!workers || !self.isSecureContext) {
    return say("This browser does not allow the service worker the editors need here " +
      "(a private window, or a page served over plain http from another machine).");
  }
  // A page opened just after an update, through the old worker, is answered in its own version (the new one:
  // service-worker.js, pageVersions): when the new worker takes over, this page is of its version already. Until
  // then its Python waits (html[data-mgl-runtime], python_client.js): Python's own worker, started under the old
  // service worker, would be answered with the old runtime. If the new worker does not come, the page reloads.
  // A page answered in another version than the one it names (a new worker took over before this script ran)
  // reloads, once.
  const served = workers.controller && versionOf(workers.controller);
  const html = document.documentElement;
  const pageRuntime = document.querySelector('meta[name="micrograd-version"]')?.content.split("-").at(-1);
  if (served) {
    html.dataset.mglRuntime = "checking";
    served.then((version) => {
      if (version && pageRuntime && version.served !== pageRuntime && reloadOnceFor(version.served)) return;
      if (!version || version.served === version.own) return delete html.dataset.mglRuntime;
      html.dataset.mglRuntime = "updating";
      setTimeout(() => "mglRuntime" in html.dataset && location.reload(), UPDATE_WAIT_MS);
    });
  }
  workers.addEventListener("controllerchange", async () => {
    if (!served) return location.reload(); // the first visit: the page comes back through the worker
    const [before, now] = await Promise.all([served, versionOf(workers.controller)]);
    if (before && now && before.served === now.served) return delete html.dataset.mglRuntime;
    takeUpdate(now?.served);
  });
  whenReady(() => {
    workers.controller?.postMessage({ type: "precache" });
    // The browser looks for a new service worker after each navigation, but Chrome puts that off while the worker
    // is busy with the page's requests: once ready, the page asks for the check itself (a 304 when nothing
    // changed; offline, it fails quietly). A new worker found may then wait, though it skips waiting: it takes
    // over only once the old one has no request left to answer, and one of this page's kept it waiting for over
    // a minute in tests. Past UPDATE_STUCK_MS, a page with nothing to lose reloads (the reload ends its requests,
    // and the new worker answers it); one where code ran says that a new version is ready.
    if (served) workers.getRegistration().then((registration) => registration?.update().then(() => {
      setTimeout(async () => {
        const { waiting } = registration;
        const version = waiting && await versionOf(waiting);
        if (waiting && registration.waiting === waiting) takeUpdate(version?.own);
      }, UPDATE_STUCK_MS);
    })).catch(() => {});
  });
  workers.addEventListener("message", ({ data }) => {
    if (data?.type === "precached") document.documentElement.dataset.mglOffline = data.missing === 0 ? "ready" : "partial";
  });
  if (self.crossOriginIsolated) return;
  // Without a worker in control (a first visit, a hard reload) this page reloads in a moment, and comes back
  // through the worker, which fetches the site's files compressed. So it stops loading here: its styles, scripts and
  // search index would come uncompressed, to be used for a moment (0.5 MB more on a first visit). If the worker
  // cannot come, the page is loaded again in full, once, to say why (NO_STOP).
  const loadInFull = () => {
    try {
      sessionStorage.setItem(NO_STOP, "1");
    } catch {}
    location.reload();
  };
  let stopped = false;
  if (!workers.controller) {
    document.documentElement.dataset.mglPythonWaits = "service-worker"; // editors.js waits
    try {
      stopped = !sessionStorage.getItem(NO_STOP);
    } catch {} // no storage: load in full
    if (stopped) {
      window.stop();
      setTimeout(loadInFull, STOPPED_MS);
    }
  }
  const refused = (problem) => (stopped ? loadInFull() : say(problem));
  workers.register(me.dataset.serviceWorker, { scope: me.dataset.scope }).then(
    (registration) => {
      // Registered earlier, yet not in control: the page was loaded bypassing it (a hard reload).
      if (registration.active && !workers.controller) return location.reload();
      registration.installing?.addEventListener("statechange", ({ target }) => target.state === "redundant" &&
        refused("The service worker the editors need here could not be installed. Reloading the page tries again."));
    },
    (error) => refused(`This browser refused the service worker the editors need here (${error.message}).`),
  );
})();
