"""One entity per real-world thing within an article, with roles and the country a role ties a person to."""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .. import countries
from .entities import Mention, company_first_words, surname_forms
from .lexicon import DETERMINERS, FEMALE_HONORIFICS, MALE_HONORIFICS, PRONOUNS, TITLE_WORDS, table, words

_STOP_INITIALS = words("acronym_skipped_words")


@dataclass(slots=True)
class ArticleEntity:
    """An entity as one article knows it: canonical name, kind, role, and its mentions (char spans)."""

    kind: str
    name: str
    code: str | None = None
    role: str | None = None
    country_code: str | None = None
    gender: str | None = None
    age: int | None = None
    mentions: list[Mention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        """The identity of this entity across the store."""
        if self.kind == "country" and self.code:
            return self.code
        return person_key(self.name) if self.kind == "person" else countries.fold(self.name)


def person_key(name: str) -> str:
    """A person's identity: the folded name without middle initials ("Donald J. Trump" is "donald trump")."""
    words = countries.fold(name).split()
    if len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]]
    return " ".join(words)


def _initials(name: str) -> str:
    return "".join(
        w[0] for w in name.replace("-", " ").split() if w.lower() not in _STOP_INITIALS and w[:1].isupper()
    )


def resolve(doc: Doc, mentions: list[Mention]) -> list[ArticleEntity]:
    """Group mentions into entities: full names absorb surnames, acronyms join their expansions."""
    entities: dict[tuple[str, str], ArticleEntity] = {}
    order: list[tuple[str, str]] = []

    def get(kind: str, key: str, name: str, code: str | None = None) -> ArticleEntity:
        if (kind, key) not in entities:
            entities[(kind, key)] = ArticleEntity(kind=kind, name=name, code=code)
            order.append((kind, key))
        return entities[(kind, key)]

    # people: full names first, so a surname can find its owner
    full: list[tuple[str, ArticleEntity]] = []
    people = [m for m in mentions if m.kind == "person"]
    names = sorted(
        {" ".join(m.text(doc).split()) for m in people if " " in m.text(doc).strip()}, key=lambda n: -len(n)
    )
    forms = {f for n in names for f in surname_forms(n) if " " in f}
    first_seen = {}
    for m in people:
        name = " ".join(m.text(doc).split())
        if " " in name and countries.fold(name) not in forms:  # "Van Dijk" is a surname of "Marieke van Dijk"
            first_seen.setdefault(name, m.start)
    # a name in capitals (a headline's) is the person's name only when the article never writes it otherwise
    for name in sorted(first_seen, key=lambda n: (n.isupper(), first_seen[n])):
        ent = get("person", person_key(name), name)
        for surname in surname_forms(name):
            full.append((surname, ent))
    # the owners of each surname form and of each first word, indexed once (a lookup per mention, not a scan)
    by_form: dict[str, dict[int, ArticleEntity]] = {}
    by_first: dict[str, list[ArticleEntity]] = {}
    for surname, ent in full:
        by_form.setdefault(surname, {})[id(ent)] = ent
        by_first.setdefault(countries.fold(ent.name).split()[0], []).append(ent)
    # "Vantor" for "Vantor Logistics": a company's first word alone names the company
    firsts = company_first_words(doc, mentions)
    deferred: list[tuple[Mention, list[ArticleEntity], str]] = []
    defined: dict[str, ArticleEntity] = {}  # "Kosovo Force (KFOR)": acronym → the name it abbreviates
    last: tuple[Mention, ArticleEntity] | None = None
    for m in mentions:
        text = " ".join(m.text(doc).split())
        if last is not None and _defines(doc, last[0], m, text):
            defined.setdefault(text.replace(".", ""), last[1])
        if m.kind == "person":
            key = countries.fold(text)
            named = entities.get(("person", person_key(text))) if " " in text else None
            if named is not None:
                ent = named
            else:
                owners = list(by_form.get(key, {}).values()) or list(by_first.get(key, ()))
                # with two people of that surname, the one named most recently before this mention
                prev = doc[m.i - 1].lower_ if m.i > 0 else ""
                if len(owners) > 1 and (prev in MALE_HONORIFICS or prev in FEMALE_HONORIFICS):
                    deferred.append((m, owners, "m" if prev in MALE_HONORIFICS else "f"))
                    continue
                ent = _latest(owners, m) if owners else get("person", key, text)
        elif m.kind == "country":
            ent = get("country", m.code or countries.fold(text), m.canon or text, m.code)
        elif m.kind == "organization" and m.canon:
            ent = get("organization", countries.fold(m.canon), m.canon)
        elif m.kind == "organization" and not m.canon and countries.fold(text) in firsts:
            key = firsts[countries.fold(text)]
            ent = entities.get(("organization", key)) or get("organization", countries.fold(text), text)
        else:
            ent = get(m.kind, countries.fold(m.canon or text), m.canon or text)
        ent.mentions.append(m)
        ent.aliases.add(text)
        if m.kind == "organization":
            last = (m, ent)

    _merge_acronyms(entities, order, defined)
    result = [entities[k] for k in order if k in entities]
    if deferred:  # "Ms. Petrović" with two Petrovićs: the one of that gender, by the pronouns used of each
        _genders_from_pronouns(doc, result)
        starts: dict[int, list[int]] = {}
        for m, owners, gender in deferred:
            fitting = (
                [e for e in owners if e.gender == gender] or [e for e in owners if e.gender is None] or owners
            )
            ent = _latest(fitting, m, starts)
            ent.mentions.append(m)
            if id(ent) in starts:
                insort(starts[id(ent)], m.start)
            ent.aliases.add(" ".join(m.text(doc).split()))
    people = {k for m in mentions if m.kind == "person" for k in range(m.i, m.j)}
    for ent in result:
        ent.mentions.sort(key=lambda m: m.start)
        if ent.kind == "person":
            _person_details(doc, ent, mentions, people)
    _genders_from_pronouns(doc, result)
    return result


