"""Checks for the course's exercises: `from course import check_div; check_div(my_truediv)`.

Each check calls the reader's code on fresh random inputs and compares what it *does* with a reference, so
printing the right text can't pass it. It prints one line, "✅ Passed: …" or "❌ Not yet: <what went wrong>",
and returns None (so an editor that ends with the check shows only that line). A check never raises: whatever the
reader's code raises becomes the "Not yet" message.

Plain Python on top of micrograd; NumPy is imported only by the check that needs it.
"""

import contextlib
import io
import math
import random
import sys

import course_build
import course_net
from micrograd.engine import Value
from micrograd.nn import MLP

__all__ = [
    "catches",
    "check_numerical_grad", "check_div", "check_exp_backward", "check_tanh_backward", "check_n_params",
    "check_zero_grad", "check_training",
    "check_my_forward", "check_my_add_mul", "check_my_pow_exp_tanh", "check_my_backward",
    "check_my_mlp", "check_my_training", "check_my_moons", "check_softmax", "check_attention_weights",
    "TINY_XS", "TINY_YS", "TRAINING_SEEDS",
]

# micrograd's tiny data set (from the "building micrograd" lecture): four inputs, four targets.
TINY_XS = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
TINY_YS = [1.0, -1.0, -1.0, 1.0]

_rng = random.Random()  # our own generator: checking never moves the page's `random` state
# How a verdict line starts; the page finds the lines by these words (the build hands them to editors.js).
PASSED = "✅ Passed"
NOT_YET = "❌ Not yet"
CAUGHT = "🔎 Caught, as it should be"  # a check run on a bug planted on purpose, which it found


def _say(verdict):
    """Print a verdict line. In the page it shows even past the output cap, after a reader's code printed a flood
    (the page's stdout has `always_show`, site_src/pyodide/worker/output_limits.py); elsewhere it is a print."""
    always_show = getattr(sys.stdout, "always_show", None)
    if always_show:
        always_show(verdict)
    else:
        print(verdict)


def _passed(message):
    _say(f"{PASSED}: {message}")


def _not_yet(message):
    _say(f"{NOT_YET}: {message}")


def catches(check, *args):
    """Run `check` on code with a bug planted on purpose, as a demonstration: its "Not yet" is what it should
    say, so it is printed as such ("Caught, as it should be: …"); a pass would mean the check missed the bug."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        check(*args)
    text = printed.getvalue()
    if text.startswith(f"{NOT_YET}: "):
        print(f"{CAUGHT}: {text.removeprefix(f'{NOT_YET}: ')}", end="")
    else:
        _not_yet(f"the check missed the planted bug; it said: {text.strip()}")


def _raised(error):
    return f"your code raised {type(error).__name__}: {error}"


def _close(a, b, tol=1e-6):
    return isinstance(a, (int, float)) and not isinstance(a, bool) and math.isclose(a, b, rel_tol=tol, abs_tol=tol)


def _fmt(x):
    return f"{x:.6g}" if isinstance(x, (int, float)) and not isinstance(x, bool) else repr(x)


# ---- derivatives.md ---------------------------------------------------------------------------------------------

def check_numerical_grad(numerical_grad):
    """`numerical_grad(f, inputs, h)` must return the list of slopes df/d(input i), by nudging one input at a time."""
    functions = [
        ("f(a, b, c) = a*b + c", lambda a, b, c: a * b + c, lambda a, b, c: [b, a, 1.0]),
        ("f(a, b, c) = a**2 * c - 3*b", lambda a, b, c: a**2 * c - 3 * b, lambda a, b, c: [2 * a * c, -3.0, a**2]),
        ("f(a, b, c) = (a - b) * (b + c)", lambda a, b, c: (a - b) * (b + c),
         lambda a, b, c: [b + c, (a - b) - (b + c), a - b]),
    ]
    for name, f, slopes in functions:
        inputs = [round(_rng.uniform(-3, 3), 3) for _ in range(3)]
        copy = list(inputs)
        try:
            got = numerical_grad(f, inputs, 1e-6)
        except Exception as error:  # the reader's code: report it, don't crash the page
            return _not_yet(_raised(error))
        if got is None:
            return _not_yet("numerical_grad returned None: return the list of slopes, one per input.")
        if inputs != copy:
            return _not_yet("numerical_grad changed the list of inputs it was given: nudge a copy instead.")
        try:
            got = [float(g) for g in got]
        except (TypeError, ValueError):
            return _not_yet(f"numerical_grad should return a list of numbers, got {got!r}.")
        want = slopes(*inputs)
        if len(got) != len(want):
            return _not_yet(f"for {name} at {inputs} expected {len(want)} slopes (one per input), got {len(got)}.")
        for i, (g, w) in enumerate(zip(got, want)):
            if not math.isclose(g, w, rel_tol=1e-3, abs_tol=1e-3):
                return _not_yet(
                    f"for {name} at inputs {inputs}, the slope for input {i} should be about {w:.4f}, "
                    f"got {_fmt(g)}. Nudge only input {i} by h, then divide the change in f by h."
                )
    return _passed("your finite differences match the true slopes of three functions at random points.")


# ---- value.md ---------------------------------------------------------------------------------------------------

@contextlib.contextmanager
def _without_division():
    """Value's own `/` switched off: the exercise is to build it from `*` and `**`."""
    def refuse(self, other):
        raise TypeError("the built-in / of Value is switched off while this check runs: build the division from "
                        "* and ** (self * other**-1)")
    saved = Value.__truediv__, Value.__rtruediv__
    Value.__truediv__ = Value.__rtruediv__ = refuse
    try:
        yield
    finally:
        Value.__truediv__, Value.__rtruediv__ = saved


