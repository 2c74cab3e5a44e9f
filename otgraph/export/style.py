"""How diagrams look: fonts and colours shared by every exporter (track names are in
:mod:`otgraph.labels`).

>>> COUNTRY_FILL["UK"], COUNTRY_LINE["US"], HIGHLIGHT
('#dbe8f7', '#b45309', '#c0161d')
"""

__all__ = ["COUNTRY_FILL", "COUNTRY_LINE", "FADED", "FONT", "HIGHLIGHT", "OTHER_FILL", "OTHER_LINE"]

FONT = "Helvetica"
COUNTRY_FILL = {"UK": "#dbe8f7", "US": "#fde3cc"}
COUNTRY_LINE = {"UK": "#2f5f98", "US": "#b45309"}
OTHER_FILL, OTHER_LINE = "#eeeeee", "#555555"
HIGHLIGHT = "#c0161d"
FADED = "#c8c8c8"
