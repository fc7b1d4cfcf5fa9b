"""Resolve stage: mentions -> one entity per real-world thing across the build.

People: short forms (``Ane``, ``Juul``, ``Ane Berg``) resolve to the one full
name they can mean, first among the names of the same document, then in the
whole build; two different full names are never merged. Units: lexicon labels,
``X&Y`` acronyms and their spelled-out forms, and definitions in the text
(``Long Name (ACR)``) that teach the pair for the whole build. Initiatives:
case, word order, year suffixes, hyphens, definite endings and transparent
heads (``Program for X`` = ``X``) are folded away; an initiative named inside
an item is one with the item's own initiative when all its words are in it.

All lookups go through dictionaries keyed by normalised names, so the work
grows with the number of mentions, never with its square.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import fold, load_json
from .model import Evidence, ExtractedMinutes, Mention

__all__ = ["Entity", "MentionMap", "Resolution", "resolve", "initiative_key", "unit_key"]


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved real-world entity: type, canonical label, aliases and first evidence."""

    kind: str
    label: str
    aliases: tuple[str, ...]
    evidence: Evidence
    documents: tuple[str, ...]
    node_id: str = ""

    def __post_init__(self) -> None:
        if not self.node_id:
            object.__setattr__(self, "node_id", f"{self.kind.lower()}:{slug(self.label)}")


class MentionMap:
    """Mention -> Entity, keyed by identity without keeping the mentions alive.

    The build can then release each document's records once it is in the
    graph; a mapping that held the mentions would keep them all in memory.
    Look-ups are meant for mentions that are alive (the build's own records).
    """

    __slots__ = ("_by_id",)

    def __init__(self) -> None:
        self._by_id: dict[int, Entity] = {}

    def __setitem__(self, mention: Mention, entity: Entity) -> None:
        self._by_id[id(mention)] = entity

    def __getitem__(self, mention: Mention) -> Entity:
        return self._by_id[id(mention)]

    def __contains__(self, mention: object) -> bool:
        return id(mention) in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, mention: Mention, default: Entity | None = None) -> Entity | None:
        return self._by_id.get(id(mention), default)

    def update(self, pairs) -> None:
        for mention, entity in pairs:
            self._by_id[id(mention)] = entity

    def node_ids(self) -> dict[int, str]:
        """``id(mention)`` -> node id of its entity: the build's look-up, one dict access per statement end."""
        return {key: entity.node_id for key, entity in self._by_id.items()}


@dataclass(frozen=True, slots=True)
class Resolution:
    """Entities of the build, the entity each mention resolves to, and the records they came from."""

    entities: tuple[Entity, ...]
    entity_of: MentionMap
    extracted: list  # of ExtractedMinutes; the build may release them one by one


def slug(text: str) -> str:
    """A readable, IRI-safe id part: ``'Ane Juul Berg'`` -> ``'ane-juul-berg'``.

    >>> slug("P&R / Pleje")
    'p-r-pleje'
    """
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-") or "x"


_YEAR = re.compile(r"\s*\b(\d{4})(?:\s*[-–/]\s*(\d{2,4}))?\s*$|\s+(\d{2})$")
_DEFINITE = ("erne", "ene", "et", "en", "e", "n")


def _stem(word: str) -> str:
    for ending in _DEFINITE:
        if len(word) > len(ending) + 4 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def split_year(name: str) -> tuple[str, str | None]:
    """``'Trivselsløft 26'`` -> ``('Trivselsløft', '26')``; a range counts as no single year.

    Years are compared by their last two digits, so ``Trivselsløft 2026`` and
    ``Trivselsløft 26`` are one initiative.

    >>> split_year("Budgetforlig 2027"), split_year("Program for x 2026 – 2028")
    (('Budgetforlig', '27'), ('Program for x', None))
    """
    m = _YEAR.search(name)
    if not m:
        return name, None
    base = name[: m.start()].strip(" -–:,")
    if not base:
        return name, None
    if m.group(2):
        return base, None
    year = m.group(1) or m.group(3)
    return base, year[-2:]


@lru_cache(maxsize=65536)
def initiative_key(name: str) -> tuple[str, ...]:
    """Normalised words of an initiative name without year, heads, case, order and endings.

    >>> initiative_key("Program for trivsel og sundhed") == initiative_key("Sundhed og trivsel")
    True
    """
    data = load_json("initiatives")
    transparent = set(data["transparent_heads"])
    base, _ = split_year(name)
    text = fold(base).replace("-puljen", "puljen").replace("-pulje", "pulje")
    text = re.sub(r"(\w)-(\w)", r"\1\2", text)
    words = re.findall(r"[\wæøå]+", text)
    if len(words) > 2 and words[0] in transparent and words[1] in {"for", "om", "til"}:
        words = words[2:]
    elif len(words) > 1 and words[0] in transparent and (len(words) <= 3 or base.split()[1][:1].isupper()):
        words = words[1:]  # "Projekt Hjem i Tide": the head before a proper name
    return tuple(sorted(_stem(w) for w in words if w not in {"og", "for", "i", "af", "det", "den", "de"} or len(words) <= 1))


