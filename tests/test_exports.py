"""The committed exports/ are the build of seeds/ as it stands: a user browsing the repository sees current files."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = ROOT / "exports"


@pytest.mark.skipif(not (EXPORTS / "graph.graphml").exists(), reason="exports/ not committed")
def test_exports_are_current(tmp_path):
    assert main(["build", str(ROOT / "seeds"), "--out", str(tmp_path), "--quiet", "--jobs", "1"]) == 0
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == sorted(p.name for p in EXPORTS.iterdir() if p.name.startswith("graph."))
    stale = [name for name in built if (tmp_path / name).read_bytes() != (EXPORTS / name).read_bytes()]
    assert stale == [], f"exports/ is stale: run 'minutes-graph build seeds --out exports' ({', '.join(stale)})"
