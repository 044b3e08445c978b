"""Checks for the reader's own net on the reader's own engine ("Build it yourself", after the engine steps).

The reader writes `MyNeuron`, `MyLayer` and `MyMLP` on their `MyValue`, as the video does (tanh in every neuron),
then the video's training loop. Each check copies the reader's weights into micrograd's `Value`s, computes the
same thing there, and names the first parameter or neuron that differs ("layer 2, neuron 3, w[1]"), with both
numbers and the difference.

The training check watches the reader's loop from the inside: while `train` runs, the reader's class's
`backward` is wrapped so that every call records the loss it was called on, every parameter's number and grad
before it, and every grad after it. Step by step, that tells apart the mistakes a loop can make: a loss computed
once outside the loop, grads not reset (the video's forgotten `zero_grad`), an update with the wrong sign, an
update that skips some parameters, or grads reset between `backward()` and the update.
"""

import contextlib
import io
import math
import random

import course_build
from micrograd.engine import Value

TINY_XS = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
TINY_YS = [1.0, -1.0, -1.0, 1.0]
SHAPE = (3, [4, 4, 1])


class Problem(Exception):
    """What went wrong; the message is the reader's "Not yet"."""


def _close(a, b, tol=1e-6):
    return isinstance(a, (int, float)) and not isinstance(a, bool) and math.isclose(a, b, rel_tol=tol, abs_tol=tol)


def _fmt(x):
    return f"{x:.6g}" if isinstance(x, (int, float)) and not isinstance(x, bool) else repr(x)


def _off(got, want):
    return f" (off by {got - want:+.4g})" if isinstance(got, (int, float)) and not isinstance(got, bool) else ""


def build(cls, nin, nouts):
    """`cls(nin, nouts)`, made without moving the page's `random` state; Problem if it raises."""
    state = random.getstate()
    try:
        return cls(nin, list(nouts))
    except Exception as error:
        raise Problem(f"{cls.__name__}({nin}, {nouts}) raised {type(error).__name__}: {error}") from None
    finally:
        random.setstate(state)


def named_parameters(model, nin, nouts):
    """[(name, parameter)] in micrograd's order: layer by layer, neuron by neuron, the weights then the bias.
    The names are the reader's: 'layer 2, neuron 3, w[1]'. Problem if the model is not shaped like MLP(nin, nouts)."""
    layers = getattr(model, "layers", None)
    if not isinstance(layers, list) or len(layers) != len(nouts):
        raise Problem(f"MyMLP({nin}, {nouts}) should keep its {len(nouts)} layers in a list `self.layers`, "
                      f"found {layers!r}.")
    named, sizes = [], [nin] + list(nouts)
    for i, layer in enumerate(layers):
        neurons = getattr(layer, "neurons", None)
        if not isinstance(neurons, list) or len(neurons) != sizes[i + 1]:
            raise Problem(f"layer {i + 1} should keep its {sizes[i + 1]} neurons in a list `self.neurons`, "
                          f"found {neurons!r}.")
        for j, neuron in enumerate(neurons):
            where = f"layer {i + 1}, neuron {j + 1}"
            w, b = getattr(neuron, "w", None), getattr(neuron, "b", None)
            if not isinstance(w, list) or len(w) != sizes[i]:
                raise Problem(f"{where} should have {sizes[i]} weights (one per input) in a list `self.w`, "
                              f"found {w!r}.")
            named += [(f"{where}, w[{k}]", p) for k, p in enumerate(w)] + [(f"{where}, b", b)]
    for name, p in named:
        if not isinstance(getattr(p, "data", None), (int, float)) or not hasattr(p, "grad"):
            raise Problem(f"{name} is {p!r}: each weight and bias should be a MyValue, with data and grad.")
    return named


