#!/usr/bin/env python3
"""Refresh the example output in README.md and the documentation pages, or check that it is current.

Each ```console block in README.md and docs/*.md holds commands ("$ otgraph ...") followed by
their output. This runs every command (in-process, in a scratch folder where `tests/` and
`data/` of the repository are visible, so files an example writes never land in the checkout)
and writes the real output back. With --check it changes nothing and exits 1 if any page is out
of date. The tests run the ```python blocks (tests/test_readme.py).

    python scripts/update_readme.py          # rewrite the pages whose examples changed
    python scripts/update_readme.py --check  # used by the tests
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
#: The pages whose examples are run: the README and every documentation page.
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
#: What an example may read from the repository (it runs in a scratch folder).
VISIBLE = ("tests", "data")
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.S)
SCHEMA_BLOCK = re.compile(r"(<!-- schema-fields -->\n)(.*?)(<!-- /schema-fields -->)", re.S)


def run(command: str) -> str:
    from click.testing import CliRunner

    from otgraph.cli import cli

    args = shlex.split(command)
    assert args[0] == "otgraph", command
    result = CliRunner().invoke(cli, args[1:], env={"OTGRAPH_DATA": None, "COLUMNS": "100"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise RuntimeError(f"{command!r} crashed") from result.exception
    return result.output


def render_block(body: str) -> str:
    commands = [line[2:] for line in body.splitlines() if line.startswith("$ ")]
    out = []
    for command in commands:
        out.append(f"$ {command}\n")
        out.append(run(command))
    return "".join(out)


def schema_tables() -> str:
    """The field reference of roles files, made from the packaged JSON Schema."""
    from otgraph import load_schema

    schema = load_schema()
    out = []
    for section in ("roles", "transitions", "qualifications"):
        item = schema["properties"][section]["items"]
        required = set(item.get("required", []))
        out += [f"**{section}** (each item):", "", "| field | type | required | meaning |", "|---|---|---|---|"]
        for name, spec in item["properties"].items():
            out.append(f"| `{name}` | {_type(spec, schema)} | {'yes' if name in required else ''} | "
                       f"{spec.get('description', '')} |")
        out.append("")
    return "\n".join(out)


def _type(spec: dict, schema: dict) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[1]
        return {"id": "id", "sourceList": "ids", "idList": "ids", "evidence": "evidence object",
                "requirements": "requirement groups", "itemList": "list of items", "observed": "object",
                "synonym": "{text, source}"}.get(
            name, "text")
    if "oneOf" in spec:
        return " or ".join(_type(s, schema) for s in spec["oneOf"])
    if "enum" in spec:
        return " or ".join(f"`{v}`" for v in spec["enum"])
    if spec.get("type") == "array":
        items = spec.get("items", {})
        return "list of " + ("objects" if items.get("type") == "object" else _type(items, schema) + "s")
    kind = spec.get("type")
    if isinstance(kind, list):
        return " or ".join(_type({**spec, "type": k}, schema) for k in kind)
    return {"number": "number", "integer": "whole number", "string": "text", "object": "object",
            "null": "null", "boolean": "true or false"}.get(kind, "text")


def refresh(text: str) -> str:
    text = BLOCK.sub(lambda m: m.group(1) + render_block(m.group(2)) + m.group(3), text)
    return SCHEMA_BLOCK.sub(lambda m: m.group(1) + schema_tables() + "\n" + m.group(3), text)


def scratch() -> tempfile.TemporaryDirectory:
    """A folder to run the examples in, with the repository's ``tests`` and ``data`` linked in;
    the caller changes into it."""
    folder = tempfile.TemporaryDirectory(prefix="otgraph-examples-")
    for name in VISIBLE:
        os.symlink(ROOT / name, Path(folder.name) / name)
    return folder


def stale_pages() -> dict[Path, str]:
    """Each page whose examples are out of date, with its refreshed text."""
    here = os.getcwd()
    with scratch() as folder:
        os.chdir(folder)
        try:
            texts = {page: page.read_text(encoding="utf-8") for page in PAGES}
            return {page: new for page, text in texts.items() if (new := refresh(text)) != text}
        finally:
            os.chdir(here)


def main(argv: list[str]) -> int:
    stale = stale_pages()
    if "--check" in argv:
        for page in stale:
            print(f"{page.relative_to(ROOT)}: examples are out of date: run python scripts/update_readme.py",
                  file=sys.stderr)
        return 1 if stale else 0
    for page, new in stale.items():
        page.write_text(new, encoding="utf-8")
        print(f"{page.relative_to(ROOT)} updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