def _latest(
    owners: list[ArticleEntity], m: Mention, starts: dict[int, list[int]] | None = None
) -> ArticleEntity:
    """Of the people a surname may name, the one named most recently before it. In the first pass every owner's
    mentions are in text order, so the last one before ``m`` is found from the end; after it, ``starts`` keeps
    each owner's mention starts sorted (filled as needed), searched by bisection."""
    if len(owners) == 1:
        return owners[0]

    def last_before(e: ArticleEntity) -> int:
        if starts is None:
            return next((x.start for x in reversed(e.mentions) if x.start < m.start), -1)
        mine = starts.get(id(e))
        if mine is None:
            mine = starts[id(e)] = sorted(x.start for x in e.mentions)
        k = bisect_left(mine, m.start)
        return mine[k - 1] if k else -1

    return max(owners, key=last_before)


_FEMALE_ROLES = words("female_role_nouns")
_MALE_ROLES = words("male_role_nouns")
_GENDERED = {word: gender for word, gender in PRONOUNS.items() if gender}


_COREFERENT_DEPS = ("poss", "nsubj", "nsubjpass")


def _genders_from_pronouns(doc: Doc, entities: list[ArticleEntity]) -> None:
    """A person, the subject and the only person of a sentence, with a gendered pronoun after the name ("Ana
    Petrović wrote on her blog", "Cook said he was proud") is of that gender when every such sentence agrees."""
    first_in_sent: dict[int, list[tuple[int, ArticleEntity]]] = {}
    for ent in entities:
        if ent.kind == "person":
            for m in ent.mentions:
                first_in_sent.setdefault(doc[m.i].sent.start, []).append((m.j, ent))
    seen: dict[int, set[str]] = {}
    for start, items in first_in_sent.items():
        if len({id(e) for _, e in items}) != 1:
            continue
        end_of_name, ent = min(items, key=lambda x: x[0])
        if doc[end_of_name - 1].dep_ not in ("nsubj", "nsubjpass"):
            continue
        sent_end = doc[start].sent.end
        for tok in doc[end_of_name:sent_end]:
            coreferent = tok.dep_ in _COREFERENT_DEPS or tok.lower_ in ("himself", "herself")
            if tok.lower_ in _GENDERED and coreferent and not _in_quotes(tok):
                seen.setdefault(id(ent), set()).add(_GENDERED[tok.lower_])
    for ent in entities:
        genders = seen.get(id(ent), set())
        if ent.gender is None and len(genders) == 1:
            ent.gender = next(iter(genders))


