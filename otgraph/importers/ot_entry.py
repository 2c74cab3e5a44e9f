"""The steps into US occupational therapy practice, one table (``data/us-ot-entry.json``) for the
curated dataset and the O*NET import, so their entry routes cannot drift apart.

Each step is one move's figures (years, range, evidence, awards, sources, a ``condition`` if it
rests on one) with ``occupation`` (the O*NET-SOC code whose entry it is), ``part`` and ``curated``
(the curated moves that carry the same figures, which a test checks). Parts: ``education``, the
programme, the move into the occupation's entry route; ``licence``, the exam and licence, the
route's move into the occupation; ``bridge``, a programme for holders of ``bridge_from``'s
occupation ending in the same education; ``prerequisite``, coursework for those holders that
awards what the bridge requires, into its ``stage``, from which the bridge also starts.

>>> table = load_entry_table()
>>> sorted(table.by_occupation())
['29-1122.00', '31-2011.00']
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from ..errors import DataError

__all__ = ["ENTRY_FILE", "PARTS", "EntryTable", "load_entry_table"]

ENTRY_FILE = "us-ot-entry.json"
PARTS = ("education", "licence", "bridge", "prerequisite")
_FIGURES = ("years", "years_min", "years_max", "years_kind", "years_evidence", "awards", "sources")


@dataclass(frozen=True)
class EntryTable:
    """The loaded table: its sources, the qualifications its steps award that the licence table
    lacks (fieldwork), and its steps by name."""

    name: str
    sources: dict[str, dict[str, Any]]
    steps: dict[str, dict[str, Any]]
    qualifications: tuple[dict[str, Any], ...] = ()

    def by_occupation(self) -> dict[str, dict[str, dict[str, Any]]]:
        """occupation code -> part -> step (with its ``name``)."""
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for name, step in self.steps.items():
            out.setdefault(step["occupation"], {})[step["part"]] = dict(step, name=name)
        return out

    @staticmethod
    def figures(step: dict[str, Any]) -> dict[str, Any]:
        """The move fields a step gives (what a curated move must carry the same; notes may differ)."""
        return {k: step[k] for k in (*_FIGURES, "condition") if k in step}


def load_entry_table(path: str | os.PathLike[str] | None = None) -> EntryTable:
    """Read and check the entry table; DataError naming the file and each problem."""
    from ..read import data_dir, read_table

    path = data_dir() / ENTRY_FILE if path is None else path
    name = str(path)
    data = read_table(path, "the O*NET importer needs the entry table (data/us-ot-entry.json)")
    if not isinstance(data.get("steps"), dict) or not isinstance(data.get("sources"), dict):
        raise DataError(name, ["expected a JSON object with sources and steps objects"])
    problems = [p for key, step in data["steps"].items() for p in _step_problems(f"steps.{key}", step, data["sources"])]
    if problems:
        raise DataError(name, problems)
    return EntryTable(name, data["sources"], data["steps"], tuple(data.get("qualifications", [])))


def _step_problems(where: str, step: Any, sources: dict[str, Any]) -> list[str]:
    if not isinstance(step, dict):
        return [f"{where}: expected an object"]
    fields = ("occupation", "part", "years", "years_evidence", "awards", "sources")
    problems = [f"{where}.{field}: missing" for field in fields if field not in step]
    if step.get("part") not in PARTS:
        problems.append(f"{where}.part: must be one of {', '.join(PARTS)}, not {step.get('part')!r}")
    if step.get("part") in ("bridge", "prerequisite") and not isinstance(step.get("bridge_from"), str):
        problems.append(f"{where}.bridge_from: a bridge names the occupation it starts from")
    problems.extend(f'{where}.sources: unknown source "{source}"'
                    for source in step.get("sources", []) if source not in sources)
    return problems
