"""Segment stage: text -> the structure of one minutes document.

Finds the meeting header (kind, date, start and end time, location), the time
schedule (``Pkt. N kl. HH.MM-HH.MM Name og Name``), the participants
(``Mødedeltagere :``), chair and virtual lines, skips the table of contents
(dotted leaders or markdown tables), and cuts the rest into agenda items at
``Punkt N:`` and ``Beslutning for Punkt N:`` headings, joining headings that
the PDF wrapped over two lines. Every element keeps its lines and offsets.
Parts the document lacks are recorded in ``Meeting.missing``, never guessed.

>>> from graph.model import SourceDocument
>>> text = "Pkt. 1 kl. 9.00-9.15 Anna Holm og Bo Lund\\n\\nPunkt 1: Status på X\\n\\nChefteamet besluttede\\n"
>>> minutes = segment(SourceDocument("m.txt", "m.txt", text, "utf-8"))
>>> [p.text for p in minutes.schedule[0].presenters], minutes.items[0].title
(['Anna Holm', 'Bo Lund'], 'Status på X')
"""
from __future__ import annotations

import re
from datetime import date as _date

from .errors import NotMinutesError
from .model import (
    AgendaItem,
    Evidence,
    Meeting,
    NameMention,
    ScheduleEntry,
    SegmentedMinutes,
    SourceDocument,
    TextLine,
)

__all__ = ["segment", "split_lines", "split_names", "evidence_for", "is_toc_line", "toc_titles", "BULLET", "BULLET_MARKS"]

_TIME = r"(\d{1,2})[.:](\d{2})"
_KIND = re.compile(r"^\s*(?:referat\s*[–-]\s*)?([A-ZÆØÅ][\wæøåÆØÅ-]*møde)\b\s*(?:\([^)]*\)|[–-]\s+\S.*|(?:mellem|for|i)\s+[A-ZÆØÅ].*)?\s*$",
                   re.IGNORECASE)
#: a header field's label: "Dato: 11. marts 2025, kl. 10.00-11.30", "Tid: tirsdag d. 18/3-2025 kl. 9-11"
_FIELD_LABEL = re.compile(r"^\s*(?:Dato|Mødedato|Tid|Tidspunkt|Mødetidspunkt)\s*:\s*", re.IGNORECASE)
_PLACE_LABEL = re.compile(r"^\s*(?:Sted|Mødested|Lokale|Mødelokale)\s*:\s*(.+)$", re.IGNORECASE)
_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december")
#: "2. december 2022 kl. 10.00-11.30", "Tirsdag den 2. december 2022, kl. 10-11.30"
_DATE_WORDS = re.compile(
    r"^\s*(?:(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\s+)?(?:den\s+)?(\d{1,2})\.\s*(" + "|".join(_MONTHS)
    + r")\s+(\d{4})(?:,?\s+(?:kl\.?\s*)?" + _TIME + r"(?:\s*[-–]\s*" + _TIME + r")?)?\s*$",
    re.IGNORECASE,
)
_DATE_TIME = re.compile(
    r"^\s*(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?:\s+(?:kl\.?\s*)?" + _TIME + r"(?:\s*[-–]\s*" + _TIME + r")?)?\s*$"
)
_SCHEDULE = re.compile(
    r"^\s*(?:Information\s*:\s*)?Pkt\.?\s*(\d{1,3})\b\.?\s*(?:kl\.?\s*" + _TIME + r"\s*[-–]\s*" + _TIME + r")?\s*(.*)$",
    re.IGNORECASE,
)
#: an agenda line with a title and no slot: "Pkt. 2  Stille Aftener – opstart"; the same line again opens the item
_PKT_TITLE = re.compile(r"^\s*Pkt\.?\s*(\d{1,3})\.?\s+(?!kl\b)(\S.*?)\s*$", re.IGNORECASE)
#: a numbered agenda line: "3. Løft i sygeplejen – P&O's deltagelse"
_AGENDA_TITLE = re.compile(r"^\s*(\d{1,3})[.)]\s+([A-ZÆØÅ].*?)\s*$")
_INFORMATION = re.compile(r"^\s*Information\s*:?\s*$", re.IGNORECASE)
_PARTICIPANTS = re.compile(r"^\s*(?:Mødedeltagere|Deltagere|Til stede|Gæster|Gæst|Desuden deltog|Deltog desuden|Inviterede"
                           r"|Referent|Referenter|Mødeleder|Ordstyrer)\s*(?::\s*(.*)|$)", re.IGNORECASE)
