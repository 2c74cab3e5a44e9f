"""Sphinx configuration of otgraph's documentation (``sphinx-build -W --keep-going docs docs/_build/html``).

Nothing is fetched at build time: no intersphinx, no remote images.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import otgraph  # noqa: E402

project = "otgraph"
author = "the otgraph developers"
copyright = "2026, the otgraph developers"
release = version = otgraph.__version__

extensions = [
    "myst_parser",          # the pages are Markdown (MyST), readable on GitHub as they are
    "sphinx.ext.autodoc",   # the API reference, from the docstrings
    "numpydoc",             # ... which are numpydoc, as networkx's
    "sphinx_click",         # the command-line reference, from the click commands
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build"]
myst_heading_anchors = 4
myst_enable_extensions = ["colon_fence"]
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
autodoc_typehints = "none"   # numpydoc's Parameters section says the types
html_theme = "furo"
html_title = f"otgraph {release}"
