"""Read stage: files -> :class:`~graph.model.SourceDocument`.

Only this module (and the exporters) touches files. It decodes UTF-8 (with or
without BOM), UTF-16 with BOM and legacy Windows-1252/Latin-1 text, turns CRLF
and CR into LF, and names each document by its file name; two inputs with the
same name in different folders keep their relative paths so that they are
never merged.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .model import SourceDocument

__all__ = ["collect_paths", "document_ids", "read_document", "read_documents", "MAX_BYTES", "TEXT_SUFFIXES"]

#: Inputs larger than this are refused: minutes are kilobytes, not megabytes.
MAX_BYTES = 20 * 1024 * 1024
#: File endings picked up when a folder is given.
TEXT_SUFFIXES = (".txt", ".md")


def collect_paths(inputs: Iterable[str | os.PathLike]) -> list[Path]:
    """Expand files and folders (recursively, sorted) into a list of files.

    A missing input raises :class:`InputError`; a folder contributes only its
    ``.txt`` and ``.md`` files.
    """
    paths: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
            )
            paths.extend(found)
        elif path.exists():
            paths.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for p in paths:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def document_ids(paths: list[Path]) -> dict[Path, str]:
    """Map each path to its document id: the file name, or a relative path where names clash.

    >>> document_ids([Path("a/x.txt"), Path("b/x.txt"), Path("c/y.txt")])[Path("c/y.txt")]
    'y.txt'
    """
    counts = Counter(p.name for p in paths)
    ids: dict[Path, str] = {}
    for name in (n for n, c in counts.items() if c > 1):
        clashing = [p for p in paths if p.name == name]
        root = Path(os.path.commonpath([str(p.resolve().parent) for p in clashing]))
        for p in clashing:
            ids[p] = p.resolve().relative_to(root).as_posix()
    for p in paths:
        ids.setdefault(p, p.name)
    return ids


def _decode(data: bytes, where: str) -> tuple[str, str, tuple[str, ...]]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig", ()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", ()
        except UnicodeDecodeError as err:
            raise InputError(f"{where}: has a UTF-16 byte-order mark but is not valid UTF-16 (byte {err.start})") from err
    if b"\x00" in data[:4096]:
        raise InputError(f"{where}: binary file (NUL bytes at the start); give the text extraction of the minutes")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError as err:
        utf8_error = err
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 8:
        raise InputError(f"{where}: binary file ({controls} control characters at the start)")
    warning = (
        f"{where}: not UTF-8 (byte {utf8_error.start}); read as legacy {encoding}; "
        "check the letters æ, ø, å"
    )
    return text, encoding, (warning,)


def read_document(path: str | os.PathLike, document: str | None = None) -> SourceDocument:
    """Read one file into a :class:`SourceDocument`.

    Raises :class:`InputError` with a one-line message naming the file for
    missing, empty, binary, oversized or undecodable input.
    """
    path = Path(path)
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{where}: too large ({size:,} bytes; the limit is {MAX_BYTES:,} bytes)")
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{where}: cannot read ({err.strerror or err})") from err
    if not data.strip():
        raise InputError(f"{where}: empty file")
    text, encoding, warnings = _decode(data, where)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{where}: empty file (only white space)")
    return SourceDocument(document or path.name, str(path), text, encoding, warnings)


def read_documents(paths: list[Path]) -> Iterator[SourceDocument | InputError]:
    """Read files in order, yielding a document or the error that stopped it."""
    ids = document_ids(paths)
    for path in paths:
        try:
            yield read_document(path, ids[path])
        except InputError as err:
            yield err
