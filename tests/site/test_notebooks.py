"""Each page's `notebook.ipynb` (its "Download as notebook") runs outside the site: its code cells, in order, in
CPython, in a folder of its own, as Jupyter would run them. `%%writefile` writes its file, as the magic does;
`%pip install` of the wheel is skipped (this environment has micrograd installed already)."""

import json
import re
import subprocess
import sys

import editor_fence
import pytest

from course_pages import claim
from expected import notebook_line

RUN_CELLS = """
import json, sys
namespace = {"__name__": "__main__"}
for number, cell in enumerate(json.load(open(sys.argv[1]))["cells"]):
    source = "".join(cell["source"])
    if cell["cell_type"] != "code" or source.startswith("%pip install "):
        continue
    if source.startswith("%%writefile "):
        name, text = source.removeprefix("%%writefile ").split("\\n", 1)
        open(name, "w").write(text)
        continue
    exec(compile(source, f"<cell {number}>", "exec"), namespace)
"""


def code_cells(path):
    return [cell for cell in json.loads(path.read_text())["cells"] if cell["cell_type"] == "code"]


@pytest.mark.parametrize("page", ["derivatives", "build", "backprop", "nn", "tensors", "value", "training", "moons",
                                  "gpt"])
def test_a_pages_notebook_runs_in_cpython_with_what_its_set_up_cells_give_it(built_site, tmp_path, page):
    notebook = built_site / page / "notebook.ipynb"
    setup = [cell for cell in code_cells(notebook) if cell["metadata"].get("tags") == ["setup"]]
    assert "".join(setup[0]["source"]).startswith("%pip install micrograd_live-")
    done = subprocess.run([sys.executable, "-c", RUN_CELLS, notebook], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Error" not in done.stdout, done.stdout[-3000:]
    if page == "moons":  # no page to take settings from or draw on: the notebook's run, printed
        assert notebook_line(99) in done.stdout, done.stdout[-3000:]
    if page == "gpt":  # the page's default run, 1,000 steps, printed every 100: the loss well below ln 27 = 3.30
        last = re.search(r"^step 1000: .*validation loss (\d\.\d+); names: (.*)$", done.stdout, re.M)
        assert last and len(last[2].split(", ")) == 8, done.stdout[-3000:]
        claimed = claim("gpt", r"the validation loss ends at (\d\.\d\d)")[1]
        assert f"{float(last[1]):.2f}" == claimed  # what the page says its default run reaches


def test_a_notebook_writes_the_site_modules_its_page_imports_and_those_they_import(built_site):
    written = lambda page: [  # noqa: E731
        "".join(cell["source"]).split("\n", 1)[0] for cell in code_cells(built_site / page / "notebook.ipynb")
        if "".join(cell["source"]).startswith("%%writefile")]
    assert written("build") == ["%%writefile course.py", "%%writefile course_build.py", "%%writefile course_net.py"]
    assert written("moons") == ["%%writefile moons_live.py", "%%writefile page_run.py"]
    assert sorted(written("gpt")) == ["%%writefile course.py", "%%writefile course_build.py", "%%writefile course_net.py",
                                      "%%writefile first_names.py", "%%writefile gpt_live.py", "%%writefile page_run.py",
                                      "%%writefile tinygpt.py"]
    assert written("graphs") == []


def test_every_pages_notebook_has_one_code_cell_per_editor_holding_its_code(built_site):
    """"Download as notebook" puts each editor's code into the cell that names it (metadata.editor: its index),
    and refuses a notebook whose cells do not match the page's editors: the build's fence matching
    (editor_fence.editors) and superfences' must agree."""
    pages = [page for page in built_site.rglob("index.html") if 'class="mgl-editor"' in page.read_text()]
    assert len(pages) >= 10
    for page in pages:
        editors = editor_fence.placeholders(page.read_text())
        cells = [cell for cell in code_cells(page.parent / "notebook.ipynb")
                 if "setup" not in cell["metadata"].get("tags", [])]
        assert ["".join(cell["source"]) for cell in cells] == [code.rstrip("\n") for code in editors], \
            page.relative_to(built_site)
        assert [cell["metadata"]["editor"] for cell in cells] == list(range(len(editors)))


MARKDOWN_LINK = re.compile(r'\]\(([^)\s]+)|(?:href|src)="([^"]+)"')


def test_every_notebooks_prose_is_plain_markdown_with_links_that_lead_to_the_site(built_site):
    """No MkDocs syntax is left for Jupyter to show as it is (admonitions, attribute lists, `markdown=` tags, the
    page's own form), hints fold away as <details>, and every link to the site is relative to the page's address
    (a page of the site, with its section, or a file of it), which the download makes absolute."""
    site_pages = {str(p.parent.relative_to(built_site)) for p in built_site.rglob("index.html")}
    notebooks = sorted(built_site.rglob("notebook.ipynb"))
    assert len(notebooks) >= 10
    for path in notebooks:
        page = path.parent.relative_to(built_site)
        prose = "\n".join("".join(cell["source"]) for cell in json.loads(path.read_text())["cells"]
                          if cell["cell_type"] == "markdown")
        for syntax in ("???", "!!!", "{ .", "{:", 'markdown="', "<form", "<button"):
            assert syntax not in prose, (str(page), syntax)
        for link in (a or b for a, b in MARKDOWN_LINK.findall(prose)):
            if re.match(r"https?://", link):
                continue
            target = (built_site / page / link.split("#")[0]).resolve()
            assert target.is_relative_to(built_site.resolve()) and target.exists(), (str(page), link)
            if link.endswith("/") or "/#" in link:
                assert str(target.relative_to(built_site.resolve())) in site_pages, (str(page), link)
    backprop = (built_site / "backprop" / "notebook.ipynb").read_text()
    assert "<details><summary>Hint 1: the idea</summary>" in backprop and "](../derivatives/)" in backprop
