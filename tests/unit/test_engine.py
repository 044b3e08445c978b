"""The engine: micrograd's own tests, numerical gradient checks, deep graphs, errors."""
import math
import random
import re
import subprocess
import sys
import textwrap

import pytest
import torch

import micrograd.engine
from micrograd.engine import Value


# ---- micrograd's reference tests: karpathy/micrograd test/test_engine.py, unchanged ----
# Copied on purpose, not loaded: the 0.1.0 wheel that tests/helpers/karpathy.py loads ships no tests. Each test
# writes its expression twice, once with Value and once with torch, as karpathy wrote it; `duplicates` reports
# that pair, and it stays: these are micrograd's own tests, kept verbatim so that passing them means what it says.

def test_sanity_check():

    x = Value(-4.0)
    z = 2 * x + 2 + x
    q = z.relu() + z * x
    h = (z * z).relu()
    y = h + q + q * x
    y.backward()
    xmg, ymg = x, y

    x = torch.Tensor([-4.0]).double()
    x.requires_grad = True
    z = 2 * x + 2 + x
    q = z.relu() + z * x
    h = (z * z).relu()
    y = h + q + q * x
    y.backward()
    xpt, ypt = x, y

    # forward pass went well
    assert ymg.data == ypt.data.item()
    # backward pass went well
    assert xmg.grad == xpt.grad.item()


def test_more_ops():

    a = Value(-4.0)
    b = Value(2.0)
    c = a + b
    d = a * b + b**3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g += 10.0 / f
    g.backward()
    amg, bmg, gmg = a, b, g

    a = torch.Tensor([-4.0]).double()
    b = torch.Tensor([2.0]).double()
    a.requires_grad = True
    b.requires_grad = True
    c = a + b
    d = a * b + b**3
    c = c + c + 1
    c = c + 1 + c + (-a)
    d = d + d * 2 + (b + a).relu()
    d = d + 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g = g + 10.0 / f
    g.backward()
    apt, bpt, gpt = a, b, g

    tol = 1e-6
    # forward pass went well
    assert abs(gmg.data - gpt.data.item()) < tol
    # backward pass went well
    assert abs(amg.grad - apt.grad.item()) < tol
    assert abs(bmg.grad - bpt.grad.item()) < tol


# ---- every op against a finite difference -----------------------------------------

UNARY = {
    'relu': (lambda v: v.relu(), [-1.5, 0.7, 3.0]),
    'tanh': (lambda v: v.tanh(), [-2.0, -0.3, 0.0, 0.9]),
    'exp': (lambda v: v.exp(), [-3.0, 0.0, 1.7]),
    'log': (lambda v: v.log(), [0.1, 1.0, 5.5]),
    'sigmoid': (lambda v: v.sigmoid(), [-40.0, -2.0, 0.0, 0.5, 30.0]),
    'neg': (lambda v: -v, [-1.0, 2.5]),
    'pow2': (lambda v: v**2, [-1.2, 0.4]),
    'pow3': (lambda v: v**3, [-1.2, 0.4]),
    'pow-1': (lambda v: v**-1, [-2.0, 0.5]),
    'pow0.5': (lambda v: v**0.5, [0.3, 4.0]),
    'pow-1.5': (lambda v: v**-1.5, [0.3, 4.0]),
    'radd': (lambda v: 3 + v, [1.0]),
    'rsub': (lambda v: 3 - v, [1.0]),
    'rmul': (lambda v: 3 * v, [1.0]),
    'rdiv': (lambda v: 3 / v, [0.7, -2.0]),
    'add-const': (lambda v: v + 2.5, [1.0]),
    'sub-const': (lambda v: v - 2.5, [1.0]),
    'mul-const': (lambda v: v * 2.5, [1.0]),
    'div-const': (lambda v: v / 2.5, [1.0]),
}

