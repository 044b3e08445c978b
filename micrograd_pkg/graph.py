"""Draw a computation graph: every Value, every operation, and how they connect.

Each `Value` remembers the Values it was made from (`_prev`) and the operation that
made it (`_op`). Following those links back from a result (the "root") finds the whole
expression that produced it. This module writes that expression in Graphviz's DOT
language, the way micrograd's `trace_graph` notebook draws it: one box per Value showing
`{ label | data … | grad … }`, one small node per operation, and arrows from the inputs
through the operation to its result, left to right.

DOT is only text, so making it needs nothing installed. Turning it into a picture needs a
renderer: in Jupyter, the `graphviz` package (`pip install graphviz` plus the Graphviz
programs); anywhere, a function registered with `set_renderer()` (DOT to SVG) or with
`set_html_renderer()` (a graph to HTML: a web page that draws graphs itself registers one,
and may play the passes of `draw_dot(root, steps=True)`). `draw_dot()` picks whichever is there.

`backward_steps()` and `forward_steps()` give the passes one node at a time, as data. They
need only micrograd's shape (`data`, `grad`, `_prev`, `_op` and a `_backward()` on each
node), so they work on a reader's own engine too.
"""

import sys

__all__ = [
    "trace", "to_dot", "draw_dot", "DotGraph", "set_renderer", "set_html_renderer", "backward_steps",
    "forward_steps", "value_name", "MAX_NODES",
]

MAX_NODES = 500
"""Default limit on the number of Values `to_dot()` and `draw_dot()` will draw."""

RANKDIRS = ("LR", "RL", "TB", "BT")
RECORD_SPECIALS = "{}|<>"

_renderer = None  # DOT -> SVG (set_renderer)
_html_renderer = None  # (root, DOT, steps) -> HTML (set_html_renderer)


def trace(root):
    """Find every Value that `root` was computed from, and every link between them.

    Walks backwards from `root` through each Value's `_prev` (its operands). The walk
    uses an explicit stack instead of recursion, so a chain of 100,000 operations is fine.

    Args:
        root: The Value whose history to collect, usually a result such as a loss.

    Returns:
        A pair `(nodes, edges)`. `nodes` lists each Value once, inputs before the
        Values computed from them, so `root` comes last; the order depends only on the
        graph's shape, not on memory addresses. `edges` lists `(operand, result)`
        pairs, results in `nodes` order and operands in operand order. An operand used
        twice, as in `a * a`, gives two edges.

    Example:
        >>> a = Value(2.0, label='a')
        >>> b = a * a
        >>> nodes, edges = trace(b)
        >>> [n.label for n in nodes], len(edges)
        (['a', ''], 2)
    """
    nodes = _values_in_order(root)
    edges = [(child, value) for value in nodes for child in value._prev]
    return nodes, edges


def to_dot(root, rankdir="LR", max_nodes=MAX_NODES):
    """Write the graph behind `root` as Graphviz DOT text.

    Value nodes are records named `n0`, `n1`, … in `trace()` order; the operation
    that made `nK` is the node `nK_op`. Numbers are shown with four decimals
    (`data 0.7071 | grad 0.5000`), so call `root.backward()` first to see gradients.
    Labels are escaped, so any text (even `{`, `|`, `<`, `"` or `\\`) shows as
    typed and can't change the graph.

    The DOT sets no colours or fonts. Nodes carry `class="value"` or `class="op"`,
    which Graphviz copies into SVG output, so a stylesheet can theme the picture.

    Args:
        root: The Value to draw, with everything it was computed from.
        rankdir: Which way the arrows run: `"LR"` (left to right), `"RL"`, `"TB"`
            (top to bottom) or `"BT"`.
        max_nodes: Refuse graphs with more Values than this; None means no limit.

    Returns:
        The DOT source, one statement per line, ending in a newline.

    Raises:
        ValueError: If `rankdir` isn't one of the four above, or the graph has more
            than `max_nodes` Values (the message gives the count).
    """
    return _render_source(_dot_statements(root, rankdir, max_nodes))


