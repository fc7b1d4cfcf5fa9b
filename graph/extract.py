"""Extract stage: segmented minutes -> mentions and statements.

Structural positions give people (schedule, participants), presenters and
attendees; the spaCy pipeline of :mod:`graph.components` reads agenda titles
and decision text for units, bodies, people and initiatives and for who
decides and who owns. Every mention and statement carries its evidence.
Workers return these compact records, never spaCy ``Doc`` objects.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Span

from .components import doc_text, ends_name, exact_offsets, get_spans, make_pipeline, sentence_of
from .lexicon import fold, is_role_word, load_json
from .model import AgendaItem, Evidence, ExtractedMinutes, Mention, SegmentedMinutes, Statement, TextLine
from .segment import BULLET_MARKS

__all__ = ["Extractor", "title_initiative", "is_generic_title", "decision_blocks", "DecisionBlock"]

_BULLET = re.compile(rf"^(\s*)((?:[{re.escape(BULLET_MARKS)}]\s*)+|o\s+|\d+[.)]\s|[a-zæøå][.)]\s)")
_TRAILING_DATE = re.compile(
    r"\s+\d{1,2}\.\s*(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\s+\d{4}\s*$",
    re.IGNORECASE,
)
_TRAILING_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
_PRESENTED_BY = re.compile(r"(?:oplæg|orientering|indlæg|præsentation) (?:fra|ved) [^\s]+(?: [^\s]+){0,3}? om ", re.IGNORECASE)
#: a title opening with a verbal noun of procedure and its preposition: "Samling af", "Ansøgning om"
_VERBAL_NOUN_PREFIX = re.compile(r"[A-ZÆØÅÉ][a-zæøå]+(?:ing|else|tion|sion)\s+(?:af|om|til|med|på|for|fra)\s+(?=\S)")
#: after a procedure, the one-word organisation it goes to, and a colon: "(Ansøgning til) Fonden X: Y"
_ADDRESSEE = re.compile(r"[A-ZÆØÅÉ][\wæøåÆØÅ&-]*:\s+(?=[A-ZÆØÅÉ])")
#: "Midtvejsstatus på X", "Årsstatus for X", "Høringsudkast til X": a compound of "status", "udkast" or
#: "rapport", the procedure
_STATUS_PREFIX = re.compile(r"[A-ZÆØÅÉ][a-zæøå]*(?:status|udkast|rapport)\s+(?:på|for|til|om)\s+(?=\S)")
#: a plain noun phrase (no year, one capitalised word) before a quoted name after a colon
_PLAIN_THEN_QUOTE = re.compile(r"[A-ZÆØÅÉ][a-zæøå-]*(?:\s+[a-zæøå-]+)*\s*:?\s*[\"“”]([^\"“”]{2,})[\"“”]\s*$")
#: "sygefravær 4. kvartal 2024", "1. halvår 2025": a period of reporting, not part of a name
_TRAILING_PERIOD = re.compile(r"\s+\d\.\s*(?:kvartal|halvår)(?:\s+\d{4})?\s*$", re.IGNORECASE)
#: a lowercase noun, then where it goes or what it is of: the capitalised name after "i", "til", "af", ...
_NOUN_THEN_NAME = re.compile(r"[a-zæøå][a-zæøå-]*\s+(?:i|til|under|på|af)\s+(?=[A-ZÆØÅÉ])")
#: "Kriterier for Naturpuljen", "MSB's bidrag til X 2026", "Tidsplan og principper for X 2026": a capitalised
#: word and lowercase words, a preposition, then a name
_WHAT_OF_NAME = re.compile(r"[A-ZÆØÅÉ][\wæøåÆØÅ'’&-]*(\s+(?:og\s+)?[a-zæøå-]+)?\s+(for|til|i|på|af)\s+(?=[A-ZÆØÅÉ])")
#: a phase of something is no name of its own: "Status på fase 2"
_PHASE = re.compile(r"(?:fase|etape|trin|spor|runde)\s+\d+", re.IGNORECASE)
_YEAR_END = re.compile(r"\b(?:19|20)\d{2}(?:\s?[-–/]\s?\d{2,4})?$")
_DASH_THEN_PROCEDURE = re.compile(r"(?:\s[–—-]|:)\s+(\S.*)$")
_NOUN_NAMED = re.compile(r"([a-zæøå]+)\s+(?=[A-ZÆØÅÉ])")
_NOUN_QUOTE = re.compile(r"(\w+)\s+[\"“”]([^\"“”]{2,})[\"“”]$")
_LEADING_QUOTE = re.compile(r"[\"“”]([^\"“”]{2,})[\"“”]")
#: "X – udkast til høring", "X – MSO's bidrag til planen": a spaced dash, then text with a lowercase word
#: (not only a name: "X – Pleje og Omsorg" stays)
_DASH_TAIL = re.compile(r"\s+[–—-]\s+(?:[a-zæøå]|[^\n]*?\s(?!(?:og|i|for|til|af|med|på|om)\s)[a-zæøå]).*$")
#: "Fælles Natplan med Region Nordjylland": the partner, a capitalised name, ends the title
_PARTNER_TAIL = re.compile(r"\s+med\s+(?:[A-ZÆØÅÉ][\wæøåÆØÅ&-]*\s*){1,4}$")
#: ... except where the effort is the partnership itself: "Udviklingspartnerskabet med VIA"
#: "Hurtig Hjælp i Borgerservice": the unit where it runs ends the title (an acronym, a staff function
#: or a unit of the lexicon) after a name that ends in a capitalised word or a number ("udspil om
#: arbejdet i MSO" is one phrase)
_UNIT_TAIL = re.compile(r"(\S+)\s+i\s+([A-ZÆØÅÉ][\wæøåÆØÅ&-]*)$")
_WITH_PARTNER = ("partnerskab", "partnerskabet", "samarbejde", "samarbejdet", "aftale", "aftalen", "alliance", "alliancen")
#: "Budget 2027: Sparekatalog": a name with a year, then what of it the item is about
#: "Stille Nat: udrulning i P&O": a name, then after a colon in lowercase what of it the item is about
_COLON_TAIL = re.compile(r"(?<=[\wÆØÅÉæøåé]):\s+[a-zæøå].*$")
#: "Modtagelse af nye elever (Elevløftet)": the name in brackets after a plain noun phrase
_PLAIN_THEN_PAREN = re.compile(r"[A-ZÆØÅÉ][a-zæøå-]*(?:\s+[a-zæøå-]+)*\s+\(([A-ZÆØÅÉ][a-zæøå-]{3,}(?:\s[A-ZÆØÅÉ][a-zæøå-]+)?)\)\s*$")
_TOPIC_THEN_NAME = re.compile(r"[A-ZÆØÅÉ][a-zæøå-]*(?:\s+[a-zæøå-]+)+\s*:\s+(?=[A-ZÆØÅÉ][\wæøå-]*\s+[A-ZÆØÅÉ])")
_YEAR_THEN_COLON = re.compile(r"(?<=\d):\s.*$")
#: 'Ledelsestræf 2027: "Ledelse, der ses"': a quoted subtitle after a colon
_QUOTED_SUBTITLE = re.compile(r":\s*[\"“”].*$")
#: a name ending in a year, or a run of capitalised words, then a lowercase phrase
#: ("Kompetenceløft 2027 for ledere", "Tryg Hjemkomst til hele kommunen")
_NAME_THEN_PHRASE = re.compile(
    r"((?:[A-ZÆØÅÉ][\w-]*\s+)+(?:19|20)\d\d(?:\s*[-–/]\s*\d{2,4})?"
    r"|[A-ZÆØÅÉ][\w-]*(?:\s+(?:(?:i|og|på|om|med|for|til|af)\s+)?[A-ZÆØÅÉ][\w-]*)+)"
    r"\s+(?:for|til|i|på|med|hos)\s+[a-zæøå].*$")
#: "ældrereformen – Omsorgsløft 2027": a common noun, then after the dash the name
_NOUN_DASH_NAME = re.compile(r"^[a-zæøå][^–—]*\s[–—-]\s+(?=[A-ZÆØÅÉ])")


@dataclass
class DecisionBlock:
    """A paragraph or bullet of decision text, its lines, depth and parent block."""

    text: str
    lines: list[TextLine]
    starts: list[int]  # where each line begins in ``text``
    cuts: list[int]  # characters cut from the start of each line (indent, bullet)
    depth: int
    index: int = 0
    parent: int | None = None

    def evidence(self, document: str, start: int, end: int, quote: str) -> Evidence:
        """Evidence for characters ``start:end`` of the block."""
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = max(0, bisect.bisect_right(self.starts, max(start, end - 1)) - 1)
        a, b = self.lines[first], self.lines[last]
        char_start = a.offset + self.cuts[first] + (start - self.starts[first])
        char_end = b.offset + self.cuts[last] + (end - self.starts[last])
        return Evidence(document, a.number, b.number, char_start, char_end, quote)


def decision_blocks(lines: tuple[TextLine, ...]) -> list[DecisionBlock]:
    """Join decision lines into blocks: a bullet or a blank line starts a new block."""
    blocks: list[DecisionBlock] = []
    open_blocks: list[int] = []  # indices of the blocks that may still parent a deeper one
    previous: TextLine | None = None
    for line in lines:
        bullet = _BULLET.match(line.text)
        indent = len(line.text) - len(line.text.lstrip())
        cut = bullet.end() if bullet else indent
        content = line.text[cut:].rstrip()
        new = bullet or previous is None or line.number != previous.number + 1 or not blocks
        if new:
            marker = bullet.group(2) if bullet else ""
            depth = (1 if indent or "◦" in marker or marker.strip() == "o" or marker.count("-") > 1 else 0) + (1 if bullet else 0)
            block = DecisionBlock(content, [line], [0], [cut], depth, index=len(blocks))
            while open_blocks and blocks[open_blocks[-1]].depth >= depth:
                open_blocks.pop()
            block.parent = open_blocks[-1] if open_blocks else None
            open_blocks.append(block.index)
            blocks.append(block)
        else:
            block = blocks[-1]
            block.starts.append(len(block.text) + 1)
            block.text += " " + content
            block.lines.append(line)
            block.cuts.append(cut)
        previous = line
    return blocks


@cache
def _title_cuts() -> tuple[re.Pattern, re.Pattern]:
    """Procedure prefixes (longest first, so the longest wins), and the phrases after which a title's name ends."""
    data = load_json("initiatives")
    prefixes = "|".join(re.escape(p) for p in sorted(data["title_prefixes"], key=len, reverse=True))
    partners = "|".join(re.escape(p) for p in data["title_partners"])
    return re.compile(rf"(?:{prefixes})(?![^\W\d_])"), re.compile(rf" og (?:{prefixes})| (?:{partners})(?![^\W\d_])")


