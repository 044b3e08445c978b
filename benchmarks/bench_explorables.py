"""How fast do the pages' explorables answer a control, and how soon can a page plot? (headless Chromium)

On the built site, in a browser profile kept on disk (bench_browser.py's helpers: its server, proxy, profile):

1. Derivatives, revisit: from navigation to the page's Python ready, and to the plot editor's figure in the page
   when its Run is clicked as soon as the page is ready ("ready to plot": matplotlib loaded, pyplot imported, the
   figure drawn), both timed in the page; the median of VISITS revisits, and their range. As the reference in the
   same run, one visit more with what import_cache.py keeps forgotten (matplotlib compiled from source and its font
   list built, as before it kept them);
2. control → output redrawn, median of 21 moves of a slider by one step (its value set and its input event
   fired, as a drag or an arrow key does; timed in the page until the new output is in): Derivatives' x slider (a matplotlib figure and a line of text), Backprop's nudge slider
   (a line of text and the graph laid out by Graphviz), and, as the reference in the same run, the same
   Derivatives function with its figure replaced by a print (what the round trip costs without matplotlib);
3. matplotlib's share, measured inside Pyodide: the Derivatives figure built and turned into the page's SVG
   (figures.figure_html), median of 11.

    .venv/bin/python benchmarks/bench_explorables.py [--site DIR] [--json PATH]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

import bench_browser
import course_pages
from bench_browser import REPO, TIMELINE, new_profile
from pages import RUN, RUNTIME_TIMEOUT_MS, open_isolated, wait_until_page_ready
from playwright.sync_api import expect, sync_playwright
from serving import RefusingProxy, serve

FORGET_KEPT_IMPORTS = "caches.delete('micrograd-live-imports')"  # import_cache.py's CACHE
TARGETS = {'redraw_1d_ms': 100, 'redraw_graph_ms': 100, 'ready_to_plot_ms': 3000}
MOVES = 21
VISITS = 5  # revisits of Derivatives measured (their median is reported)

# From each move of the box's last slider to its next redraw (data-mgl-draws changes; a graph in it laid out).
TIME_MOVES = """async ([box, moves]) => {
  const element = document.getElementById(box);
  const control = element.querySelector("input[type=range]:last-of-type");
  const times = [];
  for (let i = 0; i < moves; i++) {
    const before = element.dataset.mglDraws;
    const t = performance.now();
    control.focus();
    control.value = Number(control.value) + (i % 2 ? -1 : 1) * Number(control.step);
    control.dispatchEvent(new Event("input", { bubbles: true }));
    while (element.dataset.mglDraws === before) await new Promise((r) => setTimeout(r, 1));
    const graph = element.querySelector(".mgl-graph");
    while (graph && !["drawn", "failed"].includes(graph.dataset.mglGraph)) await new Promise((r) => requestAnimationFrame(r));
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(moves / 2)];
}"""

IN_PYODIDE = """
import time, statistics, figures
times = []
for _ in range(11):
    t = time.perf_counter()
    xs = np.arange(-5, 5, 0.25)
    plt.figure(figsize=(6, 3.5))
    plt.plot(xs, f(xs), label="f(x)"); plt.plot(xs, f(3.0) + 14 * (xs - 3.0), "--", label="slope from h")
    plt.plot([3.0], [f(3.0)], "o"); plt.ylim(-20, 110); plt.title("the slope"); plt.xlabel("x"); plt.legend()
    figures.figure_html(plt.gcf())
    plt.close("all")
    times.append((time.perf_counter() - t) * 1000)
print(f"MEDIAN {statistics.median(times):.1f}")
"""
PRINT_ONLY = """
from ipywidgets import interact
@interact(x=(-3.0, 4.0, 0.1), h=[1.0, 0.1, 0.001, 1e-6, 1e-13])
def tangent(x=3.0, h=0.001):
    estimate = (f(x + h) - f(x)) / h
    print(f"x = {x:.1f}:  (f(x+h) - f(x))/h = {estimate:.6f}   exact 6x - 4 = {6*x - 4:.6f}")
