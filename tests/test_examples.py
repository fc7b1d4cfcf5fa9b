"""The scripts in examples/ run against a build of the seeds and print what they promise."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def built(tmp_path_factory, seeds_dir) -> Path:
    out = tmp_path_factory.mktemp("examples") / "exports"
    proc = run("-m", "graph", "build", str(seeds_dir), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert (out / "graph.graphml").is_file()
    return out


def test_examples_people_around_initiative(built):
    proc = run(str(EXAMPLES / "people_around_initiative.py"), "Program for fastholdelse og rekruttering", "--graph", str(built))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Helle Rasmussen" in out
    assert "Vibeke Jørgensen" in out
    assert "-presents-> Punkt 3: Program for fastholdelse og rekruttering" in out
    assert "[000_2eb527c07c3843b1.txt line 11] Pkt. 3 kl. 10.30-10.45 Helle Rasmussen og Vibeke Jørgensen" in out


def test_examples_people_around_centre(built):
    proc = run(str(EXAMPLES / "people_around_initiative.py"), "Center for Pårørendesamarbejde", "--graph", str(built))
    assert proc.returncode == 0, proc.stderr
    assert "Nanna Sofie Bruhn Lilhav" in proc.stdout
    assert "Etablering af Center for Pårørendesamarbejde" in proc.stdout


def test_examples_people_around_unknown_initiative(built):
    proc = run(str(EXAMPLES / "people_around_initiative.py"), "Program for ingenting", "--graph", str(built))
    assert proc.returncode == 1
    assert "No initiative named 'Program for ingenting'" in proc.stderr


def test_examples_unit_portfolio(built):
    proc = run(str(EXAMPLES / "unit_portfolio.py"), "HR", "--graph", str(built))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Program for fastholdelse og rekruttering" in out
    assert "2022-12-02  Punkt 3: Program for fastholdelse og rekruttering  [000_2eb527c07c3843b1.txt]" in out


def test_examples_unit_portfolio_by_spelled_out_name(built):
    proc = run(str(EXAMPLES / "unit_portfolio.py"), "Strategi og Udvikling", "--graph", str(built))
    assert proc.returncode == 0, proc.stderr
    assert "Center for Pårørendesamarbejde" in proc.stdout


def test_examples_build_from_inputs(seeds_dir):
    proc = run(str(EXAMPLES / "unit_portfolio.py"), "HR", "--from", str(seeds_dir))
    assert proc.returncode == 0, proc.stderr
    assert "Program for fastholdelse og rekruttering" in proc.stdout
