"""A tiny scalar autograd engine: karpathy's micrograd, kept readable and made fast.

Every number in a computation is wrapped in a `Value`. Each arithmetic operation
returns a new `Value` that remembers which Values it was made from (`_prev`), how
(`_op`), and how to pass a gradient back to them (`_backward`), so the whole
computation becomes a graph. `backward()` walks that graph from the output back to
the inputs and calls every node's `_backward()`, which applies the chain rule at
that node, leaving d(output)/d(node) in each node's `grad`.

You can add an operation the way micrograd and its video do:

    def cube(self):
        out = Value(self.data**3, (self,), 'cube')
        def _backward():
            self.grad += 3 * self.data**2 * out.grad
        out._backward = _backward
        return out

The built-in operations do the same without a closure per node: each stores a
rule, a function of the node defined once below the class (`_mul_backward(out)`,
in the order of the operations), and `out._backward()` calls it. So their graphs
hold no reference cycles and are freed as soon as they are dropped, without
waiting for the garbage collector.

This is a drop-in for micrograd 0.1.0: the same code gives the same numbers.
Beyond micrograd it has `tanh`, `exp`, `log`, `sigmoid`, node labels, two
"n-ary" operations (`Value.sum` and `Value.dot`) that do many scalar steps in one
node, and a backward pass without recursion, so a graph may be as deep as you like.
Where the two differ:
    * `_prev` is a tuple in operand order (`a * a` has `_prev == (a, a)`), not a set.
    * `data` must be a real number: anything else, `bool` included, raises
      `TypeError` at once; numpy numbers become Python ints and floats.
    * `**` takes an int or float exponent (else `TypeError`, not `AssertionError`);
      a negative base to a fractional power raises `ValueError` instead of giving
      a complex number.
    * Overflow gives `inf` instead of `OverflowError`, in the forward pass and in
      `backward()`; so does the derivative of `x ** k` at 0 for `k < 1` (`x ** 0.5`),
      where micrograd raises `ZeroDivisionError`.
    * A graph deeper than Python's recursion limit does not raise `RecursionError`.

Numbers and errors:
    * Arithmetic follows Python floats (IEEE 754), except that where Python would
      raise an opaque `OverflowError` the result is `inf`: `Value(1000).exp()` has
      `data == inf`. NaN and inf are never hidden: they stay in `data` and spread
      to `grad` (through `Value.dot` as through the graph it stands for), where
      `repr` shows them.
    * Asking for a number that does not exist raises at once, naming the value:
      `log` of a value <= 0 and a negative base to a fractional power raise
      `ValueError`; zero to a negative power (`1 / Value(0)`) raises `ZeroDivisionError`.

Example:
    >>> a = Value(-4.0); b = Value(2.0)
    >>> c = a * b + b**3
    >>> c.backward()
    >>> a.grad, b.grad
    (2.0, 8.0)
"""
import math
import numbers
from types import MethodType


