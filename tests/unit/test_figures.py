"""A matplotlib figure as the page shows it (site_src/pyodide/worker/figures.py): SVG whose default colours are
the page's palette variables, text kept as text, no rule or id that could touch the rest of the page, named in
words; and at most MAX_FIGURES of them a run (output_limits), the rest counted on a line."""

import re

import matplotlib
import output_limits

import figures

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402


def test_a_figure_is_svg_in_the_pages_palette_named_by_its_titles_and_axes():
    fig, ax = plt.subplots()
    ax.plot([0, 1, 2], [0, 1, 4], label="f")
    ax.plot([0, 2], [1, 1], color="red")
    ax.set(title="growth", xlabel="x", ylabel="f(x)")
    ax.legend()
    html = figures.figure_html(fig)
    plt.close(fig)
    assert html.startswith('<figure class="mgl-figure" role="img" aria-label="A figure with 1 plot: growth '
                           '(f(x) against x)"><svg')
    assert "var(--mgl-fig-bg)" in html and "var(--mgl-fig-c0)" in html and "#ff0000" in html  # red stays red
    assert not re.search(r"#(ffffff|000000|1f77b4)\b", html)
    assert "<style" not in html and "<?xml" not in html and "<metadata" not in html
    assert ">growth</text>" in html  # text as text
    ids = re.findall(r' id="([^"]+)"', html)
    assert ids and all(f"#{i}" in html for i in ids)  # only ids something refers to (markers, clip paths)


def test_past_max_figures_a_run_counts_them_and_says_so():
    shown = []
    output = output_limits.RunOutput("out", lambda *args: shown.append(args))
    taken = [output.take_figure() for _ in range(output_limits.MAX_FIGURES + 980)]
    output.close()
    assert taken.count(True) == output_limits.MAX_FIGURES
    assert shown == [("… 980 more figures not shown (an editor shows the first 20)\n", "notice", "out")]
