"""The site as a reader sees it: editor colours that follow the light/dark palette, and pages that fit a phone."""

import re

from playwright.sync_api import TimeoutError as WaitedTooLong, expect

from pages import OVERFLOW, RUN, RUNTIME_TIMEOUT_MS, SITE_PATHS, open_isolated

PHONE = {"width": 375, "height": 740}
READABLE = 4.5  # WCAG's minimum contrast for normal text

# The colour of a keyword and of a string in the page's editors (off the highlighted active line), the
# background behind them, and the colours Material gives those tokens in its own code blocks.
TOKEN_COLOURS = """() => {
  const material = (name) => {
    const probe = document.body.appendChild(document.createElement("span"));
    probe.style.color = `var(--md-code-hl-${name}-color)`;
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  };
  const spans = [...document.querySelectorAll(".mgl-editor .py-editor-input > div")]
    .flatMap((host) => [...host.shadowRoot.querySelectorAll(".cm-line:not(.cm-activeLine) span")]);
  const token = (test) => {
    const span = spans.find((span) => test(span.textContent));
    return span && { colour: getComputedStyle(span).color,
                     background: getComputedStyle(span.closest(".cm-editor")).backgroundColor };
  };
  return {
    keyword: token((text) => ["def", "for", "return", "import"].includes(text)),
    string: token((text) => /^f?["']/.test(text)),
    material: { keyword: material("keyword"), string: material("string") },
  };
}"""

THEMED = f"""() => {{
  const c = ({TOKEN_COLOURS})();
  return c.keyword?.colour === c.material.keyword && c.string?.colour === c.material.string;
}}"""

def rgb(css_colour):
    """(r, g, b) from a computed colour such as "rgb(39, 42, 53)"; an opaque one, or contrast means nothing."""
    m = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)", css_colour)
    assert m and float(m[4] or 1) == 1, f"not an opaque colour: {css_colour}"
    return tuple(int(v) for v in m.groups()[:3])


def contrast(colour, background):
    """WCAG's contrast ratio of two CSS colours: 1 (the same) to 21 (black on white)."""
    def luminance(css_colour):
        channels = [v / 255 for v in rgb(css_colour)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted([luminance(colour), luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def token_colours(page):
    """The tokens' colours once the editors wear the palette's (they are themed just after PyScript draws them)."""
    try:
        page.wait_for_function(THEMED, timeout=RUNTIME_TIMEOUT_MS)
    except WaitedTooLong:
        pass  # the assertions below say what is wrong
    return page.evaluate(TOKEN_COLOURS)


def test_editor_colours_follow_the_light_and_dark_palettes(page, site_server):
    page.emulate_media(color_scheme="light")
    open_isolated(page, f"{site_server}derivatives/")
    light = token_colours(page)
    assert light["keyword"] and light["string"], f"no keyword or string found in the editors: {light}"
    assert light["keyword"]["colour"] == light["material"]["keyword"], light
    assert light["string"]["colour"] == light["material"]["string"], light

    page.get_by_title("Switch to dark mode").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    dark = token_colours(page)
    for kind in ("keyword", "string"):
        token = dark[kind]
        assert token["colour"] == dark["material"][kind], dark
        assert token["colour"] != light[kind]["colour"], f"the {kind} colour is the light palette's: {dark}"
        ratio = contrast(token["colour"], token["background"])
        assert ratio >= READABLE, f"{kind} {token['colour']} on {token['background']}: contrast {ratio:.2f}"


def test_every_page_fits_a_phone_screen(page, site_server):
    page.set_viewport_size(PHONE)
    too_wide = {}
    for name in SITE_PATHS:
        open_isolated(page, site_server + name)
        editors = page.locator(".mgl-editor").count()
        expect(page.locator(".mgl-editor .cm-editor")).to_have_count(editors, timeout=RUNTIME_TIMEOUT_MS)
        if problems := page.evaluate(OVERFLOW):
            too_wide[name or "home"] = problems
    assert too_wide == {}, f"wider than a {PHONE['width']}px screen: {too_wide}"


def test_on_a_phone_an_editor_runs_and_its_graph_stays_readable(page, site_server):
    page.set_viewport_size(PHONE)
    open_isolated(page, f"{site_server}graphs/")
    editor = page.locator(".mgl-editor").first
    editor.get_by_role("button", name=RUN).click()
    output = editor.get_by_role("log", name="Output")
    expect(output.locator(".mgl-graph[data-mgl-graph=drawn]")).to_have_count(1, timeout=RUNTIME_TIMEOUT_MS)
    expect(output).to_contain_text("L = -8.0")  # what the example prints before drawing

    assert page.evaluate(OVERFLOW) == []
    # Shrunk to the screen's width a left-to-right layout's labels would be a few pixels high; laid out top to
    # bottom it fits the screen and they stay readable.
    label_height = output.locator("svg text").first.evaluate("text => text.getBoundingClientRect().height")
    assert label_height >= 9, f"graph labels {label_height:.1f}px high"
    assert output.locator(".mgl-graph-frame").evaluate("box => box.scrollWidth <= box.clientWidth")


# Every editor's ▶ button against the code's lines (none may overlap it), the editors that scroll sideways, and
# the buttons of the editors smaller than 40 px either way.
EDITOR_LAYOUT = """() => {
  const editors = [...document.querySelectorAll(".mgl-editor")];
  const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const lines = (editor) => [...editor.querySelector(".py-editor-input > div").shadowRoot.querySelectorAll(".cm-line")];
  return {
    covered: editors.flatMap((editor) => {
      const button = editor.querySelector(".py-editor-run-button").getBoundingClientRect();
      return lines(editor).filter((line) => overlaps(line.getBoundingClientRect(), button)).map((l) => l.textContent);
    }),
    scrolling: editors.filter((editor) => {
      const scroller = editor.querySelector(".py-editor-input > div").shadowRoot.querySelector(".cm-scroller");
      return scroller.scrollWidth > scroller.clientWidth + 1;
    }).length,
    small: editors.flatMap((editor) => [...editor.querySelectorAll("button")])
      .filter((b) => b.checkVisibility())
      .map((b) => b.getBoundingClientRect())
      .filter((box) => box.width < 40 || box.height < 40).length,
    // the toolbars whose buttons take more than one row
    wrapped: [...document.querySelectorAll(".mgl-toolbar")].filter((bar) => new Set([...bar.querySelectorAll("button")]
      .filter((b) => b.checkVisibility()).map((b) => Math.round(b.getBoundingClientRect().top))).size > 1).length,
  };
}"""


def test_the_run_button_covers_no_code_long_lines_wrap_and_phones_get_big_buttons(page, site_server):
    open_isolated(page, site_server)
    expect(page.locator(".mgl-editor .cm-content").first).to_be_visible(timeout=RUNTIME_TIMEOUT_MS)
    page.keyboard.press("Tab")  # on a fresh page the first Tab lands at its start, not after the editors
    expect(page.locator(":focus")).to_have_text("Skip to content")

    open_isolated(page, f"{site_server}backprop/")
    expect(page.locator(".mgl-editor .cm-content")).to_have_count(page.locator(".mgl-editor").count(),
                                                                  timeout=RUNTIME_TIMEOUT_MS)
    desktop = page.evaluate(EDITOR_LAYOUT)
    assert desktop["covered"] == [] and desktop["scrolling"] == 0, desktop
    page.set_viewport_size(PHONE)
    phone = page.evaluate(EDITOR_LAYOUT)
    assert phone["covered"] == [] and phone["scrolling"] == 0 and phone["small"] == 0, phone
    assert phone["wrapped"] == 0, phone  # no "Copy" alone on a line of its own