class Value:
    """Stores a single scalar value and its gradient.

    Attributes:
        data: the number itself.
        grad: d(output)/d(this value), filled in by `backward()` on the output.
            Gradients *accumulate* (`+=`): if a value is used twice, both uses add
            to its grad, which is what the chain rule asks for. It also means a
            second `backward()` adds to the grads of the first, exactly like
            micrograd and PyTorch, so reset them (`Module.zero_grad()`) before
            every backward pass of a training loop.
        label: an optional name, shown when the graph is drawn.
        _prev: the Values this one was computed from, in operand order
            (`a * a` has `_prev == (a, a)`); empty for inputs and parameters.
        _op: the operation that produced this value, e.g. `'+'`, `'*'`, `'**2'`,
            `'ReLU'`, `'tanh'`, `'exp'`, `'log'`, `'sigmoid'`, `'sum'`, `'dot'`,
            `'ReLU∘dot'`.
        _backward: a function of no arguments that adds this node's grad, times
            the local derivative, to the grads of `_prev` (the chain rule at this
            node). Does nothing for inputs and parameters. Assign your own to add
            an operation, as in micrograd.
        _rule: what `_backward()` calls, with this node: one of the rules below
            the class, `_no_backward`, or None for an input or a parameter (which
            has nothing to pass a gradient on to).

    Its fields are slots, which keeps it small and quick. Like micrograd's, a Value
    takes weak references (`weakref.ref(v)`); unlike it, no attributes of your own
    (`v.name = 'x'` raises AttributeError: use `label`), since a `__dict__` slot
    would cost 5-8 % of a training step (docs/performance.md).
    """
    __slots__ = ('data', 'grad', 'label', '_prev', '_op', '_rule', '_exponent', '_seen', '__weakref__')

    def __init__(self, data, _children=(), _op='', label=''):
        """Wraps a number.

        Args:
            data: an int or float.
            _children: the Values this one was computed from (set by the operations).
            _op: the name of the operation (set by the operations).
            label: an optional name for drawing the graph.

        Raises:
            TypeError: if `data` is not a real number.
        """
        if data.__class__ is not float and data.__class__ is not int:
            data = _as_number(data)
        prev = tuple(_children)
        _node(data, prev, _op, _no_backward if prev else None, label, self)  # a rule: once you assign one

    @property
    def _backward(self):
        """This node's chain-rule step, a function of no arguments, as in micrograd.

        micrograd stores a closure on every node; here a node stores, in `_rule`, a
        function that takes the node, and `node._backward` is that rule bound to the
        node. Assigning `out._backward = f` (a function of no arguments, as in
        micrograd) makes `f` the node's step.
        """
        rule = self._rule
        return rule.fn if rule.__class__ is _Step else MethodType(rule or _no_backward, self)

    @_backward.setter
    def _backward(self, fn):
        if not callable(fn):
            raise TypeError(f"_backward must be a function of no arguments, got {type(fn).__name__}: {fn!r}")
        self._rule = _Step(fn)

    # ---- the operations: each computes its output, then its rule goes backward -------

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return _node(self.data + other.data, (self, other), '+', _add_backward)


    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return _node(self.data * other.data, (self, other), '*', _mul_backward)


    def __pow__(self, other):
        """Raises to a constant int or float power: `x ** 2`, `x ** -1`, `x ** 0.5`."""
        if isinstance(other, bool) or not isinstance(other, (int, float)):
            raise TypeError(f"only int/float exponents are supported, got {type(other).__name__}")
        x = self.data
        if x < 0 and not float(other).is_integer():
            raise ValueError(f"{x} ** {other} is not a real number (negative base, fractional exponent)")
        try:
            data = x ** other
        except ZeroDivisionError:
            raise ZeroDivisionError(f"{x} ** {other}: zero to a negative power divides by zero") from None
        except OverflowError:
            data = _signed_inf(x, other)
        out = _node(data, (self,), f'**{other}', _pow_backward)
        out._exponent = other
        return out


    def relu(self):
        """max(0, x): passes positive values, blocks the rest."""
        return _node(0 if self.data < 0 else self.data, (self,), 'ReLU', _relu_backward)


    def tanh(self):
        """Hyperbolic tangent, squashing any number into (-1, 1)."""
        return _node(math.tanh(self.data), (self,), 'tanh', _tanh_backward)


    def exp(self):
        """e ** x; `inf` when that is too large for a float."""
        try:
            data = math.exp(self.data)
        except OverflowError:
            data = math.inf
        return _node(data, (self,), 'exp', _exp_backward)


    def log(self):
        """Natural logarithm, defined for x > 0."""
        if self.data <= 0:
            raise ValueError(f"log is only defined for positive numbers, got {self!r}")
        return _node(math.log(self.data), (self,), 'log', _log_backward)


    def sigmoid(self):
        """1 / (1 + e ** -x), squashing any number into (0, 1)."""
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:  # same function, written so that exp cannot overflow
            e = math.exp(x)
            s = e / (1 + e)
        return _node(s, (self,), 'sigmoid', _sigmoid_backward)


    # ---- n-ary operations: many scalar steps as one node ---------------------------

    @staticmethod
    def sum(values):
        """Adds many Values as one node: `Value.sum([a, b, c])`.

        Same result as Python's `sum([a, b, c])`, which builds the chain
        `((0 + a) + b) + c` of two-input `+` nodes, but the graph has one node
        and backward has one step: the gradient of a sum flows unchanged to
        every term.
        """
        values = _as_values(values)
        total = 0
        for v in values:
            total += v.data  # one by one, in order, so every rounding matches the chain
        return _node(total, values, 'sum', _sum_backward)


    @staticmethod
    def dot(ws, xs, bias=0, relu=False):
        """A neuron's `w1*x1 + w2*x2 + ... + bias` as one node: `Value.dot(ws, xs, b)`.

        Gives the same number as micrograd's `sum((wi*xi for wi, xi in
        zip(ws, xs)), bias)`, which builds 2n nodes, but with one node and one
        backward rule: d/dwi = xi, d/dxi = wi, d/dbias = 1.
        The node's `_prev` is `(w1, ..., wn, x1, ..., xn, bias)`.

        With `relu=True` the node is a whole ReLU neuron, `relu(w . x + bias)`,
        op `'ReLU∘dot'`: the same number as `Value.dot(ws, xs, b).relu()`, one
        node instead of two. Its backward is ReLU's rule followed by dot's: the
        gradient goes through only where the output is positive.
        """
        ws = ws if isinstance(ws, (list, tuple)) else list(ws)
        xs = xs if isinstance(xs, (list, tuple)) else list(xs)
        n = len(ws)
        if len(xs) != n:
            raise ValueError(f"dot needs as many weights as inputs, got {n} and {len(xs)}")
        prev = (*ws, *xs, bias)
        try:  # the usual case: all Values; a plain number has no .data and lands in except
            total = bias.data
            for w, x in zip(ws, xs):
                total += w.data * x.data
            if total.__class__ is not float and total.__class__ is not int:
                raise TypeError  # some other object with a .data (a tensor, an array)
        except (AttributeError, TypeError):  # wrap the numbers, reject the rest, add again
            prev = _as_values(prev)
            total = prev[-1].data
            for w, x in zip(prev[:n], prev[n:-1]):
                total += w.data * x.data
        if relu:  # as `.relu()` does; for the rule, see _relu_dot_backward
            rule = _relu_dot_backward if total - total == 0 else _relu_dot_nonfinite_backward
            return _node(0 if total < 0 else total, prev, 'ReLU∘dot', rule)
        return _node(total, prev, 'dot', _dot_backward)




    # ---- backpropagation -----------------------------------------------------------

    def backward(self):
        """Fills in `grad` of every Value this one depends on: d(self)/d(value).

        Sets `self.grad = 1`, then visits the nodes in reverse topological order
        (every node after all the nodes that use it), so a node's grad is complete
        before its `_backward()` passes it on, via the chain rule, to its children:
        child.grad += (local derivative) * node.grad.
        """
        self.grad = 1
        if self._rule is None:  # an input: nothing to pass back
            return
        for v in reversed(self._topological_order()):
            v._rule(v)  # v._backward(), without making a bound method for every node

    def _topological_order(self):
        """Every node that leads to self, each after its children, without recursion.

        micrograd's recursive `build_topo` fails past Python's recursion limit
        (about 1000 nodes deep); this does the same depth-first walk with an
        explicit stack, in the same order (so backward() visits the nodes as
        micrograd's does). A node is popped once to push its children, and is pushed
        back under a `None` marker: when the marker comes off the stack, everything
        above it (the node's descendants) is done, and the node goes into topo.
        Leaves (inputs, parameters, constants: no `_rule`) have nothing to pass a
        gradient on to, so they are left out, unless you gave one a `_backward`.

        Instead of a `visited` set, each walk brings a fresh token and leaves it
        in the `_seen` of every node it enters: "seen in this walk" is then one
        attribute comparison, cheaper than hashing the node into a set. (An old
        token stays alive while any node holds it, so a new walk's token is
        always a different object.)
        """
        walk = object()  # this walk's token
        topo, stack = [], [self]
        while stack:
            v = stack.pop()
            if v is None:
                topo.append(stack.pop())
            elif v._seen is not walk:
                v._seen = walk
                stack += (v, None)
                for child in reversed(v._prev):  # the first child on top: walked first, as build_topo does
                    if child._rule is not None and child._seen is not walk:
                        stack.append(child)
        return topo

    # ---- everything else is built from the operations above, as in micrograd -------

    def __neg__(self):  # -self
        return self * -1

    def __radd__(self, other):  # other + self
        return self + other

    def __sub__(self, other):  # self - other
        return self + (-other)

    def __rsub__(self, other):  # other - self
        return other + (-self)

    def __rmul__(self, other):  # other * self
        return self * other

    def __truediv__(self, other):  # self / other
        return self * other**-1

    def __rtruediv__(self, other):  # other / self
        return other * self**-1

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"


