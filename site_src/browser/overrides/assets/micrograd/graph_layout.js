// Lays out graphs with Graphviz (viz-js, compiled to WebAssembly) in a worker, off the page's main thread, so
// a big graph does not freeze the page. graphs.js starts it the first time a graph is shown: DOT in, SVG out,
// cut here into pieces the page can add a few at a time.
import { instance } from "../../runtime/viz/viz.js";

let viz = instance();
// Graphviz lays out by recursion, on the browser's small stack: a long chain (draw_dot(..., max_nodes=None) on
// thousands of values) overflows it. That graph is refused in words, and the next is laid out by a fresh Graphviz.
const TOO_BIG = "it is too big for Graphviz in a browser, which ran out of stack laying it out. Draw a part of it: " +
  "draw_dot's default max_nodes (500) is known to draw.";
const GROUP = /<g id="(?:node|edge)\d+" class="([^"]*)">\s*<title>([^<]*)<\/title>/g;

// Graphviz's SVG without its prolog, comments and titles (graphs.css sets the font every text repeats): a `shell`
// (the <svg> and its empty top group) and one string per node and edge, tagged with its DOT name (n0, n0_op,
// n0->n1_op) so the page can find it without searching.
const cut = (svg) => {
  svg = svg.slice(svg.indexOf("<svg")).replace(/<!--[\s\S]*?-->\n?/g, "")
    .replace(/ font-family="Times,serif" font-size="14.00"/g, "");
  const starts = [...svg.matchAll(GROUP)];
  if (!starts.length) return { shell: svg, groups: [] };
  const end = svg.lastIndexOf("</g>");
  const groups = starts.map((match, i) => {
    const name = match[2].replaceAll("&#45;", "-").replaceAll("&gt;", ">");
    const tag = match[1].startsWith("edge") ? "data-edge" : "data-node";
    const body = svg.slice(match.index + match[0].length, i + 1 < starts.length ? starts[i + 1].index : end);
    return `<g class="${match[1]}" ${tag}="${name}">${body}`;
  });
  return { shell: svg.slice(0, starts[0].index) + svg.slice(end), groups };
};

onmessage = async ({ data: { id, source } }) => {
  try {
    postMessage({ id, ...cut((await viz).renderString(source, { format: "svg" })) });
  } catch (error) {
    const outOfStack = error instanceof RangeError;
    if (outOfStack) viz = instance();
    postMessage({ id, error: outOfStack ? TOO_BIG : String(error?.message ?? error) });
  }
};