def draw_dot(root, format="svg", rankdir="LR", max_nodes=MAX_NODES, steps=False):
    """Make a picture of the graph behind `root` that shows itself wherever you are.

    - In CPython with the `graphviz` package installed (and no renderer registered),
      this returns a `graphviz.Digraph`, as micrograd does: Jupyter draws it, and
      `.render()` or `.pipe()` write `format` files. Drawing needs the Graphviz
      programs too (https://graphviz.org/download/).
    - Otherwise (in the browser, or without `graphviz`) it returns a `DotGraph`,
      which draws with the function registered by `set_renderer()` or shows the HTML
      of the one registered by `set_html_renderer()` (a web page that draws graphs
      itself, where a click on a node may say what it is); else it prints as its
      DOT source.

    Args:
        root: The Value to draw, with everything it was computed from.
        format: Output format for `graphviz.Digraph` (`"svg"`, `"png"`, …). A
            `DotGraph` always draws SVG.
        rankdir: Which way the arrows run: `"LR"`, `"RL"`, `"TB"` or `"BT"`.
        max_nodes: Refuse graphs with more Values than this; None means no limit.
        steps: Passed on to the HTML renderer (`set_html_renderer()`), which may
            add a player under the picture that plays the forward pass and then
            `backward()` one node at a time, showing every chain-rule term with
            its numbers. The steps are worked
            out now, from a fresh backward pass that starts at `root.grad = 1` (see
            `backward_steps()`); your Values' grads are left as they are. Without
            an HTML renderer (Jupyter, plain Python) it changes nothing.

    Returns:
        A `graphviz.Digraph` or a `DotGraph`, each with a `.source` DOT string.

    Raises:
        ValueError: If `rankdir` is unknown or the graph has more than `max_nodes`
            Values. A whole network's loss has thousands; draw one neuron's output
            instead, or raise `max_nodes`.
        RuntimeError: With `steps=True` and an HTML renderer, if a node's
            `_backward()` raises (the message names the node).

    Example:
        >>> x, w, b = Value(2.0, label='x'), Value(-3.0, label='w'), Value(1.0, label='b')
        >>> out = (x * w + b).tanh()
        >>> out.backward()
        >>> draw_dot(out)  # in a notebook, the last expression is drawn
    """
    statements = _dot_statements(root, rankdir, max_nodes)
    if _renderer is None and _html_renderer is None and sys.platform != "emscripten":
        try:
            import graphviz
        except ImportError:
            pass
        else:
            # Graph attributes go in graph_attr so users can still change them on the Digraph.
            body = ["\t" + statement + "\n" for statement in statements[1:]]
            return graphviz.Digraph(format=format, graph_attr={"rankdir": rankdir}, body=body)
    source = _render_source(statements)
    return DotGraph(source, _html_renderer(root, source, steps) if _html_renderer else None)


def set_renderer(render):
    """Register the function that turns DOT text into SVG text for `DotGraph`.

    A browser page may call this once with a function that hands the DOT to Graphviz
    compiled to WebAssembly (viz-js) and returns the SVG. Any callable taking and
    returning a `str` will do.

    Args:
        render: A function `render(dot_source) -> svg_text`, or None to remove the
            current one.

    Raises:
        TypeError: If `render` is neither callable nor None.
    """
    global _renderer
    _renderer = _checked(render, "the renderer must be a function from DOT text to SVG text")


def set_html_renderer(render):
    """Register the function that shows `draw_dot()`'s graphs as HTML, where HTML is how things show.

    A web page that lays out graphs itself (with Graphviz compiled to WebAssembly,
    say) registers one: `draw_dot()` then calls
    `render(root, dot_source, steps)` at once (the Values may change afterwards) and
    its `DotGraph` shows the HTML that it returned (`_repr_html_`).

    Args:
        render: A function `render(root, dot_source, steps) -> html_text`, or None to
            remove the current one.

    Raises:
        TypeError: If `render` is neither callable nor None.
    """
    global _html_renderer
    _html_renderer = _checked(render, "the HTML renderer must be a function (root, DOT text, steps) -> HTML text")


