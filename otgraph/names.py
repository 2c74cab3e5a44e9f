"""Finding roles and qualifications by name: ids, titles and aliases, in any case or punctuation,
British or American spelling, singular or plural; close matches for names that miss.

Works on a plain networkx graph built by otgraph (``title`` and ``aliases`` on the nodes;
qualifications in ``G.graph["qualifications"]``). The indexes are built on the first lookup and
kept until the graph changes (see :func:`otgraph.forget`).

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_node("us-entry-ot", title="Entry-Level Occupational Therapist", aliases=["New grad OT"])
>>> find_role(G, "new-grad ot")
'us-entry-ot'
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx
import orjson

from ._fast import derived
from .bands import band_matches, match_band_phrase, parse_band
from .errors import AmbiguousRoleError, Hint, UnknownQualificationError, UnknownRoleError
from .labels import rank_label
from .name_index import KINDS, SUGGESTION_CUTOFF, UK_US_SPELLINGS, _Index, normalize_name, singular

_ONET_CODE = re.compile(r"\d\d-\d{4}\.\d\d")

__all__ = [
    "SUGGESTION_CUTOFF", "UK_US_SPELLINGS", "candidate", "find_qualification", "find_role", "match_field_value",
    "neighbour_pointer", "normalize_name", "require_role", "role_title", "suggest_roles",
]

def role_title(G: nx.DiGraph, role_id: str) -> str:
    """A role's title (its id if it has none).

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph.
    role_id : str
        The id of a role of ``G``.

    Returns
    -------
    str
        The role's ``title`` attribute, or ``role_id`` if it has none.

    Raises
    ------
    UnknownRoleError
        If ``role_id`` is not a role of ``G`` (a ``networkx.NodeNotFound``).

    Examples
    --------
    >>> G = nx.DiGraph(); G.add_node("a", title="Role A"); G.add_node("b")
    >>> role_title(G, "a"), role_title(G, "b")
    ('Role A', 'b')
    """
    try:
        attrs = G.nodes[role_id]
    except KeyError:
        require_role(G, role_id)
        raise
    return attrs.get("title", role_id)


def require_role(G: nx.DiGraph, role_id: Any, argument: str = "role") -> str:
    """``role_id`` if it is a role of ``G``: the one "is this role in the graph" check.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph.
    role_id : str
        A role id (exactly; see :func:`find_role` for titles and aliases).
    argument : str, optional
        The name of the caller's parameter, for the message.

    Returns
    -------
    str
        ``role_id``.

    Raises
    ------
    UnknownRoleError
        If ``role_id`` is not a role of ``G`` (a ``networkx.NodeNotFound``).

    Examples
    --------
    >>> G = nx.DiGraph(); G.add_node("a")
    >>> require_role(G, "a")
    'a'
    >>> try:
    ...     require_role(G, "z", argument="source")
    ... except nx.NodeNotFound as exc:
    ...     print(exc)
    source: role 'z' is not in the graph
    """
    if not isinstance(role_id, str) or role_id not in G:
        raise UnknownRoleError(f"{argument}: role {role_id!r} is not in the graph")
    return role_id


#: The name the role-name index is kept under (see :mod:`otgraph.derived`).
ROLE_NAMES = "role-names"


def _role_index(G: nx.DiGraph) -> _Index:
    """The role-name index of the base graph of ``G`` (a view filters what it finds)."""
    return derived.cached(G, ROLE_NAMES, lambda: _built_index(derived.base_graph(G)))


def _built_index(G: nx.DiGraph) -> _Index:
    index = _recalled_index(G)
    if index is None:
        index = _Index(G.nodes(data=True))
        derived.keep(G, ROLE_NAMES, orjson.dumps({"roles": len(G), "format": 2, "tables": index.tables}))
    return index


def _in_view(G: nx.DiGraph, ids: list[str]) -> list[str]:
    """The ids found in the base graph's index that ``G`` (a view, perhaps) has."""
    return ids if derived.base_graph(G) is G else [i for i in ids if i in G]


def _recalled_index(G: nx.DiGraph) -> _Index | None:
    """The role-name index kept for this graph (O*NET's takes a noticeable part of a query to build), or None."""
    payload = derived.recall(G, ROLE_NAMES)
    if payload is None:
        return None
    try:
        kept = orjson.loads(payload)
        tables = kept["tables"]
        if kept["roles"] != len(G) or kept.get("format") != 2 or not isinstance(tables, dict):
            return None
        if any(not isinstance(tables[kind].get(part), dict) for kind in KINDS for part in ("exact", "folded")):
            return None
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    index = _Index(())
    index.tables = tables
    return index


