"""The reader's own net and training loop on their own engine (build.md, steps 5 to 7): the checks name each
planted bug, and the page's runs show what its prose says.

The reader's code is the page's own solutions, with one bug planted by replacing a piece of it.
"""

import contextlib
import io
import re

import pytest

import course
from course_pages import claim, editors, exercises, run

ENGINE = ("my-add-mul", "my-pow-exp-tanh", "my-backward")


def solutions():
    """{exercise name: solution code}, without the check each solution ends with."""
    blocks, found = exercises("build")
    return {name: blocks[solution].split("from course import")[0] for name, (_, _, solution) in found.items()}


def planted(code, replacements):
    for old, new in replacements:
        assert code.count(old) == 1, f"{old!r} appears {code.count(old)} times in the page's solution"
        code = code.replace(old, new)
    return code


def reader(mlp=(), training=()):
    """The namespace of a reader who ran the page's engine steps, its tanh section (for -, sum()), then the
    page's MyMLP and train with the given (old, new) replacements."""
    code = solutions()
    namespace = {"__name__": "__main__"}
    run("".join(code[name] for name in ENGINE), namespace)
    run(next(block for block in editors("build") if block.startswith("MyValue.__neg__")), namespace)
    run(planted(code["my-mlp"], mlp), namespace)
    run(planted(code["my-training"], training), namespace)
    return namespace


def verdict(check, *args, **kwargs):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert check(*args, **kwargs) is None
    text = out.getvalue()
    assert text.count("\n") == 1, text  # one line, whatever the reader's code printed
    return text


def test_the_pages_net_and_loop_pass():
    namespace = reader()
    assert verdict(course.check_my_mlp, namespace["MyMLP"]).startswith("✅ Passed")
    assert verdict(course.check_my_training, namespace["train"], namespace["MyMLP"]).startswith("✅ Passed")


# (what is wrong, old code, planted code, what the message must say)
PLANTED_MLP = [
    ("neuron without its bias", "sum((wi*xi for wi, xi in zip(self.w, x)), self.b)",
     "sum((wi*xi for wi, xi in zip(self.w, x)))", r"layer 1, neuron 1 gives [^,]+, micrograd's .*off by"),
    ("neuron without tanh", "return act.tanh()", "return act", r"layer 1, neuron 1 gives [^,]+, micrograd's .*tanh"),
    ("neuron lists no bias", "return self.w + [self.b]", "return self.w",
     r"model.parameters\(\) leaves out layer 1, neuron 1, b"),
    ("MLP lists only its last layer", "for layer in self.layers for p in layer.parameters()",
     "for layer in self.layers[-1:] for p in layer.parameters()",
     r"model.parameters\(\) leaves out layer 1, neuron 1, w\[0\]"),
    ("a layer of one returns a list", "return outs[0] if len(outs) == 1 else outs", "return outs",
     r"returned a list"),
    ("MLP feeds the input to every layer", "x = layer(x)\n        return x", "out = layer(x)\n        return out",
     r"layer 2, neuron 1 gives|feed each layer's outputs"),
]


@pytest.mark.parametrize("wrong,old,new,says", PLANTED_MLP, ids=[p[0] for p in PLANTED_MLP])
def test_a_planted_bug_in_the_readers_net_is_named(wrong, old, new, says):
    namespace = reader(mlp=[(old, new)], training=[("train(MyMLP(3, [4, 4, 1]), xs, ys)", "")])
    out = verdict(course.check_my_mlp, namespace["MyMLP"])
    assert out.startswith("❌ Not yet: ") and re.search(says, out), out


