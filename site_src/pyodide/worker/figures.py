"""A matplotlib figure as a picture in the page: SVG that follows the page's palette, fits a phone, and says in
words what it shows.

The figure is drawn by matplotlib's SVG backend with its text kept as text (`svg.fonttype: none`: crisp at any
zoom, in the page's font). Then its default colours become CSS variables that editors.css sets for the light and
the dark palette: white (the figure's and axes' background) becomes the page's background, black (text, axes,
ticks) the page's text colour, and the ten colours of matplotlib's default cycle (`C0`…`C9`) a lighter set on a
dark page. So switching the palette restyles every figure at once, without drawing it again, and a reader's
`color="red"` stays red.

Nothing here imports matplotlib: the figures it is given come from code that did (a page that only uses
`interact` for text or graphs must not load matplotlib for it).
"""

import html
import io
import re
import sys

# matplotlib's default colours, as its SVG writes them, and the CSS variable each becomes (editors.css).
PALETTE = {
    "#ffffff": "var(--mgl-fig-bg)",
    "#000000": "var(--mgl-fig-fg)",
    "#1f77b4": "var(--mgl-fig-c0)", "#ff7f0e": "var(--mgl-fig-c1)", "#2ca02c": "var(--mgl-fig-c2)",
    "#d62728": "var(--mgl-fig-c3)", "#9467bd": "var(--mgl-fig-c4)", "#8c564b": "var(--mgl-fig-c5)",
    "#e377c2": "var(--mgl-fig-c6)", "#7f7f7f": "var(--mgl-fig-c7)", "#bcbd22": "var(--mgl-fig-c8)",
    "#17becf": "var(--mgl-fig-c9)",
}
_COLOUR = re.compile("|".join(PALETTE))
_SIZE = re.compile(r'<svg([^>]*?) width="([\d.]+)pt" height="([\d.]+)pt"')
_STYLE = re.compile(r'<style type="text/css">\*\{([^}]*)\}</style>')  # a rule for every element of the page
_ID = re.compile(r' id="([^"]+)"')
PT_TO_PX = 4 / 3


def svg(figure):
    """The figure as an SVG element (a string) whose default colours are the page's (see PALETTE), as wide as
    the figure but never wider than its container, with the height following."""
    matplotlib = sys.modules["matplotlib"]
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": None}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]  # no XML declaration or DOCTYPE inside HTML
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, count=1, flags=re.S)
    found = _STYLE.search(text)
    text = _STYLE.sub("", text, count=1)  # inside a page it would restyle every SVG: the root carries it instead
    text = _SIZE.sub(lambda m: f'<svg{m[1]} width="{float(m[2]) * PT_TO_PX:.0f}" height="{float(m[3]) * PT_TO_PX:.0f}"'
                     f' style="{found[1] if found else ""}" aria-hidden="true" focusable="false"', text, count=1)
    referenced = set(re.findall(r"#([\w.-]+)\)?\"", text)) | set(re.findall(r"url\(#([\w.-]+)\)", text))
    text = _ID.sub(lambda m: m[0] if m[1] in referenced else "", text)  # ids a page would hold twice ("axes_1")
    return _COLOUR.sub(lambda m: PALETTE[m[0]], text)


def description(figure):
    """A text alternative for the figure: its title and, for each plot, its title and what its axes show."""
    parts = []
    title = figure._suptitle.get_text() if getattr(figure, "_suptitle", None) else ""
    if title:
        parts.append(title)
    axes = figure.get_axes()
    for ax in axes:
        label = ax.get_title() or ""
        x, y = ax.get_xlabel(), ax.get_ylabel()
        if x or y:
            label += f" ({y or 'y'} against {x or 'x'})" if label else f"{y or 'y'} against {x or 'x'}"
        if label:
            parts.append(label)
    what = f"A figure with {len(axes)} plot{'s' * (len(axes) != 1)}"
    return f"{what}: {'; '.join(parts)}" if parts else f"{what} (no title or axis labels)"


def figure_html(figure):
    """The figure as the page shows it: `<figure>` holding the SVG, named for assistive technology by
    `description()`."""
    return (f'<figure class="mgl-figure" role="img" aria-label="{html.escape(description(figure))}">'
            f"{svg(figure)}</figure>")


def open_figures():
    """The numbers of pyplot's open figures (none if pyplot was never imported)."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    return pyplot.get_fignums() if pyplot else []


def take_figures(keep=()):
    """pyplot's open figures but those numbered in `keep`, as HTML, closing each: what a notebook shows at the
    end of a cell (and forgets, so the next cell starts with no figure)."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if not pyplot:
        return []
    shown = []
    for number in pyplot.get_fignums():
        if number in keep:
            continue
        figure = pyplot.figure(number)
        shown.append(figure_html(figure))
        pyplot.close(figure)
    return shown