def candidate(G: nx.DiGraph, role_id: str) -> dict[str, Any]:
    """What an error lists about a role: id, title, country and band.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph.
    role_id : str
        A role of ``G``.

    Returns
    -------
    dict
        ``{"id", "title", "country", "band"}`` (``None`` where the role has no such field).

    Examples
    --------
    >>> G = nx.DiGraph(); G.add_node("a", title="Role A", country="UK", band="5")
    >>> candidate(G, "a")
    {'id': 'a', 'title': 'Role A', 'country': 'UK', 'band': '5'}
    """
    attrs = G.nodes[role_id]
    return {"id": role_id, "title": attrs.get("title", role_id), "country": attrs.get("country"),
            "band": attrs.get("band")}


def _describe(c: dict[str, Any]) -> str:
    where = ", ".join(str(x) for x in (c.get("country"), rank_label({"band": c.get("band")})) if x)
    return f"{c['title']} ({c['id']}{', ' + where if where else ''})"


def find_role(G: nx.DiGraph, name: Any, argument: str = "role") -> str:
    """The id of the one role whose id, title or alias is ``name``.

    An exact id wins; then a title or alias, in any case, punctuation, spelling or number.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph (``title`` and ``aliases`` on its nodes).
    name : str
        A role id, title or alias.
    argument : str, optional
        The name of the caller's parameter (kept for the caller's messages).

    Returns
    -------
    str
        The role's id.

    Raises
    ------
    UnknownRoleError
        If no role has this name (``candidates`` holds close matches); a ``networkx.NodeNotFound``.
    AmbiguousRoleError
        If several roles have it (``candidates`` lists them).

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_node("uk-ot", title="Occupational Therapist", country="UK", band="5")
    >>> G.add_node("us-ot", title="Occupational Therapist", country="US")
    >>> find_role(G, "uk-ot")
    'uk-ot'
    >>> try:
    ...     find_role(G, "occupational therapists")
    ... except AmbiguousRoleError as exc:
    ...     print([c["id"] for c in exc.candidates])
    ['uk-ot', 'us-ot']
    >>> try:
    ...     find_role(G, "Ocupational Therapist (UK)")
    ... except nx.NodeNotFound as exc:  # an UnknownRoleError, with close matches
    ...     print([c["id"] for c in exc.candidates])
    ['uk-ot', 'us-ot']
    """
    if not isinstance(name, str) or not name.strip():
        raise UnknownRoleError("empty role name: give a role id, title or alias")
    if name in G:
        return name
    index = _role_index(G)
    ids = _looked_up(G, index, name)
    if len(ids) == 1:
        return ids[0]
    if ids:
        found = sorted((candidate(G, i) for i in ids), key=_candidate_order)
        raise AmbiguousRoleError(
            f"role name '{name.strip()}' is ambiguous: it could be " + "; ".join(_describe(c) for c in found)
            + "; give an id", found)
    pointer = neighbour_pointer(G, name)
    if isinstance(pointer, str):
        return pointer
    if pointer is not None:
        raise pointer
    raise _unknown(G, index, name)


#: The lookup stages after an exact id, in order (see :func:`find_role`).
STAGES = ("title", "band phrase", "alias", "synonym", "abbreviation", "reported title")


def _looked_up(G: nx.DiGraph, index: _Index, name: str) -> list[str]:
    """The ids the first stage that finds any role finds (several: an ambiguity)."""
    for stage in (lambda: index.lookup(name, "names"), lambda: _by_band(G, index, name),
                  lambda: index.lookup(name, "aliases"), lambda: index.lookup(name, "synonyms"),
                  lambda: _by_abbreviation(G, name), lambda: _by_reported_title(G, index, name)):
        ids = _in_view(G, stage())
        if ids:
            return ids
    return []


def _by_band(G: nx.DiGraph, index: _Index, name: str) -> list[str]:
    """Roles a band phrase names; of several, the one that lists the whole phrase as a name."""
    phrase = parse_band(name)
    if phrase is None:
        return []
    ids = match_band_phrase(G.nodes(data=True), phrase, lambda words: _any_name(index, words))
    listed = [i for i in ids if i in _any_name(index, name)]
    return listed if len(listed) == 1 else ids


