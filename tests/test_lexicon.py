"""The lexicons hold general knowledge, never names read off the seed documents."""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph.extract import title_initiative
from graph.lexicon import first_names, load_json, ontology_dir
from graph.read import read_document
from graph.segment import segment

ROOT = Path(__file__).resolve().parent.parent
#: Where names read off the seeds must not appear: code, lexicons, ontology, benchmarks, examples.
SCANNED_DIRS = ("graph", "bench", "examples", "ontology")
SCANNED_SUFFIXES = {".py", ".json", ".txt", ".ttl", ".md", ".rq", ".jsonld"}
#: A general list of first names: it may hold a seed person's first name, never a full name.
FIRST_NAMES_FILE = ROOT / "ontology" / "lexicon" / "first_names.txt"


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


def _exported_names() -> tuple[set[str], set[str]]:
    """People (labels of two or more words) and initiatives (labels, and aliases of two or more
    words or eight or more characters) of the committed seed graph ``exports/graph.graphml``."""
    g = nx.read_graphml(ROOT / "exports" / "graph.graphml")
    people, initiatives = set(), set()
    for _, data in g.nodes(data=True):
        label = data.get("label", "")
        if data.get("type") == "Person" and len(label.split()) >= 2:
            people.add(label)
        elif data.get("type") == "Initiative":
            initiatives.add(label)
            aliases = [a.strip() for a in str(data.get("aliases") or "").split(";")]
            initiatives.update(a for a in aliases if len(a.split()) >= 2 or len(a) >= 8)
    return people, initiatives


def _scanned_files() -> list[Path]:
    return sorted(
        path for top in SCANNED_DIRS for path in (ROOT / top).rglob("*")
        if path.is_file() and path.suffix in SCANNED_SUFFIXES and "__pycache__" not in path.parts
    )


def test_exported_seed_names_appear_in_no_code_lexicon_or_ontology_file():
    people, initiatives = _exported_names()
    assert len(people) > 20 and len(initiatives) > 10
    files = _scanned_files()
    assert FIRST_NAMES_FILE in files and ROOT / "bench" / "generate.py" in files
    leaked = []
    for path in files:
        text = path.read_text(encoding="utf-8").casefold()
        for name in sorted(people | initiatives):
            if path == FIRST_NAMES_FILE and " " not in name:
                continue  # a single first name in the list of first names is general knowledge
            if name.casefold() in text:
                leaked.append(f"{path.relative_to(ROOT)}: {name}")
    assert leaked == []


def test_bench_generator_uses_no_seed_surname():
    people, _ = _exported_names()
    surnames = {label.split()[-1] for label in people}
    text = (ROOT / "bench" / "generate.py").read_text(encoding="utf-8")
    used = sorted(s for s in surnames if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text))
    assert used == []


def test_bench_corpus_names_no_seed_person_or_initiative(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_generate_names", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in module.generate_corpus(300, tmp_path)).casefold()
    people, initiatives = _exported_names()
    assert sorted(name for name in people | initiatives if name.casefold() in corpus) == []