def check_parameters(model, named):
    """`model.parameters()` must list every weight and bias once (the very objects, so an update reaches them)."""
    try:
        listed = list(model.parameters())
    except Exception as error:
        raise Problem(f"model.parameters() raised {type(error).__name__}: {error}") from None
    ids = [id(p) for p in listed]
    for name, p in named:
        if id(p) not in ids:
            raise Problem(f"model.parameters() leaves out {name}: it lists {len(listed)} of the {len(named)} "
                          "parameters, and training only moves the ones it lists. MyLayer gathers its neurons' "
                          "parameters, MyMLP its layers'.")
        if ids.count(id(p)) > 1:
            raise Problem(f"model.parameters() lists {name} {ids.count(id(p))} times: each parameter once.")
    if len(listed) != len(named):
        raise Problem(f"model.parameters() lists {len(listed)} things, but the model has {len(named)} weights and "
                      "biases: list only those.")


def _reference(named, datas):
    """micrograd Values holding `datas` (or the reader's current numbers), one per parameter, in named's order."""
    return [Value(float(d)) for d in (datas if datas is not None else [p.data for _, p in named])]


def reference_forward(params, sizes, x):
    """The video's MLP on micrograd's Value: every neuron tanh(w·x + b), layer after layer. Returns each layer's
    outputs (lists of Values)."""
    it, outputs, h = iter(params), [], [Value(float(v)) for v in x]
    for nin, nout in zip(sizes, sizes[1:]):
        layer = []
        for _ in range(nout):
            w = [next(it) for _ in range(nin)]
            b = next(it)
            act = b
            for wi, xi in zip(w, h):
                act = act + wi * xi
            layer.append(act.tanh())
        outputs.append(layer)
        h = layer
    return outputs


def squared_error(predictions, ys):
    """The video's loss, sum((yout - ygt)**2), built with + and * only (so any engine that has them can)."""
    loss = None
    for yout, ygt in zip(predictions, ys):
        term = (yout + (-ygt)) * (yout + (-ygt))
        loss = term if loss is None else loss + term
    return loss


def reference_loss(named, sizes, datas=None):
    """(loss, [grad per parameter]) of micrograd's copy of the net on the four examples, at `datas`."""
    params = _reference(named, datas)
    loss = squared_error([reference_forward(params, sizes, x)[-1][0] for x in TINY_XS], TINY_YS)
    loss.backward()
    return loss.data, [p.grad for p in params]


def _call(what, f, *args, **kwargs):
    try:
        return f(*args, **kwargs)
    except Problem:
        raise
    except Exception as error:
        raise Problem(f"{what} raised {type(error).__name__}: {error}") from None


def check_forward(model, named, sizes):
    """The model's output on each example, then, if it differs, each layer's neurons on micrograd's inputs."""
    params = _reference(named, None)
    for x in TINY_XS + [[round(random.Random(len(named)).uniform(-2, 2), 2) for _ in range(sizes[0])]]:
        ref = reference_forward(params, sizes, x)
        out = _call(f"model({x})", model, list(x))
        if isinstance(out, list):
            raise Problem(f"model({x}) returned a list {out!r}: the last layer has one neuron, so MyLayer "
                          "returns that one value itself (outs[0] if len(outs) == 1), as in the video.")
        if _close(getattr(out, "data", None), ref[-1][0].data):
            continue
        inputs = [float(v) for v in x]
        for i, layer in enumerate(model.layers):  # find the first neuron that differs, on micrograd's inputs
            for j, neuron in enumerate(layer.neurons):
                got = getattr(_call(f"layer {i + 1}, neuron {j + 1}", neuron, list(inputs)), "data", None)
                want = ref[i][j].data
                if not _close(got, want):
                    raise Problem(f"on the input {x}, layer {i + 1}, neuron {j + 1} gives {_fmt(got)}, micrograd's "
                                  f"tanh(w·x + b) with the same weights gives {want:.6g}{_off(got, want)}. A neuron "
                                  "adds up w[i]*x[i] for every input, plus its bias b, then squashes it with tanh.")
            inputs = [v.data for v in ref[i]]
        got = getattr(out, "data", None)
        raise Problem(f"model({x}) gives {_fmt(got)}, micrograd's is {ref[-1][0].data:.6g}{_off(got, ref[-1][0].data)}, "
                      "though each neuron is right on its own: MyMLP should feed each layer's outputs to the next.")


