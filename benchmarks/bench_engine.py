"""How fast is our engine next to karpathy's micrograd 0.1.0 on the demo notebook?

The task is the notebook's: 100 moons points (noise 0.1), MLP(2, [16, 16, 1]), SVM
max-margin loss + 1e-4 L2, full batch, SGD with lr = 1.0 - 0.9*k/100. Each engine
trains from the same initial weights (random.seed(1337)) and we time every step
(forward, zero_grad, backward, update) and take the median.

karpathy's micrograd also imports as `micrograd`, so it is not installed: this script
downloads its wheel once into .cache/bench/ and imports it as `ref_micrograd`.

    python benchmarks/bench_engine.py [--steps N] [--json PATH] [--pyodide]

`--pyodide` runs the same measurement inside Pyodide 0.27.7 under Node.js
(benchmarks/pyodide_runner.mjs) instead of this CPython.
"""
import argparse
import gc
import importlib
import json
import os
import random
import statistics
import subprocess
import sys
import time
import zipfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(REPO, '.cache', 'bench')
REF_WHEEL = 'micrograd-0.1.0-py3-none-any.whl'
REF_DIR = os.path.join(CACHE, 'ref')  # the unpacked wheel: REF_DIR/micrograd/*.py

# (name, engine, fast path, cyclic garbage collector on)
CONFIGS = [
    ('reference, as shipped', 'ref', False, True),
    ('reference, gc off', 'ref', False, False),
    ('ours, scalar', 'ours', False, True),
    ('ours, fast', 'ours', True, True),
    ('ours, scalar, gc off', 'ours', False, False),
    ('ours, fast, gc off', 'ours', True, False),
]


def fetch_reference():
    """Downloads and unpacks micrograd 0.1.0 into .cache/bench/ref (once)."""
    if os.path.exists(os.path.join(REF_DIR, 'micrograd', 'nn.py')):
        return
    wheel = os.path.join(CACHE, REF_WHEEL)
    if not os.path.exists(wheel):
        subprocess.run([sys.executable, '-m', 'pip', 'download', '--no-deps', 'micrograd==0.1.0',
                        '-d', CACHE], check=True)
    with zipfile.ZipFile(wheel) as z:
        z.extractall(REF_DIR)


def import_reference(ref_dir=REF_DIR):
    """Imports the reference's engine and nn as `ref_micrograd.engine` / `ref_micrograd.nn`.

    Its nn.py says `from micrograd.engine import Value`, so for the duration of the
    import our `micrograd` modules step aside and the wheel's directory goes first on
    sys.path; afterwards the wheel's modules are renamed and ours put back.
    """
    def is_micrograd(name):
        return name == 'micrograd' or name.startswith('micrograd.')
    ours = {name: sys.modules.pop(name) for name in list(sys.modules) if is_micrograd(name)}
    sys.path.insert(0, ref_dir)
    try:
        engine = importlib.import_module('micrograd.engine')
        nn = importlib.import_module('micrograd.nn')
    finally:
        sys.path.remove(ref_dir)
        for name in [name for name in sys.modules if is_micrograd(name)]:
            sys.modules['ref_' + name] = sys.modules.pop(name)
        sys.modules.update(ours)
    return engine, nn


