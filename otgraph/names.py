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
from collections.abc import Iterable
from typing import Any

import networkx as nx
import orjson

from . import derived
from .errors import AmbiguousRoleError, UnknownQualificationError, UnknownRoleError
from .labels import rank_label

__all__ = [
    "SUGGESTION_CUTOFF", "UK_US_SPELLINGS", "candidate", "find_qualification", "find_role", "match_field_value",
    "normalize_name", "require_role", "role_title", "suggest_roles",
]

_NOT_WORD = re.compile(r"[\W_]+")

#: British spellings folded to American ones, so either finds a role ("Paediatric" or "Pediatric").
UK_US_SPELLINGS = {
    "paediatric": "pediatric", "paediatrics": "pediatrics", "orthopaedic": "orthopedic",
    "orthopaedics": "orthopedics", "haem": "hem", "haematology": "hematology", "haemoncology": "hemoncology",
    "licence": "license", "licenced": "licensed", "programme": "program", "programmes": "programs",
    "centre": "center", "centres": "centers", "behaviour": "behavior", "behavioural": "behavioral",
    "organisation": "organization", "specialised": "specialized", "specialisation": "specialization",
    "labour": "labor", "counselling": "counseling", "counsellor": "counselor",
}

#: Suggestions on a miss: the rapidfuzz token_sort_ratio score (0-100) a name must reach to be offered.
SUGGESTION_CUTOFF = 80


def normalize_name(name: str) -> str:
    """Lower-case a name, reduce punctuation and spacing to single spaces, and fold British
    spellings to American ones.

    Parameters
    ----------
    name : str
        A role or qualification name as someone typed it.

    Returns
    -------
    str
        The key names are compared by (see :data:`UK_US_SPELLINGS`).

    Examples
    --------
    >>> normalize_name("  Paediatric Occupational-Therapist ")
    'pediatric occupational therapist'
    """
    words = _NOT_WORD.sub(" ", name.casefold()).split()
    return " ".join(UK_US_SPELLINGS.get(w, w) for w in words)


def _singular(key: str) -> str:
    """The key with its last word made singular ("occupational therapists" -> "... therapist")."""
    head, _, last = key.rpartition(" ")
    if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        last = last[:-3] + "y" if last.endswith("ies") else last[:-1]
    return f"{head} {last}" if head else last


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


class _Index:
    """Normalized id, title and alias (and their singular forms) -> ids, for roles or qualifications."""

    def __init__(self, items: Iterable[tuple[str, dict[str, Any]]]):
        self.exact: dict[str, list[str]] = {}
        self.folded: dict[str, list[str]] = {}
        for key_id, attrs in items:
            for label in (key_id, attrs.get("title", ""), *attrs.get("aliases", ())):
                key = normalize_name(str(label))
                if key:
                    for table, k in ((self.exact, key), (self.folded, _singular(key))):
                        ids = table.setdefault(k, [])
                        if key_id not in ids:
                            ids.append(key_id)

    def lookup(self, name: str) -> list[str]:
        key = normalize_name(name)
        return self.exact.get(key) or self.folded.get(_singular(key), [])

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """Close names, best first: whole names by rapidfuzz's token_sort_ratio, then names in
        which every word typed is a word, or nearly ("alpah" finds "Alpha Worker")."""
        from rapidfuzz import fuzz, process

        key = normalize_name(name)
        if not key:
            return []
        matches = [m for m, _, _ in process.extract(key, list(self.exact), scorer=fuzz.token_sort_ratio,
                                                     limit=n * 3, score_cutoff=SUGGESTION_CUTOFF)]
        if len(matches) < n and len(key) >= 3:
            words = {w for k in self.exact for w in k.split()}
            near = [{w, *(m for m, _, _ in process.extract(w, words, scorer=fuzz.ratio, limit=3,
                                                           score_cutoff=SUGGESTION_CUTOFF))}
                    for w in key.split()]
            matches += sorted((k for k in self.exact
                               if k not in matches and all(set(k.split()) & options for options in near)), key=len)
        found: list[str] = []
        for match in matches:
            for i in self.exact[match]:
                if i not in found:
                    found.append(i)
        return found[:n]


#: The name the role-name index is kept under (see :mod:`otgraph.derived`).
ROLE_NAMES = "role-names"


def _role_index(G: nx.DiGraph) -> _Index:
    """The role-name index of the base graph of ``G`` (a view filters what it finds)."""
    return derived.cached(G, ROLE_NAMES, lambda: _built_index(derived.base_graph(G)))


def _built_index(G: nx.DiGraph) -> _Index:
    index = _recalled_index(G)
    if index is None:
        index = _Index(G.nodes(data=True))
        derived.keep(G, ROLE_NAMES, orjson.dumps({"roles": len(G), "exact": index.exact, "folded": index.folded}))
    return index


def _in_view(G: nx.DiGraph, ids: list[str]) -> list[str]:
    """The ids found in the base graph's index that ``G`` (a view, perhaps) has."""
    return ids if derived.base_graph(G) is G else [i for i in ids if i in G]


def _recalled_index(G: nx.DiGraph) -> _Index | None:
    """The role-name index kept for this graph (O*NET's would take 50-100 ms to build), or None."""
    payload = derived.recall(G, ROLE_NAMES)
    if payload is None:
        return None
    try:
        kept = orjson.loads(payload)
        exact, folded = kept["exact"], kept["folded"]
        if kept["roles"] != len(G) or not (isinstance(exact, dict) and isinstance(folded, dict)):
            return None
    except (ValueError, TypeError, KeyError):
        return None
    index = _Index(())
    index.exact, index.folded = exact, folded
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
    ids = _in_view(G, index.lookup(name))
    if len(ids) == 1:
        return ids[0]
    if ids:
        found = [candidate(G, i) for i in ids]
        raise AmbiguousRoleError(
            f"role name '{name.strip()}' is ambiguous: it could be " + "; ".join(_describe(c) for c in found)
            + "; give an id", found)
    close = [candidate(G, i) for i in _in_view(G, index.suggest(name, 5 if G is derived.base_graph(G) else 50))[:5]]
    hint = "; did you mean " + "; ".join(_describe(c) for c in close) + "?" if close else ""
    raise UnknownRoleError(f"unknown role '{name.strip()}'{hint}", close)


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
    ids = index.lookup(name)
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