#: an agenda in numbered lines with the slot in brackets and the presenters after a dash:
#: ``2. Status på fase 2 (kl. 14.10-14.35) – Bo Lund og Eva``
_AGENDA_SLOT = re.compile(
    r"^\s*(\d{1,3})[.)]\s+\S.*?\(\s*kl\.?\s*" + _TIME + r"\s*[-–]\s*" + _TIME + r"\s*\)\s*(?:[-–]\s*(.*))?$", re.IGNORECASE
)
#: people who sent apologies are named but do not attend: ``Afbud: Eva Holm``, ``Afbud fra Eva Holm``
_ABSENT = re.compile(
    r"^\s*(?:(?:Afbud|Fraværende|Ikke til stede|Forhindret|Meldt afbud)\s*(?::|$)|Afbud\s+fra\b)\s*(.*)$", re.IGNORECASE
)
_HEADING = re.compile(r"^\s*(Beslutning for\s+)?(?:Punkt|Ad)\s+(\d{1,3})\s*(?:[:.]|[ ][–-][ ])\s*(.*?)\s*$", re.IGNORECASE)
_TOC_DOTS = re.compile(r"(?:\.{3,}|…{2,}|\.\s?\.\s?\.)\s*\t?\s*\d+\s*$")
_TOC_TABLE = re.compile(r"^\s*\|.*\|\s*$")
#: a heading's wrapped second line that is only a year or a span of years ("2025", "2024-2026")
_YEARS_ONLY = re.compile(r"\d{4}(?:\s*[-–/]\s*\d{2,4})?")
_TOC_WORDS = re.compile(r"^\s*(?:Indhold(?:sfortegnelse)?|Referat(?:\s+\d+)?|Dagsorden)\s*$", re.IGNORECASE)
_GUEST = re.compile(
    r"(?:^\s*|(?<=[.!?])\s+)([A-ZÆØÅ][\wæøåÆØÅ-]*(?:\s[A-ZÆØÅ][\wæøåÆØÅ-]*){0,4})(?:,[^,.\n]{1,80},)?"
    r"\s+deltog\s+(?:under\s+(?:punktet|pkt\b|punkt\b)|som\s+gæst|i\s+punktet|i\s+drøftelsen)")
_CHAIR = re.compile(r"^(.+?)\s+(?:er|var)\s+(?:mødeleder|ordstyrer|referent)\b", re.IGNORECASE)
_VIRTUAL = re.compile(r"^(.+?)\s+(?:deltager|deltog)\s+(?:virtuelt|online|via\s+\w+|på\s+\w+)\b", re.IGNORECASE)
#: how someone takes part from a distance, in a note after a name
_MEDIA = r"(?:teams|skype|zoom|webex|video\w*|telefon\w*|link|skærm)"
_REMOTE = r"(?:virtuel\w*|online|digitalt|telefonisk|via\s+\S+|(?:på|over)\s+" + _MEDIA + r"\b|" + _MEDIA + r"\b)"
#: a note in parentheses or after a dash: ``virtuelt``, ``deltager via Teams``, ``deltog på video``
_VIRTUAL_NOTE = re.compile(
    r"^(?:(?:deltager|deltog|deltaget|deltagende|deltagelse|er\s+med|var\s+med)\s+)?" + _REMOTE, re.IGNORECASE
)
#: the same note written after the name: ``Bo Lund deltog virtuelt``, ``Bo Lund (økonomichef) online``
_VIRTUAL_SUFFIX = re.compile(
    r"\s+(?:(?:deltager|deltog|deltaget|er\s+med|var\s+med)\s+)?(?:virtuel\w*|online|telefonisk)\b.*$"
    r"|\s+(?:deltager|deltog|deltaget|er\s+med|var\s+med)\s+" + _REMOTE + r".*$",
    re.IGNORECASE,
)
#: a note after a spaced dash is never part of a name (``Bo Lund – deltager virtuelt``); names keep their hyphens
_DASH_NOTE = re.compile(r"\s+[-–—]\s+([^,;()\x01]*)")
_VIRTUAL_MARK = "\x01"
#: what stands in a list where names would be: ``Afbud: Ingen``
_NO_NAMES = frozenset({"ingen", "intet", "ingen afbud", "ingen fraværende", "n/a"})
_NAME_SPLIT = re.compile(r"\s+og\s+|\s*[,/;]\s*|\s+&\s+|\s+samt\s+")
#: a bullet: ``-``, ``•``, ``◦``, ``▪``, ``●``, ``*``, ``–``, ``1.``/``1)``, or a lone ``o`` (Word sub-bullets
#: extracted from a PDF), always followed by white space: ``og``/``om`` at the start of a line are no bullets
#: characters that open a bullet line, including the Symbol-font bullet U+F0B7 of PDF text extractions
BULLET_MARKS = "-•◦▪●*–\uf0b7○■□➢►✓"
BULLET = re.compile(rf"^\s*(?:[{re.escape(BULLET_MARKS)}]|o|\d+[.)])\s")

