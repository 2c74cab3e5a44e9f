"""Modules that can be called as their headline function.

``otgraph.export`` is both the exporters' package and :func:`otgraph.export.export`, and
``otgraph.compare`` both a module and :func:`otgraph.compare.compare`: Python sets a package's
attribute to the submodule once it is imported, so the name cannot stay the function. Made
callable, the module answers ``otgraph.export(G, "map.svg")`` either way.
"""

import sys
import types

__all__ = ["make_callable"]


class _CallableModule(types.ModuleType):
    #: The module's function that a call runs.
    _call_name = ""

    def __call__(self, *args, **kwargs):
        return getattr(self, self._call_name)(*args, **kwargs)


def make_callable(module_name: str, function_name: str) -> None:
    """Let the module ``module_name`` be called as its function ``function_name``."""
    module = sys.modules[module_name]
    module.__class__ = type(f"Callable_{function_name}", (_CallableModule,), {"_call_name": function_name})
