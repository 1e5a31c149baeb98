"""newsdesk's extraction as spaCy components: what each one leaves on the Doc, read as a spaCy user would."""

from __future__ import annotations

import pytest

from store.extract import nlp as nlp_loader
from store.extract.components import PIPES, extractor
from store.readers import compose, parse_text


def _run(*paragraphs: str):
    raw = compose("case.txt", title="A test article", paragraphs=list(paragraphs))
    nlp = nlp_loader.load()
    doc = nlp_loader.parse(nlp, raw.text)
    doc._.newsdesk_article = raw
    return extractor(doc.vocab)(doc)


def test_the_components_run_in_order_on_the_parsed_doc():
    nlp = nlp_loader.load()
    assert tuple(extractor(nlp.vocab).pipe_names) == PIPES
    assert extractor(nlp.vocab) is extractor(nlp.vocab)  # built once per model


def test_the_gazetteer_proposes_names_however_they_are_spelt():
    doc = _run("Envoys of the U.S., Côte d’Ivoire and the Netherlands met Kenyan officials and Democrats.")
    proposed = {(s.text, s.label_) for s in doc.spans["newsdesk_gazetteer"]}
    assert {("U.S.", "country"), ("Côte d’Ivoire", "country"), ("Kenyan", "demonym")} <= proposed
    assert ("the Netherlands", "country") in proposed and ("Democrats", "party") in proposed


def test_the_gazetteer_proposes_no_code_or_title_as_a_country():
    doc = _run("Sen. Warren AND Rep. Chu ARE in Ind. today.")
    assert [s.text for s in doc.spans["newsdesk_gazetteer"] if s.label_ == "country"] == []


def test_mentions_entities_quotes_and_speakers_are_left_on_the_doc():
    doc = _run(
        "Grace Okafor, a lawyer in Nairobi, spoke on Monday.",
        '"We will appeal," Okafor said. "The ruling ignores the evidence."',
    )
    kinds = {s.text: s.label_ for s in doc.spans["newsdesk_mentions"]}
    assert kinds["Grace Okafor"] == "person" and kinds["Nairobi"] == "place"
    names = [e.name for e in doc._.newsdesk_entities]
    assert "Grace Okafor" in names
    assert [s.text for s in doc.spans["newsdesk_quotes"]] == [
        "We will appeal,",
        "The ruling ignores the evidence.",
    ]
    speakers = [names[q.speaker] if q.speaker is not None else None for q in doc._.newsdesk_quotes]
    assert speakers == ["Grace Okafor", "Grace Okafor"]


def test_every_candidate_is_kept_with_the_proposer_that_put_it_forward():
    doc = _run(
        "The Coastal Fisheries Protection Act passed; Ruth Adeyemi of the Harbour Trust voted against it."
    )
    proposed = {(s.text, s.id_) for s in doc.spans["newsdesk_candidates"]}
    assert ("Ruth Adeyemi", "model") in proposed
    withdrawn = {s.text for s in doc.spans["newsdesk_candidates"] if s.id_ == "not-entities"}
    assert (
        "The Coastal Fisheries Protection Act" in withdrawn or "Coastal Fisheries Protection Act" in withdrawn
    )
    standing = {s.text for s in doc.spans["newsdesk_mentions"]}
    assert "Ruth Adeyemi" in standing and not any("Protection Act" in t for t in standing)


def test_each_quote_says_which_reading_named_its_speaker():
    doc = _run(
        "Grace Okafor, a lawyer in Nairobi, spoke on Monday.",
        '"We will appeal," Okafor said. "The ruling ignores the evidence."',
        'The plan would cost "far more than anyone admits", according to Tomas Berg.',
    )
    by = [q.extra.get("speaker_by") for q in doc._.newsdesk_quotes]
    assert by == ["speech-verb", "continuation", "according-to"]


def _datelines(text: str) -> list[tuple[str, str]]:
    raw = parse_text(text, "dateline.txt")
    doc = nlp_loader.parse(nlp_loader.load(), raw.text)
    doc._.newsdesk_article = raw
    doc = extractor(doc.vocab)(doc)
    return [(p.label_, p.text) for p in doc.spans["newsdesk_dateline_parts"]]


@pytest.mark.parametrize(
    ("opening", "parts"),
    [
        (
            "WILKES-BARRE, Pa. (AP) — Police said.",
            [("city", "WILKES-BARRE"), ("region", "Pa."), ("outlet", "AP")],
        ),
        (
            "LONDON, Dec. 2 (UPI) -- Police said.",
            [("city", "LONDON"), ("region", "Dec. 2"), ("outlet", "UPI")],
        ),
        ("(Reuters) - Police said.", [("outlet", "Reuters")]),
        ("ST. LOUIS — Police said.", [("city", "ST. LOUIS")]),
    ],
)
def test_a_dateline_opening_a_line_is_proposed_with_its_parts(opening, parts):
    assert _datelines(f"Headline\n\n{opening}\n") == parts


@pytest.mark.parametrize(
    "opening",
    [
        "Police in NEW YORK (AP) - said nothing.",  # not where a line opens
        "Washington (AP) - lower-case cities are no dateline.",
        "WASHINGTON (AP)—with no space after the dash.",
    ],
)
def test_no_dateline_inside_a_line_in_lower_case_or_without_a_spaced_dash(opening):
    assert _datelines(f"Headline\n\n{opening}\n") == []


def test_a_dateline_city_becomes_a_place_with_its_name_in_title_case():
    raw = parse_text("Headline\n\nWILKES-BARRE, Pa. (AP) — Police said.\n", "dateline.txt")
    doc = nlp_loader.parse(nlp_loader.load(), raw.text)
    doc._.newsdesk_article = raw
    names = {e.name: e.kind for e in extractor(doc.vocab)(doc)._.newsdesk_entities}
    assert names["Wilkes-Barre"] == "place" and names["Associated Press"] == "organization"