def _any_name(index: _Index, name: str) -> list[str]:
    return [i for kind in ("names", "aliases", "synonyms") for i in index.lookup(name, kind)]


def _by_abbreviation(G: nx.DiGraph, name: str) -> list[str]:
    """Roles the dataset's abbreviations table (``meta.abbreviations``) gives for ``name``."""
    key = normalize_name(name)
    return [a["role"] for a in _meta_table(G, "abbreviations")
            if normalize_name(str(a.get("text", ""))) == key and a.get("role") in G]


def _by_reported_title(G: nx.DiGraph, index: _Index, name: str) -> list[str]:
    """The occupation of a reported title, when one has it (a parent code over its detailed
    codes); a single word found in several occupations' titles is ambiguous between them."""
    ids = _parents_win(index.lookup(name, "reported"))
    key = singular(normalize_name(name))
    if len(ids) == 1 and " " not in key:
        holders = [n for n, attrs in G.nodes(data=True) if attrs.get("kind", "job") == "job"
                   and key in {singular(w) for w in normalize_name(str(attrs.get("title", ""))).split()}]
        if len(holders) > 1:
            return holders
    return ids


def _parents_win(ids: list[str]) -> list[str]:
    """Ids without the detailed O*NET codes (29-1141.03) whose parent (29-1141.00) is among them."""
    return [i for i in ids if not (_is_detailed(i) and i[:8] + "00" in ids)]


def _is_detailed(role_id: str) -> bool:
    return bool(_ONET_CODE.fullmatch(role_id)) and not role_id.endswith(".00")


def _candidate_order(c: dict[str, Any]) -> tuple[bool, str]:
    """Parent codes (.00) before detailed ones, then by title."""
    return _is_detailed(c["id"]), str(c["title"]).casefold()


def _meta_table(G: nx.DiGraph, key: str) -> list[dict[str, Any]]:
    table = (G.graph.get("meta") or {}).get(key)
    return [e for e in table if isinstance(e, dict)] if isinstance(table, list) else []


def neighbour_pointer(G: nx.DiGraph, name: str) -> UnknownRoleError | str | None:
    """The one-line answer for a neighbouring profession's name (``meta.neighbouring_professions``):
    no such role here, the nearest role here if any, and the O*NET occupation if O*NET has it.
    With O*NET merged in, the O*NET occupation itself is the answer.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph.
    name : str
        A name no role of ``G`` has.

    Returns
    -------
    UnknownRoleError or str or None
        The error to raise (``candidates``: the nearest role); the O*NET occupation's id when
        ``G`` has it; None if ``name`` is not a neighbouring profession's name in this data.

    Examples
    --------
    >>> G = nx.DiGraph(meta={"neighbouring_professions": [{"names": ["physio"], "profession": "physiotherapist",
    ...     "onet": {"id": "29-1123.00", "title": "Physical Therapists"}}]})
    >>> print(neighbour_pointer(G, "Physio"))  # doctest: +NORMALIZE_WHITESPACE
    'Physio' is a physiotherapist, not a role in this data;
    O*NET has Physical Therapists (29-1123.00): try path="onet" with "Physical Therapists"
    """
    key = normalize_name(name)
    for entry in _meta_table(G, "neighbouring_professions"):
        if key not in {normalize_name(str(n)) for n in entry.get("names", ())}:
            continue
        onet = entry.get("onet") or {}
        if onet.get("id") in G:
            return str(onet["id"])
        parts: list[Any] = [f"'{name.strip()}' is a {entry.get('profession', 'different profession')}, "
                            "not a role in this data"]
        nearest = entry.get("nearest")
        close = [candidate(G, nearest)] if isinstance(nearest, str) and nearest in G else []
        if close:
            parts.append(f"; the nearest role here is {_describe(close[0])}")
        if onet.get("id"):
            parts += [f"; O*NET has {onet.get('title', onet['id'])} ({onet['id']}): try ", Hint("path", "onet"),
                      f' with "{onet.get("title", onet["id"])}"']
        return UnknownRoleError(parts, close)
    return None


def _unknown(G: nx.DiGraph, index: _Index, name: str) -> UnknownRoleError:
    """Unknown, with close matches (of the band asked for, if a band is named)."""
    ids = _in_view(G, index.suggest(name, 5 if G is derived.base_graph(G) else 50))
    phrase = parse_band(name)
    if phrase is not None:
        ids = [i for i in ids if band_matches(phrase.band, G.nodes[i].get("band"))]
    close = [candidate(G, i) for i in ids[:5]]
    hint = "; did you mean " + "; ".join(_describe(c) for c in close) + "?" if close else ""
    return UnknownRoleError(f"unknown role '{name.strip()}'{hint}", close)