_CONNECTOR_END = re.compile(r"(?:\b(?:om|af|for|og|i|til|på|med|fra|samt|ved|vedr\.?|under)|[:,–-])\s*$", re.IGNORECASE)


def split_lines(text: str) -> list[TextLine]:
    """Cut a text into :class:`TextLine` records with 1-based numbers and offsets."""
    lines, offset = [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        lines.append(TextLine(number, offset, line))
        offset += len(line) + 1
    return lines


def evidence_for(document: str, lines: list[TextLine] | tuple[TextLine, ...], quote: str | None = None) -> Evidence:
    """Evidence spanning ``lines`` (consecutive); the quote defaults to their stripped text."""
    first, last = lines[0], lines[-1]
    text = " ".join(l.text.strip() for l in lines if l.text.strip())
    start = first.offset + (len(first.text) - len(first.text.lstrip()))
    return Evidence(document, first.number, last.number, start, last.offset + len(last.text.rstrip()), quote or text)


def split_names(text: str) -> list[str]:
    """Split a list of names on ``og``, commas, slashes and semicolons.

    Notes in parentheses (roles, units) and after a spaced dash are dropped.

    >>> split_names("Tove/Sten"), split_names("Kim Ny, Eva Lund og Bo")
    (['Tove', 'Sten'], ['Kim Ny', 'Eva Lund', 'Bo'])
    >>> split_names("Bo Lund (økonomichef) – deltager virtuelt")
    ['Bo Lund']
    """
    return [name for name, _ in _split_entries(text)]


def _split_entries(text: str) -> list[tuple[str, bool]]:
    """``(name, virtual)`` for each name of a list; ``virtual`` when a note says the person takes part remotely.

    >>> _split_entries("Kim Ny (virtuelt), Eva Lund - deltager via Teams, Bo deltog virtuelt og Ida (HR)")
    [('Kim Ny', True), ('Eva Lund', True), ('Bo', True), ('Ida', False)]
    """
    def note(m: re.Match) -> str:
        return f" {_VIRTUAL_MARK} " if _VIRTUAL_NOTE.match(m.group(1).strip()) else " "

    text = text.replace(_VIRTUAL_MARK, " ")
    text = _ITEM_NOTE.sub(" ", text)  # "Eva Holt (KL) under pkt. 1"
    text = re.sub(r"\(([^)]*)\)", note, text)
    text = _DASH_NOTE.sub(note, text)
    text = re.sub(r"\s+(?:og|samt)\s*$|^\s*(?:og|samt)\s+", "", text)
    entries = []
    parts = _NAME_SPLIT.split(text)
    if len(parts) >= 2 and _is_note(parts[1]):
        parts = parts[:1]  # "Eva Holt, områdechef, P&O": one person and what she is
    for part in parts:
        virtual = _VIRTUAL_MARK in part
        part = part.replace(_VIRTUAL_MARK, " ")
        suffix = _VIRTUAL_SUFFIX.search(part)
        if suffix and suffix.start() > 0:
            part, virtual = part[: suffix.start()], True
        part = part.strip(" .:;-–—•◦▪●*\t")
        part = re.sub(r"\s+", " ", part)
        if part and any(ch.isalpha() for ch in part) and part.casefold() not in _NO_NAMES and _looks_like_a_name(part) \
                and not _is_note(part) and "&" not in part and len(part) > 1:
            entries.append((part, virtual))
    return entries


_ITEM_NOTE = re.compile(r"\s+(?:under|til|ved|i|for)\s+(?:pkt|punkt)\.?\s*\d+(?:\s*(?:og|,|-|–)\s*\d+)*", re.IGNORECASE)
_NAME_PARTICLES = frozenset({"de", "von", "van", "la", "le", "da", "di", "du", "af", "el", "al", "bin", "ibn"})


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})|(\d{1,2})\.\s*(" + "|".join(_MONTHS) + r")\s+(\d{4})", re.IGNORECASE)
_LOOSE_HOURS = re.compile(r"(\d{1,2})(?:[.:](\d{2}))?\s*[-–]\s*(\d{1,2})(?:[.:](\d{2}))?\s*$")


