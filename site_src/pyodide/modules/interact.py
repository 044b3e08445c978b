"""ipywidgets' `interact`, for the site's pages: controls above a function's output that call it again as the
reader moves them.

A page's code writes it as in Jupyter (the site serves this module as `ipywidgets`, see `ipywidgets.py` next to
the worker's modules):

    from ipywidgets import interact

    @interact(x=(-2.0, 4.0, 0.1), h=[0.1, 0.001, 1e-9], tangent=True, label="f")
    def show(x=3.0, h=0.001, tangent=True, label="f"):
        ...

Each argument becomes a control the way ipywidgets makes one (`interaction.py`'s `widget_from_abbrev`):

| abbreviation | control | starts at |
| --- | --- | --- |
| `(lo, hi)`, `(lo, hi, step)` | slider (whole numbers if all three are ints; step 1, or 0.1 for floats) | the function's default, else the middle, on a step |
| a list (items or `(label, value)` pairs), a dict (label: value) | dropdown | the default, else the first |
| `True` / `False` | checkbox | that |
| a str | text box | that |
| an int or a float | slider from −v to 3v (0 to 1 for 0) | that |
| `fixed(v)` | no control: always `v` | |

`interact(f, ...)` and `@interact(...)` both call `f` once with the starting values and return `f`.

In the page, the function's output (prints, figures, `display()`, a value it returns) goes in a box under the
controls, and every move of a control replaces it (interact.js draws the controls and asks `update()` here).
Outside the site without ipywidgets (plain CPython, as the tests run the pages' code) there are no controls:
`f` runs once with the starting values and prints what it prints. With ipywidgets installed (the downloaded
notebook installs it) Jupyter's own `interact` runs instead of this module.
"""

import html
import inspect
import itertools
import json
import sys
import traceback
from collections.abc import Iterable, Mapping
from contextlib import redirect_stderr, redirect_stdout
from numbers import Integral, Real

import figures

MAX_TEXT = 20_000  # characters of text one call's output shows
MAX_KEPT = 100  # functions with controls kept alive (an editor run again makes new ones)

_functions = {}  # control box id -> (function, its controls)
_ids = itertools.count(1)


class fixed:
    """An argument that keeps its value and gets no control, as ipywidgets' `fixed`."""

    def __init__(self, value):
        self.value = value


def _slider(lo, hi, step=None, value=None, whole=None):
    """ipywidgets' `_get_min_max_value`: a slider's range and its starting value, on a step. Whole numbers if
    `whole`, or (when None) if lo, hi and step are all ints."""
    if whole is None:
        whole = all(isinstance(v, Integral) for v in (lo, hi, step if step is not None else 1))
    if step is not None and step <= 0:
        raise ValueError(f"step must be >= 0, not {step!r}")
    step = step if step is not None else (1 if whole else 0.1)
    if value is None:
        value = lo + (hi - lo) // 2 if whole else lo + (hi - lo) / 2
        value = lo + int((value - lo) / step) * step
    value = min(max(value, lo), hi)
    return {"kind": "slider", "min": lo, "max": hi, "step": step, "value": value, "int": whole}


def _dropdown(options, default):
    pairs = list(options.items()) if isinstance(options, Mapping) else [
        option if isinstance(option, tuple) and len(option) == 2 and isinstance(option[0], str) else (str(option), option)
        for option in options]
    if not pairs:
        raise ValueError("a dropdown needs at least one option")
    values = [value for _, value in pairs]
    start = values.index(default) if default is not inspect.Parameter.empty and default in values else 0
    return {"kind": "dropdown", "labels": [label for label, _ in pairs], "value": start, "values": values}


def control(name, abbreviation, default=inspect.Parameter.empty):
    """The control ipywidgets would make for `abbreviation` (see the module's table), as a dict: `kind`, its
    settings, its starting `value`."""
    if isinstance(abbreviation, fixed):
        return {"kind": "fixed", "value": abbreviation.value}
    if isinstance(abbreviation, tuple):
        if 2 <= len(abbreviation) <= 3 and all(isinstance(v, Real) and not isinstance(v, bool) for v in abbreviation):
            value = default if isinstance(default, Real) and not isinstance(default, bool) else None
            return _slider(*abbreviation, value=value)
        raise ValueError(f"{abbreviation!r} cannot be transformed to a widget (for {name!r}): a slider's tuple is "
                         "(min, max) or (min, max, step); use a list for a choice")
    if isinstance(abbreviation, str):
        return {"kind": "text", "value": abbreviation}
    if isinstance(abbreviation, bool):
        return {"kind": "checkbox", "value": abbreviation}
    if isinstance(abbreviation, Real):
        lo, hi = (0, 1) if abbreviation == 0 else sorted((-abbreviation, 3 * abbreviation))
        return _slider(lo, hi, value=abbreviation, whole=isinstance(abbreviation, Integral))
    if isinstance(abbreviation, Iterable):
        return _dropdown(abbreviation, default)
    raise ValueError(f"{abbreviation!r} cannot be transformed to a widget (for {name!r})")


