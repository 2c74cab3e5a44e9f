"""The ``otgraph`` command: parses arguments, calls the library, formats text or JSON.

Errors from the library (``OtgraphError``) become one line on stderr and the error's exit
code, in one place (``OtgraphGroup.invoke``): 0 answered, 1 no route, 2 bad input.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import click

from .errors import InvalidOptionError, OtgraphError

WEIGHT_NAMES = ("years", "qualifications", "steps")

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def by_option(what: str = "the route"):
    return click.option("--by", type=click.Choice(WEIGHT_NAMES), default="years", show_default=True,
                        help=f"What {what} minimises.")


class OtgraphGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OtgraphError as exc:
            click.echo(f"otgraph: error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(name="otgraph", cls=OtgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    metavar="FILE",
    multiple=True,
    help="Roles file to use, or a packaged one: roles (the default) or onet. Repeat to merge several "
         "(linked through O*NET-SOC codes). Default: $OTGRAPH_DATA (files separated by ':'), else roles.",
)
@click.version_option(package_name="otgraph", prog_name="otgraph")
@click.pass_context
def cli(ctx: click.Context, data: tuple[str, ...]) -> None:
    """Occupational therapy career paths: roles, routes and how long they take.

    \b
    Examples:
      otgraph roles --country UK
      otgraph show "Consultant Occupational Therapist"
      otgraph path "Occupational Therapy Support Worker" "Consultant Occupational Therapist"
      otgraph path "Entry-Level Occupational Therapist" "Rehabilitation Services Manager" --json

    Exit status: 0 answered, 1 no route exists, 2 bad input or usage.
    """
    # Names typed on the command line that were not valid UTF-8 arrive as lone surrogates;
    # echoing them (in a message, a file name) must show them escaped, not crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if not data:
        data = tuple(p for p in os.environ.get("OTGRAPH_DATA", "").split(os.pathsep) if p)
    ctx.obj = {"data": list(data) or None}


#: Files bigger than this show a progress bar while they load (on a terminal only).
PROGRESS_BYTES = 20_000_000


def _career_graph(ctx: click.Context):
    from .load import load_roles, resolve_path

    obj = ctx.find_root().obj
    if "graph" not in obj:
        paths = obj["data"] or [None]
        try:
            size = sum(resolve_path(p).stat().st_size for p in paths)
        except OSError:
            size = 0  # the loader reports the unreadable file
        if size < PROGRESS_BYTES or not _interactive(ctx):
            obj["graph"] = load_roles(obj["data"])
        else:
            stages = 2 * len(paths) + 1 + (len(paths) > 1)
            with click.progressbar(length=stages, label="loading", file=sys.stderr, show_eta=False) as bar:
                def progress(stage: str) -> None:
                    bar.label = stage
                    bar.update(1)

                obj["graph"] = load_roles(obj["data"], progress=progress)
    return obj["graph"]


def _interactive(ctx: click.Context) -> bool:
    """Progress bars only on a terminal, and never when the output is JSON for a script."""
    params = ctx.params if ctx.params else {}
    return sys.stderr.isatty() and not params.get("as_json")


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


def _count(n: int, word: str) -> str:
    """'1 step', '2 steps'."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _totals(route) -> str:
    return (f"{_years(route.total_years)} years, {_count(route.total_steps, 'step')}, "
            f"{_count(route.total_qualifications, 'qualification')}")


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
@json_option
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
@json_option
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
            related = f"  [O*NET {m['onet']['tier']} #{m['onet']['index']}]" if "onet" in m else ""
            out.append(f"  {arrow} {m['title']} ({m['role']})  {years}" + (f"  [{quals}]" if quals else "")
                       + related)
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


# --- path and routes -----------------------------------------------------------------------

def route_options(command):
    """--by and the route constraints, shared by path and routes."""
    for option in reversed([
        by_option(),
        click.option("--track", help="Stay on this track (education stages always allowed)."),
        click.option("--country", help="Stay in this country (UK, US...)."),
        click.option("--via", multiple=True, metavar="ROLE", help="Pass through this role (repeatable, in order)."),
        click.option("--avoid", multiple=True, metavar="ROLE", help="Never pass through this role (repeatable)."),
        click.option("--max-years", type=float, help="At most this many years in all."),
        json_option,
    ]):
        command = option(command)
    return command


def _constraints(cg, track, country, via, avoid, max_years):
    from .routes import Constraints

    Constraints(max_years=max_years).check()  # a bad number fails before any role is looked up
    return Constraints(
        track=_pick(track, cg.tracks, "track"),
        country=_pick(country, cg.countries, "country"),
        via=tuple(cg.find(v) for v in via),
        avoid=frozenset(cg.find(a) for a in avoid),
        max_years=max_years,
    )


