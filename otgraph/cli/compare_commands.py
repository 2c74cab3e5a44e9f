"""``otgraph compare A B``: two datasets side by side (see :mod:`otgraph.compare`).

Exit status 0 whether or not they differ; 2 when a dataset cannot be read or a --route end is in
neither dataset.
"""

from __future__ import annotations

from typing import Any

import click

from ..labels import count
from .common import echo_json, json_option

__all__ = ["COMMANDS", "SHOWN", "compare"]

#: How many items of each list the text output shows (--json has them all).
SHOWN = 25


def _years(value: Any) -> str:
    from ..labels import number

    return "?" if value is None else number(value)


def _range(pair: list[Any]) -> str:
    low, high = pair
    return f"{_years(low)}-{_years(high) if high is not None else ''}" if high != low or high is None else _years(low)


def _typical(figures: dict[str, Any]) -> str:
    """A move's years as ``typical 3 yr, range 3-4``."""
    low, high = figures["years_range"]
    text = f"typical {_years(figures['years'])} yr"
    if [low, high] != [figures["years"]] * 2 and (low is not None or high is not None):
        text += f", range {_range([low, high])}"
    return text


def _listing(title: str, items: list[dict[str, Any]], line) -> None:
    click.echo(f"{title}: {len(items)}")
    for item in items[:SHOWN]:
        click.echo("  " + line(item))
    if len(items) > SHOWN:
        click.echo(f"  ... and {len(items) - SHOWN} more (--json lists all)")


@click.command("compare")
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option("--route", nargs=2, metavar="FROM TO",
              help="Also show the official route (on the curated dataset) beside the most likely observed one "
                   "(the highest product of observed shares).")
@json_option
def compare(a: str, b: str, route: tuple[str, str] | None, as_json: bool) -> None:
    """Compare two datasets A and B (roles files, or the packaged roles or onet), matching roles and
    moves by id: moves only in one, moves whose years or ranges differ, observed medians outside the
    other's range, roles with no observed entrants, and with --route the official route beside the
    most likely observed one.

    \b
    Examples:
      otgraph compare learned.json roles
      otgraph compare learned.json roles --route nhs-band5-ot nhs-consultant-ot --json
    """
    from ..compare import compare as compare_datasets

    result = compare_datasets(a, b, route=tuple(route) if route else None)
    if as_json:
        echo_json(result)
        return
    names = {side: result[side]["name"] for side in ("a", "b")}
    for side in ("a", "b"):
        info = result[side]
        click.echo(f"{side.upper()}: {info['name']}: {count(info['roles'], 'role')}, {count(info['moves'], 'move')}"
                   + (" (learned)" if info["learned"] else ""))
    click.echo(f"in both: {count(result['roles']['common'], 'role')}, {count(result['moves']['common'], 'move')}")
    if result["roles"]["common"] == 0:
        click.echo("  (no role id in common: learn with --map-to so the learned file uses the dataset's ids)")
    for side in ("a", "b"):
        _listing(f"roles only in {side.upper()} ({names[side]})", result["roles"][f"only_in_{side}"],
                 lambda r: f"{r['title']} [{r['id']}]")
    for side in ("a", "b"):
        _listing(f"moves only in {side.upper()} ({names[side]})", result["moves"][f"only_in_{side}"],
                 lambda m: f"{m['from_title']} -> {m['to_title']}: {_years(m['years'])} yr"
                           + (f", share {m['share']:.0%}" if "share" in m else ""))
    _listing("moves whose years differ", result["years_differ"],
             lambda m: f"{m['from_title']} -> {m['to_title']}: {_typical(m['a'])} (A), {_typical(m['b'])} (B)")
    _listing("observed medians outside the other's range", result["outside_range"],
             lambda m: f"{m['from_title']} -> {m['to_title']}: median {_years(m['median'])} yr "
                       f"({m['observed_in'].upper()}) {m['where']} {_range(m['range'])} yr ({m['range_in'].upper()})")
    for side in ("a", "b"):
        if result[side]["learned"]:
            _listing(f"roles with no observed entrants in {side.upper()}", result["no_observed_entrants"][side],
                     lambda r: f"{r['title']} [{r['id']}]")
    if "route" in result:
        _echo_route(result["route"], names)
    click.echo("the datasets differ" if result["differ"] else "no differences in roles, moves or ranges")


def _echo_route(route: dict[str, Any], names: dict[str, str]) -> None:
    official, observed = route["official"], route["observed"]
    if official:
        roles = " -> ".join(r["title"] for r in official["roles"])
        low, high = official["total_years_range"]
        click.echo(f"official route ({names[official['dataset']]}): {roles}")
        click.echo(f"  {_years(official['total_years'])} yr ({_range([low, high])}), "
                   f"{count(official['total_steps'], 'move')}")
    if observed:
        roles = " -> ".join(r["title"] for r in observed["roles"])
        from ..people_routes import describe

        click.echo(f"most likely observed route ({names[observed['dataset']]}): {roles}")
        click.echo(f"  {observed['probability']:.2%}: {observed['probability_kind']}")
        click.echo(f"  {_years(observed['total_years'])} yr: {observed['total_years_kind']}; "
                   f"{count(observed['total_steps'], 'move')}")
        if observed.get("from_people"):
            click.echo("  from people (career records):")
            for line in describe(observed["from_people"]):
                click.echo(f"    {line}")
        else:
            click.echo("  no route statistics from people for this route (otgraph learn --routes)")
    for note in route["notes"]:
        click.echo(f"  {note}")


COMMANDS = [compare]