def _in_quotes(tok: Token) -> bool:
    """Whether a pronoun sits between quote marks earlier in its sentence (speech, not narration)."""
    marks = sum(1 for t in tok.sent if t.i < tok.i and t.is_quote)
    return marks % 2 == 1


def _defines(doc: Doc, prev: Mention, m: Mention, text: str) -> bool:
    """Whether ``m`` is an acronym in parentheses right after the organisation it abbreviates."""
    return (
        prev.kind == "organization"
        and m.kind == "organization"
        and m.i == prev.j + 1
        and doc[prev.j].text == "("
        and text.replace(".", "").isupper()
        and len(text) <= 8
    )


def _merge_acronyms(
    entities: dict[tuple[str, str], ArticleEntity],
    order: list[tuple[str, str]],
    defined: dict[str, ArticleEntity],
) -> None:
    """ "IHRA" and "International Holocaust Remembrance Alliance" in one article are one organisation, and so
    are "Kosovo Force (KFOR)" and "KFOR" (an acronym defined in parentheses, whatever its letters)."""
    orgs = [k for k in order if k[0] == "organization"]
    for k in orgs:
        acr = entities.get(k)
        if acr is None or not acr.name.replace(".", "").isupper() or len(acr.name) > 8:
            continue
        letters = acr.name.replace(".", "")
        owner = defined.get(letters)
        if owner is not None and owner is not acr:
            owner.mentions.extend(acr.mentions)
            owner.aliases |= acr.aliases
            del entities[k]
            continue
        for other in orgs:
            full = entities.get(other)
            if full is None or full is acr or len(full.name.split()) < 2:
                continue
            if _initials(full.name).upper() == letters:
                full.mentions.extend(acr.mentions)
                full.aliases |= acr.aliases
                del entities[k]
                break


def _person_details(doc: Doc, ent: ArticleEntity, mentions: list[Mention], people: set[int]) -> None:
    """Role from a title before a mention or an apposition after it (the fullest one wins); gender from
    honorifics and gendered titles; the country a role names."""
    roles: list[tuple[str, int, int]] = []
    for m in ent.mentions:
        prev = doc[m.i - 1] if m.i > 0 else None
        if prev is not None and prev.lower_ in MALE_HONORIFICS:
            ent.gender = ent.gender or "m"
        if prev is not None and prev.lower_ in FEMALE_HONORIFICS:
            ent.gender = ent.gender or "f"
        roles.extend(r for r in (_title_before(doc, m, people), _apposition(doc, m)) if r)
        ent.age = ent.age or _age_after(doc, m)
    if not roles:
        roles = [r for m in ent.mentions if (r := _relative_role(doc, m))][:1]
    if not roles:
        return
    text, start, end = max(roles, key=lambda r: (len(r[0].split()), -r[1]))
    ent.role = text
    words = set(text.lower().split())
    if ent.gender is None:
        if words & _FEMALE_ROLES:
            ent.gender = "f"
        elif words & _MALE_ROLES:
            ent.gender = "m"
    for other in mentions:
        if other.kind == "country" and start <= other.start and other.end <= end:
            ent.country_code = other.code
            return
    for word in text.replace("'s", "").replace("’s", "").split():
        if not word[:1].isupper():
            continue  # "and", "sen.": a role names a country by its name or demonym, capitalised
        if c := countries.by_name(word) or countries.by_demonym(word):
            ent.country_code = c.code
            return


