"""Data commands: import O*NET into a roles file, and validate a roles file."""

from __future__ import annotations

import click

from ..labels import count
from . import CommandError, data_option
from .common import echo_json, json_option

__all__ = ["COMMANDS", "import_group", "import_onet_command", "validate"]


@click.group("import")
def import_group() -> None:
    """Convert other occupation data into a roles file."""


@import_group.command("onet")
@click.argument("directory", metavar="DIR")
@click.option("-o", "--output", required=True, metavar="FILE", help="The roles file to write ('-' for stdout).")
def import_onet_command(directory: str, output: str) -> None:
    """Convert an O*NET database folder (text files) into a roles file.

    Occupations become roles and related-occupation links become moves; years and
    qualifications come from job zones by the rule in the file's meta.years.
    """
    from ..files import write_atomic
    from ..importers.onet import dumps, import_onet

    data = import_onet(directory)
    text = dumps(data).encode("utf-8")
    if output == "-":
        click.echo(text.decode("utf-8"), nl=False)
        return
    write_atomic(output, lambda f: f.write(text))
    click.echo(f"wrote {output} ({count(len(data['roles']), 'role')}, {count(len(data['transitions']), 'move')})",
               err=True)


# --- validate ----------------------------------------------------------------------------

@click.command()
@data_option
@click.argument("file", required=False)
@json_option
@click.pass_context
def validate(ctx: click.Context, file: str | None, as_json: bool) -> None:
    """Check a roles file (default: --data, or the packaged data): OK, or every problem found."""
    import networkx as nx

    from ..errors import DataError
    from ..graph import CareerGraph
    from ..read import read_roles, resolve_path
    from ..validate import check_roles, unawarded_requirements

    default = ctx.find_root().obj["data"] or [None]
    if file is None and len(default) > 1:
        raise click.UsageError("validate checks one file: name it, e.g. otgraph validate FILE")
    name = str(resolve_path(file or default[0]))
    try:
        data = read_roles(name)
        problems = check_roles(data)
    except DataError as exc:
        problems = exc.problems
        data = None
    cycles: list[list[str]] = []
    unawarded: list[str] = []
    if not problems:
        G = CareerGraph.from_data(data).graph
        cycles = [sorted(c) for c in nx.strongly_connected_components(G) if len(c) > 1]
        unawarded = unawarded_requirements(data)
    if as_json:
        echo_json({"file": name, "valid": not problems, "problems": problems, "cycles": cycles,
                   "unawarded_requirements": unawarded,
                    **({"roles": G.number_of_nodes(), "transitions": G.number_of_edges()} if not problems else {})})
    elif problems:
        for p in problems:
            click.echo(f"{name}: {p}")
    else:
        click.echo(f"{name}: OK ({count(G.number_of_nodes(), 'role')}, {count(G.number_of_edges(), 'move')}, "
                   f"{count(len(G.graph['qualifications']), 'qualification')})")
        for c in cycles:
            shown = ", ".join(c[:8]) + (f" and {len(c) - 8} more" if len(c) > 8 else "")
            click.echo(f"{name}: note: {count(len(c), 'role')} form a cycle (allowed): {shown}")
        for note in unawarded:
            click.echo(f"{name}: note: {note} (a start, never a goal)")
    if problems:  # the report itself is on stdout; stderr has the one-line summary (JSON with --json)
        raise CommandError(f"{name}: {count(len(problems), 'problem')}", 2)


COMMANDS = [import_group, validate]
