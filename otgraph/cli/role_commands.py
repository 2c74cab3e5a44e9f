"""Commands about roles: list them, show one, and their US/UK equivalents."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from typing import Any

import click

from ..labels import badge, evidence_grade, observed_years, rank_label, years_label, years_range_label, years_text
from . import NothingMatched, data_option
from .common import career_graph, echo_json, json_option, pick

__all__ = ["COMMANDS", "MAX_SHOWN", "roles", "show", "side_by_side", "terminal_width", "translate"]


@click.command()
@data_option
@click.option("--track", help="Only roles on this track.")
@click.option("--country", help="Only roles in this country (UK, US...).")
@click.option("--kind", help="Only roles of this kind: job, or education (the stages a route passes through).")
@json_option
@click.pass_context
def roles(ctx: click.Context, track: str | None, country: str | None, kind: str | None, as_json: bool) -> None:
    """List roles."""
    cg = career_graph(ctx)
    found = cg.roles(track=pick(cg, "track", track), country=pick(cg, "country", country),
                     kind=pick(cg, "kind", kind))
    if as_json:
        echo_json(found)  # [] when nothing matched: still JSON for a script
    if not found:
        raise NothingMatched()  # exit 1, as grep: an empty list, nothing on stderr
    if as_json:
        return
    rows = [(r["id"], r.get("title", ""), badge(r)) for r in found]
    width = [max((len(row[i]) for row in rows), default=0) for i in range(2)]
    for rid, title, where in rows:
        click.echo(f"{rid:<{width[0]}}  {title:<{width[1]}}  {where}".rstrip())


#: How many roles ``show`` puts side by side.
MAX_SHOWN = 4


@click.command()
@data_option
@click.argument("names", metavar="ROLE [ROLE...]", nargs=-1, required=True)
@json_option
@click.pass_context
def show(ctx: click.Context, names: tuple[str, ...], as_json: bool) -> None:
    """One role: its details, moves in and out, and US/UK equivalents. With two to four
    roles, side by side: country, band or stage, pay, entry requirements, skills,
    responsibilities, preferred experience, moves in and out (one column each, as wide as
    the terminal; 80 columns when piped)."""
    if len(names) > MAX_SHOWN:
        raise click.UsageError(f"show compares at most {MAX_SHOWN} roles side by side, not {len(names)}", ctx)
    cg = career_graph(ctx)
    infos = [cg.describe(name) for name in names]
    if len(infos) > 1:
        if as_json:
            echo_json(infos)
        else:
            click.echo(side_by_side(cg, infos, terminal_width()))
        return
    info = infos[0]
    if as_json:
        echo_json(info)
        return
    click.echo("\n".join(_details(cg, info) + _moves(cg, info) + _equivalents(info)))


def _details(cg: Any, info: dict[str, Any]) -> list[str]:
    """A role's heading, fields, names, requirements, pay, description and sources."""
    out = [f"{info.get('title', info['id'])}  ({info['id']})"]
    fields = [("kind", info.get("kind")), ("country", info.get("country")), ("track", info.get("track")),
              ("band", info.get("band")), ("level", info.get("level")), ("O*NET-SOC", info.get("onet_soc"))]
    out.append("  " + "   ".join(f"{k}: {v}" for k, v in fields if v is not None))
    names = [("aliases", info.get("aliases") or []),
             ("also called", [str(s.get("text")) for s in info.get("synonyms") or () if isinstance(s, dict)]),
             ("settings", info.get("settings") or [])]
    out += [f"  {label}: " + "; ".join(items) for label, items in names if items]
    if info.get("stage"):
        out.append(f"  stage: {info['stage']}")
    evidence = info.get("requires_evidence")
    for i, group in enumerate(info.get("requires") or ()):
        e = evidence[i] if isinstance(evidence, list) and i < len(evidence) else evidence
        out.append("  requires: " + _requirement(cg, group) + _evidence(e if isinstance(e, dict) else None))
    out += ["  pay: " + _pay(figure) + _evidence(figure.get("evidence")) for figure in info.get("pay") or ()]
    if info.get("description"):
        out.append("  " + info["description"])
    sources = cg.graph.graph.get("sources", {})
    out += [f"  source: {key}: {sources.get(key, {}).get('title', '')}".rstrip(": ") for key in info.get("sources", [])]
    return out