@cli.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@route_options
@click.pass_context
def path(ctx: click.Context, source: str, target: str, by: str, track, country, via, avoid, max_years,
         as_json: bool) -> None:
    """The best route from one role to another, step by step, with totals."""
    from .routes import shortest_route

    cg = _career_graph(ctx)
    constraints = _constraints(cg, track, country, via, avoid, max_years)
    route = shortest_route(cg.graph, cg.find(source), cg.find(target), by=by, constraints=constraints)
    if as_json:
        _echo_json(route.to_dict())
        return
    click.echo(format_route(cg, route))


@cli.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("-k", "k", type=int, default=3, show_default=True, help="How many routes.")
@click.option("--pareto", is_flag=True, help="Every route no other beats on both years and qualifications.")
@route_options
@click.pass_context
def routes(ctx: click.Context, source: str, target: str, k: int, pareto: bool, by: str, track, country, via,
           avoid, max_years, as_json: bool) -> None:
    """The k best loop-free routes, or the years/qualifications trade-off (--pareto)."""
    from .routes import k_shortest_routes, pareto_routes

    cg = _career_graph(ctx)
    constraints = _constraints(cg, track, country, via, avoid, max_years)
    a, b = cg.find(source), cg.find(target)
    if pareto:
        found = pareto_routes(cg.graph, a, b, constraints=constraints)
    else:
        if k < 1:
            raise InvalidOptionError(f"-k must be 1 or more, not {k}")
        found = k_shortest_routes(cg.graph, a, b, k, by=by, constraints=constraints)
    if as_json:
        _echo_json([r.to_dict() for r in found])
        return
    for i, route in enumerate(found, 1):
        click.echo(f"{i}. {_totals(route)}")
        click.echo("   " + " -> ".join(route.titles))


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
        lines.append(f"  {i + 1:>2}. {title:<{width}}  {years:>8}   {_badge(G.nodes[node])}".rstrip())
        if i and route.steps[i - 1].qualifications:
            quals = ", ".join(route.qualification_titles[q] for q in route.steps[i - 1].qualifications)
            lines.append(f"        + {quals}")
    lines += ["", f"Total: {_totals(route)}"]
    if route.estimated_steps:
        lines.append(f"~ marks an estimate where no source gives the time ({route.estimated_steps} of "
                     f"{route.total_steps} steps); 'otgraph show ROLE' lists the sources.")
    return "\n".join(lines)


# --- reach, requires, translate, stats --------------------------------------------------

@cli.command()
@click.argument("role")
@click.option("--within-years", type=float, metavar="N", help="Only roles reachable in at most N years.")
@by_option("the best total")
@json_option
@click.pass_context
def reach(ctx: click.Context, role: str, within_years: float | None, by: str, as_json: bool) -> None:
    """Every role reachable from ROLE, nearest first, with its best total."""
    from .analysis import reach as reach_from

    cg = _career_graph(ctx)
    found = reach_from(cg.graph, cg.find(role), by=by, within_years=within_years)
    if as_json:
        _echo_json(found)
        return
    if not found:
        click.echo(f"No role can be reached from {cg.title(cg.find(role))}"
                   + (f" within {within_years:g} years." if within_years is not None else "."))
        return
    unit = {"years": "yr", "qualifications": "qual", "steps": "step"}[by]
    width = max(len(r["title"]) for r in found)
    for r in found:
        extra = "" if by == "years" else f"   ({_years(r['years'])} yr at the fastest)"
        click.echo(f"{_years(r['cost']):>6} {unit:<4}  {r['title']:<{width}}  {r['role']}{extra}")


@cli.command()
@click.argument("role")
@click.option("--from", "source", metavar="ROLE", help="Start here (default: the graph's entry roles).")
@by_option("the best route")
@json_option
@click.pass_context
def requires(ctx: click.Context, role: str, source: str | None, by: str, as_json: bool) -> None:
    """What it takes to reach ROLE: qualifications on the best route, and the roles that lead in."""
    from .analysis import requires as requirements

    cg = _career_graph(ctx)
    target = cg.find(role)
    need = requirements(cg.graph, target, cg.find(source) if source else None, by=by)
    route = need["route"]
    if as_json:
        _echo_json({**need, "route": route.to_dict() if route else None,
                    "qualifications": [{"id": q, "title": cg.qualification_title(q)} for q in need["qualifications"]]})
        return
    click.echo(f"To become {need['title']} ({target}):")
    if route is None:
        click.echo(f"  no route from {cg.title(cg.find(source))}" if source else "  no entry role leads here")
    else:
        click.echo(f"  best route by {by}: {' -> '.join(route.titles)}")
        click.echo(f"  {_years(route.total_years)} years, {route.total_steps} steps")
        click.echo("  qualifications: " + ("; ".join(cg.qualification_title(q) for q in route.qualifications)
                                           or "none"))
    click.echo("Roles that lead straight in:" if need["direct"] else "No role leads straight in.")
    for d in need["direct"]:
        quals = "; ".join(cg.qualification_title(q) for q in d["qualifications"])
        click.echo(f"  {d['title']} ({d['role']})  {_years(d['years'])} yr" + (f"  [{quals}]" if quals else ""))


