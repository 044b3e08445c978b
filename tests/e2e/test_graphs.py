"""Computation graphs page: draw_dot renders an SVG under the editor, before and after backward."""

import random
import re

from playwright.sync_api import expect

from micrograd import nn
from micrograd.engine import Value
from pages import RUN, RUNTIME_TIMEOUT_MS, open_isolated


def readme_neuron():
    """The page's neuron, built here in CPython the same way (same seed), to know what the page must show."""
    random.seed(1337)
    n = nn.Neuron(2)
    y = n([Value(1.0), Value(-2.0)])
    y.backward()
    return n, y


def value_box(svg, label):
    """The texts of the drawn value node whose first field is `label`."""
    return svg.locator("g.node.value", has=svg.page.locator("text", has_text=re.compile(f"^{re.escape(label)}$"))).first


def test_draw_dot_shows_the_neuron_before_and_after_backward(page, site_server):
    n, y = readme_neuron()
    assert y.data > 0, "the page's seed must give a neuron that passes a gradient"

    open_isolated(page, site_server + "graphs/")
    before, after = page.locator(".mgl-editor").nth(0), page.locator(".mgl-editor").nth(1)

    before.get_by_role("button", name=RUN).click()
    svg = before.get_by_role("log", name="Output").locator("svg")
    expect(svg).to_have_count(1, timeout=RUNTIME_TIMEOUT_MS)
    expect(value_box(svg, "y")).to_contain_text(f"data {y.data:.4f}")
    expect(value_box(svg, "w1")).to_contain_text("grad 0.0000")
    expect(svg.locator("g.node.op")).to_have_count(5)  # two *, two +, ReLU

    after.get_by_role("button", name=RUN).click()
    svg = after.get_by_role("log", name="Output").locator("svg")
    expect(svg).to_have_count(1, timeout=RUNTIME_TIMEOUT_MS)
    for label, weight in (("w1", n.w[0]), ("w2", n.w[1])):
        expect(value_box(svg, label)).to_contain_text(f"grad {weight.grad:.4f}")
    expect(value_box(svg, "y")).to_contain_text("grad 1.0000")
