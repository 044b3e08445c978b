"""The DOT text draw_dot/to_dot write, and how draw_dot shows itself in each environment."""

import html
import json
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from example_graphs import neuron, video_L

from micrograd import graph
from micrograd.engine import Value
from micrograd.graph import (
    DotGraph, backward_steps, draw_dot, forward_steps, set_html_renderer, set_renderer, to_dot, trace,
)

HOSTILE = 'a|b{c}<d>"e\\'
VIZ_JS = Path(__file__).resolve().parents[2] / "node_modules" / "@viz-js" / "viz" / "dist" / "viz.js"

VALUE_NODE = re.compile(r'^\t(n\d+) \[class="value" shape=record label="(.*)"\]$')
OP_NODE = re.compile(r'^\t(n\d+_op) \[class="op" label="(.*)"\]$')
EDGE = re.compile(r"^\t(n\d+(?:_op)?) -> (n\d+(?:_op)?)$")


def parse(dot):
    """Split DOT from to_dot into value nodes {id: label}, op nodes {id: label} and edges."""
    lines = dot.splitlines()
    assert lines[0] == "digraph {" and lines[-1] == "}"
    assert lines[1].startswith("\tgraph [rankdir=")
    values, ops, edges = {}, {}, []
    for line in lines[2:-1]:
        if m := VALUE_NODE.match(line):
            values[m[1]] = m[2]
        elif m := OP_NODE.match(line):
            ops[m[1]] = m[2]
        elif m := EDGE.match(line):
            edges.append((m[1], m[2]))
        else:
            pytest.fail(f"unexpected DOT line: {line!r}")
    return values, ops, edges


def graphviz_fields(quoted_label):
    """Read a record label the way Graphviz does: quoted-string escapes, then record fields."""
    text = quoted_label.replace('\\"', '"')  # the DOT lexer's only escape inside quotes
    fields, field, i = [], "", 0
    assert text.startswith("{") and text.endswith("}")
    text = text[1:-1]
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            following = text[i + 1]
            field += following if following in "{}|<>" else "\\" + following
            i += 2
            continue
        assert char not in "{}<>", f"unescaped {char!r} in {quoted_label!r}"
        if char == "|":
            fields.append(field)
            field = ""
        else:
            field += char
        i += 1
    fields.append(field)
    # escString: \\ is a backslash, \n a line break.
    return [re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], f).strip() for f in fields]


@pytest.fixture(autouse=True)
def no_renderer():
    set_renderer(None)
    set_html_renderer(None)
    yield
    set_renderer(None)
    set_html_renderer(None)


def test_trace_lists_each_value_once_inputs_first():
    o = neuron()
    nodes, edges = trace(o)
    assert len(nodes) == 10 and nodes[-1] is o
    assert len({id(n) for n in nodes}) == 10
    position = {id(n): i for i, n in enumerate(nodes)}
    assert len(edges) == 9
    assert all(position[id(child)] < position[id(value)] for child, value in edges)
    assert [n.label for n in nodes if n.label] == ["x1", "w1", "x2", "w2", "b", "n", "o"]


def test_trace_of_a_leaf():
    a = Value(3.0)
    assert trace(a) == ([a], [])


def test_neuron_dot_has_the_expected_nodes_and_edges():
    values, ops, edges = parse(to_dot(neuron()))
    assert len(values) == 10
    assert sorted(ops.values()) == ["*", "*", "+", "+", "tanh"]
    # every op feeds exactly its value; 9 operand edges + 5 op->value edges
    assert len(edges) == 14
    assert sum(1 for a, b in edges if a.endswith("_op")) == 5
    for op in ops:
        assert (op, op[: -len("_op")]) in edges
    labels = {node: graphviz_fields(label)[0] for node, label in values.items()}
    named = {label: node for node, label in labels.items() if label}
    assert (named["n"], next(op for op, name in ops.items() if name == "tanh")) in edges
    assert labels[next(iter(values))] == "x1"  # ids follow trace order, starting at the inputs
    assert list(values) == [f"n{i}" for i in range(10)]