@cli.command()
@click.argument("role")
@click.option("--to", "country", help="The country to translate into (default: any other).")
@json_option
@click.pass_context
def translate(ctx: click.Context, role: str, country: str | None, as_json: bool) -> None:
    """The equivalent roles in another country (US <-> UK), band and level side by side."""
    from .analysis import translate as equivalents

    cg = _career_graph(ctx)
    role_id = cg.find(role)
    country = _pick(country, cg.countries, "country")
    found = equivalents(cg.graph, role_id, to=country)
    attrs = cg.graph.nodes[role_id]
    if as_json:
        _echo_json({"role": role_id, "title": attrs.get("title"), "country": attrs.get("country"),
                    "band": attrs.get("band"), "level": attrs.get("level"), "equivalents": found})
        return
    if not found:
        where = f" in {country}" if country else " in another country"
        click.echo(f"The data has no equivalent{where} for {attrs.get('title')} ({role_id}).")
        return
    rows = [(attrs.get("country") or "", attrs.get("title", role_id), _rank(attrs))]
    rows += [(e["country"] or "", e["title"], _rank(e)) for e in found]
    width = max(len(r[1]) for r in rows)
    for i, (c, title, rank) in enumerate(rows):
        click.echo(f"{'=' if i else ' '} {c:<3} {title:<{width}}  {rank}")
    notes = [f"{e['title']}: {e['note']}" for e in found if e.get("note")]
    click.echo("An analyst's mapping, not an official equivalence." + "".join(f"\n  {n}" for n in notes))


def _rank(attrs: dict[str, Any]) -> str:
    parts = []
    if attrs.get("band"):
        parts.append(f"Band {attrs['band']}")
    if attrs.get("level") is not None:
        parts.append(f"level {_years(attrs['level'])}")
    return ", ".join(parts)


@cli.command()
@click.option("--track", help="Only this track's roles and the moves among them.")
@json_option
@click.pass_context
def stats(ctx: click.Context, track: str | None, as_json: bool) -> None:
    """Counts, entry and terminal roles, gateway roles, key qualifications, cycles, diameter."""
    from .analysis import stats as graph_stats

    cg = _career_graph(ctx)
    G = cg.graph
    if track is not None:
        track = _pick(track, cg.tracks, "track")
        G = cg.subgraph(track=track)
    if _interactive(ctx) and G.number_of_nodes() * max(G.number_of_edges(), 1) > 2_000_000:
        with click.progressbar(length=1, label="analysing", file=sys.stderr, show_eta=False) as bar:
            def progress(done: int, total: int) -> None:
                bar.length = total
                bar.update(1)

            result = graph_stats(G, progress=progress)
    else:
        result = graph_stats(G)
    if as_json:
        _echo_json(result)
        return
    title = cg.title
    out = [f"{_count(result['roles'], 'role')}, {_count(result['transitions'], 'transition')}"
           + (f" on track {track}" if track else "")]
    out.append("  by track: " + ", ".join(f"{k} {v}" for k, v in result["tracks"].items()))
    out.append("  by country: " + ", ".join(f"{k} {v}" for k, v in result["countries"].items()))
    out.append("Entry roles (no way in): " + ", ".join(result["entry_roles"]))
    out.append("Terminal roles (no way out): " + ", ".join(result["terminal_roles"]))
    out.append("Gateway roles (betweenness centrality, by years):")
    out += [f"  {g['betweenness']:.4f}  {g['title']} ({g['role']})" for g in result["gateways"]]
    sq = result["senior_qualifications"]
    starts = "sampled start roles" if result["approximate"] else "entry roles"
    out.append(f"Qualifications on the best routes from {starts} to senior roles "
               f"(level >= {_years(sq['senior_level'])}), out of {_count(sq['routes'], 'route')}:")
    out += [f"  {q['routes']:>6,}  {cg.qualification_title(q['id'])} ({q['id']})" for q in sq["qualifications"]]
    if result["cyclic_components"]:
        out.append("Cycles (roles you can leave and come back to):")
        for c in result["cyclic_components"]:
            more = f" and {len(c) - 8:,} more ({len(c):,} roles)" if len(c) > 8 else ""
            out.append("  " + " <-> ".join(c[:8]) + more)
    else:
        out.append("No cycles.")
    d = result["diameter"]
    if d:
        out.append(f"Longest best route: {_years(d['years'])} years, from {title(d['from'])} to {title(d['to'])}")
    for note in result["approximate"]:
        out.append(f"Approximate: {note}.")
    click.echo("\n".join(out))