@lru_cache(maxsize=8192)  # titles recur from meeting to meeting
def title_initiative(title: str | None) -> str | None:
    """The initiative an agenda title names, without the verb of the title.

    >>> title_initiative("Status på Bevægelse og Trivsel"), title_initiative("Eventuelt")
    ('Bevægelse og Trivsel', None)
    >>> title_initiative("Opsamling fra LUP-møde 4. november 2026")
    'LUP-møde'
    """
    if not title:
        return None
    data = load_json("initiatives")
    prefixes, cuts = _title_cuts()
    name = title.strip().strip(".:")
    low = name.casefold()
    presenter = _PRESENTED_BY.match(name)  # "Oplæg fra KL om X"
    if low.strip(" :") in data["title_prefixes"] or (low.startswith(tuple(data["generic_title_starts"])) and not presenter):
        return None  # only the procedure ("Status"), or news from someone ("Nyt fra ..."): no initiative
    if presenter:
        name = name[presenter.end():]
    procedure = bool(presenter)
    if not procedure:
        prefix = prefixes.match(low)
        if prefix and len(low) > prefix.end():
            name, procedure = name[prefix.end():].strip(" :–-"), True
            again = prefixes.match(name.casefold())  # "Fordeling af midler fra X": two procedures
            if again and len(name) > again.end():
                name = name[again.end():].strip(" :–-")
    if not procedure:
        verbal = _VERBAL_NOUN_PREFIX.match(name) or _STATUS_PREFIX.match(name)  # "Samling af X", "Midtvejsstatus på X"
        if verbal:
            name, procedure = name[verbal.end():], True
    standing, _, rest = name.partition(" og ")
    if rest[:1].isupper() and " " in rest and fold(standing) in _generic_titles():
        name = rest  # "Budgetopfølgning og Handleplan for X": a standing item, then the initiative
    elif rest[:1].isupper() and _YEAR_END.search(rest) and not _YEAR_END.search(standing) \
            and fold(rest.split()[0]).endswith((*_initiative_suffixes(), *data["name_heads"])):
        name = rest  # "Status på Corona og Beredskabsplan 2021": a theme, then the plan named with its year
    addressee = _ADDRESSEE.match(name) if procedure else None
    if addressee:
        name = name[addressee.end():]  # "Ansøgning til Trygfonden: Bro til Fællesskab": what is applied for
    quoted = _LEADING_QUOTE.match(name)  # 'Erfaringer fra "X" på ...': the quoted name is the initiative
    if quoted and procedure:
        name = quoted.group(1)
    topic = _TOPIC_THEN_NAME.match(name)  # "Ældre i eget hjem: Trygt Sammen": a topic, then the name
    if topic:
        name = name[topic.end():]
    subtitle = _PLAIN_THEN_QUOTE.match(name)  # 'Ny elevstrategi: "Fremtidens SOSU"': the quote is the name
    if subtitle:
        name = subtitle.group(1)
    in_brackets = _PLAIN_THEN_PAREN.match(name)
    if in_brackets:
        name = in_brackets.group(1)
    dash = _DASH_THEN_PROCEDURE.search(name)
    if dash and not procedure:
        after = prefixes.match(dash.group(1).casefold())
        if after and after.group().endswith((" på", " af", " for", " om")) and dash.group(1)[after.end():].strip()[:1].isupper():
            name = dash.group(1)[after.end():].strip()  # "Grønplan – status på Grøn Bil": the part of the plan
    name = _COLON_TAIL.sub("", name)
    name = _TRAILING_PERIOD.sub("", name)
    name = _TRAILING_DATE.sub("", name)
    name = _TRAILING_PAREN.sub("", name).strip(" :–-")
    name = _NOUN_DASH_NAME.sub("", name)
    name = _DASH_TAIL.sub("", name)
    partner = _PARTNER_TAIL.search(name)
    if partner and not name[:partner.start()].casefold().endswith(_WITH_PARTNER):
        name = name[:partner.start()]
    unit = _UNIT_TAIL.search(name)
    if unit and not unit.group(1)[0].islower() and (unit.group(2).isupper() or fold(unit.group(2)) in _unit_words()):
        name = name[:unit.end(1)]
    name = _QUOTED_SUBTITLE.sub("", name)
    name = _YEAR_THEN_COLON.sub("", name)
    low = name.casefold()
    cut = cuts.search(low)
    if cut and cut.start() > 0:
        name = name[:cut.start()]
    named = _NAME_THEN_PHRASE.match(name)
    if named:
        name = named.group(1)
    inside = _NOUN_THEN_NAME.match(name)  # "akutpladserne i Akutcenter Nord", "midler til Sund Aldring"
    if inside and name[inside.end():].split()[0] not in _places():  # "akutpladser i Aarhus Vest" is one name
        name = name[inside.end():]
    what_of = None if procedure else _WHAT_OF_NAME.match(name)
    if what_of and _names_itself(name[what_of.end():], what_of.group(2) == "i"):
        first = fold(name.split()[0])
        heads = tuple(data["name_heads"])
        # "Program for X" and "Grønplan for X" are names, "Konceptet for X" and "Tidsplan og principper for X" X's
        rest = fold(name[what_of.end():].split()[0])
        strong = rest.endswith((*_initiative_suffixes(), *heads))  # "Sundhedsdag for Seniorer 2024" stays whole
        if what_of.group(1) or (first in heads and first.endswith(("et", "en"))) or (not first.endswith(heads) and strong):
            name = name[what_of.end():]
    noun_named = _NOUN_NAMED.match(name) if procedure else None  # "Status for partnerskabet X" is X
    if noun_named and noun_named.group(1) in data["quote_nouns"]:
        name = name[noun_named.end():]
    noun_quoted = _NOUN_QUOTE.match(name)  # 'Projekt "X"' is X
    if noun_quoted and noun_quoted.group(1).casefold() in data["quote_nouns"]:
        name = noun_quoted.group(2)
    if len(name) > 2 and name[0] in "\"“”'‘’" and name[-1] in "\"“”'‘’":
        name = name[1:-1].strip()
    generic = _generic_titles()
    if _PHASE.fullmatch(name):
        return None
    if not name or len(name) < 3 or all(fold(part) in generic for part in re.split(r",\s*|\s+og\s+", name)):
        return None
    first, *rest = name.split()
    if not rest and _plural_role(first):
        return None  # "Sygeplejersker - rekrutteringsstatus": a profession, not an initiative
    if fold(first) in _report_words() and all(_YEAR_END.fullmatch(w) for w in rest):
        return None  # "Sygefravær 2022": a report of the year
    if fold(first) in generic and any(w[:1].islower() for w in rest) and all(w[:1].islower() or w[:1].isdigit() for w in rest):
        return None  # "Budgetopfølgning efter februar", "Programstatus og økonomi 2025": a standing item
    return name[0].upper() + name[1:]


