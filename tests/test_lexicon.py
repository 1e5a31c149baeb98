"""The extraction's word lists: one file, one place each, no word twice, and no list left behind in the code."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest
from spacy.glossary import GLOSSARY

EXTRACT = Path(__file__).resolve().parent.parent / "store" / "extract"
LEXICON = tomllib.loads((EXTRACT / "lexicon.toml").read_text(encoding="utf-8"))
LISTS = {name: value for name, value in LEXICON.items() if isinstance(value, list)}
# Lists of one family split one set of words: a word has one place among them.
FAMILIES = [("cue_verbs", "weak_cue_verbs"), ("honorifics", "female_honorifics", "male_honorifics")]


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_list_is_sorted_and_names_each_word_once(name):
    words = LISTS[name]
    assert words == sorted(set(words)), name


@pytest.mark.parametrize("family", FAMILIES)
def test_lists_of_one_family_share_no_word(family):
    seen: dict[str, str] = {}
    for name in family:
        for word in LEXICON[name]:
            assert word not in seen, f"{word!r} is in both {seen[word]} and {name}"
            seen[word] = name


def test_every_list_and_table_is_read_by_the_code():
    code = "\n".join(p.read_text(encoding="utf-8") for p in EXTRACT.glob("*.py"))
    unread = [name for name in LEXICON if f'"{name}"' not in code]
    assert not unread


def _word_literals(tree: ast.AST) -> list[tuple[int, int]]:
    """(line, size) of every literal collection of five or more plain words, or a split string of them."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            items = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "split"
            and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)
        ):
            items = node.func.value.value.split()
        else:
            continue
        if all(w in GLOSSARY for w in items):
            continue  # the model's own labels (parts of speech, dependencies), not words
        if len(items) >= 5 and all(w.replace("-", "").replace(".", "").isalpha() for w in items):
            found.append((node.lineno, len(items)))
    return found


@pytest.mark.parametrize("module", sorted(p.name for p in EXTRACT.glob("*.py")))
def test_no_word_list_is_written_in_the_code(module):
    tree = ast.parse((EXTRACT / module).read_text(encoding="utf-8"))
    assert _word_literals(tree) == []