def check_div(my_truediv):
    """`my_truediv(self, other)` must compute self / other out of * and **, so that backward works through it."""
    with _without_division():
        return _check_div(my_truediv)


def _check_div(my_truediv):
    for _ in range(5):
        a_data = round(_rng.uniform(-5, 5), 3)
        b_data = round(_rng.choice([-1, 1]) * _rng.uniform(0.5, 5), 3)
        for other_is_number in (False, True):
            a, b = Value(a_data), Value(b_data)
            try:
                out = my_truediv(a, b_data if other_is_number else b)
            except Exception as error:
                return _not_yet(_raised(error))
            shown = f"{a_data} / {b_data}" if other_is_number else f"Value({a_data}) / Value({b_data})"
            if not isinstance(out, Value):
                return _not_yet(f"{shown} returned {out!r}, not a Value. Build the result from * and **.")
            if not _close(out.data, a_data / b_data):
                return _not_yet(f"{shown} gave data={_fmt(out.data)}, expected {a_data / b_data:.6g}.")
            out.backward()
            if not _close(a.grad, 1 / b_data):
                return _not_yet(
                    f"after backward() through {shown}, a.grad is {_fmt(a.grad)}, expected 1/b = {1 / b_data:.6g}. "
                    "Is the result built from `self`, so the graph reaches it?"
                )
            if not other_is_number and not _close(b.grad, -a_data / b_data**2):
                return _not_yet(
                    f"after backward() through {shown}, b.grad is {_fmt(b.grad)}, expected -a/b² = "
                    f"{-a_data / b_data**2:.6g}. Use `other ** -1` (a Value) rather than a plain number 1/other.data."
                )
    return _passed("data and gradients are right for Value / Value and Value / number on random inputs.")


# ---- backprop.md ------------------------------------------------------------------------------------------------

def _check_backward_rule(rule, name, forward, local_derivative, x_range):
    for _ in range(6):
        x_data = round(_rng.uniform(*x_range), 3)
        x = Value(x_data)
        out = Value(forward(x_data), (x,), name)
        out.grad = round(_rng.uniform(-2, 2), 3)
        start = round(_rng.uniform(-1, 1), 3)  # as if x had been used elsewhere already
        x.grad = start
        try:
            rule(x, out)
        except Exception as error:
            return _not_yet(_raised(error))
        added = local_derivative(x_data, out.data) * out.grad
        setup = f"x.data={x_data}, out.data={out.data:.6g}, out.grad={out.grad}, x.grad before={start}"
        if _close(x.grad, start):
            return _not_yet(f"x.grad did not change ({setup}). Add the chain-rule term to x.grad.")
        if _close(x.grad, added) and not _close(added, start + added):
            return _not_yet(
                f"x.grad ended at {_fmt(x.grad)} ({setup}), i.e. it was overwritten. Use += : x may feed other "
                f"nodes too, and their contributions must add up (expected {start + added:.6g})."
            )
        if not _close(x.grad, start + added):
            return _not_yet(
                f"with {setup}, x.grad should become {start + added:.6g} (it increases by local derivative × "
                f"out.grad = {added:.6g}), got {_fmt(x.grad)}."
            )
    return _passed(f"your {name} backward rule adds the right amount to x.grad for random x and out.grad.")