def _checked(render, what):
    if render is not None and not callable(render):
        raise TypeError(f"{what}, got {render!r}")
    return render


class DotGraph:
    """A graph's DOT source that draws itself as SVG when a renderer is registered.

    Notebooks and PyScript's `display()` call `_repr_svg_` to show an object; when no
    renderer is registered it returns None and they try `_repr_html_`, the HTML that
    the function registered by `set_html_renderer()` made of it (None without one):
    then they fall back to `repr`, the DOT source plus a line saying how to get a picture.

    Attributes:
        source: The graph in Graphviz DOT language.
    """

    def __init__(self, source, html=None):
        self.source = source
        self._html = html

    def svg(self):
        """Render the graph to SVG text with the registered renderer.

        Raises:
            RuntimeError: If no renderer is registered (see `set_renderer()`).
            TypeError: If the renderer returns something other than a `str`.
        """
        if _renderer is None:
            raise RuntimeError(
                "no SVG renderer is registered. Where an HTML renderer is registered (see "
                "set_html_renderer), show the graph instead (make it the last expression, or display() it); in "
                "Python, pip install graphviz (and the Graphviz programs from "
                "https://graphviz.org/download/) and call draw_dot() again, or register your "
                "own with micrograd.graph.set_renderer(fn)."
            )
        svg = _renderer(self.source)
        if not isinstance(svg, str):
            raise TypeError(f"the renderer must return SVG text (a str), got {type(svg).__name__}")
        return svg

    def _repr_svg_(self):
        return self.svg() if _renderer is not None else None

    def _repr_html_(self):
        return self._html

    def __repr__(self):
        if _renderer is not None:
            return self.source
        # A DOT comment, so the printed text still pastes into any Graphviz viewer.
        return self.source + (
            "// To see a picture: pip install graphviz, install Graphviz "
            "(https://graphviz.org/download/), then call draw_dot() again.\n"
        )

    __str__ = __repr__


def forward_steps(root):
    """The forward pass behind `root`, one computed Value at a time, inputs first.

    Returns:
        A list with one dict per Value that was computed from others (inputs and
        parameters have no step), in an order where every Value comes after the
        Values it was made from: `{"node": value, "children": [...]}`, the children
        in operand order, each once.
    """
    return [{"node": v, "children": _distinct(v._prev)} for v in _values_in_order(root) if v._prev]


def backward_steps(root):
    """The steps `root.backward()` takes, one node at a time, with every chain-rule term in numbers.

    Replays a fresh backward pass: every grad set to 0, `root.grad = 1`, then for each
    node that has children, in the order backward() visits them, the node's own
    `_backward()` (micrograd's contract), noting what it added to each child's grad.
    Each child's *local derivative* is found the same way, by calling `_backward()`
    once with the node's grad set to 1. So any Value class shaped like micrograd's
    works, a reader's own included. Afterwards every grad is put back as it was.

    Returns:
        A list with one dict per node, in backward order: `{"node": value, "grad":
        its grad, complete by then, "terms": [(child, local, before, after), ...]}`:
        the chain rule `child.grad += local * grad` took the child's grad from
        `before` to `after`. A child used twice by the same node (as in `a * a`)
        has one term, its local derivative the sum of both uses'. The grads left
        after the last step are the ones `root.backward()` computes.

    Raises:
        RuntimeError: If a node's `_backward()` raises, or changes the node's children
            (its `_prev`); the message names the node.
    """
    nodes = _values_in_order(root)
    saved = [v.grad for v in nodes]
    try:
        for v in nodes:
            v.grad = 0
        root.grad = 1
        children = [[id(c) for c in v._prev] for v in nodes]
        steps = [_chain_rule(v) for v in reversed(nodes) if v._prev]  # backward()'s order: build_topo's, reversed
        for v, before in zip(nodes, children):
            if [id(c) for c in v._prev] != before:
                raise RuntimeError(f"the graph changed while it was being played: the children (_prev) of "
                                   f"{value_name(v)} (op {v._op!r}) changed during backward. A _backward() should "
                                   "only add to its children's grads.")
        return steps
    finally:
        for v, grad in zip(nodes, saved):
            v.grad = grad


