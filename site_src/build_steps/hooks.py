"""MkDocs hooks: build our wheel, turn ```python run blocks into editors, vendor the runtime into the site.

Registered in mkdocs.yml (`hooks:`), so `mkdocs build` and `mkdocs serve` are the one command that makes the
whole static site. Nothing here downloads anything: npm ci and pip install have put every input on disk.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

import asset_urls
import editor_fence
import not_found_page
import notebook
import offline
import shared_constants
import vendor

WHEEL_DIR = vendor.ROOT / ".cache" / "wheel"
PACKAGE_DIR = vendor.ROOT / "micrograd_pkg"  # the micrograd package's modules
PYODIDE_PYTHON = shared_constants.PYODIDE_PYTHON
# What readers' code may import besides micrograd: modules/, and shims/ (modules a page serves under a PyPI
# package's name, ipywidgets, which a notebook installs instead)
SITE_MODULE_FOLDERS = ("modules", "shims")
_wheel = None
_site_modules = {}  # what readers' code may import besides micrograd: {name: source} (pyodide/modules/)
_notebooks = {}  # page folder in the site -> the page as a notebook (pages with editors)
_editor_codes = {}  # page source -> its editors' code as its notebook has it (from the Markdown)
_packages_of_import = {}  # each module of the site's Pyodide packages (and micrograd.data) -> the packages it needs
_packages_of_site_module = {}  # each of the site's own modules that needs packages (moons_live: NumPy) -> those


def on_config(config):
    global _wheel, _site_modules, _packages_of_import, _packages_of_site_module
    _wheel = vendor.build_wheel(WHEEL_DIR)
    config.extra["micrograd_wheel"] = _wheel.name
    config.extra["runtime_first_modules"] = vendor.first_modules()
    site_modules = _site_modules = {
        p.stem: p.read_text() for folder in SITE_MODULE_FOLDERS for p in (PYODIDE_PYTHON / folder).glob("*.py")}

    lock = vendor.load_lock()
    packages_of_module = {
        module: (name,)
        for name in vendor.closure(lock, vendor.PYODIDE_PACKAGES)
        for module in lock["packages"][name]["imports"]
    }
    # micrograd's modules that import a package when used (micrograd.data's make_moons: NumPy), by their name
    packages_of_module.update({
        f"micrograd.{path.stem}": packages for path in sorted(PACKAGE_DIR.glob("*.py"))
        if (packages := tuple(p for m in sorted(editor_fence.imported_modules(path.read_text()))
                              for p in packages_of_module.get(m, ())))
    })
    _packages_of_import = dict(packages_of_module)
    # An editor that imports one of the site's own modules needs that module, the site modules it imports (course
    # imports course_build), and what they all import.
    loads = {name: editor_fence.site_modules_loaded(name, site_modules) for name in site_modules}
    for name, needed in loads.items():
        packages_of_module[name] = tuple(
            package for module in needed for imported in editor_fence.imported_modules(site_modules[module])
            for package in packages_of_module.get(imported, ())
        )
    _packages_of_site_module = {name: packages_of_module[name] for name in site_modules if packages_of_module[name]}
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    superfences.setdefault("custom_fences", []).append(editor_fence.fence_config(packages_of_module, loads))
    return config


def on_page_markdown(markdown, page, config, files):
    editors = editor_fence.editors(markdown)
    _editor_codes[page.file.src_uri] = [editor.code.rstrip("\n") for editor in editors]
    if editors:
        title = page.title or config.site_name
        _notebooks[Path(page.file.dest_path).parent] = notebook.notebook(markdown, title, page.url, _wheel.name,
                                                                         _site_modules)
    return markdown


def on_page_content(html, page, config, files):
    """Fail the build when the page's editors (as superfences made them) and its notebook's cells differ: the
    reader's "Download notebook" puts each editor's code into its cell."""
    drawn = [code.rstrip("\n") for code in editor_fence.placeholders(html)]
    if drawn != _editor_codes.get(page.file.src_uri, []):
        raise PluginError(f"{page.file.src_uri}: its {len(drawn)} editors and the "
                          f"{len(_editor_codes.get(page.file.src_uri, []))} code cells of its notebook differ "
                          "(a ```python run fence that superfences reads otherwise than editor_fence.editors)")
    return html


def on_post_build(config):
    site_dir = Path(config.site_dir)
    for folder, text in _notebooks.items():
        (site_dir / folder / "notebook.ipynb").write_text(text)
    vendor.vendor_runtime(site_dir, _wheel)
    # Python the editors run in the browser (MkDocs does not copy .py files from the theme folder).
    for folder in ("worker", *SITE_MODULE_FOLDERS):
        vendor.copy_tree_files(PYODIDE_PYTHON / folder, site_dir / "assets" / "micrograd", pattern="*.py")
    constants = shared_constants.constants(_packages_of_import, _packages_of_site_module)
    shared_constants.write(site_dir / "assets" / "micrograd", constants)
    not_found_page.make_relocatable(site_dir)
    assets_version = asset_urls.version_asset_urls(site_dir)
    vendor.precompress(site_dir, leave_out=site_dir / "runtime")  # the pages and the site's files, as written now
    vendor.install_service_worker(site_dir)
    offline.write_manifest(site_dir, assets_version)