def check_exp_backward(exp_backward):
    """`exp_backward(x, out)` with out = x.exp(): must add d(out)/dx * out.grad to x.grad."""
    return _check_backward_rule(exp_backward, "exp", math.exp, lambda x, out: out, (-3, 3))


def check_tanh_backward(tanh_backward):
    """`tanh_backward(x, out)` with out = x.tanh(): must add d(out)/dx * out.grad to x.grad."""
    return _check_backward_rule(tanh_backward, "tanh", math.tanh, lambda x, out: 1 - out**2, (-2.5, 2.5))


# ---- build.md: the reader's own engine, node by node against micrograd (see course_build.py) ------------------

def _check_engine(cls, ops, run_backward, passed):
    problem = course_build.check(cls, ops, run_backward)
    return _not_yet(problem) if problem else _passed(passed)


def check_my_forward(cls):
    """`cls(data)` with `+` and `*` must compute `data` and record `_prev` and `_op` as micrograd does."""
    return _check_engine(cls, ["+", "*"], None, "every node's data, _op and _prev match micrograd's on random "
                         "expressions of + and *, numbers included.")


def check_my_add_mul(cls):
    """The `_backward` closures of `+` and `*`, run from the output back, must give micrograd's grads."""
    return _check_engine(cls, ["+", "*"], course_build.by_hand, "the _backward of + and * give micrograd's "
                         "gradients on every node of random expressions, a node used twice included.")


def check_my_pow_exp_tanh(cls):
    """`**`, `exp()` and `tanh()` with their `_backward`, together with `+` and `*`."""
    return _check_engine(cls, ["+", "*", "**", "exp", "tanh"], course_build.by_hand, "+, *, **, exp and tanh "
                         "give micrograd's data and gradients on every node of random expressions.")


def check_my_backward(cls):
    """`root.backward()` must fill in every node's grad as micrograd's `backward()` does."""
    return _check_engine(cls, ["+", "*", "**", "exp", "tanh"], course_build.with_backward, "your backward() "
                         "fills in micrograd's gradient on every node of random expressions: you built an autograd "
                         "engine.")


# ---- build.md: the reader's own net and training loop on their engine (see course_net.py) -------------------

def check_my_mlp(cls):
    """`cls(3, [4, 4, 1])` must be the video's MLP (tanh neurons) on the reader's engine: the same outputs and, after
    backward() on the squared error, the same gradients as micrograd's on the same weights."""
    problem = course_net.check_mlp(cls)
    if problem:
        return _not_yet(problem)
    return _passed("your MyMLP(3, [4, 4, 1]) lists its 41 parameters and gives micrograd's outputs and gradients "
                   "on the same weights.")


def check_my_training(train, cls):
    """`train(model, xs, ys, steps, lr)` must do the video's loop: each step's loss, gradients and update are
    compared with micrograd's on the same weights."""
    problem = course_net.check_training(train, cls)
    if problem:
        return _not_yet(problem)
    return _passed("5 steps of your loop match micrograd's on the same weights: every loss, every gradient, every "
                   "update.")


def check_my_moons(model, X, y, at_least=0.9):
    """A MyMLP trained on moons: its scores must be micrograd's on the same weights, its accuracy `at_least`."""
    try:
        nin = len(X[0])
        nouts = [len(layer.neurons) for layer in model.layers]
        named = course_net.named_parameters(model, nin, nouts)
        params = [Value(p.data) for _, p in named]
        for x in X:
            got = model(list(x)).data
            want = course_net.reference_forward(params, [nin] + nouts, x)[-1][0].data
            if not _close(got, want):
                return _not_yet(f"on the point {list(x)} your model scores {_fmt(got)}, micrograd's {want:.6g}.")
        acc = course_net.accuracy(model, X, y)
    except course_net.Problem as problem:
        return _not_yet(str(problem))
    except Exception as error:
        return _not_yet(_raised(error))
    if acc < at_least:
        return _not_yet(f"{acc:.0%} of the points are on their side, short of {at_least:.0%}: train longer, or "
                        "with another lr.")
    return _passed(f"your engine, your net, your loop: {acc:.0%} of the {len(y)} points on their side, and every "
                   "score is micrograd's on the same weights.")


