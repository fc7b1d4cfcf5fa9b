"""The command line, in process through ``graph.cli.main`` (and once through ``python -m graph``)."""
from __future__ import annotations

import contextlib
from pathlib import Path
import io
import shutil
import subprocess
import sys

import networkx as nx
import pytest

from graph.cli import main

SUBCOMMAND_OPTIONS = {
    "build": ["INPUT", "--out", "--format", "--base-iri", "--jobs", "--strict", "--quiet"],
    "who": ["name", "--graph", "--from"],
    "query": ["--graph", "--format", "--list"],
    "serve": ["--graph", "--host", "--port", "--timeout"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory, seeds_dir):
    """One CLI build of the seeds: (exit code, stdout, stderr, out folder)."""
    out = tmp_path_factory.mktemp("cli") / "exports"
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["build", str(seeds_dir), "--out", str(out)])  # default --jobs: worker processes
    return code, stdout.getvalue(), stderr.getvalue(), out


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --- help ----------------------------------------------------------------------------------


def test_cli_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "usage: minutes-graph" in out
    for command in SUBCOMMAND_OPTIONS:
        assert command in out


def test_cli_no_command_prints_help(capsys):
    code, out, _ = run(capsys)
    assert code == 0
    assert "usage: minutes-graph" in out


@pytest.mark.parametrize("command", sorted(SUBCOMMAND_OPTIONS))
def test_cli_subcommand_help(capsys, command):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: minutes-graph {command}")
    for option in SUBCOMMAND_OPTIONS[command]:
        assert option in out, option


def test_cli_build_help_lists_formats(capsys):
    from graph.exporters import EXPORTERS

    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for name in EXPORTERS:
        assert name in out


def test_cli_version(capsys):
    import graph

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"minutes-graph {graph.__version__}"


# --- build -----------------------------------------------------------------------------------


def test_cli_build_seeds(built):
    code, out, err, folder = built
    assert code == 0
    assert out.startswith("Built 5 documents in ")
    assert "(0 skipped, 0 warnings)" in out.splitlines()[0]
    assert "Warning" not in err and "Error" not in err
    assert (folder / "graph.graphml").stat().st_size > 1000
    assert (folder / "graph.ttl").stat().st_size > 1000
    # every format by default, and no temporary files left
    assert sorted(p.name for p in folder.iterdir()) == [
        "graph.gexf", "graph.graphml", "graph.jsonld", "graph.nt", "graph.trig", "graph.ttl"]
    g = nx.read_graphml(folder / "graph.graphml")
    assert sum(1 for _, t in g.nodes(data="type") if t == "Meeting") == 5


def test_cli_build_quiet_prints_nothing(capsys, tmp_path, seeds_dir):
    code, out, err = run(capsys, "build", seeds_dir / "000_2eb527c07c3843b1.txt", "--out", tmp_path, "-q", "-j", "1")
    assert code == 0
    assert out == "" and err == ""
    assert (tmp_path / "graph.graphml").is_file()


def test_cli_build_one_format(capsys, tmp_path, seeds_dir):
    code, out, _ = run(capsys, "build", seeds_dir / "000_2eb527c07c3843b1.txt", "--out", tmp_path, "--format", "ttl", "-j", "1")
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]
    assert "Built 1 documents" in out


