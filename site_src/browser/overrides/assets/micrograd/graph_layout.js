// Lays out graphs with Graphviz (viz-js, compiled to WebAssembly) in a worker, off the page's main thread, so
// a big graph does not freeze the page. graphs.js starts it the first time a graph is shown: DOT in, SVG out.
import { instance } from "../../runtime/viz/viz.js";

const viz = instance();

onmessage = async ({ data: { id, source } }) => {
  try {
    postMessage({ id, svg: (await viz).renderString(source, { format: "svg" }) });
  } catch (error) {
    postMessage({ id, error: String(error?.message ?? error) });
  }
};