def _field_date(text: str) -> tuple[str | None, str | None, str | None] | None:
    """``(date, start, end)`` of a labelled header field: ``tirsdag d. 18/3-2025 kl. 9-11`` ->
    ``('2025-03-18', '09:00', '11:00')``; ``14.00 – 15.30`` -> ``(None, '14:00', '15:30')``."""
    day = _DAY_MONTH_YEAR.search(text)
    date = None
    if day:
        d, m, y = (day.group(1), day.group(2), day.group(3)) if day.group(1) else (day.group(4), day.group(5), day.group(6))
        month = int(m) if m.isdigit() else _MONTHS.index(m.lower()) + 1
        if _valid_date(int(y), month, int(d)):
            date = f"{int(y):04d}-{month:02d}-{int(d):02d}"
        text = text[day.end():]
    hours = _LOOSE_HOURS.search(text)
    if hours and all(int(h) < 24 for h in (hours.group(1), hours.group(3))):
        start, end = _time(hours.group(1), hours.group(2) or "00"), _time(hours.group(3), hours.group(4) or "00")
    else:
        start = end = None
    return (date, start, end) if date or start else None


def _only_names(text: str) -> bool:
    """A schedule's text that is only names: ``Bo Lund og Eva`` (not ``Stille Aftener – opstart``)."""
    if text.strip().casefold() in _STANDING_WORDS:
        return False  # "Pkt. 6 Eventuelt"
    entries = _NAME_SPLIT.split(text)
    return all(e.strip() and _looks_like_a_name(e.strip()) and e.strip()[:1].isupper() for e in entries)


#: a role's link to the unit after it: "leder af X", "chef for X"
_STANDING_WORDS = frozenset({"eventuelt", "evt.", "evt", "orientering", "status", "meddelelser", "diverse", "næste møde"})
_NOTE_LINKS = frozenset({"af", "for", "i", "på", "hos", "ved", "til"})


def _is_note(part: str) -> bool:
    """A role or a place after a name, no name itself: ``områdechef``, ``chef for O&H``, ``leder af X``."""
    words = part.split()
    return bool(words) and words[0][:1].islower() and (
        len(words) == 1 or not _looks_like_a_name(part) or words[1] in _NOTE_LINKS)


def _looks_like_a_name(part: str) -> bool:
    """Every word after the first (a role word may open it) but particles is capitalised:
    ``Lukket punkt`` in a schedule is no name.

    >>> _looks_like_a_name("Eva de Vries"), _looks_like_a_name("Lukket punkt"), _looks_like_a_name("MBJ")
    (True, False, True)
    """
    words = part.split()
    return all(w[:1].isupper() or w in _NAME_PARTICLES for w in words[1:])  # a role word may come first


def is_toc_line(line: str) -> bool:
    """True for table-of-contents lines: dotted leaders with a page number, markdown table rows."""
    text = line.rstrip()
    if not text:
        return False
    if text[-1] == "|":
        return bool(_TOC_TABLE.match(text))
    return text[-1].isdigit() and bool(_TOC_DOTS.search(text))


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        _date(year, month, day)
    except ValueError:
        return False
    return True


def _time(h: str | None, m: str | None) -> str | None:
    return f"{int(h):02d}:{m}" if h and m else None