BINARY = {
    'add': lambda a, b: a + b,
    'sub': lambda a, b: a - b,
    'mul': lambda a, b: a * b,
    'div': lambda a, b: a / b,
    'sum': lambda a, b: Value.sum([a, b, a, 1.5]),
    'dot': lambda a, b: Value.dot([a, b, 2.0], [b, b, a], a),
    'relu-dot': lambda a, b: Value.dot([a, b, 2.0], [b, b, a], a, relu=True),  # > 0, < 0, > 0 at the points
}


def numerical_grad(f, xs, h=1e-6):
    """Central differences of the float function f at the point xs."""
    grads = []
    for i in range(len(xs)):
        up, down = list(xs), list(xs)
        up[i] += h
        down[i] -= h
        grads.append((f(*up) - f(*down)) / (2 * h))
    return grads


def check_gradients(fn, xs):
    vs = [Value(x) for x in xs]
    out = fn(*vs)
    out.backward()
    expected = numerical_grad(lambda *a: fn(*map(Value, a)).data, xs)
    for v, g in zip(vs, expected):
        assert v.grad == pytest.approx(g, rel=1e-5, abs=1e-6)


@pytest.mark.parametrize('name', UNARY)
def test_unary_gradient_matches_finite_difference(name):
    fn, points = UNARY[name]
    for x in points:
        check_gradients(fn, [x])


@pytest.mark.parametrize('name', BINARY)
def test_binary_gradient_matches_finite_difference(name):
    for a, b in [(1.3, -0.7), (-2.0, 0.4), (0.5, 3.0)]:
        check_gradients(BINARY[name], [a, b])


def test_composite_gradient_matches_finite_difference():
    def f(a, b, c):
        return ((a * b).tanh() + (c**2 + 1).log() - (a / c).exp() * b.sigmoid() + (b - c).relu())**2
    check_gradients(f, [0.3, -1.1, 0.8])


# ---- forward values -------------------------------------------------------------------

def test_forward_values():
    x = Value(0.5)
    assert x.tanh().data == math.tanh(0.5)
    assert x.exp().data == math.exp(0.5)
    assert x.log().data == math.log(0.5)
    assert x.sigmoid().data == pytest.approx(1 / (1 + math.exp(-0.5)), rel=1e-15)
    assert Value(-1000.0).sigmoid().data == 0.0
    assert Value(1000.0).sigmoid().data == 1.0
    assert Value(-3).relu().data == 0 and Value(3).relu().data == 3


def test_ops_and_prev_in_operand_order():
    a, b = Value(2.0), Value(3.0)
    assert (a * b)._op == '*' and (a * b)._prev == (a, b)
    assert (a + b)._op == '+' and (b + a)._prev == (b, a)
    assert (a * a)._prev == (a, a)
    assert (a**2)._op == '**2' and (a**2)._prev == (a,)
    assert (a**-1)._op == '**-1'
    for name in ('tanh', 'exp', 'log', 'sigmoid'):
        assert getattr(a, name)()._op == name
    assert a.relu()._op == 'ReLU'
    s = Value.sum([a, b])
    assert s._op == 'sum' and s._prev == (a, b)
    d = Value.dot([a], [b], a)
    assert d._op == 'dot' and d._prev == (a, b, a) and d.data == 8.0
    r = Value.dot([a], [b], a, relu=True)
    assert r._op == 'ReLU∘dot' and r._prev == (a, b, a) and r.data == 8.0
    assert a._prev == () and a._op == '' and a.label == ''
    assert Value(1.0, label='w1').label == 'w1'
    c = 2 * a  # a constant becomes a leaf Value, as in micrograd
    assert c._prev[0] is a and c._prev[1].data == 2


def test_nary_ops_equal_the_scalar_chains():
    xs = [Value(0.1 * i - 0.37) for i in range(20)]
    ws = [Value(0.3 - 0.07 * i) for i in range(20)]
    b = Value(0.25)
    assert Value.sum(xs).data == sum(xs).data
    assert Value.dot(ws, xs, b).data == sum((w * x for w, x in zip(ws, xs)), b).data
    assert Value.dot([1, 2], [3, 4]).data == 11  # plain numbers and the default bias


