"""Draw a computation graph: every Value, every operation, and how they connect.

Each `Value` remembers the Values it was made from (`_prev`) and the operation that
made it (`_op`). Following those links back from a result (the "root") finds the whole
expression that produced it. This module writes that expression in Graphviz's DOT
language, the way micrograd's `trace_graph` notebook draws it: one box per Value showing
`{ label | data … | grad … }`, one small node per operation, and arrows from the inputs
through the operation to its result, left to right.

DOT is only text, so making it needs nothing installed. Turning it into a picture needs a
renderer: in Jupyter, the `graphviz` package (`pip install graphviz` plus the Graphviz
programs); in the browser, a function the page registers with `set_renderer()`.
`draw_dot()` picks whichever is there.
"""

import sys

__all__ = ["trace", "to_dot", "draw_dot", "DotGraph", "set_renderer", "MAX_NODES"]

MAX_NODES = 500
"""Default limit on the number of Values `to_dot()` and `draw_dot()` will draw."""

RANKDIRS = ("LR", "RL", "TB", "BT")
RECORD_SPECIALS = "{}|<>"

_renderer = None


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


def draw_dot(root, format="svg", rankdir="LR", max_nodes=MAX_NODES):
    """Make a picture of the graph behind `root` that shows itself wherever you are.

    - In CPython with the `graphviz` package installed (and no renderer registered),
      this returns a `graphviz.Digraph`, as micrograd does: Jupyter draws it, and
      `.render()` or `.pipe()` write `format` files. Drawing needs the Graphviz
      programs too (https://graphviz.org/download/).
    - Otherwise (in the browser, or without `graphviz`) it returns a `DotGraph`,
      which draws with the function registered by `set_renderer()`, or, if there is
      none, prints as its DOT source.

    Args:
        root: The Value to draw, with everything it was computed from.
        format: Output format for `graphviz.Digraph` (`"svg"`, `"png"`, …). A
            `DotGraph` always draws SVG.
        rankdir: Which way the arrows run: `"LR"`, `"RL"`, `"TB"` or `"BT"`.
        max_nodes: Refuse graphs with more Values than this; None means no limit.

    Returns:
        A `graphviz.Digraph` or a `DotGraph`, each with a `.source` DOT string.

    Raises:
        ValueError: If `rankdir` is unknown or the graph has more than `max_nodes`
            Values. A whole network's loss has thousands; draw one neuron's output
            instead, or raise `max_nodes`.

    Example:
        >>> x, w, b = Value(2.0, label='x'), Value(-3.0, label='w'), Value(1.0, label='b')
        >>> out = (x * w + b).tanh()
        >>> out.backward()
        >>> draw_dot(out)  # in a notebook, the last expression is drawn
    """
    statements = _dot_statements(root, rankdir, max_nodes)
    if _renderer is None and sys.platform != "emscripten":
        try:
            import graphviz
        except ImportError:
            pass
        else:
            # Graph attributes go in graph_attr so users can still change them on the Digraph.
            body = ["\t" + statement + "\n" for statement in statements[1:]]
            return graphviz.Digraph(format=format, graph_attr={"rankdir": rankdir}, body=body)
    return DotGraph(_render_source(statements))


def set_renderer(render):
    """Register the function that turns DOT text into SVG text for `DotGraph`.

    The browser page calls this once with a function that hands the DOT to Graphviz
    compiled to WebAssembly (viz-js) and returns the SVG. Any callable taking and
    returning a `str` will do.

    Args:
        render: A function `render(dot_source) -> svg_text`, or None to remove the
            current one.

    Raises:
        TypeError: If `render` is neither callable nor None.
    """
    global _renderer
    if render is not None and not callable(render):
        raise TypeError(f"the renderer must be a function from DOT text to SVG text, got {render!r}")
    _renderer = render


class DotGraph:
    """A graph's DOT source that draws itself as SVG when a renderer is registered.

    Notebooks and PyScript's `display()` call `_repr_svg_` to show an object; when no
    renderer is registered it returns None and they fall back to `repr`, which is the
    DOT source plus a line saying how to get a picture.

    Attributes:
        source: The graph in Graphviz DOT language.
    """

    def __init__(self, source):
        self.source = source

    def svg(self):
        """Render the graph to SVG text with the registered renderer.

        Raises:
            RuntimeError: If no renderer is registered (see `set_renderer()`).
            TypeError: If the renderer returns something other than a `str`.
        """
        if _renderer is None:
            raise RuntimeError(
                "no SVG renderer is registered. In the browser the page registers one; in "
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

    def __repr__(self):
        if _renderer is not None:
            return self.source
        # A DOT comment, so the printed text still pastes into any Graphviz viewer.
        return self.source + (
            "// To see a picture: pip install graphviz, install Graphviz "
            "(https://graphviz.org/download/), then call draw_dot() again.\n"
        )

    __str__ = __repr__


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
    r"""Escape text for a quoted DOT string: `\` and `"` get a backslash, newlines become `\n`."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    # Some Graphviz versions read a backslash right before the closing quote as escaping it.
    return text + " " if text.endswith("\\") else text


def _escape_record(text):
    """Escape text for one field of a record label, where `{ } | < >` have meaning too."""
    text = _escape_string(text)
    for char in RECORD_SPECIALS:
        text = text.replace(char, "\\" + char)
    return text