def test_cli_python_dash_m_graph_build(tmp_path, seeds_dir):
    out = tmp_path / "exports"
    result = subprocess.run(
        [sys.executable, "-m", "graph", "build", str(seeds_dir), "--out", str(out), "--jobs", "1"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built 5 documents")
    assert (out / "graph.graphml").is_file() and (out / "graph.ttl").is_file()


@pytest.fixture()
def mixed_folder(tmp_path, seeds_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seeds_dir / "000_2eb527c07c3843b1.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return folder


def test_cli_build_skips_bad_files_with_warnings(capsys, tmp_path, mixed_folder):
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "build", mixed_folder, "--out", out_dir, "-j", "1")
    assert code == 3
    warnings = [l for l in err.splitlines() if l.startswith("Warning:")]
    assert len(warnings) == 2
    assert sum("empty.txt" in w for w in warnings) == 1
    assert sum("binary.txt" in w for w in warnings) == 1
    assert not any("good.txt" in w for w in warnings)
    assert "Traceback" not in err
    assert out.startswith("Built 1 documents")
    assert "(2 skipped, 2 warnings)" in out
    g = nx.read_graphml(out_dir / "graph.graphml")
    assert {d["document"] for _, d in g.nodes(data=True) if d["type"] == "Meeting"} == {"good.txt"}


def test_cli_build_not_minutes_is_skipped(capsys, tmp_path, seeds_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seeds_dir / "004_7d1dff19a2ca3e0e.txt", folder / "a.txt")
    (folder / "b.txt").write_text("Husk mælk og brød.\nRing til tandlægen.\n", encoding="utf-8")
    code, out, err = run(capsys, "build", folder, "--out", tmp_path / "out", "-j", "1")
    assert code == 3
    (warning,) = [l for l in err.splitlines() if l.startswith("Warning:")]
    assert "b.txt" in warning and "does not look like minutes" in warning
    assert out.startswith("Built 1 documents")


def test_cli_build_strict_writes_nothing(capsys, tmp_path, mixed_folder):
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "build", mixed_folder, "--out", out_dir, "--strict", "-j", "1")
    assert code == 1
    assert len([l for l in err.splitlines() if l.startswith("Warning:")]) == 2
    assert err.splitlines()[-1].startswith("Error: 2 warning(s) and --strict given")
    assert out == ""
    assert not out_dir.exists()


def test_cli_build_strict_fails_on_legacy_encoding(capsys, tmp_path, seeds_dir):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes((seeds_dir / "000_2eb527c07c3843b1.txt").read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    out_dir = tmp_path / "out"
    code, _, err = run(capsys, "build", legacy, "--out", out_dir, "--strict", "-j", "1")
    assert code == 1
    assert any("legacy.txt" in l and "legacy" in l for l in err.splitlines() if l.startswith("Warning:"))
    assert not out_dir.exists()


def test_cli_build_unknown_format(capsys, tmp_path, seeds_dir):
    code, out, err = run(capsys, "build", seeds_dir, "--out", tmp_path / "out", "--format", "x")
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: Unknown export format 'x' (available: ")
    assert "graphml" in lines[0] and "turtle" in lines[0]
    assert not (tmp_path / "out").exists()


def test_cli_build_missing_input(capsys, tmp_path, seeds_dir):
    missing = tmp_path / "no_such_minutes.txt"
    code, out, err = run(capsys, "build", seeds_dir, missing, "--out", tmp_path / "out")
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: ") and "no_such_minutes.txt" in lines[0]
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_cli_bad_arguments_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build"])
    assert exit_info.value.code == 2
    assert "INPUT" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2


# --- who ----------------------------------------------------------------------------------


def test_cli_who_person_from_inputs(capsys, seeds_dir):
    code, out, err = run(capsys, "who", "Helle Rasmussen", "--from", seeds_dir)
    assert code == 0, err
    assert out.startswith("Initiatives connected to Helle Rasmussen:")
    assert "  Program for fastholdelse og rekruttering  (via presents)" in out.splitlines()
    assert "Pkt. 3 kl. 10.30-10.45 Helle Rasmussen og Vibeke Jørgensen" in out


def test_cli_who_initiative_from_built_graph(capsys, built):
    folder = built[3]
    code, out, err = run(capsys, "who", "Center for Pårørendesamarbejde", "--graph", folder)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "People connected to Center for Pårørendesamarbejde:"
    assert "  Nanna Sofie Bruhn Lilhav  (via presents)" in lines
    # the path with its evidence: document, line and the quoted schedule line
    assert any("-presents->" in l and "[000_2eb527c07c3843b1.txt:13]" in l and "Pkt. 5 kl. 11.00-11.15 Nanna Sofie Bruhn Lilhav" in l
               for l in lines)
    assert any("-concerns-> Center for Pårørendesamarbejde" in l for l in lines)


def test_cli_who_unknown_name(capsys, built):
    code, out, err = run(capsys, "who", "Ingen Sådan Person", "--graph", built[3])
    assert code == 2
    assert out == ""
    assert err.strip() == "Error: nothing named 'Ingen Sådan Person' in the graph (try a full name or an alias)."


def test_cli_who_without_built_graph(capsys, tmp_path):
    code, out, err = run(capsys, "who", "Helle Rasmussen", "--graph", tmp_path / "nothing")
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: ") and "graph.graphml" in lines[0] and "minutes-graph build" in lines[0]


def test_cli_build_survives_a_document_that_trips_a_bug(tmp_path, capsys, monkeypatch):
    """One document that breaks the extractor is skipped with a warning; the others are built."""
    import graph.extract
    from graph.cli import main as cli_main

    folder = tmp_path / "in"
    folder.mkdir()
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    for name in ("000_2eb527c07c3843b1.txt", "002_306ec24a535d918f.txt"):
        (folder / name).write_bytes((seeds / name).read_bytes())
    original = graph.extract.Extractor.extract

    def broken(self, minutes, recurring=()):
        if minutes.document.startswith("002"):
            raise RuntimeError("boom")
        return original(self, minutes, recurring)

    monkeypatch.setattr(graph.extract.Extractor, "extract", broken)
    code = cli_main(["build", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1", "--format", "graphml"])
    err = capsys.readouterr().err
    assert code == 3
    assert "002_306ec24a535d918f.txt: extraction failed (RuntimeError: boom)" in err
    assert "Traceback" not in err
    assert (tmp_path / "out" / "graph.graphml").exists()
