"""What the course pages say their code prints, checked against what it prints.

Each test reads a claim from the page's own text (a regex over the sentence, `claim()`), runs the page's own
editors in CPython, and compares the two. So a change to the code, to the engine or to the sentence fails here:
the prose cannot drift from the numbers again. When a sentence is reworded, `claim()` fails with the pattern it
looked for; update the pattern with the prose.
"""

import functools
from fractions import Fraction
import math
import re

import numpy as np
import pytest
import torch

import karpathy
from course_pages import claim, editors, pytorch_block, run
from expected import README_EXAMPLE, README_OUTPUT
from micrograd.demo import scores
from micrograd.engine import Value
from micrograd.graph import trace
from micrograd.nn import MLP
from moons_page import GRAPH, TRAINING, Page, run_editor

WORDS = {word: n for n, word in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                          "thirteen fourteen fifteen sixteen".split())}
ORDINALS = {word: n for n, word in enumerate("first second third fourth fifth".split())}  # 0-based, as indices


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


@functools.lru_cache(maxsize=None)
def moons_run(**settings):
    """(the page stand-in after a whole run with these settings, what the training editor printed)."""
    page = Page(**settings)
    out = run_editor(page, TRAINING, {"__name__": "__main__"})
    return page, out


def test_moons_learning_rate_falls_as_the_page_says():
    m = claim("moons", r"falling by ([\d.]+) a step, from ([\d.]+) at step 0 to ([\d.]+) at step (\d+)\.")
    namespace = moons()
    assert namespace["k"] == int(m[4]) and round(namespace["learning_rate"], 3) == float(m[3])
    assert namespace["c"].learning_rate == float(m[2]) and 0.9 / namespace["c"].steps == pytest.approx(float(m[1]))
    m = claim("moons", r"Untick \*\*decay to 10%\*\* and every step uses ([\d.]+): the run ends at loss ([\d.]+) instead "
                       r"of ([\d.]+)\.")
    assert f"{moons_run(schedule=False)[0].steps[-1]['loss']:.4f}" == m[2]
    assert f"{moons_run()[0].steps[-1]['loss']:.4f}" == m[3]


def test_moons_printed_accuracy_is_the_batchs_and_the_counter_all_points():
    m = claim("moons", r"with batch size (\d+), at step (\d+) the print says (\d+)% and the counter (\d+)%")
    page, out = moons_run(batch_size=int(m[1]))
    k = int(m[2])
    assert f"step {k} loss " in out and re.search(rf"^step {k} loss \S+, accuracy {m[3]}.0%$", out, re.M), out
    assert page.steps[k]["train"][1] * 100 == int(m[4])


def test_moons_batches_logistic_loss_as_the_page_says():
    m = claim("moons", r"it goes up on (\d+) of its (\d+) steps")
    losses = [step["loss"] for step in moons_run()[0].steps]
    ups = sum(b > a for a, b in zip(losses, losses[1:]))
    assert (ups, len(losses) - 1) == (int(m[1]), int(m[2]))
    m = claim("moons", r"With batch size (\d+) the run still ends at (\d+)% accuracy, its last batch's loss ([\d.]+)\.")
    page, out = moons_run(batch_size=int(m[1]))
    assert page.steps[-1]["train"][1] * 100 == int(m[2]) and f"{page.steps[-1]['loss']:.4f}" == m[3]
    m = claim("moons", r"after the same 100 steps the loss is ([\d.]+) and the accuracy (\d+)%")
    page, out = moons_run(loss="logistic")
    assert f"{page.steps[-1]['loss']:.4f}" == m[1] and page.steps[-1]["train"][1] * 100 == int(m[2])


# ---- training.md ------------------------------------------------------------------------------------------------

def training_run(lr, activation):
    """(losses, [each step's weights]) of the page's own train_with(lr), its network chosen by ACTIVATION."""
    namespace, _ = run_page("training")
    namespace["ACTIVATION"] = activation
    snapshots = []

    class Watched(namespace["TanhMLP"] if activation == "tanh" else MLP):
        calls = 0

        def __call__(self, x):
            if self.calls % len(namespace["xs"]) == 0:  # the first forward of a step
                snapshots.append([p.data for p in self.parameters()])
            self.calls += 1
            return super().__call__(x)

    namespace["TanhMLP" if activation == "tanh" else "MLP"] = Watched
    return namespace, namespace["train_with"](lr), snapshots


