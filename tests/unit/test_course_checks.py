"""The course's exercise checks (site_src/pyodide/modules/course.py): each fails on its starter code and passes on
its solution.

Starter and solution are read from the Markdown pages (tests/helpers/course_pages.py says how), so this test
follows the pages. Each page's editors run in order in one namespace, as in the browser (where they share one
Python session), so a starter may use what earlier editors defined.
"""

import contextlib
import io
import random
import re

import pytest

import course
from course_pages import DOCS, PAGES, editors, exercises, run

ALL = [(page, name) for page in PAGES for name in exercises(page)[1]]


def test_there_are_at_least_six_exercises():
    assert len(ALL) >= 6, ALL


@pytest.mark.parametrize("page,name", ALL, ids=[f"{p}-{n}" for p, n in ALL])
def test_check_fails_on_the_starter_and_passes_on_the_solution(page, name):
    blocks, found = exercises(page)
    starter, check, solution = found[name]
    random.seed(0)
    namespace = {"__name__": "__main__"}
    for code in blocks[:check]:
        run(code, namespace)
    out = run(blocks[check], namespace)
    assert out.startswith("❌ Not yet:"), out
    for code in blocks[check + 1:solution]:
        run(code, namespace)
    out = run(blocks[solution], namespace)  # the solution says its verdict: no scrolling back to the check
    assert out.rstrip().splitlines()[-1].startswith("✅ Passed:"), out
    for _ in range(3):  # fresh random inputs each time
        out = run(blocks[check], namespace)
        assert out.startswith("✅ Passed:"), out


# Every page with editors; the moons and gpt pages' playgrounds need a stand-in for the page (their own tests).
WITH_EDITORS = sorted(path.stem for path in DOCS.glob("*.md") if editors(path.stem))
NEEDS_THE_PAGE = {"moons", "gpt"}


def test_the_pages_with_editors_are_the_ones_expected():
    assert set(PAGES) | {"graphs", "index"} | NEEDS_THE_PAGE == set(WITH_EDITORS)


@pytest.mark.parametrize("page", [page for page in WITH_EDITORS if page not in NEEDS_THE_PAGE])
def test_every_editor_of_the_page_runs_in_order(page):
    namespace = {"__name__": "__main__"}
    for i, code in enumerate(editors(page)):
        out = run(code, namespace)  # an exception in the editor's code propagates: the test fails with it
        assert "Error" not in out or out.startswith("❌ Not yet:"), f"editor {i} printed an error: {out}"


# ---- the checks themselves, on wrong answers a reader might write --------------------------------------------

def quiet(check, *args, **kwargs):
    """(passed?, the line the check printed)."""
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert check(*args, **kwargs) is None  # an editor ending with a check shows only its line
    text = out.getvalue()
    assert text.count("\n") == 1 and text.startswith(("✅ Passed: ", "❌ Not yet: ")), text
    return text.startswith("✅"), text


def test_a_check_reports_what_the_readers_code_raised():
    def boom(*args):
        raise ZeroDivisionError("oops")

    for check in [course.check_div, course.check_exp_backward, course.check_numerical_grad, course.check_zero_grad]:
        ok, out = quiet(check, boom)
        assert not ok and "ZeroDivisionError: oops" in out


def test_check_div_wants_the_graph_kept():
    from micrograd.engine import Value

    def detached(self, other):  # right number, but b is no longer in the graph
        other_data = other.data if isinstance(other, Value) else other
        return self * (1 / other_data)

    ok, out = quiet(course.check_div, detached)
    assert not ok and "b.grad" in out


def test_backward_rules_must_accumulate():
    def overwrites(x, out):
        x.grad = out.data * out.grad

    ok, out = quiet(course.check_exp_backward, overwrites)
    assert not ok and "+=" in out


def test_check_training_rejects_a_diverging_loop():
    def too_fast(model, xs, ys):
        for _ in range(50):
            loss = sum((model(x) - y) ** 2 for x, y in zip(xs, ys))
            model.zero_grad()
            loss.backward()
            for p in model.parameters():
                p.data -= 0.5 * p.grad

    ok, out = quiet(course.check_training, too_fast)
    assert not ok