# ---- nn.md ------------------------------------------------------------------------------------------------------

def check_n_params(n_params):
    """`n_params(nin, nouts)` must give the number of parameters of `MLP(nin, nouts)` without building it."""
    shapes = [(3, [4, 4, 1]), (2, [16, 16, 1])]
    shapes += [(_rng.randint(1, 9), [_rng.randint(1, 9) for _ in range(_rng.randint(1, 4))]) for _ in range(5)]
    state = random.getstate()
    try:
        for nin, nouts in shapes:
            want = len(MLP(nin, nouts).parameters())
            try:
                got = n_params(nin, list(nouts))
            except Exception as error:
                return _not_yet(_raised(error))
            if got != want:
                return _not_yet(
                    f"MLP({nin}, {nouts}) has {want} parameters, n_params gave {got!r}. Each neuron has one "
                    "weight per input plus a bias, and each layer's inputs are the previous layer's outputs."
                )
    finally:
        random.setstate(state)
    return _passed(f"right for {len(shapes)} network shapes, e.g. MLP(2, [16, 16, 1]) has 337 parameters.")


# ---- training.md ------------------------------------------------------------------------------------------------

class _OwnZeroGradOff(MLP):
    """An MLP whose own `zero_grad()` does nothing but note that it was asked."""

    asked = False

    def zero_grad(self):
        self.asked = True


def check_zero_grad(zero_grad):
    """`zero_grad(model)` must set every parameter's grad to 0, and change nothing else."""
    state = random.getstate()
    try:
        model = _OwnZeroGradOff(3, [4, 4, 1])
    finally:
        random.setstate(state)
    params = model.parameters()
    data = [p.data for p in params]
    for p in params:
        p.grad = _rng.uniform(-1, 1)
    try:
        zero_grad(model)
    except Exception as error:
        return _not_yet(_raised(error))
    if [p.data for p in model.parameters()] != data or any(a is not b for a, b in zip(model.parameters(), params)):
        return _not_yet("zero_grad changed the parameters themselves: only their .grad should change.")
    left = [p for p in params if p.grad != 0]
    if left and model.asked:
        return _not_yet("zero_grad(model) called model.zero_grad(), micrograd's own, which this check switches off: "
                        "the exercise is to write what it does. Loop over model.parameters() and set each grad to 0.")
    if left:
        return _not_yet(
            f"{len(left)} of the {len(params)} parameters still have a non-zero grad (e.g. {left[0].grad:.4f}). "
            "Loop over model.parameters() and set each one's grad to 0."
        )
    return _passed(f"all {len(params)} gradients of an MLP(3, [4, 4, 1]) are back to 0, its weights untouched.")


def _tiny_loss(model):
    ypred = [model(x) for x in TINY_XS]
    return sum((yout - ygt) ** 2 for ygt, yout in zip(TINY_YS, ypred))


# Seeds whose MLP(3, [4, 4, 1]) plain gradient descent fits (loss < 0.002 with lr 0.01, 0.02 or 0.05). About one
# random start in eight has ReLU neurons that are dead on all four inputs and never learn: not the reader's fault.
TRAINING_SEEDS = (16, 42, 43, 57, 79, 81, 84, 95, 112, 118, 126, 130, 159, 173, 205, 215, 220, 221, 227, 229, 253,
                  267, 269, 285, 286)


class _WatchedMLP(MLP):
    """An MLP that remembers its parameters as they were when `start()` was called and as they were after the
    reader's first update (seen at the first call of the model once they changed), to tell the update's sign."""

    def start(self):
        self.first, self.after_first_update = [p.data for p in self.parameters()], None

    def __call__(self, x):
        if getattr(self, "first", None) is not None and self.after_first_update is None:
            now = [p.data for p in self.parameters()]
            if now != self.first:
                self.after_first_update = now
        return super().__call__(x)

    def went_uphill(self):
        """True if the first update moved the parameters along the gradient of the loss (up), not against it."""
        moved = self.after_first_update or [p.data for p in self.parameters()]
        params = self.parameters()
        now = [p.data for p in params]
        for p, x in zip(params, self.first):
            p.data, p.grad = x, 0
        _tiny_loss(self).backward()  # the gradient where the reader's training started
        slope = sum(p.grad * (m - x) for p, m, x in zip(params, moved, self.first))
        for p, x in zip(params, now):
            p.data, p.grad = x, 0
        return slope > 0


