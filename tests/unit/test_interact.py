"""The site's `interact` (site_src/pyodide/modules/interact.py) makes the controls ipywidgets makes, calls the
function as ipywidgets does, and, in a page, shows the function's output (prints, figures, errors) as HTML that
each move replaces. The same code runs with the real ipywidgets (as the downloaded notebook does) and without it.
"""

import json
import re
import sys
import types
from unittest import mock

import ipywidgets
import matplotlib
import pytest

import interact

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402

ABBREVIATIONS = [(-2.0, 4.0, 0.1), (0, 10), (0, 10, 3), (1.5, 2.5), (-5, 5, 2), 5, 0, -3, 2.5, 0.0,
                 True, False, "hello", ["a", "b", "c"], [("one", 1), ("two", 2)], {"x": 1, "y": 2}]


def ipywidgets_control(abbreviation, default=interact.inspect.Parameter.empty):
    widget = ipywidgets.interactive.widget_from_abbrev(abbreviation, default)
    found = {"value": widget.value}
    if isinstance(widget, (ipywidgets.IntSlider, ipywidgets.FloatSlider)):
        found.update(kind="slider", min=widget.min, max=widget.max, step=widget.step)
    elif isinstance(widget, ipywidgets.Dropdown):
        found.update(kind="dropdown", labels=list(widget._options_labels), value=widget.index)
    else:
        found["kind"] = {ipywidgets.Checkbox: "checkbox", ipywidgets.Text: "text"}[type(widget)]
    return found


@pytest.mark.parametrize("abbreviation", ABBREVIATIONS, ids=repr)
def test_each_abbreviation_makes_the_control_ipywidgets_makes(abbreviation):
    ours = interact.control("x", abbreviation)
    theirs = ipywidgets_control(abbreviation)
    assert {k: ours[k] for k in theirs} == pytest.approx(theirs) if ours["kind"] == "slider" else \
        {k: ours[k] for k in theirs} == theirs


@pytest.mark.parametrize("abbreviation, default", [((-2.0, 4.0, 0.1), 3.0), ((0, 10), 7), (["a", "b"], "b")])
def test_a_functions_default_is_where_the_control_starts(abbreviation, default):
    assert interact.control("x", abbreviation, default)["value"] == ipywidgets_control(abbreviation, default)["value"]


def test_a_tuple_that_is_not_a_range_is_an_error_as_in_ipywidgets():
    with pytest.raises(ValueError, match="cannot be transformed to a widget"):
        interact.control("x", ("a", "b"))


def calls_of(module):
    """interact() from `module` on a function that records its calls, directly and as a decorator."""
    calls = []

    def f(x, k, kind="sum", tangent=True, label="f"):
        calls.append((x, kind, tangent, label, k))

    assert module.interact(f, x=(-2.0, 4.0, 0.1), k=module.fixed(2), kind=["sum", "product"]) is f

    @module.interact(n=(0, 10))
    def g(n):
        calls.append(n)

    assert g.__name__ == "g"
    return calls


def test_without_a_page_or_ipywidgets_the_function_runs_once_with_the_starting_values():
    assert calls_of(interact) == [(1.0, "sum", True, "f", 2), 5]


def test_with_ipywidgets_the_same_code_runs_the_same_first_call():
    assert calls_of(ipywidgets) == calls_of(interact)


@pytest.fixture
def page():
    """A stand-in for PyScript in the worker: what interact() displays is kept. As in the page's worker, which
    shows and closes the figures a run leaves open, no figure is open when the reader's code starts (the tests
    before this one, running the course's plotting blocks, may have left some)."""
    plt.close("all")
    shown = []
    pyscript = types.SimpleNamespace(display=lambda markup: shown.append(markup.html),
                                     HTML=lambda html: types.SimpleNamespace(html=html), sync=types.SimpleNamespace())
    display = types.SimpleNamespace(_format_mime=lambda value: (interact.html.escape(repr(value)), "text/plain"))
    with mock.patch.dict(sys.modules, {"pyscript": pyscript, "pyscript.display": display}):
        yield shown, pyscript.sync


def box_of(shown):
    box = re.search(r'<div class="mgl-interact" id="([\w-]+)" data-controls="([^"]*)"', shown[-1])
    return box[1], json.loads(interact.html.unescape(box[2]))


def test_in_a_page_controls_are_shown_and_each_move_replaces_the_output(page):
    shown, sync = page

    @interact.interact(x=(-2.0, 4.0, 0.1), h=[0.1, 0.001])
    def slope(x=3.0, h=0.1):
        print(f"slope at {x} with h={h}: {(3 * (x + h) ** 2 - 3 * x ** 2) / h:.3f}")

    box, controls = box_of(shown)
    assert [(c["name"], c["kind"], c["value"]) for c in controls] == [("x", "slider", 3.0), ("h", "dropdown", 0)]
    assert "slope at 3.0 with h=0.1: 18.300" in shown[-1]
    assert "slope at 1.0 with h=0.001: 6.003" in sync.interact_update(box, json.dumps({"x": 1.0, "h": 1}))


def test_a_figure_the_function_draws_is_shown_once_as_svg_and_closed(page):
    shown, sync = page

    @interact.interact(a=(1, 3))
    def parabola(a):
        plt.plot([0, 1, 2], [0, a, 4 * a])
        plt.title(f"a = {a}")
        plt.show()

    box, _ = box_of(shown)
    html = sync.interact_update(box, json.dumps({"a": 3}))
    assert html.count("<svg") == 1 and 'aria-label="A figure with 1 plot: a = 3"' in html
    assert plt.get_fignums() == []


def test_an_error_shows_its_traceback_and_the_controls_go_on(page):
    shown, sync = page

    @interact.interact(x=(0, 2))
    def inverse(x):
        print(1 / x)

    box, _ = box_of(shown)
    assert "ZeroDivisionError: division by zero" in sync.interact_update(box, json.dumps({"x": 0}))
    assert "0.5" in sync.interact_update(box, json.dumps({"x": 2}))


def test_prints_past_the_cap_are_counted_not_shown(page):
    shown, sync = page

    @interact.interact(n=(0, 100_000))
    def many(n=0):
        for i in range(n):
            print(i)

    box, _ = box_of(shown)
    html = sync.interact_update(box, json.dumps({"n": 100_000}))
    assert len(html) < interact.MAX_TEXT + 1_000 and "more characters not shown" in html


def test_a_downloaded_notebook_installs_ipywidgets_rather_than_writing_the_sites_stand_in():
    import notebook

    site_modules = {"ipywidgets": "from interact import interact\n", "interact": "import figures\n",
                    "course": "import math\n"}
    text = notebook.notebook("```python run\nfrom ipywidgets import interact\nfrom course import check\n```\n",
                             "Page", "https://example.org/page/", "micrograd-0.1-py3-none-any.whl", site_modules)
    cells = ["".join(cell["source"]) for cell in json.loads(text)["cells"] if cell["cell_type"] == "code"]
    assert cells[0] == "%pip install micrograd-0.1-py3-none-any.whl ipywidgets"
    assert [cell.split("\n")[0] for cell in cells[1:-1]] == ["%%writefile course.py"]