"""


def run_editor(page, editor):
    editor.get_by_role("button", name=RUN).click()
    expect(editor.locator(".py-editor-run-button.running")).to_have_count(0, timeout=RUNTIME_TIMEOUT_MS)


def run_code(page, editor, code):
    """Type `code` into `editor` as a reader would (select all, then one input) and run it."""
    editor.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)
    run_editor(page, editor)
    return editor.locator(".py-editor-output").inner_text()


def first_plotting(page, base):
    """1. ms from navigation to Python ready, and to the plot editor's figure in the page with Run clicked when
    the page is ready, both as the page saw them (bench_browser's timeline: polling from here would see the figure
    up to half a second late); and the visit's timeline (the Python worker's start, matplotlib's load)."""
    page.goto(base + "derivatives/")
    editors = page.locator(".mgl-editor")
    editors.first.get_by_role("button", name=RUN).click()  # f, which the plot uses: queued until Python is ready
    wait_until_page_ready(page)
    editors.nth(1).get_by_role("button", name=RUN).click()
    editors.nth(1).locator(".mgl-figure").wait_for(timeout=RUNTIME_TIMEOUT_MS)
    timeline = page.evaluate(TIMELINE)
    at = dict(reversed(timeline))  # each step's first time
    return at["python ready"], at["figure shown"], timeline


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--site', help='an already built site; default: build one')
    parser.add_argument('--json', help='where to write the figures')
    args = parser.parse_args()
    bench_browser.TMP = tempfile.mkdtemp(prefix='bench_explorables_')
    site = args.site or os.path.join(bench_browser.TMP, 'site')
    if not args.site:
        subprocess.run([os.path.join(REPO, '.venv', 'bin', 'mkdocs'), 'build', '--strict', '-q', '-d', site],
                       cwd=REPO, check=True, env={**os.environ, 'NO_MKDOCS_2_WARNING': '1'}, timeout=600)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    proxy = RefusingProxy().start()
    r = {}
    with sync_playwright() as playwright:
        context = new_profile(playwright, proxy)
        page = context.pages[0]
        open_isolated(page, base + "derivatives/")  # the first visit: service worker, caches, snapshot
        page.locator("html[data-mgl-snapshot=ready], html[data-mgl-snapshot=failed]").wait_for(
            state="attached", timeout=5 * RUNTIME_TIMEOUT_MS)  # made in the background: slow on a busy machine
        first_plotting(page, base)  # the second visit compiles the WebAssembly for the profile
        visits = sorted((first_plotting(page, base) for _ in range(VISITS)), key=lambda visit: visit[1])
        r['python_ready_ms'], r['ready_to_plot_ms'], timeline = visits[VISITS // 2]  # the median visit
        r['ready_to_plot_range_ms'] = f"{visits[0][1]}-{visits[-1][1]}"
        page.evaluate(FORGET_KEPT_IMPORTS)  # the reference: the same visit, matplotlib imported from source
        _, r['ready_to_plot_no_kept_imports_ms'], reference = first_plotting(page, base)

        editors = page.locator(".mgl-editor")
        explorable = next(i for i, code in enumerate(course_pages.editors("derivatives")) if "@interact" in code)
        for i in range(2, explorable + 1):
            run_editor(page, editors.nth(i))
        box = editors.nth(explorable).locator(".mgl-interact").get_attribute("id")
        r['redraw_1d_ms'] = round(page.evaluate(TIME_MOVES, [box, MOVES]))
        print(r, flush=True)
        out = run_code(page, editors.nth(explorable), IN_PYODIDE)
        r['matplotlib_svg_ms'] = float(out.split("MEDIAN")[1])
        run_code(page, editors.nth(explorable), PRINT_ONLY)
        box = editors.nth(explorable).locator(".mgl-interact").get_attribute("id")
        r['redraw_print_only_ms'] = round(page.evaluate(TIME_MOVES, [box, MOVES]))

        page.goto(base + "backprop/")
        wait_until_page_ready(page)
        editors = page.locator(".mgl-editor")
        nudge = next(i for i, code in enumerate(course_pages.editors("backprop")) if "def nudged" in code)
        for i in range(nudge + 1):
            run_editor(page, editors.nth(i))
        box = editors.nth(nudge).locator(".mgl-interact").get_attribute("id")
        page.wait_for_function("(id) => document.querySelector(`#${id} .mgl-graph[data-mgl-graph=drawn]`)", arg=box,
                               timeout=RUNTIME_TIMEOUT_MS)
        r['redraw_graph_ms'] = round(page.evaluate(TIME_MOVES, [box, MOVES]))
        context.close()
    server.shutdown()
    proxy.shutdown()
    shutil.rmtree(bench_browser.TMP, ignore_errors=True)

    for name, steps in (("the measured visit", timeline), ("the reference visit, no kept imports", reference)):
        print(f"timeline of {name} (ms after navigation): " + "; ".join(f"{step} {at}" for step, at in steps))
    print(f"{'measure':<34}{'value':>10}{'target':>10}")
    for key, value in r.items():
        target = TARGETS.get(key)
        verdict = '' if target is None else ('  met' if value <= target else '  NOT met')
        print(f"{key:<34}{value:>10}{'' if target is None else target:>10}{verdict}")
    if args.json:
        with open(args.json, 'w') as f:
            json.dump({'results': r, 'timeline': timeline, 'reference_timeline': reference, 'targets': TARGETS, 'requests_that_left': proxy.attempts}, f, indent=1)
    if proxy.attempts:
        print(f"WARNING: requests tried to leave this machine: {proxy.attempts}", file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
