"""Checks for the "Build it yourself" page: the reader's own Value class, compared with micrograd's node by node.

Each check builds the same random expressions twice, once with the reader's class and once with
`micrograd.engine.Value`, from the same operations in the same order, and compares every node: its `data`, `_op`
and `_prev` (forward), then its `grad` (backward). The first node that differs is reported by its name in the
expression (`e2 = e1 * a`), with both numbers and the difference. For a wrong grad it also says which `_backward`
is to blame: each node that uses the wrong one runs its `_backward` alone, in both engines, and the shares are
compared; if every share is right on its own, they fail to add up (`=` instead of `+=`) or `backward()` calls them
in a wrong order. Readers import the checks from `course`, which prints "✅ Passed: …" / "❌ Not yet: …" like
every other check.

The operations are played from a list, so both engines see exactly the same calls: `+` and `*` between two
nodes or a node and a number, `**` with a number, `exp()` and `tanh()`.
"""

import math
import random

from micrograd.engine import Value

_rng = random.Random()

# Expressions in which nodes are used more than once: the `=` instead of `+=` bug shows only there. For `+` and
# `*`: e1 = a·a, e2 = a·b, e3 = e1·e2, e4 = e3·a, e5 = e4·b, e6 = e5·e3, so that both `self` and `other` get a share
# from a later node first. For the unary operations, `a` feeds both the operation and a `*`.
_TWICE = [(0, 0), (0, 1), (3, 4), (5, 0), (6, 1), (7, 5)]
_REUSE = {
    "+": [("+", *args) for args in _TWICE],
    "*": [("*", *args) for args in _TWICE],
    "**": [("**", 0, 2.0), ("*", 3, 0)],
    "exp": [("exp", 0), ("*", 3, 0)],
    "tanh": [("tanh", 0), ("*", 3, 0)],
}


def _apply(op, args, nodes):
    """Run one operation of a recipe on `nodes` (the nodes made so far, of one engine) and return the result."""
    x = nodes[args[0]]
    if op in ("+", "*"):
        other = args[1] if isinstance(args[1], float) else nodes[args[1]]
        return x + other if op == "+" else x * other
    if op == "**":
        return x ** args[1]
    return x.exp() if op == "exp" else x.tanh()


def _describe(op, args, names):
    x = names[args[0]]
    if op in ("+", "*"):
        other = f"{args[1]:g}" if isinstance(args[1], float) else names[args[1]]
        return f"{x} {op} {other}"
    if op == "**":
        return f"{x}**{args[1]:g}"
    return f"{x}.{op}()"


def _random_recipe(ops, n_ops):
    """(leaf values, operations): a random expression over three leaves whose numbers stay moderate."""
    leaves = [round(_rng.choice([-1, 1]) * _rng.uniform(0.3, 2.0), 3) for _ in range(3)]
    data = list(leaves)
    recipe = []
    while len(recipe) < n_ops:
        op = _rng.choice(ops)
        x = len(data) - 1 if recipe and _rng.random() < 0.6 else _rng.randrange(len(data))  # mostly a chain
        if op in ("+", "*"):
            other = _rng.randrange(len(data)) if _rng.random() < 0.8 else round(_rng.uniform(-2, 2), 2)
            y = other if isinstance(other, float) else data[other]
            result = data[x] + y if op == "+" else data[x] * y
            args = (x, other)
        elif op == "**":
            exponent = _rng.choice([2.0, 3.0, -1.0])
            if abs(data[x]) < 0.2 or abs(data[x]) > 3:
                continue
            result, args = data[x] ** exponent, (x, exponent)
        else:
            if op == "exp" and data[x] > 3:
                continue
            result, args = (math.exp(data[x]) if op == "exp" else math.tanh(data[x])), (x,)
        if abs(result) > 50:
            continue
        data.append(result)
        recipe.append((op, *args))
    return leaves, recipe


def _recipes(ops):
    """Fixed expressions with a node used twice, then random ones."""
    for op in ops:
        yield [1.5, -0.7, 0.8], _REUSE[op]
    for _ in range(6):
        yield _random_recipe(ops, _rng.randint(4, 7))


class Mismatch(Exception):
    """What the first differing node showed; the message is the reader's "Not yet"."""