def test_relu_dot_equals_dot_then_relu():
    """The fused neuron gives dot-then-ReLU's output and gradients, bit for bit."""
    rng = random.Random(5)
    cases = [[rng.uniform(-1, 1) for _ in range(7)] for _ in range(40)]
    cases.append([0.5, -0.5, 1.0, 1.0, 0.0])  # w . x + b == 0 exactly: ReLU blocks the gradient
    cases.append([-0.5, 0.5, 1.0, 1.0, 0.0])
    for nums in cases:
        n = len(nums) // 2
        results = []
        for fused in (False, True):
            ws, xs, b = [Value(v) for v in nums[:n]], [Value(v) for v in nums[n:2*n]], Value(nums[-1])
            out = Value.dot(ws, xs, b, relu=True) if fused else Value.dot(ws, xs, b).relu()
            (out * 1.7).backward()
            results.append((out.data, [v.grad for v in ws + xs + [b]]))
        assert results[0] == results[1]
    assert results[0][0] == 0 and not any(results[0][1])  # the last case: blocked


def test_relu_dot_spreads_nan_gradients():
    out = Value.dot([Value(1.0)], [Value(-2.0)], relu=True)  # output 0: the ReLU blocks
    w = out._prev[0]
    (out * math.nan).backward()  # 0 * nan is nan, as in micrograd's ReLU
    assert math.isnan(w.grad)


def test_dot_needs_equal_lengths():
    with pytest.raises(ValueError, match='2 and 1'):
        Value.dot([Value(1), Value(2)], [Value(3)])


# ---- accumulation ---------------------------------------------------------------------

def test_repeated_node_accumulates():
    a = Value(3.0)
    b = a * a  # d/da = 2a
    b.backward()
    assert a.grad == 6.0
    a = Value(3.0)
    c = a + a + a
    c.backward()
    assert a.grad == 3.0
    a = Value(2.0)
    d = Value.sum([a, a]) * Value.dot([a, a], [a, a])  # 2a * 2a**2 = 4a**3
    d.backward()
    assert a.grad == 12 * 2.0**2


def test_grad_accumulates_across_backward_calls():
    """Like micrograd and PyTorch: a second backward adds on top; zero the grads between."""
    a = Value(2.0)
    b = Value(-3.0)
    out = a * b
    out.backward()
    assert (a.grad, b.grad) == (-3.0, 2.0)
    out.backward()
    assert (a.grad, b.grad) == (-6.0, 4.0)
    assert out.grad == 1  # backward sets the root's grad to 1 each time


# ---- deep graphs ----------------------------------------------------------------------

def test_100k_node_chain():
    x = Value(1.0)
    y = x
    for _ in range(100_000):
        y = y * 1.0 + 0.0
    y.backward()
    assert x.grad == 1.0


