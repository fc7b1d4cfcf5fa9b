"""Every spaCy component of the extraction pipeline, in one place.

The pipeline starts from ``spacy.blank("da")`` (no pretrained model can be
downloaded) and adds rule components registered with ``@Language.factory``:

===================  ==========================================================
``minutes_units``    organisational units and organisations -> ``doc.spans["minutes_units"]``
``minutes_bodies``   forums and offices that decide -> ``doc.spans["minutes_bodies"]``
``minutes_people``   people's names -> ``doc.spans["minutes_people"]``
``minutes_initiatives``  programmes, projects, centres, pools ... -> ``doc.spans["minutes_initiatives"]``
``minutes_relations``    who decides, who owns -> ``doc.spans["minutes_decides"]``, ``doc.spans["minutes_owners"]``
===================  ==========================================================

Each reads its word lists from ``ontology/lexicon`` and can be switched off or
replaced through the config of :func:`make_pipeline`. A span's ``kb_id_`` holds
the canonical name when a lexicon knows it. Known names of the document's own
people can be passed in ``doc.user_data["minutes_known_names"]`` (a set of name
words) so that ``Juul`` is found where the schedule lists ``Ane Juul Berg``.

>>> nlp = make_pipeline()
>>> doc = nlp("HR sikrer at Program for sund aldring forankres i Digitalisering & Teknologi.")
>>> [s.text for s in doc.spans["minutes_units"]], [s.text for s in doc.spans["minutes_initiatives"]]
(['HR', 'Digitalisering & Teknologi'], ['Program for sund aldring'])
"""
from __future__ import annotations

import bisect
from functools import cache
import re
from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .lexicon import first_names, fold, is_role_word, load_json
from .segment import BULLET_MARKS

__all__ = ["make_pipeline", "get_spans", "exact_offsets", "doc_text", "sentence_of", "sentences", "PIPELINE_CONFIG", "SPAN_KEYS"]

SPAN_KEYS = ("minutes_units", "minutes_bodies", "minutes_people", "minutes_initiatives", "minutes_decides", "minutes_owners")

#: The components of the default pipeline, in order, with their configs.
PIPELINE_CONFIG: dict[str, dict] = {
    "minutes_units": {"lexicon": "units"},
    "minutes_bodies": {"lexicon": "bodies"},
    "minutes_people": {"max_words": 4, "lexicon": "people"},
    "minutes_initiatives": {"lexicon": "initiatives"},
    "minutes_relations": {"lexicon": "verbs"},
}

_UPPER = "A-ZÆØÅÉ"  # É: "Én Dør"
_YEAR_WORD = re.compile(r"(?:19|20)\d{2}(?:[-–/](?:19|20)?\d{2})?")
#: adverbs between a subject and its verb: "at Kulturkortet fortsat forankres" (no adjective and noun)
_ADVERBS = ("fortsat", "også", "ikke", "fremover", "derfor", "stadig", "allerede", "løbende", "snarest", "først", "herefter")
#: the nouns that make a capitalised adjective before them a committee's name: "Teknisk Udvalg"
#: roles that may open a clause before what they hold and who holds it: "Tovholder på X er Y"
_LEADING_ROLES = "tovholder|projektleder|programleder|projektejer"
_COMMITTEE_WORDS = ("Udvalg", "Udvalget", "Forum", "Forummet", "Råd", "Rådet")
_WORD = r"[\wæøåÆØÅ]"
_CAP_TAIL = r"[\wæøåÆØÅ'’-]*"
_CAP_WORD = rf"[{_UPPER}]{_CAP_TAIL}"
#: a capital letter that starts a word (``\b[A-ZÆØÅ]``), written so that Python's ``re`` can skip
#: straight to capitals: a pattern that opens with ``\b`` or a look-behind is tried at every
#: character, one that opens with a character class is searched several times faster
_WORD_START_UPPER = rf"[{_UPPER}](?<!\w[{_UPPER}])"
#: a capitalised word that does not continue another word (``\b{_CAP_WORD}``)
_CAP_WORD_START = rf"{_WORD_START_UPPER}{_CAP_TAIL}"


def is_word_char(ch: str) -> bool:
    r"""What ``\w`` matches: letters, digits and ``_``."""
    return ch.isalnum() or ch == "_"


def ends_name(text: str, end: int) -> bool:
    """A name may end at ``end``: no word goes on there, by a letter or a hyphen (``Varm Mad-ordningen``)."""
    return end >= len(text) or not (is_word_char(text[end]) or text[end] == "-")


