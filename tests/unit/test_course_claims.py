"""What the course pages say their code prints, checked against what it prints.

Each test reads a claim from the page's own text (a regex over the sentence, `claim()`), runs the page's own
editors in CPython, and compares the two. So a change to the code, to the engine or to the sentence fails here:
the prose cannot drift from the numbers again. When a sentence is reworded, `claim()` fails with the pattern it
looked for; update the pattern with the prose.
"""

import math
import re

import numpy as np
import pytest
import torch

import karpathy
from course_pages import DOCS, editors, pytorch_block, run
from expected import README_EXAMPLE, README_OUTPUT
from micrograd.demo import scores
from micrograd.engine import Value
from micrograd.graph import trace
from micrograd.nn import MLP
from moons_page import GRAPH, TRAINING, Page, run_editor

WORDS = {word: n for n, word in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                          "thirteen fourteen fifteen sixteen".split())}
ORDINALS = {word: n for n, word in enumerate("first second third fourth fifth".split())}  # 0-based, as indices


def claim(page, pattern):
    """The match of `pattern` in docs/PAGE.md, its lines joined (a sentence may break anywhere)."""
    text = " ".join((DOCS / f"{page}.md").read_text(encoding="utf-8").split())
    m = re.search(pattern, text)
    assert m, f"docs/{page}.md no longer says /{pattern}/: reword the pattern with the prose, then check the claim"
    return m


def number(text):
    return int(text.replace(",", ""))


def run_page(page):
    """(the namespace, what each editor printed): every editor of the page, run in order as in the browser."""
    namespace = {"__name__": "__main__"}
    return namespace, [run(code, namespace) for code in editors(page)]


def printed_by(page, marker):
    """(the namespace, what the first editor whose code contains `marker` printed), after all the page's editors
    ran in order."""
    namespace, outputs = run_page(page)
    return namespace, next(out for code, out in zip(editors(page), outputs) if marker in code)


# ---- README.md and index.md --------------------------------------------------------------------------------------

def test_the_readme_example_prints_what_its_comments_say_on_the_home_page_and_with_karpathys_engine():
    assert editors("index")[0] == README_EXAMPLE  # the home page's first editor is the README's example
    assert run(README_EXAMPLE, {}) == README_OUTPUT + "\n"
    namespace = {"Value": karpathy.load().engine.Value}
    karpathys = README_EXAMPLE.replace("from micrograd.engine import Value\n", "")
    assert karpathys != README_EXAMPLE and run(karpathys, namespace) == README_OUTPUT + "\n"


# ---- moons.md ---------------------------------------------------------------------------------------------------

def moons(**settings):
    """The namespace of the page's training editor after a run with these settings (the rest: the notebook's)."""
    namespace = {"__name__": "__main__"}
    run_editor(Page(**settings), TRAINING, namespace)
    return namespace


def test_moons_fast_path_has_the_node_counts_the_page_says():
    m = claim("moons", r"about (\w+) times fewer nodes \(([\d,]+) instead of ([\d,]+) for the whole loss\)")
    times, fast, slow = WORDS[m[1]], number(m[2]), number(m[3])
    counts = [len(trace(moons(steps=1, fast=fast_path)["total_loss"])[0]) for fast_path in (True, False)]
    assert counts == [fast, slow]
    assert round(slow / fast) == times


def test_moons_one_points_loss_graph_has_the_nodes_the_page_says():
    m = claim("moons", r"one node per neuron: (\d+) nodes, (\d+) of them the parameters")
    namespace = moons(steps=0)
    run_editor(Page(), GRAPH, namespace)
    nodes = trace(namespace["loss"])[0]
    parameters = {id(p) for p in namespace["model"].parameters()}
    assert len(nodes) == int(m[1])
    assert len(parameters) == sum(id(node) in parameters for node in nodes) == int(m[2])
    assert f"all {m[2]} parameters" in claim("moons", r"over all \d+ parameters")[0]


def test_moons_neuron_graph_names_every_leaf():
    """The drawn neuron tells its inputs, weights and bias apart: each leaf has a label (x1, x2, w1, w2, b)."""
    namespace = moons(steps=0)
    run_editor(Page(), GRAPH, namespace)
    drawn = namespace["neuron"](namespace["x"])
    leaves = [node for node in trace(drawn)[0] if not node._prev]
    assert sorted(leaf.label for leaf in leaves) == ["b", "w1", "w2", "x1", "x2"]


def test_moons_at_step_0_every_point_is_on_one_side():
    m = claim("moons", r"At step 0 every score of the notebook's network is negative, so every point is on the same "
                       r"side: the (\d+)% accuracy is the half of the points whose label is −1")
    namespace = moons(steps=0)  # the network as made, before any step
    step_0 = scores(namespace["model"], namespace["X"])
    assert step_0.max() < 0
    assert 100 * np.mean(namespace["y"] == -1) == int(m[1])