def test_deep_chain_with_low_recursion_limit():
    """backward must not recurse: a 100,000-node chain under a recursion limit of 100."""
    code = (
        "import sys\n"
        "from micrograd.engine import Value\n"
        "x = Value(0.5)\n"
        "y = x\n"
        "for _ in range(50_000):\n"
        "    y = (y + 0.5).relu()  # 100,000 nodes deep, each passing the gradient on unchanged\n"
        "sys.setrecursionlimit(100)\n"
        "y.backward()\n"
        "assert x.grad == 1 and y.data == 25_000.5, (x.grad, y.data)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == 'ok'


def test_backward_of_a_long_chain():
    """200,000 nodes deep: no recursion limit, every path counted. (benchmarks/bench_engine.py times it: linear.)"""
    x = y = Value(1.0)
    for _ in range(200_000):
        y = y + x
    y.backward()
    assert x.grad == 200_001


# ---- errors, NaN and inf --------------------------------------------------------------

@pytest.mark.parametrize('bad, name', [('abc', 'str'), (None, 'NoneType'), ([1.0], 'list'),
                                       (True, 'bool'), (1j, 'complex')])
def test_value_rejects_non_numbers(bad, name):
    with pytest.raises(TypeError, match=name):
        Value(bad)


def test_value_accepts_numpy_numbers_as_python_numbers():
    np = pytest.importorskip('numpy')
    assert type(Value(np.float64(1.5)).data) is float
    assert type(Value(np.int64(3)).data) is int
    assert type(Value(np.float32(0.5)).data) is float


def test_operand_errors():
    with pytest.raises(TypeError, match='str'):
        Value(1.0) + 'a'
    with pytest.raises(TypeError, match='only int/float exponents are supported'):
        Value(2.0) ** Value(2)
    with pytest.raises(TypeError, match='only int/float exponents'):
        Value(2.0) ** True


@pytest.mark.parametrize('x', [-1, 0, 0.0, -2.5])
def test_log_of_non_positive(x):
    with pytest.raises(ValueError, match=f'data={x}'):
        Value(x).log()


def test_pow_errors():
    with pytest.raises(ValueError, match='-8.0 \\*\\* 0.5'):
        Value(-8.0) ** 0.5
    with pytest.raises(ZeroDivisionError, match='0.0 \\*\\* -1'):
        1 / Value(0.0)
    assert (Value(-2.0) ** 3.0).data == -8.0  # an integral float exponent is fine


def test_overflow_gives_inf():
    assert Value(1000.0).exp().data == math.inf
    assert Value(1e200).__pow__(2).data == math.inf
    assert (Value(-1e200) ** 3).data == -math.inf
    assert (Value(1e200) * 1e200).data == math.inf  # plain float multiplication, as in Python
    x = Value(1000.0)
    y = x.exp()
    y.backward()
    assert x.grad == math.inf


def test_nan_stays_visible():
    x = Value(float('nan'))
    y = (x * 2 + 1).tanh()
    y.backward()
    assert math.isnan(y.data) and math.isnan(x.grad)
    assert 'nan' in repr(y)
    z = Value(math.inf) - Value(math.inf)
    assert math.isnan(z.data)


# ---- repr ------------------------------------------------------------------------------

def test_repr():
    assert repr(Value(2.0)) == 'Value(data=2.0, grad=0)'
    a = Value(-4.0)
    b = a * 2
    b.backward()
    assert repr(a) == 'Value(data=-4.0, grad=2)'
    assert repr(b) == 'Value(data=-8.0, grad=1)'
    assert repr(Value(3)) == 'Value(data=3, grad=0)'


# ---- the fast internals keep the public behaviour ---------------------------------

def test_operation_results_are_plain_values():
    a, b = Value(2.0), Value(3.0)
    for out in (a + b, a * b, a ** 2, a.relu(), a.tanh(), a.exp(), a.log(), a.sigmoid(),
                Value.sum([a, b]), Value.dot([a], [b], 1)):
        assert type(out) is Value
        assert out.grad == 0 and out.label == ''
        assert repr(out).endswith('grad=0)')


def test_dot_accepts_numbers_and_rejects_everything_else():
    import numpy as np
    out = Value.dot([1.0, Value(2)], [np.float64(3), 4], 1)
    assert out.data == 12.0
    assert all(type(v) is Value for v in out._prev)
    assert [v.data for v in out._prev] == [1.0, 2, 3.0, 4, 1]
    with pytest.raises(TypeError):
        Value.dot([Value(1)], [True])
    with pytest.raises(TypeError):
        Value.dot([Value(1)], [torch.tensor(2.0)])
    with pytest.raises(TypeError):
        Value.dot([Value(1)], ['2'])
    assert Value.dot((w for w in [Value(2)]), iter([3]), Value(1)).data == 7


def test_backward_twice_and_on_a_shared_subgraph_visits_each_node_once():
    x = Value(3.0)
    y = x * x
    z = y + y
    z.backward()
    assert x.grad == 12.0
    y.backward()  # a new walk over part of the same graph
    assert x.grad == 12.0 + 6.0
    z.backward()
    assert x.grad == 18.0 + 18.0  # y.grad was 1 and gets 2 more: x gets 2 * 3 * 3


# ---- micrograd's shape: every node carries its `_backward` ---------------------------

def micrograd_backward(root):
    """micrograd 0.1.0's backward(), verbatim but for the recursion: calls every node's `_backward()`."""
    topo, visited, stack = [], set(), [(root, False)]
    while stack:
        v, done = stack.pop()
        if done:
            topo.append(v)
        elif v not in visited:
            visited.add(v)
            stack.append((v, True))
            stack.extend((child, False) for child in reversed(v._prev))
    root.grad = 1
    for v in reversed(topo):
        v._backward()


def test_leaf_root_gets_grad_one():
    x = Value(3.0)
    x.backward()
    assert x.grad == 1
    x._backward()  # a leaf's step does nothing, as in micrograd
    assert x.grad == 1


def test_every_node_backward_takes_no_arguments():
    """Calling each built-in node's `_backward()` in micrograd's own loop gives backward()'s grads."""
    def build():
        a, b, c = Value(0.3), Value(-1.1), Value(0.8)
        out = ((a * b).tanh() + (c**2 + 1).log() - (a / c).exp() * b.sigmoid() + (b - c).relu()
               + Value.sum([a, b, 2.0]) * Value.dot([a, b], [c, c], a)
               + Value.dot([a, c], [c, 0.5], b, relu=True))
        return out, [a, b, c]
    out, leaves = build()
    out.backward()
    expected = [v.grad for v in leaves]
    out, leaves = build()
    micrograd_backward(out)
    assert [v.grad for v in leaves] == pytest.approx(expected, rel=1e-14)  # other order, other roundings
    assert all(g != 0 for g in expected)


def tanh_as_in_the_video(self):
    """The video's tanh, written the way micrograd writes every operation: a closure per node."""
    x = self.data
    t = (math.exp(2*x) - 1) / (math.exp(2*x) + 1)
    out = Value(t, (self, ), 'tanh')

    def _backward():
        self.grad += (1 - t**2) * out.grad
    out._backward = _backward

    return out


def test_closure_backward_as_in_the_video_matches_tanh_and_torch():
    for x0 in (-1.3, 0.0, 0.4, 2.2):
        results = []
        for tanh in (tanh_as_in_the_video, Value.tanh):
            x = Value(x0)
            y = tanh(x * 2 + 1) * x  # x used twice: the grads must accumulate
            y.backward()
            results.append((y.data, x.grad))
        xt = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
        yt = torch.tanh(xt * 2 + 1) * xt
        yt.backward()
        for data, grad in results:
            assert data == pytest.approx(yt.item(), rel=1e-12, abs=1e-15)
            assert grad == pytest.approx(xt.grad.item(), rel=1e-12, abs=1e-15)


def test_assigned_backward_is_the_one_called_and_read_back():
    a = Value(2.0)
    out = Value(10.0, (a,), 'custom')
    calls = []

    def _backward():
        calls.append(out.grad)
        a.grad += 5 * out.grad
    out._backward = _backward
    assert out._backward is _backward
    (out * 3).backward()
    assert calls == [3.0] and a.grad == 15.0
    with pytest.raises(TypeError, match='function of no arguments'):
        out._backward = None  # nothing is stored: the old step stays
    assert out._backward is _backward


def test_unknown_op_without_backward_contributes_nothing():
    """As in micrograd: `Value(data, children, op)` passes nothing back until given a `_backward`."""
    a = Value(2.0)
    c = Value(5.0, (a,), 'custom')
    d = c * a + Value(1.0, (a,), '+')  # a known op name, made by hand: still no step
    d.backward()
    assert c.grad == 2.0 and a.grad == 5.0  # only the `*` passed anything to a


def test_no_op_node_still_passes_nan_below_it_as_micrograd():
    """A node under a do-nothing node is still walked: its 0 * inf gives nan, as micrograd's does."""
    for backward in (Value.backward, micrograd_backward):
        w, x = Value(1.0), Value(math.inf)
        y = w * x
        z = Value(0.0, (y,), 'custom') * 1.0
        backward(z)
        assert math.isnan(w.grad) and x.grad == 0


def test_leaf_with_own_backward_is_called():
    a = Value(1.0)
    hidden = Value(4.0)  # no children, but a step of its own, as micrograd allows

    def _backward():
        a.grad += hidden.grad
    hidden._backward = _backward
    (hidden * 2).backward()
    assert a.grad == 2.0


class MyValue(Value):
    """A reader's subclass adding an operation the micrograd way: the `cube` that engine.py's docstring shows."""


def docstring_example(cls):
    """Run the `def cube` example of micrograd/engine.py's docstring, as shown, with its `Value` meaning `cls`:
    so the example the docs teach is the one tested."""
    example = re.search(r"^    def cube\(self\):\n(?:    .*\n)+", micrograd.engine.__doc__, re.M)[0]
    namespace = {"Value": cls}
    exec(textwrap.dedent(example), namespace)
    return namespace["cube"]


MyValue.cube = docstring_example(MyValue)


def test_subclass_adds_an_operation():
    x = MyValue(1.5)
    y = x.cube() * x + x.cube().relu()  # with built-in operations around it
    y.backward()
    assert x.grad == pytest.approx(4 * 1.5**3 + 3 * 1.5**2, rel=1e-15)
    assert isinstance(x.cube(), MyValue) and type(x * 2) is Value  # as micrograd: built-ins make a Value


def test_built_in_graphs_have_no_reference_cycles():
    """The whole graph is freed when dropped, without the cyclic garbage collector."""
    import gc
    gc.collect(0)  # from here on, the youngest generation holds only what this test makes
    gc.disable()
    try:
        x = Value(0.5)
        y = x
        for _ in range(200):
            y = ((y * 0.9 + 0.1).tanh() ** 2).exp().log().sigmoid().relu()
        y = Value.sum([y, x]) + Value.dot([x], [y], x, relu=True)
        y.backward()
        y._backward()
        del y
        assert gc.collect(0) == 0  # nothing unreachable was left for the collector
    finally:
        gc.enable()


def test_backward_visits_the_nodes_in_micrograds_order():
    """The same order as micrograd's build_topo (so the graph player's steps, which follow it, are backward's)."""
    rng = random.Random(3)
    for _ in range(50):
        nodes = [Value(rng.random()) for _ in range(4)]
        for _ in range(30):
            a, b = rng.choice(nodes), rng.choice(nodes)
            nodes.append(rng.choice([a + b, a * b, (a * b).tanh(), Value.sum([a, b, a])]))
        orders = []
        for backward in (Value.backward, micrograd_backward):
            visited = []
            for v in nodes[4:]:
                v._backward = lambda v=v, visited=visited: visited.append(v)
            backward(nodes[-1])
            orders.append(visited)
        assert orders[0] == orders[1]


def test_a_value_takes_weak_references_as_in_micrograd():
    """Other projects' code keeps weak references to nodes (a cache keyed by node, say), as micrograd allows."""
    import weakref
    v = Value(2.0) * 3
    ref = weakref.ref(v)
    assert ref() is v
    del v
    assert ref() is None  # freed at once: no reference cycle keeps it


# ---- overflow in backward ----------------------------------------------------------------

@pytest.mark.parametrize('x, k, grad', [(1e200, 3, math.inf), (-1e200, 3, math.inf), (-1e200, 4, -math.inf),
                                        (1e-200, -2, -math.inf), (-1e-200, -2, math.inf),
                                        (0.0, 0.5, math.inf), (0.0, 0, 0)])
def test_overflow_in_backward_gives_inf(x, k, grad):
    v = Value(x)
    y = v**k
    y.backward()
    assert v.grad == grad
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    (t**k).backward()
    assert t.grad.item() == grad  # PyTorch's numbers
