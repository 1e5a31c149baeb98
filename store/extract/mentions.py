"""An article's entity mentions: candidates from named proposers, settled by one arbiter.

``STEPS`` is the whole method, in order. Each proposer reads the article and the mentions settled so far and
puts forward candidates; ``arbiter.settle`` admits them by the proposer's policy. The first steps read the text
itself (the layout, the model's entities, the tables, the forms of names); the next read the article's own
evidence (a surname of someone named in full, a list of people, a headline in capitals); then a name takes one
kind across the article, and last what is no name is withdrawn and names are trimmed to what they name.
Every candidate put forward is kept in ``doc.spans["newsdesk_candidates"]`` (labelled by kind, its id the
proposer's name), to see why a mention stands or not.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from ..models import Block
from . import entities as e
from . import names_from_article as article
from . import names_from_text as text
from . import not_names
from .arbiter import Policy, settle
from .entities import Context, Mention
from .names import structural

CANDIDATES = "newsdesk_candidates"

Proposer = Callable[[Doc, Context, list[Mention]], list[Mention]]


def _model(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """The model's entities (trimmed, classified by the tables)."""
    return [m for m in ctx.model if m.source != "nested"]


def _nested(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """Countries named inside the model's organisations ("Israel's Foreign Ministry")."""
    return [m for m in ctx.model if m.source == "nested"]


STEPS: tuple[tuple[str, Proposer, Policy], ...] = (
    # the text itself
    ("layout", text.layout_names, Policy.FILL),
    ("model", _model, Policy.FILL),
    ("nested", _nested, Policy.NEST),
    ("outlets", text.outlets, Policy.FILL),
    ("gazetteer", text.gazetteer_names, Policy.FILL),
    ("hyphen", text.hyphen_countries, Policy.FILL),
    ("country-pairs", text.country_pairs, Policy.REPLACE),
    ("place-heads", text.place_heads, Policy.OVERRIDE),
    ("org-runs", text.org_runs, Policy.FILL),
    ("party-tagged-people", text.party_tagged_people, Policy.REPLACE),
    # the article's own evidence
    ("people-by-context", article.people_by_context, Policy.OVERRIDE),
    ("surname-kinds", article.surname_kinds, Policy.REPLACE),
    ("surname-particles", article.surname_particles, Policy.REPLACE),
    ("surname-recurrences", article.surname_recurrences, Policy.FILL),
    ("name-recurrences", article.name_recurrences, Policy.FILL),
    ("people-by-form", article.people_by_form, Policy.REPLACE),
    ("initialled-names", article.initialled_names, Policy.FILL),
    ("people-in-lists", article.people_in_lists, Policy.OVERRIDE),
    ("teams-in-results", article.teams_in_results, Policy.REPLACE),
    # one name, one kind
    ("one-name-one-kind", article.one_name_one_kind, Policy.REPLACE),
    ("places-not-people", article.places_not_people, Policy.REPLACE),
    ("acronyms", text.acronyms, Policy.FILL),
    ("credit-orgs", text.credit_orgs, Policy.FILL),
    ("country-institutions", text.country_institutions, Policy.REPLACE),
    # no names, and names cut to what they name
    ("not-entities", not_names.not_entities, Policy.WITHDRAW),
    ("party-tag-parts", text.party_tag_parts, Policy.WITHDRAW),
    ("plural-openers", not_names.plural_openers, Policy.WITHDRAW),
    ("labels-and-handles", not_names.labels_and_handles, Policy.WITHDRAW),
    ("names-cut-out", not_names.names_cut_out, Policy.REPLACE),
    ("names-in-capitals", article.names_in_capitals, Policy.FILL),
    ("person-openings", not_names.person_openings, Policy.REPLACE),
    ("described-orgs", article.described_orgs, Policy.REPLACE),
)


def find_mentions(doc: Doc, blocks: list[Block], source: str | None = None) -> list[Mention]:
    """Every entity mention in ``doc``, in text order, none overlapping another (nested countries excepted)."""
    doc.user_data["text"] = doc.text
    blocks = sorted(blocks, key=lambda b: b.start)
    layout = structural(doc, blocks, source)
    ctx = Context(blocks, layout, e.model_mentions(doc, blocks, layout))
    found: list[Mention] = []
    proposed: list[Span] = []
    for name, propose, policy in STEPS:
        candidates = propose(doc, ctx, found)
        proposed += [_span(doc, m, name) for m in candidates]
        found = settle(found, candidates, policy)
    doc.spans[CANDIDATES] = proposed
    return found


def _span(doc: Doc, m: Mention, proposer: str) -> Span:
    return Span(doc, m.i, m.j, label=m.kind, kb_id=m.canon or "", span_id=proposer)
