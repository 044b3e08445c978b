"""```python run blocks become editor placeholders; plain ```python blocks stay highlighted code."""

import html
import types

import markdown
import pytest

import editor_fence

MODULES = {"numpy": ("numpy",), "matplotlib": ("matplotlib",), "PIL": ("pillow",), "live": ("matplotlib", "numpy"),
           "micrograd.data": ("numpy",)}


SITE_MODULES = {"course": ("course", "course_build"), "live": ("live",)}  # what importing each one loads


def render(text):
    fence = editor_fence.fence_config(MODULES, SITE_MODULES)
    return markdown.markdown(
        text,
        extensions=["pymdownx.superfences", "pymdownx.highlight"],
        extension_configs={"pymdownx.superfences": {"custom_fences": [fence]}},
    )


def test_run_block_becomes_an_editor_placeholder_with_the_exact_code():
    code = 'import numpy as np\nprint("<b>&</b>")\nif 1 < 2:\n    pass'
    out = render(f"```python run\n{code}\n```\n")
    assert out.startswith('<div class="mgl-editor" data-packages="numpy" data-modules="">')
    source = out.split('<code class="language-python">')[1].split("</code>")[0]
    assert html.unescape(source) == code
    assert "<b>" not in out


def test_plain_python_block_stays_highlighted_code():
    out = render("```python\nx = 1\n```\n")
    assert "mgl-editor" not in out and "highlight" in out


def test_packages_come_from_the_imports():
    code = "from matplotlib import pyplot\nimport PIL.Image\nimport os, micrograd.nn"
    assert editor_fence.imported_modules(code) == {"matplotlib", "PIL", "os", "micrograd"}
    out = render(f"```python run\n{code}\n```\n")
    assert 'data-packages="matplotlib pillow"' in out
    assert 'data-packages="matplotlib numpy"' in render("```python run\nfrom live import plot\n```\n")
    # micrograd.data imports NumPy when make_moons is called; micrograd itself needs nothing
    assert editor_fence.imported_modules("from micrograd.data import make_moons", dotted=True) == {
        "micrograd", "micrograd.data", "micrograd.data.make_moons"}
    for code in ("from micrograd.data import make_moons", "from micrograd import data", "import micrograd.data"):
        assert 'data-packages="numpy"' in render(f"```python run\n{code}\n```\n"), code
    assert 'data-packages=""' in render("```python run\nfrom micrograd.engine import Value\n```\n")


def test_an_editor_marked_packages_on_run_leaves_its_packages_to_its_first_run():
    out = render("```python run packages=\"on-run\"\nimport matplotlib.pyplot as plt\nfrom course import check\n```\n")
    assert 'data-packages="" data-modules="course course_build"' in out


def test_the_site_modules_an_editor_imports_are_named():
    out = render("```python run\nfrom course import check_div\nimport live, numpy\n```\n")
    assert 'data-packages="matplotlib numpy" data-modules="course course_build live"' in out
    assert 'data-modules=""' in render("```python run\nimport courses\n```\n")  # a name, not a prefix


def test_a_site_module_brings_the_site_modules_it_imports():
    sources = {"course": "import math\nimport course_build\n", "course_build": "from micrograd import engine\n",
               "live": "import numpy\n", "loop": "import loop\nimport course\n"}
    assert editor_fence.site_modules_loaded("course", sources) == ("course", "course_build")
    assert editor_fence.site_modules_loaded("live", sources) == ("live",)
    assert editor_fence.site_modules_loaded("loop", sources) == ("loop", "course", "course_build")  # no cycling


def test_imports_are_found_even_in_code_that_does_not_parse():
    assert editor_fence.imported_modules("import numpy\ndef broken(:\n") == {"numpy"}


PAGE = '''Text.

```python run
x = 1
```

```python
not_an_editor = True
```

??? note "Inside a collapsible"

    ```python title="two" run
    if x:
        print(x)
    ```
'''


def test_the_markdown_and_the_built_html_name_the_same_editors():
    """editors() (the notebook's and the tests' reading of a page) finds what superfences turns into editors."""
    found = editor_fence.editors(PAGE)
    assert [editor.code for editor in found] == ["x = 1\n", "if x:\n    print(x)\n"]
    assert PAGE[found[0].start:found[0].end] == "```python run\nx = 1\n```\n"
    html_page = markdown.markdown(PAGE, extensions=["pymdownx.superfences", "pymdownx.details", "pymdownx.highlight"],
                                  extension_configs={"pymdownx.superfences": {"custom_fences": [
                                      editor_fence.fence_config(MODULES, SITE_MODULES)]}})
    assert editor_fence.placeholders(html_page) == ["x = 1", "if x:\n    print(x)"]


def test_the_build_fails_when_a_pages_editors_and_its_notebook_differ():
    import hooks
    from mkdocs.exceptions import PluginError

    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="page.md"))
    hooks._editor_codes["page.md"] = ["x = 1"]
    html_page = render("```python run\nx = 1\n```\n")
    assert hooks.on_page_content(html_page, page, None, None) == html_page
    hooks._editor_codes["page.md"] = ["x = 1", "y = 2"]
    with pytest.raises(PluginError, match="page.md: its 1 editors and the 2 code cells of its notebook differ"):
        hooks.on_page_content(html_page, page, None, None)
    del hooks._editor_codes["page.md"]
