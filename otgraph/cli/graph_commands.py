"""Whole-graph commands: what a role leads to (reach), what it takes (requires), statistics."""

from __future__ import annotations

import sys

import click

from ..labels import count, number
from . import NothingMatched, data_option
from .common import by_option, career_graph, echo_json, interactive, json_option, pick
from .route_commands import branch_heading, gap_lines, gap_summary, have_option, served_option, totals

__all__ = ["COMMANDS", "reach", "requires", "stats"]


@click.command()
@data_option
@click.argument("role")
@click.option("--within-years", type=float, metavar="N", help="Only roles reachable in at most N years.")
@by_option("the best total")
@have_option
@served_option
@json_option
@click.pass_context
def reach(ctx: click.Context, role: str, within_years: float | None, by: str, have: tuple[str, ...],
          served: float, as_json: bool) -> None:
    """Every role reachable from ROLE (meeting every entry requirement), nearest first, with its
    best total. Where ROLE's requirements allow alternatives (a BSc or an MSc...), each role is
    reached by the alternative most favourable to it."""
    from ..holding import branching_groups
    from ..names import find_qualification
    from ..reachability import reach as reach_from

    cg = career_graph(ctx)
    start = cg.find(role)
    found = reach_from(cg.graph, start, by=by, within_years=within_years, have=have, served=served)
    if as_json:
        echo_json(found)
    if not found:  # an empty list: exit 1, as grep, nothing on stderr
        raise NothingMatched()
    if as_json:
        return
    unit = {"years": "yr", "qualifications": "qual", "steps": "step"}[by]
    width = max(len(r["title"]) for r in found)
    for r in found:
        extra = "" if by == "years" else f"   ({number(r['years'])} yr at the fastest)"
        click.echo(f"{number(r['cost']):>6} {unit:<4}  {r['title']:<{width}}  {r['role']}{extra}")
    groups = branching_groups(cg.graph, start, [find_qualification(cg.graph, q) for q in have])
    if groups:
        names = "; ".join(" or ".join(cg.qualification_title(q) for q in sorted(g)) for g in groups)
        click.echo(f"({cg.title(start)} holds one of: {names}; each role is reached by whichever is most "
                   "favourable to it: 'otgraph path' shows each.)")
    if served:
        click.echo(f"(Up to {number(served)} years served are credited against each route's promotion moves; "
                   "promotion still depends on a vacancy.)")


@click.command()
@data_option
@click.argument("role")
@click.option("--from", "source", metavar="ROLE", help="Start here (default: the graph's entry roles).")
@by_option("the best route")
@have_option
@served_option
@json_option
@click.pass_context
def requires(ctx: click.Context, role: str, source: str | None, by: str, have: tuple[str, ...], served: float,
             as_json: bool) -> None:
    """What it takes to reach ROLE: qualifications on the best route, and the roles that lead in.
    With --from, where what the person holds changes the answer, the route of each branch."""
    from ..errors import NoRouteError
    from ..reachability import requires as requirements

    cg = career_graph(ctx)
    target = cg.find(role)
    if (have or served) and not source:
        raise click.UsageError("--have and --served describe the person at --from ROLE: give --from")
    need = requirements(cg.graph, target, cg.find(source) if source else None, by=by, have=have, served=served)
    route = need["route"]
    # From a start given, the skills and responsibilities each step adds (the start's count as held).
    gap = route.skill_gap(cg.graph) if route is not None and source else None
    branches = need.pop("branches")
    if as_json:  # with no route from the start given, still the object (route null), then the error
        echo_json({**need, "route": route.to_dict(gap=gap) if route else None,
                   "qualifications": [{"id": q, "title": cg.qualification_title(q)} for q in need["qualifications"]],
                   **({"branches": [b.to_dict() for b in branches]} if len(branches) > 1 else {})})
    if route is None and source:
        start = cg.find(source)
        raise NoRouteError(f"no route from {cg.title(start)} ({start}) to {need['title']} ({target}) meets the "
                           "entry requirements")
    if not as_json:
        _print_requirements(cg, need, target, source, by, gap, branches)


