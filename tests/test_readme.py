"""README.md and the documentation pages: their example output is the real output, their Python
examples run and say what they print, and the README's set-up commands are .ci/run's."""

import doctest
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
#: The README's length limit: a front door, the rest in docs/.
README_MAX_LINES = 150


def _script():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _python_blocks(page: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)


@pytest.mark.needs_dot  # the examples draw slides: without Graphviz their output is the install hint
def test_console_examples_are_current():
    script = _script()
    assert README in script.PAGES and ROOT / "docs" / "tour.md" in script.PAGES
    assert sum(p.read_text(encoding="utf-8").count("```console") for p in script.PAGES) >= 15
    stale = script.stale_pages()
    assert not stale, f"run: python scripts/update_readme.py ({', '.join(p.name for p in stale)})"


def test_an_out_of_date_example_is_found():
    script = _script()
    text = "```console\n$ otgraph path 'Band 5 OT' 'Band 6 OT'\nsomething else\n```\n"
    assert script.refresh(text) != text
    assert script.refresh(script.refresh(text)) == script.refresh(text)


def test_readme_is_a_front_door():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= README_MAX_LINES
    for page in ("docs/tour.md", "docs/learn.md", "docs/api.md", "docs/cli.md"):
        assert f"]({page})" in text and (ROOT / page).exists(), page
    assert {"path", "export", "learn"} <= set(re.findall(r"^\$ otgraph (\w+)", text, re.M))


def test_readme_starts_with_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", text, re.S).group(1).splitlines()
    assert len(first_block) == 2
    assert "pip install ." in first_block[0] and "otgraph path" in first_block[0]
    assert 'pip install -e ".[test' in first_block[1] and first_block[1].endswith("pytest")


@pytest.mark.parametrize("page", [p for p in _script().PAGES if _python_blocks(p)], ids=lambda p: p.name)
def test_python_examples_run(page, tmp_path, monkeypatch):
    """A block of ``>>>`` lines is a doctest (its output checked); any other block must run."""
    monkeypatch.chdir(tmp_path)
    for k, block in enumerate(_python_blocks(page)):
        name = f"{page.name} block {k + 1}"
        if block.lstrip().startswith(">>>"):
            test = doctest.DocTestParser().get_doctest(block, {}, name, str(page), 0)
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
            runner.run(test)
            assert runner.summarize(verbose=False).failed == 0, name
        else:
            exec(compile(block, name, "exec"), {})


def test_the_readme_and_python_page_examples_are_doctests():
    for page in (README, ROOT / "docs" / "python.md"):
        blocks = _python_blocks(page)
        assert blocks and all(b.lstrip().startswith(">>>") for b in blocks), page.name


def test_architecture_page_names_every_module():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = [p.relative_to(ROOT).as_posix() for p in (ROOT / "otgraph").rglob("*.py")]
    named = [m.removesuffix("__init__.py") if m.endswith("/__init__.py") else m for m in modules]
    missing = [m for m in named if f"`{m}" not in page and f"{m}`" not in page
               and not (m.rsplit("/", 1)[-1] in page and f"otgraph/{m.split('/')[1]}/" in page)]
    assert not missing, f"docs/architecture.md does not say what these are: {missing}"