def unit_key(mention: Mention) -> str:
    """Key of a unit: lexicon label, ``X&Y`` initials for ampersand names, else the folded text."""
    if mention.canonical:
        return fold(mention.canonical.split("|")[0])
    text = mention.text.replace("’", "'")
    m = re.fullmatch(r"([A-ZÆØÅ]{1,3})\s?&\s?([A-ZÆØÅ]{1,3})", text)
    if m:
        return f"{m.group(1)}&{m.group(2)}".casefold()
    m = re.fullmatch(r"([A-ZÆØÅ])[\wæøå]+\s(?:og|&)\s([A-ZÆØÅ])[\wæøå]+", text)
    if m:
        return f"{m.group(1)}&{m.group(2)}".casefold()
    return fold(re.sub(r"(?:'s|s)$", "", text) if text.endswith("'s") else text)


class _Clusters:
    """Union of mentions under keys, remembering every surface form."""

    def __init__(self) -> None:
        self.members: dict[str, list[Mention]] = defaultdict(list)
        self.label: dict[str, str] = {}

    def add(self, key: str, mention: Mention, label: str | None = None) -> None:
        self.members[key].append(mention)
        if label and key not in self.label:
            self.label[key] = label


def _entity(kind: str, label: str, members: list[Mention]) -> Entity:
    aliases = sorted({m.text for m in members if m.text != label}, key=lambda a: (a.casefold(), a))
    docs = tuple(sorted({m.evidence.document for m in members}))
    first = min(members, key=lambda m: (m.evidence.document, m.evidence.char_start))
    return Entity(kind, label, tuple(aliases), first.evidence, docs)


_INITIALS = re.compile(r"[A-ZÆØÅ]{2,4}")


def _initials_of(full_name: str, initials: str) -> bool:
    """``'Mads Bech Jessen'`` has the initials ``MBJ`` (every name) and ``MJ`` (first and last).

    >>> _initials_of("Mads Bech Jessen", "MBJ"), _initials_of("Mads Bech Jessen", "MJ"), _initials_of("Mads Jessen", "MBJ")
    (True, True, False)
    """
    words = [w for w in full_name.split() if w[:1].isupper()]
    return initials in ("".join(w[0] for w in words), words[0][0] + words[-1][0] if len(words) > 1 else "")


