"""otgraph.files: the one atomic writer every file goes through."""

import ast
from pathlib import Path

import pytest

from otgraph.errors import ExportError
from otgraph.files import write_files

PACKAGE = Path(__file__).resolve().parent.parent / "otgraph"


def test_no_file_is_replaced_unless_all_were_written(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text("old a")

    def fail(f):
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="b.json: cannot write: No space left on device"):
        write_files([(first, lambda f: f.write(b"new a")), (second, fail)])
    assert first.read_text() == "old a" and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]  # no temporary file left behind


def test_a_missing_folder_is_named_before_anything_is_written(tmp_path):
    with pytest.raises(ExportError, match="no such directory"):
        write_files([(tmp_path / "a.json", lambda f: f.write(b"a")), (tmp_path / "nope" / "b", lambda f: None)])
    assert list(tmp_path.iterdir()) == []


def test_only_files_py_renames_files_into_place():
    """One atomic writer: no other module makes temporary files or renames them over targets."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "files.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("replace", "rename", "mkstemp") and \
                    isinstance(node.value, ast.Name) and node.value.id in ("os", "tempfile"):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value.id}.{node.attr}")
    assert not found, found
