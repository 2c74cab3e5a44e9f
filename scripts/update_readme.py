#!/usr/bin/env python3
"""Refresh the example output in README.md, or check that it is current.

Each ```console block in README.md holds commands ("$ otgraph ...") followed by their
output. This runs every command (in-process, from the repository root) and writes the real
output back. With --check it changes nothing and exits 1 if any block is out of date.

    python scripts/update_readme.py          # rewrite README.md
    python scripts/update_readme.py --check  # used by the tests
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
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


def main(argv: list[str]) -> int:
    os.chdir(ROOT)
    text = README.read_text(encoding="utf-8")
    new = refresh(text)
    if "--check" in argv:
        if new != text:
            print("README.md examples are out of date: run python scripts/update_readme.py", file=sys.stderr)
            return 1
        return 0
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("README.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
