"""The one step that settles which proposed entity mentions stand.

Proposers (``store.extract.mentions.STEPS``) each put forward candidate mentions, reading the article and the mentions
settled so far; they never edit that set themselves. ``settle`` admits a proposer's candidates by the policy the
proposer is declared with, so how candidates compete is decided here, in one place:

``FILL``
    a candidate goes in where no settled mention stands (the model's entities, the gazetteer, acronyms …);
``OVERRIDE``
    a candidate replaces the mentions inside it, unless one of them reaches outside it or comes from a table (has
    a canonical name, as every country has): a name run the sentence shows to be a person replaces the model's
    organisation inside it, never a country;
``REPLACE``
    a candidate replaces every mention it overlaps: revisions of a settled mention (its kind agreed across the
    article, its span trimmed) and layouts that decide outright (a line of sports results);
``NEST``
    a country named inside a settled organisation ("Israel's Foreign Ministry") stands inside it;
``WITHDRAW``
    a candidate names a settled mention that is no name after all (a law's title, a label in capitals), which
    goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from .entities import Mention


class Policy(Enum):
    FILL = "fill"
    OVERRIDE = "override"
    REPLACE = "replace"
    NEST = "nest"
    WITHDRAW = "withdraw"


def _admits(policy: Policy, m: Mention, hits: list[Mention]) -> bool:
    if policy is Policy.FILL:
        return not hits
    if policy is Policy.NEST:
        return bool(hits) and all(c.i <= m.i and m.j <= c.j and c.kind != "country" for c in hits)
    if policy is Policy.OVERRIDE:
        return not any(c.i < m.i or c.j > m.j or c.canon or c.kind == "country" for c in hits)
    return True


def _replaced(policy: Policy, m: Mention, hits: list[Mention]) -> list[Mention]:
    """The settled mentions a candidate admitted by ``policy`` puts aside. A country inside a candidate that is no
    country stays, nested in it ("Israel" in "Israel's Foreign Ministry")."""
    if policy in (Policy.FILL, Policy.NEST):
        return []
    return [
        c
        for c in hits
        if not (
            c.kind == "country"
            and m.kind != "country"
            and m.i <= c.i
            and c.j <= m.j
            and (c.i, c.j) != (m.i, m.j)
        )
    ]


def settle(chosen: list[Mention], proposals: Iterable[Mention], policy: Policy) -> list[Mention]:
    """The settled mentions, in text order, after admitting ``proposals`` (in their order) by ``policy``."""
    if policy is Policy.WITHDRAW:
        gone = {(m.i, m.j) for m in proposals}
        return [c for c in chosen if (c.i, c.j) not in gone]
    out: dict[int, Mention] = {id(c): c for c in chosen}
    owner: dict[int, list[Mention]] = {}
    for c in chosen:
        for k in range(c.i, c.j):
            owner.setdefault(k, []).append(c)
    for m in proposals:
        seen: dict[int, Mention] = {}
        for k in range(m.i, m.j):
            for c in owner.get(k, ()):
                seen[id(c)] = c
        hits = list(seen.values())
        if not _admits(policy, m, hits):
            continue
        for c in _replaced(policy, m, hits):
            del out[id(c)]
            for k in range(c.i, c.j):
                owner[k].remove(c)
        out[id(m)] = m
        for k in range(m.i, m.j):
            owner.setdefault(k, []).append(m)
    return sorted(out.values(), key=lambda c: (c.start, -c.end))
