"""Moving between pages with Material's instant navigation: the page changes without a new document, so the
page's Python lives on and the next page's editors are ready at once; each page keeps a namespace of its own."""

import re


from playwright.sync_api import expect

from pages import AXE, AXE_RUN, RUN, RUNTIME_TIMEOUT_MS, WCAG_21_AA, follow_link, open_isolated, wait_until_page_ready


def run_code(page, index, code):
    """Type `code` into the page's editor `index` (select all, then type), run it, and return its output."""
    editor = page.locator(".mgl-editor").nth(index)
    content = editor.locator(".cm-content")
    expect(content).to_have_attribute("aria-label", re.compile("^Python code"))  # named: the page has drawn it
    content.click()
    expect(content).to_be_focused()  # the keys go to this editor, not to whatever the page was drawing
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)
    expect(content).to_have_text(code.replace("\n", ""))  # CodeMirror's lines are elements, not newlines
    editor.get_by_role("button", name=RUN).click()
    output = editor.get_by_role("log")
    page.wait_for_function("(e) => !e.querySelector('.py-editor-run-button.running')", arg=editor.element_handle(),
                           timeout=RUNTIME_TIMEOUT_MS)
    return output


def test_the_next_page_uses_the_same_python_with_a_namespace_of_its_own(page, site_server):
    open_isolated(page, site_server)
    output = run_code(page, 0, "secret = 42\nimport os\nprint(os.getpid(), secret)")
    expect(output).to_contain_text(" 42")
    worker = output.inner_text().split()[0]
    page.evaluate("window.sameDocument = true")

    follow_link(page, "derivatives/")
    assert page.evaluate("window.sameDocument") is True  # no new document: Python did not start again
    output = run_code(page, 0, "import os\nprint(os.getpid())\nsecret")
    expect(output).to_contain_text("NameError: name 'secret' is not defined")  # the home page's names stay there
    assert output.inner_text().split()[0] == worker

    page.go_back()  # the browser's Back: Material takes it too
    page.wait_for_function("() => location.pathname.endsWith('/') && !location.pathname.includes('derivatives')")
    wait_until_page_ready(page, "/")
    expect(run_code(page, 0, "print(secret)")).to_have_text("42", use_inner_text=True, timeout=RUNTIME_TIMEOUT_MS)  # ... as they were
    assert page.evaluate("window.sameDocument") is True


def test_a_run_is_stopped_when_the_reader_leaves_its_page_and_the_next_page_runs(page, site_server):
    open_isolated(page, site_server)
    wait_until_page_ready(page)
    editor = page.locator(".mgl-editor").first
    editor.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text("while True:\n    pass")
    editor.get_by_role("button", name=RUN).click()
    expect(editor.locator(".py-editor-run-button.running")).to_have_count(1)

    follow_link(page, "derivatives/")
    output = run_code(page, 0, "print(6 * 7)")
    expect(output).to_have_text("42", use_inner_text=True)


def test_the_moons_playground_works_when_reached_by_a_link_and_again_on_a_second_visit(page, site_server):
    open_isolated(page, site_server + "derivatives/")
    for _ in range(2):
        follow_link(page, "moons/")
        page.get_by_role("button", name="Train", exact=True).click()
        expect(page.locator("#moons-step")).to_have_text("100 / 100", timeout=3 * RUNTIME_TIMEOUT_MS)
        expect(page.locator("#moons-loss")).to_have_text("0.0110")
        follow_link(page, "derivatives/")


def test_the_site_map_lists_the_pages_where_they_are_served(page, site_server):
    """Material follows a link instantly only if sitemap.xml lists its address, port included; the build cannot
    know it, so the service worker writes it in."""
    open_isolated(page, site_server)
    text = page.evaluate("fetch('sitemap.xml').then((r) => r.text())")
    assert f"<loc>{site_server}derivatives/</loc>" in text, text[:500]
    assert "micrograd-live.invalid" not in text


