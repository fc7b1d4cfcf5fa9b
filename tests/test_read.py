"""Read stage: bytes on disk -> SourceDocument (encodings, line ends, bad input, folders)."""
from __future__ import annotations

import random
import re
import textwrap
from pathlib import Path

import pytest

import graph
import graph.read
from graph.errors import InputError
from graph.read import collect_paths, document_ids, read_document, read_documents

MINUTES = textwrap.dedent(
    """\
    Rådmandsmøde (Rådmandsmøde)

    02-12-2022 10:00 - 11:30

    Pkt. 1 kl. 10.00-10.15 Søren Ærø og Åse Øby

    Punkt 1: Status på pårørendesamarbejde

    Chefteamet besluttede at gå videre.
    """
)


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- encodings -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "prefix", "reported"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16-le", b"\xff\xfe", "utf-16"),
        ("utf-16-be", b"\xfe\xff", "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom"],
)
def test_read_unicode_encodings_decode_exactly(tmp_path, encoding, prefix, reported):
    path = _write(tmp_path / "m.txt", prefix + MINUTES.encode(encoding))
    doc = read_document(path)
    assert doc.text == MINUTES  # no BOM left, æøå intact
    assert not doc.text.startswith("\ufeff")
    assert "Søren Ærø og Åse Øby" in doc.text
    assert doc.encoding == reported
    assert doc.warnings == ()
    assert doc.document == "m.txt"
    assert doc.path == str(path)


def test_read_windows_1252_decodes_and_warns_naming_file(tmp_path):
    path = _write(tmp_path / "legacy_minutes.txt", MINUTES.encode("cp1252"))
    doc = read_document(path)
    assert doc.text == MINUTES
    assert doc.encoding == "cp1252"
    assert len(doc.warnings) == 1
    warning = doc.warnings[0]
    assert "legacy_minutes.txt" in warning
    assert "legacy" in warning
    assert "\n" not in warning


def test_read_windows_1252_warning_reaches_the_build(tmp_path):
    path = _write(tmp_path / "legacy_minutes.txt", MINUTES.encode("cp1252"))
    built = graph.build([path], jobs=1)
    assert built.skipped == ()
    assert any("legacy_minutes.txt" in w and "legacy" in w for w in built.warnings)
    labels = {d.get("label") for _, d in built.nx.nodes(data=True)}
    assert "Søren Ærø" in labels


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_read_line_ends_become_lf(tmp_path, newline):
    path = _write(tmp_path / "m.txt", MINUTES.replace("\n", newline).encode("utf-8"))
    doc = read_document(path)
    assert "\r" not in doc.text
    assert doc.text == MINUTES
    assert doc.text.splitlines()[2] == "02-12-2022 10:00 - 11:30"


def test_read_mixed_line_ends_in_utf16(tmp_path):
    text = "Rådmandsmøde\r\n\r\nPunkt 1: Økonomi\rChefteamet besluttede\n"
    path = _write(tmp_path / "m.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    assert read_document(path).text == "Rådmandsmøde\n\nPunkt 1: Økonomi\nChefteamet besluttede\n"


# --- bad input -------------------------------------------------------------------

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00\x90\x91h6"


def _random_bytes_without_nul() -> bytes:
    rng = random.Random(1234)
    return bytes(rng.randrange(1, 256) for _ in range(3000))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", r"empty file"),
        ("blank.txt", b"  \n\t\r\n   \n", r"empty file"),
        ("blank_bom.txt", b"\xef\xbb\xbf \n\n", r"empty file \(only white space\)"),
        ("blank_utf16.txt", b"\xff\xfe" + " \n \n".encode("utf-16-le"), r"empty file \(only white space\)"),
        ("nul.txt", b"Referat\x00\x00\x00\x01\x02 Punkt 1: x", r"binary file"),
        ("noise.txt", _random_bytes_without_nul(), r"binary file"),
        ("picture.txt", PNG_HEADER + bytes(range(256)) * 4, r"binary file"),
        ("bad_utf16.txt", b"\xff\xfe\x00\xd8", r"has a UTF-16 byte-order mark but is not valid UTF-16"),
    ],
    ids=["empty", "whitespace", "bom-whitespace", "utf16-whitespace", "nul-bytes", "random-bytes", "png", "broken-utf16"],
)
def test_read_bad_input_raises_one_line_error_naming_file(tmp_path, name, data, message):
    path = _write(tmp_path / name, data)
    with pytest.raises(InputError, match=re.escape(str(path)) + r": " + message) as info:
        read_document(path)
    assert "\n" not in str(info.value)


def test_read_too_large_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(graph.read, "MAX_BYTES", 64)
    path = _write(tmp_path / "big.txt", MINUTES.encode("utf-8"))
    assert path.stat().st_size > 64
    with pytest.raises(InputError, match=re.escape(str(path)) + r": too large") as info:
        read_document(path)
    assert "\n" not in str(info.value)
    # at the limit it is read
    monkeypatch.setattr(graph.read, "MAX_BYTES", path.stat().st_size)
    assert read_document(path).text == MINUTES


