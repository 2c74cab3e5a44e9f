"""README.md: its example output is the real output, and its set-up commands are .ci/run's."""

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_examples_are_current(monkeypatch):
    monkeypatch.chdir(ROOT)
    script = _script()
    text = script.README.read_text(encoding="utf-8")
    assert text.count("```console") >= 3
    assert script.refresh(text) == text, "run: python scripts/update_readme.py"


def test_readme_starts_with_the_two_setup_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", text, re.S).group(1).splitlines()
    assert len(first_block) == 2
    assert "pip install ." in first_block[0] and "otgraph path" in first_block[0]
    assert 'pip install -e ".[test' in first_block[1] and first_block[1].endswith("pytest")


def test_readme_python_examples_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert (tmp_path / "nhs.mmd").read_text().startswith("flowchart LR")
