"""Small expressions whose graphs the tests draw: micrograd README's neuron and the video's L."""

from micrograd.engine import Value


def neuron(activation="tanh"):
    """micrograd README's neuron: o = tanh(x1*w1 + x2*w2 + b)."""
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    o = getattr(n, activation)()
    o.label = "o"
    return o


def video_L():
    """The video's L = (a*b + c) * f, with its names."""
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c, f = Value(10.0, label="c"), Value(-2.0, label="f")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * f
    L.label = "L"
    return L
