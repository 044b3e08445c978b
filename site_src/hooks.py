"""MkDocs hooks: build our wheel, turn ```python run blocks into editors, vendor the runtime into the site.

Registered in mkdocs.yml (`hooks:`), so `mkdocs build` and `mkdocs serve` are the one command that makes the
whole static site. Nothing here downloads anything: npm ci and pip install have put every input on disk.
"""

from pathlib import Path

import editor_fence
import vendor

WHEEL_DIR = vendor.ROOT / ".cache" / "wheel"
BROWSER_PYTHON = Path(__file__).parent / "py"  # setup.py, run first on each page, and modules it installs
_wheel = None


def on_config(config):
    global _wheel
    _wheel = vendor.build_wheel(WHEEL_DIR)
    config.extra["micrograd_wheel"] = _wheel.name
    config.extra["micrograd_modules"] = sorted(p.stem for p in BROWSER_PYTHON.glob("*.py") if p.stem != "setup")

    lock = vendor.load_lock()
    module_to_package = {
        module: name
        for name in vendor.closure(lock, vendor.PYODIDE_PACKAGES)
        for module in lock["packages"][name]["imports"]
    }
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    superfences.setdefault("custom_fences", []).append(editor_fence.fence_config(module_to_package))
    return config


def on_post_build(config):
    site_dir = Path(config.site_dir)
    vendor.vendor_runtime(site_dir, _wheel)
    # Python the editors run in the browser (MkDocs does not copy .py files from the theme folder).
    vendor.copy_tree_files(BROWSER_PYTHON, site_dir / "assets" / "micrograd", pattern="*.py")
