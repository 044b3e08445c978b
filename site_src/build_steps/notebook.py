"""A course page as a Jupyter notebook (nbformat 4): its prose as Markdown cells, each ```python run editor as a
code cell, in page order. The build writes one next to each page with editors (`notebook.ipynb`); the editors'
"Download as notebook" fetches it and puts the reader's current code into its code cells, in the same order.
The prose is plain Markdown (`notebook_markdown`): what only MkDocs reads is turned into what Jupyter does, and
links to the site are written relative to the page's address, which the download makes absolute.

So that it runs outside the site too (Jupyter, JupyterLite), it starts with set-up cells, tagged `setup` (the
download leaves them as they are): one installs the site's `micrograd` wheel, and one `%%writefile` cell per
site module the page's editors import (`course`, and the `course_build` it imports) writes it next to the notebook.
"""

import json

import editor_fence
from notebook_markdown import plain_markdown

# Site modules that stand in for a PyPI package of the same name in the page: a notebook installs the package.
SHIMS = {"ipywidgets": "ipywidgets"}

def _cell(kind, text, *tags, editor=None):
    """A cell; an editor's code cell says which editor of the page it is (`editor`: its index), for notebook.js."""
    metadata = {"tags": list(tags)} if tags else {}
    if editor is not None:
        metadata["editor"] = editor
    cell = {"cell_type": kind, "metadata": metadata, "source": text.splitlines(keepends=True)}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _set_up(codes, wheel, site_modules):
    """The cells that make a notebook of these editors' `codes` run outside the site: install the wheel, write the
    site modules they import (`site_modules`: {name: source})."""
    imported = {name for code in codes for name in editor_fence.imported_modules(code) & set(site_modules)}
    needed = sorted({loaded for name in imported - set(SHIMS)
                     for loaded in editor_fence.site_modules_loaded(name, site_modules)})
    installed = sorted(SHIMS[name] for name in imported & set(SHIMS))
    files = ", ".join(f"`{name}.py`" for name in needed)
    note = (f"Run the set-up cells first. The first installs this site's `micrograd` package from its wheel, "
            f"`{wheel}`, from the site the notebook was downloaded from (offline, download the wheel from the "
            "site's `runtime/pyodide/` folder, put it next to this notebook and install it by its file name).")
    if needed:
        note += (f" The cells after it write the site's own module{'s' * (len(needed) > 1)} that the examples import "
                 f"({files}) next to the notebook.")
    if "moons_live" in needed:
        note += (" There is no playground outside the site: its training cell trains with the settings of micrograd's "
                 "demo notebook and prints its progress.")
    if installed:
        note += f" The first also installs {', '.join(installed)}, for the controls the examples draw."
    cells = [_cell("markdown", note), _cell("code", " ".join(["%pip install", wheel, *installed]), "setup")]
    cells += [_cell("code", f"%%writefile {name}.py\n{site_modules[name]}", "setup") for name in needed]
    return cells


def notebook(markdown, title, url, wheel, site_modules):
    """The notebook of a page written in `markdown` (front matter removed), published at `url` (its address on
    the site, such as `"backprop/"`), whose editors import from the `wheel` (its file name) and the site modules
    (`site_modules`: {name: source})."""
    cells, start = [_cell("markdown", f"# {title}\n\nFrom [micrograd live](./).")], 0
    editors = editor_fence.editors(markdown)
    cells += _set_up([editor.code for editor in editors], wheel, site_modules)
    for index, editor in enumerate(editors):
        prose = plain_markdown(markdown[start:editor.start], url)
        if prose:
            cells.append(_cell("markdown", prose))
        cells.append(_cell("code", editor.code.rstrip("\n"), editor=index))
        start = editor.end
    if rest := plain_markdown(markdown[start:], url):
        cells.append(_cell("markdown", rest))
    return json.dumps({
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                     "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 4,
    }, indent=1)