def _moves(cg: Any, info: dict[str, Any]) -> list[str]:
    """The moves in and out, each with its years, grade, observed figures and qualifications."""
    out = []
    for label, arrow, moves in (("Moves in", "<-", info["moves"]["in"]), ("Moves out", "->", info["moves"]["out"])):
        out.append(f"{label}:" if moves else f"{label}: none")
        for m in moves:
            quals = "; ".join(cg.qualification_title(q) for q in m.get("awards", m.get("qualifications", ())))
            years = years_label(m["years"], evidence_grade(m)).lstrip("+")
            low, high = m.get("years_min", m["years"]), m.get("years_max", m["years"])
            if (low, high) != (m["years"], m["years"]):
                years += f" ({years_range_label(low, high)})"
            years += f" {evidence_grade(m)}" + observed_years(m)
            related = f"  [O*NET {m['onet']['tier']} #{m['onet']['index']}]" if "onet" in m else ""
            out.append(f"  {arrow} {m['title']} ({m['role']})  {years}" + (f"  [{quals}]" if quals else "")
                       + related)
    return out


def _equivalents(info: dict[str, Any]) -> list[str]:
    if not info["equivalents"]:
        return []
    out = ["Equivalents (an analyst's mapping, not official):"]
    for eq in info["equivalents"]:
        note = f"  - {eq['note']}" if eq.get("note") else ""
        out.append(f"  {eq.get('country') or '?'}  {eq['title']} ({eq['role']}){note}")
    return out


def terminal_width() -> int:
    """The width to lay a table out in: $COLUMNS when set, else the terminal's, 80 when piped."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    if sys.stdout.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return 80


def side_by_side(cg, infos: list[dict[str, Any]], width: int = 80) -> str:
    """Roles (as :meth:`CareerGraph.describe` gives them) in columns, one row per field, each
    cell wrapped to its column so that no line is wider than ``width``."""
    from ..skills import pay_text, role_items

    G = cg.graph
    gap = " | "
    col = max(8, (width - len(gap) * (len(infos) - 1)) // len(infos))
    items = {f: [role_items(G, i["id"], (f,)) for i in infos] for f in ("skills", "responsibilities", "preferred")}
    shared = {f: set.intersection(*({x["id"] for x in role} for role in lists)) for f, lists in items.items()}

    def item_lines(field: str, k: int) -> list[str]:
        kind = (lambda x: f" ({x['kind']})") if field == "skills" else (lambda x: "")
        return [f"{'=' if x['id'] in shared[field] else '-'} {x['label']}{kind(x)}"
                for x in items[field][k]] or ["none in the data"]

    def moves(info: dict[str, Any], way: str, arrow: str) -> list[str]:
        return [f"{arrow} {m['title']} ({years_label(m['years'], evidence_grade(m)).lstrip('+')})"
                for m in info["moves"][way]] or ["none"]

    rows: list[tuple[str, list[list[str]]]] = [
        ("", [[i.get("title", i["id"]), f"({i['id']})"] for i in infos]),
        ("Country", [[", ".join(str(x) for x in (i.get("country"), i.get("track")) if x) or "?"] for i in infos]),
        ("Band / stage", [[_rank(i)] for i in infos]),
        ("Pay", [[pay_text(f) for f in i.get("pay") or ()] or ["none in the data"] for i in infos]),
        ("Entry requirements", [[f"- {_requirement(cg, g)}" for g in i.get("requires") or ()] or ["none"]
                                for i in infos]),
        ("Skills", [item_lines("skills", k) for k in range(len(infos))]),
        ("Responsibilities", [item_lines("responsibilities", k) for k in range(len(infos))]),
        ("Preferred", [item_lines("preferred", k) for k in range(len(infos))]),
        ("Moves in", [moves(i, "in", "<-") for i in infos]),
        ("Moves out", [moves(i, "out", "->") for i in infos]),
    ]
    out: list[str] = []
    for label, cells in rows:
        if label:
            out.append(f"-- {label} " + "-" * max(0, width - len(label) - 4))
        wrapped = [[line for para in cell for line in _wrap(para, col)] for cell in cells]
        for n in range(max(len(w) for w in wrapped)):
            out.append(gap.join(f"{w[n] if n < len(w) else '':<{col}}" for w in wrapped).rstrip())
    if any(shared.values()):
        out.append("= listed by every role shown")
    return "\n".join(out)


def _wrap(text: str, width: int) -> list[str]:
    """A paragraph wrapped to ``width``; a '- ' or '= ' item's lines indented under its text."""
    indent = "  " if text[:2] in ("- ", "= ", "<-", "->") else ""
    return textwrap.wrap(text, width, subsequent_indent=indent) or [""]