# ---- training.md ------------------------------------------------------------------------------------------------

def test_training_at_lr_0_2_only_the_named_layer_dies():
    m = claim("training", r"At lr ([\d.]+) one big step pushes all (\w+) neurons of the (\w+) hidden layer into their "
                          r"flat negative half, where their gradient is 0, on every input\. The (\w+) layer still "
                          r"computes")
    lr, size, dead, alive = float(m[1]), WORDS[m[2]], ORDINALS[m[3]], ORDINALS[m[4]]
    loss = float(claim("training", r"settles at 0, the average of the targets \(hence the loss of exactly ([\d.]+)\)")[1])
    namespace, _ = run_page("training")
    made = []
    namespace["MLP"] = lambda *args: made.append(MLP(*args)) or made[-1]  # keep the network train_with makes
    losses = namespace["train_with"](lr)
    model, xs, ys = made[-1], namespace["xs"], namespace["ys"]
    outputs = []  # outputs[i][layer]: each neuron's output on input i
    for x in xs:
        h, layers = [Value(v) for v in x], []
        for layer in model.layers:
            h = [neuron(h) for neuron in layer.neurons]
            layers.append([v.data for v in h])
        outputs.append(layers)
    assert len(model.layers[dead].neurons) == size
    assert all(out[dead] == [0] * size for out in outputs)  # every neuron, on every input
    assert any(any(out[alive]) for out in outputs)  # the first layer still computes
    assert losses[-1] == pytest.approx(loss, abs=1e-9) and sum(ys) == 0
    assert model.layers[-1].neurons[0].b.data == pytest.approx(0, abs=1e-6)  # the output bias, at the average


# ---- backprop.md ------------------------------------------------------------------------------------------------

def test_backprop_build_topo_prints_the_order_the_page_reads():
    first = claim("backprop", r"Reading from the top: `(\w+)` first, then `(\w+)`")
    middle = claim("backprop", r"`(\w+)` comes (\w+) and `(\w+)`, `(\w+)` sit in the middle")
    _, out = printed_by("backprop", "def build_topo")
    labels = [line.split()[0] for line in out.splitlines()]  # a leaf's label, or (op) for a computed node
    assert labels[:2] == [first[1], first[2]], labels
    assert labels.index(middle[1]) == ORDINALS[middle[2]], labels
    for leaf in middle[3], middle[4]:
        i = labels.index(leaf)
        assert 2 < i and any(label.startswith("(") for label in labels[i + 1:]), labels  # not at either end


# ---- build.md ---------------------------------------------------------------------------------------------------

def test_build_tanh_from_exp_gives_the_one_node_tanh():
    m = claim("build", r"The same number and the same gradient, through a graph of (\w+) operations instead of one")
    namespace, out = printed_by("build", "def tanh_from_exp")
    one_node, rebuilt = re.findall(r"tanh = (\S+) +dtanh/dx = (\S+)", out)
    assert one_node == rebuilt, out
    root = namespace["tanh_from_exp"](namespace["MyValue"](0.8814))
    assert sum(1 for node in trace(root)[0] if node._op) == WORDS[m[1]]


def test_build_relu_slope_at_0_is_what_the_page_says():
    m = claim("build", r"so at exactly 0 the gradient is (\d+) \(PyTorch chooses (\d+) too\)")
    _, out = printed_by("build", "def relu(self)")
    shown = dict(re.findall(r"^(your engine|micrograd) at 0: +(\S+)$", out, re.M))
    assert float(shown["micrograd"]) == float(shown["your engine"]) == int(m[1]), out
    x = torch.tensor(0.0, requires_grad=True)
    torch.relu(x).backward()
    assert x.grad.item() == int(m[2])


def test_build_our_digits_and_pytorchs_are_the_ones_the_page_quotes():
    m = claim("build", r"The same numbers, but for the last digit or two: ([\d.]+) against PyTorch's ([\d.]+)\.")
    ours, theirs = m[1], m[2]
    _, out = printed_by("build", "for Engine in (Value, MyValue)")
    code, shown = pytorch_block("build")  # test_course_build.py checks that `shown` is what PyTorch prints
    assert out.count(f"\no {ours}\n") == 2, out  # micrograd's Value and the reader's MyValue
    assert f"o {theirs}\n" in shown and ours != theirs
    # and every gradient too differs only in the last digit or two
    numbers = [re.findall(r"(?:x1|w1|x2|w2|b) (\S+)", text) for text in (out.split("MyValue:")[0], shown)]
    assert len(numbers[0]) == len(numbers[1]) == 5
    for a, b in zip(*numbers):
        assert math.isclose(float(a), float(b), rel_tol=1e-15), (a, b)
