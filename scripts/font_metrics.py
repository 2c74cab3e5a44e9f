#!/usr/bin/env python3
"""Write otgraph/export/font_metrics.json: the advance widths of Liberation Sans (regular and
bold), the font Graphviz draws "Helvetica" with on Linux (fontconfig's match) and metric-compatible
with Helvetica and Arial, which viewers on macOS and Windows use. The geometry check
(:mod:`otgraph.export.geometry`) measures the text of committed SVGs with it, with no font on the
machine. Liberation Sans is under the SIL Open Font License 1.1; only its metrics are kept.

    python scripts/font_metrics.py [/usr/share/fonts/truetype/liberation]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "otgraph" / "export" / "font_metrics.json"
#: Basic Latin, Latin-1, general punctuation, arrows, box drawing and geometric shapes.
RANGES = [(0x20, 0x7F), (0xA0, 0x180), (0x2000, 0x2070), (0x2190, 0x2200), (0x2500, 0x25A0), (0x25A0, 0x2600)]


def widths(path: Path) -> tuple[dict[str, int], int]:
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    out = {chr(c): hmtx[cmap[c]][0] for lo, hi in RANGES for c in range(lo, hi) if c in cmap}
    return out, font["head"].unitsPerEm


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("/usr/share/fonts/truetype/liberation")
    regular, units = widths(folder / "LiberationSans-Regular.ttf")
    bold, _ = widths(folder / "LiberationSans-Bold.ttf")
    table = {"font": "Liberation Sans 2 (SIL Open Font License 1.1): advance widths only",
             "units_per_em": units, "regular": regular, "bold": bold}
    OUT.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(regular)} regular and {len(bold)} bold widths")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
