"""A small neural-network library on top of `Value`, as in micrograd.

A `Neuron` computes `relu(w1*x1 + ... + wn*xn + b)`, a `Layer` is a list of
neurons that all see the same inputs, and an `MLP` is a stack of layers.
Weights start at `random.uniform(-1, 1)`, drawn in the same order as micrograd,
so after `random.seed(1337)` both libraries make the same network.

The fast path:
    Every class takes the keyword-only option `fast=False` (micrograd has no such
    option, so it can only be given by name; a value that is not `True` or
    `False` raises `TypeError`). By default a neuron builds micrograd's graph:
    one `*` node per weight and one `+` node per term, every step visible. With
    `MLP(2, [16, 16, 1], fast=True)` each neuron is one node instead, ReLU
    included: a `Value.dot(w, x, b, relu=True)` node (op `'ReLU∘dot'`), or a
    plain `'dot'` for the linear output neuron. The same numbers (the sum is
    taken in the same order), the same gradients up to rounding in the last
    digits, and a graph about fourteen times smaller, so training runs many times
    faster.
"""
import random

from micrograd.engine import Value


class Module:
    """Something with parameters: a neuron, a layer, a whole network."""

    def zero_grad(self):
        """Sets every parameter's grad to 0.

        Call it before each `backward()`: gradients accumulate, so without it
        each step would add this step's gradient to all the earlier ones.
        """
        for p in self.parameters():
            p.grad = 0

    def parameters(self):
        """All the Values that training adjusts."""
        return []


class Neuron(Module):
    """One neuron: `relu(w . x + b)`, or just `w . x + b` if `nonlin=False`.

    Args:
        nin: number of inputs.
        nonlin: apply ReLU to the output.
        fast: compute the neuron as one `Value.dot` node (see the module docs).
    """

    def __init__(self, nin, nonlin=True, *, fast=False):
        _check_fast(fast)
        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0)
        self.nonlin = nonlin
        self.fast = fast

    def __call__(self, x):
        if self.fast:  # the whole neuron, ReLU included, as one node
            return Value.dot(self.w, x, self.b, relu=self.nonlin)
        act = self.b  # micrograd's sum((wi*xi for ...), self.b), the same nodes, without a generator
        for wi, xi in zip(self.w, x):
            act = act + wi * xi
        return act.relu() if self.nonlin else act

    def parameters(self):
        return self.w + [self.b]

    def __repr__(self):
        return f"{'ReLU' if self.nonlin else 'Linear'}Neuron({len(self.w)})"


class Layer(Module):
    """`nout` neurons, each looking at the same `nin` inputs.

    Args:
        nin: number of inputs.
        nout: number of neurons, i.e. of outputs.
        **kwargs: passed to every `Neuron` (`nonlin`, `fast`).
    """

    def __init__(self, nin, nout, **kwargs):
        self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]

    def __call__(self, x):
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self):
        return f"Layer of [{', '.join(str(n) for n in self.neurons)}]"


class MLP(Module):
    """A multi-layer perceptron: ReLU layers, then a linear output layer.

    Args:
        nin: number of inputs.
        nouts: size of each layer, e.g. `[16, 16, 1]`.
        fast: build each neuron as one `Value.dot` node (see the module docs).
    """

    def __init__(self, nin, nouts, *, fast=False):
        if not isinstance(nouts, (list, tuple)):
            raise TypeError(f"nouts must be a list of layer sizes, e.g. [16, 16, 1], got {nouts!r}")
        _check_fast(fast)
        sz = [nin] + list(nouts)
        self.layers = [Layer(sz[i], sz[i+1], nonlin=i != len(nouts)-1, fast=fast) for i in range(len(nouts))]
        self.fast = fast

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self):
        return f"MLP of [{', '.join(str(layer) for layer in self.layers)}]"


def _check_fast(fast):
    """`fast` is a switch: a string or a number there is a mistake (e.g. an activation's name)."""
    if fast is not True and fast is not False:
        raise TypeError(f"fast must be True or False, got {type(fast).__name__}: {fast!r}")
