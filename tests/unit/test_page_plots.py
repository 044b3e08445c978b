"""The course pages' plotting examples run in CPython with matplotlib's Agg backend, as in Jupyter without a
screen, and their `interact` examples run with the real ipywidgets (as the downloaded notebook does) and
without it (the site's stand-in, which calls the function once with the starting values). Every example that
plots makes a figure."""

import importlib.util
import sys
from pathlib import Path
from unittest import mock

import matplotlib
import pytest

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
from course_pages import editors, run  # noqa: E402
from moons_page import BOUNDARY, TRAINING, Page, run_editor  # noqa: E402

SHIM = Path(__file__).parents[2] / "site_src/pyodide/shims/ipywidgets.py"
PAGES = ["derivatives", "backprop", "training"]


def site_ipywidgets():
    spec = importlib.util.spec_from_file_location("ipywidgets", SHIM)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=["ipywidgets", "site stand-in"])
def widgets(request):
    """`import ipywidgets` gives the real package, or the site's stand-in as if ipywidgets were not installed."""
    if request.param == "ipywidgets":
        yield
    else:
        with mock.patch.dict(sys.modules, {"ipywidgets": site_ipywidgets()}):
            yield


@pytest.fixture
def figures_made():
    """How many figures each example made: shown with plt.show(), or left open (as Jupyter shows them)."""
    shown = []

    def show(*_, **__):  # as Jupyter's inline backend: show the open figures, then close them
        shown.append(len(plt.get_fignums()))
        plt.close("all")

    with mock.patch.object(plt, "show", show):
        def made():
            count = sum(shown) + len(plt.get_fignums())
            shown.clear()
            plt.close("all")
            return count
        yield made


@pytest.mark.parametrize("page", PAGES)
def test_each_plotting_example_of_the_page_makes_a_figure(page, widgets, figures_made):
    namespace = {"__name__": "__main__"}
    plotting = 0
    for code in editors(page):
        out = run(code, namespace)
        made = figures_made()
        if "plt." in code:
            plotting += 1
            assert made >= 1, f"{page}: no figure from\n{code}\nprinted:\n{out}"
    assert plotting >= 1


def test_the_moons_boundary_plots_after_a_training_run(figures_made):
    namespace = {"__name__": "__main__"}
    run_editor(Page(steps=5), TRAINING, namespace)
    figures_made()
    run(BOUNDARY, namespace)
    assert figures_made() == 1


def test_interact_examples_print_their_first_output_without_ipywidgets():
    with mock.patch.dict(sys.modules, {"ipywidgets": site_ipywidgets()}):
        namespace = {"__name__": "__main__"}
        outputs = [run(code, namespace) for code in editors("derivatives")]
    assert "x = 3.0:  (f(x+h) - f(x))/h = 14.003000   exact 6x - 4 = 14.000000" in "".join(outputs)