# ---- the backward rules, in the order of the operations above --------------------------
# Each is `rule(out)`: it adds out.grad, times the local derivative, to the grads of out's
# operands. The operations name them as module globals, the quickest lookup there is.

def _add_backward(out):  # a + b: d/da = d/db = 1
    a, b = out._prev
    a.grad += out.grad
    b.grad += out.grad


def _mul_backward(out):  # a * b: d/da = b, d/db = a
    a, b = out._prev
    a.grad += b.data * out.grad
    b.grad += a.data * out.grad


def _pow_backward(out):  # x ** k: d/dx = k * x ** (k - 1)
    x, k = out._prev[0], out._exponent
    try:
        local = k * x.data**(k - 1)
    except (OverflowError, ZeroDivisionError):  # too large for a float: inf, as forward
        local = k * _signed_inf(x.data, k - 1) if k else 0
    x.grad += local * out.grad


def _relu_backward(out):  # 1 where the output is positive, else 0
    out._prev[0].grad += (out.data > 0) * out.grad


def _tanh_backward(out):  # 1 - tanh(x) ** 2
    out._prev[0].grad += (1 - out.data**2) * out.grad


def _exp_backward(out):  # exp(x) itself
    out._prev[0].grad += out.data * out.grad


def _log_backward(out):  # 1 / x
    x = out._prev[0]
    x.grad += out.grad / x.data


