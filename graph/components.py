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
words) so that ``Budde`` is found where the schedule lists ``Christian Budde Opstrup``.

>>> nlp = make_pipeline()
>>> doc = nlp("HR sikrer at Program for sund aldring forankres i Sundhed & Forebyggelse.")
>>> [s.text for s in doc.spans["minutes_units"]], [s.text for s in doc.spans["minutes_initiatives"]]
(['HR', 'Sundhed & Forebyggelse'], ['Program for sund aldring'])
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .lexicon import first_names, fold, load_json

__all__ = ["make_pipeline", "exact_offsets", "PIPELINE_CONFIG", "SPAN_KEYS"]

SPAN_KEYS = ("minutes_units", "minutes_bodies", "minutes_people", "minutes_initiatives", "minutes_decides", "minutes_owners")

#: The components of the default pipeline, in order, with their configs.
PIPELINE_CONFIG: dict[str, dict] = {
    "minutes_units": {"lexicon": "units"},
    "minutes_bodies": {"lexicon": "bodies"},
    "minutes_people": {"max_words": 4, "lexicon": "people"},
    "minutes_initiatives": {"lexicon": "initiatives"},
    "minutes_relations": {"lexicon": "verbs"},
}

_UPPER = "A-ZÆØÅ"
_WORD = r"[\wæøåÆØÅ]"
_CAP_WORD = rf"[{_UPPER}][\wæøåÆØÅ'’-]*"


def make_pipeline(disable: Iterable[str] = (), config: dict[str, dict] | None = None) -> Language:
    """Build the extraction pipeline on ``spacy.blank("da")``.

    Parameters
    ----------
    disable: component names to leave out.
    config: per-component config overriding :data:`PIPELINE_CONFIG`.
    """
    nlp = spacy.blank("da")
    nlp.add_pipe("sentencizer")
    merged = {name: dict(cfg) for name, cfg in PIPELINE_CONFIG.items()}
    for name, cfg in (config or {}).items():
        merged.setdefault(name, {}).update(cfg)
    for name, cfg in merged.items():
        if name not in disable:
            nlp.add_pipe(name, config=cfg)
    return nlp


def _set_spans(doc: Doc, key: str, spans: list[Span]) -> None:
    doc.spans[key] = filter_spans(spans)


def _char_span(doc: Doc, start: int, end: int, label: str, kb_id: str = "") -> Span | None:
    """A span covering characters ``start:end``, widened to whole tokens.

    The exact characters are remembered in ``doc.user_data["minutes_exact"]``
    so that a name glued to other text by the tokenizer (``seniortopmøde'/...``)
    keeps its own boundaries; see :func:`exact_text`.
    """
    span = doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand")
    if span is not None and (span.start_char, span.end_char) != (start, end):
        doc.user_data.setdefault("minutes_exact", {})[(span.start, span.end, label)] = (start, end)
    return span


def exact_offsets(span: Span) -> tuple[int, int]:
    """The characters a recognizer matched for ``span`` (may be narrower than its tokens)."""
    return span.doc.user_data.get("minutes_exact", {}).get((span.start, span.end, span.label_), (span.start_char, span.end_char))


def _taken(doc: Doc, keys: Iterable[str]) -> set[int]:
    """Token indices already claimed by spans under ``keys``."""
    taken: set[int] = set()
    for key in keys:
        for span in doc.spans.get(key, []):
            taken.update(range(span.start, span.end))
    return taken


def _overlaps(span: Span, taken: set[int]) -> bool:
    return any(i in taken for i in range(span.start, span.end))