def gradient_step(sign, lr=0.05, steps=100, zero_grad=True):
    def train(model, xs, ys):
        for _ in range(steps):
            loss = sum((model(x) - y) ** 2 for x, y in zip(xs, ys))
            if zero_grad:
                model.zero_grad()
            loss.backward()
            for p in model.parameters():
                p.data += sign * lr * p.grad
    return train


@pytest.mark.parametrize("lr", [0.05, 0.01, 0.001])
def test_check_training_names_an_update_with_the_wrong_sign(lr):
    ok, out = quiet(course.check_training, gradient_step(+1, lr=lr))
    assert not ok and "p.data -= lr * p.grad" in out and "uphill" in out, out


@pytest.mark.parametrize("train", [gradient_step(-1, lr=0.5, steps=50), gradient_step(-1, zero_grad=False)],
                         ids=["lr-too-large", "no-zero-grad"])
def test_check_training_does_not_blame_the_sign_of_a_downhill_update(train):
    ok, out = quiet(course.check_training, train)
    assert not ok and "uphill" not in out and "lr" in out and "reset" in out, out


def test_the_training_solution_fits_every_vetted_seed():
    blocks, found = exercises("training")
    namespace = {"__name__": "__main__"}
    run(blocks[found["train"][2]], namespace)
    ok, out = quiet(course.check_training, namespace["train"], seeds=course.TRAINING_SEEDS)
    assert ok, out
    assert f"on {len(course.TRAINING_SEEDS)} of {len(course.TRAINING_SEEDS)}" in out


def test_checks_leave_the_global_random_state_alone():
    random.seed(5)
    state = random.getstate()
    quiet(course.check_n_params, lambda nin, nouts: 0)
    quiet(course.check_zero_grad, lambda model: None)
    quiet(course.check_training, lambda model, xs, ys: None)
    assert random.getstate() == state


def test_catches_prints_a_planted_bugs_not_yet_as_a_demonstration(capsys):
    def finds_it():
        print(f"{course.NOT_YET}: a.grad is 1, not 2")

    def misses_it():
        print(f"{course.PASSED}: all good")

    course.catches(finds_it)
    assert capsys.readouterr().out == f"{course.CAUGHT}: a.grad is 1, not 2\n"
    course.catches(misses_it)
    assert capsys.readouterr().out.startswith(f"{course.NOT_YET}: the check missed the planted bug")


# ---- each check tests what its exercise teaches, and names the mistake ------------------------------------------

def test_check_training_names_a_loss_computed_outside_the_loop():
    def loss_once(model, xs, ys):
        loss = sum((model(x) - y) ** 2 for x, y in zip(xs, ys))
        for _ in range(100):
            model.zero_grad()
            loss.backward()
            for p in model.parameters():
                p.data -= 0.05 * p.grad

    ok, out = quiet(course.check_training, loss_once)
    assert not ok and "computed once, before the loop" in out and "uphill" not in out, out


def test_check_training_names_grads_reset_between_backward_and_the_update():
    def reset_too_late(model, xs, ys):
        for _ in range(100):
            loss = sum((model(x) - y) ** 2 for x, y in zip(xs, ys))
            loss.backward()
            model.zero_grad()
            for p in model.parameters():
                p.data -= 0.05 * p.grad

    ok, out = quiet(course.check_training, reset_too_late)
    assert not ok and "did not move" in out and "between backward() and the update" in out, out


def test_check_zero_grad_wants_it_written_not_called():
    ok, out = quiet(course.check_zero_grad, lambda model: model.zero_grad())
    assert not ok and "micrograd's own" in out and "model.parameters()" in out, out


def test_check_div_wants_it_built_from_mul_and_pow():
    ok, out = quiet(course.check_div, lambda self, other: self / other)
    assert not ok and "built-in /" in out and "self * other**-1" in out, out
    from micrograd.engine import Value
    assert (Value(6.0) / 3).data == 2.0  # switched back on after the check


@pytest.mark.parametrize("page", PAGES)
def test_every_exercise_has_hints_in_steps_before_its_solution(page):
    """The idea first, then a closer hint, then the solution: each exercise's collapsibles in that order."""
    text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    blocks = re.findall(r'^\?\?\? (?:tip|success) "([^"]+)"', text, re.M)
    assert blocks == ["Hint 1: the idea", "Hint 2: closer", "Solution"] * len(exercises(page)[1]), blocks