# --- export ------------------------------------------------------------------------------

EXPORT_FORMATS = ("dot", "svg", "png", "pdf", "graphml", "gexf", "json", "mermaid", "html")


@cli.command()
@click.option("-o", "--output", required=True, metavar="FILE", help="Where to write ('-' for stdout, text formats).")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), help="Default: from the file's ending.")
@click.option("--track", help="Only this track's roles.")
@click.option("--country", help="Only this country's roles.")
@click.option("--highlight", nargs=2, metavar="FROM TO", help="Draw the best route from FROM to TO over the rest.")
@by_option("the highlighted route")
@click.option("--title", help="A title for the diagram.")
@click.option("--labels", type=click.Choice(["full", "years", "none"]), default="full", show_default=True,
              help="Edge labels in diagrams: years and qualifications, years only, or none.")
@click.pass_context
def export(ctx: click.Context, output: str, fmt: str | None, track: str | None, country: str | None,
           highlight: tuple[str, str] | None, by: str, title: str | None, labels: str) -> None:
    """Write the graph as a diagram (dot, svg, png, pdf, mermaid), an interactive map (html)
    or data (graphml, gexf, json)."""
    from .export import export as write_export
    from .export import format_for
    from .routes import shortest_route

    fmt = format_for(output, fmt)  # a bad file name fails before any work
    cg = _career_graph(ctx)
    track, country = _pick(track, cg.tracks, "track"), _pick(country, cg.countries, "country")
    route = None
    if highlight:
        route = shortest_route(cg.graph, cg.find(highlight[0]), cg.find(highlight[1]), by=by)
    G = cg.subgraph(track=track, country=country, include=route.roles if route else ())
    options = {"labels": labels} if fmt in ("dot", "svg", "png", "pdf", "html") else {}
    write_export(G, output, fmt, highlight=route, title=title, **options)
    if output != "-":
        click.echo(f"wrote {output} ({fmt}: {G.number_of_nodes()} roles, {G.number_of_edges()} transitions)", err=True)


# --- import ------------------------------------------------------------------------------

@cli.group("import")
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
    from .export import write_atomic
    from .importers.onet import dumps, import_onet

    data = import_onet(directory)
    text = dumps(data).encode("utf-8")
    if output == "-":
        click.echo(text.decode("utf-8"), nl=False)
        return
    from pathlib import Path

    write_atomic(Path(output), lambda f: f.write(text))
    click.echo(f"wrote {output} ({len(data['roles'])} roles, {len(data['transitions'])} transitions)", err=True)


# --- validate ----------------------------------------------------------------------------

@cli.command()
@click.argument("file", required=False)
@json_option
@click.pass_context
def validate(ctx: click.Context, file: str | None, as_json: bool) -> None:
    """Check a roles file (default: --data, or the packaged data): OK, or every problem found."""
    import networkx as nx

    from .errors import DataError
    from .graph import CareerGraph
    from .load import check_roles, read_roles, resolve_path

    default = ctx.find_root().obj["data"] or [None]
    if file is None and len(default) > 1:
        raise InvalidOptionError("validate checks one file: name it, e.g. otgraph validate FILE")
    name = str(resolve_path(file or default[0]))
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
    else:
        click.echo(f"{name}: OK ({_count(G.number_of_nodes(), 'role')}, {_count(G.number_of_edges(), 'transition')}, "
                   f"{_count(len(G.graph['qualifications']), 'qualification')})")
        for c in cycles:
            shown = ", ".join(c[:8]) + (f" and {len(c) - 8} more" if len(c) > 8 else "")
            click.echo(f"{name}: note: {len(c)} roles form a cycle (allowed): {shown}")
    if problems:
        click.echo(f"otgraph: {name}: {_count(len(problems), 'problem')}", err=True)
        ctx.exit(2)


def main() -> None:
    cli(prog_name="otgraph")


if __name__ == "__main__":
    sys.exit(main())