class UnitRecognizer:
    """Units: lexicon aliases, ``X&Y`` acronyms, ``Xxx & Yyy``, compounds (``Bygningsafdelingen``),
    heads (``Plejehjemmet Xxx``), tails (``Xxx Kommune``) and definitions (``Long Name (ACR)``)."""

    def __init__(self, nlp: Language, name: str, *, lexicon: str) -> None:
        data = load_json(lexicon)
        self.name = name
        self.canonical: dict[str, str] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        for unit in data["units"]:
            for alias in [unit["label"], *unit["aliases"]]:
                self.canonical[fold(alias)] = unit["label"]
                if alias.isupper() or "'" in alias or "’" in alias or alias.replace("s", "").isupper():
                    self.acronyms.add(unit["label"], [nlp.make_doc(alias)])
                else:
                    self.matcher.add(unit["label"], [nlp.make_doc(alias)])
        suffixes = "|".join(sorted(map(re.escape, data["suffixes"]), key=len, reverse=True))
        self.suffix_re = re.compile(rf"\b{_WORD}{{3,}}(?:{suffixes})\b")
        self.suffix_exclude = {w.casefold() for w in data["suffix_exclude"]}
        heads = "|".join(map(re.escape, data["heads"]))
        self.head_re = re.compile(rf"\b(?:{heads})(?:\s+{_CAP_WORD}){{1,3}}")
        tails = "|".join(map(re.escape, data["tails"]))
        self.tail_re = re.compile(rf"\b{_CAP_WORD}\s+(?:{tails})\b")
        self.amp_acronym_re = re.compile(rf"\b[{_UPPER}]{{1,3}}\s?&\s?[{_UPPER}]{{1,3}}\b")
        self.amp_name_re = re.compile(rf"\b[{_UPPER}][\wæøå]+\s&\s[{_UPPER}][\wæøå]+\b")
        self.definition_re = re.compile(rf"\b([{_UPPER}][\wæøå]+(?:-?\s(?:og|for|i|&|{_CAP_WORD}))*\s{_CAP_WORD})\s\(([{_UPPER}&]{{2,8}})\)"
                                        rf"|\b([{_UPPER}&]{{2,8}})\s\(([{_UPPER}][\wæøå-]+(?:\s[\wæøå-]+){{0,6}})\)")
        self.city_re = re.compile(r"\b\d+-by(?:en|erne|samarbejdet)?\b")
        pair = rf"[{_UPPER}][\wæøå]+\s(?:og|&)\s[{_UPPER}][\wæøå]+"
        #: "Xxx og Yyy" after a preposition of place is a unit; elsewhere only a candidate
        self.pair_re = re.compile(rf"(?:\b(?:i|hos|fra|ophæng i|forankres i|forankret i|placeres i)\s+|,\s+|(?<=\s)|^)({pair})\b")
        self.strong_pair_re = re.compile(rf"\b(?:i|hos|fra)\s+({pair})\b")

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for matcher in (self.matcher, self.acronyms):
            for match_id, start, end in matcher(doc):
                label = doc.vocab.strings[match_id]
                spans.append(Span(doc, start, end, label="Unit", kb_id=label))
        text = doc.text
        for m in self.definition_re.finditer(text):
            long_group, acronym_group = (1, 2) if m.group(1) else (4, 3)
            long_name, acronym = m.group(long_group), m.group(acronym_group)
            if acronym.isupper() and len(long_name.split()) >= 2:
                for group in (long_group, acronym_group):
                    span = _char_span(doc, m.start(group), m.end(group), "Unit", f"{long_name}|{acronym}")
                    if span is not None:
                        spans.append(span)
        for regex in (self.amp_acronym_re, self.amp_name_re, self.head_re, self.tail_re, self.city_re):
            for m in regex.finditer(text):
                span = _char_span(doc, m.start(), m.end(), "Unit")
                if span is not None:
                    spans.append(span)
        for m in self.suffix_re.finditer(text):
            word = m.group(0).casefold()
            if word not in self.suffix_exclude:
                span = _char_span(doc, m.start(), m.end(), "Unit")
                if span is not None:
                    spans.append(span)
        strong = {m.start(1) for m in self.strong_pair_re.finditer(text)}
        candidates = []
        for m in self.pair_re.finditer(text):
            span = _char_span(doc, m.start(1), m.end(1), "Unit", "strong" if m.start(1) in strong else "weak")
            if span is not None and not _overlaps(span, {i for s in spans for i in range(s.start, s.end)}):
                (spans if m.start(1) in strong else candidates).append(span)
        _set_spans(doc, "minutes_units", spans)
        doc.spans["minutes_unit_candidates"] = filter_spans(candidates)
        return doc


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
        taken = _taken(doc, ["minutes_units"])
        for token in doc:
            if token.i in taken or not token.is_alpha and "'" not in token.text and "’" not in token.text and "/" not in token.text:
                continue
            label = self.label_of(token.text)
            if label:
                spans.append(Span(doc, token.i, token.i + 1, label="Body", kb_id=label))
        _set_spans(doc, "minutes_bodies", spans)
        return doc


