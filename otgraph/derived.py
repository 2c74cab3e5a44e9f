"""Deprecated alias of :mod:`otgraph._fast.derived`: the speed machinery is private since 0.2, and
this old import path goes in the next release. (Public names are in ``otgraph.__all__``.)"""

import sys
import warnings

from ._fast import derived as _private

warnings.warn("otgraph.derived is private now (otgraph._fast.derived); this alias goes in the next release",
              DeprecationWarning, stacklevel=2)
sys.modules[__name__] = _private
