"""Deprecated alias of :mod:`otgraph._fast.cache`: the speed machinery is private since 0.2, and
this old import path goes in the next release. (Public names are in ``otgraph.__all__``.)"""

import sys
import warnings

from ._fast import cache as _private

warnings.warn("otgraph.cache is private now (otgraph._fast.cache); this alias goes in the next release",
              DeprecationWarning, stacklevel=2)
sys.modules[__name__] = _private