def suggest_roles(G: nx.DiGraph, name: str, n: int = 5) -> list[str]:
    """Ids of up to ``n`` roles whose names are close to ``name``, best first.

    Whole names are scored with rapidfuzz's ``token_sort_ratio`` (at or above
    :data:`SUGGESTION_CUTOFF`); then come names in which every word typed is a word, or nearly.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph.
    name : str
        A name that may be misspelt.
    n : int, optional
        At most this many ids.

    Returns
    -------
    list of str
        Role ids, best first; empty if nothing is close.

    Examples
    --------
    >>> G = nx.DiGraph(); G.add_node("a", title="Alpha Worker"); G.add_node("b", title="Beta Lead")
    >>> suggest_roles(G, "alpah worker"), suggest_roles(G, "zzz")
    (['a'], [])
    """
    return _in_view(G, _role_index(G).suggest(name, n if G is derived.base_graph(G) else n * 10))[:n]


def find_qualification(G: nx.DiGraph, name: Any) -> str:
    """The id of the qualification whose id, title or alias is ``name``.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph (qualifications in ``G.graph["qualifications"]``, id -> fields).
    name : str
        A qualification id, title or alias, in any case or punctuation.

    Returns
    -------
    str
        The qualification's id.

    Raises
    ------
    UnknownQualificationError
        If no qualification or several have this name (``candidates`` lists close matches or
        the qualifications concerned).

    Examples
    --------
    >>> G = nx.DiGraph(qualifications={"hcpc": {"title": "HCPC registration"}})
    >>> find_qualification(G, "hcpc registration")
    'hcpc'
    """
    table = G.graph.get("qualifications", {})
    if not isinstance(name, str) or not name.strip():
        raise UnknownQualificationError("empty qualification name: give an id, title or alias")
    if name in table:
        return name
    index = derived.cached(G, "qualification-names", lambda: _Index(table.items()))
    ids = list(dict.fromkeys(index.lookup(name, "names") + index.lookup(name, "aliases")))
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise UnknownQualificationError(
            f"qualification name '{name.strip()}' is ambiguous: it could be "
            + "; ".join(f"{table[i].get('title', i)} ({i})" for i in ids) + "; give an id",
            [{"id": i, "title": table[i].get("title", i)} for i in ids])
    close = index.suggest(name)
    hint = "; did you mean " + "; ".join(f"{table[i].get('title', i)} ({i})" for i in close) + "?" if close else ""
    raise UnknownQualificationError(f"unknown qualification '{name.strip()}'{hint}",
                                    [{"id": i, "title": table[i].get("title", i)} for i in close])


def match_field_value(G: nx.DiGraph, field: str, value: str | None, argument: str | None = None) -> str | None:
    """A track or country as the data spells it, given in any case.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph.
    field : str
        The node attribute: ``"track"`` or ``"country"``.
    value : str or None
        The value asked for; ``None`` means no filter.
    argument : str, optional
        The name of the caller's parameter, for the message (default: ``field``).

    Returns
    -------
    str or None
        The value as the data spells it, or ``None`` if ``value`` is ``None``.

    Raises
    ------
    InvalidOptionError
        If no role has this value (the message lists those the data has).

    Examples
    --------
    >>> G = nx.DiGraph(); G.add_node("a", country="UK")
    >>> match_field_value(G, "country", "uk"), match_field_value(G, "country", None)
    ('UK', None)
    >>> match_field_value(G, "country", "FR", argument="to")
    Traceback (most recent call last):
    ...
    otgraph.errors.InvalidOptionError: to 'FR' is not a country in this data: use one of UK
    """
    from .errors import InvalidOptionError

    argument = argument or field
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidOptionError(f"{argument} must be a {field} name, not {value!r}", argument=argument)
    allowed = sorted({a[field] for _, a in G.nodes(data=True) if isinstance(a.get(field), str)})
    for option in allowed:
        if option.casefold() == value.strip().casefold():
            return option
    raise InvalidOptionError(f"{argument} {value!r} is not a {field} in this data: use one of "
                             f"{', '.join(allowed) or '(none)'}", argument=argument)
