"""otgraph: occupational therapy career paths as a networkx graph.

>>> import otgraph
>>> cg = otgraph.load_roles()
>>> route = otgraph.shortest_route(cg.graph, cg.find("Entry-Level Occupational Therapist"),
...                                cg.find("Rehabilitation Services Manager"))
>>> route.total_years, route.total_years_range, route.total_steps
(8, (7, None), 4)
"""

from typing import TYPE_CHECKING

__version__ = "0.1.0"

# Names are imported on first use, so `otgraph --help` does not pay for networkx.
_EXPORTS = {
    "CareerGraph": "otgraph.graph",
    "normalize_name": "otgraph.names",
    "find_role": "otgraph.names",
    "find_qualification": "otgraph.names",
    "load_roles": "otgraph.load",
    "read_roles": "otgraph.read",
    "check_roles": "otgraph.validate",
    "load_schema": "otgraph.validate",
    "merge_roles": "otgraph.merge",
    "Constraints": "otgraph.routes",
    "Route": "otgraph.routes",
    "Step": "otgraph.routes",
    "WEIGHTS": "otgraph.routes",
    "shortest_route": "otgraph.routes",
    "route_branches": "otgraph.routes",
    "Branch": "otgraph.routes",
    "k_shortest_routes": "otgraph.routes",
    "pareto_routes": "otgraph.routes",
    "reach": "otgraph.reachability",
    "requires": "otgraph.reachability",
    "translate": "otgraph.equivalents",
    "stats": "otgraph.graph_stats",
    "forget": "otgraph._fast.derived",
    "OtgraphError": "otgraph.errors",
    "DataError": "otgraph.errors",
    "ExportError": "otgraph.errors",
    "RoleLookupError": "otgraph.errors",
    "UnknownRoleError": "otgraph.errors",
    "AmbiguousRoleError": "otgraph.errors",
    "UnknownQualificationError": "otgraph.errors",
    "InvalidOptionError": "otgraph.errors",
    "NoRouteError": "otgraph.errors",
    "SearchLimitError": "otgraph.errors",
    "MissingDependencyError": "otgraph.errors",
    "SlideError": "otgraph.errors",
    "learn_graph": "otgraph.learn",
}
#: Modules that are also their headline function (``otgraph.export(G, "map.svg")``): a submodule
#: import would replace a function of the same name, so the module itself is callable.
_CALLABLE_MODULES = {"compare": "otgraph.compare", "export": "otgraph.export"}

__all__ = [
    "__version__",
    "AmbiguousRoleError",
    "Branch",
    "CareerGraph",
    "Constraints",
    "DataError",
    "ExportError",
    "InvalidOptionError",
    "MissingDependencyError",
    "NoRouteError",
    "OtgraphError",
    "RoleLookupError",
    "Route",
    "SearchLimitError",
    "SlideError",
    "Step",
    "UnknownQualificationError",
    "UnknownRoleError",
    "WEIGHTS",
    "check_roles",
    "compare",
    "export",
    "find_qualification",
    "find_role",
    "forget",
    "k_shortest_routes",
    "learn_graph",
    "load_roles",
    "load_schema",
    "merge_roles",
    "normalize_name",
    "pareto_routes",
    "reach",
    "read_roles",
    "requires",
    "route_branches",
    "shortest_route",
    "stats",
    "translate",
]

if TYPE_CHECKING:
    from . import compare, export
    from ._fast.derived import forget
    from .equivalents import translate
    from .errors import (
        AmbiguousRoleError,
        DataError,
        ExportError,
        InvalidOptionError,
        MissingDependencyError,
        NoRouteError,
        OtgraphError,
        RoleLookupError,
        SearchLimitError,
        SlideError,
        UnknownQualificationError,
        UnknownRoleError,
    )
    from .graph import CareerGraph
    from .graph_stats import stats
    from .learn import learn_graph
    from .load import load_roles
    from .merge import merge_roles
    from .names import find_qualification, find_role, normalize_name
    from .reachability import reach, requires
    from .read import read_roles
    from .routes import (
        WEIGHTS,
        Branch,
        Constraints,
        Route,
        Step,
        k_shortest_routes,
        pareto_routes,
        route_branches,
        shortest_route,
    )
    from .validate import check_roles, load_schema


def __getattr__(name: str) -> "object":
    import importlib

    if name in _CALLABLE_MODULES:
        return importlib.import_module(_CALLABLE_MODULES[name])
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'otgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    """What tab completion offers: the public API, nothing imported along the way."""
    return sorted(__all__)


del TYPE_CHECKING
