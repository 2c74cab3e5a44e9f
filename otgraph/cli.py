"""The ``otgraph`` command: parses arguments, calls the library, formats text or JSON.

Errors from the library (``OtgraphError``) become one line on stderr and the error's exit
code, in one place (``OtgraphGroup.invoke``): 0 answered, 1 no route, 2 bad input.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from .errors import InvalidOptionError, OtgraphError

WEIGHT_NAMES = ("years", "qualifications", "steps")


class OtgraphGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OtgraphError as exc:
            click.echo(f"otgraph: error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=OtgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    metavar="FILE",
    envvar="OTGRAPH_DATA",
    help="Roles file to use (default: the packaged OT dataset; also $OTGRAPH_DATA).",
)
@click.version_option(package_name="otgraph", prog_name="otgraph")
@click.pass_context
def cli(ctx: click.Context, data: str | None) -> None:
    """Occupational therapy career paths: roles, routes and how long they take.

    \b
    Examples:
      otgraph roles --country UK
      otgraph show "Consultant Occupational Therapist"
      otgraph path "Occupational Therapy Support Worker" "Consultant Occupational Therapist"
      otgraph path "Entry-Level Occupational Therapist" "Rehabilitation Services Manager" --json

    Exit status: 0 answered, 1 no route exists, 2 bad input or usage.
    """
    ctx.obj = {"data": data}


def _career_graph(ctx: click.Context):
    from .load import load_roles

    obj = ctx.find_root().obj
    if "graph" not in obj:
        obj["graph"] = load_roles(obj["data"])
    return obj["graph"]


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _pick(value: str | None, allowed: list[str], what: str) -> str | None:
    """Match an option value to the data's values, ignoring case; list them if it is not one."""
    if value is None:
        return None
    for option in allowed:
        if option.casefold() == value.strip().casefold():
            return option
    raise InvalidOptionError(f"no {what} '{value}' in this data: use one of {', '.join(allowed) or '(none)'}")


def _years(x: float) -> str:
    return f"{x:g}"


def _badge(attrs: dict[str, Any]) -> str:
    parts = [attrs.get("country"), attrs.get("track")]
    if attrs.get("band"):
        parts.append(f"Band {attrs['band']}")
    elif attrs.get("level") is not None:
        parts.append(f"level {_years(attrs['level'])}")
    return ", ".join(str(p) for p in parts if p)


# --- roles -------------------------------------------------------------------------------