def _print_requirements(cg, need, target, source, by, gap=None, branches=()) -> None:
    route = need["route"]
    click.echo(f"To become {need['title']} ({target}):")
    for group in need["entry_requirements"]:
        click.echo("  entry requirement: " + " or ".join(cg.qualification_title(q) for q in group))
    if route is None:
        click.echo("  no entry role leads here")
    else:
        click.echo(f"  best route by {by}: {' -> '.join(route.titles)}"
                   + (f"  ({branch_heading(cg, route.assumes, 'if you hold')})" if len(branches) > 1 else ""))
        click.echo(f"  {totals(route)}")
        click.echo("  qualifications: " + ("; ".join(cg.qualification_title(q) for q in route.qualifications)
                                           or "none"))
        if gap is not None:
            click.echo(f"  skills and responsibilities gained on the way: {gap_summary(gap.total)}")
            for role, items in zip(route.titles[1:], gap.steps, strict=True):
                if items:
                    click.echo(f"    at {role}:")
                    click.echo("\n".join(gap_lines(items, indent="    ")[1:]))
    for other in branches[1:]:
        shown = " -> ".join(other.route.titles) + f"; {totals(other.route)}" if other.route else "no route"
        click.echo(f"  {branch_heading(cg, other.assumes, 'if you hold')}: {shown}")
    click.echo("Roles that lead straight in:" if need["direct"] else "No role leads straight in.")
    for d in need["direct"]:
        quals = "; ".join(cg.qualification_title(q) for q in d["awards"])
        click.echo(f"  {d['title']} ({d['role']})  {number(d['years'])} yr" + (f"  [{quals}]" if quals else ""))


@click.command()
@data_option
@click.option("--track", help="Only this track's roles and the moves among them.")
@json_option
@click.pass_context
def stats(ctx: click.Context, track: str | None, as_json: bool) -> None:
    """Counts, entry and terminal roles, gateway roles, key qualifications, cycles, diameter."""
    from ..graph_stats import stats as graph_stats

    cg = career_graph(ctx)
    G = cg.graph
    if track is not None:
        track = pick(cg, "track", track)
        G = cg.subgraph(track=track)
    if interactive(ctx) and G.number_of_nodes() * max(G.number_of_edges(), 1) > 2_000_000:
        with click.progressbar(length=1, label="analysing", file=sys.stderr, show_eta=False) as bar:
            def progress(done: int, total: int) -> None:
                bar.length = total
                bar.update(1)

            result = graph_stats(G, progress=progress)
    else:
        result = graph_stats(G)
    if as_json:
        echo_json(result)
        return
    title = cg.title
    apart = f" ({count(result['jobs'], 'job')}, {count(result['stages'], 'education stage')})" \
        if result["stages"] else ""
    out = [f"{count(result['roles'], 'role')}{apart}, {count(result['transitions'], 'move')}"
           + (f" on track {track}" if track else "")]
    out.append("  by track: " + ", ".join(f"{k} {v}" for k, v in result["tracks"].items()))
    out.append("  by country: " + ", ".join(f"{k} {v}" for k, v in result["countries"].items()))
    out.append("Entry roles (no way in): " + ", ".join(result["entry_roles"]))
    out.append("Terminal roles (no way out): " + ", ".join(result["terminal_roles"]))
    out.append("Gateway roles (share of best routes by years that pass through them):")
    out += [f"  {g['betweenness']:.4f}  {g['title']} ({g['role']})" for g in result["gateways"]]
    sq = result["senior_qualifications"]
    starts = "sampled start roles" if result["approximate"] else "entry roles"
    out.append(f"Qualifications on the best routes from {starts} to senior roles "
               f"(level >= {number(sq['senior_level'])}), out of {count(sq['routes'], 'route')}:")
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
        out.append(f"Longest best route: {number(d['years'])} years, from {title(d['from'])} to {title(d['to'])}")
    for note in result["approximate"]:
        out.append(f"Approximate: {note}.")
    click.echo("\n".join(out))


COMMANDS = [reach, requires, stats]
