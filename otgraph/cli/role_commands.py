"""Commands about roles: list them, show one, and their US/UK equivalents."""

from __future__ import annotations

from typing import Any

import click

from ..labels import badge, evidence_grade, rank_label, years_label, years_range_label
from . import NothingMatched, data_option
from .common import career_graph, echo_json, json_option, pick


@click.command()
@data_option
@click.option("--track", help="Only roles on this track.")
@click.option("--country", help="Only roles in this country (UK, US...).")
@json_option
@click.pass_context
def roles(ctx: click.Context, track: str | None, country: str | None, as_json: bool) -> None:
    """List roles."""
    cg = career_graph(ctx)
    found = cg.roles(track=pick(cg, "track", track), country=pick(cg, "country", country))
    if as_json:
        echo_json(found)  # [] when nothing matched: still JSON for a script
    if not found:
        raise NothingMatched("no role matches these filters")  # exit 1, as grep
    if as_json:
        return
    rows = [(r["id"], r.get("title", ""), badge(r)) for r in found]
    width = [max((len(row[i]) for row in rows), default=0) for i in range(2)]
    for rid, title, where in rows:
        click.echo(f"{rid:<{width[0]}}  {title:<{width[1]}}  {where}".rstrip())


@click.command()
@data_option
@click.argument("role")
@json_option
@click.pass_context
def show(ctx: click.Context, role: str, as_json: bool) -> None:
    """One role: its details, moves in and out, and US/UK equivalents."""
    cg = career_graph(ctx)
    info = cg.describe(role)
    if as_json:
        echo_json(info)
        return
    out = [f"{info.get('title', info['id'])}  ({info['id']})"]
    fields = [("kind", info.get("kind")), ("country", info.get("country")), ("track", info.get("track")),
              ("band", info.get("band")), ("level", info.get("level")), ("O*NET-SOC", info.get("onet_soc"))]
    out.append("  " + "   ".join(f"{k}: {v}" for k, v in fields if v is not None))
    if info.get("aliases"):
        out.append("  aliases: " + "; ".join(info["aliases"]))
    if info.get("settings"):
        out.append("  settings: " + "; ".join(info["settings"]))
    if info.get("stage"):
        out.append(f"  stage: {info['stage']}")
    evidence = info.get("requires_evidence")
    for i, group in enumerate(info.get("requires") or ()):
        e = evidence[i] if isinstance(evidence, list) and i < len(evidence) else evidence
        out.append("  requires: " + _requirement(cg, group) + _evidence(e if isinstance(e, dict) else None))
    for figure in info.get("pay") or ():
        out.append("  pay: " + _pay(figure) + _evidence(figure.get("evidence")))
    if info.get("description"):
        out.append("  " + info["description"])
    sources = cg.graph.graph.get("sources", {})
    for key in info.get("sources", []):
        out.append(f"  source: {key}: {sources.get(key, {}).get('title', '')}".rstrip(": "))
    for label, arrow, moves in (("Moves in", "<-", info["moves"]["in"]), ("Moves out", "->", info["moves"]["out"])):
        out.append(f"{label}:" if moves else f"{label}: none")
        for m in moves:
            quals = "; ".join(cg.qualification_title(q) for q in m.get("awards", m.get("qualifications", ())))
            years = years_label(m["years"], evidence_grade(m)).lstrip("+")
            low, high = m.get("years_min", m["years"]), m.get("years_max", m["years"])
            if (low, high) != (m["years"], m["years"]):
                years += f" ({years_range_label(low, high)})"
            years += f" {evidence_grade(m)}"
            related = f"  [O*NET {m['onet']['tier']} #{m['onet']['index']}]" if "onet" in m else ""
            out.append(f"  {arrow} {m['title']} ({m['role']})  {years}" + (f"  [{quals}]" if quals else "")
                       + related)
    if info["equivalents"]:
        out.append("Equivalents (an analyst's mapping, not official):")
        for eq in info["equivalents"]:
            note = f"  - {eq['note']}" if eq.get("note") else ""
            out.append(f"  {eq.get('country') or '?'}  {eq['title']} ({eq['role']}){note}")
    click.echo("\n".join(out))


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
    text = ", ".join(parts) + (f" a {s['period']}" if s.get("period") else "")
    where = ", ".join(str(x) for x in (s.get("region"), s.get("year")) if x)
    return text + (f" ({where})" if where else "")


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
    from ..equivalents import translate as equivalents

    cg = career_graph(ctx)
    role_id = cg.find(role)
    found = equivalents(cg.graph, role_id, to=country)
    country = pick(cg, "country", country)
    attrs = cg.graph.nodes[role_id]
    if as_json:
        echo_json({"role": role_id, "title": attrs.get("title"), "country": attrs.get("country"),
                    "band": attrs.get("band"), "level": attrs.get("level"), "equivalents": found})
        if not found:
            ctx.exit(1)  # nothing matched, with or without --json
        return
    if not found:
        where = f" in {country}" if country else " in another country"
        click.echo(f"The data has no equivalent{where} for {attrs.get('title')} ({role_id}).")
        ctx.exit(1)  # nothing matched
    rows = [(attrs.get("country") or "", attrs.get("title", role_id), rank_label(attrs))]
    rows += [(e["country"] or "", e["title"], rank_label(e)) for e in found]
    width = max(len(r[1]) for r in rows)
    for i, (c, title, rank) in enumerate(rows):
        click.echo(f"{'=' if i else ' '} {c:<3} {title:<{width}}  {rank}")
    notes = [f"{e['title']}: {e['note']}" for e in found if e.get("note")]
    click.echo("An analyst's mapping, not an official equivalence." + "".join(f"\n  {n}" for n in notes))


COMMANDS = [roles, show, translate]
