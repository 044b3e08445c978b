"""The "Build it yourself" page: its checks catch a wrong `_backward` in every operation and the `=` bug, and its
PyTorch block shows exactly what PyTorch prints.

The reader's engine is the page's own solution code (steps 2 to 4), with one bug planted by replacing one line.
"""

import contextlib
import io
import re

import pytest
import torch  # noqa: F401  (a dev dependency: the page's PyTorch block needs it)

import course
from course_pages import editors, exercises, pytorch_block, run

from micrograd.graph import to_dot


def solutions():
    """{exercise name: solution code}, without the check each solution ends with."""
    blocks, found = exercises("build")
    return {name: blocks[solution].split("from course import")[0] for name, (_, _, solution) in found.items()}


def engine(*replacements, steps=("my-add-mul", "my-pow-exp-tanh", "my-backward")):
    """The page's MyValue after `steps` (by default 2-4), with each (old, new) replacement made exactly once."""
    code = "".join(solutions()[name] for name in steps)
    for old, new in replacements:
        assert code.count(old) == 1, f"{old!r} appears {code.count(old)} times in the page's solutions"
        code = code.replace(old, new)
    namespace = {"__name__": "__main__"}
    run(code, namespace)
    return namespace["MyValue"]


def verdict(check, cls):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        check(cls)
    return out.getvalue()


def test_the_pages_engine_passes_every_check():
    cls = engine()
    for check in (course.check_my_forward, course.check_my_add_mul, course.check_my_pow_exp_tanh,
                  course.check_my_backward):
        for _ in range(5):
            assert verdict(check, cls).startswith("✅ Passed"), check.__name__


# (what is wrong, old code, planted code, what the message must say: the node, by its place in the expression)
PLANTED_FORWARD = [
    ("wrong _op", "(self, other), '+')", "(self, other), '*')", r"(e\d+) = \S+ \+ \S+ has _op '\*', expected '\+'"),
    ("operand missing from _prev", "(self, other), '*')", "(self,), '*')",
     r"(e\d+) = \S+ \* (\S+): its _prev does not hold \2\b"),
    ("wrong data", "self.data * other.data", "self.data + other.data", r"(e\d+) = \S+ \* \S+ has data \S+, micrograd's is"),
]


@pytest.mark.parametrize("wrong,old,new,says", PLANTED_FORWARD, ids=[p[0] for p in PLANTED_FORWARD])
def test_a_planted_forward_bug_is_caught_and_named(wrong, old, new, says):
    right, planted = engine(steps=["my-forward"]), engine((old, new), steps=["my-forward"])
    assert verdict(course.check_my_forward, right).startswith("✅ Passed")
    for _ in range(3):  # fresh random expressions each time
        out = verdict(course.check_my_forward, planted)
        assert out.startswith("❌ Not yet: ") and re.search(says, out), out


# (what is wrong, old line, planted line, the operation whose _backward the message must name)
PLANTED = [
    ("+ drops other's share", "other.grad += 1.0 * out.grad", "other.grad += 0.0 * out.grad", "+"),
    ("+ sets (=)", "self.grad += 1.0 * out.grad", "self.grad = 1.0 * out.grad", None),
    ("* uses its own data", "self.grad += other.data * out.grad", "self.grad += self.data * out.grad", "*"),
    ("* sets self (=)", "self.grad += other.data * out.grad", "self.grad = other.data * out.grad", None),
    ("* sets other (=)", "other.grad += self.data * out.grad", "other.grad = self.data * out.grad", None),
    ("** forgets the -1", "k * self.data**(k - 1)", "k * self.data**k", "**"),
    ("** sets (=)", "self.grad += k * self.data", "self.grad = k * self.data", None),
    ("exp uses the input", "self.grad += out.data * out.grad", "self.grad += self.data * out.grad", ".exp()"),
    ("exp sets (=)", "self.grad += out.data * out.grad", "self.grad = out.data * out.grad", None),
    ("tanh uses the input", "(1 - out.data**2)", "(1 - self.data**2)", ".tanh()"),
    ("tanh sets (=)", "self.grad += (1 - out.data**2)", "self.grad = (1 - out.data**2)", None),
]