def _name_mentions(document: str, line: TextLine, names_text: str, role: str, lines: tuple[TextLine, ...] = ()) -> list[NameMention]:
    """Names in ``names_text``, each with evidence pointing at its own occurrence.

    ``lines`` are continuation lines of a list wrapped by the PDF; names are
    looked up in order, tolerant of runs of white space.
    """
    mentions = []
    all_lines = (line, *lines)
    quote = " ".join(l.text.strip() for l in all_lines)
    cursor = [0] * len(all_lines)
    for name, virtual in _split_entries(names_text):
        pattern = None
        for index, candidate in enumerate(all_lines):
            start = candidate.text.find(name, cursor[index])
            if start >= 0:
                stop = start + len(name)
            else:  # the PDF put more than one space between the words
                pattern = pattern or re.compile(r"\s+".join(map(re.escape, name.split())))
                m = pattern.search(candidate.text, cursor[index])
                if not m:
                    continue
                start, stop = m.start(), m.end()
            cursor[index] = stop
            ev = Evidence(document, candidate.number, candidate.number, candidate.offset + start,
                          candidate.offset + stop, quote)
            break
        else:
            ev = Evidence(document, line.number, all_lines[-1].number, line.offset, all_lines[-1].offset + len(all_lines[-1].text), quote)
        mentions.append(NameMention(name, ev, "virtual" if virtual and role == "participant" else role))
    return mentions


def toc_titles(lines: list[TextLine]) -> dict[int, str]:
    """Item number -> title from the table of contents, where each title is whole on one line.

    >>> toc_titles(split_lines("Punkt 2: Status på Trivselsløft 2026..... 1\\n| Punkt 3: Eventuelt | 2 |"))
    {2: 'Status på Trivselsløft 2026', 3: 'Eventuelt'}
    """
    titles: dict[int, str] = {}
    for line in lines:
        text = line.text.strip()
        if not is_toc_line(text):
            continue
        text = _TOC_DOTS.sub("", text) if not text.endswith("|") else text.strip("|").split("|")[0]
        heading = _HEADING.match(text.strip())
        if heading and not heading.group(1):
            titles.setdefault(int(heading.group(2)), heading.group(3).strip(" .…"))
    return titles


def repeated_wraps(lines: list[TextLine]) -> dict[int, str]:
    """Item number -> whole title, as the decision headings show it.

    A heading wrapped before a capitalised word or a year ("Status på Tryg Bydel" / "Nord")
    looks like a heading followed by a line of text. The decision heading shows the whole
    title when it stands on one line, or when it wraps onto the same line as the item's.
    """
    found: dict[tuple[int, bool], tuple[str, str]] = {}
    whole: dict[int, str] = {}  # decision headings on one line: "Beslutning for Punkt 3: Status på Tryg Bydel Nord"
    for i, line in enumerate(lines[:-2]):
        heading = _HEADING.match(line.text) if "unkt" in line.text else None
        if not heading:
            continue
        number, decision, title = int(heading.group(2)), bool(heading.group(1)), heading.group(3).strip()
        nxt = lines[i + 1].text.strip()
        if decision and not nxt and title:
            whole.setdefault(number, title)
        if nxt and not lines[i + 2].text.strip() and not _HEADING.match(nxt) and not BULLET.match(lines[i + 1].text):
            found.setdefault((number, decision), (title, nxt))
    repeated = {number: f"{title} {nxt}" for (number, decision), (title, nxt) in found.items()
                if not decision and found.get((number, True)) == (title, nxt) and len(nxt.split()) <= 4
                and not nxt.endswith((".", "!", "?", ":"))}
    return {**whole, **repeated}


#: one-word decision texts that can stand right under a heading
_DECISION_WORDS = frozenset({"godkendt", "udsat", "drøftet", "vedtaget", "taget til efterretning", "ingen", "intet", "orientering"})


def _name_continues(title: str, nxt: str) -> bool:
    """``Status på Sundhedshus`` / ``Syd``: a proper name wrapped before its last one or two words.

    >>> _name_continues("Status på Tryghus", "Syd"), _name_continues("Status på Tryghus", "Godkendt")
    (True, False)
    """
    words = nxt.split()
    last = title.split()[-1] if title.split() else ""
    return (last[:1].isupper() and 1 <= len(words) <= 2 and all(w[:1].isupper() and w.isalpha() for w in words)
            and nxt.casefold() not in _DECISION_WORDS)


