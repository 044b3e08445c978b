"""Computation graphs page: draw_dot renders an SVG under the editor, for the video's L graph and for a neuron."""

import math
import re

from playwright.sync_api import expect

from pages import RUN, RUNTIME_TIMEOUT_MS, open_isolated


def value_box(svg, label):
    """The texts of the drawn value node whose first field is `label`."""
    return svg.locator("g.node.value", has=svg.page.locator("text", has_text=re.compile(f"^{re.escape(label)}$"))).first


def test_draw_dot_shows_the_videos_graph_and_a_neuron_before_backward(page, site_server):
    open_isolated(page, site_server + "graphs/")
    first, neuron = page.locator(".mgl-editor").nth(0), page.locator(".mgl-editor").nth(1)

    first.get_by_role("button", name=RUN).click()
    svg = first.get_by_role("log", name="Output").locator("svg")
    expect(svg).to_have_count(1, timeout=RUNTIME_TIMEOUT_MS)
    # L = (a*b + c) * f with a=2, b=-3, c=10, f=-2: e = -6, d = 4, L = -8; nothing is differentiated yet
    for label, data in (("a", 2.0), ("e", -6.0), ("d", 4.0), ("L", -8.0)):
        expect(value_box(svg, label)).to_contain_text(f"data {data:.4f}")
    expect(value_box(svg, "L")).to_contain_text("grad 0.0000")
    expect(svg.locator("g.node.op")).to_have_count(3)  # *, +, *

    neuron.get_by_role("button", name=RUN).click()
    svg = neuron.get_by_role("log", name="Output").locator("svg")
    expect(svg).to_have_count(1, timeout=RUNTIME_TIMEOUT_MS)
    expect(value_box(svg, "o")).to_contain_text(f"data {math.tanh(-6.0 + 6.8813735870195432):.4f}")
    expect(value_box(svg, "w1")).to_contain_text("grad 0.0000")
    expect(svg.locator("g.node.op")).to_have_count(5)  # two *, two +, tanh