class Expression:
    """One recipe built with one engine: `nodes` in creation order (a topological order), with their names."""

    def __init__(self, cls, leaves, recipe):
        self.leaves, self.recipe = leaves, recipe
        self.nodes = [cls(x) for x in leaves]
        self.names = ["a", "b", "c"][:len(leaves)] + [f"e{i + 1}" for i in range(len(recipe))]
        self.uses = [[] for _ in leaves]  # uses[k]: the nodes that took node k as an operand (once per use)
        for op, *args in recipe:
            try:
                out = _apply(op, args, self.nodes)
            except Exception as error:
                raise Mismatch(f"{self.label(len(self.nodes))} raised {type(error).__name__}: {error}") from None
            if not all(hasattr(out, field) for field in ("data", "_prev", "_op")):
                raise Mismatch(f"{self.label(len(self.nodes))} gave {out!r}, not a {cls.__name__} ({self.where()}).")
            self.nodes.append(out)
            self.uses.append([])
            operands = args[:1] + [a for a in args[1:] if op in ("+", "*") and not isinstance(a, float)]
            for j in operands:
                self.uses[j].append(len(self.nodes) - 1)

    def label(self, k):
        """`a`, or `e2 = e1 * a` for a computed node."""
        if k < len(self.leaves):
            return self.names[k]
        op, *args = self.recipe[k - len(self.leaves)]
        return f"{self.names[k]} = {_describe(op, args, self.names)}"

    def where(self):
        leaves = ", ".join(f"{n} = {x}" for n, x in zip(self.names, self.leaves))
        steps = "; ".join(self.label(k) for k in range(len(self.leaves), len(self.names)))
        return f"in {leaves}; {steps}"


def _close(a, b):
    return isinstance(a, (int, float)) and not isinstance(a, bool) and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def compare_forward(cls, leaves, recipe):
    """Build the recipe with both engines; raise Mismatch at the first node whose data, _op or _prev differs."""
    mine, ref = Expression(cls, leaves, recipe), Expression(Value, leaves, recipe)
    for k in range(len(leaves), len(mine.nodes)):
        node, name = mine.nodes[k], mine.label(k)
        op, *args = recipe[k - len(leaves)]
        data = getattr(node, "data", None)
        if not _close(data, ref.nodes[k].data):
            raise Mismatch(f"{name} has data {data!r}, micrograd's is {ref.nodes[k].data:.6g} ({mine.where()}).")
        got_op = getattr(node, "_op", None)
        want_op = f"**{args[1]:g}" if op == "**" else op
        if got_op != want_op and not (op == "**" and got_op == f"**{args[1]}"):
            raise Mismatch(f"{name} has _op {got_op!r}, expected {want_op!r}: record the operation that made it.")
        prev = list(getattr(node, "_prev", ()))
        operands = [args[0]] + ([args[1]] if op in ("+", "*") else [])
        for operand in operands:
            if isinstance(operand, float):
                found = any(_close(getattr(p, "data", None), operand) for p in prev)
                shown = f"the number {operand:g} (wrapped as a {cls.__name__})"
            else:
                found = any(p is mine.nodes[operand] for p in prev)
                shown = mine.names[operand]
            if not found:
                raise Mismatch(f"{name}: its _prev does not hold {shown}. _prev keeps the operands, so that the "
                               "backward pass can reach them.")
    return mine, ref


def compare_backward(cls, leaves, recipe, run_backward):
    """Build both, run the backward passes (`run_backward(expression)` for the reader's, micrograd's own for the
    reference), then raise Mismatch naming the node nearest the output whose grad differs, and by how much."""
    mine, ref = compare_forward(cls, leaves, recipe)
    try:
        run_backward(mine)
    except Mismatch:
        raise
    except Exception as error:
        raise Mismatch(f"backward() raised {type(error).__name__}: {error} ({mine.where()}).") from None
    ref.nodes[-1].backward()
    for k in reversed(range(len(mine.nodes))):
        got, want = getattr(mine.nodes[k], "grad", None), ref.nodes[k].grad
        if _close(got, want):
            continue
        if k == len(mine.nodes) - 1:
            raise Mismatch(f"the output {mine.label(k)} has grad {got!r}, expected 1: the backward pass starts "
                           "with the output's grad set to 1.")
        off = f" (off by {got - want:+.6g})" if isinstance(got, (int, float)) else ""
        message = f"{mine.label(k)} has grad {got!r}, micrograd's is {want:.6g}{off}. "
        raise Mismatch(message + _culprit(cls, leaves, recipe, ref, k, run_backward) + f" ({mine.where()}).")