def moons():
    """The notebook's data as plain lists (made in a separate CPython, which has numpy)."""
    code = ("import json, numpy as np\n"
            "from micrograd.data import make_moons\n"
            "np.random.seed(1337)\n"
            "X, y = make_moons(n_samples=100, noise=0.1)\n"
            "print(json.dumps([X.tolist(), (y*2-1).tolist()]))\n")
    out = subprocess.run([sys.executable, '-c', code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def notebook_loss(model, Value, total, X, y, alpha=1e-4):
    """The notebook's loss(), for any engine; `total` is how to add up many Values."""
    inputs = [list(map(Value, xrow)) for xrow in X]
    scores = list(map(model, inputs))
    losses = [(1 + -yi*scorei).relu() for yi, scorei in zip(y, scores)]
    data_loss = total(losses) * (1.0 / len(losses))
    reg_loss = alpha * total((p*p for p in model.parameters()))
    return data_loss + reg_loss


def count_nodes(root):
    """Number of Values in the graph below root (inputs and parameters included)."""
    seen, stack = {root}, [root]
    while stack:
        for child in stack.pop()._prev:
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return len(seen)


def measure(Value, MLP, X, y, steps, fast, gc_on):
    """Trains as the notebook does for `steps` steps; returns timings and the losses."""
    random.seed(1337)
    model = MLP(2, [16, 16, 1], fast=True) if fast else MLP(2, [16, 16, 1])
    total = Value.sum if fast else sum
    times, losses, nodes = [], [], 0
    gc.collect()
    if not gc_on:
        gc.disable()
    try:
        for k in range(steps):
            t0 = time.perf_counter()
            loss = notebook_loss(model, Value, total, X, y)
            model.zero_grad()
            loss.backward()
            for p in model.parameters():
                p.data -= (1.0 - 0.9*k/100) * p.grad
            times.append(time.perf_counter() - t0)
            losses.append(loss.data)
            if k == 0:
                nodes = count_nodes(loss)
            del loss  # as in a loop that keeps nothing: the next graph is built on a clean heap
            if not gc_on:
                gc.collect()  # untimed: the reference's graphs are cycles, freed only by the collector
    finally:
        gc.enable()
    return {'median_s': statistics.median(times), 'min_s': min(times), 'nodes': nodes, 'losses': losses}


def run_all(X, y, steps, ref_dir=REF_DIR):
    """Measures every configuration; returns the results as a JSON-able dict."""
    ref_engine, ref_nn = import_reference(ref_dir)
    from micrograd.engine import Value
    from micrograd.nn import MLP
    engines = {'ref': (ref_engine.Value, ref_nn.MLP), 'ours': (Value, MLP)}
    results = []
    for name, engine, fast, gc_on in CONFIGS:
        r = measure(*engines[engine], X, y, steps, fast, gc_on)
        results.append({'name': name, 'engine': engine, 'fast': fast, 'gc': gc_on, **r})
    return {'python': sys.version.split()[0], 'platform': sys.platform, 'steps': steps, 'results': results}


def run_pyodide(X, y, steps):
    """Runs run_all inside Pyodide under Node.js; returns its results."""
    config = os.path.join(CACHE, 'pyodide_config.json')
    with open(config, 'w') as f:
        json.dump({'X': X, 'y': y, 'steps': steps, 'repo': REPO, 'ref_dir': REF_DIR}, f)
    runner = os.path.join(REPO, 'benchmarks', 'pyodide_runner.mjs')
    out = subprocess.run(['node', runner, config], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(res):
    """Prints a table, the speed-ups, and whether the loss trajectories agree."""
    rows = {r['name']: r for r in res['results']}
    print(f"Python {res['python']} ({res['platform']}), {res['steps']} steps per configuration")
    print(f"{'configuration':24} {'s/step':>9} {'min':>9} {'nodes/step':>11}")
    for r in res['results']:
        print(f"{r['name']:24} {r['median_s']:9.4f} {r['min_s']:9.4f} {r['nodes']:11d}")
    shipped, gc_off = rows['reference, as shipped']['median_s'], rows['reference, gc off']['median_s']
    print('speed-up vs reference   as shipped    gc off')
    for name in ('ours, scalar', 'ours, fast', 'ours, scalar, gc off', 'ours, fast, gc off'):
        t = rows[name]['median_s']
        print(f"{name:24} {shipped / t:9.1f}x {gc_off / t:9.1f}x")
    ref = rows['reference, as shipped']['losses']
    worst = max(abs(a - b) for r in res['results'] for a, b in zip(r['losses'], ref))
    print(f"loss trajectories agree: max |difference| = {worst:.2e} "
          f"(step 0 loss {ref[0]!r}, last step {ref[-1]!r})")
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--steps', type=int, default=20, help='training steps per configuration')
    parser.add_argument('--json', help='also write the results to this file')
    parser.add_argument('--pyodide', action='store_true', help='measure inside Pyodide under Node.js')
    args = parser.parse_args()

    os.makedirs(CACHE, exist_ok=True)
    fetch_reference()
    X, y = moons()
    res = run_pyodide(X, y, args.steps) if args.pyodide else run_all(X, y, args.steps)
    worst = report(res)
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(res, f, indent=1)
    if worst > 1e-9:
        sys.exit('loss trajectories differ')


if __name__ == '__main__':
    main()
