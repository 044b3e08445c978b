"""A course page as a Jupyter notebook (nbformat 4): its prose as Markdown cells, each ```python run editor as a
code cell, in page order. The build writes one next to each page with editors (`notebook.ipynb`); the editors'
"Download as notebook" fetches it and puts the reader's current code into its code cells, in the same order."""

import json
import re
import textwrap

# An editor's fence, possibly indented (inside a ??? collapsible): the opening line, the code, the closing fence.
EDITOR = re.compile(r"^(?P<indent>[ \t]*)```python run[^\n]*\n(?P<code>.*?)^(?P=indent)```[ \t]*\n?", re.M | re.S)


def _cell(kind, text):
    cell = {"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True)}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def notebook(markdown, title, url, wheel):
    """The notebook of a page written in `markdown` (front matter removed), published at `url`."""
    about = (f"# {title}\n\nFrom [micrograd live]({url}). The code uses the site's `micrograd` package: "
             f"`pip install {wheel}` (the wheel is in the site's `runtime/pyodide/` folder).")
    cells, start = [_cell("markdown", about)], 0
    for editor in EDITOR.finditer(markdown):
        prose = markdown[start:editor.start()].strip()
        if prose:
            cells.append(_cell("markdown", prose))
        cells.append(_cell("code", textwrap.dedent(editor["code"]).rstrip("\n")))
        start = editor.end()
    if markdown[start:].strip():
        cells.append(_cell("markdown", markdown[start:].strip()))
    return json.dumps({
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                     "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 4,
    }, indent=1)
