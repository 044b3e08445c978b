"""Random expression graphs and a whole MLP, checked against PyTorch in float64."""
import math
import random

import torch
from hypothesis import given, settings, strategies as st

from micrograd.engine import Value
from micrograd.nn import MLP
from micrograd.demo import svm_loss

OPS = ['add', 'sub', 'mul', 'div', 'neg', 'pow_int', 'pow_float', 'relu', 'tanh', 'exp', 'log',
       'sigmoid', 'radd', 'rsub', 'rmul', 'rdiv', 'sum', 'dot']


def close(a, b, rel=1e-6):
    return math.isclose(a, b, rel_tol=rel, abs_tol=rel * 1e-3)


def plan(leaves, steps):
    """Turns random choices into a list of valid operations, deciding validity on the values.

    Each step applies an op to earlier nodes (so nodes get reused and gradients must
    accumulate); an op whose inputs are outside its domain, or that could overflow,
    becomes tanh of its first input instead.
    """
    values, program = list(leaves), []
    for op, i, j, c in steps:
        i, j = i % len(values), j % len(values)
        a, b = values[i], values[j]
        k = {'pow_int': [-2, -1, 0, 1, 2, 3][int(abs(c) * 100) % 6], 'pow_float': round(c, 2)}.get(op, c)
        valid = {
            'div': abs(b) > 0.1, 'rdiv': abs(a) > 0.1, 'log': a > 0.01, 'exp': a < 5,
            'pow_int': abs(a) > 0.1 or k >= 0, 'pow_float': a > 0.1, 'relu': abs(a) > 1e-9,
        }.get(op, True)
        if not valid or max(abs(a), abs(b)) > 1e3:
            op = 'tanh'
        program.append((op, i, j, k))
        values.append(apply(op, [Value(v) for v in values], i, j, k).data)
    return program


def apply(op, nodes, i, j, k, lib=None):
    """One op on nodes[i] (and nodes[j]) in our engine, or in torch if lib is torch."""
    a, b = nodes[i], nodes[j]
    if op == 'add': return a + b
    if op == 'sub': return a - b
    if op == 'mul': return a * b
    if op == 'div': return a / b
    if op == 'neg': return -a
    if op in ('pow_int', 'pow_float'): return a ** k
    if op == 'radd': return k + a
    if op == 'rsub': return k - a
    if op == 'rmul': return k * a
    if op == 'rdiv': return k / a
    if op == 'sum':
        terms = nodes[min(i, j):max(i, j) + 1] + [a]
        return torch.stack(terms).sum() if lib else Value.sum(terms)
    if op == 'dot':
        ws, xs = [a, b, a], [b, b, nodes[-1]]
        if lib:
            return (torch.stack(ws) * torch.stack(xs)).sum() + k
        return Value.dot(ws, xs, k)
    if lib:
        return getattr(torch, op)(a)
    return getattr(a, op)()


def run(leaves, program, lib=None):
    if lib:
        nodes = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in leaves]
    else:
        nodes = [Value(x) for x in leaves]
    inputs = list(nodes)
    for op, i, j, k in program:
        nodes.append(apply(op, nodes, i, j, k, lib))
    out = nodes[-1] + 0.5 * nodes[len(nodes) // 2]  # two branches meeting again
    out.backward()
    if lib:
        return out.item(), [x.grad.item() if x.grad is not None else 0.0 for x in inputs]
    return out.data, [x.grad for x in inputs]


step = st.tuples(st.sampled_from(OPS), st.integers(0, 1000), st.integers(0, 1000),
                 st.floats(-2.5, 2.5, allow_nan=False))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(-3, 3, allow_nan=False), min_size=1, max_size=4),
       st.lists(step, min_size=1, max_size=25))
def test_random_graphs_match_torch(leaves, steps):
    program = plan(leaves, steps)
    ours, ours_grads = run(leaves, program)
    theirs, their_grads = run(leaves, program, torch)
    assert close(ours, theirs), (ours, theirs)
    for g, t in zip(ours_grads, their_grads):
        assert close(g, t), (ours_grads, their_grads)


def torch_mlp_loss(model, X, y, alpha=1e-4):
    """The same network and SVM loss written with torch tensors, from model's weights."""
    params, x = [], torch.tensor(X, dtype=torch.float64)
    for layer in model.layers:
        W = torch.tensor([[w.data for w in n.w] for n in layer.neurons], dtype=torch.float64,
                         requires_grad=True)
        b = torch.tensor([float(n.b.data) for n in layer.neurons], dtype=torch.float64,
                         requires_grad=True)
        params.append((W, b))
        x = x @ W.T + b
        if layer.neurons[0].nonlin:
            x = torch.relu(x)
    scores = x[:, 0]
    yt = torch.tensor(y, dtype=torch.float64)
    data_loss = torch.relu(1 - yt * scores).mean()
    reg_loss = alpha * sum((W**2).sum() + (b**2).sum() for W, b in params)
    loss = data_loss + reg_loss
    loss.backward()
    grads = []
    for W, b in params:
        for row, bi in zip(W.grad.tolist(), b.grad.tolist()):
            grads += row + [bi]
    return loss.item(), grads


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 12), st.booleans())
def test_mlp_loss_and_gradients_match_torch(seed, n, fast):
    rng = random.Random(seed)
    X = [[rng.uniform(-2, 2) for _ in range(3)] for _ in range(n)]
    y = [rng.choice([-1, 1]) for _ in range(n)]
    random.seed(seed)
    model = MLP(3, [5, 4, 1], fast=fast)
    loss, _ = svm_loss(model, X, y)
    model.zero_grad()
    loss.backward()
    ref_loss, ref_grads = torch_mlp_loss(model, X, y)
    assert close(loss.data, ref_loss)
    grads = [p.grad for p in model.parameters()]
    assert len(grads) == len(ref_grads) == 3*5+5 + 5*4+4 + 4+1
    for g, r in zip(grads, ref_grads):
        assert close(g, r), (g, r)
