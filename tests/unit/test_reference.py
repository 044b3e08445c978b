"""The reference the tests and benchmarks compare with is karpathy's micrograd 0.1.0 itself, beside ours."""

import sys

import karpathy
import micrograd.engine


def test_the_reference_is_karpathys_wheel_under_its_own_name():
    reference = karpathy.load()
    assert reference.engine.__name__ == "karpathy_micrograd.engine"
    assert reference.engine.__file__.startswith(str(karpathy.WHEEL))
    assert reference.nn.Value is reference.engine.Value  # its nn on its engine...
    assert reference.engine.Value is not micrograd.engine.Value  # ...and ours untouched
    assert sys.modules["micrograd.engine"] is micrograd.engine
    assert karpathy.load() is reference  # loaded once
    # karpathy's Value, as shipped: no __slots__, children kept in a set
    a = reference.engine.Value(2.0)
    assert isinstance((a * a)._prev, set) and hasattr(a, "__dict__")
