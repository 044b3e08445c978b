"""matplotlib figures and interact() controls in the browser: a figure under its editor in the page's palette (its
background is the page's, light and dark), a slider that redraws the output under it (dragged, or from the
keyboard) and passes axe-core while in use, and a loop of a thousand figures that shows a few and says how many
it left out."""

import io
import re

import numpy as np
from PIL import Image
from playwright.sync_api import expect

from course_pages import editors as page_editors
from pages import AXE, AXE_RUN, RUN, RUNTIME_TIMEOUT_MS, WCAG_21_AA, open_isolated, wait_until_page_ready
from test_a11y import switch_palette
from test_editing import reload, set_code

PLOT, EXPLORABLE = (next(i for i, code in enumerate(page_editors("derivatives")) if marker in code)
                    for marker in ("plt.show()", "@interact"))
BACKGROUND = "() => getComputedStyle(document.body).backgroundColor"


def run(page, editor):
    editor.get_by_role("button", name=RUN).click()
    expect(editor.locator(".py-editor-run-button")).not_to_have_class(re.compile(r"\brunning\b"),
                                                                       timeout=3 * RUNTIME_TIMEOUT_MS)


def pixels(figure):
    """The figure as the screen shows it: rows of (r, g, b)."""
    return np.asarray(Image.open(io.BytesIO(figure.screenshot())).convert("RGB")).astype(int)


def redrawn(page, box, before):
    page.wait_for_function("([box, n]) => document.getElementById(box).dataset.mglDraws !== n",
                           arg=[box.get_attribute("id"), before], timeout=RUNTIME_TIMEOUT_MS)


def test_a_figure_follows_the_palette_and_a_slider_redraws_its_output(page, site_server):
    open_isolated(page, f"{site_server}derivatives/")
    editors = page.locator(".mgl-editor")
    for i in range(EXPLORABLE + 1):  # in page order: the plot needs f, the explorable numpy
        run(page, editors.nth(i))
    figure = editors.nth(PLOT).locator(".mgl-figure")
    expect(figure).to_have_count(1)
    expect(figure).to_have_attribute("aria-label", "A figure with 1 plot: f(x) = 3x² − 4x + 5 (f(x) against x)")
    assert figure.evaluate("(f) => f.scrollWidth <= f.parentElement.clientWidth")  # fits its column

    for scheme in ("default", "slate"):
        switch_palette(page, scheme)
        picture = pixels(figure)
        page_colour = np.array([int(v) for v in re.findall(r"\d+", page.evaluate(BACKGROUND))[:3]])
        corner = picture[2, 2]  # the figure's own background
        assert np.abs(corner - page_colour).max() <= 3, (scheme, corner, page_colour)
        # its text and axes are in the palette's text colour: far from the background
        assert np.abs(picture - page_colour).sum(axis=2).max() > 300

    box = editors.nth(EXPLORABLE).locator(".mgl-interact")
    output = box.locator(".mgl-interact-output")
    expect(output).to_contain_text("x = 3.0:  (f(x+h) - f(x))/h = 14.003000   exact 6x - 4 = 14.000000")
    expect(output.locator(".mgl-figure")).to_have_count(1)
    slider = box.get_by_role("slider", name="x")
    slider.focus()
    before = box.get_attribute("data-mgl-draws")
    page.keyboard.press("ArrowRight")  # from the keyboard
    redrawn(page, box, before)
    expect(output).to_contain_text("x = 3.1:  (f(x+h) - f(x))/h = 14.603000   exact 6x - 4 = 14.600000")
    expect(box.locator("output")).to_have_text("3.1")
    before = box.get_attribute("data-mgl-draws")
    box.get_by_role("combobox", name="h").select_option("1e-13")
    redrawn(page, box, before)
    expect(output).to_contain_text("x = 3.1:")
    assert "14.600000" in output.inner_text() and "14.603000" not in output.inner_text()
    expect(output.locator(".mgl-figure")).to_have_count(1)  # replaced, not added

    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN, WCAG_21_AA) == []


def test_a_thousand_figures_in_a_loop_show_a_few_and_say_how_many_were_left_out(page, site_server):
    open_isolated(page, f"{site_server}derivatives/")
    editor = page.locator(".mgl-editor").first
    set_code(page, "import matplotlib.pyplot as plt\nfor i in range(1000):\n"
                   "    plt.figure(figsize=(1, 1))\n    plt.show()\nprint('done')")
    run(page, editor)
    output = editor.get_by_role("log", name="Output")
    expect(output).to_contain_text("done")
    expect(output).to_contain_text("… 980 more figures not shown (an editor shows the first 20)")
    expect(output.locator(".mgl-figure")).to_have_count(20)