RESET = "        for p in model.parameters():\n            p.grad = 0.0\n"
UPDATE = "p.data += -lr * p.grad"
PREDICT = "ypred = [model(x) for x in xs]\n"
LOSS = "loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))\n"
LOOP = "    for k in range(steps):\n        # forward pass\n"
PLANTED_TRAINING = [
    ("wrong sign", [(UPDATE, "p.data += lr * p.grad")], r"at step 1 .* uphill.*p.data \+= -lr \* p.grad"),
    ("no zero_grad", [(RESET, "")], r"at step 2, before backward\(\), 41 of the 41 grads were not 0.*zero_grad"),
    ("loss outside the loop", [(LOOP + "        " + PREDICT + "        " + LOSS,
                                "    " + PREDICT + "    " + LOSS + LOOP)],
     r"step 2 called backward\(\) on the same loss as step 1.*inside the loop"),
    ("wrong parameter list", [("for p in model.parameters():\n            p.data",
                               "for p in model.layers[-1].parameters():\n            p.data")],
     r"at step 1 layer 1, neuron 1, w\[0\] did not move .*every parameter in model.parameters\(\)"),
    ("grads reset between backward and the update", [(RESET, ""), ("loss.backward()\n", "loss.backward()\n" + RESET)],
     r"did not move after backward\(\) at step 1.*resetting them between backward\(\) and the update"),
    ("lr ignored", [(UPDATE, "p.data += -0.1 * p.grad")], r"should move by -lr \* grad = .*off by"),
]


@pytest.mark.parametrize("wrong,replacements,says", PLANTED_TRAINING, ids=[p[0] for p in PLANTED_TRAINING])
def test_a_planted_bug_in_the_readers_loop_is_named(wrong, replacements, says):
    namespace = reader(training=replacements)
    out = verdict(course.check_my_training, namespace["train"], namespace["MyMLP"])
    assert out.startswith("❌ Not yet: ") and re.search(says, out), out


def test_the_training_check_says_which_editor_to_run_again_when_backward_is_gone():
    namespace = reader()
    namespace.update(reader_after_step_2())
    out = verdict(course.check_my_training, namespace["train"], namespace["MyMLP"])
    assert "has no tanh, backward, __neg__, __sub__, __radd__: step 3 and step 4 and" in out, out
    assert "run the editors of step 3, step 4, “tanh, rebuilt from exp, - and /” again, in order" in out, out


def reader_after_step_2():
    """A reader who ran step 2's editor again: a fresh MyValue without backward, tanh or -, and MyMLP made again
    on it."""
    namespace = {"__name__": "__main__"}
    run(solutions()["my-add-mul"], namespace)
    run(solutions()["my-mlp"].split("random.seed")[0], namespace)
    return {"MyMLP": namespace["MyMLP"]}


# ---- what the page says its runs show ---------------------------------------------------------------------------

def printed(marker):
    """What the first of the page's editors containing `marker` printed, all the page's editors run in order."""
    namespace, outputs = {"__name__": "__main__"}, []
    for code in editors("build"):
        outputs.append((code, run(code, namespace)))
    return next(out for code, out in outputs if marker in code)


def test_the_forgotten_zero_grad_run_shows_what_the_page_says():
    text = claim("build", r"The tanh neurons saturate at ±1, the loss drops to nearly 0 and then jumps back to about "
                          r"(\d+): one of the four outputs")
    out = printed("def run(reset")
    reset, never = out.split("never reset:")

    def column(name, part):
        return [float(v) for v in re.findall(rf"{name} +(\S+)", part)]

    def weights(part):
        return column(r"largest \|weight\|", part)

    def losses(part):
        return column("loss", part)

    assert max(weights(reset)) < 2 and weights(never) == sorted(weights(never)) and weights(never)[-1] > 20
    assert losses(reset) == sorted(losses(reset), reverse=True)  # with the reset the loss keeps falling
    jumps = losses(never)
    first_low = next(i for i, loss in enumerate(jumps) if loss < 1e-3)
    assert any(loss == pytest.approx(int(text[1]), abs=0.05) for loss in jumps[first_low:]), jumps


def test_the_readers_engine_classifies_the_moons_as_the_page_says():
    m = claim("build", r"In (\d+) steps every one of the (\d+) points ends on its side \((\d+)%\)")
    out = printed("check_my_moons(")
    assert f"✅ Passed: your engine, your net, your loop: {m[3]}% of the {m[2]} points on their side" in out, out
    assert len(re.findall(r"^\d+ \S+$", out, re.M)) == int(m[1]), out  # the reader's train printed each step
