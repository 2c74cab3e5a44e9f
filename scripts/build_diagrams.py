#!/usr/bin/env python3
"""Regenerate diagrams/ from data/roles.json as 16:9 slides (1920x1080 px, every text at least
24 px, the default floor): the whole map (in numbered pages, one or more tracks each; a move
between pages drawn to a stub naming the other), one diagram per track (numbered pages where a
track does not fit),
a highlighted example route for each track, a role's neighbourhood, a route's timeline, as SVG
(and PNG for those the README shows), and the interactive map diagrams/otgraph-map.html.

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

#: (file stem, title, what, formats). What: ("graph", track or None), ("route", track, from, to),
#: ("around", role, radius) or ("timeline", from, to). Every diagram is a 16:9 slide (1920x1080
#: px, text at least 24 px); one that does not fit continues on numbered pages
#: (otgraph-overview-1.png...).
DIAGRAMS = [
    ("otgraph-overview", "Occupational therapy careers: UK and US", ("graph", None), ("svg", "png")),
    ("track-nhs", "UK NHS occupational therapy ladder", ("graph", "nhs"), ("svg",)),
    ("track-social-services", "UK local-authority social services OT", ("graph", "social-services"), ("svg",)),
    ("track-us-clinical", "US occupational therapist clinical ladder", ("graph", "us-clinical"), ("svg",)),
    ("track-us-assistant", "US OT assistant and technician track", ("graph", "us-assistant"), ("svg",)),
    ("track-education", "Education and licensing routes", ("graph", "education"), ("svg",)),
    ("track-practice-settings", "US practice settings and non-traditional roles", ("graph", "practice-settings"),
     ("svg",)),
    ("route-nhs", "NHS: support worker to consultant occupational therapist",
     ("route", "nhs", "nhs-ot-support-worker", "nhs-consultant-ot"), ("svg", "png")),
    ("route-social-services", "Social services: adult social care worker to OT team manager",
     ("route", "social-services", "ss-adult-social-care-worker", "ss-ot-team-manager"), ("svg",)),
    ("route-us-clinical", "US: entry-level OT to rehabilitation services manager",
     ("route", "us-clinical", "us-entry-ot", "us-rehab-services-manager"), ("svg", "png")),
    ("route-us-assistant", "US: OT aide to lead OT technician", ("route", "us-assistant", "us-ot-aide", "us-cota-lead"),
     ("svg",)),
    ("route-education", "US: high school to licensed occupational therapist",
     ("route", "education", "edu-us-high-school", "us-entry-ot"), ("svg",)),
    ("route-practice-settings", "US: entry-level OT to researcher and faculty",
     ("route", "practice-settings", "us-entry-ot", "us-ot-academic"), ("svg",)),
    ("around-nhs-band5", "Where can a Band 5 occupational therapist go? One move in and out",
     ("around", "nhs-band5-ot", 1), ("svg", "png")),
    ("timeline-nhs", "NHS: support worker to consultant, year by year",
     ("timeline", "nhs-ot-support-worker", "nhs-consultant-ot"), ("svg", "png")),
]

MAP = "otgraph-map"
#: The drawing code whose changes make the committed diagrams stale (besides each diagram's DOT).
CODE = ["otgraph/export/slide.py", "otgraph/export/timeline.py", "otgraph/export/pages.py",
        "otgraph/export/__init__.py", "otgraph/export/geometry.py"]


def sources() -> dict[str, tuple]:
    """For each diagram stem: (the text its hash is taken of, graph, route, title, options)."""
    import otgraph
    from otgraph.export import around
    from otgraph.export.graphviz import choose_engine, to_pydot

    code = "".join((ROOT / path).read_text(encoding="utf-8") for path in CODE)
    cg = otgraph.load_roles(ROOT / "data" / "roles.json")
    out = {}
    for stem, title, what, _ in DIAGRAMS:
        kind, *spec = what
        route, options = None, {}
        if kind == "graph":
            G = cg.subgraph(track=spec[0]) if spec[0] else cg.graph
            options["labels"] = "years" if spec[0] is None else "full"
            if spec[0]:
                options["outside"] = cg.graph  # the track's moves to other tracks, as stubs
        elif kind == "route":
            route = otgraph.shortest_route(cg.graph, spec[1], spec[2])
            G = cg.subgraph(track=spec[0], include=route.roles)
        elif kind == "around":
            G = around(cg.graph, spec[0], spec[1])
            options["focus"] = spec[0]
        else:
            route = otgraph.shortest_route(cg.graph, spec[0], spec[1])
            out[stem] = (json.dumps(route.to_dict(), sort_keys=True) + title + code, cg.graph, route, title,
                         {"timeline": True})
            continue
        drawn = {k: v for k, v in options.items() if k != "outside"}
        text = to_pydot(G, highlight=route, title=title, engine=choose_engine(G), **drawn).to_string()
        out[stem] = (text + code, G, route, title, options)
    # The interactive map: its layout (the DOT with element ids) and its data decide the page.
    from otgraph.export.html import page_data

    text = to_pydot(cg.graph, labels="years", element_ids=True).to_string()
    text += json.dumps(page_data(cg.graph), sort_keys=True)
    text += (ROOT / "otgraph" / "export" / "map.html").read_text(encoding="utf-8")
    out[MAP] = (text, cg.graph, None, "Occupational therapy careers: an interactive map", {"labels": "years"})
    return out


def manifest() -> dict[str, str]:
    return {stem: hashlib.sha256(text.encode("utf-8")).hexdigest() for stem, (text, *_) in sources().items()}


def expected_files() -> set[str]:
    """The files build() writes (page files of split diagrams as recorded in the manifest)."""
    try:
        recorded = json.loads((OUT / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = {}
    names = {"manifest.json", f"{MAP}.html"}
    for stem, _, _, formats in DIAGRAMS:
        pages = recorded.get("pages", {}).get(stem, 1)
        for fmt in formats:
            names.update(p.name for p in _page_paths(OUT / f"{stem}.{fmt}", pages))
    return names


def _page_paths(path, pages):
    from otgraph.export import page_paths

    return page_paths(path, pages)


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
    for name in sorted(expected_files()):
        if not (OUT / name).is_file():
            problems.append(f"diagrams/{name}: missing")
    for extra in sorted({p.name for p in OUT.iterdir()} - expected_files()):
        problems.append(f"diagrams/{extra}: not made by scripts/build_diagrams.py")
    return problems


def build() -> None:
    from otgraph.export import export, export_slides
    from otgraph.export.timeline import to_timeline

    OUT.mkdir(exist_ok=True)
    built = sources()
    pages = {}
    written = []
    for stem, _, _, formats in DIAGRAMS:
        _, G, route, title, options = built[stem]
        for fmt in formats:
            if options.get("timeline"):
                (OUT / f"{stem}.{fmt}").write_bytes(to_timeline(G, route, fmt, title=title))
                paths = [OUT / f"{stem}.{fmt}"]
            else:
                paths = export_slides(G, OUT / f"{stem}.{fmt}", fmt, title=title, highlight=route, **options)
            pages[stem] = len(paths)
            written += paths
            for path in paths:
                print(f"diagrams/{path.name}{_layout_note(path)}")
    _, G, _, title, options = built[MAP]
    export(G, OUT / f"{MAP}.html", "html", title=title, **options)
    print(f"diagrams/{MAP}.html")
    digests = {stem: hashlib.sha256(text.encode("utf-8")).hexdigest() for stem, (text, *_) in built.items()}
    digests["pages"] = {stem: n for stem, n in sorted(pages.items()) if n > 1}
    (OUT / "manifest.json").write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    keep = expected_files()
    for path in OUT.iterdir():
        if path.name not in keep:
            path.unlink()
            print(f"removed diagrams/{path.name}")


def _layout_note(path: Path) -> str:
    """For a Graphviz SVG: the layout it used and its smallest text in px (the geometry check's
    report), e.g. " (layout: no columns, smallest text 24.6 px)"."""
    if path.suffix != ".svg" or b"graphviz" not in path.read_bytes()[:400]:
        return ""
    from otgraph.export.geometry import fallback_of, read_svg, smallest_text_px

    data = path.read_bytes()
    return f" (layout: {fallback_of(data)}, smallest text {smallest_text_px(read_svg(data)):.1f} px)"


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