def check_mlp(cls):
    """None if `cls(3, [4, 4, 1])` is the video's MLP, else what differs first."""
    if not isinstance(cls, type):
        return f"pass the class itself (e.g. MyMLP), not {cls!r}."
    try:
        nin, nouts = SHAPE
        model = build(cls, nin, nouts)
        named = named_parameters(model, nin, nouts)
        problem = course_build.missing(type(named[0][1]), ["tanh", "backward"])
        if problem:
            return problem
        check_forward(model, named, [nin] + nouts)
        check_parameters(model, named)
        for _, p in named:
            p.grad = 0.0
        loss = _call("the loss over the four examples", squared_error, [model(list(x)) for x in TINY_XS], TINY_YS)
        _call("loss.backward()", loss.backward)
        _, grads = reference_loss(named, [nin] + nouts)
        for (name, p), want in zip(named, grads):
            if not _close(p.grad, want):
                return (f"after loss.backward() on the squared error over the four examples, {name} has grad "
                        f"{_fmt(p.grad)}, micrograd's is {want:.6g}{_off(p.grad, want)}.")
    except Problem as problem:
        return str(problem)
    return None


class Recorder:
    """Wraps `cls.backward` while the reader's loop runs: one record per call."""

    def __init__(self, cls, named):
        self.cls, self.named, self.calls = cls, named, []
        self.own = "backward" in cls.__dict__
        self.original = cls.backward

    def __enter__(self):
        original, named, calls = self.original, self.named, self.calls

        def backward(root, *args, **kwargs):
            calls.append({"root": root, "loss": getattr(root, "data", None), "data": [p.data for _, p in named],
                          "before": [p.grad for _, p in named]})
            result = original(root, *args, **kwargs)
            calls[-1]["after"] = [p.grad for _, p in named]
            return result

        self.cls.backward = backward
        return self

    def __exit__(self, *exc):
        if self.own:
            self.cls.backward = self.original
        else:
            del self.cls.backward


SAME_LOSS = ("the loss was computed once, before the loop, so it never sees the new weights. Compute the "
             "predictions and the loss inside the loop, at every step.")
NOT_MOVED = ("Update each one right after backward(): p.data += -lr * p.grad. (Reset the grads before backward(): "
             "resetting them between backward() and the update makes it move every parameter by lr × 0.)")


def loop_mistake(calls, end):
    """What a loop did wrong that shows in `Recorder` calls alone, whatever the network: the same loss at two
    steps, or parameters that did not move after a backward() that gave them gradients. `end` is the parameters'
    numbers after the loop. None if neither."""
    for k, call in enumerate(calls):
        if k and call["root"] is calls[k - 1]["root"]:
            return f"step {k + 1} called backward() on the same loss as step {k}: " + SAME_LOSS
        after = calls[k + 1]["data"] if k + 1 < len(calls) else end
        if after == call["data"] and any(call["after"]):
            return (f"the parameters did not move after backward() at step {k + 1}, though it gave them gradients. "
                    + NOT_MOVED)
    return None


def check_training(train, cls, steps=5, lr=0.05, seed=1337):
    """None if `train(model, xs, ys, steps=, lr=)` does the video's loop step by step as micrograd would, else
    what went wrong first, at which step, on which parameter."""
    if not callable(train) or not isinstance(cls, type):
        return "call it as check_my_training(train, MyMLP): your function, then your class."
    try:
        nin, nouts = SHAPE
        sizes = [nin] + nouts
        state = random.getstate()
        random.seed(seed)
        try:
            model = build(cls, nin, nouts)
        finally:
            random.setstate(state)
        named = named_parameters(model, nin, nouts)
        value_cls = type(named[0][1])
        problem = course_build.missing(value_cls, ["tanh", "backward", "__neg__", "__sub__", "__radd__"])
        if problem:
            return problem
        start = [p.data for _, p in named]
        for _, p in named:
            p.grad = 0.0
        with Recorder(value_cls, named) as recorder, contextlib.redirect_stdout(io.StringIO()):
            _call("train(model, xs, ys, steps=5, lr=0.05)", train, model, [list(x) for x in TINY_XS], list(TINY_YS),
                  steps=steps, lr=lr)
        end = [p.data for _, p in named]
        return _judge(recorder.calls, named, sizes, start, end, steps, lr)
    except Problem as problem:
        return str(problem)


