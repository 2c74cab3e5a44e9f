"""otgraph: occupational therapy career paths as a networkx graph.

>>> import otgraph
>>> cg = otgraph.load_roles()
>>> route = otgraph.shortest_route(cg.graph, cg.find("Entry-Level Occupational Therapist"),
...                                cg.find("Rehabilitation Services Manager"))
>>> route.total_years, route.total_steps
(8, 4)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Names are imported on first use, so `otgraph --help` does not pay for networkx.
_EXPORTS = {
    "CareerGraph": "otgraph.graph",
    "normalize_name": "otgraph.graph",
    "load_roles": "otgraph.load",
    "read_roles": "otgraph.load",
    "check_roles": "otgraph.load",
    "load_schema": "otgraph.load",
    "Route": "otgraph.routes",
    "Step": "otgraph.routes",
    "WEIGHTS": "otgraph.routes",
    "shortest_route": "otgraph.routes",
    "OtgraphError": "otgraph.errors",
    "DataError": "otgraph.errors",
    "RoleLookupError": "otgraph.errors",
    "UnknownRoleError": "otgraph.errors",
    "AmbiguousRoleError": "otgraph.errors",
    "InvalidOptionError": "otgraph.errors",
    "NoRouteError": "otgraph.errors",
}

__all__ = [
    "WEIGHTS", "AmbiguousRoleError", "CareerGraph", "DataError", "InvalidOptionError", "NoRouteError", "OtgraphError",
    "RoleLookupError", "Route", "Step", "UnknownRoleError", "check_roles", "load_roles", "load_schema",
    "normalize_name", "read_roles", "shortest_route",
]

if TYPE_CHECKING:
    from .errors import (
        AmbiguousRoleError,
        DataError,
        InvalidOptionError,
        NoRouteError,
        OtgraphError,
        RoleLookupError,
        UnknownRoleError,
    )
    from .graph import CareerGraph, normalize_name
    from .load import check_roles, load_roles, load_schema, read_roles
    from .routes import WEIGHTS, Route, Step, shortest_route


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'otgraph' has no attribute {name!r}")
