"""The lexicons hold general knowledge, never names read off the seed documents."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.extract import title_initiative
from graph.lexicon import first_names, load_json, ontology_dir
from graph.read import read_document
from graph.segment import segment

ROOT = Path(__file__).resolve().parent.parent


def _seed_names() -> tuple[set[str], set[str]]:
    people, initiatives = set(), set()
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        minutes = segment(read_document(path))
        for entry in minutes.schedule:
            people.update(p.text for p in entry.presenters if " " in p.text)
        people.update(p.text for p in minutes.participants if " " in p.text)
        initiatives.update(filter(None, (title_initiative(item.title) for item in minutes.items)))
    return people, initiatives


def _corpus() -> str:
    texts = [p.read_text(encoding="utf-8") for p in (ontology_dir() / "lexicon").iterdir() if p.suffix in {".json", ".txt"}]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "graph").rglob("*.py")]
    return "\n".join(texts).casefold()


def test_lexicon_holds_no_seed_people_or_initiatives():
    people, initiatives = _seed_names()
    assert len(people) > 20 and len(initiatives) > 10
    corpus = _corpus()
    leaked = sorted(name for name in people | initiatives if name.casefold() in corpus)
    assert leaked == []


def test_lexicon_first_names_are_plain_capitalised_words():
    names = first_names()
    assert len(names) > 1000
    assert all(n[:1].isupper() and " " not in n for n in names)
    assert {"Mette", "Jens", "Fatima", "Mohammed"} <= names


@pytest.mark.parametrize("name", ["units", "bodies", "initiatives", "verbs", "people"])
def test_lexicon_files_are_valid_json_with_a_comment(name):
    data = load_json(name)
    assert data["_comment"]
    json.dumps(data)