def test_data_and_grad_are_shown_with_four_decimals():
    o = neuron()
    values, _, _ = parse(to_dot(o))
    assert graphviz_fields(values["n9"]) == ["o", "data 0.7071", "grad 0.0000"]
    o.backward()
    values, _, _ = parse(to_dot(o))
    assert graphviz_fields(values["n9"]) == ["o", "data 0.7071", "grad 1.0000"]
    fields = {graphviz_fields(v)[0]: graphviz_fields(v)[1:] for v in values.values()}
    assert fields["n"] == ["data 0.8814", "grad 0.5000"]
    assert fields["x1"] == ["data 2.0000", "grad -1.5000"]
    assert fields["w2"] == ["data 1.0000", "grad 0.0000"]


def test_relu_neuron():
    values, ops, _ = parse(to_dot(neuron("relu")))
    assert "ReLU" in ops.values() and len(values) == 10


def test_output_is_deterministic():
    assert to_dot(neuron()) == to_dot(neuron())


@pytest.mark.parametrize("label", [HOSTILE, "x\\\"y\n} | {z\\", "\\N \\G \\l", "]; n0 -> n0 [", "ünï ☃"])
def test_labels_are_escaped(label):
    a = Value(1.0, label=label)
    dot = to_dot(a * 2)
    values, ops, edges = parse(dot)  # no stray lines: nothing was injected
    assert len(values) == 3 and len(ops) == 1 and len(edges) == 3
    assert graphviz_fields(values["n0"]) == [label.strip(), "data 1.0000", "grad 0.0000"]


def test_hostile_op_name_is_escaped():
    a = Value(1.0)
    b = Value(2.0, (a,), 'x"] n9 [label="\\')
    _, ops, _ = parse(to_dot(b))
    assert ops["n1_op"] == 'x\\"] n9 [label=\\"\\\\ '


def test_unlabelled_value_has_an_empty_first_field():
    values, _, _ = parse(to_dot(Value(1.5)))
    assert graphviz_fields(values["n0"]) == ["", "data 1.5000", "grad 0.0000"]


def test_duplicate_operand_gives_two_edges():
    a = Value(3.0, label="a")
    b = a * a
    b.backward()
    nodes, edges = trace(b)
    assert nodes == [a, b] and edges == [(a, b), (a, b)]
    values, ops, dot_edges = parse(to_dot(b))
    assert len(values) == 2 and ops == {"n1_op": "*"}
    assert dot_edges.count(("n0", "n1_op")) == 2 and ("n1_op", "n1") in dot_edges
    assert graphviz_fields(values["n0"]) == ["a", "data 3.0000", "grad 6.0000"]


def test_shared_subexpression_is_drawn_once():
    a = Value(1.0)
    c = a + 1
    d = c * c + c
    values, _, _ = parse(to_dot(d))
    assert len(values) == len(trace(d)[0]) == 5  # a, 1, c, c*c, d


def test_n_ary_ops():
    ws, xs = [Value(1.0), Value(2.0)], [Value(3.0), Value(4.0)]
    out = Value.dot(ws, xs, Value(0.5))
    values, ops, edges = parse(to_dot(out))
    assert ops == {"n5_op": "dot"} and len(values) == 6
    assert [a for a, b in edges if b == "n5_op"] == ["n0", "n1", "n2", "n3", "n4"]


def test_deep_chain_without_recursion_error():
    x = Value(0.0)
    for _ in range(5000):
        x = x + 1
    nodes, edges = trace(x)
    assert len(nodes) == 10001 and len(edges) == 10000
    dot = to_dot(x, max_nodes=None)
    assert dot.count("class=\"value\"") == 10001
    assert isinstance(draw_dot(x, max_nodes=20000), DotGraph)


def test_node_limit_error_gives_the_count_and_the_way_out():
    x = Value(0.0)
    for _ in range(300):
        x = x + 1
    with pytest.raises(ValueError) as error:
        to_dot(x)
    message = str(error.value)
    assert "601 values" in message and "max_nodes=500" in message
    assert "neuron" in message and "max_nodes=601" in message
    with pytest.raises(ValueError, match="601 values"):
        draw_dot(x)
    with pytest.raises(ValueError, match="601 values, more than max_nodes=10"):
        draw_dot(x, max_nodes=10)
    assert to_dot(x, max_nodes=601).count('class="value"') == 601


@pytest.mark.parametrize("rankdir", ["LR", "RL", "TB", "BT"])
def test_rankdir(rankdir):
    assert f"\tgraph [rankdir={rankdir}]\n" in to_dot(neuron(), rankdir=rankdir)