def _rank(info: dict[str, Any]) -> str:
    """'Band 5', 'entry (level 5)' (a stage and the data's level), 'level 4'."""
    rank = rank_label(info)
    level = rank_label({"level": info.get("level")}) if info.get("level") is not None else ""
    if level and rank != level and not info.get("band"):
        rank += f" ({level})"
    return rank or "?"


def _requirement(cg, group: Any) -> str:
    """One entry requirement: a qualification, or alternatives joined by 'or'."""
    if isinstance(group, str):
        return cg.qualification_title(group)
    return " or ".join(cg.qualification_title(q) for q in group)


def _pay(s: dict[str, Any]) -> str:
    cur = s.get("currency", "")
    parts = []
    if "min" in s or "max" in s:
        parts.append(f"{cur} {s.get('min', '?'):,}-{s.get('max', '?'):,}")
    if "average" in s:
        parts.append(f"average {cur} {s['average']:,}")
    if s.get("percentiles"):
        from ..skills import percentiles_text

        parts.append(percentiles_text(cur, s["percentiles"]))
    text = ", ".join(parts) + (f" a {s['period']}" if s.get("period") else "")
    where = ", ".join(str(x) for x in (s.get("region"), s.get("year")) if x)
    return text + (f" ({where})" if where else "") + (f", {s['note']}" if s.get("note") else "")


def _evidence(e: dict[str, Any] | None) -> str:
    """'  [sourced: seed 001 > Certifications]' for a figure's evidence."""
    if not e:
        return ""
    detail = e.get("locator") or e.get("rule") or e.get("note") or e.get("source") or ""
    if e.get("grade") == "observed" and e.get("n") is not None:
        detail = f"n={e['n']}"
    return f"  [{e.get('grade', '?')}{': ' + detail if detail else ''}]"


@click.command()
@data_option
@click.argument("role")
@click.option("--to", "country", help="The country to translate into (default: any other).")
@json_option
@click.pass_context
def translate(ctx: click.Context, role: str, country: str | None, as_json: bool) -> None:
    """The equivalent roles in another country (US <-> UK), band and level side by side."""
    from ..reachability import translate_routes as equivalents

    cg = career_graph(ctx)
    role_id = cg.find(role)
    found = equivalents(cg.graph, role_id, to=country)
    attrs = cg.graph.nodes[role_id]
    if as_json:
        echo_json({"role": role_id, "title": attrs.get("title"), "country": attrs.get("country"),
                    "band": attrs.get("band"), "level": attrs.get("level"), "equivalents": found})
    if not found:  # an empty list (exit 1, as grep), with or without --json
        raise NothingMatched()
    if as_json:
        return
    rows = [(attrs.get("country") or "", attrs.get("title", role_id), rank_label(attrs))]
    rows += [(e["country"] or "", e["title"], rank_label(e)) for e in found]
    width = max(len(r[1]) for r in rows)
    for i, (c, title, rank) in enumerate(rows):
        click.echo(f"{'=' if i else ' '} {c:<3} {title:<{width}}  {rank}")
    for e in found:
        if e["blocked_by"] is None:
            low, high = e["route_range"]
            click.echo(f"  route to {e['title']}: {years_text(e['route_years'])} ({years_range_label(low, high)}), "
                       f"{len(e['route']) - 1} step(s): otgraph path {role_id} {e['role']}")
        else:
            click.echo(f"  route to {e['title']}: blocked: {e['blocked_by']}")
    notes = [f"{e['title']}: {e['note']}" for e in found if e.get("note")]
    click.echo("An analyst's mapping, not an official equivalence." + "".join(f"\n  {n}" for n in notes))


COMMANDS = [roles, show, translate]
