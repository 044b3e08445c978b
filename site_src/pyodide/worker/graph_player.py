"""draw_dot() on the site's pages: the graph handed to the page as data, with the player's steps and words.

micrograd's `draw_dot()` makes the DOT text; on a page, `graphs.js` (Graphviz as WebAssembly) lays it out, lets a
reader click a node to see what it is, and with `draw_dot(root, steps=True)` plays the forward pass and then
`backward()` one node at a time. This module gives it what it needs besides the DOT: each node's numbers and how
it was computed, in words, and the passes as lists of changes to the drawing. `install()` registers it with
micrograd (`micrograd.graph.set_html_renderer`), so a shown graph becomes
`<div class="mgl-graph">` holding that JSON.

It needs only micrograd's shape (`data`, `grad`, `_prev`, `_op` and a `_backward()` on each node), so a reader's
own engine draws and plays too.
"""

import json

from micrograd import graph


def install():
    """Have draw_dot()'s graphs shown by the page (once, at the page's set-up)."""
    graph.set_html_renderer(html)


def html(root, source, steps):
    """The HTML that graphs.js draws `root`'s graph from (DOT `source`; with `steps`, the player's too)."""
    # Inert JSON for the page's graphs.js; "<" escaped so no label can close the script element.
    data = json.dumps(page_data(root, source, steps)).replace("<", "\\u003c")
    return (
        '<div class="mgl-graph"><p class="mgl-graph-wait">Drawing the graph…</p>'
        f'<script type="application/json">{data}</script></div>'
    )


# What backward uses at each operation, in words, for the node inspector.
RULES = {
    "+": "a sum passes its grad on unchanged: local derivative 1",
    "sum": "a sum passes its grad on unchanged: local derivative 1",
    "*": "a product sends each factor the other factor's data",
    "tanh": "d tanh(x)/dx = 1 - tanh(x)², that is 1 - data²",
    "exp": "d exp(x)/dx = exp(x), that is this node's data",
    "log": "d log(x)/dx = 1/x",
    "ReLU": "1 where the output is positive, else 0",
    "sigmoid": "d σ(x)/dx = σ(x)·(1 - σ(x))",
    "dot": "each weight gets its input's data, each input its weight's, the bias 1",
    "ReLU∘dot": "as dot, where the output is positive; else 0",
}


def page_data(root, source, steps):
    """What the page needs besides the DOT: each node's numbers (for the inspector) and, with `steps`, the
    forward and backward passes as lists of changes to the drawing. Node i is DOT's `n{i}` (trace() order)."""
    nodes, _ = graph.trace(root)
    index = {id(v): i for i, v in enumerate(nodes)}
    names = {id(v): graph.value_name(v) for v in nodes}  # what the player and the inspector call each
    try:
        chain = graph.backward_steps(root)
    except RuntimeError:
        if steps:
            raise
        chain = []  # a reader's engine whose _backward fails: the picture still draws, without local derivatives
    local = {id(s["node"]): [[index[id(c)], number(d)] for c, d, _, _ in s["terms"]] for s in chain}
    data = {
        "source": source,
        "nodes": [
            {
                "name": names[id(v)], "op": str(v._op), "data": number(v.data), "grad": number(v.grad),
                "prev": [index[id(c)] for c in v._prev], "local": local.get(id(v)),
                "rule": RULES.get(v._op, "power rule: k·x^(k-1)" if str(v._op).startswith("**") else ""),
                "formula": formula(v, names) if v._prev else "",
            }
            for v in nodes
        ],
    }
    if steps:
        data["forward"] = [
            {"node": index[id(s["node"])], "children": [index[id(c)] for c in s["children"]],
             "text": formula(s["node"], names)}
            for s in graph.forward_steps(root)
        ]
        data["backward"] = [seed_step(root, index, names)] + [backward_step(s, index, names) for s in chain]
    return data


def number(x):
    return f"{x:.4f}"


def operand(name):
    """A value's name as an operand in the player's text: a label that is an expression in brackets, so that
    `(x1*w1 + x2*w2).grad` does not read as `w2.grad`."""
    return name if name.isidentifier() or name.startswith("(") else f"({name})"


def formula(v, names):
    """How `v` was computed, with its operands' numbers: "a * b = 2.0000 * -3.0000 = -6.0000"."""
    op, prev = v._op, v._prev
    if op in ("+", "*") and len(prev) == 2:
        symbolic = f" {op} ".join(operand(names[id(c)]) for c in prev)
        numeric = f" {op} ".join(number(c.data) for c in prev)
    elif op.startswith("**") and len(prev) == 1:
        (base,) = prev  # a reader's engine may keep _prev as a set, as micrograd does
        symbolic, numeric = operand(names[id(base)]) + op, number(base.data) + op
    else:
        symbolic = f"{op}({', '.join(names[id(c)] for c in prev)})"
        numeric = f"{op}({', '.join(number(c.data) for c in prev)})" if len(prev) <= 3 else "…"
    if all(names[id(c)].startswith("(") for c in prev) and numeric != "…":  # no operand has a name of its own:
        return f"{names[id(v)]} = {numeric} = {number(v.data)}"  # "tanh((+))" would say nothing the numbers don't
    return f"{names[id(v)]} = {symbolic} = {numeric} = {number(v.data)}"


def seed_step(root, index, names):
    """The backward pass's first step: the root's grad set to 1."""
    i, root_name = index[id(root)], names[id(root)]
    return {"node": i, "children": [], "grads": [[i, number(0), number(1)]],
            "text": f"{root_name}.grad = 1: d{root_name}/d{root_name}, where backward() starts."}


def backward_step(step, index, names):
    """One backward step as the page shows it: the grads it changes and the chain rule in words and numbers."""
    v, grad = step["node"], number(step["grad"])
    lines = [f"{names[id(v)]} passes its grad {grad} on ({v._op}):"]
    for child, local, before, after in step["terms"]:
        term = f"{operand(names[id(child)])}.grad += {number(local)} × {grad}"
        if before:  # an earlier node already gave this child some gradient: this adds to it
            lines.append(f"{term}: {number(before)} + {number(after - before)} = {number(after)} "
                         f"(adds to what {names[id(child)]} already had: it is used more than once)")
        else:
            lines.append(f"{term} = {number(after)}")
    return {
        "node": index[id(v)],
        "children": [index[id(c)] for c, _, _, _ in step["terms"]],
        "grads": [[index[id(c)], number(before), number(after)] for c, _, before, after in step["terms"]],
        "text": "\n".join(lines),
    }