@pytest.mark.parametrize("rankdir", ["lr", "LR]; x", None])
def test_bad_rankdir(rankdir):
    with pytest.raises(ValueError, match="rankdir"):
        to_dot(neuron(), rankdir=rankdir)


def test_no_colours_in_dot():
    dot = to_dot(neuron())
    assert "color" not in dot and "fill" not in dot and "font" not in dot


def test_without_graphviz_or_renderer_draw_dot_prints_its_source(monkeypatch):
    monkeypatch.setitem(sys.modules, "graphviz", None)  # import graphviz -> ImportError
    o = neuron()
    drawing = draw_dot(o)
    assert isinstance(drawing, DotGraph)
    assert drawing.source == to_dot(o)
    assert drawing._repr_svg_() is None
    text = repr(drawing)
    assert text.startswith(drawing.source) and str(drawing) == text
    hint = text[len(drawing.source):]
    assert hint.count("\n") == 1 and hint.startswith("//") and "pip install graphviz" in hint
    with pytest.raises(RuntimeError, match="set_renderer"):
        drawing.svg()


def test_registered_renderer_draws_the_svg(monkeypatch):
    monkeypatch.setitem(sys.modules, "graphviz", None)
    seen = []
    set_renderer(lambda dot: seen.append(dot) or "<svg>drawn</svg>")
    drawing = draw_dot(neuron())
    assert drawing._repr_svg_() == "<svg>drawn</svg>" == drawing.svg()
    assert seen == [drawing.source, drawing.source]
    assert repr(drawing) == drawing.source
    set_renderer(None)
    assert drawing._repr_svg_() is None


def test_renderer_must_be_callable_and_return_text():
    with pytest.raises(TypeError, match="renderer"):
        set_renderer("viz")
    set_renderer(lambda dot: b"<svg/>")
    with pytest.raises(TypeError, match="str"):
        DotGraph("digraph {}").svg()


class FakeDigraph:
    def __init__(self, format=None, graph_attr=None, body=None):
        self.format, self.graph_attr, self.body = format, graph_attr, list(body)


@pytest.fixture
def fake_graphviz(monkeypatch):
    module = types.ModuleType("graphviz")
    module.Digraph = FakeDigraph
    monkeypatch.setitem(sys.modules, "graphviz", module)
    return module


def test_with_graphviz_draw_dot_returns_a_digraph(fake_graphviz):
    o = neuron()
    drawing = draw_dot(o, format="png", rankdir="TB")
    assert isinstance(drawing, FakeDigraph)
    assert drawing.format == "png" and drawing.graph_attr == {"rankdir": "TB"}
    # graphviz writes "digraph {", the graph attributes, the body lines, "}".
    expected = to_dot(o, rankdir="TB").splitlines(keepends=True)[2:-1]
    assert drawing.body == expected


def test_in_the_browser_or_with_a_renderer_graphviz_is_not_used(fake_graphviz, monkeypatch):
    set_renderer(lambda dot: "<svg/>")
    assert isinstance(draw_dot(neuron()), DotGraph)
    set_renderer(None)
    monkeypatch.setattr(graph.sys, "platform", "emscripten")
    assert isinstance(draw_dot(neuron()), DotGraph)


@pytest.mark.skipif(not (shutil.which("node") and VIZ_JS.exists()), reason="needs node and npm's @viz-js/viz")
def test_viz_js_draws_hostile_labels_as_typed(tmp_path):
    """Real Graphviz (viz-js, as the browser uses it) reads the escaped labels back exactly."""
    script = tmp_path / "render.mjs"
    script.write_text(
        f'import {{ instance }} from {json.dumps(VIZ_JS.as_uri())};\n'
        'import { readFileSync } from "fs";\n'
        'const result = (await instance()).render(readFileSync(0, "utf8"), { format: "svg" });\n'
        "console.log(JSON.stringify(result));\n"
    )
    a = Value(1.0, label=HOSTILE)
    b = a * a
    b.label = "x\\\"y\n}|{z\\"
    c = Value(2.0, (b,), '"op\\')
    result = json.loads(
        subprocess.run(["node", str(script)], input=to_dot(c), capture_output=True, text=True,
                       check=True, timeout=60).stdout
    )
    assert result["status"] == "success", result["errors"]
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", result["output"])]
    assert HOSTILE in texts and "x\\\"y" in texts and "}|{z\\" in texts
    assert '"op\\ ' in texts
    assert 'class="node value"' in result["output"] and 'class="node op"' in result["output"]