def _judge(calls, named, sizes, start, end, steps, lr):
    if not calls:
        moved = "changed the parameters" if end != start else "left the parameters as they were"
        return f"train never called loss.backward() (and {moved}): each step needs the gradient of a fresh loss."
    for k, call in enumerate(calls):
        want_loss, want_grads = reference_loss(named, sizes, call["data"])
        if k and call["root"] is calls[k - 1]["root"]:
            return f"step {k + 1} called backward() on the same loss as step {k}: " + SAME_LOSS
        if not _close(call["loss"], want_loss):
            stale = k and _close(call["loss"], calls[k - 1]["loss"])
            return (f"at step {k + 1} your loss is {_fmt(call['loss'])}, but the squared error of the network as it "
                    f"is now is {want_loss:.6g}"
                    + (": it is the loss of an earlier step. Compute the predictions and the loss inside the loop."
                       if stale else ". The loss is sum((yout - ygt)**2) over the four predictions."))
        dirty = [(name, g) for (name, _), g in zip(named, call["before"]) if g != 0]
        if dirty:
            name, g = dirty[0]
            return (f"at step {k + 1}, before backward(), {len(dirty)} of the {len(named)} grads were not 0 "
                    f"({name}.grad was {_fmt(g)}, left from step {k}): backward() adds to them, so each step moves "
                    "along the sum of all the gradients so far. That is the video's forgotten zero_grad: set every "
                    "p.grad = 0.0 before loss.backward().")
        for (name, _), got, want in zip(named, call["after"], want_grads):
            if not _close(got, want):
                return (f"after backward() at step {k + 1}, {name}.grad is {_fmt(got)}, micrograd's on the same "
                        f"weights is {want:.6g}{_off(got, want)}.")
        after = calls[k + 1]["data"] if k + 1 < len(calls) else end
        problem = _judge_update(k, call, after, named, lr, want_grads, last=k + 1 == len(calls))
        if problem:
            return problem
    if len(calls) != steps:
        return f"with steps={steps}, train called backward() {len(calls)} times: one step, one backward()."
    return None


def _judge_update(k, call, after, named, lr, grads, last):
    moves = [(name, a - d, -lr * g) for (name, _), d, a, g in zip(named, call["data"], after, grads)]
    if all(m == 0 for _, m, _ in moves):
        return (f"the parameters did not move after backward() at step {k + 1}, though it gave them gradients "
                f"({moves[0][0]}.grad = {grads[0]:.6g}). " + NOT_MOVED)
    for name, moved, want in moves:
        if _close(moved, want):
            continue
        if _close(moved, -want) and want:
            return (f"at step {k + 1} {name} moved by {moved:+.4g}, along its gradient ({want / -lr:.4g}), which is "
                    "uphill: the gradient points to where the loss grows. Step against it: p.data += -lr * p.grad.")
        if moved == 0:
            return (f"at step {k + 1} {name} did not move (its grad is {want / -lr:.4g}): the update must go over "
                    "every parameter in model.parameters().")
        return (f"at step {k + 1} {name} moved by {moved:+.6g}; with lr = {lr} and its grad {want / -lr:.6g} it "
                f"should move by -lr * grad = {want:+.6g}{_off(moved, want)}.")
    return None


def accuracy(model, X, y):
    """The fraction of points whose score has the sign of their label (labels -1 and +1)."""
    return sum((model(list(x)).data > 0) == (t > 0) for x, t in zip(X, y)) / len(y)
