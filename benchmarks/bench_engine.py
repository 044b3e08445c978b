"""How fast is our engine next to karpathy's micrograd 0.1.0 on the demo notebook?

The task is the notebook's: 100 moons points (noise 0.1), MLP(2, [16, 16, 1]), SVM
max-margin loss + 1e-4 L2, full batch, SGD with lr = 1.0 - 0.9*k/100. Each engine
trains from the same initial weights (random.seed(1337)) and we time every step
(forward, zero_grad, backward, update) and take the median. Time is the CPU time of
this process where that clock is fine enough (CPython; see clock()), so other programs
on a shared machine do not count, and the configurations take turns, five steps at a
time, so that what load remains (caches, memory bandwidth) hits them alike.

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

# (name, engine, fast path, what the cyclic garbage collector does)
#   'on':     left alone, as any script that does not touch gc
#   'off':    disabled for the whole run; the graph is collected between steps, untimed
#             (the reference's graphs are reference cycles: only the collector frees them)
#   'paused': disabled during each step and enabled between steps, as demo.train does
#             (our graphs have no cycles, so `del loss` frees them at once)
CONFIGS = [
    ('reference, as shipped', 'ref', False, 'on'),
    ('reference, gc off', 'ref', False, 'off'),
    ('ours, scalar, gc on', 'ours', False, 'on'),
    ('ours, fast, gc on', 'ours', True, 'on'),
    ('ours, scalar, as train', 'ours', False, 'paused'),
    ('ours, fast, as train', 'ours', True, 'paused'),
]

# The targets: (our configuration, reference configuration, minimum speed-up).
# Against the reference as shipped we compare ours with gc left on too (like for like);
# against the reference with gc off, ours as demo.train runs it (gc paused per step).
TARGETS = [
    ('ours, scalar, gc on', 'reference, as shipped', 5),
    ('ours, scalar, as train', 'reference, gc off', 2),
    ('ours, fast, gc on', 'reference, as shipped', 40),
    ('ours, fast, as train', 'reference, gc off', 8),
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


def clock():
    """Seconds of CPU time used by this process, or of wall time where that is too coarse.

    CPU time leaves out the moments another program has the processor, which on a
    shared machine is most of the noise. Pyodide's process_time ticks only every
    10 ms, so there (a browser tab or Node, with nobody else in the process) we use
    the wall clock.
    """
    return _clock()


_clock = (time.process_time if time.get_clock_info('process_time').resolution <= 1e-6
          else time.perf_counter)


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


class Trainer:
    """One configuration's training run, advanced a few timed steps at a time."""

    def __init__(self, Value, MLP, X, y, fast, gc_mode):
        random.seed(1337)  # every configuration starts from the same weights
        self.model = MLP(2, [16, 16, 1], fast=True) if fast else MLP(2, [16, 16, 1])
        self.Value, self.total = Value, (Value.sum if fast else sum)
        self.X, self.y, self.gc_mode = X, y, gc_mode
        self.k, self.times, self.losses, self.nodes = 0, [], [], 0

    def run(self, steps):
        """Trains as the notebook does for `steps` more steps, timing each one."""
        gc.collect()  # untimed: start on a clean heap, whatever ran before
        if self.gc_mode == 'off':
            gc.disable()
        try:
            for _ in range(steps):
                k = self.k
                if self.gc_mode == 'paused':
                    gc.disable()
                t0 = clock()
                loss = notebook_loss(self.model, self.Value, self.total, self.X, self.y)
                self.model.zero_grad()
                loss.backward()
                for p in self.model.parameters():
                    p.data -= (1.0 - 0.9*k/100) * p.grad
                self.times.append(clock() - t0)
                self.losses.append(loss.data)
                if k == 0:
                    self.nodes = count_nodes(loss)
                del loss  # as in a loop that keeps nothing
                if self.gc_mode == 'off':
                    gc.collect()  # untimed: the reference's graphs are cycles, freed only by the collector
                elif self.gc_mode == 'paused':
                    gc.enable()
                self.k += 1
        finally:
            gc.enable()

    def result(self):
        return {'median_s': statistics.median(self.times), 'min_s': min(self.times),
                'nodes': self.nodes, 'losses': self.losses, 'times_s': self.times}


def run_all(X, y, steps, ref_dir=REF_DIR, block=5):
    """Measures every configuration; returns the results as a JSON-able dict.

    The configurations take turns, `block` steps each, so that a machine that is
    busier at one moment than another slows them all alike.
    """
    ref_engine, ref_nn = import_reference(ref_dir)
    from micrograd.engine import Value
    from micrograd.nn import MLP
    engines = {'ref': (ref_engine.Value, ref_nn.MLP), 'ours': (Value, MLP)}
    trainers = [Trainer(*engines[engine], X, y, fast, gc_mode) for _, engine, fast, gc_mode in CONFIGS]
    for start in range(0, steps, block):
        for t in trainers:
            t.run(min(block, steps - start))
    results = [{'name': name, 'engine': engine, 'fast': fast, 'gc': gc_mode, **t.result()}
               for (name, engine, fast, gc_mode), t in zip(CONFIGS, trainers)]
    return {'python': sys.version.split()[0], 'platform': sys.platform, 'steps': steps,
            'clock': 'process_time' if _clock is time.process_time else 'perf_counter', 'results': results}


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
    print(f"Python {res['python']} ({res['platform']}), {res['steps']} steps per configuration, "
          f"clock {res.get('clock', '?')}")
    print(f"{'configuration':24} {'gc':>6} {'s/step':>9} {'min':>9} {'nodes/step':>11}")
    for r in res['results']:
        print(f"{r['name']:24} {r['gc']:>6} {r['median_s']:9.4f} {r['min_s']:9.4f} {r['nodes']:11d}")
    print("(gc: on = left alone; off = disabled for the run; paused = off during each step, as demo.train)")
    shipped, gc_off = rows['reference, as shipped']['median_s'], rows['reference, gc off']['median_s']
    print(f"{'speed-up vs reference':24} {'as shipped':>10} {'gc off':>9}")
    for name, _, _, _ in CONFIGS[2:]:
        t = rows[name]['median_s']
        print(f"{name:24} {shipped / t:9.1f}x {gc_off / t:8.1f}x")
    print('targets (medians):')
    for ours, ref, goal in TARGETS:
        x = rows[ref]['median_s'] / rows[ours]['median_s']
        print(f"  {ours:24} vs {ref:22} {x:6.1f}x  (goal >= {goal}x) {'met' if x >= goal else 'NOT met'}")
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