# ---- the steps the page's player shows ----------------------------------------------------------------------

def grads(root):
    return {id(v): v.grad for v in trace(root)[0]}


def final_grads(steps, root):
    """Each node's grad after the last step that touched it (root: 1), as the player ends."""
    result = {id(v): 0 for v in trace(root)[0]}
    result[id(root)] = 1
    for step in steps:
        for child, _, _, after in step["terms"]:
            result[id(child)] = after
    return result


def test_backward_steps_of_the_video_example():
    L = video_L()
    steps = backward_steps(L)
    assert [s["node"].label for s in steps] == ["L", "d", "e"]
    assert [s["grad"] for s in steps] == [1, -2.0, -2.0]
    L_step = steps[0]
    assert [(c.label, local, before, after) for c, local, before, after in L_step["terms"]] == [
        ("d", -2.0, 0, -2.0), ("f", 4.0, 0, 4.0)]
    e_step = steps[2]
    assert [(c.label, local, after) for c, local, _, after in e_step["terms"]] == [("a", -3.0, 6.0), ("b", 2.0, -4.0)]
    assert all(v.grad == 0 for v in trace(L)[0]), "the steps leave the Values' grads as they were"
    L.backward()
    assert final_grads(steps, L) == grads(L)


def test_backward_steps_leave_grads_as_they_were():
    o = neuron()
    o.backward()
    o.backward()  # grads of two passes: the steps are still those of one pass, and these stay
    before = grads(o)
    steps = backward_steps(o)
    assert grads(o) == before
    fresh = neuron()
    fresh.backward()
    assert list(final_grads(steps, o).values()) == list(grads(fresh).values())


def test_a_value_used_by_two_nodes_gets_two_contributions():
    x = Value(3.0, label="x")
    y = x * x + x  # x twice in one node (x*x), and again in the sum
    y.label = "y"
    steps = backward_steps(y)
    assert [s["node"]._op for s in steps] == ["+", "*"]
    plus, times = steps
    assert [(c.label, local, before, after) for c, local, before, after in plus["terms"]] == [
        ("", 1, 0, 1), ("x", 1, 0, 1)]
    # one term for both uses in x*x: local derivative 2x = 6, added to the 1 the sum gave
    assert [(c.label, local, before, after) for c, local, before, after in times["terms"]] == [("x", 6.0, 1, 7.0)]
    y.backward()
    assert x.grad == 7.0 == final_grads(steps, y)[id(x)]


@pytest.mark.parametrize("build", [
    lambda v: (v * 2 + 1).tanh(), lambda v: (v ** 3).exp() / v, lambda v: (v * v).log() - v.sigmoid(),
    lambda v: Value.sum([v, v * 2, (-v).relu()]), lambda v: Value.dot([v, Value(2.0)], [Value(-1.0), v], 0.5),
    lambda v: Value.dot([v], [Value(-4.0)], v, relu=True) + Value.dot([v], [Value(4.0)], 0, relu=True),
])
def test_backward_steps_end_with_the_grads_backward_computes(build):
    v = Value(0.7, label="v")
    out = build(v)
    steps = backward_steps(out)
    out.backward()
    assert final_grads(steps, out) == grads(out)  # exactly, not only to the shown precision


