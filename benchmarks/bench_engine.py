"""How fast is our engine next to karpathy's micrograd 0.1.0 on the demo notebook?

The task is the notebook's: 100 moons points (noise 0.1), MLP(2, [16, 16, 1]), SVM
max-margin loss + 1e-4 L2, full batch, SGD with lr = 1.0 - 0.9*k/100. Each engine
trains from the same initial weights (random.seed(1337)) and we time every step
(forward, zero_grad, backward, update) and take the median. Time is the CPU time of
this process where that clock is fine enough (CPython; see `clock`), so other programs
on a shared machine do not count, and the configurations take turns, five steps at a
time, so that what load remains (caches, memory bandwidth) hits them alike.

karpathy's micrograd also imports as `micrograd`, so it is not installed:
tests/helpers/karpathy.py imports it from its wheel (scripts/setup downloads it) as
`karpathy_micrograd`.

    python benchmarks/bench_engine.py [--steps N] [--json PATH] [--pyodide] [--baseline REV]

`--pyodide` runs the same measurement inside Pyodide 0.27.7 under Node.js
(benchmarks/pyodide_runner.mjs) instead of this CPython. `--baseline REV` also times our
engine as it was at git revision REV (its micrograd_pkg/engine.py and nn.py), taking turns
with today's, to tell what a change to the engine costs.
"""
import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
import types

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(REPO, '.cache', 'bench')
sys.path.insert(0, os.path.join(REPO, 'tests', 'helpers'))

import karpathy  # noqa: E402

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


# Seconds of CPU time used by this process, or of wall time where that is too coarse. CPU time leaves out the
# moments another program has the processor, which on a shared machine is most of the noise. Pyodide's
# process_time ticks only every 10 ms, so there (a browser tab or Node, with nobody else in the process) we use
# the wall clock.
clock = (time.process_time if time.get_clock_info('process_time').resolution <= 1e-6
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


def count_nodes(root):
    """Number of Values in the graph below root (inputs and parameters included)."""
    seen, stack = {root}, [root]
    while stack:
        for child in stack.pop()._prev:
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return len(seen)


def backward_times(sizes=(20_000, 200_000)):
    """[(size, seconds)]: how long our backward() takes on a chain of additions of each size. In linear time,
    10x the nodes take about 10x as long (in quadratic time, 100x)."""
    from micrograd.engine import Value

    times = []
    for n in sizes:
        x = y = Value(1.0)
        for _ in range(n):
            y = y + x
        t0 = clock()
        y.backward()
        times.append((n, clock() - t0))
    return times


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
                loss = karpathy.notebook_loss(self.model, self.Value, self.X, self.y, self.total)
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


BASELINE = 'baseline_micrograd'
BASELINE_CONFIGS = [('baseline, scalar, gc on', 'base', False, 'on'), ('baseline, fast, gc on', 'base', True, 'on'),
                    ('baseline, scalar, as train', 'base', False, 'paused'),
                    ('baseline, fast, as train', 'base', True, 'paused')]


def load_baseline(rev):
    """Our engine and nn as they were at git revision `rev`, as the package `baseline_micrograd`."""
    package = types.ModuleType(BASELINE)
    package.__path__ = []
    sys.modules[BASELINE] = package
    for name in ('engine', 'nn'):  # nn imports engine
        source = subprocess.run(['git', '-C', REPO, 'show', f'{rev}:micrograd_pkg/{name}.py'], check=True,
                                capture_output=True, text=True).stdout.replace('from micrograd.', f'from {BASELINE}.')
        module = types.ModuleType(f'{BASELINE}.{name}')
        module.__file__ = f'{rev}:micrograd_pkg/{name}.py'
        sys.modules[module.__name__] = module
        exec(compile(source, module.__file__, 'exec'), module.__dict__)
        setattr(package, name, module)
    return package


def run_all(X, y, steps, ref_wheel=karpathy.WHEEL, block=5, baseline=None):
    """Measures every configuration; returns the results as a JSON-able dict.

    The configurations take turns, `block` steps each, so that a machine that is
    busier at one moment than another slows them all alike.
    """
    reference = karpathy.load(ref_wheel)
    from micrograd.engine import Value
    from micrograd.nn import MLP
    engines = {'ref': (reference.engine.Value, reference.nn.MLP), 'ours': (Value, MLP)}
    configs = CONFIGS
    if baseline:
        base = load_baseline(baseline)
        engines['base'] = (base.engine.Value, base.nn.MLP)
        configs = CONFIGS + BASELINE_CONFIGS
    trainers = [Trainer(*engines[engine], X, y, fast, gc_mode) for _, engine, fast, gc_mode in configs]
    for start in range(0, steps, block):
        for t in trainers:
            t.run(min(block, steps - start))
    results = [{'name': name, 'engine': engine, 'fast': fast, 'gc': gc_mode, **t.result()}
               for (name, engine, fast, gc_mode), t in zip(configs, trainers)]
    return {'python': sys.version.split()[0], 'platform': sys.platform, 'steps': steps,
            'clock': clock.__name__, 'results': results, 'backward_s': backward_times()}


def run_pyodide(X, y, steps):
    """Runs run_all inside Pyodide under Node.js; returns its results."""
    return run_in_pyodide('bench_engine', {'X': X, 'y': y, 'steps': steps, 'ref_wheel': '/bench/ref.whl'})


def run_in_pyodide(module, kwargs):
    """`module.run_all(**kwargs)` (a module of benchmarks/) inside Pyodide under Node.js; returns its results."""
    os.makedirs(CACHE, exist_ok=True)
    config = os.path.join(CACHE, f'pyodide_{module}.json')
    with open(config, 'w') as f:
        json.dump({'module': module, 'kwargs': kwargs, 'repo': REPO, 'ref_wheel': str(karpathy.WHEEL)}, f)
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
    if 'baseline, scalar, gc on' in rows:
        print('against the baseline (our engine at --baseline), medians; below 1.00 is faster:')
        for name in ('scalar, gc on', 'fast, gc on', 'scalar, as train', 'fast, as train'):
            x = rows[f'ours, {name}']['median_s'] / rows[f'baseline, {name}']['median_s']
            print(f"  ours / baseline, {name:18} {x:5.2f} ({(x - 1) * 100:+.1f} %)")
    ref = rows['reference, as shipped']['losses']
    worst = max(abs(a - b) for r in res['results'] for a, b in zip(r['losses'], ref))
    if 'backward_s' in res:
        (small, t_small), (big, t_big) = res['backward_s']
        x = t_big / t_small
        print(f"backward of a chain, {big:,} vs {small:,} nodes: {x:.1f}x the time "
              f"(linear: {big / small:.0f}x; goal < {3 * big / small:.0f}x) {'met' if x < 3 * big / small else 'NOT met'}")
    print(f"loss trajectories agree: max |difference| = {worst:.2e} "
          f"(step 0 loss {ref[0]!r}, last step {ref[-1]!r})")
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--steps', type=int, default=20, help='training steps per configuration')
    parser.add_argument('--json', help='also write the results to this file')
    parser.add_argument('--pyodide', action='store_true', help='measure inside Pyodide under Node.js')
    parser.add_argument('--baseline', metavar='REV', help="also time our engine as it was at this git revision")
    args = parser.parse_args()

    os.makedirs(CACHE, exist_ok=True)
    X, y = moons()
    res = run_pyodide(X, y, args.steps) if args.pyodide else run_all(X, y, args.steps, baseline=args.baseline)
    worst = report(res)
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(res, f, indent=1)
    if worst > 1e-9:
        sys.exit('loss trajectories differ')


if __name__ == '__main__':
    main()
