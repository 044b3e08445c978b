"""What the site's examples print, defined once for the unit tests, the browser tests and the benchmarks.

README_EXAMPLE is the README's example (the home page's first editor holds the same code: test_course_claims.py
checks both, and that it prints README_OUTPUT with our engine and with karpathy's). README_OUTPUT is read from
the example's own `# prints …` comments, so the README and the tests cannot disagree.

NOTEBOOK holds the digits micrograd's demo.ipynb printed: {step: (loss, accuracy)}, step 0 being the initial loss.
`notebook_line(k)` is the line the moons page's training code prints for step k.
"""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
README_EXAMPLE = re.search(r"^```python\n(from micrograd.*?)^```", README.read_text(encoding="utf-8"), re.M | re.S)[1]
README_OUTPUT = "\n".join(re.findall(r"# prints ([-\d.]+)", README_EXAMPLE))

NOTEBOOK = {0: (0.8958441028683222, 0.5), 1: (1.7235905336972022, 0.81), 99: (0.010978370135492717, 1.0)}


def notebook_line(k):
    """'step 0 loss 0.8958441028683222, accuracy 50.0%': as the moons page prints it."""
    loss, accuracy = NOTEBOOK[k]
    return f"step {k} loss {loss}, accuracy {accuracy*100}%"