def test_read_too_large_message_gives_distinct_sizes(tmp_path, monkeypatch):
    monkeypatch.setattr(graph.read, "MAX_BYTES", 1024 * 1024)
    path = _write(tmp_path / "big.txt", b"a" * (1024 * 1024 + 100))
    with pytest.raises(InputError) as info:
        read_document(path)
    sizes = re.findall(r"\d+(?:\.\d+)?\s*[kKM]?B|\d+ bytes", str(info.value))
    assert len(sizes) == 2 and sizes[0] != sizes[1], str(info.value)


def test_read_missing_file_raises_input_error(tmp_path):
    path = tmp_path / "nowhere" / "missing.txt"
    with pytest.raises(InputError, match=re.escape(str(path)) + r": cannot read") as info:
        read_document(path)
    assert "\n" not in str(info.value)


def test_read_missing_input_path_in_collect_paths(tmp_path):
    good = _write(tmp_path / "good.txt", MINUTES.encode())
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError, match=re.escape(str(missing)) + r": no such file or folder"):
        collect_paths([good, missing])


def test_read_documents_yields_errors_in_order_without_stopping(tmp_path):
    a = _write(tmp_path / "a.txt", MINUTES.encode())
    b = _write(tmp_path / "b.txt", b"")
    c = _write(tmp_path / "c.txt", MINUTES.encode("cp1252"))
    results = list(read_documents([a, b, c]))
    assert [type(r).__name__ for r in results] == ["SourceDocument", "InputError", "SourceDocument"]
    assert [r.document for r in (results[0], results[2])] == ["a.txt", "c.txt"]
    assert "b.txt" in str(results[1])


# --- folders and document ids ------------------------------------------------------


def test_read_folder_recursive_sorted_text_files_only(tmp_path):
    root = tmp_path / "in"
    for rel in ["b/x.txt", "a/y.md", "a/sub/w.TXT", "a/z.csv", "a/notes.docx", "c.txt.bak", "0.txt"]:
        _write(root / rel, MINUTES.encode())
    found = [p.relative_to(root).as_posix() for p in collect_paths([root])]
    assert found == ["0.txt", "a/sub/w.TXT", "a/y.md", "b/x.txt"]


def test_read_explicit_file_with_other_suffix_is_taken(tmp_path):
    path = _write(tmp_path / "minutes.text", MINUTES.encode())
    assert collect_paths([path]) == [path]


def test_read_same_name_in_two_folders_gives_two_document_ids(tmp_path):
    a = _write(tmp_path / "2022" / "referat.txt", MINUTES.encode())
    b = _write(tmp_path / "2023" / "referat.txt", MINUTES.replace("2022", "2023").encode())
    paths = collect_paths([tmp_path])
    ids = document_ids(paths)
    assert ids == {a: "2022/referat.txt", b: "2023/referat.txt"}
    docs = list(read_documents(paths))
    assert sorted(d.document for d in docs) == ["2022/referat.txt", "2023/referat.txt"]


def test_read_same_name_in_two_folders_builds_two_meetings(tmp_path):
    _write(tmp_path / "x" / "referat.txt", MINUTES.encode())
    _write(tmp_path / "y" / "referat.txt", MINUTES.replace("02-12-2022", "03-01-2023").encode())
    built = graph.build([tmp_path / "x", tmp_path / "y"], jobs=1)
    meetings = {d["document"]: d.get("date") for _, d in built.nx.nodes(data=True) if d.get("type") == "Meeting"}
    assert meetings == {"x/referat.txt": "2022-12-02", "y/referat.txt": "2023-01-03"}
    items = sorted(d["document"] for _, d in built.nx.nodes(data=True) if d.get("type") == "AgendaItem")
    assert items == ["x/referat.txt", "y/referat.txt"]


def test_read_unique_names_keep_plain_file_name(tmp_path):
    paths = [Path("a/x.txt"), Path("b/y.txt")]
    assert document_ids(paths) == {Path("a/x.txt"): "x.txt", Path("b/y.txt"): "y.txt"}


@pytest.mark.parametrize("how", ["twice", "file-and-folder", "dotdot"])
def test_read_same_file_given_twice_is_read_once(tmp_path, how):
    path = _write(tmp_path / "in" / "m.txt", MINUTES.encode())
    inputs = {
        "twice": [path, path],
        "file-and-folder": [tmp_path / "in", path],
        "dotdot": [path, tmp_path / "in" / ".." / "in" / "m.txt"],
    }[how]
    paths = collect_paths(inputs)
    assert len(paths) == 1
    docs = list(read_documents(paths))
    assert [d.document for d in docs] == ["m.txt"]