def _age_after(doc: Doc, m: Mention) -> int | None:
    """ "Ruud Hoekstra, 46, said": an age set off by commas right after a name."""
    if m.j + 2 < len(doc) and doc[m.j].text == "," and doc[m.j + 2].text in (",", ".", ")"):
        tok = doc[m.j + 1]
        if tok.is_digit and 12 <= int(tok.text) <= 110:
            return int(tok.text)
    return None


_ROLE_VERBS = table("role_verbs")


def _relative_role(doc: Doc, m: Mention) -> tuple[str, int, int] | None:
    """ "Mamadou Diouf, who chairs the electoral commission," → "chair of the electoral commission"."""
    head = doc[m.j - 1]
    for rel in head.children:
        if rel.dep_ != "relcl" or rel.i < head.i or rel.lemma_ not in _ROLE_VERBS:
            continue
        if not any(c.lower_ == "who" and c.dep_ in ("nsubj", "nsubjpass") for c in rel.children):
            continue
        obj = next((c for c in rel.children if c.dep_ == "dobj"), None)
        if obj is None:
            continue
        left, right = obj.left_edge.i, obj.right_edge.i + 1
        while right > left and (doc[right - 1].is_punct or doc[right - 1].text == "("):
            right -= 1
        right = next((k for k in range(left, right) if doc[k].text in "(,"), right)
        span = doc[left:right]
        if 0 < len(span) <= 8:
            text = f"{_ROLE_VERBS[rel.lemma_]} of {' '.join(span.text.split())}"
            return text, span.start_char, span.end_char
    return None


def _title_before(doc: Doc, m: Mention, people: set[int]) -> tuple[str, int, int] | None:
    """ "Kosovo Foreign Minister Meliza Haradinaj": capitalised words and title words right before the name
    (``people``: the tokens of every person's mention, where a title stops)."""
    k = m.i - 1
    start = None
    has_title = False
    while k >= 0:
        tok = doc[k]
        low = tok.lower_
        if k in people or low in DETERMINERS or tok.is_space or (tok.is_punct and tok.text != "-"):
            break
        if low in TITLE_WORDS:
            has_title = True
        elif has_title and tok.dep_ in ("compound", "amod") and tok.pos_ in ("NOUN", "ADJ") and tok.is_lower:
            pass  # "government spokesman", "former prime minister"
        elif not (tok.text[:1].isupper() or tok.text in ("'s", "’s", "-") or low in ("of", "for", "general")):
            break
        start = k
        k -= 1
    if start is None or not has_title:
        return None
    while start < m.i and doc[start].lower_ in ("of", "for", "and"):
        start += 1
    span = doc[start : m.i]
    return " ".join(span.text.split()), span.start_char, span.end_char


def _apposition(doc: Doc, m: Mention) -> tuple[str, int, int] | None:
    """ "Peter Stano, the EU spokesman, said": an appositive noun phrase headed by a title word."""
    head = doc[m.j - 1]
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i and child.lower_ in TITLE_WORDS | {"head", "leader"}:
            left = child.left_edge.i
            right = child.right_edge.i + 1
            while left < right and (doc[left].lower_ in DETERMINERS or doc[left].is_punct):
                left += 1
            while right > left and doc[right - 1].is_punct:
                right -= 1
            span = doc[left:right]
            if 0 < len(span) <= 12:
                return " ".join(span.text.split()), span.start_char, span.end_char
    return _title_in_front(doc, head)


def _title_in_front(doc: Doc, head: Token) -> tuple[str, int, int] | None:
    """ "Kosovo's Minister of Trade, Elira Berisha," / "Her lawyer, Nikola Stojanović,": the name is in
    apposition to a title before it."""
    title = head.head
    if head.dep_ != "appos" or title.i >= head.i or title.lower_ not in TITLE_WORDS:
        return None
    left = title.left_edge.i
    while left < title.i and (
        doc[left].lower_ in DETERMINERS or doc[left].pos_ == "PRON" or doc[left].is_punct
    ):
        left += 1
    right = title.i + 1
    while right < head.i and not doc[right].is_punct:
        right += 1
    span = doc[left:right]
    if 0 < len(span) <= 10:
        return " ".join(span.text.split()), span.start_char, span.end_char
    return None