def test_a_figure_saves_as_pdf_once_what_only_the_pdf_backend_needs_has_loaded(page, site_server):
    """fontTools (which only the PDF and PS backends import) loads by itself just after pyplot's import, in the
    background (package_loading.AFTER_PYPLOT): the run waits until Pyodide has it, without importing it, then saves
    a PDF; a run that imports it waits for that load."""
    open_isolated(page, f"{site_server}derivatives/")
    editor = page.locator(".mgl-editor").first
    set_code(page, "import asyncio, io, pyodide_js\nimport matplotlib.pyplot as plt\n"
                   "while 'fonttools' not in pyodide_js.loadedPackages.to_py():\n    await asyncio.sleep(0.05)\n"
                   "plt.plot([1, 2, 3])\nbuffer = io.BytesIO()\nplt.savefig(buffer, format='pdf')\nplt.close()\n"
                   "print(buffer.getvalue()[:5], len(buffer.getvalue()) > 1000)")
    run(page, editor)
    output = editor.get_by_role("log", name="Output")
    expect(output).to_contain_text("b'%PDF-' True")
    set_code(page, "import fontTools\nprint(fontTools.__name__)")
    run(page, editor)
    expect(output).to_contain_text("fontTools")


def test_the_moons_boundary_is_drawn_after_training(page, site_server):
    open_isolated(page, f"{site_server}moons/?steps=5")
    editors = page.locator(".mgl-editor")
    page.locator("#moons-train").click()
    expect(page.locator("#moons-step")).to_have_text("5 / 5", timeout=3 * RUNTIME_TIMEOUT_MS)
    boundary = editors.last
    run(page, boundary)
    expect(boundary.locator(".mgl-figure")).to_have_attribute("aria-label", "A figure with 1 plot: decision boundary")


def test_the_home_page_fetches_no_matplotlib_or_numpy(page, site_server):
    """Figures and controls are ready on every page with editors (figures.py, interact.js), without the home page
    loading the plotting packages: only a page whose examples import them does."""
    fetched = []
    # What the page and its Python ask for; the service worker's own fetches (the offline copy of the site it makes
    # in the background once the page is ready, test_hosting's business) are left out.
    page.context.on("request", lambda request: request.service_worker or fetched.append(request.url))
    open_isolated(page, site_server)
    wait_until_page_ready(page)
    run(page, page.locator(".mgl-editor").first)
    assert any("figures.py" in url for url in fetched)
    assert not [url for url in fetched if "matplotlib" in url or "numpy" in url]


# Which pyplot ran: its bytecode's kind (0 compiled from source on this page, 3 a checked hash-based .pyc put back
# from this browser's Cache Storage) and the font list matplotlib loaded (its version, and how many fonts: the
# wheel's own list names 500 fonts of the Mac it was made on).
KEPT_CODE = """import json
from pathlib import Path
import matplotlib.pyplot as plt
import matplotlib.font_manager as fm
fonts = json.loads(Path(fm.__file__).with_name("fontlist.json").read_text())
print("pyplot's bytecode", Path(plt.__cached__).read_bytes()[4], "font list", fonts["_version"] == fm.FontManager.__version__,
      len(fonts["ttflist"]) < 100)
plt.plot([1, 3, 2])
plt.title("kept")
plt.show()
"""
KEPT_IMPORTS = "async () => (await (await caches.open('micrograd-live-imports')).keys()).length"


def test_a_page_after_the_first_that_plots_imports_matplotlib_from_what_the_first_kept(page, site_server):
    """The first page that plots keeps the bytecode of matplotlib's import and its font list in this browser
    (import_cache.py); the next page puts them back before the import, and plots."""
    open_isolated(page, f"{site_server}derivatives/")
    set_code(page, KEPT_CODE)
    editor = page.locator(".mgl-editor").first
    output = editor.get_by_role("log", name="Output")
    run(page, editor)
    expect(output).to_contain_text("pyplot's bytecode 0 font list True True")
    expect(output.locator(".mgl-figure")).to_have_attribute("aria-label", "A figure with 1 plot: kept")
    page.wait_for_function(KEPT_IMPORTS, timeout=RUNTIME_TIMEOUT_MS)

    reload(page)
    run(page, editor)  # the reader's code is kept across the reload
    expect(output).to_contain_text("pyplot's bytecode 3 font list True True")
    expect(output.locator(".mgl-figure")).to_have_attribute("aria-label", "A figure with 1 plot: kept")