class PeopleRecognizer:
    """People: a known first name (or a word of a name the document lists) followed by up to
    ``max_words - 1`` capitalised words; a capitalised word coordinated with a found person
    (``Thomas Medom og Rabih``)."""

    def __init__(self, nlp: Language, name: str, *, max_words: int, lexicon: str = "people") -> None:
        data = load_json(lexicon)
        self.name = name
        self.max_words = max_words
        self.first_names = first_names()
        self.role_words = {w.casefold() for w in data["role_words"]}
        self.not_alone = set(data["sentence_start_not_alone"])

    @staticmethod
    def _capitalised(token) -> bool:
        text = token.text
        return token.is_alpha and text[:1].isupper() and not text.isupper() and len(text) > 1

    def __call__(self, doc: Doc) -> Doc:
        known: set[str] = doc.user_data.get("minutes_known_names", set())
        taken = _taken(doc, ["minutes_units", "minutes_bodies"])
        spans: list[Span] = []
        i = 0
        while i < len(doc):
            token = doc[i]
            after_role = i > 0 and doc[i - 1].lower_ in self.role_words
            if i in taken or not self._capitalised(token) or (
                token.text not in self.first_names and token.text not in known and not after_role
            ):
                i += 1
                continue
            j = i + 1
            while j < len(doc) and j - i < self.max_words and j not in taken and self._capitalised(doc[j]) and not doc[j].is_sent_start:
                j += 1
            if j - i == 1 and token.text not in known and (
                after_role and token.text not in self.first_names or token.is_sent_start and token.text in self.not_alone
            ):
                i += 1
                continue
            spans.append(Span(doc, i, j, label="Person"))
            i = j
        # coordination: "<person> og Xxx", "<person>, Xxx", "<person>/Xxx"
        extra = []
        found = {s.end: s for s in spans}
        for end, span in found.items():
            k = end
            while k + 1 < len(doc) and doc[k].text in {"og", ",", "/", "&"} and self._capitalised(doc[k + 1]) and (k + 1) not in taken:
                m = k + 2
                while m < len(doc) and m - (k + 1) < self.max_words and self._capitalised(doc[m]) and m not in taken:
                    m += 1
                if any(s.start == k + 1 for s in spans):
                    break
                extra.append(Span(doc, k + 1, m, label="Person"))
                k = m
        _set_spans(doc, "minutes_people", spans + extra)
        return doc