_UPHILL = ("your first update moved the parameters *along* the gradient, which is uphill: the gradient points "
           "to where the loss grows. Step against it, with a minus sign: p.data -= lr * p.grad.")


def check_training(train, threshold=0.01, seeds=None):
    """`train(model, xs, ys)` must fit MLP(3, [4, 4, 1]) to the tiny data set: loss below `threshold`.

    The check makes three networks (from random seeds among `TRAINING_SEEDS`, or from `seeds`), calls `train` on
    each and measures the loss itself. Passing on most of them is enough.
    """
    state = random.getstate()
    losses = []
    try:
        for seed in seeds if seeds is not None else _rng.sample(TRAINING_SEEDS, 3):
            random.seed(seed)
            model = _WatchedMLP(3, [4, 4, 1])
            start = _tiny_loss(model).data
            model.zero_grad()
            model.start()
            named = [(f"parameter {i}", p) for i, p in enumerate(model.parameters())]
            try:
                with course_net.Recorder(Value, named) as recorder:
                    train(model, [list(x) for x in TINY_XS], list(TINY_YS))
            except Exception as error:
                return _not_yet(_raised(error))
            mistake = course_net.loop_mistake(recorder.calls, [p.data for _, p in named])
            if mistake:
                return _not_yet(mistake)
            loss = _tiny_loss(model).data
            bad = math.isnan(loss) or math.isinf(loss) or (loss > start and loss >= threshold)
            if bad and model.went_uphill():
                return _not_yet(f"the loss went from {start:.4f} to {loss:.4g}: {_UPHILL}")
            if math.isnan(loss) or math.isinf(loss):
                return _not_yet(f"the loss blew up to {loss} (it started at {start:.4f}), though your updates "
                                "go downhill: the learning rate is too large, or the grads are not reset before "
                                "each backward().")
            losses.append((start, loss))
    finally:
        random.setstate(state)
    good = [loss for _, loss in losses if loss < threshold]
    shown = ", ".join(f"{s:.3f} → {e:.4g}" for s, e in losses)
    if len(good) * 2 > len(losses):
        return _passed(f"loss below {threshold} on {len(good)} of {len(losses)} fresh networks ({shown}).")
    if all(abs(e - s) < 1e-12 for s, e in losses):
        return _not_yet(f"the loss did not move ({shown}): train must change the model's parameters.")
    if sum(e > s for s, e in losses) * 2 > len(losses):
        return _not_yet(
            f"the loss grew ({shown}), though your updates go downhill: the steps are too long (lower lr), or "
            "the grads are not reset before each backward(), so old gradients keep adding up."
        )
    return _not_yet(
        f"the loss should end below {threshold} on most fresh networks, got: {shown}. Check the order "
        "zero_grad → backward → update (the grads must be reset before each backward()), lr and the number of "
        "steps."
    )


# ---- gpt.md -----------------------------------------------------------------------------------------------------

def _softmax(xs):
    """The reference, on plain floats."""
    top = max(xs)
    exps = [math.exp(x - top) for x in xs]
    return [e / sum(exps) for e in exps]


