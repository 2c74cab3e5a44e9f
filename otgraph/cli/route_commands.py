"""Route commands: the best route (path), the k best or the trade-off (routes), and the
qualifications that open or gate them."""

from __future__ import annotations

import click

from ..labels import badge, count, number, observed_years, years_label, years_range_label, years_text
from . import NothingMatched, data_option
from .common import by_option, career_graph, echo_json, json_option

__all__ = ["COMMANDS", "constraints_from", "format_route", "gap_lines", "gap_summary", "have_option", "pay_summary",
           "route_options", "totals"]

have_option = click.option("--have", multiple=True, metavar="QUAL",
                           help="A qualification you already hold (id, title or alias; repeatable).")

served_option = click.option(
    "--served", type=float, default=0, metavar="YEARS",
    help="Years of post-registration experience already gained in FROM: credited against the "
         "promotion moves of the route, in order, never against a programme's years.")


def totals(route) -> str:
    """'9 years (8-12), 4 steps, 1 qualification'; an open maximum prints as '8+'."""
    low, high = route.total_years_range
    spread = years_range_label(low, high)
    years = years_text(route.total_years) + (f" ({spread})" if spread != number(route.total_years) else "")
    gained = count(route.total_qualifications, "qualification") + (" gained" if route.held else "")
    if any(s.grade == "observed" for s in route.steps):
        # a learned move's years are its median and quartiles: their sums describe no one's route
        years += " as a sum of per-move medians (and quartiles), not the time people took the whole route"
    return f"{years}, {count(route.total_steps, 'step')}, {gained}"


def branch_heading(cg, assumes, lead: str = "If you hold") -> str:
    """'If you hold A (or B):' the alternatives a branch covers (``lead`` other than the default:
    no colon)."""
    names = [" and ".join(cg.qualification_title(q) for q in alt.split("+")) for alt in assumes]
    text = f"{lead} " + names[0] + (f" (or {', or '.join(names[1:])})" if len(names) > 1 else "")
    return text + (":" if lead == "If you hold" else "")


def echo_branches(cg, branches, show) -> None:
    """The answer to a question whose start allows alternatives: one block per branch, best
    first, each headed by what it assumes (no heading when there is one branch)."""
    from ..cli import flag_message

    for i, branch in enumerate(branches):
        if len(branches) > 1:
            click.echo(("" if i == 0 else "\n") + branch_heading(cg, branch.assumes))
        if branch.route is None:
            click.echo(f"  no route: {flag_message(branch.error)}")
        else:
            click.echo(show(branch.route))


def warn_unused_have(cg, routes, have, as_json) -> None:
    """A --have that no route uses (no requirement on it, no programme it shortens) is a warning."""
    from ..holding import used_qualifications
    from .common import warn

    used = set().union(*(used_qualifications(cg.graph, r) for r in routes if r is not None))
    for q in dict.fromkeys(have):
        if q not in used:
            warn(f"--have {cg.qualification_title(q)}: no route here uses it (no requirement on the way needs it)",
                 as_json)


def route_options(command):
    """--by, --have, --served and the route constraints, shared by path and routes."""
    for option in reversed([
        by_option(),
        have_option,
        served_option,
        click.option("--track", help="Stay on this track (education stages always allowed)."),
        click.option("--country", help="Stay in this country (UK, US...)."),
        click.option("--via", multiple=True, metavar="ROLE", help="Pass through this role (repeatable, in order)."),
        click.option("--avoid", multiple=True, metavar="ROLE", help="Never pass through this role (repeatable)."),
        click.option("--max-years", type=float, help="At most this many (typical) years in all."),
        json_option,
    ]):
        command = option(command)
    return command


def constraints_from(cg, track, country, via, avoid, max_years, have=()):
    """The route constraints of the command line, checked and resolved against the graph."""
    from ..routes import Constraints

    Constraints(max_years=max_years).check()  # a bad number fails before any role is looked up
    return Constraints(track=track, country=country, via=tuple(via), avoid=frozenset(avoid),
                       max_years=max_years, have=tuple(have)).resolve(cg.graph)


@click.command()
@data_option
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@route_options
@click.option("--skills", "show_skills", is_flag=True,
              help="Under each step, the skills and responsibilities the new role adds over all held so far.")
@click.option("--pay", "show_pay", is_flag=True,
              help="Each role's pay and the change from start to end (in each role's own currency; never converted).")
