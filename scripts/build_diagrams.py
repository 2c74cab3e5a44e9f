#!/usr/bin/env python3
"""Regenerate diagrams/ from data/roles.json: the whole map, one diagram per track, and a
highlighted example route for each track, as SVG (and PNG for those the README shows), and
the interactive map diagrams/otgraph-map.html.

    python scripts/build_diagrams.py          # rewrite diagrams/
    python scripts/build_diagrams.py --check  # exit 1 if diagrams/ is not current

diagrams/manifest.json records a hash of the DOT source of every diagram, so --check (and the
test suite) can tell whether the data or the drawing code changed since the files were made
without depending on the installed Graphviz version.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "diagrams"

#: (file stem, title, track or None, highlighted route or None, formats); the overview's edges
#: show years only (its qualification labels would pile up), the others years and qualifications.
DIAGRAMS = [
    ("otgraph-overview", "Occupational therapy careers: UK and US", None, None, ("svg", "png")),
    ("track-nhs", "UK NHS occupational therapy ladder", "nhs", None, ("svg",)),
    ("track-social-services", "UK local-authority social services OT", "social-services", None, ("svg",)),
    ("track-us-clinical", "US occupational therapist clinical ladder", "us-clinical", None, ("svg",)),
    ("track-us-assistant", "US OT assistant and technician track", "us-assistant", None, ("svg",)),
    ("track-education", "Education and licensing routes", "education", None, ("svg",)),
    ("track-practice-settings", "US practice settings and non-traditional roles", "practice-settings", None,
     ("svg",)),
    ("route-nhs", "NHS: support worker to consultant occupational therapist", "nhs",
     ("nhs-ot-support-worker", "nhs-consultant-ot"), ("svg", "png")),
    ("route-social-services", "Social services: adult social care worker to OT team manager", "social-services",
     ("ss-adult-social-care-worker", "ss-ot-team-manager"), ("svg",)),
    ("route-us-clinical", "US: entry-level OT to rehabilitation services manager", "us-clinical",
     ("us-entry-ot", "us-rehab-services-manager"), ("svg", "png")),
    ("route-us-assistant", "US: OT aide to lead OT technician", "us-assistant",
     ("us-ot-aide", "us-cota-lead"), ("svg",)),
    ("route-education", "US: high school to licensed occupational therapist", "education",
     ("edu-us-high-school", "us-entry-ot"), ("svg",)),
    ("route-practice-settings", "US: entry-level OT to researcher and faculty", "practice-settings",
     ("us-entry-ot", "us-ot-academic"), ("svg",)),
]


MAP = "otgraph-map"


def sources() -> dict[str, tuple[str, object, object, str]]:
    """For each diagram stem: (DOT text, graph, route, title, edge labels)."""
    import otgraph
    from otgraph.export.graphviz import choose_engine, to_pydot

    cg = otgraph.load_roles(ROOT / "data" / "roles.json")
    out = {}
    for stem, title, track, route_ends, _ in DIAGRAMS:
        route = otgraph.shortest_route(cg.graph, *route_ends) if route_ends else None
        G = cg.subgraph(track=track, include=route.roles if route else ()) if track else cg.graph
        labels = "years" if stem == "otgraph-overview" else "full"
        text = to_pydot(G, highlight=route, title=title, engine=choose_engine(G), labels=labels).to_string()
        out[stem] = (text, G, route, title, labels)
    # The interactive map: its layout (the DOT with element ids) and its data decide the page.
    from otgraph.export.html import page_data

    text = to_pydot(cg.graph, labels="years", element_ids=True).to_string()
    text += json.dumps(page_data(cg.graph), sort_keys=True)
    out[MAP] = (text, cg.graph, None, "Occupational therapy careers: an interactive map", "years")
    return out


def manifest() -> dict[str, str]:
    return {stem: hashlib.sha256(text.encode("utf-8")).hexdigest() for stem, (text, *_) in sources().items()}


def check() -> list[str]:
    """What is out of date in diagrams/ (empty if it is current)."""
    problems = []
    try:
        recorded = json.loads((OUT / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ["diagrams/manifest.json is missing or unreadable"]
    for stem, digest in manifest().items():
        if recorded.get(stem) != digest:
            problems.append(f"diagrams/{stem}: out of date with the data or drawing code")
    for stem, _, _, _, formats in [*DIAGRAMS, (MAP, None, None, None, ("html",))]:
        for fmt in formats:
            if not (OUT / f"{stem}.{fmt}").is_file():
                problems.append(f"diagrams/{stem}.{fmt}: missing")
    return problems


def build() -> None:
    from otgraph.export import export

    OUT.mkdir(exist_ok=True)
    built = sources()
    for stem, _, _, _, formats in [*DIAGRAMS, (MAP, None, None, None, ("html",))]:
        _, G, route, title, labels = built[stem]
        for fmt in formats:
            export(G, OUT / f"{stem}.{fmt}", fmt, highlight=route, title=title, labels=labels)
            print(f"diagrams/{stem}.{fmt}")
    digests = {stem: hashlib.sha256(text.encode("utf-8")).hexdigest() for stem, (text, *_) in built.items()}
    (OUT / "manifest.json").write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    if "--check" in argv:
        problems = check()
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
