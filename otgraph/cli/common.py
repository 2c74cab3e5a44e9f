"""What every command shares: loading the graph once, common options, JSON output."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

__all__ = ["PROGRESS_BYTES", "WEIGHT_NAMES", "by_option", "career_graph", "echo_json", "interactive", "json_option",
           "pick", "warn"]

WEIGHT_NAMES = ("years", "qualifications", "steps")

#: Files bigger than this show a progress bar while they load (on a terminal only).
PROGRESS_BYTES = 20_000_000

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def by_option(what: str = "the route"):
    """--by: what a search minimises (years is the typical figure of each move)."""
    return click.option("--by", type=click.Choice(WEIGHT_NAMES, case_sensitive=False), default="years",
                        show_default=True,
                        help=f"What {what} minimises: years (the typical years of each move), qualifications "
                             "(how many are gained) or steps.")


#: Set by the console entry point, whose process ends after one command: the loaded graph is
#: then frozen out of the cyclic garbage collector's sight (``gc.freeze``), which would walk
#: every role and move again on its next full collection (a cost that grows with the graph;
#: docs/performance.md) though they are freed by reference counting alike. Not in other processes (tests,
#: a user's program calling the command).
FREEZE_AFTER_LOAD = False


def career_graph(ctx: click.Context):
    """The CareerGraph of --data (loaded once per command line)."""
    obj = ctx.find_root().obj
    if "graph" not in obj:
        if not FREEZE_AFTER_LOAD:
            obj["graph"] = _load(ctx, obj)
        else:
            import gc

            gc.disable()
            try:
                obj["graph"] = _load(ctx, obj)
                gc.freeze()
            finally:
                gc.enable()
    return obj["graph"]


def _load(ctx: click.Context, obj: dict[str, Any]):
    from ..load import load_roles
    from ..read import resolve_path

    paths = obj["data"] or [None]
    try:
        size = sum(resolve_path(p).stat().st_size for p in paths)
    except OSError:
        size = 0  # the loader reports the unreadable file
    if size < PROGRESS_BYTES or not interactive(ctx):
        return load_roles(obj["data"], read_only=True)  # commands only read the graph
    stages = 2 * len(paths) + 1 + (len(paths) > 1)
    with click.progressbar(length=stages, label="loading", file=sys.stderr, show_eta=False) as bar:
        def progress(stage: str) -> None:
            bar.label = stage
            bar.update(1)

        return load_roles(obj["data"], progress=progress, read_only=True)


def interactive(ctx: click.Context) -> bool:
    """Progress bars only on a terminal, and never when the output is JSON for a script."""
    params = ctx.params if ctx.params else {}
    return sys.stderr.isatty() and not params.get("as_json")


def echo_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def warn(message: str, as_json: bool) -> None:
    """A warning on stderr: ``otgraph: warning: ...``, or under ``--json`` one
    ``{"warning": ...}`` object on a line of its own."""
    if as_json:
        click.echo(json.dumps({"warning": message}, ensure_ascii=False), err=True)
    else:
        click.echo(f"otgraph: warning: {' '.join(message.split())}", err=True)


def pick(cg, field: str, value: str | None) -> str | None:
    """A --track or --country value as the data spells it (any case)."""
    from ..names import match_field_value

    return match_field_value(cg.graph, field, value)
