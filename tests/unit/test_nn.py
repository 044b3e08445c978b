"""The nn library: micrograd's weights, graph and reprs; the fast path's numbers."""
import math
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


# ---- options beyond micrograd's are keyword-only and checked -------------------------------

def test_fast_is_keyword_only():
    with pytest.raises(TypeError, match='positional'):
        MLP(3, [4, 4, 1], "tanh")  # was taken as fast="tanh": a fast ReLU network
    with pytest.raises(TypeError, match='positional'):
        Neuron(3, True, True)


@pytest.mark.parametrize('bad', ['tanh', 1, None, 'False'])
def test_fast_must_be_a_bool(bad):
    for make in (lambda: MLP(3, [4, 1], fast=bad), lambda: Layer(3, 2, fast=bad), lambda: Neuron(3, fast=bad)):
        with pytest.raises(TypeError, match=f'fast must be True or False, got {type(bad).__name__}'):
            make()


def test_nouts_must_be_a_list():
    with pytest.raises(TypeError, match='list of layer sizes'):
        MLP(3, 4)
    assert len(MLP(3, (4, 1)).layers) == 2  # a tuple is fine


@pytest.mark.parametrize('fast', [False, True])
@pytest.mark.parametrize('nonlin', [False, True])
def test_neuron_of_no_inputs(fast, nonlin):
    """Only a bias: backward gives it grad 1 (ReLU of 0 blocks it: 0)."""
    n = Neuron(0, nonlin, fast=fast)
    n.b.data = 0.5
    out = n([])
    out.backward()
    assert out.data == 0.5 and n.b.grad == 1
    n.b.data, n.b.grad = -0.5, 0
    out = n([])
    out.backward()
    assert out.data == (0 if nonlin else -0.5) and n.b.grad == (0 if nonlin else 1)


# ---- NaN and inf: the fast path spreads them as the scalar path does ------------------------

def same_or_both_nan(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize('bad', [math.inf, -math.inf, math.nan])
def test_fast_and_scalar_spread_nan_and_inf_alike(bad):
    rng = random.Random(4)
    X = [[rng.uniform(-2, 2), rng.uniform(-2, 2)] for _ in range(12)]
    X[3][0] = bad  # one input, in some neurons behind a blocked ReLU
    X[7] = [bad, -bad]
    results = []
    for fast in (False, True):
        random.seed(1337)
        model = MLP(2, [6, 6, 1], fast=fast)
        inputs = [list(map(Value, x)) for x in X]
        loss = (Value.sum if fast else sum)(model(x) for x in inputs)
        loss.backward()
        results.append([v.grad for v in model.parameters()] + [v.grad for x in inputs for v in x])
    scalar, fast = results
    assert all(same_or_both_nan(a, b) for a, b in zip(scalar, fast)), list(zip(scalar, fast))
    assert any(math.isnan(g) for g in scalar) and any(not math.isnan(g) for g in scalar)


def test_dead_fast_neuron_with_inf_input_gives_nan_weight_grad():
    """ReLU blocks (output 0), but 0 * inf is nan: the weight of the inf input gets nan, as in micrograd."""
    for fast in (False, True):
        n = Neuron(2, fast=fast)
        n.w[0].data, n.w[1].data = 1.0, 1.0
        x = [Value(-math.inf), Value(1.0)]
        out = n(x)
        out.backward()
        assert out.data == 0 and math.isnan(n.w[0].grad) and n.w[1].grad == 0 and n.b.grad == 0
