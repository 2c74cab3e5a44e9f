"""Deprecated alias of :mod:`otgraph._fast.landmarks`: the speed machinery is private since 0.2, and
this old import path goes in the next release. (Public names are in ``otgraph.__all__``.)"""

import sys
import warnings

from ._fast import landmarks as _private

warnings.warn("otgraph.landmarks is private now (otgraph._fast.landmarks); this alias goes in the next release",
              DeprecationWarning, stacklevel=2)
sys.modules[__name__] = _private
