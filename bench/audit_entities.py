"""What a reader checks on a store's entities, printed: do people hold together, are the countries real.

    python -m bench.audit_entities STORE [--top 10]

- The most mentioned people, each with articles, mentions, the roles the store gives them and the other names it
  filed under them (aliases): a sensible entity page has one person under one name.
- One person, one entity: for each surname shared by person entities, the share of its person mentions that land in
  the largest entity of that surname (Trump: "Donald Trump", "Donald J. Trump", "Mr. Trump" … should be one).
  Family members and namesakes are rightly apart; the list shows who the rest are, to judge.
- Phantom countries: countries whose every mention is a code or an abbreviation ("AND", "Sen.", "Ind."), which is
  how an ordinary word became a country before.
- Junk suspects: entity names in capitals, with an account handle, or with a possessive inside.

Reads the store read-only with the standard library; writes nothing.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

_CODE = re.compile(r"^(?:[A-Z]{2,3}|[A-Z][a-z]{0,3}\.|[A-Z]\.(?:[A-Z]\.)+)$")


def _connect(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise SystemExit(f"no store at {path}")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _mention_texts(conn: sqlite3.Connection, entity_ids: list[int]) -> dict[int, Counter]:
    """Per entity, how often each surface text of its mentions occurs."""
    out: dict[int, Counter] = defaultdict(Counter)
    if not entity_ids:
        return out
    marks = ",".join("?" * len(entity_ids))
    rows = conn.execute(
        f"SELECT m.entity_id, substr(a.text, m.start + 1, m.end - m.start) FROM mentions m "
        f"JOIN articles a ON a.id = m.article_id WHERE m.entity_id IN ({marks})",
        entity_ids,
    )
    for entity_id, text in rows:
        out[entity_id][" ".join(text.split())] += 1
    return out


def top_people(conn: sqlite3.Connection, top: int) -> None:
    people = conn.execute(
        "SELECT id, name, article_count, mention_count FROM entities WHERE kind = 'person' "
        "ORDER BY article_count DESC, mention_count DESC LIMIT ?",
        (top,),
    ).fetchall()
    texts = _mention_texts(conn, [p[0] for p in people])
    print(f"\n## The {len(people)} most mentioned people")
    for entity_id, name, articles, mentions in people:
        roles = Counter(
            role
            for (role,) in conn.execute("SELECT role FROM entity_roles WHERE entity_id = ?", (entity_id,))
        )
        forms = ", ".join(f"{t} ×{n}" for t, n in texts[entity_id].most_common(6))
        print(f"- {name}: {articles} articles, {mentions} mentions")
        print(f"    written as: {forms}")
        if roles:
            print(f"    roles: {', '.join(f'{r} ×{n}' for r, n in roles.most_common(4))}")


def surnames(conn: sqlite3.Connection, top: int) -> None:
    by_surname: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
    for entity_id, name, mentions in conn.execute(
        "SELECT id, name, mention_count FROM entities WHERE kind = 'person'"
    ):
        words = name.replace("’s", "").replace("'s", "").split()
        if words:
            by_surname[words[-1].lower()].append((entity_id, name, mentions))
    shared = sorted(
        ((s, ents) for s, ents in by_surname.items() if len(ents) > 1),
        key=lambda item: -sum(m for _, _, m in item[1]),
    )[:top]
    print(
        f"\n## One person, one entity: the {len(shared)} surnames with most person mentions over several entities"
    )
    for surname, ents in shared:
        ents.sort(key=lambda e: -e[2])
        total = sum(m for _, _, m in ents)
        rest = ", ".join(f"{n} ({m})" for _, n, m in ents[1:6])
        more = f" and {len(ents) - 6} more" if len(ents) > 6 else ""
        print(
            f"- {surname}: {ents[0][2] / total:.0%} of {total} mentions in {ents[0][1]}; the rest: {rest}{more}"
        )


def phantom_countries(conn: sqlite3.Connection) -> None:
    countries = conn.execute(
        "SELECT id, name, code, article_count FROM entities WHERE kind = 'country' ORDER BY article_count DESC"
    ).fetchall()
    texts = _mention_texts(conn, [c[0] for c in countries])
    phantoms = [
        (name, code, articles, texts[entity_id])
        for entity_id, name, code, articles in countries
        if texts[entity_id] and all(_CODE.match(t) for t in texts[entity_id])
    ]
    print(f"\n## Countries: {len(countries)}; the most mentioned")
    print("   " + ", ".join(f"{name} {articles}" for _, name, _, articles in countries[:15]))
    print(f"## Phantom countries (every mention a code or an abbreviation): {len(phantoms)}")
    for name, code, articles, forms in phantoms:
        print(f"- {name} ({code}): {articles} articles, written only as {', '.join(forms)}")


def junk(conn: sqlite3.Connection, top: int) -> None:
    rows = conn.execute(
        "SELECT kind, name, article_count FROM entities ORDER BY article_count DESC"
    ).fetchall()
    suspects = [
        (kind, name, articles)
        for kind, name, articles in rows
        if "@" in name
        or re.search(r"\w['’]s\s+\w", name)
        or (kind != "country" and len(name) > 4 and name.isupper() and " " not in name.strip())
    ]
    print(
        f"\n## Junk suspects (capitals, handles, possessives inside): {len(suspects)} of {len(rows)} entities"
    )
    for kind, name, articles in suspects[:top]:
        print(f"- {kind}: {name} ({articles} articles)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)
    conn = _connect(args.store)
    (articles,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    kinds = dict(conn.execute("SELECT kind, count(*) FROM entities GROUP BY kind"))
    print(f"# Entity audit of {args.store}: {articles} articles, entities by kind {kinds}")
    top_people(conn, args.top)
    surnames(conn, args.top)
    phantom_countries(conn)
    junk(conn, args.top * 2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