@click.pass_context
def path(ctx: click.Context, source: str, target: str, by: str, have, served: float, track, country, via, avoid,
         max_years, as_json: bool, show_skills: bool, show_pay: bool) -> None:
    """The best route from one role to another that meets every entry requirement, step by
    step, with totals. Years are each move's typical figure; the total's range adds the
    moves' ranges bound by bound. Where what the person in FROM holds changes the answer (a
    BSc or a pre-registration MSc, say), one answer for each, best first."""
    from ..routes import route_branches

    cg = career_graph(ctx)
    constraints = constraints_from(cg, track, country, via, avoid, max_years, have)
    branches = route_branches(cg.graph, cg.find(source), cg.find(target), by=by, constraints=constraints,
                              served=served)
    warn_unused_have(cg, [b.route for b in branches], constraints.have, as_json)

    def show(route):
        gap = route.skill_gap(cg.graph) if show_skills else None
        pay = route.pay(cg.graph) if show_pay else None
        if not as_json:
            return format_route(cg, route, gap=gap, pay=pay)
        out = route.to_dict(gap=gap, pay=pay)
        stats = _people(cg.graph, route)
        if stats is not None:
            out["from_people"] = stats
        return out

    if as_json and len(branches) == 1:
        echo_json(show(branches[0].route))
        return
    if as_json:
        out = show(branches[0].route)
        out["branches"] = [{**b.to_dict(), "route": show(b.route) if b.route else None} for b in branches]
        echo_json(out)
        return
    echo_branches(cg, branches, show)


@click.command()
@data_option
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("-k", "k", type=int, default=None, help="How many routes (default 3; with --pareto: at most k points).")
@click.option("--pareto", is_flag=True, help="Every route no other beats on both years and qualifications.")
@route_options
@click.pass_context
def routes(ctx: click.Context, source: str, target: str, k: int | None, pareto: bool, by: str, have, served: float,
           track, country, via, avoid, max_years, as_json: bool) -> None:
    """The k best loop-free routes that meet every entry requirement, or the
    years/qualifications trade-off (--pareto). An alternative that only adds roles at no
    cost in years or qualifications to a route already listed is left out. Where what the
    person in FROM holds changes the answer, the k routes of each branch, best branch first
    (--pareto: one trade-off over every branch's routes, each tagged with its branch)."""
    from ..routes import pareto_routes, route_branches

    cg = career_graph(ctx)
    constraints = constraints_from(cg, track, country, via, avoid, max_years, have)
    a, b = cg.find(source), cg.find(target)
    if pareto:
        found = pareto_routes(cg.graph, a, b, constraints=constraints, k=k)
        blocks = [((), found)]
    else:
        branches = route_branches(cg.graph, a, b, by=by, constraints=constraints, served=served)
        blocks = [(br.assumes, _branch_routes(cg, a, b, k, by, constraints, served, br) if br.route else br)
                  for br in branches]
        found = [r for _, rs in blocks if isinstance(rs, list) for r in rs]
    warn_unused_have(cg, found, constraints.have, as_json)
    if as_json:  # the best branch's routes first; each route names what it assumes
        echo_json([r.to_dict() for r in found])
        return
    for n, (assumes, listed) in enumerate(blocks):
        if len(blocks) > 1:
            click.echo(("" if n == 0 else "\n") + branch_heading(cg, assumes))
        if not isinstance(listed, list):
            from . import flag_message

            click.echo(f"  no route: {flag_message(listed.error)}")
            continue
        for i, route in enumerate(listed, 1):
            tag = f"  [if you hold {' or '.join(cg.qualification_title(q) for q in route.assumes)}]" \
                if pareto and route.assumes else ""
            click.echo(f"{i}. {totals(route)}{tag}")
            click.echo("   " + " -> ".join(route.titles))


def _branch_routes(cg, a, b, k, by, constraints, served, branch):
    """The k best routes of one branch: as if the person said they hold its first alternative."""
    from ..routes import k_shortest_routes

    chosen = constraints._replace(have=(*constraints.have, *branch.assumes[0].split("+"))) if branch.assumes \
        else constraints
    found = k_shortest_routes(cg.graph, a, b, 3 if k is None else k, by=by, constraints=chosen, served=served)
    return [r._replace(assumes=branch.assumes) for r in found]