def _heading_title(lines: list[TextLine], i: int, text: str, known: str | None) -> tuple[str, int]:
    """Join a heading wrapped over several lines; return the title and the last line used."""
    title, last = text, i
    while last + 1 < len(lines):
        nxt = lines[last + 1].text.strip()
        if not nxt or _HEADING.match(nxt) or BULLET.match(lines[last + 1].text) or is_toc_line(nxt):
            break
        joined = f"{title} {nxt}".strip()
        if known and known != title and known.startswith(joined):
            title, last = joined, last + 1
            continue
        after_blank = last + 2 >= len(lines) or not lines[last + 2].text.strip()
        wraps = bool(_CONNECTOR_END.search(title)) or nxt[:1].islower() or bool(_YEARS_ONLY.fullmatch(nxt)) \
            or _name_continues(title, nxt)
        if wraps and after_blank and len(nxt) <= 90 and not nxt.endswith((".", "!", "?")):
            title, last = joined, last + 1
            continue
        break
    return title.strip(), last


def segment(source: SourceDocument) -> SegmentedMinutes:
    """Find the structure of one minutes document.

    Raises :class:`NotMinutesError` when the text has none of the marks of
    minutes (header, schedule, participants, ``Punkt N:`` headings).
    """
    doc = source.document
    lines = split_lines(source.text)
    toc = {**repeated_wraps(lines), **toc_titles(lines)}
    kind = date = start = end = location = None
    header_lines: list[TextLine] = []
    location_lines: list[TextLine] = []
    schedule: dict[int, ScheduleEntry] = {}
    participants: list[NameMention] = []
    apologies: list[NameMention] = []
    headings: list[tuple[int, bool, int, int, str]] = []  # (number, is_decision, first, last, title)
    warnings: list[str] = []
    front_matter = True
    in_participants = in_apologies = False
    agenda: dict[int, str] = {}  # "Pkt. N Title" lines seen once
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text.strip()
        if not text:
            in_participants = in_apologies = False
            i += 1
            continue
        if is_toc_line(text) or _TOC_WORDS.match(text):
            i += 1
            continue
        pkt = _PKT_TITLE.match(text) if text[:3].casefold() == "pkt" else None
        if pkt and not _only_names(pkt.group(2)):
            number = int(pkt.group(1))
            if number not in agenda:
                agenda[number] = pkt.group(2)
                toc.setdefault(number, pkt.group(2))
                i += 1
                continue
            front_matter = in_participants = in_apologies = False
            title, last = _heading_title(lines, i, pkt.group(2), toc.get(number))
            headings.append((number, False, i, last, title))
            i = last + 1
            continue
        heading = _HEADING.match(text)
        if heading:
            front_matter = in_participants = in_apologies = False
            number, is_decision = int(heading.group(2)), bool(heading.group(1))
            # a wrapped heading is completed from the table of contents, a decision's from its item
            known = next((t for n, d, _, _, t in headings if n == number and not d), None) if is_decision else None
            title, last = _heading_title(lines, i, heading.group(3), known or toc.get(number))
            headings.append((number, is_decision, i, last, title))
            i = last + 1
            continue
        if front_matter:
            sched = _SCHEDULE.match(text) or _AGENDA_SLOT.match(text)
            participants_match = _PARTICIPANTS.match(text)
            absent = _ABSENT.match(text)
            if sched:
                in_participants = in_apologies = False
                number = int(sched.group(1))
                names_text, continued, i = _wrapped(lines, i, sched.group(6) or "", _schedule_continues)
                ev = evidence_for(doc, [line, *continued])
                presenters = tuple(_name_mentions(doc, line, names_text, "presenter", tuple(continued)))
                if number not in schedule:
                    schedule[number] = ScheduleEntry(
                        number, _time(sched.group(2), sched.group(3)), _time(sched.group(4), sched.group(5)), presenters, ev
                    )
            elif participants_match:
                in_participants, in_apologies = True, False
                names_text, continued, i = _wrapped(lines, i, participants_match.group(1) or "", _continues_list)
                participants.extend(_name_mentions(doc, line, names_text, "participant", tuple(continued)))
            elif absent:
                in_participants, in_apologies = False, True
                apologies.extend(_name_mentions(doc, line, absent.group(1) or "", "apology"))
            elif in_participants or in_apologies:
                # "Bo er mødeleder" may follow the list without a blank line
                roles = _chair_and_virtual(doc, line)
                if roles:
                    participants.extend(roles)
                elif in_participants:
                    participants.extend(_name_mentions(doc, line, _list_line(text), "participant"))
                else:
                    apologies.extend(_name_mentions(doc, line, _list_line(text), "apology"))
            elif _INFORMATION.match(text):
                pass
            elif field := _FIELD_LABEL.match(text):
                when = _field_date(text[field.end():])
                if when and when[0] and date is None:
                    date, start, end = when
                    header_lines.append(line)
                elif when and not when[0] and date is not None and start is None:
                    start, end = when[1], when[2]  # "Tidspunkt: 14.00 – 15.30" after "Mødedato: ..."
                    header_lines.append(line)
            elif _PLACE_LABEL.match(text):
                location_lines[:] = [line]  # the labelled place, not lines taken for it before
            elif kind is None and _KIND.match(text):
                kind = _KIND.match(text).group(1)
                header_lines.append(line)
            elif _DATE_TIME.match(text) or _DATE_WORDS.match(text):
                if date is None:
                    d = _DATE_TIME.match(text) or _DATE_WORDS.match(text)
                    month_text = d.group(2)
                    month = int(month_text) if month_text.isdigit() else _MONTHS.index(month_text.lower()) + 1
                    day, year = int(d.group(1)), int(d.group(3))
                    if _valid_date(year, month, day):
                        date = f"{year:04d}-{month:02d}-{day:02d}"
                        start, end = _time(d.group(4), d.group(5)), _time(d.group(6), d.group(7))
                        header_lines.append(line)
                    else:
                        warnings.append(f"{doc}:{line.number}: impossible date {text!r} ignored")
            elif _KIND.match(text):
                pass  # the header repeated (PDF page header)
            else:
                roles = _chair_and_virtual(doc, line)
                if roles:
                    participants.extend(roles)
                elif (agenda_line := _AGENDA_TITLE.match(text)) and (schedule or participants or apologies):
                    toc.setdefault(int(agenda_line.group(1)), agenda_line.group(2))  # "3. Løft i sygeplejen" in an agenda
                elif not schedule and not participants:
                    if not location_lines or location_lines[-1].number == line.number - 1 or location is None:
                        location_lines.append(line)
        i += 1

    participants.extend(_guests(doc, lines))
    participants = _without_apologies(participants, apologies)
    if location_lines:
        location = " ".join(_PLACE_LABEL.sub(r"\1", l.text.strip()) for l in location_lines)
        header_lines.extend(location_lines)
    items = _items(doc, lines, headings, schedule)
    missing = tuple(
        name for name, value in (
            ("kind", kind), ("date", date), ("start", start), ("end", end), ("location", location),
            ("schedule", schedule), ("participants", participants), ("items", items),
        ) if not value
    )
    if not (kind or date or schedule or participants or headings):
        raise NotMinutesError(
            f"{doc}: does not look like minutes (no meeting header, 'Pkt. N' schedule, "
            "'Mødedeltagere :' list or 'Punkt N:' headings)"
        )
    header_lines.sort(key=lambda l: l.number)
    meeting = Meeting(
        doc, kind, date, start, end, location,
        evidence_for(doc, [l for l in lines[header_lines[0].number - 1 : header_lines[-1].number] if l.text.strip()])
        if header_lines else None,
        missing,
    )
    return SegmentedMinutes(
        doc, meeting, tuple(schedule[n] for n in sorted(schedule)), tuple(participants), items, tuple(warnings),
        tuple(apologies),
    )


