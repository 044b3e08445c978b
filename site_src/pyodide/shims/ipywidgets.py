"""The site's stand-in for ipywidgets: `from ipywidgets import interact` on a page gets the site's `interact`
(interact.py), so a page's code is the code that runs in Jupyter. Outside the site the real ipywidgets is used
(the downloaded notebook installs it); this file is never written into a notebook."""

from interact import fixed, interact

__all__ = ["fixed", "interact"]