class InitiativeRecognizer:
    """Initiatives: ``<Head> for|om|til <words>`` (``Program for ...``, ``Center for ...``), compounds
    ending in an initiative suffix (``...puljen``, ``...projektet``, ``...app``), names in quotation
    marks, ``<Org>'s handlingsplan``, and a capitalised word with a year (``Fokus 23``)."""

    _STOP = {"ikke", "tages", "bliver", "blev", "er", "var", "forankres", "åbnes", "igangsættes", "som", "der", "at", "hvor",
             "med", "i", "på", "fra", "ved", "skal", "kan", "vil", "har", "havde", "af", "til", "hos", "samt", "herunder",
             "inden", "efter", "før", "bør", "mhp", "mv", "fx", "feks", "eller", "men", "så", "da", "når", "hvis",
             "udmøntes", "fordeles", "anvendes", "drøftes", "godkendes", "sendes", "følges", "besluttes"}
    _LINKS_INSIDE = {"og", "det", "den", "de", "nære", "for"}

    def __init__(self, nlp: Language, name: str, *, lexicon: str) -> None:
        data = load_json(lexicon)
        self.name = name
        heads = "|".join(sorted(map(re.escape, data["name_heads"]), key=len, reverse=True))
        links = "|".join(data["head_links"])
        self.head_re = re.compile(rf"\b((?:{heads}))\s+(?:{links})\s+", re.IGNORECASE)
        self.heads = {h.casefold() for h in data["name_heads"]}
        suffixes = "|".join(sorted(map(re.escape, data["suffixes"]), key=len, reverse=True))
        self.suffix_re = re.compile(rf"(?:\b{_WORD}+-\s(?:og|eller)\s)?\b({_WORD}[\wæøå-]*?)({suffixes})\b(?:\s(\d{{4}}(?:\s?[-–]\s?\d{{2,4}})?))?", re.IGNORECASE)
        self.suffix_min_stem = int(data["suffix_min_stem"])
        self.suffix_exclude = {w.casefold() for w in data["suffix_exclude"]}
        self.quote_re = re.compile(r"[\"”“'‘’]([A-ZÆØÅ][^\"”“'‘’\n]{3,80}?)[\"”“'’]")
        self.possessive_re = re.compile(rf"\b([{_UPPER}][\w&]+)(?:'s|’s|s)\s+(handlingsplan|strategi|udspil|program|plan|handleplan)\b")
        self.year_re = re.compile(rf"\b({_CAP_WORD})\s(\d{{4}}(?:\s?[-–]\s?\d{{2,4}})?|\d{{2}})\b(?!\.\d|\.\s*[a-zæøå]|,\d)")
        self.not_year_words = {w.casefold() for w in data["not_year_words"]}
        funding = "|".join(map(re.escape, data["funding_phrases"]))
        self.funding_re = re.compile(rf"\b(?:{funding})\b([^.;\n]{{0,160}})", re.IGNORECASE)
        self.acronym_re = re.compile(rf"\b[{_UPPER}]{{2,6}}\b")
        self.for_tail_re = re.compile(r"\s+for\s+((?:[a-zæøå][\wæøå-]*\s?){1,3})(?=[.,;:)]|$)")

    def _head_phrase_end(self, text: str, pos: int) -> int:
        """End of the name that starts at ``pos`` (just after '<head> for ')."""
        words = list(re.finditer(r"[\wæøåÆØÅ][\wæøåÆØÅ'’&-]*|\d+|[^\s\w]", text[pos:]))
        end, content, lowered, previous = pos, 0, False, ""
        for k, m in enumerate(words):
            word = m.group(0)
            low = word.casefold()
            if not re.match(r"[\wæøåÆØÅ]", word):
                break
            if low in self._STOP or (word.islower() and len(word) > 5 and low.endswith("es")):
                break
            if low in self._LINKS_INSIDE:
                previous = low
                continue
            if word[:1].isupper() and lowered and previous != "og":
                break
            lowered = lowered or word[:1].islower()
            previous = low
            content += 1
            end = pos + m.end()
            if content >= 5:
                break
        # a year or year range right after the name belongs to it
        tail = re.match(r"\s(\d{4}(?:\s?[-–]\s?\d{2,4})?)\b", text[end:])
        if tail and content:
            end += tail.end()
        return end if content else pos

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        spans: list[Span] = []
        taken_people = _taken(doc, ["minutes_people"])

        def add(start: int, end: int, kb: str = "") -> None:
            span = _char_span(doc, start, end, "Initiative", kb)
            if span is not None and not _overlaps(span, taken_people):
                spans.append(span)

        for m in self.head_re.finditer(text):
            end = self._head_phrase_end(text, m.end())
            if end > m.end():
                add(m.start(), end)
        for m in self.suffix_re.finditer(text):
            stem, suffix = m.group(1), m.group(2)
            word = (stem + suffix).casefold()
            if len(stem.strip("-")) >= self.suffix_min_stem and word not in self.suffix_exclude:
                end = m.end()
                tail = self.for_tail_re.match(text, end)
                if tail and not m.group(3) and not any(w in self._STOP for w in tail.group(1).split()):
                    end = tail.end(1)
                add(m.start(), end)
        for m in self.quote_re.finditer(text):
            inner = m.group(1).strip()
            if len(inner.split()) >= 2 and not inner.endswith((".", "?", "!")):
                # 'sygefraværsindsatsen "Fælles om ..."': the quoted name is the name of the noun before it
                spans[:] = [s for s in spans if not (0 <= m.start() - s.end_char <= 1)]
                add(m.start(1), m.start(1) + len(inner))
        for m in self.possessive_re.finditer(text):
            add(m.start(), m.end())
        known_units = {s.text for s in doc.spans.get("minutes_units", [])}
        for m in self.funding_re.finditer(text):
            for a in self.acronym_re.finditer(m.group(1)):
                if a.group(0) not in known_units:
                    add(m.start(1) + a.start(), m.start(1) + a.end())
        for m in self.year_re.finditer(text):
            if m.group(1).casefold() not in self.not_year_words and not m.group(1).isupper() or m.group(1).casefold() in ():
                add(m.start(), m.end())
        _set_spans(doc, "minutes_initiatives", spans)
        return doc


