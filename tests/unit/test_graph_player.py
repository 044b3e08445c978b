"""draw_dot() on the site's pages (site_src/pyodide/worker/graph_player.py): the graph handed to graphs.js as
data, with each node's numbers and formula, and with steps=True the forward and backward passes in words."""

import json
import re

import graph_player
import pytest
from example_graphs import neuron, video_L

from micrograd import graph
from micrograd.engine import Value
from micrograd.graph import draw_dot, trace


@pytest.fixture
def on_the_page():
    graph_player.install()
    yield
    graph.set_html_renderer(None)


def page_data(drawing):
    html_text = drawing._repr_html_()
    assert html_text.startswith('<div class="mgl-graph">') and html_text.count("<") == 6  # 3 elements, nothing else
    return json.loads(re.search(r'<script type="application/json">(.*)</script>', html_text)[1])


def test_on_the_page_a_graph_is_handed_over_as_data(on_the_page):
    o = neuron()
    o.backward()
    drawing = draw_dot(o)
    assert drawing._repr_svg_() is None  # no renderer in the worker: the page draws it
    data = page_data(drawing)
    assert data["source"] == drawing.source and "forward" not in data and "backward" not in data
    nodes = {n["name"]: n for n in data["nodes"]}
    assert nodes["n"] == {
        "name": "n", "op": "+", "data": "0.8814", "grad": "0.5000", "prev": [6, 7], "local": [[6, "1.0000"], [7, "1.0000"]],
        "rule": graph_player.RULES["+"], "formula": "n = (+) + b = -6.0000 + 6.8814 = 0.8814",
    }
    assert nodes["o"]["local"] == [[8, "0.5000"]] and nodes["x1"]["local"] is None
    assert nodes["o"]["formula"] == "o = tanh(n) = tanh(0.8814) = 0.7071"  # n is labelled, so its name shows...
    n = o._prev[0]
    n.label = ""
    unnamed = {m["name"]: m for m in page_data(draw_dot(o))["nodes"]}
    assert unnamed["o"]["formula"] == "o = tanh(0.8814) = 0.7071"  # ...and without one, not "tanh((+))"
    assert nodes["x1"]["formula"] == "" and nodes["x1"]["prev"] == []


def test_steps_on_the_page_end_with_backwards_grads(on_the_page):
    L = video_L()
    data = page_data(draw_dot(L, steps=True))
    names = [n["name"] for n in data["nodes"]]
    assert [names[s["node"]] for s in data["forward"]] == ["e", "d", "L"]
    assert data["forward"][0]["text"] == "e = a * b = 2.0000 * -3.0000 = -6.0000"
    assert [names[s["node"]] for s in data["backward"]] == ["L", "L", "d", "e"]  # the seed, then each node
    assert data["backward"][0]["grads"] == [[names.index("L"), "0.0000", "1.0000"]]
    assert data["backward"][1]["text"] == (
        "L passes its grad 1.0000 on (*):\nd.grad += -2.0000 × 1.0000 = -2.0000\nf.grad += 4.0000 × 1.0000 = 4.0000")
    shown = {}
    for step in data["backward"]:
        for i, _, after in step["grads"]:
            shown[names[i]] = after
    L.backward()
    assert shown == {v.label: f"{v.grad:.4f}" for v in trace(L)[0]}


def test_a_second_contribution_is_told_as_one(on_the_page):
    a = Value(3.0, label="a")
    b = a + a * 2
    data = page_data(draw_dot(b, steps=True))
    assert "a.grad += 2.0000 × 1.0000: 1.0000 + 2.0000 = 3.0000 (adds to what a already had" in data["backward"][2]["text"]


def test_page_data_escapes_markup(on_the_page):
    a = Value(1.0, label="</script><script>alert(1)</script>")
    assert "</script><script>" not in draw_dot(a * 2, steps=True)._repr_html_()
    assert page_data(draw_dot(a * 2))["nodes"][0]["name"] == a.label


def test_the_players_text_puts_an_operand_named_by_an_expression_in_brackets():
    """A label such as "x1*w1 + x2*w2" is one operand: `(x1*w1 + x2*w2).grad += …`, not `… + x2*w2.grad`."""
    x1, w1, b = Value(2.0, label="x1"), Value(-3.0, label="w1"), Value(1.0, label="b")
    product = x1 * w1
    product.label = "x1*w1"
    n = product + b
    n.label = "n"
    n.backward()
    steps = graph_player.page_data(n, "", steps=True)
    texts = "\n".join(step["text"] for step in steps["backward"] + steps["forward"])
    assert "(x1*w1).grad += 1.0000 × 1.0000 = 1.0000" in texts
    assert "n = (x1*w1) + b = -6.0000 + 1.0000 = -5.0000" in texts
    assert "x1.grad += -3.0000 × 1.0000" in texts  # a plain name stays as it is
