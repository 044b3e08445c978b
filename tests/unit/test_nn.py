"""The nn library: micrograd's weights, graph and reprs; the fast path's numbers."""
import random

import pytest

import karpathy
from micrograd.demo import svm_loss
from micrograd.engine import Value
from micrograd.nn import MLP, Layer, Module, Neuron

reference = karpathy.load()  # karpathy's micrograd 0.1.0: its engine and nn, from its wheel


def graph_signature(root):
    """The graph below root as a sorted list of (op, data, its children's (op, data)), whatever order a node keeps
    its children in (karpathy's Value keeps them in a set)."""
    seen, stack = set(), [root]
    while stack:
        v = stack.pop()
        if v not in seen:
            seen.add(v)
            stack.extend(v._prev)
    return sorted((v._op, v.data, sorted((c._op, c.data) for c in v._prev)) for v in seen)


@pytest.mark.parametrize('fast', [False, True])
def test_same_weights_as_micrograd(fast):
    random.seed(1337)
    ref = reference.nn.MLP(2, [16, 16, 1])
    random.seed(1337)
    ours = MLP(2, [16, 16, 1], fast=fast)
    assert [p.data for p in ours.parameters()] == [p.data for p in ref.parameters()]
    # as printed by karpathy's micrograd 0.1.0 itself
    p = ours.parameters()
    assert p[0].data == 0.23550571390294128 and p[1].data == 0.06653114721000164
    assert p[-2].data == -0.2532524374373504
    assert all(n.b.data == 0 and type(n.b.data) is int for layer in ours.layers for n in layer.neurons)
    assert ours([0.5, -1.2]).data == -0.8633736726787873


def test_scalar_path_builds_micrographs_graph():
    random.seed(7)
    ref = reference.nn.MLP(3, [4, 4, 1])
    random.seed(7)
    ours = MLP(3, [4, 4, 1])
    x = [0.3, -1.1, 2.0]
    ref_graph = graph_signature(ref(list(map(reference.engine.Value, x))))
    assert graph_signature(ours(list(map(Value, x)))) == ref_graph
    assert {op for op, _, _ in ref_graph} == {'', '*', '+', 'ReLU'}


def test_parameter_count():
    assert len(MLP(2, [16, 16, 1]).parameters()) == 337
    assert len(MLP(2, [16, 16, 1], fast=True).parameters()) == 337
    assert len(Neuron(5).parameters()) == 6
    assert len(Layer(3, 4).parameters()) == 16
    assert Module().parameters() == []


def test_reprs():
    assert repr(Neuron(3)) == 'ReLUNeuron(3)'
    assert repr(Neuron(3, nonlin=False)) == 'LinearNeuron(3)'
    assert repr(Layer(2, 2)) == 'Layer of [ReLUNeuron(2), ReLUNeuron(2)]'
    assert repr(MLP(2, [2, 1])) == 'MLP of [Layer of [ReLUNeuron(2), ReLUNeuron(2)], Layer of [LinearNeuron(2)]]'
    assert repr(MLP(2, [2, 1], fast=True)) == repr(MLP(2, [2, 1]))


def test_layer_of_one_returns_a_value_and_accepts_plain_numbers():
    for fast in (False, True):
        random.seed(3)
        out = Layer(2, 1, fast=fast)([0.5, 2])
        assert isinstance(out, Value)
        out = Layer(2, 3, fast=fast)([0.5, 2])
        assert isinstance(out, list) and len(out) == 3


def test_fast_path_same_loss_and_grads():
    rng = random.Random(0)
    X = [[rng.uniform(-1.5, 2.5), rng.uniform(-1, 1.5)] for _ in range(50)]
    y = [rng.choice([-1, 1]) for _ in range(50)]
    results = []
    for fast in (False, True):
        random.seed(1337)
        model = MLP(2, [16, 16, 1], fast=fast)
        loss, _ = svm_loss(model, X, y)
        model.zero_grad()
        loss.backward()
        results.append((loss.data, [p.grad for p in model.parameters()]))
    (loss_s, grads_s), (loss_f, grads_f) = results
    assert loss_f == loss_s  # same sums in the same order: the same float
    assert max(abs(a - b) for a, b in zip(grads_s, grads_f)) < 1e-9
    assert any(g != 0 for g in grads_f)


def test_fast_graph_is_smaller():
    random.seed(1)
    x = [0.2, -0.4]
    scalar = graph_signature(MLP(2, [16, 16, 1])(list(map(Value, x))))
    random.seed(1)
    fast = graph_signature(MLP(2, [16, 16, 1], fast=True)(list(map(Value, x))))
    assert {op for op, _, _ in fast} == {'', 'ReLU∘dot', 'dot'}  # 32 ReLU neurons, one linear

    def computed(graph):
        return sum(1 for op, _, _ in graph if op)

    assert computed(fast) == 16 + 16 + 1  # one node per neuron
    assert computed(scalar) == 16 * (2*2 + 1) + 16 * (2*16 + 1) + 2*16  # n '*', n '+' (and a ReLU) per neuron
    assert len(fast) < len(scalar) / 2


def test_zero_grad():
    random.seed(2)
    model = MLP(2, [3, 1])
    out = model([1.0, -2.0])
    out.backward()
    assert any(p.grad != 0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0 for p in model.parameters())