class RelationFinder:
    """Who decides and who owns, sentence by sentence.

    ``minutes_decides``: bodies that are the subject of a decision verb
    (``Chefteamet besluttede``, ``Rådmand og chefteam drøftede``, ``Kredsen er
    enige``) or that stand alone as the heading of the decision text.
    ``minutes_owners``: units and people that are the subject of an ownership
    verb (``HR sikrer``, ``S&F følger arbejdet``) or follow an anchoring phrase
    (``forankres i``, ``organisatorisk ophæng i``). An owner span's ``kb_id_``
    is the start character of the initiative it owns in the same sentence, or
    empty when the sentence names none (the item's own initiative is meant).
    """

    def __init__(self, nlp: Language, name: str, *, lexicon: str) -> None:
        data = load_json(lexicon)
        self.name = name
        self.decision_verbs = set(data["decision_verbs"])
        self.weak_verbs = {k: set(v) for k, v in data["weak_verbs"].items()}
        self.line_start = set(data["line_start_decisions"])
        self.owner_verbs = set(data["owner_verbs"])
        self.particles = {k: v for k, v in data["owner_verb_particles"].items()}
        self.anchors = [tuple(p.split()) for p in data["anchor_phrases"]]
        self.responsibility = set(data["responsibility_words"])

    def _is_decision_verb(self, sent: Span, k: int) -> bool:
        word = sent[k].lower_
        if word not in self.decision_verbs:
            return False
        needs = self.weak_verbs.get(word)
        if needs:
            following = {t.lower_ for t in sent[k + 1 : k + 6]}
            return bool(needs & following)
        return True

    def __call__(self, doc: Doc) -> Doc:
        bodies = list(doc.spans.get("minutes_bodies", []))
        owners_pool = list(doc.spans.get("minutes_units", [])) + list(doc.spans.get("minutes_people", []))
        initiatives = list(doc.spans.get("minutes_initiatives", []))
        decides: list[Span] = []
        owners: list[Span] = []
        for sent in doc.sents:
            words = [t for t in sent if not t.is_punct and not t.is_space]
            if not words:
                continue
            # a body standing alone (a heading of the decision text)
            sent_bodies = [b for b in bodies if b.start >= sent.start and b.end <= sent.end]
            if sent_bodies and all(any(b.start <= t.i < b.end for b in sent_bodies) or t.lower_ in {"og", "&"} for t in words):
                decides.extend(sent_bodies)
            else:
                decides.extend(self._subjects(sent, sent_bodies, self._is_decision_verb))
            sent_owners = [o for o in owners_pool if o.start >= sent.start and o.end <= sent.end]
            sent_inits = [s for s in initiatives if s.start >= sent.start and s.end <= sent.end]
            for owner in self._subjects(sent, sent_owners, self._is_owner_verb):
                owners.append(self._owner_span(doc, owner, [s for s in sent_inits if s.start >= owner.end]))
            for owner in self._anchored(sent, sent_owners):
                before = [s for s in sent_inits if s.end <= owner.start]
                owners.append(self._owner_span(doc, owner, before[-1:] or sent_inits))
        doc.spans["minutes_decides"] = decides
        doc.spans["minutes_owners"] = owners
        return doc

    @staticmethod
    def _owner_span(doc: Doc, owner: Span, inits: list[Span]) -> Span:
        target = str(inits[0].start_char) if inits else ""
        return Span(doc, owner.start, owner.end, label=owner.label_, kb_id=target)

    def _is_owner_verb(self, sent: Span, k: int) -> bool:
        word = sent[k].lower_
        if word in self.responsibility:
            return True
        if word not in self.owner_verbs:
            return False
        particles = self.particles.get(word)
        if particles:
            following = " ".join(t.lower_ for t in sent[k + 1 : k + 3])
            return any(following.startswith(p) for p in particles)
        return True

    def _subjects(self, sent: Span, candidates: list[Span], is_verb) -> list[Span]:
        """Candidates that form the subject of the sentence (or of an ``at``-clause) before a verb."""
        found: list[Span] = []
        k = 0
        toks = list(sent)
        # skip bullets, "At", "Besluttede, at"
        while k < len(toks) and (toks[k].is_punct or toks[k].lower_ in {"at", "og", "•", "◦", "-"}):
            k += 1
        group: list[Span] = []
        while k < len(toks):
            cand = next((c for c in candidates if c.start == toks[k].i), None)
            if cand is not None:
                group.append(cand)
                k += cand.end - cand.start
                continue
            if group and toks[k].lower_ in {"og", ",", "&", "samt", "/"}:
                k += 1
                continue
            break
        if not group:
            # "Besluttede, at HR arbejder ..." : subject after an at-clause opener
            for idx, tok in enumerate(toks):
                if tok.lower_ == "at" and idx + 1 < len(toks):
                    cand = next((c for c in candidates if c.start == toks[idx + 1].i), None)
                    if cand is not None:
                        verb_k = idx + 1 + (cand.end - cand.start)
                        if self._verb_near(sent, verb_k - sent.start + sent.start - sent.start, is_verb, toks):
                            found.append(cand)
            return found
        if self._verb_near(sent, k, is_verb, toks):
            found.extend(group)
        return found

    @staticmethod
    def _verb_near(sent: Span, k: int, is_verb, toks) -> bool:
        """A verb at position k, allowing up to two adverbs (``HR årligt udbyder``)."""
        for offset in range(3):
            idx = k + offset
            if idx >= len(toks):
                return False
            if is_verb(sent, idx):
                return True
            if not toks[idx].is_lower or toks[idx].is_punct:
                return False
        return False

    def _anchored(self, sent: Span, candidates: list[Span]) -> list[Span]:
        found = []
        lowers = [t.lower_ for t in sent]
        for phrase in self.anchors:
            n = len(phrase)
            for k in range(len(lowers) - n + 1):
                if tuple(lowers[k : k + n]) == phrase:
                    start = sent.start + k + n
                    cand = next((c for c in candidates if c.start == start), None)
                    if cand is not None:
                        found.append(cand)
        return found


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
