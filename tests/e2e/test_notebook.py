"""A notebook's conveniences in every editor's toolbar: Run all above, Restart Python, Download as notebook; and
a NameError for a name an editor above defines says to run the examples above first."""

import json
import re

import nbformat
from playwright.sync_api import expect

from pages import RUN, RUNTIME_TIMEOUT_MS, open_isolated
from test_recovery import output_of, put_code, run

HINT = "`a_name` is defined in an example above this one: run the examples above first (Run all above)."


def test_run_all_above_restart_and_download_as_notebook(page, site_server, tmp_path):
    open_isolated(page, f"{site_server}derivatives/")
    put_code(page, 0, "a_name = 41")
    put_code(page, 1, "a_name += 1")
    third = run(page, 2, "print(a_name)")
    expect(output_of(third)).to_contain_text("NameError: name 'a_name' is not defined")
    expect(output_of(third)).to_contain_text(HINT)

    third.get_by_role("button", name="Run all above").click()
    expect(page.locator(".py-editor-run-button.running")).to_have_count(0, timeout=RUNTIME_TIMEOUT_MS)
    expect(third.locator(".mgl-note")).to_have_text("")  # nothing failed
    third.get_by_role("button", name=RUN).click()
    expect(output_of(third)).to_have_text("42", use_inner_text=True, timeout=RUNTIME_TIMEOUT_MS)

    third.get_by_role("button", name="Restart Python").click()
    expect(output_of(third)).to_have_text("Python restarted: names defined by earlier runs are gone.",
                                          use_inner_text=True)
    third.get_by_role("button", name=RUN).click()
    expect(output_of(third)).to_contain_text(HINT, timeout=RUNTIME_TIMEOUT_MS)

    with page.expect_download() as download:
        third.get_by_role("button", name="Download as notebook").click()
    assert download.value.suggested_filename == "derivatives.ipynb"
    path = tmp_path / "derivatives.ipynb"
    download.value.save_as(path)
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    setup = [cell.source for cell in notebook.cells if "setup" in cell.metadata.get("tags", [])]
    # the wheel from the site the notebook came from; every link leads there too; no MkDocs syntax left
    assert re.fullmatch(rf"%pip install {re.escape(site_server)}runtime/pyodide/micrograd_live-\S+\.whl( .+)?", setup[0])
    assert setup[1].startswith("%%writefile course.py\n")
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    assert "???" not in text and "{ ." not in text
    links = re.findall(r'\]\(([^)\s]+)|(?:href|src)="([^"]+)"', text)
    assert links and all(re.match(r"https?://", a or b) for a, b in links), links
    assert f"]({site_server}value/)" in text
    assert f"]({site_server}derivatives/)" in text  # the title's link: this page
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code" and cell.source not in setup]
    assert len(code) == page.locator(".mgl-editor").count()
    assert code[:3] == ["a_name = 41", "a_name += 1", "print(a_name)"]
    outputs = [cell.outputs for cell in notebook.cells if cell.cell_type == "code" and cell.source not in setup]
    assert outputs[2][0].text.startswith("Traceback") and HINT in outputs[2][0].text  # what the reader saw last
    assert code[3] == page.evaluate("document.querySelectorAll('.mgl-editor script')[3].code")
    prose = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    assert "## The slope of a function of one input" in prose and "nudge the input a little" in prose
    assert json.loads(path.read_text())["metadata"]["kernelspec"]["name"] == "python3"


def test_run_all_above_stops_at_the_first_editor_that_fails_and_says_which(page, site_server):
    """As in Jupyter: the examples after a failing one do not run (they say why), and the toolbar names it."""
    open_isolated(page, f"{site_server}derivatives/")
    editors = page.locator(".mgl-editor")
    for index, code in enumerate(["reached = ['first']", "1 / 0", "reached.append('third')"]):
        put_code(page, index, code)
    failing = editors.nth(1).get_attribute("aria-label").removeprefix("Python example: ")

    editors.nth(3).get_by_role("button", name="Run all above").click()
    expect(editors.nth(3).locator(".mgl-note")).to_have_text(
        f'Run all above stopped at "{failing}": it failed (its output says why).', timeout=RUNTIME_TIMEOUT_MS)
    expect(output_of(editors.nth(1))).to_contain_text("ZeroDivisionError: division by zero")
    expect(output_of(editors.nth(2))).to_have_text(f'Not run: "{failing}" above failed first.', use_inner_text=True)
    expect(page.locator(".py-editor-run-button.running")).to_have_count(0)
    fourth = run(page, 3, "print(reached)")
    expect(output_of(fourth)).to_have_text("['first']", use_inner_text=True)
