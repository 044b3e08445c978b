"""How fast does the tiny GPT of docs/gpt.md train, with Value.dot and with micrograd's scalar nodes?

One step is the page's: one training name, forward, backward, an Adam update, with the page's default model
(site_src/pyodide/modules/tinygpt.py's Config: 4,192 parameters). Both paths train from the same weights on the
same names and take turns, a few steps at a time, so that a busy machine slows them alike; the time is the median
step, on bench_engine's clock (CPU time in CPython, wall time in Pyodide). Then, as the page's default run does,
1,000 fast steps, and the validation loss they reach.

    python benchmarks/bench_gpt.py [--steps N] [--pyodide] [--browser] [--json PATH]

`--pyodide` measures inside Pyodide 0.27.7 under Node.js (bench_engine.run_in_pyodide) as well as in this CPython;
`--browser` builds the site and trains the page itself in headless Chromium (bench_browser's helpers): the page
ready to train on a revisit, every step's time (drawn, every 100th with the validation loss and samples), 1,000
steps, and the loss they reach.
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [os.path.join(REPO, 'site_src', 'pyodide', 'modules'), os.path.join(REPO, 'benchmarks')]

import bench_engine  # noqa: E402

GOAL_STEP_S = 0.050  # the issue's: one step of the default model in Chromium
TRAIN_STEPS = 1000  # the page's default run


def run_all(steps=20, block=5, train_steps=TRAIN_STEPS):
    """Median seconds per step of each path, and the validation loss after `train_steps` fast steps."""
    from first_names import split
    from tinygpt import Adam, Config, init, mean_loss, parameters, train_step

    train, val = split(seed=42)
    runs = {}
    for fast in (True, False):
        config = Config(fast=fast)
        params = init(config, seed=42)
        runs[fast] = {'config': config, 'params': params, 'optimizer': Adam(parameters(params)), 'times': [],
                      'losses': []}
    for start in range(0, steps, block):
        for run in runs.values():
            for k in range(start, min(steps, start + block)):
                t0 = bench_engine.clock()
                loss = train_step(run['params'], run['optimizer'], train[k], run['config'])
                run['times'].append(bench_engine.clock() - t0)
                run['losses'].append(loss)
    config = Config()
    params = init(config, seed=42)
    optimizer = Adam(parameters(params))
    t0 = time.perf_counter()
    for k in range(train_steps):
        train_step(params, optimizer, train[k % len(train)], config, lr=0.01 * (1 - k / train_steps))
    trained_s = time.perf_counter() - t0
    return {
        'python': sys.version.split()[0], 'platform': sys.platform, 'steps': steps, 'clock': bench_engine.clock.__name__,
        'fast_step_s': statistics.median(runs[True]['times']), 'scalar_step_s': statistics.median(runs[False]['times']),
        'losses_agree': max(abs(a - b) for a, b in zip(runs[True]['losses'], runs[False]['losses'])),
        'train_steps': train_steps, 'train_s': trained_s,
        'val_loss_page': mean_loss(params, val[:100], config), 'val_loss_all': mean_loss(params, val, config),
    }


def report(where, res):
    fast, scalar = res['fast_step_s'], res['scalar_step_s']
    print(f"{where} (Python {res['python']}, {res['platform']}, {res['steps']} steps a path, clock {res['clock']})")
    print(f"  one step, fast path (Value.dot):   {fast * 1000:7.1f} ms")
    print(f"  one step, scalar (micrograd nodes): {scalar * 1000:7.1f} ms   ({scalar / fast:.1f}x the fast path)")
    print(f"  losses of the two paths agree to {res['losses_agree']:.1e}")
    print(f"  {res['train_steps']} fast steps: {res['train_s']:.1f} s; validation loss {res['val_loss_page']:.3f} on "
          f"the page's 100 names, {res['val_loss_all']:.3f} on all 516 (ln 27 = {math.log(27):.3f})")


def in_browser(site, steps):
    """The page itself in headless Chromium: ready on a revisit, then `steps` steps of Train with the defaults."""
    import bench_browser
    from bench_browser import MARK_STEPS, RUNTIME_TIMEOUT_MS, new_profile, until_python_ready
    from serving import RefusingProxy, serve
    from playwright.sync_api import sync_playwright

    bench_browser.TMP = tempfile.mkdtemp(prefix='bench_gpt_')
    server = serve(site)
    proxy = RefusingProxy().start()
    url = f"http://127.0.0.1:{server.server_address[1]}/gpt/?steps={steps}"
    with sync_playwright() as playwright:
        context = new_profile(playwright, proxy)
        page = context.pages[0]
        bench_browser.open_isolated(page, url)  # a first visit in this profile: the snapshot is made after it,
        # in the background, while the reader reads (bench_browser's revisits wait for it the same way)
        page.locator("html[data-mgl-snapshot=ready]").wait_for(state="attached", timeout=RUNTIME_TIMEOUT_MS)
        ready_ms = until_python_ready(page, url)
        started_from = page.evaluate("document.documentElement.dataset.mglPythonFrom")
        page.evaluate(MARK_STEPS, "gpt")
        page.get_by_role("button", name="Train", exact=True).click()
        last = f"{steps} / {steps}"
        page.wait_for_function(f"() => window.marks['{last}']", timeout=steps * 1000 + 120_000)
        marks = page.evaluate("() => window.marks")
        gaps = [(marks[f"{n + 1} / {steps}"] - marks[f"{n} / {steps}"]) / 1000 for n in range(1, steps)]
        res = {'revisit_ready_ms': ready_ms, 'revisit_from': started_from, 'steps': steps, 'step_s': statistics.median(gaps),
               'run_s': (marks[last] - marks['click']) / 1000,
               'val_loss': float(page.locator("#gpt-val").text_content()),
               'samples': page.locator("#gpt-samples li").all_text_contents()}
        context.close()
    server.shutdown()
    proxy.shutdown()
    return res


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--steps', type=int, default=20, help='timed steps per path')
    parser.add_argument('--pyodide', action='store_true', help='also inside Pyodide under Node.js')
    parser.add_argument('--browser', action='store_true', help='also the page in headless Chromium')
    parser.add_argument('--json', help='also write the results to this file')
    args = parser.parse_args()

    results = {'cpython': run_all(args.steps)}
    report('CPython', results['cpython'])
    if args.pyodide:
        results['pyodide'] = bench_engine.run_in_pyodide('bench_gpt', {'steps': args.steps})
        report('Pyodide under Node.js', results['pyodide'])
    if args.browser:
        site = tempfile.mkdtemp(prefix='bench_gpt_site_')
        subprocess.run([os.path.join(REPO, '.venv', 'bin', 'mkdocs'), 'build', '--strict', '-q', '-d', site],
                       cwd=REPO, check=True, env={**os.environ, 'NO_MKDOCS_2_WARNING': '1'}, timeout=600)
        b = results['browser'] = in_browser(site, TRAIN_STEPS)
        print(f"Chromium, the page: ready (Python, every editor drawn) {b['revisit_ready_ms']} ms after navigation "
              f"on a revisit (Python from: {b['revisit_from']}); "
              f"one step {b['step_s'] * 1000:.1f} ms (median, drawn; goal <= {GOAL_STEP_S * 1000:.0f} ms: "
              f"{'met' if b['step_s'] <= GOAL_STEP_S else 'NOT met'}); {b['steps']} steps {b['run_s']:.1f} s; "
              f"validation loss {b['val_loss']:.3f}; names: {', '.join(b['samples'])}")
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(results, f, indent=1)


if __name__ == '__main__':
    main()