def test_a_page_reached_by_a_link_is_titled_and_meets_wcag_21_aa(page, site_server):
    open_isolated(page, site_server)
    page.add_script_tag(path=str(AXE))
    follow_link(page, "derivatives/")
    expect(page).to_have_title("Derivatives - micrograd live")
    run_code(page, 0, "print(6 * 7)")
    assert page.evaluate(AXE_RUN, WCAG_21_AA) == []


# Once the moons page's elements are put in (a new #moons-step), what the first frame painted after that shows:
# the counters, the steps field, whether the placeholder is hidden, the neuron maps and the boundary's drawn pixels that are not the
# page's background, read in requestAnimationFrame (which runs just before that frame is painted).
RECORD_FIRST_FRAME = """() => {
  const old = document.getElementById("moons-step");
  new MutationObserver((changes, observer) => {
    const step = document.getElementById("moons-step");
    if (!step || step === old) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const canvas = document.getElementById("moons-boundary");
      const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      const probe = document.createElement("canvas").getContext("2d");
      probe.fillStyle = getComputedStyle(document.body).getPropertyValue("--md-default-bg-color").trim();
      const background = [1, 3, 5].map((i) => parseInt(probe.fillStyle.slice(i, i + 2), 16));
      let tinted = 0; // drawn (opaque) and not the page's background
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 255 && background.some((c, j) => Math.abs(data[i + j] - c) > 10)) tinted++;
      }
      window.mglFirstFrame = {
        counters: ["step", "loss", "accuracy"].map((name) => document.getElementById(`moons-${name}`).textContent),
        steps: document.getElementById("moons-steps").value,
        placeholderHidden: document.getElementById("moons-placeholder").hidden,
        maps: document.querySelectorAll("#moons-neurons canvas").length, tinted,
      };
    });
  }).observe(document.body, { childList: true, subtree: true });
}"""


def test_back_and_forward_through_the_playground_mid_run_keep_its_pictures_and_raise_no_error(page, site_server):
    """Leaving the moons page while it trains, coming back with Back, leaving with Forward and switching the
    palette raise no script error (the `page` fixture fails the test on any); a finished run's counters and
    pictures are there again on a return, as the page's Python still has its model."""
    open_isolated(page, site_server + "derivatives/")
    follow_link(page, "moons/")
    page.locator("#moons-steps").fill("40")
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#moons-step")).to_have_text(re.compile(r"^([3-9]|\d\d) / 40$"), timeout=RUNTIME_TIMEOUT_MS)
    follow_link(page, "derivatives/")  # mid-run: the run stops
    page.go_back()
    wait_until_page_ready(page, "moons/")
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#moons-step")).to_have_text("40 / 40", timeout=3 * RUNTIME_TIMEOUT_MS)
    expect(page.get_by_role("button", name="Train", exact=True)).to_be_enabled()
    shown = [page.locator(f"#moons-{name}").text_content() for name in ("step", "loss", "accuracy")]

    page.go_forward()
    wait_until_page_ready(page, "derivatives/")
    page.evaluate("document.body.dataset.mdColorScheme = 'slate'")  # the moons page's redraw is not called now
    page.evaluate(RECORD_FIRST_FRAME)
    page.go_back()
    # The first frame painted after Material puts the page's fresh HTML in place (counters "–", no pictures)
    # already shows the run as it was left, though this visit's moons.js has not arrived yet.
    first = page.wait_for_function("() => window.mglFirstFrame", timeout=RUNTIME_TIMEOUT_MS).json_value()
    assert first["counters"] == shown and first["placeholderHidden"] and first["maps"] == 32, first
    assert first["steps"] == "40", first  # the settings as the link has them, not the page's default (100)
    assert first["tinted"] > 10_000, first  # the boundary and its points, not a blank canvas
    wait_until_page_ready(page, "moons/")
    for name, text in zip(("step", "loss", "accuracy"), shown):
        expect(page.locator(f"#moons-{name}")).to_have_text(text)
    expect(page.locator("#moons-placeholder")).to_be_hidden()
    expect(page.locator("#moons-neurons canvas")).to_have_count(32)
    page.wait_for_timeout(500)  # a late error from the page left would show now
