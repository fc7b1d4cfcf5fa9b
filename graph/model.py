"""Records passed between the stages of the pipeline.

Every stage takes the previous stage's records and returns new ones, never
mutating what it was given: read -> segment -> extract -> resolve -> build.
All records are frozen dataclasses so that they pickle cheaply between worker
processes and compare by value in tests.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

__all__ = [
    "Evidence",
    "SourceDocument",
    "Meeting",
    "NameMention",
    "ScheduleEntry",
    "TextLine",
    "AgendaItem",
    "SegmentedMinutes",
    "Mention",
    "Statement",
    "ExtractedMinutes",
    "ENTITY_TYPES",
    "RELATIONS",
]

class _Compact:
    """Pickle as ``(class, field values)``: records cross from worker processes by the million.

    The default for slotted dataclasses pickles a dict of slot names per
    object, several times larger and slower.
    """

    __slots__ = ()

    def __reduce__(self):
        cls = self.__class__
        fields = _FIELDS.get(cls)
        if fields is None:  # one C-level getter per class: pickling calls this for every record
            names = cls.__slots__
            fields = _FIELDS[cls] = attrgetter(*names) if len(names) > 1 else (lambda r: (getattr(r, names[0]),))
        return (cls, fields(self))


_FIELDS: dict[type, object] = {}


#: Types of the entities the extractor finds in the text.
ENTITY_TYPES = ("Person", "Unit", "Body", "Initiative")
#: Relations of the GraphML contract plus the ones this project adds.
RELATIONS = ("presents", "attends", "decides", "concerns", "owns", "mentions", "part_of", "decision_of")


@dataclass(frozen=True, slots=True)
class Evidence(_Compact):
    """Where a fact comes from: document, 1-based line span, character offsets and quote.

    >>> Evidence("a.txt", 3, 3, 10, 15, "Hello").lines
    '3'
    """

    document: str
    line_start: int
    line_end: int
    char_start: int
    char_end: int
    quote: str

    @property
    def lines(self) -> str:
        if self.line_start == self.line_end:
            return str(self.line_start)
        return f"{self.line_start}-{self.line_end}"


@dataclass(frozen=True, slots=True)
class SourceDocument(_Compact):
    """A decoded input file. ``document`` is its id: the file name, or a relative path on clashes.

    ``recurring`` are initiative names that other documents give as agenda titles
    and that this one repeats in its decision text (see :class:`graph.extract.RecurringNames`).
    """

    document: str
    path: str
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()
    recurring: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TextLine(_Compact):
    """One line of a document: 1-based number, character offset of its start, its text."""

    number: int
    offset: int
    text: str


@dataclass(frozen=True, slots=True)
class Meeting(_Compact):
    """The header of a minutes document. Fields the document does not give are ``None``."""

    document: str
    kind: str | None
    date: str | None
    start: str | None
    end: str | None
    location: str | None
    evidence: Evidence | None
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NameMention(_Compact):
    """A person's name as written in a structural position (schedule, participants)."""

    text: str
    evidence: Evidence
    role: str = ""


@dataclass(frozen=True, slots=True)
class ScheduleEntry(_Compact):
    """``Pkt. N kl. HH.MM-HH.MM Name og Name``: an item's slot and its presenters."""

    number: int
    start: str | None
    end: str | None
    presenters: tuple[NameMention, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class AgendaItem(_Compact):
    """An agenda item: its number, title and its decision text.

    ``decision_lines`` are the lines the extractor reads; ``decision`` is the
    whole decision text with its place (what later stages keep: extraction
    drops the lines from the records it returns, to keep them compact).
    """

    document: str
    number: int
    title: str | None
    evidence: Evidence | None
    decision_lines: tuple[TextLine, ...] = ()
    decision: Evidence | None = None


@dataclass(frozen=True, slots=True)
class SegmentedMinutes(_Compact):
    """The structure of one minutes document.

    ``participants`` attend (role ``participant``, ``chair``, ``virtual`` or ``guest``);
    ``apologies`` sent apologies (role ``apology``) and do not.
    """

    document: str
    meeting: Meeting
    schedule: tuple[ScheduleEntry, ...]
    participants: tuple[NameMention, ...]
    items: tuple[AgendaItem, ...]
    warnings: tuple[str, ...] = ()
    #: people named under ``Afbud:`` and the like: persons of the document who do not attend
    apologies: tuple[NameMention, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class Mention(_Compact):
    """A named entity found in a document: its type, surface text and evidence.

    Mentions compare and hash by identity: two mentions of the same name are
    two occurrences, and resolution maps each one to its entity.
    ``item`` is the agenda item the mention occurs in, if any; ``canonical`` is
    the name a lexicon or a definition in the text gives it (``HR`` ->
    ``Human Resources``), empty when only the surface is known.
    """

    kind: str
    text: str
    evidence: Evidence
    item: int | None = None
    canonical: str = ""


@dataclass(frozen=True, slots=True)
class Statement(_Compact):
    """A relation between two things named in one document, with its evidence.

    Ends are either a :class:`Mention` (an entity) or a tuple naming a
    structural node: ``("Meeting", document)``, ``("AgendaItem", document, n)``,
    ``("Decision", document, n)``.
    """

    relation: str
    source: Mention | tuple
    target: Mention | tuple
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ExtractedMinutes(_Compact):
    """Everything extraction found in one document: structure, mentions, statements."""

    minutes: SegmentedMinutes
    mentions: tuple[Mention, ...] = ()
    statements: tuple[Statement, ...] = ()
    warnings: tuple[str, ...] = field(default=())
