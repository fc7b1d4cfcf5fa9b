"""Shared fixtures: the seed folder and one build of it per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_graph():
    """The MinutesGraph of the five seeds (built once per session)."""
    import graph

    return graph.build([SEEDS], jobs=1)


@pytest.fixture(scope="session")
def seed_exports(tmp_path_factory, seed_graph) -> Path:
    """A folder with every export format of the seed graph, written once per session."""
    from graph.exporters import EXPORTERS, export_all

    out = tmp_path_factory.mktemp("exports")
    export_all(seed_graph, out, list(EXPORTERS.values()))
    return out


@pytest.fixture()
def minutes_file(tmp_path):
    """Write a small minutes text to a file and return its path: ``minutes_file(text, name=...)``."""
    def write(text: str, name: str = "m.txt", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding))
        return path
    return write