def test_training_a_too_large_rate_saturates_the_video_network():
    fastest = claim("training", r"The smallest rates crawl; of the rates whose loss only ever falls, ([\d.]+) falls "
                                r"fastest\.")[1]
    _, out = printed_by("training", "for lr in [")
    shown = {line.split()[1]: [float(v) for v in line.split()[2:]] for line in out.splitlines() if line.startswith("lr ")}
    falling = {lr: losses for lr, losses in shown.items() if losses == sorted(losses, reverse=True)}
    assert len(shown) >= 5 and min(falling, key=lambda lr: falling[lr][-1]) == fastest, out
    m = claim("training", r"At ([\d.]+) the first steps are so long .* from step (\d+) on, all four predictions are "
                          r"([\d.]+), two of them right and two wrong by 2, a loss of exactly (\d+) = 2 × 2²")
    namespace, losses, _ = training_run(float(m[1]), "tanh")
    k = int(m[2])
    assert all(loss == pytest.approx(int(m[4]), abs=1e-6) for loss in losses[k:]) and losses[k - 1] < 7, losses
    m2 = claim("training", r"At ([\d.]+) the loss bounces near (\d+) until step (\d+), when a step happens to throw "
                           r"all four outputs onto their right ends")
    _, losses, _ = training_run(float(m2[1]), "tanh")
    j = int(m2[3])
    assert max(losses[1:j]) < int(m2[2]) + 0.2 and sum(loss > 7.5 for loss in losses[1:j]) > j // 2, losses
    assert all(loss < 1e-5 for loss in losses[j:]), losses


def test_training_with_relu_a_large_rate_kills_the_second_layer_as_the_page_says():
    m = claim("training", r"At lr ([\d.]+), from this seed, one of the (\w+) neurons of the (\w+) hidden layer is dead "
                          r"from the start, a second dies at step (\d+) and all four from step (\d+), the loss going "
                          r"([\d.]+(?: → [\d.]+)+)\.")
    lr, size, layer = float(m[1]), WORDS[m[2]], ORDINALS[m[3]]
    second, all_dead = int(m[4]), int(m[5])
    shown = [float(v) for v in m[6].split(" → ")]
    final = float(claim("training", r"settles at 0, the average of the targets \(hence a loss of exactly ([\d.]+) in")[1])
    namespace, losses, snapshots = training_run(lr, "relu")
    xs, ys = namespace["xs"], namespace["ys"]
    model = MLP(3, [4, 4, 1])

    def dead(weights):  # how many neurons of the layer give 0 on every input
        for p, w in zip(model.parameters(), weights):
            p.data = w
        outputs = []
        for x in xs:
            h = [Value(v) for v in x]
            for i in range(layer + 1):
                h = [neuron(h) for neuron in model.layers[i].neurons]
            outputs.append([v.data for v in h])
        assert len(outputs[0]) == size
        return sum(all(out[j] == 0 for out in outputs) for j in range(size))

    counts = [dead(w) for w in snapshots]
    assert counts[0] == 1 and counts[second - 1] == 1 and counts[second] == 2, counts
    assert counts[all_dead - 1] < size and all(c == size for c in counts[all_dead:]), counts
    assert [round(loss, 2) for loss in losses[:len(shown)]] == shown, losses[:6]
    assert losses[-1] == pytest.approx(final, abs=1e-9) and sum(ys) == 0


def test_training_forgetting_zero_grad_grows_the_weights_as_the_page_says():
    m = claim("training", r"the largest is ([\d.]+) after (\d+) steps, against ([\d.]+) with `zero_grad`")
    _, out = printed_by("training", "def train_forgetting")
    biggest = dict(re.findall(r"zero_grad=(\w+) .* largest \|weight\| (\S+)", out))
    assert (biggest["False"], biggest["True"]) == (m[1], m[3]), out
    assert "def train_forgetting(steps=" + m[2] in " ".join(editors("training"))


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