def format_route(cg, route, gap=None, pay=None) -> str:
    """A route as the text ``otgraph path`` prints; with ``gap`` (:meth:`Route.skill_gap`) the
    items each step adds, with ``pay`` (:meth:`Route.pay`) each role's pay and the change."""
    from ..skills import pay_text

    G = cg.graph
    width = max(len(t) for t in route.titles)
    ranges = ["" if i == 0 else route.steps[i - 1].range_label for i in range(len(route.roles))]
    lines = [f"{route.titles[0]} -> {route.titles[-1]} (best by {route.by})"]
    if route.held:
        lines.append("Holding: " + "; ".join(route.qualification_titles.get(q, q) for q in route.held))
    lines.append("")
    for i, (node, title) in enumerate(zip(route.roles, route.titles, strict=True)):
        years = spread = ""
        if i:
            step = route.steps[i - 1]
            years = years_label(step.net_years, step.grade)
            spread = f"({ranges[i]})" if ranges[i] != number(step.net_years) else ""
        lines.append(f"  {i + 1:>2}. {title:<{width}}  {years:>9} {spread:<11} {badge(G.nodes[node])}".rstrip())
        if i:
            lines += _step_notes(cg, route, route.steps[i - 1], node)
        if pay is not None and (pay.figures[node] or G.nodes[node].get("kind") != "education"):
            lines += [f"        pay: {pay_text(f)}" for f in pay.figures[node]] or \
                ["        pay: no figure in the data"]
        if gap is not None:
            lines += gap_lines(gap.held if i == 0 else gap.steps[i - 1], held=i == 0)
    lines += ["", f"Total: {totals(route)}"]
    lines += people_lines(G, route)
    if route.served:
        credited = [f"{cg.title(s.source)} -> {cg.title(s.target)} ({number(s.credit)} yr)"
                    for s in route.steps if s.credit]
        lines.append(f"Credited: {years_text(route.total_credited)} of the {years_text(route.served)} served"
                     + (f", at {'; '.join(credited)}" if credited else " (no promotion move on this route)")
                     + ". Promotion still depends on a vacancy.")
    lines += condition_lines(cg, route)
    crossed = route.crossing(G)
    if crossed is not None and crossed[1] > 0:
        step = route.steps[crossed[0]]
        lines.append(f"Crossing at {cg.title(step.source)} -> {cg.title(step.target)}: the "
                     f"{years_text(crossed[1])} before it are noted, not credited as experience in "
                     f"{G.nodes[step.target].get('country')} (only --served credits experience).")
    if gap is not None:
        lines.append(f"Gained on the way: {gap_summary(gap.total)}")
    if pay is not None:
        lines.append(pay_summary(cg, pay))
    if route.estimated_steps:
        grades = sorted({s.grade for s in route.steps if s.grade != "sourced"})
        lines.append(f"~ marks years no source states ({', '.join(grades)}: {route.estimated_steps} of "
                     f"{count(route.total_steps, 'step')}); 'otgraph show ROLE' lists each figure's source.")
    if any(s.years_kind == "experience" for s in route.steps):
        lines.append("Ladder ranges are the sources' preferred experience, not requirements.")
    return "\n".join(lines)


def _people(G, route):
    from ..people_routes import route_statistics

    return route_statistics(G, route.roles) if route.steps else None


def people_lines(G, route) -> list[str]:
    """Under the total of a route of learned moves: its statistics from people where the
    learned file has them (``otgraph learn --routes``), else a line saying the total is only a
    sum of per-move medians."""
    from ..people_routes import SUM_OF_MEDIANS, describe, route_statistics

    if not route.steps or not all(s.grade == "observed" for s in route.steps):
        return []
    stats = route_statistics(G, route.roles)
    if stats is None:
        return [f"No route statistics from people for this route in the data (otgraph learn --routes "
                f"{len(route.steps)}): the total is a {SUM_OF_MEDIANS}."]
    return ["Route statistics from people (career records):"] + [f"  {line}" for line in describe(stats)]


def condition_lines(cg, route) -> list[str]:
    """One line per distinct condition the route's moves rest on, naming it, its source, and
    whether the years served meet it."""
    lines, seen = [], set()
    for step, condition in route.conditions:
        if condition["text"] in seen:
            continue
        seen.add(condition["text"])
        met = route.condition_met(step)
        years = condition.get("served_years")
        credit = (f" Met by the {years_text(route.served)} served in {cg.title(route.source)}." if met else
                  f" Served {number(years)}+ years already? Say so with --served." if years is not None else "")
        lines.append(f"Condition at {cg.title(step.source)} -> {cg.title(step.target)}: {condition['text']} "
                     f"[{condition['source']}]{credit}")
    return lines