def _sigmoid_backward(out):  # s * (1 - s)
    out._prev[0].grad += out.data * (1 - out.data) * out.grad


def _sum_backward(out):  # 1 for every term
    g = out.grad
    for v in out._prev:
        v.grad += g


def _dot_backward(out):  # see _dot_terms_backward
    g = out.grad
    if g or out.data - out.data != 0:  # a zero g with finite inputs adds only zeros: skip it
        _dot_terms_backward(out._prev, g)


def _relu_dot_backward(out):
    """ReLU's rule, then dot's. A blocked neuron (its ReLU passes a zero g on) is skipped.

    That is exact because every input is finite (the sum was, when the node was
    made): a zero g times a finite number adds nothing. With an inf or nan input
    it is not (0 * inf is nan, and nan must spread, as in micrograd), so such a
    node gets the rule below instead, which never skips.
    """
    g = (out.data > 0) * out.grad
    if g:
        _dot_terms_backward(out._prev, g)


def _relu_dot_nonfinite_backward(out):  # as _relu_dot_backward, never skipping
    _dot_terms_backward(out._prev, (out.data > 0) * out.grad)


def _no_backward(out):
    """The rule of a node made by hand, `Value(data, children, op)`, until it is given a `_backward`:
    nothing, as in micrograd."""


class _Step:
    """A reader's `out._backward = fn`, kept as a rule: called with the node, it calls `fn()`."""
    __slots__ = ('fn',)

    def __init__(self, fn):
        self.fn = fn

    def __call__(self, out):
        self.fn()


def _dot_terms_backward(prev, g):
    """The chain rule of `w1*x1 + ... + wn*xn + bias`, prev = (w1..wn, x1..xn, bias): d/dwi = xi,
    d/dxi = wi, d/dbias = 1, each times g."""
    n = len(prev) // 2
    for w, x in zip(prev[:n], prev[n:-1]):
        w.grad += x.data * g
        x.grad += w.data * g
    prev[-1].grad += g


def _signed_inf(x, k):
    """`x ** k` where that is too large for a float: inf, negative for x < 0 and odd k."""
    return -math.inf if x < 0 and k % 2 == 1 else math.inf


def _as_number(data):
    """The int or float for `data`, or a TypeError saying why there is none."""
    if isinstance(data, numbers.Real) and not isinstance(data, bool):
        return int(data) if isinstance(data, numbers.Integral) else float(data)
    raise TypeError(f"Value needs an int or float, got {type(data).__name__}: {data!r}")


_new = object.__new__


def _node(data, prev, op, rule, label='', v=None):
    """The result of an operation: `Value(data, prev, op)` with its backward rule, without the checks.

    The operations call this instead of `Value(...)`: they already hold a float
    or int and a tuple of Values, so `__init__`'s type check and its copy of
    the children would only cost time (tens of thousands of nodes per step).
    `Value.__init__` calls it too, on itself (`v`), once it has checked its
    arguments: this is the one place where a node's fields are set.
    """
    if v is None:
        v = _new(Value)
    v.data = data
    v.grad = 0
    v.label = label
    v._prev = prev
    v._op = op
    v._rule = rule
    v._seen = None  # used by backward() to visit each node once
    return v


def _as_values(items):
    """`items` as a tuple of Values, wrapping plain numbers with `Value(...)`."""
    items = tuple(items)
    for v in items:
        if v.__class__ is not Value:  # a number (or a subclass): wrap what needs it
            return tuple(v if isinstance(v, Value) else Value(v) for v in items)
    return items
