"""What a page keeps of matplotlib's first import (site_src/pyodide/worker/import_cache.py): the bytecode its
imports wrote, as checked hash-based .pyc files (PEP 552), and the font list. Put back, a .pyc is used while its
source is unchanged and compiled again once the source changes; every kept file comes back where it was."""

import importlib
import marshal
import os
import sys

import import_cache
import pytest


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package `kept_pkg` in a folder of its own on sys.path, forgotten by the import system afterwards."""
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # as in Pyodide
    (tmp_path / "kept_pkg").mkdir()
    (tmp_path / "kept_pkg" / "__init__.py").write_text("VALUE = 'as written'\n")
    yield tmp_path / "kept_pkg"
    for name in [name for name in sys.modules if name.startswith("kept_pkg")]:
        del sys.modules[name]
    importlib.invalidate_caches()


def fresh_import():
    sys.modules.pop("kept_pkg", None)
    importlib.invalidate_caches()
    return importlib.import_module("kept_pkg")


def test_kept_bytecode_is_used_while_its_source_is_unchanged_and_compiled_again_once_it_changes(package, tmp_path):
    font_list = tmp_path / "fontlist.json"
    font_list.write_text('{"_version": 330}')
    with import_cache.recording():
        assert fresh_import().VALUE == "as written"
    assert sys.dont_write_bytecode  # as before
    kept = import_cache.kept_files(font_list, root=tmp_path)
    pyc = importlib.util.cache_from_source(str(package / "__init__.py"))
    assert set(kept) == {pyc, str(font_list)}
    assert kept[pyc][4:8] == import_cache.CHECKED_HASH

    # The kept bytecode is trusted while the source's hash matches: here it says something else than the source,
    # so the value shows which one ran.
    other = compile("VALUE = 'from the kept bytecode'\n", str(package / "__init__.py"), "exec")
    kept[pyc] = kept[pyc][:16] + marshal.dumps(other)
    data = import_cache.bundle(kept)
    for path in kept:
        os.remove(path)
    assert import_cache.unbundle(data) == 2
    assert font_list.read_text() == '{"_version": 330}'
    assert fresh_import().VALUE == "from the kept bytecode"

    (package / "__init__.py").write_text("VALUE = 'changed'\n")
    assert fresh_import().VALUE == "changed"