def _resolve_people(mentions: list[Mention]) -> dict[Mention, str]:
    """Map each person mention to the full name it stands for."""
    def tokens(name: str) -> tuple[str, ...]:
        return tuple(name.split())

    def is_short_form(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
        if len(short) >= len(full):
            return False
        it = iter(full)
        if not all(t in it for t in short):
            return False
        return len(short) == 1 or short[0] == full[0]

    names = {m.text for m in mentions}
    full_names = sorted({n for n in names if len(tokens(n)) >= 2}, key=lambda n: (-len(tokens(n)), n))
    index: dict[str, set[str]] = defaultdict(set)
    for name in full_names:
        for t in tokens(name):
            index[t].add(name)
    by_doc: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if len(tokens(m.text)) >= 2:
            by_doc[m.evidence.document].add(m.text)

    memo: dict[tuple[str, str | None], str | None] = {}

    def longest_for(name: str, scope: set[str] | None, scope_key: str | None = None) -> str | None:
        """The one fullest name that ``name`` is a short form of, within ``scope``; None if none or several."""
        key = (name, scope_key)
        if key in memo:
            return memo[key]
        toks = tokens(name)
        sets = sorted((index.get(t, set()) for t in toks), key=len)
        pool = set(sets[0]).intersection(*sets[1:]) if sets else set()
        if scope is not None:
            pool &= scope
        pool = [p for p in pool if is_short_form(toks, tokens(p))]
        found = None
        if pool:
            # a unique fullest name is the longest one, and every other candidate is a short form of it
            top = max(pool, key=lambda p: (len(tokens(p)), p))
            if all(p == top or is_short_form(tokens(p), tokens(top)) for p in pool):
                found = top
        memo[key] = found
        return found

    canonical: dict[str, str] = {}
    for name in sorted(names):
        target = None
        for scope in (None,) if len(tokens(name)) >= 2 else ():
            target = longest_for(name, scope)
        if len(tokens(name)) < 2:
            target = None
        canonical[name] = target or name
    resolved: dict[Mention, str] = {}
    for m in mentions:
        name = m.text
        if len(tokens(name)) >= 2:
            resolved[m] = canonical[name]
            continue
        document = m.evidence.document
        if _INITIALS.fullmatch(name):  # "MBJ" in a schedule: the one name of the meeting with those initials
            fits = [full for full in by_doc.get(document, ()) if _initials_of(full, name)]
            if len(fits) == 1:
                resolved[m] = canonical.get(fits[0], fits[0])
                continue
        target = longest_for(name, by_doc.get(document, set()), document) or longest_for(name, None)
        resolved[m] = canonical.get(target, target) if target else name
    return resolved


def resolve(extracted: list[ExtractedMinutes]) -> Resolution:
    """Resolve the mentions of all documents of a build into entities."""
    mentions = [m for e in extracted for m in e.mentions]
    entity_of = MentionMap()
    entities: list[Entity] = []

    people = [m for m in mentions if m.kind == "Person"]
    names = _resolve_people(people)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in people:
        groups[names[m]].append(m)
    for label, members in groups.items():
        ent = _entity("Person", label, members)
        entities.append(ent)
        entity_of.update((m, ent) for m in members)

    # units: definitions teach acronym pairs for the whole build
    taught: dict[str, str] = {}
    for m in mentions:
        if m.kind == "Unit" and "|" in m.canonical:
            long_name, acronym = m.canonical.split("|")
            taught[fold(acronym)] = long_name
            taught[fold(long_name)] = long_name
    units = _Clusters()
    for m in mentions:
        if m.kind == "Unit":
            key = unit_key(m)
            key = fold(taught.get(key, key)) if key in taught else key
            label = m.canonical.split("|")[0] if m.canonical else None
            if not label and "&" in key and " " in m.text:
                label = re.sub(r"\s&\s", " og ", m.text)
            units.add(key, m, label)
    for m in mentions:
        if m.kind == "Unit?":
            key = unit_key(m)
            if key in units.members:
                units.add(key, m, re.sub(r"\s&\s", " og ", m.text))
    for key, members in sorted(units.members.items()):
        label = units.label.get(key) or Counter(m.text for m in members).most_common(1)[0][0]
        ent = _entity("Unit", label, members)
        entities.append(ent)
        entity_of.update((m, ent) for m in members)

    bodies = _Clusters()
    for m in mentions:
        if m.kind == "Body":
            label = m.canonical or (m.text[0].upper() + m.text[1:])
            bodies.add(fold(label), m, label)
    for key, members in sorted(bodies.members.items()):
        ent = _entity("Body", bodies.label[key], members)
        entities.append(ent)
        entity_of.update((m, ent) for m in members)

    entities.extend(_resolve_initiatives([m for m in mentions if m.kind == "Initiative"], extracted, entity_of))
    entities.sort(key=lambda e: (e.kind, e.label))
    return Resolution(tuple(entities), entity_of, extracted if isinstance(extracted, list) else list(extracted))


@lru_cache(maxsize=65536)
def _content_words(name: str) -> tuple[str, ...]:
    """The words of more than three letters of a name without its year, folded: names recur, so cached."""
    return tuple(w for w in re.findall(r"[\wæøå]+", fold(split_year(name)[0]).replace("-", "")) if len(w) > 3)


def _resolve_initiatives(mentions: list[Mention], extracted, entity_of) -> list[Entity]:
    title_of: dict[tuple[str, int], Mention] = {}
    for e in extracted:
        for s in e.statements:
            if s.relation == "concerns" and isinstance(s.target, Mention) and s.target.evidence.quote == s.evidence.quote:
                title_of.setdefault((e.minutes.document, s.source[2]), s.target)
    clusters: dict[tuple, list[Mention]] = defaultdict(list)
    years: dict[tuple, set[str]] = defaultdict(set)
    target_of: dict[Mention, Mention] = {}

    for m in mentions:
        title = title_of.get((m.evidence.document, m.item))
        if title is not None and m is not title:
            tw = " ".join(_content_words(title.text))
            mw = _content_words(m.text)
            if mw and all(w in tw or _stem(w) in tw for w in mw) and initiative_key(m.text) != initiative_key(title.text):
                target_of[m] = title
    # 'faldindsatsen "Sikre skridt"' names the noun: the noun alone means the same initiative
    named: dict[tuple[str, ...], Mention] = {}
    for m in mentions:
        if m.canonical.startswith("aka:"):
            named.setdefault(initiative_key(m.canonical[4:]), m)
    for m in mentions:
        if m not in target_of and not m.canonical:
            found = named.get(initiative_key(m.text))
            if found is not None:
                target_of[m] = found
    for m in mentions:
        root = target_of.get(m, m)
        key = initiative_key(root.text)
        clusters[key].append(m)
        year = split_year(root.text)[1]
        if year:
            years[key].add(year)
    result = []
    for key, members in sorted(clusters.items()):
        if len(years[key]) <= 1:
            parts = [members]
        else:
            by_year: dict[str | None, list[Mention]] = defaultdict(list)
            for m in members:
                by_year[split_year(target_of.get(m, m).text)[1]].append(m)
            parts = [v for _, v in sorted(by_year.items(), key=lambda kv: kv[0] or "")]
        for part in parts:
            # the label: an agenda title's name, else a quoted proper name, else the most frequent form
            titles = [m for m in part if title_of.get((m.evidence.document, m.item)) is m]
            named = [m for m in part if m.canonical.startswith("aka:")]
            if titles or named:
                pick = (titles or named)[0]
            else:
                counts = Counter(m.text for m in part)
                pick = max(part, key=lambda m: (counts[m.text], -len(m.text)))
            label = pick.text[0].upper() + pick.text[1:]
            ent = _entity("Initiative", label, part)
            result.append(ent)
            entity_of.update((m, ent) for m in part)
    return result
