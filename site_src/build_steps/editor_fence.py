"""The Markdown side of a runnable editor: a fenced code block marked `run` becomes one.

    ```python run
    from micrograd.engine import Value
    print(Value(2.0) * 3)
    ```

A plain ```` ```python ```` block stays ordinary highlighted code. The `run` block is written out as the code
itself (readable without JavaScript, and found by the site search) inside a placeholder that
`assets/micrograd/editors.js` turns into a PyScript editor. The placeholder also names what the code imports
that the page must load: Pyodide packages (so a page only downloads matplotlib when one of its editors needs
it) and the site's own modules (so only a page with exercises fetches `course`).

    ```python run packages="on-run"
    import matplotlib.pyplot as plt
    ```

leaves that editor's packages out of what the page loads at start: they load when the reader first runs it
(with a notice), so a page whose Python must be ready fast (the moons playground) does not wait for them, nor
have its Python busy importing them while the reader trains.

This module is the one place that knows both forms: `editors()` finds the editors in a page's Markdown (for its
notebook, and the tests), `placeholders()` finds them in the built HTML, and `is_editor` is what superfences asks.
"""

import ast
import html
import re
import textwrap
from typing import NamedTuple

IMPORT_LINE = re.compile(r"^\s*(?:from|import)\s+([A-Za-z_]\w*)", re.MULTILINE)
# A ```python fence, possibly indented (inside a ??? collapsible): the opening line with its options, the code, and
# the closing fence at the same indentation.
FENCE = re.compile(r"^(?P<indent>[ \t]*)```python(?P<options>[^\n]*)\n(?P<body>.*?)^(?P=indent)```[ \t]*$\n?",
                   re.M | re.S)
PLACEHOLDER = re.compile(r'<div class="mgl-editor"[^>]*><pre class="mgl-editor-source"><code class="language-python">'
                         r"(.*?)</code>", re.S)


class Editor(NamedTuple):
    """An editor's fence in a page's Markdown: where it starts and ends, and its code (dedented)."""
    start: int
    end: int
    code: str


def is_run(options):
    """Whether a ```python fence's options (the text after `python`, or superfences' parsed {name: value})
    make it an editor: `run` among them."""
    return "run" in (options.split() if isinstance(options, str) else options)


def editors(markdown):
    """The editors of a page's Markdown, in page order."""
    return [Editor(m.start(), m.end(), textwrap.dedent(m["body"])) for m in FENCE.finditer(markdown)
            if is_run(m["options"])]


def placeholders(page_html):
    """The code of each editor placeholder in a built page, in page order (as `format_editor` wrote it)."""
    return [html.unescape(code) for code in PLACEHOLDER.findall(page_html)]


def imported_modules(source, dotted=False):
    """Top-level module names that `source` imports (by regex if it does not parse: readers' exercises may not).
    `dotted`: every module it may import, with the packages above it (`from micrograd.data import make_moons`
    gives micrograd, micrograd.data and micrograd.data.make_moons: the last may be a module too)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set(IMPORT_LINE.findall(source))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    if not dotted:
        return {name.split(".")[0] for name in names}
    return {".".join(parts[:i]) for parts in (name.split(".") for name in names) for i in range(1, len(parts) + 1)}


def site_modules_loaded(name, site_modules):
    """The site modules that `import name` loads: `name`, the site modules it imports, theirs, and so on.
    `site_modules` is {module name: its source}."""
    loaded, todo = [], [name]
    while todo:
        module = todo.pop(0)
        if module not in loaded:
            loaded.append(module)
            todo += sorted(imported_modules(site_modules[module]) & set(site_modules))
    return tuple(loaded)


def is_editor(language, inputs, options, attrs, md):
    """Superfences validator: claim ```python blocks that carry the `run` option, leave the rest alone."""
    if not is_run(inputs):
        return False
    options.update(inputs)
    return True


def make_formatter(packages_of_module, site_modules=None):
    """A superfences formatter that knows which Pyodide packages each importable module needs
    (`{"numpy": ("numpy",), "moons_live": ("matplotlib", "numpy"), ...}`) and which of the site's own modules
    importing one of them loads (`{"course": ("course", "course_build"), ...}`, see `site_modules_loaded`)."""
    site_modules = site_modules or {}

    def format_editor(src, language, class_name, options, md, **kwargs):
        imported = imported_modules(src, dotted=True)
        on_run = options.get("packages") == "on-run"
        packages = [] if on_run else sorted({p for m in imported for p in packages_of_module.get(m, ())})
        modules = sorted({loaded for m in imported for loaded in site_modules.get(m, ())})
        return (
            f'<div class="mgl-editor" data-packages="{html.escape(" ".join(packages))}"'
            f' data-modules="{html.escape(" ".join(modules))}">'
            f'<pre class="mgl-editor-source"><code class="language-python">{html.escape(src)}</code></pre>'
            "</div>"
        )

    return format_editor


def fence_config(packages_of_module, site_modules=None):
    """The `custom_fences` entry to add to pymdownx.superfences' configuration."""
    return {
        "name": "python",
        "class": "mgl-editor",
        "validator": is_editor,
        "format": make_formatter(packages_of_module, site_modules),
    }