def _list_line(text: str) -> str:
    """A line of a list of names without its bullet: ``• Bo Lund`` -> ``Bo Lund``."""
    bullet = BULLET.match(text)
    return text[bullet.end():] if bullet else text


def _without_apologies(participants: list[NameMention], apologies: list[NameMention]) -> list[NameMention]:
    """Participants less those who are also listed as having sent apologies (the list of the invited).

    A full name (two or more words) matches the same name, also after a role word
    (``Direktør Bo Lund``); a lone first name is too ambiguous to remove anyone.
    """
    absent = {a.text for a in apologies if len(a.text.split()) >= 2}
    if not absent:
        return participants
    return [
        p for p in participants
        if p.role != "participant" or not any(p.text == name or p.text.endswith(" " + name) for name in absent)
    ]


def _subject_names(text: str) -> str:
    """The names that open ``text``, up to its first lowercase word other than ``og``/``samt``.

    >>> _subject_names("Dorthe (sekretariatet) tager referat og")
    'Dorthe'
    >>> _subject_names("Bo Lund og Ida")
    'Bo Lund og Ida'
    """
    words = []
    for word in re.sub(r"\([^)]*\)", " ", text).split():
        if not (word[:1].isupper() or word in ("og", "samt", ",")):
            break
        words.append(word)
    while words and words[-1] in ("og", "samt", ","):
        words.pop()
    return " ".join(words)