def _words_not_after(before: str | None, alternatives: Iterable[str]) -> str:
    r"""An alternation of regex ``alternatives``, each opening with a literal character, that must not
    follow a character of the class ``before``: ``(?<![before])(?:alt|...)`` with the same matches,
    but first-letter first so that ``re`` skips ahead to the letters that can start a match.

    >>> print(_words_not_after(r"\w", ["pulje", "plan", r"\&x"]))
    (?:p(?<![\w]p)(?:ulje|lan)|\&(?<![\w]\&)(?:x))
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        first = alternative[:2] if alternative.startswith("\\") else alternative[:1]
        if not first or first in "[(.^$|?*+{" or alternative.startswith(("\\b", "\\w", "\\d", "\\s", "\\W")):
            raise ValueError(f"alternative {alternative!r} does not open with a literal character")
        groups.setdefault(first, []).append(alternative[len(first):])
    behind = (lambda first: f"(?<![{before}]{first})") if before else (lambda first: "")
    return "(?:" + "|".join(f"{first}{behind(first)}(?:{'|'.join(rests)})" for first, rests in groups.items()) + ")"


_TOKEN = re.compile(
    r"([^\S ]+"  # a run of white space other than one space (newlines, tabs, double spaces)
    r"|[\"“”‘’'(\[/]"  # opening quotes and brackets, slashes
    r"|[^\s\"“”(\[/]+?(?=[.,:;!?)\]\"“”/]*(?:\s|$)|/)"  # a word, without the punctuation after it
    r"|[.,:;!?)\]\"“”]|\S|[ ])"  # punctuation; any other character; a space no token took
    r"([ ]?)"  # the one space after a token
)


class FastTokenizer:
    """A whitespace-and-punctuation tokenizer for minutes text.

    Our components match on characters, so tokens only need to be whole words
    with the punctuation around them split off (``(bilag``, ``1)`` -> ``(``,
    ``bilag``, ``1``, ``)``); ``doc.text`` is always the input, byte for byte.
    It is several times faster than spaCy's rule tokenizer for Danish, which
    handles exceptions we do not need. Registered as ``minutes.fast_tokenizer.v1``.

    >>> nlp = spacy.blank("da"); nlp.tokenizer = FastTokenizer(nlp.vocab)
    >>> [t.text for t in nlp("Ja (HR, KL’s) 2023.")]
    ['Ja', '(', 'HR', ',', 'KL’s', ')', '2023', '.']
    """

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        pairs = _TOKEN.findall(text)
        return Doc(self.vocab, words=[w for w, _ in pairs], spaces=[bool(sp) for _, sp in pairs])

    def pipe(self, texts):
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "FastTokenizer":
        return self


@spacy.registry.tokenizers("minutes.fast_tokenizer.v1")
def create_fast_tokenizer():
    def make(nlp: Language) -> FastTokenizer:
        return FastTokenizer(nlp.vocab)
    return make


def make_pipeline(disable: Iterable[str] = (), config: dict[str, dict] | None = None, tokenizer: str = "fast") -> Language:
    """Build the extraction pipeline on ``spacy.blank("da")``.

    Parameters
    ----------
    disable: component names to leave out.
    config: per-component config overriding :data:`PIPELINE_CONFIG`.
    tokenizer: ``"fast"`` (:class:`FastTokenizer`, the default) or ``"spacy"``
        (spaCy's Danish rule tokenizer; slower, same results for our components).
    """
    nlp = spacy.blank("da")
    nlp.max_length = 50_000_000  # no parser or NER: long texts cost memory linearly
    if tokenizer == "fast":
        nlp.tokenizer = FastTokenizer(nlp.vocab)
    merged = {name: dict(cfg) for name, cfg in PIPELINE_CONFIG.items()}
    for name, cfg in (config or {}).items():
        merged.setdefault(name, {}).update(cfg)
    for name, cfg in merged.items():
        if name not in disable:
            nlp.add_pipe(name, config=cfg)
    return nlp


#: a blank line; white space after ".", "!" or "?" before a capital, digit or bullet; a dash or bullet
#: between spaces before a capital. Every cut opens with white space, and a pattern that opens with
#: one character class lets ``re`` skip the rest of the text quickly.
_SENTENCE_END = re.compile(
    r"\s(?:(?<=\n)\n"
    r"|(?<=[.!?][^\S\n])[^\S\n]*(?=[\"”“'‘(]?[A-ZÆØÅ0-9•◦-])"
    r"|(?<=[^\S\n])[^\S\n]*[-–•◦][^\S\n]+(?=[A-ZÆØÅ]))")


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("minutes_text")
    if text is None:
        text = doc.user_data["minutes_text"] = doc.text
    return text


def doc_lower(doc: Doc) -> str:
    """The lowercased text of ``doc`` with the same length, computed once.

    Python's ``re`` is several times faster on case-sensitive patterns, so
    case-insensitive lookups search this text with lowercase patterns.
    """
    low = doc.user_data.get("minutes_lower")
    if low is None:
        text = doc_text(doc)
        low = text.lower()
        if len(low) != len(text):  # a character whose lowercase is longer: keep offsets exact
            low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        doc.user_data["minutes_lower"] = low
    return low


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the sentences of ``doc``, cut by a fast rule (computed once per doc).

    Decision text is short and formulaic; a rule on punctuation and bullets
    does what a statistical sentence splitter would, at a fraction of the cost.
    """
    cached = doc.user_data.get("minutes_sentences")
    if cached is None:
        text = doc_text(doc)
        cached, start = [], 0
        for m in _SENTENCE_END.finditer(text):
            cached.append((start, m.start()))
            start = m.end()
        cached.append((start, len(text)))
        doc.user_data["minutes_sentences"] = cached
    return cached


def sentence_of(doc: Doc, char: int) -> tuple[int, int]:
    """The (start, end) characters of the sentence that holds character ``char``."""
    ranges = sentences(doc)
    starts = doc.user_data.get("minutes_sentence_starts")
    if starts is None:
        starts = doc.user_data["minutes_sentence_starts"] = [start for start, _ in ranges]
    index = bisect.bisect_right(starts, char) - 1
    return ranges[index] if index >= 0 else (0, len(doc_text(doc)))


def _opens_clause(text: str, pos: int) -> bool:
    """``pos`` starts the text or a line, or follows the word ``at`` (``Det aftales, at KL ...``)."""
    if pos == 0 or text[pos - 1] == "\n":
        return True
    i = pos
    while i > 0 and text[i - 1] == " ":
        i -= 1
    return i < pos and text[i - 2:i] in ("at", "At") and (i == 2 or not is_word_char(text[i - 3]))


def _is_sentence_start(text: str, pos: int) -> bool:
    """``pos`` opens the text, a block (after a blank line) or a sentence (after ``.``, ``:``, a bullet, ...)."""
    i, newlines = pos, 0
    while i > 0 and text[i - 1] in " \t\n\"”“'‘(":
        newlines += text[i - 1] == "\n"
        i -= 1
    return i == 0 or newlines >= 2 or text[i - 1] in ".!?:•◦-–;"


def _set_spans(doc: Doc, key: str, spans: list[Span], *, overlapping: bool = False) -> None:
    """Store spans under ``doc.spans[key]`` and keep the same Span objects in ``user_data``.

    Iterating a SpanGroup creates new Span objects each time; later
    components and the extractor read :func:`get_spans` instead.
    """
    kept = spans if overlapping else filter_spans(spans)
    doc.spans[key] = kept
    doc.user_data[("minutes_spans", key)] = kept


def get_spans(doc: Doc, key: str) -> list[Span]:
    """The spans a component stored under ``key`` (without re-creating them)."""
    found = doc.user_data.get(("minutes_spans", key))
    return found if found is not None else list(doc.spans.get(key, []))


def _char_span(doc: Doc, start: int, end: int, label: str, kb_id: str = "") -> Span | None:
    """A span covering characters ``start:end``, widened to whole tokens.

    The exact characters are remembered (see :func:`exact_offsets`) so that a
    name glued to other text by the tokenizer keeps its own boundaries.
    """
    span = doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand")
    if span is not None:
        # the span itself is kept in the value, so its id cannot be reused while the doc lives
        doc.user_data.setdefault("minutes_exact", {})[id(span)] = (span, start, end)
    return span


def exact_offsets(span: Span) -> tuple[int, int]:
    """The characters a recognizer matched for ``span`` (may be narrower than its tokens)."""
    found = span.doc.user_data.get("minutes_exact", {}).get(id(span))
    return (found[1], found[2]) if found is not None and found[0] is span else (span.start_char, span.end_char)


_LONG_WORD = re.compile(r"[^\W\d_][\w-]{4,}")


@cache
def _tails(suffixes: tuple[str, ...]) -> frozenset[str]:
    """The last two letters of each suffix: a set look-up rules out most words at once."""
    return frozenset(x[-2:] for x in suffixes)


def _compound_words(doc: Doc, suffixes: tuple[str, ...], min_stem: int, *, capitalised: bool = False) -> Iterable[tuple[int, int]]:
    """(start, end) of words ending in one of ``suffixes`` (lowercase) after a stem of ``min_stem`` letters,
    only capitalised words if ``capitalised``.

    The long words of a doc are found once and shared by all components;
    ``str.endswith`` on a tuple then beats any regex alternation of suffixes.
    """
    by_tail = doc.user_data.get("minutes_long_words")
    if by_tail is None:  # the long words by their last two letters, lowercase
        by_tail = doc.user_data["minutes_long_words"] = {}
        for m in _LONG_WORD.finditer(doc_lower(doc)):
            low = m.group()
            by_tail.setdefault(low[-2:], []).append((m.start(), m.end(), low))
    if capitalised:
        capitals = doc.user_data.get("minutes_long_capitalised_words")
        if capitals is None:
            text = doc_text(doc)
            capitals = doc.user_data["minutes_long_capitalised_words"] = {
                tail: kept for tail, words in by_tail.items() if (kept := [w for w in words if text[w[0]].isupper()])}
        by_tail = capitals
    found = []
    for tail in _tails(suffixes):
        for start, end, low in by_tail.get(tail, ()):
            if low.endswith(suffixes):
                suffix = max((x for x in suffixes if low.endswith(x)), key=len)
                if len(low) - len(suffix) >= min_stem:
                    found.append((start, end))
    return sorted(found)


def _char_ranges(doc: Doc, keys: Iterable[str]) -> list[tuple[int, int]]:
    """Character ranges already claimed by spans under ``keys``."""
    return _Ranges(exact_offsets(span) for key in keys for span in get_spans(doc, key))


class _Ranges:
    """Character ranges with an overlap test in O(log n): long documents stay linear."""

    __slots__ = ("starts", "max_ends")

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [s for s, _ in ordered]
        self.max_ends: list[int] = []
        top = -1
        for _, e in ordered:
            top = max(top, e)
            self.max_ends.append(top)

    def hit(self, start: int, end: int) -> bool:
        """True when ``start:end`` overlaps one of the ranges."""
        index = bisect.bisect_left(self.starts, end)
        return index > 0 and self.max_ends[index - 1] > start


def _hits(start: int, end: int, ranges) -> bool:
    """True when ``start:end`` overlaps any of ``ranges`` (a :class:`_Ranges` or a short list)."""
    if isinstance(ranges, _Ranges):
        return ranges.hit(start, end)
    return any(start < e and s < end for s, e in ranges)


def _by_sentence(doc: Doc, spans: list[Span]) -> dict[int, list[Span]]:
    """Spans grouped by the index of the sentence they start in."""
    starts = [start for start, _ in sentences(doc)]
    grouped: dict[int, list[Span]] = {}
    for span in spans:
        grouped.setdefault(bisect.bisect_right(starts, span.start_char) - 1, []).append(span)
    return grouped


class UnitRecognizer:
    """Units: lexicon aliases, ``X&Y`` acronyms, ``Xxx & Yyy``, compounds (``Bygningsafdelingen``),
    heads (``Plejehjemmet Xxx``), tails (``Xxx Kommune``) and definitions (``Long Name (ACR)``)."""

    def __init__(self, nlp: Language, name: str, *, lexicon: str) -> None:
        data = load_json(lexicon)
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        for unit in data["units"]:
            for alias in [unit["label"], *unit["aliases"]]:
                if alias.isupper() or "'" in alias or "’" in alias or alias.replace("s", "").isupper():
                    self.acronyms.add(unit["label"], [nlp.make_doc(alias)])
                else:
                    self.matcher.add(unit["label"], [nlp.make_doc(alias)])
        self.suffixes = tuple(x.lower() for x in data["suffixes"])
        self.genitive_suffixes = tuple(x + "s" for x in self.suffixes)
        self.capitalised_suffixes = tuple(data["capitalised_suffixes"])
        bodies = load_json("bodies")
        self.body_forms = {form.casefold() for body in bodies["bodies"] for form in body["forms"]}  # "Chefteamet"
        self.body_endings = tuple(bodies["suffixes"]) + tuple(w.casefold() for w in _COMMITTEE_WORDS)
        self.suffix_exclude = {w.casefold() for w in data["suffix_exclude"]}
        heads = _words_not_after(r"\w", map(re.escape, data["heads"]))
        self.head_re = re.compile(rf"{heads}(?:[ ]+{_CAP_WORD}){{1,3}}")
        for_heads = _words_not_after(r"\w", map(re.escape, data.get("for_heads", [])))
        not_after_og = "|".join(map(re.escape, data["heads"]))
        # "Kontoret for Kultur og Fritid" is one name, "Afdelingen for X og Sundhedshuset Y" two units
        self.for_head_re = re.compile(
            rf"{for_heads}(?:[ ]+(?:&|og(?=[ ](?!(?:{not_after_og})\b))|{_CAP_WORD})){{0,3}}[ ]+{_CAP_WORD}")
        tails = "|".join(map(re.escape, data["tails"]))
        self.tail_re = re.compile(rf"{_CAP_WORD_START}[ ]+(?:{tails})\b")
        adjective_endings = "|".join(map(re.escape, data["adjective_endings"]))
        adjective_heads = "|".join(map(re.escape, data["adjective_heads"]))
        #: "Socialpsykiatrisk Enhed": a capitalised adjective, known by its ending, before a unit's noun
        self.adjective_head_re = re.compile(rf"{_WORD_START_UPPER}[a-zæøå]+(?:{adjective_endings})[ ]+(?:{adjective_heads})\b")
        #: a foundation named after a proper noun, with the hyphen Danish writes after one: "Nordea-fonden"
        self.foundation_re = re.compile(rf"{_WORD_START_UPPER}[\wæøåÆØÅ]*-fond(?:en)?\b")
        self.camel_foundation_re = re.compile(rf"F(?<=[a-zæøå]F)onden\b")  # "NordFonden": the word read back from "Fonden"
        self.amp_acronym_re = re.compile(rf"{_WORD_START_UPPER}[{_UPPER}]{{0,2}}[ ]?&[ ]?[{_UPPER}]{{1,3}}\b")
        self.amp_name_re = re.compile(rf"{_WORD_START_UPPER}[\wæøå]+[ ]&[ ][{_UPPER}][\wæøå]+\b")
        #: "Long Name (ACR)": found from the bracket, the name read backwards from it
        self.bracket_acronym_re = re.compile(rf"[ ]\(([{_UPPER}&]{{2,8}})\)")
        self.long_before_re = re.compile(rf"([{_UPPER}][\wæøå]+(?:-?[ ](?:og|for|i|&|{_CAP_WORD}))*[ ]{_CAP_WORD})$")
        #: "ACR (Long Name)"
        self.acronym_bracket_re = re.compile(rf"((?:{_WORD_START_UPPER}|&(?<=\w&))[{_UPPER}&]{{1,7}})[ ]\(([{_UPPER}][\wæøå-]+(?:[ ][\wæøå-]+){{0,6}})\)")
        self.city_re = re.compile(r"\d(?<!\w\d)\d*-by(?:en|erne|samarbejdet)?\b")
        places = "|".join(map(re.escape, data["places"]))
        self.acronym_place_re = re.compile(rf"{_WORD_START_UPPER}[{_UPPER}]{{1,5}}[ ](?:{places})\b")
        endings = "|".join(map(re.escape, data["place_compound_endings"]))
        #: a place: a listed one, "Aarhus Vest", or a part of town ("Østbyen")
        self.place_after_re = re.compile(rf"[ ](?=[{_UPPER}])(?:(?:{places})(?:[ ](?:Nord|Syd|Øst|Vest|Midt))?|[{_UPPER}][a-zæøå]+byen)\b")
        self.proper_name_after_re = re.compile(rf"[ ][{_UPPER}][a-zæøå]{{2,}}\b(?![ ]+(?:og|&)[ ]+[{_UPPER}]|[ ]+[{_UPPER}]|[\wæøåÆØÅ-])")
        self.compound_before_re = re.compile(rf"\b[{_UPPER}][a-zæøå]*(?:{endings})$")
        staff = _words_not_after(r"\w", map(re.escape, sorted(data["staff_functions"], key=len, reverse=True)))
        self.staff_re = re.compile(rf"{staff}\b(?![ ]+(?:og|&)[ ]+[{_UPPER}])")  # not the first half of a pair
        self.pair_before_re = re.compile(rf"(?<![\w&])[{_UPPER}][a-zæøå]+[ ](?:og|&)[ ]$")
        self.inside_sentence_re = re.compile(r"(?:\b[Aa]t|[a-zæøå,])[ ]$")
        #: a full verb in the present tense: "Kommunikation står for ..." (but "Kommunikation skal ..." is the activity)
        self.staff_verb_re = re.compile(r"[ ]+(?:også[ ]+|fortsat[ ]+)?[a-zæøå]+(?:er|ar|år|es)\b")
        #: an unknown organisation in capitals opening a clause before a verb: "- DEFACTUM evaluerer"
        #: (found first, then checked by :func:`_opens_clause`: scanning for capitals is the fast part)
        self.caps_subject_re = re.compile(rf"{_WORD_START_UPPER}[{_UPPER}]{{2,11}}(?=[ ]+(?:også[ ]+|fortsat[ ]+)?[a-zæøå]+(?:er|ar|år)\b)")
        departments = "|".join(map(re.escape, data["departments"]))
        self.in_department_re = re.compile(rf"[ ]i[ ]+(?:{departments})\b")
        self.name_before_re = re.compile(rf"(?:\bat|[a-zæøå,])[ ]([{_UPPER}][a-zæøå]{{3,}})[ ]+$")
        #: ... also a pair or a capitalised adjective and noun, after a bullet too: "- Kommunikation og
        #: Blæst i BA", "til Digital Fremdrift i BA"
        self.long_name_before_re = re.compile(
            rf"(?:(?<![^\n])|[•◦–-][ ]|\b[Aa]t[ ]|[a-zæøå,][ ])"
            rf"([{_UPPER}][a-zæøå]+[ ](?:og|&)[ ][{_UPPER}][a-zæøå]{{2,}}|[{_UPPER}][a-zæøå]+(?:{adjective_endings}|al)[ ][{_UPPER}][a-zæøå]{{3,}})[ ]+$")
        staff_acronyms = "|".join(rf"{re.escape(a[0])}(?<![\w&]{re.escape(a[0])}){re.escape(a[1:])}" for a in data["staff_acronyms"])
        #: "HR og Trivselsliv": a staff acronym and a word name one department ("HR og Pleje og Omsorg" two)
        self.staff_acronym_pair_re = re.compile(
            rf"(?:{staff_acronyms})[ ](?:og|&)[ ][{_UPPER}][a-zæøå]{{3,}}\b(?![ ]+(?:og|&)[ ]+[{_UPPER}])")
        #: "Lyngby Grundejerforening": a proper name before an organisation's compound
        self.compound_tails = tuple(data["compound_tails"])
        self.proper_name_before_re = re.compile(rf"{_CAP_WORD_START}[ ]+$")
        #: "Fonden Glade Dage i Byen": a foundation's name after the word
        self.named_foundation_re = re.compile(rf"F(?<![\w-]F)onden(?:[ ]+(?:(?:for|til|i|af)[ ]+)?{_CAP_WORD})+")
        self.place_endings = tuple(x.lower() for x in data["place_compound_endings"])
        self.shaped_endings = (*self.place_endings, *self.compound_tails, *self.capitalised_suffixes)
        #: "Xxx og Yyy" after a preposition of place is a unit; elsewhere only a candidate
        self.pair_re = re.compile(rf"{_WORD_START_UPPER}[\wæøå]+[ ](?:og|&)[ ][{_UPPER}][\wæøå]+\b")
        self.place_before_re = re.compile(r"\b(?:i|hos|fra|under)[ ]+$")
        #: a capitalised adjective and noun that opens a clause and takes on a task: "- Pædagogisk Fremdrift
        #: har ansvaret for ...", "at Lokal Fremdrift står for ..." (not "Digital Hverdag er et program")
        self.adjective_owner_re = re.compile(
            rf"[{_UPPER}](?<![\wæøå][{_UPPER}])[a-zæøå]+(?:{adjective_endings}|al)[ ][{_UPPER}][a-zæøå]{{3,}}"
            r"(?=[ ]+(?:fortsat[ ]+|også[ ]+)?(?:har[ ]+(?:ansvaret|ejerskabet|opgaven)|står[ ]+for|driver|udarbejder"
            r"|koordinerer|administrerer|er[ ]+(?:ansvarlig|tovholder|projektejer|forankringssted))\b)")
        #: ... or the agent of a passive: "Puljen administreres af Drift og Service"
        passive_verbs = load_json("verbs")["passive_owner_verbs"]
        passives = "|".join(map(re.escape, passive_verbs))
        self.agent_before_re = re.compile(rf"\b(?:{passives})[ ]+(?:[a-zæøå]+[ ]+)?af[ ]+$")
        #: agents of a passive, found after "af" and checked by ``agent_before_re`` (capitals are rarer than
        #: verbs): an existing centre ("driftes af Center for X") and an organisation in capitals
        #: ("Evalueringen gennemføres af VIDENLAB")
        self.agent_res = (
            re.compile(rf"C(?<=af C)enter(?:et)?[ ]+for(?:[ ]+(?:og|&|{_CAP_WORD})){{0,3}}[ ]+{_CAP_WORD}"),
            re.compile(rf"[{_UPPER}](?<=af [{_UPPER}])[{_UPPER}]{{1,10}}\b(?![ ]*[&-])"),
        )
        self.not_in_pair = _FirstNames(first_names())
        self.pair_not_endings = tuple(data["pair_not_endings"])
        self.list_joiner_re = re.compile(r"[ ]*(?:,|og|samt|&)[ ]*")
        #: (after an acronym of a unit and "og": "at HR og Ældre og Trivsel udvikler")
        self.clause_start_re = re.compile(rf"(?:^|[.!?:;•◦–-][ ]*|\n|\b[Aa]t[ ]+|,[ ]+og[ ]+)(?:[{_UPPER}&]{{2,6}}[ ]+og[ ]+)?$")
        #: ... or when a verb in the present tense follows: "Ældre og Trivsel bidrager med ...", "... er tovholder"
        self.verb_after_re = re.compile(
            r"[ ]+(?:også[ ]+|fortsat[ ]+|løbende[ ]+|sammen[ ]+|i[ ]+fællesskab[ ]+)?"
            r"(?:er|har|får|skal|vil|kan|[a-zæøå]{1,}(?:er|ar|år))\b(?![ ]+(?:og|eller)\b)")

    def _department_pair(self, pair: str) -> bool:
        """``Sundhed og Omsorg`` may name a department; ``Lene og Bjarke``, ``Ældrerådet og Handicaprådet``
        and initials (``AH og KU``) do not."""
        words = pair.replace("&", " ").replace(" og ", " ").split()
        return not any(w in self.not_in_pair or w.casefold().endswith(self.pair_not_endings) or w.isupper() for w in words)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for matcher in (self.matcher, self.acronyms):
            for match_id, start, end in matcher(doc):
                label = doc.vocab.strings[match_id]
                spans.append(Span(doc, start, end, label="Unit", kb_id=label))
        text = doc_text(doc)
        definitions = []
        for m in self.bracket_acronym_re.finditer(text):
            long = self.long_before_re.search(text, max(0, m.start() - 100), m.start())
            if long:
                # the name starts with the acronym's first letter: "at MSB og Aarhus Universitetshospital
                # (AUH)" defines "Aarhus Universitetshospital", "At Drift & Teknik (D&T)" "Drift & Teknik"
                start, name = long.start(), long.group(1)
                while " " in name and name[0].casefold() != m.group(1)[0].casefold():
                    cut = name.index(" ") + 1
                    start, name = start + cut, name[cut:]
                    while name.startswith(("og ", "& ", "i ", "for ")):
                        cut = name.index(" ") + 1
                        start, name = start + cut, name[cut:]
                if " " not in name:  # no such start ("Det Nationale ... for Velfærd (VIVE)"): the whole name
                    start, name = long.start(), long.group(1)
                if name.split()[0] in self.not_in_pair:
                    continue  # "kontorchef Bo Lund (K&B)": a person and the unit they come from
                definitions.append((start, long.end(), name, m.start(1), m.end(1), m.group(1)))
        for m in self.acronym_bracket_re.finditer(text):
            if m.group(2)[0].casefold() == m.group(1)[0].casefold():  # "KL (Henrik kommer med ...)" defines nothing
                definitions.append((m.start(2), m.end(2), m.group(2), m.start(1), m.end(1), m.group(1)))
        for long_start, long_end, long_name, acr_start, acr_end, acronym in definitions:
            if long_name.casefold().endswith(self.body_endings):
                # "Tværgående Dialogforum (TDF)": a body and its acronym, for the body recogniser
                doc.user_data.setdefault("minutes_defined_bodies", {})[acronym] = long_name
                continue
            if acronym.isupper() and len(long_name.split()) >= 2:
                for start, end in ((long_start, long_end), (acr_start, acr_end)):
                    span = _char_span(doc, start, end, "Unit", f"{long_name}|{acronym}")
                    if span is not None:
                        spans.append(span)
        for regex in (self.amp_acronym_re, self.amp_name_re, self.for_head_re, self.head_re, self.tail_re, self.city_re,
                      self.acronym_place_re, self.adjective_head_re, self.foundation_re, self.named_foundation_re):
            for m in regex.finditer(text):
                span = _char_span(doc, m.start(), m.end(), "Unit")
                if span is not None:
                    spans.append(span)
        for m in self.place_after_re.finditer(text):  # "Frivilligcenter Aarhus": the place first, then the compound
            compound = self.compound_before_re.search(text, max(0, m.start() - 40), m.start())
            if compound:
                span = _char_span(doc, compound.start(), m.end(), "Unit")
                if span is not None:
                    spans.append(span)
        for start, end in _compound_words(doc, self.shaped_endings, 3, capitalised=True):
            low = text[start:end].casefold()
            tail = self.proper_name_after_re.match(text, end) if low.endswith(self.place_endings) else None
            if tail and tail.group().strip() not in self.not_in_pair:
                end = tail.end()  # "Sejrshøjskolen Kattegat": an institution's compound before a proper name
            elif low.endswith(self.compound_tails):
                name = self.proper_name_before_re.search(text, max(0, start - 40), start)
                if name is None:
                    continue
                start = name.start()  # "Vejlund Grundejerforening": a proper name before an association
            elif not low.endswith(self.capitalised_suffixes) or low in self.body_forms:
                continue  # "Ungdomsteamet" is a unit, "Chefteamet" a body
            span = _char_span(doc, start, end, "Unit")
            if span is not None:
                spans.append(span)
        for m in self.staff_acronym_pair_re.finditer(text):
            if self.clause_start_re.search(text, max(0, m.start() - 12), m.start()) and self.verb_after_re.match(text, m.end()) \
                    or self.place_before_re.search(text, max(0, m.start() - 6), m.start()):
                span = _char_span(doc, m.start(), m.end(), "Unit")
                if span is not None:
                    spans.append(span)
        for regex in self.agent_res:
            for m in regex.finditer(text):
                if self.agent_before_re.search(text, max(0, m.start() - 40), m.start()):
                    span = _char_span(doc, m.start(), m.end(), "Unit")
                    if span is not None:
                        spans.append(span)
        for m in self.camel_foundation_re.finditer(text):
            start = m.start()
            while start > 0 and is_word_char(text[start - 1]):
                start -= 1
            if text[start].isupper():
                span = _char_span(doc, start, m.end(), "Unit")
                if span is not None:
                    spans.append(span)
        for m in self.adjective_owner_re.finditer(text):
            if self.clause_start_re.search(text, max(0, m.start() - 12), m.start()):
                span = _char_span(doc, m.start(), m.end(), "Unit")
                if span is not None:
                    spans.append(span)
        for m in self.caps_subject_re.finditer(text):
            if _opens_clause(text, m.start()):
                span = _char_span(doc, m.start(), m.end(), "Unit")
                if span is not None:
                    spans.append(span)
        for m in self.staff_re.finditer(text):
            if self.pair_before_re.search(text, max(0, m.start() - 40), m.start()):
                continue  # "Bolig og Byggeri": the second half of a pair
            if self.inside_sentence_re.search(text, max(0, m.start() - 3), m.start()) or self.staff_verb_re.match(text, m.end()):
                span = _char_span(doc, m.start(), m.end(), "Unit")
                if span is not None:
                    spans.append(span)
        for m in self.in_department_re.finditer(text):
            # "at Tandplejen i MBU": a name inside a sentence (after "at" or a lowercase word; a
            # sentence's first word is capitalised anyway) placed in a magistrate department
            name = self.long_name_before_re.search(text, max(0, m.start() - 60), m.start() + 1)
            if name and not self._department_pair(name.group(1)):
                name = None
            name = name or self.name_before_re.search(text, max(0, m.start() - 40), m.start() + 1)
            if name and name.group(1).endswith(_COMMITTEE_WORDS):
                name = None  # "Pædagogisk Forum i MSO" is a body
            if name:
                span = _char_span(doc, name.start(1), name.end(1), "Unit")
                if span is not None:
                    spans.append(span)
        for start, end in _compound_words(doc, self.genitive_suffixes, 3):
            if text[start].isupper() and text[start:end - 1].casefold() not in self.suffix_exclude:
                span = _char_span(doc, start, end - 1, "Unit")  # "Sundhedsstyrelsens pulje": the genitive of a name
                if span is not None:
                    spans.append(span)
        for start, end in _compound_words(doc, self.suffixes, 3):
            if text[start:end].casefold() not in self.suffix_exclude:
                # "Rehabiliteringsenheden Vest", "Boligforeningen Solgården": a place or a proper name
                tail = self.place_after_re.match(text, end) or self.proper_name_after_re.match(text, end)
                if tail and tail.group().strip() in self.not_in_pair:
                    tail = None  # "... i Sekretariatet Bo Lund og ...": a person after the unit
                span = _char_span(doc, start, tail.end() if tail else end, "Unit")
                if span is not None:
                    spans.append(span)
        candidates = []
        claimed = [(x.start_char, x.end_char) for x in spans]
        pairs = []
        found = self.pair_re.search(text)
        while found is not None:
            if _hits(found.start(), found.end(), claimed) or not self._department_pair(found.group()):
                # "HR og Ældre og Omsorg": the pair may start at the next word
                found = self.pair_re.search(text, found.start() + 1)
            else:
                pairs.append(found)
                found = self.pair_re.search(text, found.end())
        # chains of pairs joined by "og", "," or "samt"; a chain that opens a clause and is followed
        # by a verb is its subject: "At Drift og Service og Frivillighed og Netværk bidrager ..."
        subject: set[int] = set()
        chain: list = []
        for index, m in enumerate(pairs + [None]):
            if m is not None and chain and self.list_joiner_re.fullmatch(text[chain[-1].end() : m.start()]):
                chain.append(m)
                continue
            if chain and self.clause_start_re.search(text, max(0, chain[0].start() - 12), chain[0].start()) \
                    and self.verb_after_re.match(text, chain[-1].end()):
                subject.update(id(x) for x in chain)
            chain = [m] if m is not None else []
        for m in pairs:
            strong = id(m) in subject or bool(self.place_before_re.search(text, max(0, m.start() - 6), m.start())) \
                or bool(self.agent_before_re.search(text, max(0, m.start() - 40), m.start()))
            span = _char_span(doc, m.start(), m.end(), "Unit", "strong" if strong else "weak")
            if span is not None:
                (spans if strong else candidates).append(span)
        # a candidate listed next to a unit is a unit: "i X og Y, Z og W samt ...", "Z og W og X og Y bidrager"
        changed = True
        while changed and candidates:
            changed = False
            for cand in list(candidates):
                for unit in spans:
                    if " og " not in unit.text and " & " not in unit.text:
                        continue  # only a list of departments' names vouches for a name of the same shape
                    between = text[cand.end_char : unit.start_char] if cand.end_char <= unit.start_char \
                        else text[unit.end_char : cand.start_char]
                    if cand.end_char <= unit.start_char or unit.end_char <= cand.start_char:
                        if self.list_joiner_re.fullmatch(between):
                            candidates.remove(cand)
                            spans.append(cand)
                            changed = True
                            break
        _set_spans(doc, "minutes_units", spans)
        _set_spans(doc, "minutes_unit_candidates", candidates)
        return doc


def one_edit_apart(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by one substitution, insertion, deletion or swap of neighbours.

    >>> one_edit_apart("cheftemaet", "chefteamet"), one_edit_apart("chefteamt", "chefteamet")
    (True, True)
    >>> one_edit_apart("chefteamet", "chefteamet"), one_edit_apart("rådmanden", "chefteamet")
    (False, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (a[i + 2:] == b[i + 2:] and a[i:i + 2] == b[i:i + 2][::-1])
    return a[i + 1:] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1:]


class BodyRecognizer:
    """Bodies: lexicon forms (``Chefteamet``, ``CT``, ``Rådmanden``), misspelt compounds matched by
    regex, compounds ending in ``-gruppen``/``-rådet``/``-udvalget``, and ``kredsen`` meaning the forum."""

    def __init__(self, nlp: Language, name: str, *, lexicon: str) -> None:
        data = load_json(lexicon)
        self.name = name
        self.forms: dict[str, str] = {}
        self.regexes: list[tuple[re.Pattern, str]] = []
        self.exact = set()
        for body in data["bodies"]:
            for form in body["forms"]:
                if form.isupper() or (form[:2].isupper()):
                    self.exact.add(form)
                self.forms[form if form in self.exact else form.casefold()] = body["label"]
            if body.get("regex"):
                self.regexes.append((re.compile(body["regex"]), body["label"]))
        self.suffixes = tuple(data["suffixes"])
        self.not_bodies = {w.casefold() for w in data["not_bodies"]}
        self.forum_words = {w.casefold() for w in data["forum_words"]}
        self.not_suffix_endings = tuple(data.get("not_suffix_endings", ()))
        words = sorted({re.escape(f) for f in self.forms} | {re.escape(w) for w in self.forum_words}, key=len, reverse=True)
        regexes = [r.pattern.replace("(?i)", "").lower() for r, _ in self.regexes]
        #: one pass over the text finds every word that may name a body
        candidates = _words_not_after(r"\w&-", [*(w.lower() for w in words), *regexes])
        self.candidate_re = re.compile(rf"{candidates}(?![\w&])")
        verbs = "|".join(map(re.escape, load_json("verbs")["decision_verbs"]))
        #: a capitalised word that decides: a body even when misspelt ("Cheftemaet godkendte")
        self.decider_re = re.compile(rf"({_WORD_START_UPPER}[a-zæøå]{{5,}})[ ]+(?:{verbs})\b")
        #: "Kultur- og Fritidsudvalget": the first half of a coordinated compound before a body
        self.coordinated_before_re = re.compile(rf"[{_UPPER}][a-zæøå]+-[ ](?:og|&)[ ]$")
        #: "Teknisk Udvalg", "Pædagogisk Forum": a committee named by a capitalised adjective
        #: (the noun is found first, then the adjective before it: scanning for capitals is slower)
        self.committee_word_re = re.compile(_words_not_after(r"\w", _COMMITTEE_WORDS) + r"\b")
        self.adjective_before_re = re.compile(rf"{_WORD_START_UPPER}[a-zæøå]+(?:isk|ig|lig|al|ende)[ ]$")
        self.compound_suffixes = tuple([*self.suffixes, *(x[:-1] + "møde" for x in self.suffixes if x.endswith("n")),
                                        *(x[:-1] + "mødet" for x in self.suffixes if x.endswith("n"))])

    def label_of(self, word: str) -> str | None:
        """The canonical body a single word names, ``"@forum"`` for the meeting's forum, else None."""
        if word in self.exact:
            return self.forms[word]
        low = word.casefold()
        if low in self.forms and word not in self.exact and (low not in {f.casefold() for f in self.exact} or low == word.casefold() and not word.isupper()):
            if low in {e.casefold() for e in self.exact} and word not in self.exact:
                return None
            return self.forms[low]
        for regex, label in self.regexes:
            if regex.fullmatch(word):
                return label
        if low in self.forum_words:
            return "@forum"
        if low in self.not_bodies or "-" in low or low.endswith(self.not_suffix_endings):
            return None
        for suffix in self.suffixes:
            if low.endswith(suffix) and len(low) > len(suffix) + 3:
                base = word[0].upper() + word[1:]
                return base
            if low.endswith(suffix[:-1] + "møde") or low.endswith(suffix[:-1] + "mødet"):
                stem = re.sub(r"mødet?$", "", word)
                return stem[0].upper() + stem[1:] + "n"
        return None

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        taken = _char_ranges(doc, ["minutes_units"])
        text = doc_text(doc)
        found = {(m.start(), m.end()) for m in self.candidate_re.finditer(doc_lower(doc))}
        found.update(_compound_words(doc, self.compound_suffixes, 3))
        labels = {}
        for start, end in sorted(found):
            if not _hits(start, end, taken):
                labels[(start, end)] = self.label_of(text[start:end])
        for m in self.decider_re.finditer(text):
            if (m.start(1), m.end(1)) not in labels and not _hits(m.start(1), m.end(1), taken):
                labels[(m.start(1), m.end(1))] = self.misspelt(m.group(1))
        for acronym, long_name in doc.user_data.get("minutes_defined_bodies", {}).items():
            for m in re.finditer(rf"(?<![\w&]){re.escape(acronym)}(?![\w&])", text):
                labels[(m.start(), m.end())] = long_name
        for (start, end), label in list(labels.items()):
            if label and label != "@forum" and label.casefold() == text[start:end].casefold() and text[start].isupper():
                adjective = self.adjective_before_re.search(text, max(0, start - 30), start)
                if adjective:  # "Tværgående Dialogforum": the adjective is part of the name
                    del labels[(start, end)]
                    labels[(adjective.start(), end)] = text[adjective.start():end]
        for m in self.committee_word_re.finditer(text):
            adjective = self.adjective_before_re.search(text, max(0, m.start() - 30), m.start())
            if adjective and not _hits(adjective.start(), m.end(), taken):
                labels[(adjective.start(), m.end())] = text[adjective.start():m.end()]
        for (start, end), label in sorted(labels.items()):
            if label and label != "@forum" and label.casefold() == text[start:end].casefold():
                first = self.coordinated_before_re.search(text, max(0, start - 30), start)
                if first:
                    start, label = first.start(), text[first.start():end]
            if label:
                span = _char_span(doc, start, end, "Body", label)
                if span is not None:
                    spans.append(span)
        _set_spans(doc, "minutes_bodies", spans)
        return doc

    def misspelt(self, word: str) -> str | None:
        """The body a word of six letters or more names with one letter wrong, missing, extra or swapped."""
        low = word.casefold()
        for form, label in self.forms.items():
            if len(form) >= 6 and form not in self.exact and one_edit_apart(low, form):
                return label
        return None


class _FirstNames(frozenset):
    """A set of first names that also contains double names made of two of them (``Anne-Mette``)."""

    def __contains__(self, word: object) -> bool:
        if frozenset.__contains__(self, word):
            return True
        if isinstance(word, str) and "-" in word:
            return all(frozenset.__contains__(self, part) for part in word.split("-"))
        return False


class PeopleRecognizer:
    """People: a known first name (or a word of a name the document lists) followed by up to
    ``max_words - 1`` capitalised words; a capitalised word coordinated with a found person
    (``Ole Vestbjerg og Yasmin``)."""

    def __init__(self, nlp: Language, name: str, *, max_words: int, lexicon: str = "people") -> None:
        data = load_json(lexicon)
        self.name = name
        self.max_words = max_words
        names = first_names()
        # "Anne-Mette": a double first name whose parts are first names
        self.first_names = _FirstNames(names)
        self.role_words = {w.casefold() for w in data["role_words"]}
        self.not_alone = set(data["sentence_start_not_alone"])
        rest = r"[a-zæøåéèüöäáóíú]+(?:-[A-ZÆØÅ][a-zæøåéèüöäáóíú]+)?"  # of a name word after its capital
        cap = rf"[A-ZÆØÅ]{rest}"
        first = rf"[A-ZÆØÅ](?<![\w&-][A-ZÆØÅ]){rest}"  # not after a word: the capital opens the search
        self.name_re = re.compile(rf"{first}(?:[ ]{cap}){{0,{max_words - 1}}}(?![\w&])")
        self.pair_tail_re = re.compile(rf"[ ]+(?:og|&)[ ]+({cap})")
        self.coordinated_re = re.compile(rf"[^\S\n]*(?:og|,|/|&)[^\S\n]*({cap}(?:[ ]{cap}){{0,{max_words - 1}}})(?![\w&])")

    def _department_pair(self, name: str, text: str, end: int, known: set[str]) -> bool:
        """``name`` is unknown and opens a pair of capitalised words that are no names either
        (``Bo Lund, Vej og Park``): a department, not another person."""
        if name in self.first_names or name in known:
            return False
        tail = self.pair_tail_re.match(text, end)
        return tail is not None and tail.group(1) not in self.first_names and tail.group(1) not in known

    def _role_before(self, text: str, start: int) -> bool:
        """A role word stands right before ``start``, apart by spaces or tabs: a listed one in any
        case (``Sexolog Xxx Yyy``, ``v. Xxx``) or a lowercase one known by its ending (``økonomichef Bo Lund``)."""
        if start < 2 or text[start - 1] not in " \t":
            return False
        window = text[max(0, start - 60):start].rstrip(" \t")
        k = len(window)
        while k > 0 and (is_word_char(window[k - 1]) or window[k - 1] in ".-"):
            k -= 1  # back to the start of the word: letters, digits, "." and "-" ("HR-chef", "v.")
        if window[k:].lower() in self.role_words and (k > 0 or start <= 60):
            return True
        words = window.split()
        word = words[-1] if words else ""
        return len(word) >= 4 and word.islower() and is_role_word(word)

    def __call__(self, doc: Doc) -> Doc:
        known: set[str] = doc.user_data.get("minutes_known_names", set())
        taken = _char_ranges(doc, ["minutes_units", "minutes_bodies"])
        text = doc_text(doc)
        spans: list[Span] = []
        ends: list[int] = []
        for m in self.name_re.finditer(text):
            words = m.group(0).split()
            start = m.start()
            # the name starts at the first word that is a known first name or name word
            k = 0
            role = words[0] not in self.first_names and words[0] not in known and self._role_before(text, start)
            while k < len(words) and words[k] not in self.first_names and words[k] not in known and not (k == 0 and role):
                start += len(words[k]) + 1
                k += 1
                if is_role_word(words[k - 1]) and k < len(words):
                    role = True  # "Konsulent Xxx Yyy": a capitalised role word opens the name
                    break
            if k == len(words):
                continue
            if k and not role and not (k == 1 and _is_sentence_start(text, m.start())):
                continue  # "Projekt Grøn Omsorg", "Lokalcenter Anna Hansens Vej": a name of something else
            words = words[k:]
            end = start + len(" ".join(words))
            if _hits(start, end, taken):
                continue
            first_of_sentence = start == m.start() and _is_sentence_start(text, m.start())
            if len(words) == 1 and words[0] not in known and (
                role and words[0] not in self.first_names or first_of_sentence and words[0] in self.not_alone
            ):
                continue
            span = _char_span(doc, start, end, "Person")
            if span is not None:
                spans.append(span)
                ends.append(end)
        # coordination: "<person> og Xxx", "<person>, Xxx", "<person>/Xxx"
        for end in ends:
            while True:
                m = self.coordinated_re.match(text, end)
                if not m or _hits(m.start(1), m.end(1), taken) or any(s.start_char == m.start(1) for s in spans):
                    break
                if self._department_pair(m.group(1), text, m.end(1), known):
                    break
                span = _char_span(doc, m.start(1), m.end(1), "Person")
                if span is None:
                    break
                spans.append(span)
                end = m.end(1)
        _set_spans(doc, "minutes_people", spans)
        people = [(s.start_char, s.end_char) for s in spans]
        candidates = get_spans(doc, "minutes_unit_candidates")
        if people and candidates:
            # "Ahmad Karimi og Nuka Olsen" is two people, not a unit "Karimi og Nuka"
            _set_spans(doc, "minutes_unit_candidates", [c for c in candidates if not _hits(c.start_char, c.end_char, people)])
        return doc



class InitiativeRecognizer:
    """Initiatives: ``<Head> for|om|til <words>`` (``Program for ...``, ``Center for ...``), compounds
    ending in an initiative suffix (``...puljen``, ``...projektet``, ``...app``), names in quotation
    marks, ``<Org>'s handlingsplan``, and a capitalised word with a year (``Trivselsløft 26``)."""

    #: words of time that end a name's "for ..." tail ("... for nyansatte hvert kvartal")
    _TIME = {"hvert", "hver", "inden", "senest", "fremover", "løbende", "årligt", "halvårligt", "kvartalsvis",
             "månedligt", "ugentligt", "dagligt", "snarest"}
    _STOP = {"ikke", "evt", "bl", "mfl", "osv", "etc", "tages", "bliver", "blev", "er", "var", "forankres", "åbnes", "igangsættes", "som", "der", "at", "hvor",
             "med", "i", "på", "fra", "ved", "skal", "kan", "vil", "har", "havde", "af", "til", "hos", "samt", "herunder",
             "inden", "efter", "før", "bør", "mhp", "mv", "fx", "feks", "eller", "men", "så", "da", "når", "hvis",
             "udmøntes", "fordeles", "anvendes", "drøftes", "godkendes", "sendes", "følges", "besluttes"}
    _LINKS_INSIDE = {"og", "det", "den", "de", "nære", "for"}
    _FIRST_WORD = re.compile(r"[\wæøå-]+")
    _NAME_WORD = re.compile(r"[\wæøåÆØÅ][\wæøåÆØÅ'’&-]*|\d+|[^\s\w]")
    _YEAR_AFTER = re.compile(r"\s(\d{4}(?:\s?[-–]\s?\d{2,4})?)\b")

    def __init__(self, nlp: Language, name: str, *, lexicon: str) -> None:
        data = load_json(lexicon)
        self.name = name
        heads = _words_not_after(r"\w", sorted((re.escape(h).lower() for h in data["name_heads"]), key=len, reverse=True))
        links = "|".join(data["head_links"])
        self.head_re = re.compile(rf"({heads})[^\S\n]+(?:{links})[^\S\n]+")  # a name never runs over a line
        #: what may follow "<head> til" that names no initiative: a body, or a step of the procedure
        self.body_words = {form for body in load_json("bodies")["bodies"] for form in body.get("forms", [])} | {
            "efterretning", "orientering", "godkendelse", "drøftelse", "høring", "behandling", "beslutning"}
        self.indefinite_re = re.compile(r"\b(?:en|et|ny|nyt|nye|anden|andet|sådan|sådant)\s+(?:fælles\s+|samlet\s+|ny\s+|nyt\s+)?$")
        #: "etableres som et 2-årigt udviklingsprojekt": says what a thing is, names nothing itself
        self.predicative_re = re.compile(r"(?<![\wæøå])som[ ]+(?:en|et)[ ]+(?:[\wæøå-]+[ ]+)?$")
        self.suffixes = tuple(x.lower() for x in data["suffixes"])
        self.name_word_before_re = re.compile(rf"(?:[a-zæøå,]|\b[Aa]t)[ ]({_CAP_WORD})[ ]$")
        self.coordinated_prefix_re = re.compile(r"[\wæøåÆØÅ]+-[^\S\n](?:og|eller)[^\S\n]$")
        self.year_tail_re = re.compile(r"[ ](\d{4}(?:[ ]?[-–][ ]?\d{2,4})?)\b")
        self.suffix_min_stem = int(data["suffix_min_stem"])
        self.suffix_exclude = {w.casefold() for w in data["suffix_exclude"]}
        self.quote_re = re.compile(r"[\"”“'‘’]([A-ZÆØÅ][^\"”“'‘’\n]{3,80}?)[\"”“'’]")
        prefixes = _words_not_after(r"\w", map(re.escape, data.get("name_prefixes", [])))
        self.capitalised_only = tuple(data["capitalised_only_suffixes"])
        prefixed = {x.casefold() for x in data.get("name_prefixes", [])}
        #: the noun opens a sentence too ("Pilotprojektet Læsekompas afprøves"), unless it is part of the
        #: name there ("Projekt X", see name_prefixes)
        noun_forms = [*data["quote_nouns"], *(n.capitalize() for n in data["quote_nouns"] if n not in prefixed)]
        #: (also at the end of a lowercase compound: "løbefællesskabet Skridt for Skridt", checked in the code)
        nouns = _words_not_after(None, map(re.escape, sorted(noun_forms, key=len, reverse=True)))
        self.noun_then_name_re = re.compile(
            rf"{nouns}[ ]+({_CAP_WORD}(?:[ ]+(?:(?:i|og|på|om|med|for|til)[ ]+)?{_CAP_WORD}){{0,3}})")
        self.named_after_noun_re = re.compile(rf"(?:[ \t]+\n?|\n)[ \t]*({_CAP_WORD}(?:[ ]+(?:(?:i|og|på|om|med|for|til)[ ]+)?{_CAP_WORD}){{0,3}})")
        self.prefix_name_re = re.compile(rf"{prefixes}(?:[ ]+(?:(?:i|og|på|om|med|for|til|af)[ ]+)?{_CAP_WORD}){{1,4}}")
        self.possessive_re = re.compile(rf"({_WORD_START_UPPER}[\w&]+)(?:'s|’s|s)\s+(handlingsplan|strategi|udspil|program|plan|handleplan)\b")
        #: "Trivselsløft 2026", "Fokus 26" (a two-digit year after a word of three letters or more, not "Nu 41")
        self.year_re = re.compile(
            rf"({_CAP_WORD_START})[ ](\d{{4}}(?:\s?[-–]\s?\d{{2,4}})?|(?<=[\wæøå]{{3}}[ ])\d{{2}})\b(?!\.\d|\.\s*[a-zæøå]|,\d)")
        self.not_year_words = {w.casefold() for w in data["not_year_words"]}
        #: "Aktiv Dag 2027": two capitalised words with a year (the second may be a word of time)
        #: (the year is found first, then the words before it: years are rarer than capitals)
        self.year_only_re = re.compile(r"(?:19|20)(?<![\w.,](?:19|20))\d\d(?:\s?[-–]\s?\d{2,4})?\b(?!\.\d|,\d)")
        self.two_words_before_re = re.compile(rf"({_CAP_WORD_START}[ ]{_CAP_WORD})[ ]$")
        self.hedge_re = re.compile(r"(?<![\wæøå])(?:" + "|".join(re.escape(w.lower()) for w in data["hedge_words"]) + r")(?![\wæøå])")
        funding = _words_not_after(r"\w", (re.escape(p).lower() for p in data["funding_phrases"]))
        self.funding_re = re.compile(rf"{funding}\b([^.;\n]{{0,160}})")
        references = _words_not_after(r"\w", (re.escape(p).lower() for p in data["reference_phrases"]))
        self.reference_re = re.compile(rf"{references}\b")
        self.acronym_re = re.compile(rf"\b[{_UPPER}]{{2,6}}\b")
        #: a block that is only a short capitalised name and an amount in brackets
        #: (the amount at the end of a line is found first: a search for "(" is fast, one for line starts is not)
        price = r"\([ ]*[\d.,]+[ ]*(?:mio|mia|t|tkr|kr)\.?[ ]*(?:kr\.?)?[ ]*\)[ ]*(?=\n|$)"
        self.price_re = re.compile(price)
        self.priced_re = re.compile(rf"([{_UPPER}][^\n(.:]{{2,60}}?)[ ]*{price}")
        #: a capitalised name in the genitive right before (not at the start of a sentence)
        self.own_genitives = set(data["own_genitives"])
        self.genitive_before_re = re.compile(rf"(?<=[\wæøå,] )[{_UPPER}][\wæøå&]+(?:s|'s|’s)[ ]$")
        #: 'en hørecafé, Hørecafé Nordbyen,': a name in apposition that repeats the common noun before it
        self.apposition_re = re.compile(
            rf",[ ]+({_CAP_WORD_START}(?:[ ]+{_CAP_WORD}){{1,3}})(?=[ ]*[,.;:)]|[ ]*$|[ ]+i[ ])")
        #: 'et lederforløb, Ro i Hverdagen, for ...': a name between commas after a noun for an initiative
        self.named_apposition_re = re.compile(
            rf",[ ]+({_CAP_WORD_START}(?:[ ]+(?:(?:i|og|på|om|med|for|til)[ ]+)?{_CAP_WORD}){{0,3}}),")
        self.initiative_noun_end = tuple(n for n in data["quote_nouns"] if not n.endswith(("et", "en")))
        #: two capitalised words that open a line before a colon or a spaced dash
        self.line_name_re = re.compile(
            rf"^({_CAP_WORD}[ ](?:(?:på|for|i|til|om)[ ])?{_CAP_WORD})(?=[ ]*(?::[ ]|[–-][ ]))", re.MULTILINE)
        #: one capitalised word that heads a bullet before a spaced dash or a full stop and a description (not a
        #: quality or an activity: "Kundetilfredshed - kort skema", "Rekruttering - status"):
        #: "- Tryghedsbesøg – beskrivelse af to modeller", "- Duftlys. Indstilling udarbejdes"
        self.topic_bullet_re = re.compile(
            rf"^(?:[{re.escape(BULLET_MARKS)}][ ]+)?({_CAP_WORD})(?=[ ][–-][ ][a-zæøå]|\.[ ][A-ZÆØÅ][a-zæøå]+[ ][a-zæøå])", re.MULTILINE)
        self.standing_words = {fold(w) for w in data["generic_titles"]} | {fold(w) for w in data["procedure_nouns"]} \
            | {fold(w) for w in data["not_year_words"]}
        units = load_json("units")
        self.organisation_endings = tuple(units["suffixes"]) + tuple(units["place_compound_endings"])
        #: two capitalised words after "at" and before a verb in the present or the passive
        #: ("at Blå Bus fremrykkes"), or a capitalised adjective and a noun ("at Frivillig nattevagt udvides")
        self.named_subject_re = re.compile(
            rf"([{_UPPER}](?:(?<=[^\wæøå][Aa]t[ ][{_UPPER}])|(?<=^[Aa]t[ ][{_UPPER}]))"
            rf"(?:(?:{_CAP_TAIL}[ ]{_CAP_WORD}|[a-zæøå]+(?:ig|isk|ende|et|al|iv)[ ](?!(?:{'|'.join(_ADVERBS)})\b)[a-zæøå]{{4,}})"
            rf"(?=[ ]+(?:[a-zæøå]+[ ]+)?[a-zæøå]+(?:es|er|ar|år)\b)"
            rf"|[a-zæøå]+[ ]og[ ][{_UPPER}][a-zæøå]+(?=[ ]+(?:fortsat[ ]+|også[ ]+)?[a-zæøå]{{3,}}es\b)))")  # "at X og Y videreføres"
        #: a name between a role and "er" at the start of a clause: "Tovholder på Løft i Plejen er Åse Dal"
        self.role_first_re = re.compile(
            rf"(?i:{_LEADING_ROLES})(?:en)?[ ]+(?:på|for)[ ]+"
            rf"([{_UPPER}][^\n.,;:()]{{2,60}}?)[ ]+er[ ]")
        #: ... or one capitalised word before a passive ("at Madløftet forlænges"), not a noun of the procedure
        self.named_single_subject_re = re.compile(
            rf"[Aa]t[ ]([{_UPPER}][a-zæøå]{{5,}})(?=[ ]+(?:fortsat[ ]+|også[ ]+)?[a-zæøå]{{3,}}es\b)")
        self.procedure_nouns = frozenset(data["procedure_nouns"])
        self.first_names = _FirstNames(first_names())
        endings = "|".join(map(re.escape, data["adjective_endings"]))
        #: a capitalised adjective, known by its plural ending, and a capitalised noun, after a lowercase word
        self.adjective_name_re = re.compile(
            rf"[{_UPPER}](?<=[a-zæøå,] [{_UPPER}])[a-zæøå]+(?:{endings})[ ][{_UPPER}][a-zæøå]{{3,}}\b(?![ ]+[{_UPPER}])")
        #: "Pilotprojekt om digitalt tilsyn", "Puljen for nyansatte": what a compound is for or about
        self.for_tail_re = re.compile(r"[^\S\n]+(?:for|om)[^\S\n]+((?:[a-zæøå][\wæøå-]*[^\S\n]?){1,3})"
                                      r"(?=[.,;:()]|$|(?<=[ ])[a-zæøå]+(?:er|es|ar|år)\b)", re.MULTILINE)

    def _head_phrase_end(self, text: str, pos: int) -> int:
        """End of the name that starts at ``pos`` (just after '<head> for ')."""
        line_end = text.find("\n", pos)
        stop = min(line_end if line_end >= 0 else len(text), pos + 400)  # a name is a few words, never a page
        words = list(self._NAME_WORD.finditer(text, pos, stop))
        end, content, lowered, previous, capitalised = pos, 0, False, "", False
        for k, m in enumerate(words):
            word = m.group(0)
            low = word.casefold()
            if not is_word_char(word[0]):  # a mark, not a word
                break
            if low in self._STOP or (word.islower() and len(word) > 5 and low.endswith("es")):
                break
            if content and previous[:1].isdigit() and _YEAR_WORD.fullmatch(previous):
                break  # "Strategi for X 2021-2025 bygger på": a year ends the name
            if low in self._LINKS_INSIDE:
                previous = low
                continue
            if word[:1].isupper() and lowered and previous != "og":
                break
            if word[:1].islower() and capitalised and previous not in self._LINKS_INSIDE:
                break  # "Center for Ensomhed åbner": a lowercase word after a capitalised name ends it
            lowered = lowered or word[:1].islower()
            capitalised = word[:1].isupper()
            previous = low
            content += 1
            end = m.end()
            if content >= 5:
                break
        # a year or year range right after the name belongs to it
        tail = self._YEAR_AFTER.match(text, end)
        if tail and content:
            end = tail.end()
        return end if content else pos

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        spans: list[Span] = []
        taken_people = _char_ranges(doc, ["minutes_people"])

        def add(start: int, end: int, kb: str = "") -> None:
            if _hits(start, end, taken_people):
                return
            span = _char_span(doc, start, end, "Initiative", kb)
            if span is not None:
                spans.append(span)

        low = doc_lower(doc)
        unit_offsets = {exact_offsets(span) for span in get_spans(doc, "minutes_units")}
        unit_starts = {start for start, _ in unit_offsets}
        for m in self.head_re.finditer(low):
            if text[m.start()].islower() and self.indefinite_re.search(low, max(0, m.start() - 10), m.start()):
                continue  # "en plan for opfølgning": a plan, not one with a name
            if text[m.start()].islower() and low.startswith(("en ", "et "), m.end()):
                continue  # "som model for en klinik": the phrase names no particular thing
            following = self._FIRST_WORD.match(low, m.end())
            if following and following.group() in self.body_words:
                continue  # "Strategien til udvalget", "Planen til godkendelse": where it goes, not its name
            end = self._head_phrase_end(text, m.end())
            if end > m.end() and m.start() not in unit_starts:
                add(m.start(), end)
        for start, end in _compound_words(doc, self.suffixes, self.suffix_min_stem):
            word = text[start:end].casefold()
            if word in self.suffix_exclude or (text[start].islower() and "-" not in word and word.endswith(self.capitalised_only)):
                continue
            if text[start].islower() and self.predicative_re.search(low, max(0, start - 40), start):
                continue
            if (start, end) in unit_offsets:
                continue  # "Nordea-fonden": the word names an organisation
            prefix = self.coordinated_prefix_re.search(text, max(0, start - 40), start)
            if prefix:
                start = prefix.start()
            elif "-" in word and text[start].islower():
                # "at Stille nat-programmet": the name's capitalised first word before the compound
                named = self.name_word_before_re.search(text, max(0, start - 30), start)
                if named:
                    start = named.start(1)
            year = self.year_tail_re.match(text, end)
            tail = None if year else self.for_tail_re.match(text, end)
            if year:
                end = year.end()
            elif tail:
                words = tail.group(1).split()
                kept = words[: next((i for i, w in enumerate(words) if w in self._TIME), len(words))]
                if kept and not any(w in self._STOP for w in kept):
                    end = tail.start(1) + len(" ".join(kept))
            add(start, end)
        for m in self.quote_re.finditer(text):
            inner = m.group(1).strip()
            if len(inner.split()) >= 2 and not inner.endswith((".", "?", "!")):
                # 'trivselsindsatsen "Sammen om ..."': the quoted name is the name of the noun before it,
                # and the noun alone later in the text means it too (kb_id "aka:<noun>")
                nouns = [s for s in spans if 0 <= m.start() - s.end_char <= 1]
                spans[:] = [s for s in spans if s not in nouns]
                add(m.start(1), m.start(1) + len(inner), f"aka:{nouns[0].text}" if nouns else "")
        # 'træningsprogrammet Stærk Hverdag': a capitalised name right after the noun names it (as a quote would)
        others = _char_ranges(doc, ["minutes_units", "minutes_bodies", "minutes_people"])
        for noun in [x for x in spans if x.text[:1].islower() and " " not in x.text]:
            named = self.named_after_noun_re.match(text, noun.end_char)
            if named and not _hits(named.start(1), named.end(1), others):
                spans.remove(noun)
                add(named.start(1), named.end(1), f"aka:{noun.text}")
        for m in self.noun_then_name_re.finditer(text):  # "projekt Grøn Kørsel": the name, given to the noun
            start = m.start()
            while start > 0 and is_word_char(text[start - 1]):
                start -= 1
            if text[start - 1:start] == "-" or (start < m.start() and not text[start:m.start()].islower()):
                continue  # "Sundheds-projekt X", "Fællesprojekt X": another word
            if not _hits(m.start(1), m.end(1), others):
                noun = text[start:m.start(1)].strip()
                spans[:] = [s for s in spans if (s.start_char, s.end_char) != (start, start + len(noun))]
                add(m.start(1), m.end(1), f"aka:{noun}")
        for m in self.apposition_re.finditer(text):
            noun = m.group(1).split()[0].casefold()
            start = m.start() - len(noun)
            if start > 0 and text[start - 1] == " " and text[start:m.start()] == noun:
                add(m.start(1), m.end(1))
        for m in self.named_apposition_re.finditer(text):
            before = text[max(0, m.start() - 30):m.start()].split()
            if before and before[-1].islower() and before[-1].endswith(self.initiative_noun_end) \
                    and not _hits(m.start(1), m.end(1), others):
                add(m.start(1), m.end(1), f"aka:{before[-1]}")
        for m in self.possessive_re.finditer(text):
            add(m.start(), m.end(), "passing")
        for m in self.topic_bullet_re.finditer(text):
            word = m.group(1)
            if len(word) >= 6 and fold(word) not in self.standing_words and not is_role_word(word) \
                    and not word.endswith(("hed", "heden", "ing", "ingen", "tion", "tionen")) \
                    and word not in self.first_names and not _hits(m.start(1), m.end(1), others):
                add(m.start(1), m.end(1))
        for m in self.line_name_re.finditer(text):  # "Blå Bus: bilerne udskiftes": a name heads the line
            if not _hits(m.start(1), m.end(1), others):
                add(m.start(1), m.end(1))
        for m in self.named_subject_re.finditer(text):  # "at Blå Bus fremrykkes": a name as the subject
            organisation = m.group(1).split()[0].casefold().endswith(self.organisation_endings)  # "SOSU-skolen X"
            if not organisation and not _hits(m.start(1), m.end(1), others):
                add(m.start(1), m.end(1))
        for m in self.role_first_re.finditer(text):
            if not _hits(m.start(1), m.end(1), others):
                add(m.start(1), m.end(1))
        for m in self.named_single_subject_re.finditer(text):
            word = m.group(1)
            if m.start() and is_word_char(text[m.start() - 1]):
                continue  # "... sat Xyz ...": not the word "at"
            if word.casefold() not in self.procedure_nouns and word not in self.first_names \
                    and not word.casefold().endswith(self.organisation_endings) and not _hits(m.start(1), m.end(1), others):
                add(m.start(1), m.end(1))
        for m in self.adjective_name_re.finditer(text):  # "... om Demensvenlige Plejehjem": a name inside a sentence
            if not _hits(m.start(), m.end(), others):
                add(m.start(), m.end())
        for amount in self.price_re.finditer(text):  # "Skærmbesøg i hjemmeplejen (2,1 mio. kr.)": a proposal
            m = self.priced_re.match(text, text.rfind("\n", 0, amount.start()) + 1)
            if m:
                add(m.start(1), m.end(1))
        for m in self.prefix_name_re.finditer(text):
            add(m.start(), m.end())
        known_units = {text[a:b] for a, b in unit_offsets}
        funding_starts: list[int] = []
        for m in self.funding_re.finditer(low):
            for a in self.acronym_re.finditer(text, m.start(1), m.end(1)):
                if a.group(0) not in known_units:
                    add(a.start(), a.end(), "passing")
            funding_starts.append(m.start())
        funding_starts += [m.start() for m in self.reference_re.finditer(low)]  # "erfaringerne fra Projekt X"
        funding_starts.sort()
        for name in doc.user_data.get("minutes_known_initiatives", ()):  # known from other documents' titles
            at = text.find(name)
            while at >= 0:
                after = at + len(name)
                if not (at and is_word_char(text[at - 1])) and ends_name(text, after):
                    add(at, after)
                at = text.find(name, after)
        for year in self.year_only_re.finditer(text):
            m = self.two_words_before_re.search(text, max(0, year.start() - 60), year.start())
            if m is None:
                continue
            first = m.group(1).split()[0]
            if first.casefold() not in self.not_year_words and not first.isupper() and first not in self.first_names \
                    and not first.endswith(("s", "'s", "’s")) \
                    and not _hits(m.start(), year.end(), others):
                add(m.start(), year.end())
        for m in self.year_re.finditer(text):
            word = m.group(1).casefold()
            meeting = word.endswith(("møde", "mødet")) and "topmøde" not in word  # "Rådmandsmøde 2024" is a date
            if word not in self.not_year_words and not m.group(1).isupper() and not meeting:
                add(m.start(), m.end())
        kept = filter_spans(spans)
        marked = [self._mark_passing(doc, span, funding_starts, low) for span in kept]
        _set_spans(doc, "minutes_initiatives", marked)
        return doc

    def _other_organisation(self, text: str, start: int, end: int) -> bool:
        """A capitalised name in the genitive stands right before ``end``, and it is not the municipality's own."""
        found = self.genitive_before_re.search(text, start, end)
        return found is not None and found.group().strip() not in self.own_genitives

    def _mark_passing(self, doc: Doc, span: Span, funding_starts: list[int], low: str) -> Span:
        """Mark (``kb_id_ == "passing"``) an initiative named only in passing: in brackets,
        as a funding source, as another organisation's plan, or in a hedged sentence."""
        if span.kb_id_ == "passing":
            return span
        s_start, s_end = sentence_of(doc, span.start_char)
        before = low[s_start : span.start_char]
        passing = (
            before.count("(") > before.count(")")
            or any(s_start <= f < span.start_char for f in funding_starts)
            or bool(self.hedge_re.search(low, s_start, s_end))
            # another organisation's plan: "Region Midtjyllands Akutplan 2030"
            or self._other_organisation(doc_text(doc), max(s_start, span.start_char - 40), span.start_char)
        )
        if not passing:
            return span
        marked = Span(doc, span.start, span.end, label=span.label_, kb_id="passing")
        exact = doc.user_data.get("minutes_exact", {}).get(id(span))
        if exact is not None:
            doc.user_data["minutes_exact"][id(marked)] = (marked, exact[1], exact[2])
        return marked


def _phrases(phrases: Iterable[str]) -> str:
    """A regex alternation of lowercase phrases whose words may be apart by any white space, with an
    adverb allowed after the first word: ``forankres i`` also matches ``forankres fortsat i``."""
    return "|".join(re.escape(p.lower()).replace("\\ ", r"(?:\s+[a-zæøå]+)?\s+", 1).replace("\\ ", r"\s+")
                    for p in phrases)


class RelationFinder:
    """Who decides and who owns, sentence by sentence.

    ``minutes_decides``: bodies that are the subject of a decision verb
    (``Chefteamet besluttede``, ``Rådmand og chefteam drøftede``, ``Kredsen er
    enige``) or that stand alone as the heading of the decision text.
    ``minutes_owners``: units and people that are the subject of an ownership
    verb (``HR sikrer``, ``S&F følger arbejdet``), also inside an ``at``-clause
    (``Besluttede, at HR arbejder videre med``), or that follow an anchoring
    phrase (``forankres i``, ``organisatorisk ophæng i``) or are the agent of a
    passive in a sentence about an initiative (``Puljen administreres af S&F``). An owner span's
    ``kb_id_`` is the start character of the initiative it owns in the same
    sentence, or empty when the sentence names none (the item's own
    initiative, or the one of the bullet above, is meant).
    """

    _ROLE_WORD = re.compile(r"([\wæøåÆØÅ-]{4,})[ ]+")
    _AND_INITIALS = re.compile(r"[ ]+og[ ]+[A-ZÆØÅ]{2,4}\b(?![&-])")
    _PARTNER = re.compile(r"[ ]+(?:i[ ]+samarbejde|sammen|i[ ]+dialog)[ ]+med[ ]+[\wæøåÆØÅ&-]+(?:[ ]+(?:og|&)[ ]+[\wæøåÆØÅ&-]+)?")
    #: a note on the person just named: in brackets, or set off by commas and opening in lowercase
    _ASIDE = re.compile(r"[ ]*\([^()\n]{1,60}\)|,[ ]+[a-zæøå][^,.;:\n]{0,80},")
    _LEAD = re.compile(rf"^[\s:{re.escape(BULLET_MARKS)}]*(?:(?:at|og)\s+)?", re.IGNORECASE)
    _WORD = re.compile(r"[\wæøåÆØÅ]+")

    def __init__(self, nlp: Language, name: str, *, lexicon: str) -> None:
        data = load_json(lexicon)
        self.name = name
        self.decision_verbs = set(data["decision_verbs"])
        self.weak_verbs = {k: set(v) for k, v in data["weak_verbs"].items()}
        self.owner_verbs = set(data["owner_verbs"])
        self.advisory_verbs = set(data["advisory_verbs"])
        self.person_decision_verbs = set(data["person_decision_verbs"])
        self.strong_verbs = sorted(v for v in self.person_decision_verbs if len(v) >= 8)
        self.advisory = {b["label"] for b in load_json("bodies")["bodies"] if b.get("advisory")}
        self.particles = dict(data["owner_verb_particles"])
        self.responsibility = set(data["responsibility_words"])
        self.auxiliaries = set(data["responsibility_auxiliaries"])
        passives = "|".join(re.escape(v) for v in data["passive_owner_verbs"])
        self.passive_re = re.compile(rf"\b(?:{passives})\s+(?:[a-zæøå]+\s+)?af\s+")
        self.initiative_nouns = set(load_json("initiatives")["quote_nouns"])
        self.anchor_re = re.compile(rf"\b(?:{_phrases(data['anchor_phrases'])})\s+")
        self.at_re = re.compile(r"\bat\s+|\bog\s+|\bmens\s+")  # clauses inside a sentence
        roles = "|".join(map(re.escape, sorted(self.responsibility, key=len, reverse=True)))
        self.as_role_re = re.compile(rf"\s+som\s+(?:(?:konstitueret|fungerende|ny|daglig)\s+)?(?:{roles}|[a-zæøå]*(?:leder|chef))\b")
        nouns = "|".join(map(re.escape, data["responsibility_nouns"]))
        #: "ansvaret for <initiative> fremover ligger hos <owner>"
        self.lies_with_re = re.compile(rf"\b(?:{nouns})\s+for\s+[^.;:]{{1,120}}?\s+(?:{_phrases(data['lies_with'])})\s+")

    def _decision_verb(self, words: list[str]) -> bool:
        if words and len(words[0]) >= 8 and words[0] not in self.decision_verbs:
            # "Chefteamet besluttde": a strong verb misspelt by one letter
            words = [next((v for v in self.strong_verbs if one_edit_apart(words[0], v)), words[0]), *words[1:]]
        if not words or words[0] not in self.decision_verbs:
            return False
        needs = self.weak_verbs.get(words[0])
        return bool(needs & set(words[1:6])) if needs else True

    def _person_decision_verb(self, words: list[str]) -> bool:
        return bool(words) and words[0] in self.person_decision_verbs

    def _owner_verb(self, words: list[str]) -> bool:
        if not words:
            return False
        if words[0] in self.responsibility:
            return True
        if words[0] in self.auxiliaries and any(w in self.responsibility for w in words[1:4]):
            return True  # "HR har ansvaret for", "S&F er tovholder på", "AU har det overordnede projektansvar"
        if words[0] not in self.owner_verbs:
            return False
        particles = self.particles.get(words[0])
        return any(" ".join(words[1:3]).startswith(p) for p in particles) if particles else True

    role_first_re = re.compile(rf"(?:[-•◦*][ ]*)?(?:{_LEADING_ROLES})(?:en)?[ ]+(?:på|for)[ ]+[^\n]{{2,80}}?[ ]+er[ ]+")

    def _names_it_back(self, low: str, pos: int, end: int) -> bool:
        """The words after the subject end on a definite noun for an initiative (``står for piloten``)."""
        words = self._WORD.findall(low, pos, min(end, pos + 80))
        return bool(words) and len(words) <= 5 and words[-1] in self.initiative_nouns and words[-1].endswith(("en", "et"))

    def _makes_new_thing(self, low: str, pos: int, end: int) -> bool:
        """The verb after ``pos`` makes something new and unnamed (``udarbejder et notat``), so the
        subject owns no initiative; ``en handleplan for strategien`` works on one."""
        words = self._WORD.findall(low, pos, min(end, pos + 120))
        verb = next((k for k, w in enumerate(words[:8]) if w in self.owner_verbs), None)  # after "og Ib Krog"
        return verb is not None and words[verb + 1: verb + 2] in (["en"], ["et"]) and "for" not in words[verb + 2: verb + 5]

    def _verb_follows(self, text: str, pos: int, end: int, is_verb) -> bool:
        """A verb right after ``pos`` (allowing two lowercase adverbs: ``HR årligt udbyder``)."""
        words = [w.casefold() for w in self._WORD.findall(text, pos, min(end, pos + 120))]
        raw = self._WORD.findall(text, pos, min(end, pos + 120))
        for k in range(3):
            if k >= len(words):
                return False
            if is_verb(words[k:]):
                return True
            if not raw[k].islower():
                return False
        return False

    def _subject_group(self, text: str, start: int, end: int, candidates: list[Span], is_verb) -> list[Span]:
        """Candidates forming the subject at ``start`` (``X``, ``X og Y``) when a verb follows."""
        group: list[Span] = []
        pos = start
        by_start = {c.start_char: c for c in candidates}
        while True:
            skip = re.match(r"\s*", text[pos:end]).end()
            cand = by_start.get(pos + skip)
            if cand is None:
                role = self._ROLE_WORD.match(text, pos + skip, end)  # "at projektleder Eva Holt står for"
                if role and is_role_word(role.group(1)):
                    cand = by_start.get(role.end())
            if cand is None:
                break
            inner = by_start.get(cand.end_char + 1) if text[cand.end_char:cand.end_char + 1] == " " else None
            if inner is not None:
                cand = inner  # "MSO HR sikrer": the unit inside the department is the subject
            group.append(cand)
            pos = cand.end_char
            aside = self._ASIDE.match(text, pos, end)  # "Eva Holt (HR) er", "Eva Holt, konsulent i HR, ejer"
            if aside and cand.label_ == "Person":
                pos = aside.end()
            located = re.match(r"[ ]+i[ ]+", text[pos:end])
            if located and by_start.get(pos + located.end()) is not None:
                pos = by_start[pos + located.end()].end_char  # "Digitalisering i MSO har ...": the first is the subject
            defined = re.match(r"[ ]*\(", text[pos:end])
            if defined and by_start.get(pos + defined.end()) is not None:
                # "Digitalisering og Teknologi (D&T) sikrer": the bracket defines the subject
                inner = by_start[pos + defined.end()]
                closing = re.match(r"\)", text[inner.end_char:end])
                if closing:
                    pos = inner.end_char + 1
            joiner = re.match(r"\s*(?:og|,|&|samt|/)\s*", text[pos:end])
            if joiner and by_start.get(pos + joiner.end()) is not None:
                pos += joiner.end()
                continue
            initials = self._AND_INITIALS.match(text, pos, end)  # "Rådmanden og LBT besluttede": a person's initials
            if initials:
                pos = initials.end()
            break
        partner = self._PARTNER.match(text, pos, end)  # "HR i samarbejde med Hoved-MED udarbejder": HR is the subject
        if partner:
            pos = partner.end()
        if group and self._verb_follows(text, pos, end, is_verb):
            return group
        return []

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        low = doc_lower(doc)
        bodies = get_spans(doc, "minutes_bodies")
        owners_pool = get_spans(doc, "minutes_units") + get_spans(doc, "minutes_people")
        initiatives = get_spans(doc, "minutes_initiatives")
        decides: list[Span] = []
        owners: list[Span] = []
        bodies_in, owners_in, initiatives_in = (_by_sentence(doc, x) for x in (bodies, owners_pool, initiatives))
        for index, (start, end) in enumerate(sentences(doc)):
            sent_bodies = [b for b in bodies_in.get(index, ()) if b.end_char <= end]
            sent_owners = sorted((o for o in owners_in.get(index, ()) if o.end_char <= end), key=lambda o: o.start_char)
            if not sent_bodies and not sent_owners:
                continue
            lead = start + self._LEAD.match(text[start:end]).end()
            if sent_bodies:
                rest = text[start:end]
                for b in sorted(sent_bodies, key=lambda b: -b.start_char):
                    rest = rest[: b.start_char - start] + rest[b.end_char - start :]
                if not re.sub(r"[\W_]+|\bog\b", "", rest):
                    decides.extend(sent_bodies)
                else:
                    group = self._subject_group(text, lead, end, sent_bodies, self._decision_verb)
                    if group and all(b.kb_id_ in self.advisory for b in group):
                        verb = self._WORD.search(low, group[-1].end_char, end)
                        if verb and verb.group() in self.advisory_verbs:
                            group = []  # "Handicaprådet ønskede, at ...": a view, not a decision
                    decides.extend(group)
            people = [o for o in sent_owners if o.label_ == "Person"]
            if people:
                decides.extend(self._subject_group(text, lead, end, people, self._person_decision_verb))
            if not sent_owners:
                continue
            # what is named in passing (funds, references, others' plans) is never what an owner owns
            sent_inits = [i for i in initiatives_in.get(index, ()) if i.end_char <= end and i.kb_id_ != "passing"]
            subjects = self._subject_group(text, lead, end, sent_owners, self._owner_verb)
            owner_starts = {o.start_char for o in sent_owners}
            for m in self.at_re.finditer(low, lead, end):
                if m.end() in owner_starts:  # a clause that opens with a unit or person
                    subjects += self._subject_group(text, m.end(), end, sent_owners, self._owner_verb)
            subjects += [o for o in sent_owners if self.as_role_re.match(low, o.end_char)  # "med Eva Berg som projektleder"
                         and low.endswith("med ", 0, o.start_char)]
            for owner in {o.start_char: o for o in subjects}.values():  # a subject found from two clause starts once
                owned = [i for i in sent_inits if i.start_char >= owner.end_char]
                if not owned and self._names_it_back(low, owner.end_char, end):
                    # '"Bil på vej" afprøves – Bo Lund står for piloten': the initiative named before, on its line
                    line_start = text.rfind("\n", 0, owner.start_char) + 1
                    owned = [i for i in initiatives if line_start <= i.start_char and i.end_char <= owner.start_char
                             and i.kb_id_ != "passing"][-1:]
                if owned or not self._makes_new_thing(low, owner.end_char, end):
                    owners.append(self._owner_span(doc, owner, owned))
            for owner in sent_owners:
                role_first = self.role_first_re.match(low, lead, owner.start_char)
                if role_first and role_first.end() == owner.start_char:
                    # "Tovholder på strategien er Ældre og Boliger": the role first, the owner last
                    owners.append(self._owner_span(doc, owner, [i for i in sent_inits if i.end_char <= owner.start_char][-1:]))
                    continue
                # '... til "Fælles Aftensmad", som Lokalcenter X står for': a relative clause that ends on its verb
                if low.endswith("som ", 0, owner.start_char) and self._verb_follows(text, owner.end_char, end, self._owner_verb) \
                        and len(self._WORD.findall(low, owner.end_char, end)) <= 4:
                    line_start = text.rfind("\n", 0, owner.start_char) + 1
                    before = [i for i in initiatives if line_start <= i.start_char and i.end_char <= owner.start_char
                              and i.kb_id_ != "passing"]
                    if before:
                        owners.append(self._owner_span(doc, owner, before[-1:]))
            by_start = {o.start_char: o for o in sent_owners}
            agents = list(self.anchor_re.finditer(low, start, end)) + list(self.lies_with_re.finditer(low, start, end))
            if self._about_initiative(low, lead, end, sent_inits):
                agents += self.passive_re.finditer(low, start, end)
            for m in agents:
                owner = by_start.get(m.end())
                if owner is not None:
                    # what is anchored comes before the anchor; with nothing before it, the item's own
                    before = [i for i in sent_inits if i.end_char <= owner.start_char]
                    owners.append(self._owner_span(doc, owner, before[-1:]))
        _set_spans(doc, "minutes_decides", decides, overlapping=True)
        _set_spans(doc, "minutes_owners", owners, overlapping=True)
        return doc

    def _about_initiative(self, low: str, lead: int, end: int, inits: list[Span]) -> bool:
        """The sentence opens with an initiative or a noun for one (``Puljen``, ``Projektet``)."""
        if any(i.start_char == lead for i in inits):
            return True
        first = self._WORD.match(low, lead, end)
        return first is not None and first.group() in self.initiative_nouns

    @staticmethod
    def _owner_span(doc: Doc, owner: Span, inits: list[Span]) -> Span:
        target = str(inits[0].start_char) if inits else ""
        return Span(doc, owner.start, owner.end, label=owner.label_, kb_id=target)


@Language.factory("minutes_units", assigns=["doc.spans"], default_config={"lexicon": "units"})
def make_units(nlp: Language, name: str, lexicon: str) -> UnitRecognizer:
    return UnitRecognizer(nlp, name, lexicon=lexicon)


@Language.factory("minutes_bodies", assigns=["doc.spans"], default_config={"lexicon": "bodies"})
def make_bodies(nlp: Language, name: str, lexicon: str) -> BodyRecognizer:
    return BodyRecognizer(nlp, name, lexicon=lexicon)


@Language.factory("minutes_people", assigns=["doc.spans"], default_config={"max_words": 4, "lexicon": "people"})
def make_people(nlp: Language, name: str, max_words: int, lexicon: str) -> PeopleRecognizer:
    return PeopleRecognizer(nlp, name, max_words=max_words, lexicon=lexicon)


@Language.factory("minutes_initiatives", assigns=["doc.spans"], default_config={"lexicon": "initiatives"})
def make_initiatives(nlp: Language, name: str, lexicon: str) -> InitiativeRecognizer:
    return InitiativeRecognizer(nlp, name, lexicon=lexicon)


@Language.factory("minutes_relations", assigns=["doc.spans"], default_config={"lexicon": "verbs"})
def make_relations(nlp: Language, name: str, lexicon: str) -> RelationFinder:
    return RelationFinder(nlp, name, lexicon=lexicon)