class RecurringNames:
    """Initiative names that agenda titles give, or that running text gives as proper names
    (:meth:`is_proper_name`), to be found again in other documents' decision text.

    A name the rules cannot see in running text (``Styrket hjemmetræning``,
    ``Videobesøg i plejeboligerne``) is still a name where a title gives it; the
    meetings that come back to it name it the same way. Only names written in
    the title itself with a capital are kept (not generic titles, not names of
    fewer than five letters), and they are matched with the same case.

    >>> names = RecurringNames(["Status på Styrket hjemmetræning", "Eventuelt"])
    >>> names.found_in("At Styrket hjemmetræning indgår i budgettet.")
    [(3, 24, 'Styrket hjemmetræning')]
    """

    _CAPITALISED = re.compile(r"[A-ZÆØÅÉ](?<![\wæøåÆØÅ-][A-ZÆØÅÉ])[\wæøåÆØÅ-]*")
    _NEXT_WORD = re.compile(r"[ ]([^\s,;:!?()]+)")

    def __init__(self, titles, named: Iterable[str] = ()) -> None:
        #: the names as a trie of their words; the key None ends a name
        self.trie: dict = {}
        for title in set(titles):  # standing titles recur in every meeting
            name = title_initiative(title)
            if name and len(name) >= 5 and name in title:
                self._add(name)
        for name in set(named):
            if self.is_proper_name(name):
                self._add(name)

    @staticmethod
    def is_proper_name(name: str) -> bool:
        """An initiative found in running text that is a name anywhere: capitalised, of two words or more,
        with a second capital or a number (``Aktiv Dag 2027``, ``Venlig Kiosk``; not ``Ny plan``)."""
        words = name.split()
        return len(name) >= 8 and len(words) >= 2 and name[0].isupper() and "\n" not in name \
            and any(w[:1].isupper() or w[:1].isdigit() for w in words[1:])

    def _add(self, name: str) -> None:
        node = self.trie
        for word in name.split(" "):
            node = node.setdefault(word, {})
        node[None] = name

    def __bool__(self) -> bool:
        return bool(self.trie)

    def found_in(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """``(start, end, name)`` of each known name in ``text[start:end]``, the longest at a place."""
        end = len(text) if end is None else end
        found = []
        for m in self._CAPITALISED.finditer(text, start, end):
            node = self.trie.get(m.group())
            best, pos = None, m.end()
            while node is not None:
                if None in node:
                    best = (m.start(), pos, node[None])
                word = self._NEXT_WORD.match(text, pos, end)
                if word is None:
                    break
                following = node.get(word.group(1))
                if following is None and word.group(1).endswith("."):  # the name ends a sentence
                    following, stop = node.get(word.group(1)[:-1]), word.end() - 1
                else:
                    stop = word.end()
                node, pos = following, stop
            if best is not None and ends_name(text, best[1]):
                found.append(best)
        return found

    def to_look_for(self, source_text: str, record: ExtractedMinutes) -> tuple[str, ...]:
        """Known names in the decision text of ``record`` where its extraction found nothing."""
        taken = sorted((m.evidence.char_start, m.evidence.char_end) for m in record.mentions)
        starts = [start for start, _ in taken]
        missing = set()
        for item in record.minutes.items:
            if item.decision is None:
                continue
            for start, end, name in self.found_in(source_text, item.decision.char_start, item.decision.char_end):
                k = bisect.bisect_left(starts, end)  # mentions that start before this name ends
                if not any(taken[j][1] > start for j in range(max(0, k - 3), k)):
                    missing.add(name)
        return tuple(sorted(missing))


_SPAN_KINDS = ("minutes_units", "minutes_unit_candidates", "minutes_bodies", "minutes_people", "minutes_initiatives")
_KINDS = ("Unit", "Unit?", "Body", "Person", "Initiative")


@dataclass
class _Part:
    """A stretch of the document's joined text: an item's title or one decision block."""

    item: AgendaItem
    block: DecisionBlock | None
    start: int
    end: int

    def evidence_function(self, document: str):
        """Map (start, end, quote) in the joined text to :class:`Evidence` in the source file."""
        if self.block is not None:
            return lambda s, e, q: self.block.evidence(document, s - self.start, e - self.start, q)
        ev = self.item.evidence
        return lambda s, e, q: Evidence(document, ev.line_start, ev.line_end, ev.char_start, ev.char_end, q)


def _plural_role(word: str) -> bool:
    """``Sygeplejersker``, ``Ledere``, ``Terapeuter``: the plural of a word for a role."""
    low = word.casefold()
    return any(low.endswith(end) and is_role_word(low[: len(low) - len(end)]) for end in ("r", "e", "er", "ere"))


def _names_itself(text: str, inside: bool = False) -> bool:
    """``text`` has the marks of an initiative's name: an initiative's compound or head (``Naturpuljen``,
    ``Handleplan X``), or, unless it is where something happens (``inside``, after "i"), a year or
    two capitalised words. A unit (``MSO 2024-2027``) or a single word (``Boligen``) has none."""
    words = text.split()
    first = fold(words[0])
    if first.endswith(_initiative_suffixes()) or first in load_json("initiatives")["name_heads"]:
        return True
    if inside or words[0].isupper() or first in _unit_words():
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return any(ch.isdigit() for ch in text) or capitalised >= 2


@cache
def _initiative_suffixes() -> tuple[str, ...]:
    return tuple(load_json("initiatives")["suffixes"])


@cache
def _report_words() -> frozenset[str]:
    """Words that with a year name a report, not an initiative (``Sygefravær 2022``; ``Budget 2027`` is one)."""
    return frozenset(fold(w) for w in load_json("initiatives")["not_year_words"])


@cache
def _places() -> frozenset[str]:
    return frozenset(load_json("units")["places"])


@cache
def _unit_words() -> frozenset[str]:
    """One-word units: the staff functions and the one-word names of the units lexicon, folded."""
    data = load_json("units")
    names = [*data["staff_functions"], *(n for u in data["units"] for n in (u["label"], *u["aliases"]))]
    return frozenset(fold(n) for n in names if " " not in n)


@cache
def _generic_titles() -> frozenset[str]:
    return frozenset(fold(g) for g in load_json("initiatives")["generic_titles"])


def is_generic_title(title: str | None) -> bool:
    """True for titles of miscellany items (``Eventuelt``, ``Kommende møder``) that concern nothing.

    >>> is_generic_title("Eventuelt"), is_generic_title("Status på Bevægelse og Trivsel")
    (True, False)
    """
    return bool(title) and fold(title.strip(" .:")) in _generic_titles()


def _named_as(mention: Mention) -> str:
    """The mention's name with the word before it in its sentence, casefolded: 'projekt "lys i mørket"'."""
    quote, name = mention.evidence.quote, mention.text
    at = quote.find(name)
    before = quote[:at].rstrip(" \"“”'‘’").rsplit(None, 1)[-1:] if at > 0 else []
    return " ".join(before + [name]).casefold()


def _sentence_text(doc, char: int) -> str:
    """The stripped sentence around ``char``; one string object per sentence, shared by its mentions."""
    cache = doc.user_data.setdefault("minutes_sentence_text", {})
    bounds = sentence_of(doc, char)
    found = cache.get(bounds)
    if found is None:
        found = cache[bounds] = doc_text(doc)[bounds[0] : bounds[1]].strip()
    return found


def _clean(text: str) -> str:
    return text.strip(" .,:;()\"”“'‘’-–")


class Extractor:
    """Runs the extraction pipeline over segmented minutes.

    >>> from graph.read import read_document
    >>> from graph.segment import segment
    >>> ex = Extractor()
    >>> result = ex.extract(segment(read_document("seeds/000_2eb527c07c3843b1.txt")))
    >>> ("Chefteamet", 3) in {(s.source.canonical, s.target[2]) for s in result.statements if s.relation == "decides"}
    True
    """

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp or make_pipeline()
        bodies = load_json("bodies")
        self.forums = {kind.casefold(): b["label"] for b in bodies["bodies"] for kind in b.get("forum_of", [])}
        self.generic_forums = {b["label"] for b in bodies["bodies"] if b.get("generic_forum")}
        #: organisations by acronym ("KL", "VIVE"): listed among people, they are no persons
        units = load_json("units")
        self.organisations = {alias: unit["label"] for unit in units["units"]
                              for alias in [unit["label"], *unit["aliases"]] if alias.isupper()}
        self.unit_suffixes = tuple(units["suffixes"])
        #: definite nouns that refer back to an initiative ("projektet", "puljen")
        self.initiative_nouns = {n: re.sub(r"(\w)\1$", r"\1", n[:-2]) for n in load_json("initiatives")["quote_nouns"]
                                 if n.endswith(("et", "en"))}

    def _without_role(self, name: str) -> str:
        """``'Direktør Bo Lund'`` -> ``'Bo Lund'``: a role word before a listed name is not part of it."""
        words = name.split()
        while len(words) > 1 and is_role_word(words[0]):
            words = words[1:]
        return " ".join(words)

    def forum_of(self, kind: str | None) -> str | None:
        """The body whose forum a meeting kind is: ``Rådmandsmøde`` -> ``Rådmandsmødekredsen``."""
        if not kind:
            return None
        known = self.forums.get(kind.casefold())
        if known:
            return known
        stem = re.sub(r"s?møde$", "", kind)
        if stem.lower().endswith("gruppe"):  # "Ledergruppemøde" -> "Ledergruppen"
            return stem[0].upper() + stem[1:] + "n"
        if stem.lower().endswith("udvalg"):  # "Ældreudvalgsmøde" -> "Ældreudvalget"
            return stem[0].upper() + stem[1:] + "et"
        return None

    def _initiative_stems(self, sentence: str) -> list[str]:
        """Stems of the definite nouns by which the sentence refers back to an initiative.

        ``"HR har ansvaret for programmet"`` -> ``["program"]``: a name containing the stem
        (``Program for X``, ``Trivselsprogrammet``) is an initiative of that kind.
        """
        return [self.initiative_nouns[w] for w in re.findall(r"[\wæøå]+", sentence.casefold()) if w in self.initiative_nouns]

    def extract(self, minutes: SegmentedMinutes, recurring: tuple[str, ...] = ()) -> ExtractedMinutes:
        """What one document says. ``recurring`` are initiative names known from other
        documents' agenda titles that this one repeats (:class:`RecurringNames`)."""
        doc_id = minutes.document
        mentions: list[Mention] = []
        statements: list[Statement] = []
        meeting_ref = ("Meeting", doc_id)
        known = set()
        listed = [(p, entry.number, "presents", ("AgendaItem", doc_id, entry.number))
                  for entry in minutes.schedule for p in entry.presenters]
        listed += [(p, None, "attends", meeting_ref) for p in minutes.participants]
        listed += [(p, None, None, None) for p in minutes.apologies]  # "Afbud: ...": persons who do not attend
        for p, number, relation, target in listed:
            organisation = self.organisations.get(p.text)
            if organisation is not None or (" " not in p.text and p.text.casefold().endswith(self.unit_suffixes)):
                # "Pkt. 1 ... Bo Lund, KL og Eva Holt", "Eva Holt, Demensforeningen": no persons
                mentions.append(Mention("Unit", p.text, p.evidence, number, organisation or ""))
                continue
            person = Mention("Person", self._without_role(p.text), p.evidence, number)
            mentions.append(person)
            known.update(person.text.split())
            if relation is not None:
                statements.append(Statement(relation, person, target, p.evidence))

        forum = self.forum_of(minutes.meeting.kind)
        # One spaCy Doc per document: titles and decision blocks joined by blank
        # lines (sentences never cross them); parts map characters back to items.
        parts: list[_Part] = []
        chunks: list[str] = []
        position = 0
        blocks_of: dict[int, list[DecisionBlock]] = {}
        for item in minutes.items:
            blocks_of[item.number] = blocks = decision_blocks(item.decision_lines)
            pieces = ([(item.title, None)] if item.title and item.evidence is not None else []) + [(b.text, b) for b in blocks]
            for text, block in pieces:
                parts.append(_Part(item, block, position, position + len(text)))
                chunks.append(text)
                position += len(text) + 2
        spans_by_part: dict[int, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
        doc = None
        if chunks:
            text = "\n\n".join(chunks)
            doc = self.nlp.make_doc(text)
            doc.user_data["minutes_text"] = text
            doc.user_data["minutes_known_names"] = known
            doc.user_data["minutes_known_initiatives"] = recurring
            for _, component in self.nlp.pipeline:  # as nlp(doc) does, without its per-call set-up
                doc = component(doc)
            starts = [p.start for p in parts]
            for key in _SPAN_KINDS + ("minutes_decides", "minutes_owners"):
                for span in get_spans(doc, key):
                    index = bisect.bisect_right(starts, span.start_char) - 1
                    if index >= 0:
                        spans_by_part[index][key].append(span)

        pending_forum: list[AgendaItem] = []
        decided_by: Counter[str] = Counter()
        part_index = 0
        for item in minutes.items:
            item_ref = ("AgendaItem", doc_id, item.number)
            decision_ref = ("Decision", doc_id, item.number)
            title_init = None
            generic = is_generic_title(item.title)
            name = title_initiative(item.title)
            if name and item.evidence is not None:
                title_init = Mention("Initiative", name, item.evidence, item.number)
                mentions.append(title_init)
                statements.append(Statement("concerns", item_ref, title_init, item.evidence))
            blocks = blocks_of[item.number]
            item_decides: list[Mention] = []
            block_inits: dict[int, list[Mention]] = {}
            owner_requests: list[tuple[Mention, int, Evidence]] = []
            while part_index < len(parts) and parts[part_index].item is item:
                part = parts[part_index]
                found = spans_by_part.get(part_index, {})
                part_index += 1
                block = part.block
                is_title = block is None
                ev_of = part.evidence_function(doc_id)
                local: dict[tuple[int, str], Mention] = {}
                for key, kind in zip(_SPAN_KINDS, _KINDS):
                    if is_title and kind == "Initiative":
                        continue
                    for span in found.get(key, []):
                        mention = self._mention(span, kind, item.number, ev_of, forum)
                        if mention is None:
                            continue
                        local[(span.start_char, kind)] = mention
                        mentions.append(mention)
                        if not is_title:
                            statements.append(Statement("mentions", decision_ref, mention, mention.evidence))
                        if kind == "Initiative":
                            block_inits.setdefault(id(block), []).append(mention)
                            if not generic and span.kb_id_ != "passing":
                                statements.append(Statement("concerns", item_ref, mention, mention.evidence))
                if is_title:
                    continue
                for span in found.get("minutes_decides", []):
                    decider = local.get((span.start_char, "Body")) or local.get((span.start_char, "Person"))
                    if decider is not None:
                        item_decides.append(decider)
                for span in found.get("minutes_owners", []):
                    owner = local.get((span.start_char, "Unit")) or local.get((span.start_char, "Person")) or local.get((span.start_char, "Body"))
                    if owner is None:
                        continue
                    target = local.get((int(span.kb_id_), "Initiative")) if span.kb_id_ else None
                    s_start, s_end = sentence_of(doc, span.start_char)
                    ev = ev_of(s_start, s_end, _sentence_text(doc, span.start_char))
                    if target is not None:
                        statements.append(Statement("owns", owner, target, ev))
                    else:
                        owner_requests.append((owner, block.index, ev))
            for owner, block_index, ev in owner_requests:
                target = None
                parent = blocks[block_index].parent
                if parent is not None and block_inits.get(id(blocks[parent])):
                    target = block_inits[id(blocks[parent])][0]
                stems = self._initiative_stems(ev.quote)
                if target is None and stems:
                    # "HR har ansvaret for projektet": the initiative named last before it, one of
                    # the same kind ("strategien" -> "...strategien 2027") when there is one
                    earlier = ([title_init] if title_init else []) + [
                        m for b in blocks[: block_index + 1] for m in block_inits.get(id(b), ())
                        if m.evidence.char_start < ev.char_start]
                    alike = [m for m in earlier if any(stem in _named_as(m) for stem in stems)]
                    target = alike[-1] if alike else title_init or (earlier or [None])[-1]
                target = target or title_init
                if target is not None:
                    statements.append(Statement("owns", owner, target, ev))
            for body in item_decides:
                statements.append(Statement("decides", body, item_ref, body.evidence))
                if body.kind == "Body":
                    decided_by[body.canonical or body.text] += 1
            if not item_decides and item.decision is not None:
                pending_forum.append(item)
        if forum in self.generic_forums and decided_by and forum not in decided_by:
            forum = None  # "Lederforummet godkendte ...": the minutes name their management group otherwise
        fallback = forum or (decided_by.most_common(1)[0][0] if decided_by else None)
        if fallback:
            for item in pending_forum:
                ev = item.evidence or minutes.meeting.evidence
                body = Mention("Body", fallback, ev, item.number, fallback)
                mentions.append(body)
                statements.append(Statement("decides", body, ("AgendaItem", doc_id, item.number), ev))
        if doc is not None:
            # the spans kept in user_data point back at the doc: break the cycle so that
            # reference counting frees the doc at once, without waiting for the cyclic GC
            doc.user_data.clear()
        # the records go back to the parent process: keep the decision text, drop its lines
        compact = replace(minutes, items=tuple(replace(item, decision_lines=()) for item in minutes.items))
        return ExtractedMinutes(compact, tuple(mentions), tuple(statements), minutes.warnings)

    def _mention(self, span: Span, kind: str, item: int, ev_of, forum: str | None) -> Mention | None:
        char_start, char_end = exact_offsets(span)
        raw = doc_text(span.doc)[char_start:char_end]
        text = _clean(raw)
        if not text:
            return None
        start = char_start + max(raw.find(text), 0)
        ev = ev_of(start, start + len(text), _sentence_text(span.doc, start))
        canonical = span.kb_id_
        if kind == "Body" and canonical == "@forum":
            if not forum:
                return None
            canonical = forum
        if kind == "Unit?":
            return Mention("Unit?", text, ev, item, "")
        if kind == "Unit" and canonical in {"strong", "weak"}:
            canonical = ""
        if kind == "Initiative":  # "aka:<noun>": the noun this quoted name was given to
            canonical = canonical if canonical.startswith("aka:") else ""
        return Mention(kind, text, ev, item, canonical)