@cli.command()
@click.option("--track", help="Only roles on this track.")
@click.option("--country", help="Only roles in this country (UK, US...).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def roles(ctx: click.Context, track: str | None, country: str | None, as_json: bool) -> None:
    """List roles."""
    cg = _career_graph(ctx)
    found = cg.roles(track=_pick(track, cg.tracks, "track"), country=_pick(country, cg.countries, "country"))
    if as_json:
        _echo_json(found)
        return
    rows = [(r["id"], r.get("title", ""), _badge(r)) for r in found]
    width = [max((len(row[i]) for row in rows), default=0) for i in range(2)]
    for rid, title, badge in rows:
        click.echo(f"{rid:<{width[0]}}  {title:<{width[1]}}  {badge}".rstrip())


# --- show --------------------------------------------------------------------------------

@cli.command()
@click.argument("role")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def show(ctx: click.Context, role: str, as_json: bool) -> None:
    """One role: its details, moves in and out, and US/UK equivalents."""
    cg = _career_graph(ctx)
    info = cg.describe(role)
    if as_json:
        _echo_json(info)
        return
    out = [f"{info.get('title', info['id'])}  ({info['id']})"]
    fields = [("kind", info.get("kind")), ("country", info.get("country")), ("track", info.get("track")),
              ("band", info.get("band")), ("level", info.get("level")), ("O*NET-SOC", info.get("onet_soc"))]
    out.append("  " + "   ".join(f"{k}: {v}" for k, v in fields if v is not None))
    if info.get("aliases"):
        out.append("  aliases: " + "; ".join(info["aliases"]))
    if info.get("settings"):
        out.append("  settings: " + "; ".join(info["settings"]))
    if info.get("salary"):
        out.append("  salary: " + _salary(info["salary"]))
    if info.get("description"):
        out.append("  " + info["description"])
    sources = cg.graph.graph.get("sources", {})
    for key in info.get("sources", []):
        out.append(f"  source: {key}: {sources.get(key, {}).get('title', '')}".rstrip(": "))
    for label, arrow, moves in (("Moves in", "<-", info["moves"]["in"]), ("Moves out", "->", info["moves"]["out"])):
        out.append(f"{label}:" if moves else f"{label}: none")
        for m in moves:
            quals = "; ".join(cg.qualification_title(q) for q in m["qualifications"])
            years = ("~" if m.get("years_basis") == "estimate" else "") + _years(m["years"]) + " yr"
            out.append(f"  {arrow} {m['title']} ({m['role']})  {years}" + (f"  [{quals}]" if quals else ""))
    if info["equivalents"]:
        out.append("Equivalents (an analyst's mapping, not official):")
        for eq in info["equivalents"]:
            note = f"  - {eq['note']}" if eq.get("note") else ""
            out.append(f"  {eq.get('country') or '?'}  {eq['title']} ({eq['role']}){note}")
    click.echo("\n".join(out))


def _salary(s: dict[str, Any]) -> str:
    cur = s.get("currency", "")
    parts = []
    if "min" in s or "max" in s:
        parts.append(f"{cur} {s.get('min', '?'):,}-{s.get('max', '?'):,}")
    if "average" in s:
        parts.append(f"average {cur} {s['average']:,}")
    text = ", ".join(parts) + (f" a {s['period']}" if s.get("period") else "")
    extra = "; ".join(x for x in (s.get("note"), s.get("source") and f"source: {s['source']}") if x)
    return text + (f" ({extra})" if extra else "")


# --- path --------------------------------------------------------------------------------

@cli.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--by", type=click.Choice(WEIGHT_NAMES), default="years", show_default=True,
              help="What the route minimises.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def path(ctx: click.Context, source: str, target: str, by: str, as_json: bool) -> None:
    """The best route from one role to another, step by step, with totals."""
    from .routes import shortest_route

    cg = _career_graph(ctx)
    route = shortest_route(cg.graph, cg.find(source), cg.find(target), by=by)
    if as_json:
        _echo_json(route.to_dict())
        return
    click.echo(format_route(cg, route))


def format_route(cg, route) -> str:
    """A route as the text ``otgraph path`` prints."""
    G = cg.graph
    width = max(len(t) for t in route.titles)
    lines = [f"{route.titles[0]} -> {route.titles[-1]} (best by {route.by})", ""]
    for i, (node, title) in enumerate(zip(route.roles, route.titles, strict=True)):
        years = ""
        if i:
            step = route.steps[i - 1]
            years = ("~" if step.years_basis == "estimate" else "+") + _years(step.years) + " yr"
        lines.append(f"  {i + 1:>2}. {title:<{width}}  {years:>8}   {_badge(G.nodes[node])}")
        if i and route.steps[i - 1].qualifications:
            quals = ", ".join(route.qualification_titles[q] for q in route.steps[i - 1].qualifications)
            lines.append(f"        + {quals}")
    n, steps = route.total_qualifications, route.total_steps
    lines += ["", f"Total: {_years(route.total_years)} years, {steps} step{'s' * (steps != 1)}, "
              f"{n} qualification{'s' * (n != 1)}"]
    if route.estimated_steps:
        lines.append(f"~ marks an estimate where no source gives the time ({route.estimated_steps} of "
                     f"{route.total_steps} steps); 'otgraph show ROLE' lists the sources.")
    return "\n".join(lines)


# --- validate ----------------------------------------------------------------------------

@cli.command()
@click.argument("file", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def validate(ctx: click.Context, file: str | None, as_json: bool) -> None:
    """Check a roles file (default: --data, or the packaged data): OK, or every problem found."""
    import networkx as nx

    from .errors import DataError
    from .graph import CareerGraph
    from .load import check_roles, read_roles, resolve_path

    name = str(resolve_path(file or ctx.find_root().obj["data"]))
    try:
        data = read_roles(name)
        problems = check_roles(data)
    except DataError as exc:
        problems = exc.problems
        data = None
    cycles: list[list[str]] = []
    if not problems:
        G = CareerGraph.from_data(data).graph
        cycles = [sorted(c) for c in nx.strongly_connected_components(G) if len(c) > 1]
    if as_json:
        _echo_json({"file": name, "valid": not problems, "problems": problems, "cycles": cycles,
                    **({"roles": G.number_of_nodes(), "transitions": G.number_of_edges()} if not problems else {})})
    elif problems:
        for p in problems:
            click.echo(f"{name}: {p}")
        click.echo(f"otgraph: {name}: {len(problems)} problem{'s' * (len(problems) != 1)}", err=True)
    else:
        click.echo(f"{name}: OK ({G.number_of_nodes()} roles, {G.number_of_edges()} transitions, "
                   f"{len(G.graph['qualifications'])} qualifications)")
        for c in cycles:
            click.echo(f"{name}: note: these roles form a cycle (allowed): {', '.join(c)}")
    if problems:
        ctx.exit(2)


def main() -> None:
    cli(prog_name="otgraph")


if __name__ == "__main__":
    sys.exit(main())