@pytest.mark.parametrize("wrong,old,new,op", PLANTED, ids=[p[0] for p in PLANTED])
def test_a_planted_backward_bug_is_caught_and_named(wrong, old, new, op):
    cls = engine((old, new))
    by_hand = course.check_my_add_mul if wrong[0] in "+*" and wrong[1] == " " else course.check_my_pow_exp_tanh
    for check in (by_hand, course.check_my_backward):
        for _ in range(3):  # fresh random expressions each time
            out = verdict(check, cls)
            assert out.startswith("❌ Not yet: "), (check.__name__, out)
            assert "micrograd's is" in out and "off by" in out, out  # which node, both numbers, the difference
            if op is None:
                assert "+=" in out, out
            else:
                assert re.search(rf"The _backward of e\d+ = \S+ ?{re.escape(op)}", out), out


@pytest.mark.parametrize("old,new", [
    ("for node in reversed(topo):", "for node in topo:"),
    ("if v not in visited:", "if True:"),
    ("self.grad = 1.0\n", "self.grad = 0.0\n"),
], ids=["not reversed", "nodes listed twice", "output grad not 1"])
def test_check_my_backward_catches_a_wrong_backward(old, new):
    cls = engine((old, new))
    assert verdict(course.check_my_add_mul, cls).startswith("✅ Passed")  # the rules are right...
    out = verdict(course.check_my_backward, cls)  # ...backward() is not
    assert out.startswith("❌ Not yet: ") and ("backward" in out), out


def test_the_equals_bug_on_a_plus_a_shows_the_wrong_number():
    """The page's own demonstration: b = a + a with `=` gives db/da = 1, and the check says why."""
    demo = next(code for code in editors("build") if code.startswith("class BuggyValue"))
    namespace = {"__name__": "__main__", "MyValue": engine()}
    lines = run(demo, namespace).splitlines()
    assert lines[0] == "b = a + a = 6.0: db/da is 2, the buggy engine says 1.0", lines
    assert lines[1].startswith(f"{course.CAUGHT}: ") and "+=" in lines[1], lines  # a demonstration, not a fail


def test_a_class_that_is_not_one_gets_a_clear_message():
    assert "pass the class itself" in verdict(course.check_my_forward, engine()(2.0))
    assert verdict(course.check_my_forward, int).startswith("❌ Not yet: ")


def test_the_pytorch_block_shows_what_pytorch_prints():
    code, shown = pytorch_block("build")
    assert shown == run(code, {"__name__": "__main__"})


def test_the_pages_graphs_of_the_readers_engine_give_the_player_its_data():
    """draw_dot on the page's own MyValue graphs (its _prev is a set, as in micrograd): the data the page's
    picture and player are drawn from, as the browser asks for it."""
    import graph_player

    namespace = {"__name__": "__main__", "MyValue": engine()}
    tanh_code = next(code for code in editors("build") if "def tanh_from_exp" in code)
    run(tanh_code, namespace)
    root = namespace["tanh_from_exp"](namespace["MyValue"](0.8814))
    data = graph_player.page_data(root, to_dot(root), steps=True)
    formulas = [node["formula"] for node in data["nodes"]]
    assert any("**-1 =" in formula for formula in formulas), formulas


def test_a_check_after_step_2_was_run_again_says_which_editors_to_run_again():
    """Step 2's editor makes a new MyValue: the methods steps 3 and 4 added to the old one are gone."""
    cls = engine(steps=["my-add-mul"])
    out = verdict(course.check_my_backward, cls)
    assert out.startswith("❌ Not yet: MyValue has no __pow__, exp, tanh, backward: step 3 and step 4 add them."), out
    assert "run the editors of step 3, step 4 again, in order" in out, out
    out = verdict(course.check_my_pow_exp_tanh, cls)
    assert "has no __pow__, exp, tanh: step 3 adds them" in out and "editors of step 3 again" in out, out
