"""Domain lexicons shipped as data under ``ontology/lexicon/``.

Word lists (first names, unit and body names, decision and ownership verbs,
initiative name shapes) live in JSON and text files so that they grow without
code changes. They hold general knowledge about Danish municipal minutes,
never names read off particular documents.
"""
from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

__all__ = ["ontology_dir", "load_json", "first_names", "fold", "is_role_word"]


def ontology_dir() -> Path:
    """The ``ontology/`` folder: beside the package in a checkout or editable install."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "ontology", here / "ontology"):
        if (candidate / "lexicon").is_dir():
            return candidate
    raise FileNotFoundError(f"ontology/lexicon not found next to {here}; install with 'pip install -e .'")


@cache
def load_json(name: str) -> dict:
    """Load ``ontology/lexicon/<name>.json``."""
    return json.loads((ontology_dir() / "lexicon" / f"{name}.json").read_text(encoding="utf-8"))


@cache
def first_names() -> frozenset[str]:
    """Common first names in Denmark, one per line in ``first_names.txt``."""
    path = ontology_dir() / "lexicon" / "first_names.txt"
    if not path.exists():
        return frozenset()
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


@cache
def _roles() -> tuple[frozenset[str], tuple[str, ...]]:
    data = load_json("people")
    return frozenset(w.casefold() for w in data["role_words"]), tuple(data["role_suffixes"])


@lru_cache(maxsize=65536)
def is_role_word(word: str) -> bool:
    """A word for a role or title, listed or by its ending: ``Direktør``, ``økonomichef``.

    >>> is_role_word("økonomichef"), is_role_word("Udviklingskonsulent"), is_role_word("Jensen")
    (True, True, False)
    """
    words, suffixes = _roles()
    low = word.casefold()
    return low in words or (len(low) > 5 and low.endswith(suffixes))


def fold(text: str) -> str:
    """Case- and dash-folded form used for lookups: ``'Sundhed & Omsorg'`` -> ``'sundhed og omsorg'``.

    >>> fold("  Sundhed & Omsorg ")
    'sundhed og omsorg'
    """
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = " ".join(text.replace(" & ", " og ").split())
    return text.casefold().strip(" .,:;")