def _culprit(cls, leaves, recipe, ref, k, run_backward):
    """Which _backward is wrong: each node that uses node k runs its _backward alone, on fresh copies of the
    expression in both engines, and what it adds to k's grad is compared with what micrograd's adds."""
    for u in sorted(set(ref.uses[k]), reverse=True):
        fresh, reference = Expression(cls, leaves, recipe), Expression(Value, leaves, recipe)
        g = ref.nodes[u].grad or 1.0
        fresh.nodes[u].grad = reference.nodes[u].grad = g
        reference.nodes[u]._backward()
        try:
            fresh.nodes[u]._backward()
        except Exception as error:
            return f"The _backward of {fresh.label(u)} raised {type(error).__name__}: {error}"
        added, want = fresh.nodes[k].grad, reference.nodes[k].grad
        if not _close(added, want):
            shown = f"{added:.6g}" if isinstance(added, (int, float)) else repr(added)
            twice = list(recipe[u - len(leaves)][1:]).count(k) == 2 and _close(added, want / 2)
            return (f"The _backward of {fresh.label(u)} is wrong: run alone with {fresh.names[u]}.grad = {g:.6g}, "
                    f"it makes {fresh.names[k]}.grad {shown} where it should add {want:.6g}."
                    + (f" Both operands are {fresh.names[k]}, so the second update must add to what the first "
                       "wrote: +=, not =." if twice else ""))
    if len(ref.uses[k]) > 1:
        return (f"Each _backward that uses {ref.names[k]} is right on its own, but it is used {len(ref.uses[k])} "
                "times and the shares do not add up: a _backward sets a grad (=) instead of adding to it (+=).")
    if run_backward is with_backward:
        return ("Each _backward is right on its own, so backward() calls them in a wrong order or a wrong number "
                "of times: each node once, after every node that uses it (reversed topological order).")
    return "Each _backward that feeds it is right on its own."


def by_hand(expression):
    """The backward pass before the reader has written one: the output's grad set to 1, then every node's
    `_backward()` from the output back (creation order reversed is a topological order)."""
    nodes = expression.nodes
    nodes[-1].grad = 1.0
    for k in reversed(range(len(nodes))):
        try:
            nodes[k]._backward()
        except Exception as error:
            raise Mismatch(f"the _backward of {expression.label(k)} raised {type(error).__name__}: {error}") from None


def with_backward(expression):
    """The reader's own `backward()`, called on the output."""
    expression.nodes[-1].backward()


# Where the page adds each method to MyValue after step 2 (whose editor makes the class anew, without them).
ADDED_BY = {"__pow__": "step 3", "exp": "step 3", "tanh": "step 3", "backward": "step 4",
            "__neg__": "“tanh, rebuilt from exp, - and /”", "__sub__": "“tanh, rebuilt from exp, - and /”",
            "__radd__": "“tanh, rebuilt from exp, - and /”"}
_ORDER = ["step 3", "step 4", "“tanh, rebuilt from exp, - and /”"]


def missing(cls, names):
    """None if `cls` has every method in `names`, else which it lacks and which editors add them: running an
    earlier step's editor again makes a new class without what later editors added to the old one."""
    absent = [name for name in names if not callable(getattr(cls, name, None))]
    if not absent:
        return None
    editors = sorted({ADDED_BY[name] for name in absent}, key=_ORDER.index)
    return (f"{cls.__name__} has no {', '.join(absent)}: {' and '.join(editors)} add{'s' if len(editors) == 1 else ''} "
            f"{'it' if len(absent) == 1 else 'them'}. Running step 2's editor again made a new {cls.__name__} without "
            f"what later editors added: run the editors of {', '.join(_ORDER[:_ORDER.index(editors[-1]) + 1])} "
            "again, in order.")


def check(cls, ops, run_backward=None):
    """None if `cls` agrees with micrograd on every recipe over `ops`, else what the first difference was."""
    if not isinstance(cls, type):
        return f"pass the class itself (e.g. MyValue), not {cls!r}."
    needed = [{"**": "__pow__"}.get(op, op) for op in ops if op not in ("+", "*")]
    problem = missing(cls, needed + (["backward"] if run_backward is with_backward else []))
    if problem:
        return problem
    try:
        for leaves, recipe in _recipes(ops):
            if run_backward is None:
                compare_forward(cls, leaves, recipe)
            else:
                compare_backward(cls, leaves, recipe, run_backward)
    except Mismatch as mismatch:
        return str(mismatch)
    except Exception as error:  # the reader's class failed somewhere the comparisons did not expect
        return f"your code raised {type(error).__name__}: {error}"
    return None
