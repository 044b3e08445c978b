"""The course pages' editors and exercises, read from the Markdown, for the tests that run them (in CPython and in
the browser). The course's pages are the ones under "Course" in mkdocs.yml's nav, in its order: a page added there
is tested everywhere these lists are used.

An editor is a ```python run block, found as the build finds it (editor_fence.editors). An exercise is a pair of editors
whose first lines are `# exercise: NAME (starter)` and `# exercise: NAME (solution)`; its check is the first editor
after the starter that imports from `course`.
"""

import contextlib
import io
import re
from pathlib import Path

import editor_fence
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
NAV = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
COURSE = [Path(file).stem for entry in next(e["Course"] for e in NAV if "Course" in e) for file in entry.values()]
MARKER = re.compile(r"^# exercise: (?P<name>[\w-]+) \((?P<kind>starter|solution)\)")


def editors(page):
    """The code of every runnable editor of docs/PAGE.md, in page order."""
    text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    return [editor.code for editor in editor_fence.editors(text)]


CHECK_IMPORT = re.compile(r"^from course\w* import", re.M)  # an exercise's check: course, or course_tensors (NumPy's)


def exercises(page):
    """(the page's editors, {name: (starter index, check index, solution index)})."""
    blocks = editors(page)
    found = {}
    for i, code in enumerate(blocks):
        m = MARKER.match(code)
        if m:
            found.setdefault(m["name"], {})[m["kind"]] = i
    result = {}
    for name, kinds in found.items():
        assert set(kinds) == {"starter", "solution"}, f"{page}: exercise {name} needs a starter and a solution"
        check = next(i for i in range(kinds["starter"] + 1, len(blocks)) if CHECK_IMPORT.search(blocks[i]))
        assert kinds["starter"] < check < kinds["solution"], f"{page}: {name}: starter, check, solution in order"
        result[name] = (kinds["starter"], check, kinds["solution"])
    return blocks, result


PAGES = [page for page in COURSE if exercises(page)[1]]  # the course's pages with exercises


def run(code, namespace):
    """Run one editor's code in `namespace` (shared by a page's editors, as in the browser); return what it
    printed. An exception propagates: a test fails with it."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<editor>", "exec"), namespace)
    return out.getvalue()


def claim(page, pattern):
    """The match of `pattern` in docs/PAGE.md, its lines joined (a sentence may break anywhere): a sentence whose
    numbers a test checks against what the page's code prints."""
    text = " ".join((DOCS / f"{page}.md").read_text(encoding="utf-8").split())
    m = re.search(pattern, text)
    assert m, f"docs/{page}.md no longer says /{pattern}/: reword the pattern with the prose, then check the claim"
    return m


def pytorch_block(page):
    """(code, shown): the page's ```python block that starts with `import torch` (not an editor: PyTorch does
    not run in the browser) and the ```text block after it, which shows what that code printed."""
    text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    m = re.search(r"^```python\n(?P<code>import torch\n.*?)^```\n\n```text[^\n]*\n(?P<shown>.*?)^```", text,
                  re.M | re.S)
    assert m, f"{page}.md: a ```python block starting with `import torch`, then a ```text block with its output"
    return m["code"], m["shown"]