def test_backprop_a_wrong_order_leaves_only_the_named_node_with_a_gradient():
    m = claim("backprop", r"so only `(\w+)` ends with a gradient, and every weight and input is told it does not matter")
    _, out = printed_by("backprop", "for v in build_topo(o):")
    wrong, right = (dict(re.findall(r"do/d(\w+) = (\S+)", line)) for line in out.splitlines())
    assert [name for name, grad in wrong.items() if float(grad) != 0] == [m[1]], out
    assert wrong[m[1]] == right[m[1]] and any(float(g) != 0 for n, g in right.items() if n != m[1]), out


def test_backprop_the_equals_rule_ends_where_the_page_says():
    m = claim("backprop", r"With `=` the second share overwrites the first and `a` ends at (\d+), which is wrong")
    _, out = printed_by("backprop", "# self's share, set")
    assert re.findall(r"with +\+?=: db/da = (\S+)", out) == [f"{int(m[1])}.0", "2.0"], out



def test_backprop_a_nudged_leaf_moves_L_by_exactly_grad_times_nudge_and_the_graph_says_so():
    m = claim("backprop", r"Here the two agree to the last digit, however far you drag.*?"
                          r"nudge a and b's grad leaves (−?\d+)")
    namespace, _ = run_page("backprop")
    for leaf in "abcf":
        for nudge in (-0.5, -0.01, 0.1, 0.37, 0.5):
            source = namespace["nudged"](leaf, nudge).source  # the labels drawn on the graph
            changed, predicted = re.search(r"changed by (\S+)\\ngrad × nudge (\S+) \|", source).groups()
            assert changed == predicted, (leaf, nudge, source)
            assert f"{{ {leaf}\\nnudged {nudge:+.2f} |" in source
    b_grad = re.search(r"{ b \| data \S+ \| grad (\S+) }", namespace["nudged"]("a", 0.1).source)[1]
    assert b_grad != f"{float(m[1].replace('−', '-')):.4f}", b_grad  # the other leaves' grads move


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


def test_build_pytorchs_one_minus_o_squared_is_rounded_once():
    m = claim("build", r"PyTorch's ([\d.]+) for `x2` and `b` is 1 − o² for its o = ([\d.]+), the exact value rounded "
                       r"once to the nearest float\. Plain floats round twice, o² first and then the subtraction, and "
                       r"from the same o get ([\d.]+) \(try `1 - ([\d.]+)\*\*2`\)")
    pytorchs, o, plain = m[1], float(m[2]), m[3]
    _, shown = pytorch_block("build")
    assert f"o {m[2]}\n" in shown and f"x2 {pytorchs} " in shown and f"b {pytorchs}\n" in shown
    assert float(1 - Fraction(o) ** 2) == float(pytorchs)  # exact, then rounded once
    assert repr(1 - o**2) == plain and m[4] == m[2]


# ---- tensors.md and performance.md --------------------------------------------------------------------------------

def test_tensors_numpy_and_micrograd_gradients_agree_to_the_last_bit():
    claim("tensors", r"The same gradients, to the last bit: every layer's largest difference is below 1e-15 on this")
    _, out = printed_by("tensors", "largest difference in dW")
    differences = [float(d) for pair in re.findall(r"largest difference in dW (\S+), in db (\S+)", out) for d in pair]
    assert len(differences) == 6 and max(differences) < 1e-15, out


def test_performance_prose_quotes_its_own_table():
    m = claim("performance", r"the collector: ([\d.]+) s per step as shipped, ([\d.]+) s with gc off \(the table above\)")
    assert claim("performance", r"\| reference, as shipped \| ([\d.]+) \|")[1] == m[1]
    assert claim("performance", r"\| reference, gc off \| ([\d.]+) \|")[1] == m[2]
    m = claim("performance", r"the second visit at 22:28 is ([\d.]+)× though ([\d.]+) s / ([\d.]+) s is (\d\.\d+)")
    assert claim("performance", r"\| home, second visit \(Python from the snapshot\) \| ([\d.]+) s \| ([\d.]+)×").groups() == \
        (m[2], m[1])
    assert claim("performance", r"\| bare Pyodide: cold / revisit, navigation → Python ready \| [\d.]+ / ([\d.]+) s")[1] == m[3]
    assert f"{float(m[2]) / float(m[3]):.2f}" == m[4] != m[1]