def controls_of(function, kwargs):
    """{argument name: control} for `function` called with these abbreviations, in the function's order (an
    argument without an abbreviation takes its default as one, as in ipywidgets)."""
    kwargs, found = dict(kwargs), {}
    for param in inspect.signature(function).parameters.values():
        if param.kind in (param.POSITIONAL_OR_KEYWORD, param.KEYWORD_ONLY):
            if param.name in kwargs:
                found[param.name] = control(param.name, kwargs.pop(param.name), param.default)
            elif param.default is not param.empty:
                found[param.name] = control(param.name, param.default)
            else:
                raise ValueError(f"cannot find widget or abbreviation for argument: {param.name!r}")
        elif param.kind == param.VAR_KEYWORD:
            found.update((name, control(name, value)) for name, value in kwargs.items())
            kwargs.clear()
    if kwargs:
        raise TypeError(f"{function.__name__}() has no argument named {', '.join(map(repr, kwargs))}")
    return found


def _values(controls, chosen=None):
    """The arguments to call with: each control's starting value, or the one the reader `chosen` (by name: a
    dropdown sends the index of its option)."""
    values = {}
    for name, c in controls.items():
        value = c["value"] if chosen is None or name not in chosen else chosen[name]
        if c["kind"] == "dropdown":
            value = c["values"][int(value)]
        elif c["kind"] == "slider":
            value = int(round(value)) if c["int"] else float(value)
        values[name] = value
    return values


def interact(__interact_f=None, **kwargs):
    """Controls for `f`'s arguments (see the module's docstring); calls `f` now and on every move. Returns `f`,
    so that `@interact(...)` leaves the function as it was. Without a function, returns the decorator."""
    if __interact_f is None:
        return lambda f: interact(f, **kwargs)
    function = __interact_f
    controls = controls_of(function, kwargs)
    try:
        import pyscript
    except ImportError:  # no page: run once, as Jupyter would before the reader touches a control
        result = function(**_values(controls))
        if result is not None:
            print(repr(result))
        return function
    box = f"mgl-interact-{next(_ids)}"
    _functions[box] = function, controls
    while len(_functions) > MAX_KEPT:
        del _functions[next(iter(_functions))]
    page_controls = [{"name": name, **{k: v for k, v in c.items() if k != "values"}}
                     for name, c in controls.items() if c["kind"] != "fixed"]
    pyscript.sync.interact_update = update  # what interact.js calls on a move
    pyscript.display(pyscript.HTML(
        f'<div class="mgl-interact" id="{box}" data-controls="{html.escape(json.dumps(page_controls))}">'
        f'<div class="mgl-interact-output">{output_html(function, _values(controls))}</div></div>'))
    return function


def update(box, chosen):
    """The new output (HTML) of the function whose controls are `box`, called with the values the reader
    `chosen` (JSON: {name: value})."""
    if box not in _functions:
        return ('<pre class="mgl-notice">These controls belong to a run that is gone (Python restarted, or many '
                "controls were made since): run the example again.</pre>")
    function, controls = _functions[box]
    return output_html(function, _values(controls, json.loads(chosen)))


class _Parts:
    """A call's output in order: text (within MAX_TEXT) and pictures, as HTML."""

    def __init__(self):
        self.parts, self.text, self.length = [], [], 0

    def write(self, text):
        room = MAX_TEXT - self.length
        if room > 0:
            self.text.append(text[:room])
        self.length += len(text)
        return len(text)

    def flush(self):
        pass

    def end_text(self, kind="out"):
        text = "".join(self.text)
        if self.length > MAX_TEXT:
            text += f"\n… {self.length - MAX_TEXT:,} more characters not shown\n"
            self.length = MAX_TEXT  # said once
        if text:
            self.parts.append(f'<pre class="mgl-{kind}">{html.escape(text)}</pre>')
        self.text = []

    def picture(self, markup):
        self.end_text()
        self.parts.append(markup)


def _markup(value):
    """A displayed value as HTML: a figure by `figures`, anything else as PyScript's display() would."""
    if hasattr(value, "savefig") and hasattr(value, "get_axes"):
        markup = figures.figure_html(value)
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot:
            pyplot.close(value)  # shown: not again at the end
        return markup
    from pyscript.display import _format_mime

    shown, kind = _format_mime(value)
    return f"<pre>{shown}</pre>" if kind == "text/plain" else shown


def output_html(function, values):
    """What `function(**values)` shows, as HTML: its prints, what it display()s or plt.show()s, the figures it
    leaves open and the value it returns (as Jupyter shows them), or the error it raised."""
    parts, before = _Parts(), set(figures.open_figures())
    pyplot = sys.modules.get("matplotlib.pyplot")
    names = function.__globals__
    saved = names.get("display"), pyplot and pyplot.show

    def display(*shown, **_):
        for value in shown:
            parts.picture(_markup(value))

    def show(*_, **__):
        for markup in figures.take_figures(keep=before):
            parts.picture(markup)

    names["display"] = display
    if pyplot:
        pyplot.show = show
    try:
        with redirect_stdout(parts), redirect_stderr(parts):
            result = function(**values)
        if result is not None:
            display(result)
        show()
    except Exception as error:
        parts.end_text()
        parts.length = 0  # the error is shown whatever was printed
        frames = traceback.extract_tb(error.__traceback__)[1:]  # from the reader's function down
        parts.write("".join(["Traceback (most recent call last):\n", *traceback.format_list(frames),
                             *traceback.format_exception_only(type(error), error)]))
        parts.end_text("err")
        for number in set(figures.open_figures()) - before:
            pyplot.close(number)
    finally:
        if saved[0] is None:
            names.pop("display", None)
        else:
            names["display"] = saved[0]
        if pyplot:
            pyplot.show = saved[1]
    parts.end_text()
    return "".join(parts.parts)