def _chain_rule(v):
    """One step of backward at `v`: apply its chain rule and note each child's local derivative and grads."""
    children, grad = _distinct(v._prev), v.grad
    before = [child.grad for child in children]
    try:
        step = v._backward
        for child in children:
            child.grad = 0
        v.grad = 1
        step()
        local = [child.grad for child in children]
        for child, start in zip(children, before):
            child.grad = start
        v.grad = grad
        step()
    except Exception as error:
        raise RuntimeError(f"backward at {value_name(v)} (op {v._op!r}) failed: {error!r}") from error
    terms = [(child, d, start, child.grad) for child, d, start in zip(children, local, before)]
    return {"node": v, "grad": grad, "terms": terms}


def _distinct(values):
    """`values` without repeats (by identity), in order."""
    seen = set()
    return [v for v in values if not (id(v) in seen or seen.add(id(v)))]


def value_name(v):
    """What a message calls a Value: its label, or else its operation (or its data) in brackets: `(*)`."""
    label = str(getattr(v, "label", "") or "")
    return label or (f"({v._op})" if v._op else f"({v.data:.4f})")


def _values_in_order(root):
    """Every Value reachable from `root`, each after all its operands (post-order DFS)."""
    # Identity, not equality: a Value class may overload == or hashing.
    seen = {id(root)}
    order = []
    stack = [(root, iter(root._prev))]
    while stack:
        value, operands = stack[-1]
        for child in operands:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append((child, iter(child._prev)))
                break
        else:
            stack.pop()
            order.append(value)
    return order


def _dot_statements(root, rankdir, max_nodes):
    """DOT statements for the graph behind `root`, the `graph [...]` one first."""
    if rankdir not in RANKDIRS:
        raise ValueError(f"rankdir must be one of {', '.join(RANKDIRS)}, got {rankdir!r}")
    nodes = _values_in_order(root)
    if max_nodes is not None and len(nodes) > max_nodes:
        raise ValueError(
            f"this graph has {len(nodes)} values, more than max_nodes={max_nodes}: too many "
            "to lay out quickly or read. Draw a smaller part instead (for example one "
            f"neuron's output rather than the whole loss), or pass max_nodes={len(nodes)} "
            "(or None) to draw it anyway."
        )
    name = {id(value): f"n{i}" for i, value in enumerate(nodes)}
    statements = [f"graph [rankdir={rankdir}]"]
    for value in nodes:
        node = name[id(value)]
        label = _escape_record(str(getattr(value, "label", "") or ""))
        statements.append(
            f'{node} [class="value" shape=record '
            f'label="{{ {label} | data {value.data:.4f} | grad {value.grad:.4f} }}"]'
        )
        target = node
        if value._op:
            target = f"{node}_op"
            statements.append(f'{target} [class="op" label="{_escape_string(str(value._op))}"]')
            statements.append(f"{target} -> {node}")
        for child in value._prev:
            statements.append(f"{name[id(child)]} -> {target}")
    return statements


def _render_source(statements):
    return "digraph {\n" + "".join(f"\t{statement}\n" for statement in statements) + "}\n"


def _escape_string(text):
    r"""Escape text for a quoted DOT string: `\` and `"` get a backslash, newlines become `\n`, and `&` is
    `&amp;` (Graphviz reads `&lt;` in a label as `<`: a label shows exactly as typed)."""
    text = text.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    # Some Graphviz versions read a backslash right before the closing quote as escaping it.
    return text + " " if text.endswith("\\") else text


def _escape_record(text):
    """Escape text for one field of a record label, where `{ } | < >` have meaning too."""
    text = _escape_string(text)
    for char in RECORD_SPECIALS:
        text = text.replace(char, "\\" + char)
    return text