def _step_notes(cg, route, step, node) -> list[str]:
    """The lines under a step: qualifications gained, those already held, a programme held, credit."""
    lines = []
    if step.awards:
        needed = dict(step.needed_for)
        quals = ", ".join(route.qualification_titles[q] + (f" (needed for {cg.title(needed[q])})"
                                                           if q in needed and needed[q] != node else "")
                          for q in step.awards)
        lines.append(f"        + {quals}")
    if step.already_held:
        lines.append("        = already held: " + ", ".join(route.qualification_titles[q] for q in step.already_held))
    if step.programme and step.programme in route.held:
        lines.append(f"        (the {route.qualification_titles.get(step.programme, step.programme)} is held: "
                     "the holder's years, not the programme's)")
    if step.credit:
        lines.append(f"        {number(step.credit)} of {number(step.years)} yr credited from experience served")
    observed = observed_years(cg.graph.edges[step.source, step.target])
    if observed:
        lines.append(f"        {observed.removeprefix('; ')} (in career records)")
    return lines


def gap_summary(items) -> str:
    """'14 items: 8 responsibilities, 4 hard skills, 2 soft skills'."""
    if not items:
        return "nothing new"
    kinds = {}
    for item in items:
        kinds[item["kind"]] = kinds.get(item["kind"], 0) + 1
    names = {"responsibility": "responsibility", "hard": "hard skill", "soft": "soft skill", "skill": "skill",
             "training": "training item"}
    parts = [count(n, names.get(k, k)).replace("responsibilitys", "responsibilities") for k, n in kinds.items()]
    return f"{count(len(items), 'item')}: " + ", ".join(parts)


def gap_lines(items, held: bool = False, indent: str = "        ") -> list[str]:
    """The lines under a step: what the role adds (or, at the start, holds already)."""
    if held:
        return [f"{indent}holds already: {gap_summary(items)}"] if items else []
    if not items:
        return [f"{indent}adds: nothing new (or the data lists no skills for this role)"]
    return [f"{indent}adds: {gap_summary(items)}"] + [f"{indent}  - {i['label']} ({i['kind']})" for i in items]


def pay_summary(cg, pay) -> str:
    """The route's pay change, or why there is none."""
    if pay.change is None:
        return f"Pay change: not given: {pay.note}." if pay.note else "Pay change: not given."
    c = pay.change
    years = f"{c.source_year}" if c.source_year == c.target_year else f"{c.source_year} -> {c.target_year}"
    text = f"Pay change: {c.text}, {cg.title(c.source)} -> {cg.title(c.target)} ({years})"
    return text + (f"; {pay.note}." if pay.note else ".")


@click.command()
@data_option
@click.option("--country", help="Only this country's qualifications.")
@json_option
@click.pass_context
def qualifications(ctx: click.Context, country: str | None, as_json: bool) -> None:
    """Qualifications: id, title, country, the moves that award each, and the roles that require it."""
    from ..gates import normalize_groups
    from .common import pick

    cg = career_graph(ctx)
    G = cg.graph
    country = pick(cg, "country", country)
    rows = []
    for q, attrs in G.graph.get("qualifications", {}).items():
        if country is not None and attrs.get("country") != country:
            continue
        awarded = [{"from": u, "to": v} for u, v, d in G.edges(data=True) if q in (d.get("awards") or ())]
        required = [n for n, a in G.nodes(data=True) if any(q in g for g in normalize_groups(a.get("requires")))]
        rows.append({"id": q, "title": attrs.get("title", q), "country": attrs.get("country"),
                     "awarded_by": awarded, "required_by": required})
    if as_json:
        echo_json(rows)
    elif rows:
        for r in rows:
            click.echo(f"{r['id']}  {r['title']}  ({r['country'] or '-'})")
            if r["awarded_by"]:
                shown = "; ".join(f"{cg.title(m['from'])} -> {cg.title(m['to'])}" for m in r["awarded_by"][:4])
                more = len(r["awarded_by"]) - 4
                click.echo(f"    awarded by: {shown}" + (f" and {more} more" if more > 0 else ""))
            else:
                click.echo("    awarded by: nothing in this data")
            if r["required_by"]:
                click.echo("    required by: " + "; ".join(cg.title(n) for n in r["required_by"][:6])
                           + (f" and {len(r['required_by']) - 6} more" if len(r["required_by"]) > 6 else ""))
    if not rows:  # an empty list: exit 1, as grep, nothing on stderr
        raise NothingMatched()


COMMANDS = [path, routes, qualifications]
