"""`display()` in an editor, and a last expression's value: as a notebook shows them, under the running editor.

PyScript's own `display()` needs a `target` in a worker; this one defaults to the running editor's output, and
keeps within the run's cap (output_limits): text goes through it as a print does, a picture bigger than
MAX_PICTURE characters of HTML is refused with a line that says so, and a matplotlib figure is drawn by
`figures` (palette-following SVG), at most MAX_FIGURES a run.
"""

import html
import sys

import figures
from output_limits import run_output
from pyscript import display as pyscript_display
from pyscript.display import HTML, _format_mime  # how display() turns a value into HTML (and if it is text)

MAX_PICTURE = 5_000_000  # characters of HTML one display() may add (a graph of 8,000 nodes, with its steps, is 4.3 M)
RICH_REPRS = ("_repr_html_", "_repr_svg_", "_repr_png_", "_repr_jpeg_", "savefig")  # what display() can draw


def display(*values, target=None, append=True):
    """PyScript's `display()`, under the running editor when no `target` is given (as in a notebook), and within
    the cap: there, text (a str, or the repr of a value that draws no picture) is shown as a print would be; a
    picture or HTML of more than MAX_PICTURE characters is not shown, and a line on stderr says so."""
    output = run_output.get()
    for value in values:
        if _is_figure(value):
            sys.modules["matplotlib.pyplot"].close(value)  # shown once: not again at the run's end
            if output is None or output.take_figure():
                pyscript_display(HTML(figures.figure_html(value)), target=target or (output and output.target),
                                 append=append)
            continue
        shown, kind = _format_mime(value)  # as HTML: text comes escaped
        if kind == "text/plain" and target is None and output:
            print(html.unescape(shown), file=output.stdout)
        elif len(shown) > MAX_PICTURE:
            print(f"display(): not shown, as {kind} of {len(shown):,} characters (the most it shows is "
                  f"{MAX_PICTURE:,}).", file=output.stderr if output else sys.stderr)
        else:  # rendered once: HTML() hands the same HTML to display()
            pyscript_display(HTML(shown), target=target or (output and output.target), append=append)


def _is_figure(value):
    return type(value).__name__ == "Figure" and type(value).__module__.startswith("matplotlib")


def show_figures(*_, **__):
    """Show pyplot's open figures under the running editor, and close them: `plt.show()` (package_loading makes
    it this), and what a run leaves open at its end: each figure once, as Jupyter's inline backend does."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    for number in pyplot.get_fignums() if pyplot else ():
        display(pyplot.figure(number))


def show_value(result):
    """A last expression's value, as a notebook shows it: drawn if it is a picture (a graph, a figure), else its
    repr, as text."""
    if any(hasattr(result, name) for name in RICH_REPRS):
        display(result)
    else:
        print(repr(result))