def _check_weights(call, shown, logits, inputs, hint, to_sum_to_1):
    """Runs the reader's `call()` (a list of Values that should be softmax(logits), logits being floats computed
    from `inputs`, the Values it gets) and checks its numbers and the gradients it passes back. Returns the
    problem, or None."""
    want = _softmax(logits)
    try:
        got = call()
    except Exception as error:
        return _raised(error)
    if not isinstance(got, (list, tuple)) or not all(isinstance(v, Value) for v in got):
        return f"{shown} should return a list of Values, got {got!r}."
    if len(got) != len(want):
        return f"{shown} should return {len(want)} weights, one per {hint}, got {len(got)}."
    for i, (g, w) in enumerate(zip(got, want)):
        if not _close(g.data, w, 1e-6):
            total = sum(v.data for v in got)
            why = (f" (they add up to {total:.6g}, not 1: {to_sum_to_1})"
                   if math.isfinite(total) and not _close(total, 1.0, 1e-6) else "")
            return f"{shown}: entry {i} should be {w:.6g}, got {_fmt(g.data)}{why}."
    # backward from a weighted sum of the outputs: the gradient reaching every input must be the reference's
    coefficients = [round(_rng.uniform(-1, 1), 3) for _ in got]
    Value.sum([v * c for v, c in zip(got, coefficients)]).backward()
    mean = sum(p * c for p, c in zip(want, coefficients))
    logit_grads = [p * (c - mean) for p, c in zip(want, coefficients)]  # d(sum c_i p_i) / d logit_j
    for i, (v, expected) in enumerate(inputs(logit_grads)):
        if not _close(v.grad, expected, 1e-5):
            return (f"{shown}: the numbers are right, but after backward() input {i}'s grad is {_fmt(v.grad)}, "
                    f"expected {expected:.6g}. Build the weights from the Values you were given (with Value "
                    "operations: -, exp(), /), not from their .data, so that the gradient flows back.")
    return None


def check_softmax(my_softmax):
    """`my_softmax(logits)`: a list of Values in, their softmax out (Values, summing to 1, gradients flowing)."""
    cases = [[round(_rng.uniform(-4, 4), 3) for _ in range(n)] for n in (3, 5, _rng.randint(1, 8))]
    cases.append([round(_rng.uniform(990, 1010), 3) for _ in range(4)])  # large scores: exp() would overflow
    for xs in cases:
        logits = [Value(x) for x in xs]
        problem = _check_weights(lambda logits=logits: my_softmax(logits), f"my_softmax on logits {xs}", xs,
                                 lambda grads, logits=logits: zip(logits, grads), "logit",
                                 "divide each e**x by the sum of them all")
        if problem:
            if xs is cases[-1] and not problem.startswith("your code raised"):
                problem += " With scores this large e**x overflows: subtract the largest score from each first."
            elif xs is cases[-1]:
                problem += " (e**1000 is too large for a float: subtract the largest score from each first.)"
            return _not_yet(problem)
    return _passed("my_softmax gives the right probabilities and gradients, large scores included.")


def check_attention_weights(my_attention_weights):
    """`my_attention_weights(q, keys)`: one head's weights, softmax(q·key / sqrt(len(q))) over the keys."""
    for size, positions in ((4, 3), (_rng.randint(1, 6), _rng.randint(1, 6))):
        problem = _check_one_head(my_attention_weights, size, positions)
        if problem:
            return _not_yet(problem)
    return _passed("one head's attention weights and their gradients match the reference for random q and keys.")


def _check_one_head(my_attention_weights, size, positions):
    """The problem with the reader's weights for a random query of `size` numbers and `positions` keys, or None."""
    qs = [round(_rng.uniform(-2, 2), 3) for _ in range(size)]
    ks = [[round(_rng.uniform(-2, 2), 3) for _ in range(size)] for _ in range(positions)]
    q, keys = [Value(x) for x in qs], [[Value(x) for x in key] for key in ks]
    root = math.sqrt(size)
    scores = [sum(a * b for a, b in zip(qs, key)) / root for key in ks]

    def inputs(score_grads):  # d/dq_i = sum_t g_t k_ti / sqrt(d), d/dk_ti = g_t q_i / sqrt(d)
        pairs = [(q[i], sum(g * key[i] for g, key in zip(score_grads, ks)) / root) for i in range(size)]
        return pairs + [(keys[t][i], g * qs[i] / root) for t, g in enumerate(score_grads) for i in range(size)]

    shown = f"my_attention_weights with q = {qs} and keys = {ks}"
    problem = _check_weights(lambda: my_attention_weights(q, keys), shown, scores, inputs, "key",
                             "turn the scores into weights with softmax")
    if problem and size > 1:
        try:
            again = my_attention_weights([Value(x) for x in qs], [[Value(x) for x in key] for key in ks])
            unscaled = _softmax([s * root for s in scores])
            if all(_close(v.data, w) for v, w in zip(again, unscaled)):
                problem += f" Those are the weights of the unscaled scores: divide each q·key by √{size}."
        except Exception:
            pass
    return problem
