"""How diagrams look: fonts and colours shared by every exporter (track names are in
:mod:`otgraph.labels`).

>>> COUNTRY_FILL["UK"], COUNTRY_LINE["US"], HIGHLIGHT
('#dbe8f7', '#b45309', '#c0161d')
"""

__all__ = ["COUNTRY_FILL", "COUNTRY_LINE", "EDGE_LINE", "FADED", "FADED_LINE", "FADED_TEXT", "FONT", "HIGHLIGHT",
           "OTHER_FILL", "OTHER_LINE", "contrast"]

FONT = "Helvetica"
COUNTRY_FILL = {"UK": "#dbe8f7", "US": "#fde3cc"}
COUNTRY_LINE = {"UK": "#2f5f98", "US": "#b45309"}
OTHER_FILL, OTHER_LINE = "#eeeeee", "#555555"
HIGHLIGHT = "#c0161d"
#: Moves' lines (3.6:1 on white).
EDGE_LINE = "#777777"
#: The context under a highlighted route: text 5.1:1 on white (at least 4.5:1), lines 3.4:1 (at
#: least 3:1), both lighter than the route's red (relative luminance 0.12 against 0.16 and 0.26)
#: and thinner, its labels not bold, so the route stays distinct without its colour.
FADED_TEXT = "#6e6e6e"
FADED_LINE = "#8c8c8c"
FADED = FADED_LINE


def contrast(a: str, b: str = "#ffffff") -> float:
    """The WCAG contrast ratio of two colours written ``#rrggbb``.

    >>> round(contrast(FADED_TEXT), 1), round(contrast(FADED_LINE), 1)
    (5.1, 3.4)
    """
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