class Scalar:
    """A reader's own engine, shaped like micrograd's (closures in _backward, _prev a set, no labels)."""

    def __init__(self, data, _children=(), _op=""):
        self.data, self.grad, self._prev, self._op = data, 0, set(_children), _op
        self._backward = lambda: None

    def __add__(self, other):
        out = Scalar(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        out = Scalar(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self):
        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        self.grad = 1
        for v in reversed(topo):
            v._backward()


def test_steps_of_a_readers_own_engine_come_from_its_backward():
    a, b = Scalar(2.0), Scalar(-3.0)
    c = a * b + a * a  # a * a: one child, used twice by the node: _prev == {a}
    steps = backward_steps(c)
    assert [s["node"]._op for s in steps] == ["+", "*", "*"]
    square = next(s for s in steps if len(s["terms"]) == 1)
    assert square["terms"][0][1] == 4.0  # 2a, found by calling its _backward with grad 1
    c.backward()
    assert final_grads(steps, c) == grads(c)
    assert (a.grad, b.grad) == (1.0, 2.0)


def test_a_failing_backward_names_the_node_and_restores_the_grads():
    a, b = Scalar(2.0), Scalar(3.0)
    c = a * b
    a.grad = 5

    def broken():
        raise ZeroDivisionError("oops")
    c._backward = broken
    with pytest.raises(RuntimeError, match=r"backward at \(\*\) \(op '\*'\) failed: ZeroDivisionError"):
        backward_steps(c)
    assert (a.grad, b.grad, c.grad) == (5, 0, 0)


def test_a_node_made_by_hand_passes_nothing_back_as_in_micrograd():
    a = Value(1.0)
    v = Value(2.0, (a,), "mystery")  # no _backward given: micrograd's does nothing
    assert [(s["node"], s["terms"]) for s in backward_steps(v)] == [(v, [(a, 0, 0, 0)])]


def test_an_engine_without_backward_gets_a_clear_error():
    class Bare:
        def __init__(self, data, prev=(), op=""):
            self.data, self.grad, self._prev, self._op = data, 0, prev, op
    with pytest.raises(RuntimeError, match=r"backward at \(\+\) \(op '\+'\) failed: AttributeError"):
        backward_steps(Bare(3.0, (Bare(1.0), Bare(2.0)), "+"))


def test_forward_steps_follow_the_computation():
    L = video_L()
    steps = forward_steps(L)
    assert [s["node"].label for s in steps] == ["e", "d", "L"]
    assert [[c.label for c in s["children"]] for s in steps] == [["a", "b"], ["e", "c"], ["d", "f"]]
    x = Value(1.0)
    assert [len(s["children"]) for s in forward_steps(x * x)] == [1]


def test_without_an_html_renderer_there_is_no_html(monkeypatch):
    monkeypatch.setitem(sys.modules, "graphviz", None)
    assert draw_dot(neuron(), steps=True)._repr_html_() is None


def test_a_registered_html_renderer_makes_the_html_when_draw_dot_is_called(monkeypatch):
    monkeypatch.setattr(graph.sys, "platform", "emscripten")
    seen = []
    set_html_renderer(lambda root, source, steps: seen.append((root, source, steps)) or "<b>graph</b>")
    o = neuron()
    drawing = draw_dot(o, steps=True)
    assert seen == [(o, drawing.source, True)] and drawing._repr_html_() == "<b>graph</b>"
    with pytest.raises(TypeError, match="HTML renderer"):
        set_html_renderer("graphs.js")


def test_a_backward_that_changes_prev_is_named_while_the_steps_are_played():
    """A reader's `_backward` that adds to `_prev` (the graph grows while it is played) gets a clear message, not
    a KeyError of an id."""

    class MyValue:
        def __init__(self, data, children=(), op="", label=""):
            self.data, self.grad, self._prev, self._op, self.label = data, 0.0, set(children), op, label
            self._backward = lambda: None

        def __mul__(self, other):
            out = MyValue(self.data * other.data, (self, other), "*", "c")

            def _backward():
                self.grad += other.data * out.grad
                other.grad += self.data * out.grad
                out._prev.add(MyValue(1.0))  # the bug

            out._backward = _backward
            return out

    c = MyValue(2.0, label="a") * MyValue(3.0, label="b")
    with pytest.raises(RuntimeError, match=r"graph changed while it was being played: the children \(_prev\) of c"):
        backward_steps(c)  # what draw_dot(c, steps=True) plays on the page


def test_a_label_shows_exactly_as_typed_even_one_that_looks_like_an_html_entity():
    """Graphviz reads `&lt;` in a label as `<`: a label typed `&lt;b&gt;` must not be drawn as `<b>`."""
    source = to_dot(Value(1.0, label="&lt;b&gt; & co"))
    assert "&amp;lt;b&amp;gt; &amp; co" in source
    if shutil.which("dot"):
        svg = subprocess.run(["dot", "-Tsvg"], input=source, capture_output=True, text=True, check=True).stdout
        assert "&amp;lt;b&amp;gt; &amp; co" in svg  # the SVG's text is the label as typed