def _wrapped(lines: list[TextLine], i: int, names_text: str, continues) -> tuple[str, list[TextLine], int]:
    """A list of names on line ``i`` joined with the lines the PDF wrapped it onto, while
    ``continues(text so far, next line)`` says so; the text, the added lines, the last line used."""
    continued = []
    while i + 1 < len(lines) and continues(names_text, lines[i + 1].text):
        i += 1
        continued.append(lines[i])
        names_text += " " + lines[i].text.strip()
    return names_text, continued, i


def _schedule_continues(text: str, following: str) -> bool:
    """A schedule line wrapped after "og" or a comma continues on the next line."""
    return bool(re.search(r"(?:\bog|,)\s*$", text)) and bool(following.strip()) \
        and not _SCHEDULE.match(following) and not _PARTICIPANTS.match(following)


def _continues_list(text: str, following: str) -> bool:
    """A list line wrapped by the PDF inside an entry: ``..., Ida`` then ``Marie Holm, ...``.

    The line lists with commas but does not end with one (or with ``og``), and the
    next line opens with capitalised words only, up to its first comma.
    """
    following = following.strip()
    if following and text.count("(") > text.count(")") and not _PARTICIPANTS.match(following) and not _ABSENT.match(following):
        return True  # "Bo Lund (Mobilitet og" / "Trafik), ...": a note in brackets wrapped
    if "," not in text or re.search(r"(?:,|\bog|\bsamt)\s*$", text) or ":" in following:
        return False
    first = re.split(r"[,(]", following)[0].split()
    return 0 < len(first) <= 3 and all(w[:1].isupper() for w in first)


def _guests(doc: str, lines: list[TextLine]) -> list[NameMention]:
    """People said to take part in an item anywhere in the text: ``Eva Holt, konsulent i HR,
    deltog under punktet``, ``Overlæge Bo Lund deltog som gæst``, ``... deltog under pkt. 2``."""
    found = []
    for line in lines:
        if "deltog" not in line.text:
            continue
        for m in _GUEST.finditer(line.text):
            found.extend(_name_mentions(doc, line, m.group(1), "guest"))
    return found


def _chair_and_virtual(doc: str, line: TextLine) -> list[NameMention]:
    """People in lines such as ``Tove er mødeleder - Hamid deltager virtuelt``."""
    found = []
    for clause in re.split(r"\s+[-–]\s+", line.text.strip()):
        for pattern, role in ((_CHAIR, "chair"), (_VIRTUAL, "virtual")):
            m = pattern.match(clause)
            if m and len(m.group(1)) <= 60:
                found.extend(_name_mentions(doc, line, _subject_names(m.group(1)), role))
    return found


def _decision(document: str, lines: list[TextLine]) -> Evidence | None:
    """The decision text of an item (its non-blank lines, stripped) with its place in the file."""
    if not lines:
        return None
    text = "\n".join(l.text.strip() for l in lines)
    return Evidence(document, lines[0].number, lines[-1].number, lines[0].offset, lines[-1].offset + len(lines[-1].text), text)


def _items(doc, lines, headings, schedule) -> tuple[AgendaItem, ...]:
    by_number: dict[int, dict] = {}
    for index, (number, is_decision, first, last, title) in enumerate(headings):
        entry = by_number.setdefault(number, {"title": None, "evidence": None, "body": []})
        if not is_decision or entry["title"] is None:
            entry["title"] = title or entry["title"]
            entry["evidence"] = evidence_for(doc, lines[first : last + 1], title)
        stop = headings[index + 1][2] if index + 1 < len(headings) else len(lines)
        entry["body"].extend(
            l for l in lines[last + 1 : stop] if l.text.strip() and not is_toc_line(l.text.strip())
        )
    for number, entry in schedule.items():
        by_number.setdefault(number, {"title": None, "evidence": entry.evidence, "body": []})
    return tuple(
        AgendaItem(doc, n, e["title"], e["evidence"], tuple(e["body"]), _decision(doc, e["body"]))
        for n, e in sorted(by_number.items())
    )
