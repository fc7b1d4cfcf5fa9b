"""Segment stage: the structure of minutes, on real seed lines and on hand-written quirks."""
from __future__ import annotations

import re
import textwrap

import pytest

from graph.errors import NotMinutesError
from graph.model import SourceDocument
from graph.read import read_document
from graph.segment import BULLET, is_toc_line, segment, split_lines, split_names

D000 = "000_2eb527c07c3843b1.txt"
D001 = "001_b4e6dcb2cf1b819c.txt"
D002 = "002_306ec24a535d918f.txt"
D003 = "003_9149ff3ea57836cb.txt"
D004 = "004_7d1dff19a2ca3e0e.txt"


@pytest.fixture(scope="module")
def seed(seeds_dir):
    """``seed(name) -> (SourceDocument, SegmentedMinutes)``, each segmented once."""
    cache = {}

    def get(name):
        if name not in cache:
            source = read_document(seeds_dir / name)
            cache[name] = (source, segment(source))
        return cache[name]

    return get


def seg(text: str, name: str = "m.txt"):
    text = textwrap.dedent(text)
    source = SourceDocument(name, name, text, "utf-8")
    return source, segment(source)


def item(minutes, number):
    found = [i for i in minutes.items if i.number == number]
    assert len(found) == 1, f"item {number} appears {len(found)} times"
    return found[0]


def schedule(minutes, number):
    return next(e for e in minutes.schedule if e.number == number)


def decision_text(minutes, number):
    return [l.text.strip() for l in item(minutes, number).decision_lines]


# --- 000: full header, glued 'Information: Pkt. 1', dotted TOC -------------------------


def test_segment_header_of_000(seed):
    _, m = seed(D000)
    meeting = m.meeting
    assert (meeting.kind, meeting.date, meeting.start, meeting.end) == ("Rådmandsmøde", "2022-12-02", "10:00", "11:30")
    assert meeting.location == "Rådhuset, vær. 489"
    assert meeting.missing == ()
    assert (meeting.evidence.line_start, meeting.evidence.line_end) == (3, 7)


def test_segment_schedule_line_with_two_presenters(seed):
    source, m = seed(D000)
    entry = schedule(m, 3)
    assert (entry.start, entry.end) == ("10:30", "10:45")
    assert [p.text for p in entry.presenters] == ["Helle Rasmussen", "Vibeke Jørgensen"]
    assert entry.evidence.line_start == 11
    assert entry.evidence.quote == "Pkt. 3 kl. 10.30-10.45 Helle Rasmussen og Vibeke Jørgensen"


def test_segment_information_glued_to_first_schedule_line(seed):
    _, m000 = seed(D000)  # 'Information: Pkt. 1 kl. ...'
    _, m002 = seed(D002)  # 'Information:Pkt. 1 kl. ...'
    assert [p.text for p in schedule(m000, 1).presenters] == ["Kristian Mikkelsen", "Jesper Adamsen"]
    assert (schedule(m000, 1).start, schedule(m000, 1).end) == ("10:00", "10:15")
    assert [p.text for p in schedule(m002, 1).presenters] == ["Thune", "Svend"]
    assert [e.number for e in m000.schedule] == [1, 2, 3, 4, 5, 6]
    assert [e.number for e in m002.schedule] == [1, 2, 3, 4]


def test_segment_participants_list(seed):
    _, m = seed(D000)
    assert [p.text for p in m.participants] == [
        "Annette Secher", "Christian Budde Opstrup", "Jens Bejer Damgaard",
        "Niels Jørgen Rasmussen", "Otto Ohrt", "Thune Korsager",
    ]
    assert {p.role for p in m.participants} == {"participant"}
    assert {p.evidence.line_start for p in m.participants} == {16}


def test_segment_dotted_toc_is_skipped(seed):
    _, m = seed(D000)
    assert [i.number for i in m.items] == [1, 2, 3, 4, 5, 6]
    assert item(m, 3).title == "Program for fastholdelse og rekruttering"
    assert item(m, 3).evidence.line_start == 29  # the heading, not the TOC line 20
    for it in m.items:
        for line in it.decision_lines:
            assert not re.search(r"\.{3,}\s*\d+\s*$", line.text), line
            assert line.text.strip() != "Indhold"
    assert decision_text(m, 3)[0] == "Chefteamet besluttede"
    assert decision_text(m, 6)[-1] == "Chefteamet gav udtryk for at det skal give mening."


def test_segment_items_from_schedule_only_have_no_title(seed):
    _, m000 = seed(D000)
    _, m004 = seed(D004)
    for m, numbers in ((m000, [1, 2]), (m004, [3])):
        for n in numbers:
            it = item(m, n)
            assert it.title is None
            assert it.decision_lines == ()
    assert item(m004, 3).evidence.line_start == 15  # the schedule line 'Pkt. 3 kl. 9.20-9.35 Jakob Amtorp'


# --- 001: no header, chair/virtual line, wrapped headings -----------------------------


def test_segment_missing_header_is_recorded_not_guessed(seed):
    _, m = seed(D001)
    meeting = m.meeting
    assert meeting.kind is None and meeting.date is None and meeting.start is None and meeting.end is None
    assert {"kind", "date"} <= set(meeting.missing)
    assert "location" not in meeting.missing
    assert meeting.location == "Rådhuset, vær. 489 - sagsbehandlere virtuelt"


def test_segment_chair_and_virtual_line(seed):
    source, m = seed(D001)
    roles = {(p.text, p.role) for p in m.participants}
    assert roles == {("Thune", "chair"), ("Hosea", "virtual")}
    for p in m.participants:
        assert p.evidence.line_start == 8
        assert source.text[p.evidence.char_start:p.evidence.char_end] == p.text


def test_segment_schedule_without_time_or_names(seed):
    _, m = seed(D001)
    entry = schedule(m, 4)
    assert (entry.start, entry.end, entry.presenters) == (None, None, ())
    assert [p.text for p in schedule(m, 2).presenters] == ["Helle Rasmussen", "Mathilde Gråkjær Petersen"]


def test_segment_heading_wrapped_over_two_lines(seed):
    _, m = seed(D001)
    first = item(m, 1)
    assert first.title == "Strategisk udspil om kvalitetsforbedringsarbejdet i MSO"
    assert (first.evidence.line_start, first.evidence.line_end) == (9, 10)
    # the wrapped second line of the decision heading is not decision text
    assert "kvalitetsforbedringsarbejdet i MSO" not in decision_text(m, 1)
    assert decision_text(m, 1)[0] == "Chefteamet drøftede:"


def test_segment_decision_heading_wrapped_after_colon(seed):
    _, m = seed(D001)
    third = item(m, 3)
    assert third.title == "Efteruddannelsestilbud: Undervisnings- og oplæringskompetence"
    assert [l.number for l in third.decision_lines][0] == 79
    assert "Undervisnings- og oplæringskompetence" not in decision_text(m, 3)
    second = item(m, 2)
    assert second.title == "Status på rekruttering og fastholdelse"
    assert "fastholdelse" not in decision_text(m, 2)
    assert decision_text(m, 2)[0] == "Chefteamet godkendte:"


def test_segment_bullets_of_001_stay_in_decision(seed):
    _, m = seed(D001)
    lines = decision_text(m, 1)
    assert "◦ Vi forebygger indlæggelser" in lines
    assert lines[-1] == "Opdateret oplæg sendes til chefteamet."
    assert decision_text(m, 4) == ["Kommende møder - Drøftet"]


# --- 002: markdown-table TOC, slash-separated names ---------------------------------------


def test_segment_markdown_table_toc_is_skipped(seed):
    _, m = seed(D002)
    assert [i.number for i in m.items] == [1, 2, 3, 4]
    assert [item(m, n).evidence.line_start for n in (1, 2, 3)] == [27, 47, 66]
    for it in m.items:
        assert not any(l.text.lstrip().startswith("|") for l in it.decision_lines)
    assert item(m, 4).title is None


def test_segment_slash_separated_presenters(seed):
    source, m = seed(D002)
    thune, svend = schedule(m, 1).presenters
    assert (thune.text, svend.text) == ("Thune", "Svend")
    assert source.text[thune.evidence.char_start:thune.evidence.char_end] == "Thune"
    assert source.text[svend.evidence.char_start:svend.evidence.char_end] == "Svend"


# --- 003: 'Punkt N:' without 'Beslutning for', schedule items with no names --------------------


def test_segment_headings_without_decision_headings(seed):
    _, m = seed(D003)
    titled = {i.number: i.title for i in m.items if i.title}
    assert titled == {
        1: "Evaluering af Ungdomstopmødet 2024",
        3: "Plan for specialisering af Plejehjemmet Carl Blochs Gade (Budget 2025)",
        4: "Vind i håret – flere gode cykeloplevelser",
        7: "Udvælgelse af indsatser til mad- og måltids-puljen 2025",
        9: "Status budgetforlig 2025",
        10: "Koncept for KPI-opfølgning",
        11: "Eventuelt",
    }
    assert decision_text(m, 1)[0] == "Rådmandsmødekrederen"
    assert decision_text(m, 9)[0] == "Rådmandsmødekommissionen tog status til efterretning."
    # 'Referat 1' / 'Referat' (TOC words) are no decision text of anything
    assert all(l != "Referat" and l != "Referat 1" for it in m.items for l in decision_text(m, it.number))


def test_segment_schedule_with_blank_lines_and_no_names(seed):
    _, m = seed(D003)
    assert [e.number for e in m.schedule] == list(range(1, 12))
    assert schedule(m, 11).presenters == ()
    assert (schedule(m, 11).start, schedule(m, 11).end) == ("14:15", "14:30")
    assert [p.text for p in schedule(m, 10).presenters] == ["Kristian Mikkelsen", "René Hald", "Thomas Kaalby"]
    assert item(m, 2).title is None and item(m, 5).title is None


# --- 004: no participants, dotted TOC -------------------------------------------------------


def test_segment_no_participants_is_recorded(seed):
    _, m = seed(D004)
    assert m.participants == ()
    assert "participants" in m.meeting.missing
    assert m.meeting.kind == "Chefteammøde"
    assert m.meeting.location == "Rådhuset, vær. 489 (virtuelt for sagsbehandlere)"


def test_segment_dotted_toc_of_004_gives_each_item_once(seed):
    _, m = seed(D004)
    assert [i.number for i in m.items] == [1, 2, 3, 4, 5, 6]
    assert item(m, 5).title == 'Ledelsestræf 2021: "Ledelse, der kan mærkes"'
    assert item(m, 5).evidence.line_start == 98
    assert decision_text(m, 6) == ["Kommende møder - til orientering"]
    joined = "\n".join(l for it in m.items for l in decision_text(m, it.number))
    assert "....." not in joined


@pytest.mark.parametrize(
    "toc",
    [
        ["Punkt 1: Økonomi.....\t1", "Beslutning for Punkt 1: Økonomi.....\t1", "Punkt 2: Lukket punkt . . . 2"],
        ["| | |", "|---|---|", "| Punkt 1: Økonomi | 1 |", "| Punkt 2: Lukket punkt | 2 |"],
    ],
    ids=["dotted-leaders", "markdown-table"],
)
def test_segment_toc_entries_are_no_items(toc):
    text = "Chefteammøde\n\nIndhold\n\n" + "\n".join(toc) + "\n\nPunkt 1: Økonomi\n\nChefteamet besluttede budgettet.\n"
    source, m = seg(text)
    assert [(i.number, i.title) for i in m.items] == [(1, "Økonomi")]
    heading_line = 4 + len(toc) + 2
    assert item(m, 1).evidence.line_start == heading_line
    assert source.text.split("\n")[heading_line - 1] == "Punkt 1: Økonomi"
    assert decision_text(m, 1) == ["Chefteamet besluttede budgettet."]


# --- evidence offsets -------------------------------------------------------------------


@pytest.mark.parametrize("name", [D000, D001, D002, D003, D004])
def test_segment_evidence_offsets_point_at_the_names(seed, name):
    source, m = seed(name)
    lines = source.text.split("\n")
    mentions = [p for e in m.schedule for p in e.presenters] + list(m.participants)
    assert mentions
    for mention in mentions:
        ev = mention.evidence
        assert source.text[ev.char_start:ev.char_end] == mention.text
        assert mention.text in lines[ev.line_start - 1]
        assert ev.document == name


@pytest.mark.parametrize("name", [D000, D001, D002, D003, D004])
def test_segment_item_and_line_offsets_are_consistent(seed, name):
    source, m = seed(name)
    for line in split_lines(source.text):
        assert source.text[line.offset:line.offset + len(line.text)] == line.text
    for it in m.items:
        if it.title:
            quoted = source.text[it.evidence.char_start:it.evidence.char_end]
            assert quoted.split()[-1] == it.title.split()[-1]
            assert "Punkt" in quoted
        for line in it.decision_lines:
            assert source.text.split("\n")[line.number - 1] == line.text
    ev = m.meeting.evidence
    if m.meeting.location:
        assert m.meeting.location.split()[0] in source.text[ev.char_start:ev.char_end]


# --- hand-written quirks ------------------------------------------------------------------


def test_segment_bullet_styles_and_nesting_stay_in_decision():
    _, m = seg(
        """\
        Chefteammøde

        Punkt 1: Status på arbejdet
        - første
        • anden
        ◦ tredje
          - indrykket
            ◦ dybere
        ▪ fjerde
        * femte

        Chefteamet besluttede
        """
    )
    it = item(m, 1)
    assert it.title == "Status på arbejdet"  # a bullet line is never joined into the title
    assert [l.text.strip() for l in it.decision_lines] == [
        "- første", "• anden", "◦ tredje", "- indrykket", "◦ dybere", "▪ fjerde", "* femte", "Chefteamet besluttede",
    ]


def test_segment_heading_with_dot_after_number():
    _, m = seg(
        """\
        Chefteammøde

        Punkt 1. Økonomi
        Chefteamet besluttede budgettet.

        Punkt 2. Andet emne

        Rådmanden godkendte.
        """
    )
    assert [(i.number, i.title) for i in m.items] == [(1, "Økonomi"), (2, "Andet emne")]
    assert decision_text(m, 1) == ["Chefteamet besluttede budgettet."]
    assert decision_text(m, 2) == ["Rådmanden godkendte."]


def test_segment_heading_wrap_only_when_it_continues():
    _, m = seg(
        """\
        Punkt 1: Status på
        rekruttering

        Punkt 2: Budget
        Chefteamet besluttede:

        - at godkende budgettet
        """
    )
    assert item(m, 1).title == "Status på rekruttering"
    assert item(m, 1).decision_lines == ()
    assert item(m, 2).title == "Budget"
    assert decision_text(m, 2) == ["Chefteamet besluttede:", "- at godkende budgettet"]


def test_segment_decision_heading_reuses_item_title():
    _, m = seg(
        """\
        Punkt 1: Plan for ældreområdet

        Beslutning for Punkt 1: Plan for
        ældreområdet

        Udvalget tog planen til efterretning.
        """
    )
    assert [i.number for i in m.items] == [1]
    assert item(m, 1).title == "Plan for ældreområdet"
    assert decision_text(m, 1) == ["Udvalget tog planen til efterretning."]


def test_segment_schedule_variants():
    source, m = seg(
        """\
        Information:
        Pkt. 1 kl. 9.00-9.15 Anna Holm (HR) og Bo Lund
        Pkt 2 kl. 9:15 - 9:30 Kim Ny, Eva Lund samt Ida Berg
        Pkt. 3
        Pkt. 1 kl. 10.00-10.15 Someone Else
        """
    )
    assert [e.number for e in m.schedule] == [1, 2, 3]
    assert [p.text for p in schedule(m, 1).presenters] == ["Anna Holm", "Bo Lund"]  # the first line wins
    assert (schedule(m, 2).start, schedule(m, 2).end) == ("09:15", "09:30")
    assert [p.text for p in schedule(m, 2).presenters] == ["Kim Ny", "Eva Lund", "Ida Berg"]
    for entry in m.schedule:
        for p in entry.presenters:
            assert source.text[p.evidence.char_start:p.evidence.char_end] == p.text
    assert {"kind", "date", "participants"} <= set(m.meeting.missing)
    assert [(i.number, i.title) for i in m.items] == [(1, None), (2, None), (3, None)]


def test_segment_participants_continue_on_next_line():
    _, m = seg(
        """\
        Chefteammøde

        Mødedeltagere : Anna Holm, Bo Lund,
        Kim Ny og Eva Lund

        Punkt 1: Noget
        """
    )
    assert [p.text for p in m.participants] == ["Anna Holm", "Bo Lund", "Kim Ny", "Eva Lund"]
    assert [p.evidence.line_start for p in m.participants] == [3, 3, 4, 4]


def test_segment_not_minutes_names_the_file():
    with pytest.raises(NotMinutesError, match=r"^indkøbsliste\.txt: does not look like minutes"):
        seg(
            """\
            Husk at købe mælk, brød og æg.
            Ring til tandlægen i morgen.
            """,
            name="indkøbsliste.txt",
        )


def test_segment_impossible_date_is_warned_and_ignored():
    _, m = seg(
        """\
        Chefteammøde

        45-13-2023 09:00 - 10:00

        Punkt 1: Noget
        """
    )
    assert m.meeting.date is None
    assert "date" in m.meeting.missing
    assert len(m.warnings) == 1
    assert re.match(r"m\.txt:3: impossible date '45-13-2023 09:00 - 10:00'", m.warnings[0])


def test_segment_impossible_calendar_date_is_warned():
    _, m = seg(
        """\
        Chefteammøde

        31-02-2023 09:00 - 10:00

        Punkt 1: Noget
        """
    )
    assert m.meeting.date is None
    assert any("impossible date" in w for w in m.warnings)


def test_segment_evidence_survives_double_spaces():
    source, m = seg("Pkt. 1 kl. 9.00-9.15 Anna  Holm og Bo Lund\n\nPunkt 1: X\n")
    anna = schedule(m, 1).presenters[0]
    assert anna.text == "Anna Holm"
    assert "Anna" in source.text[anna.evidence.char_start:anna.evidence.char_end]


def test_segment_evidence_of_repeated_first_name_points_at_its_own_occurrence():
    source, m = seg("Mødedeltagere : Bo Lund, Bo\n\nPunkt 1: X\n")
    bo_lund, bo = m.participants
    assert (bo_lund.text, bo.text) == ("Bo Lund", "Bo")
    assert bo.evidence.char_start > bo_lund.evidence.char_start


# --- participants: roles in parentheses, virtual notes, bullets ------------------------------


def names_and_roles(mentions):
    return [(p.text, p.role) for p in mentions]


def assert_evidence_points_at_names(source, mentions):
    for p in mentions:
        assert source.text[p.evidence.char_start:p.evidence.char_end] == p.text


def test_segment_participant_lines_with_role_and_virtual_note():
    source, m = seg(
        """\
        Chefteammøde

        Deltagere:
        Anna Holm (direktør, MSO)
        Bo Lund (økonomichef) – deltager virtuelt
        Kim Ny - deltager via Teams
        Eva Lund (virtuelt)
        Ida Berg deltog virtuelt
        Hans-Peter Nielsen – kontorchef

        Punkt 1: Noget
        """
    )
    assert names_and_roles(m.participants) == [
        ("Anna Holm", "participant"),
        ("Bo Lund", "virtual"),
        ("Kim Ny", "virtual"),
        ("Eva Lund", "virtual"),
        ("Ida Berg", "virtual"),
        ("Hans-Peter Nielsen", "participant"),  # a hyphen inside a name stays, a spaced dash ends it
    ]
    assert [p.evidence.line_start for p in m.participants] == [4, 5, 6, 7, 8, 9]
    assert_evidence_points_at_names(source, m.participants)


def test_segment_virtual_notes_in_a_participant_list_on_one_line():
    source, m = seg(
        """\
        Mødedeltagere : Anna Holm, Bo Lund (online), Kim Ny (deltager på Teams) og Eva Lund – deltog via Skype

        Punkt 1: Noget
        """
    )
    assert names_and_roles(m.participants) == [
        ("Anna Holm", "participant"), ("Bo Lund", "virtual"), ("Kim Ny", "virtual"), ("Eva Lund", "virtual"),
    ]
    assert_evidence_points_at_names(source, m.participants)


def test_segment_split_names_drops_notes_after_a_spaced_dash():
    assert split_names("Bo Lund (økonomichef) – deltager virtuelt") == ["Bo Lund"]
    assert split_names("Anna Holm - deltager via Teams, Kim Ny") == ["Anna Holm", "Kim Ny"]
    assert split_names("Anna Holm-Ny og Bo Lund") == ["Anna Holm-Ny", "Bo Lund"]


def test_segment_bullets_in_a_participant_list_are_no_part_of_the_names():
    source, m = seg(
        """\
        Mødedeltagere:
        • Anna Holm
        o Bo Lund (virtuelt)
        - Kim Ny
        Anna er mødeleder

        Punkt 1: Noget
        """
    )
    assert names_and_roles(m.participants) == [
        ("Anna Holm", "participant"), ("Bo Lund", "virtual"), ("Kim Ny", "participant"), ("Anna", "chair"),
    ]
    assert_evidence_points_at_names(source, m.participants)


# --- apologies: named, but they do not attend -------------------------------------------------


def test_segment_apologies_are_named_but_no_participants():
    source, m = seg(
        """\
        Chefteammøde

        Mødedeltagere : Anna Holm, Bo Lund

        Afbud: Ida Berg (Strategi og Udvikling)

        Punkt 1: Noget
        """
    )
    assert [p.text for p in m.participants] == ["Anna Holm", "Bo Lund"]
    assert names_and_roles(m.apologies) == [("Ida Berg", "apology")]
    assert m.apologies[0].evidence.line_start == 5
    assert_evidence_points_at_names(source, m.apologies)


def test_segment_apologies_with_roles_several_lines_and_right_below_the_list():
    source, m = seg(
        """\
        Deltagere:
        Anna Holm (direktør)
        Afbud: Kim Ny (chefkonsulent), Eva Lund
        Ole Berg
        Anna er mødeleder

        Punkt 1: Noget
        """
    )
    assert names_and_roles(m.participants) == [("Anna Holm", "participant"), ("Anna", "chair")]
    assert names_and_roles(m.apologies) == [("Kim Ny", "apology"), ("Eva Lund", "apology"), ("Ole Berg", "apology")]
    assert [p.evidence.line_start for p in m.apologies] == [3, 3, 4]
    assert_evidence_points_at_names(source, m.apologies)


def test_segment_apologies_of_invited_participants_and_no_names():
    _, m = seg(
        """\
        Mødedeltagere : Direktør Anna Holm, Bo Lund, Kim Ny

        Afbud fra Anna Holm og Kim Ny

        Punkt 1: Noget
        """
    )
    assert [p.text for p in m.participants] == ["Bo Lund"]  # listed as invited, but sent apologies
    assert [p.text for p in m.apologies] == ["Anna Holm", "Kim Ny"]
    _, m = seg("Mødedeltagere : Anna Holm\n\nAfbud: Ingen\n\nPunkt 1: Noget\n")
    assert m.apologies == ()
    assert [p.text for p in m.participants] == ["Anna Holm"]


def test_segment_without_apologies_has_empty_apologies(seed):
    for name in (D000, D001, D002, D003, D004):
        assert seed(name)[1].apologies == ()


# --- bullets ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("o P&R følger op", True),
        ("  o indrykket", True),
        ("o\tmed tabulator", True),
        ("◦ underpunkt", True),
        ("▪ punkt", True),
        ("1) punkt", True),
        ("og fastholdelse", False),
        ("om rekruttering", False),
        ("opfølgning", False),
        ("O Overskrift", False),
        ("o", False),
    ],
)
def test_segment_bullet_pattern(line, expected):
    assert bool(BULLET.match(line)) is expected


def test_segment_o_and_hollow_bullets_are_never_joined_into_a_heading():
    _, m = seg(
        """\
        Chefteammøde

        Punkt 1: Status på
        o første del

        Chefteamet besluttede

        Punkt 2: Orientering om
        ◦ anden del

        Punkt 3: Status på rekruttering
        og fastholdelse

        Punkt 4: Plan for indsatsen
        om aktiv hverdag

        Rådmanden godkendte.
        """
    )
    assert item(m, 1).title == "Status på"
    assert decision_text(m, 1) == ["o første del", "Chefteamet besluttede"]
    assert item(m, 2).title == "Orientering om"
    assert decision_text(m, 2) == ["◦ anden del"]
    # a wrapped line that starts with "og" or "om" is no bullet
    assert item(m, 3).title == "Status på rekruttering og fastholdelse"
    assert item(m, 4).title == "Plan for indsatsen om aktiv hverdag"


# --- helpers --------------------------------------------------------------------------------


def test_segment_split_names():
    assert split_names("Thune/Svend") == ["Thune", "Svend"]
    assert split_names("Kim Ny, Eva Lund og Bo") == ["Kim Ny", "Eva Lund", "Bo"]
    assert split_names("Anna Holm (HR) & Bo Lund; Ida") == ["Anna Holm", "Bo Lund", "Ida"]
    assert split_names(" , ; / ") == []


def test_segment_split_names_drops_dangling_connector():
    assert split_names("Helle Rasmussen og") == ["Helle Rasmussen"]
    assert split_names("og Vibeke Jørgensen") == ["Vibeke Jørgensen"]


def test_segment_schedule_line_wrapped_after_og():
    _, m = seg(
        """        Pkt. 3 kl. 10.30-10.45 Helle Rasmussen og
        Vibeke Jørgensen

        Punkt 3: Program
        """
    )
    assert [p.text for p in schedule(m, 3).presenters] == ["Helle Rasmussen", "Vibeke Jørgensen"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Punkt 3: Program for fastholdelse og rekruttering.....\t1", True),
        ("Beslutning for Punkt 5: Etablering af Center.....\t2", True),
        ("| Punkt 1: Præsentation af åbenhedstræning | 1 |", True),
        ("|---|---|", True),
        ("Punkt 3: Program for fastholdelse og rekruttering", False),
        ("- At Program for fastholdelse og rekruttering 2023-2025 bliver en del af Fokus 23.", False),
        ("Ved udgangen af september 2021 ligger sygefraværet på 12,86", False),
    ],
)
def test_segment_is_toc_line(line, expected):
    assert is_toc_line(line) is expected


@pytest.mark.parametrize("text, title", [
    # completed from the table of contents
    ("Chefteammøde\n\nPunkt 1: Status på Trivselsløft.....\t1\n\nPunkt 1: Status på Trivselsløft\n2027\n\n"
     "Beslutning for Punkt 1: Status på Trivselsløft\n2027\n\nGodkendt.\n", "Status på Trivselsløft 2027"),
    # completed from a decision heading on one line
    ("Chefteammøde\n\nPunkt 1: Status på Tryg Bydel\nNord\n\nBeslutning for Punkt 1: Status på Tryg Bydel Nord\n\n"
     "Godkendt.\n", "Status på Tryg Bydel Nord"),
    # both headings wrap onto the same word
    ("Chefteammøde\n\nPunkt 1: Status på Tryg Bydel\nNord\n\nBeslutning for Punkt 1: Status på Tryg Bydel\nNord\n\n"
     "Godkendt.\n", "Status på Tryg Bydel Nord"),
    # a year alone on the next line
    ("Chefteammøde\n\nPunkt 1: Handleplan for søvn\n2026-2028\n\nGodkendt.\n", "Handleplan for søvn 2026-2028"),
    # a proper name wrapped before its last word, with no decision heading to compare with
    ("Chefteammøde\n\nPunkt 1: Status på etableringen af Tryghus\nSyd\n\nByggeriet er i gang.\n", "Status på etableringen af Tryghus Syd"),
    # a one-word decision right under the heading is no part of it
    ("Chefteammøde\n\nPunkt 1: Status på Tryghus\nGodkendt\n\nPunkt 2: Eventuelt\n\nIntet.\n", "Status på Tryghus"),
    # a sentence after the heading is no part of it
    ("Chefteammøde\n\nPunkt 1: Status på Tryg Bydel\nNord er i gang.\n\nBeslutning for Punkt 1: Status på Tryg Bydel\n\n"
     "Godkendt.\n", "Status på Tryg Bydel"),
])
def test_segment_wrapped_headings_are_completed(text, title):
    minutes = segment(SourceDocument("w.txt", "w.txt", text, "utf-8"))
    assert minutes.items[0].title == title


def test_segment_participants_wrapped_inside_a_name():
    _, m = seg("""\
        Chefteammøde (Chefteammøde)

        Mødedeltagere : Bo Lund, Eva Holt, Ida
        Marie Krogh, Ole Bak
        Afbud: Kim Ny
        Lene (sekretariatet) tager referat og deltager virtuelt.

        Punkt 1: Eventuelt
        """)
    assert [(p.text, p.role) for p in m.participants] == [
        ("Bo Lund", "participant"), ("Eva Holt", "participant"), ("Ida Marie Krogh", "participant"),
        ("Ole Bak", "participant"), ("Lene", "virtual")]


def test_segment_guests_said_to_take_part_in_an_item():
    source, m = seg("""\
        Chefteammøde (Chefteammøde)

        Mødedeltagere : Bo Lund
        Overlæge Eva Holt, Region Midtjylland, deltog under pkt. 2.

        Punkt 1: Status

        Beslutning for Punkt 1: Status

        Ida Krogh, konsulent i HR, deltog under punktet.
        Over 100 borgere deltog i arrangementerne. Ole Bak deltog som gæst.
        """)
    guests = [p for p in m.participants if p.role == "guest"]
    assert [p.text for p in guests] == ["Overlæge Eva Holt", "Ida Krogh", "Ole Bak"]
    assert all(source.text[p.evidence.char_start:p.evidence.char_end] == p.text for p in guests)


def test_segment_minute_taker_attends_and_notes_in_brackets_wrap():
    source, m = seg("""\
        Ledelsesmøde (Ledelsesmøde)

        Deltagere: direktør Bo Lund (mødeleder), afdelingschef Eva Holt (Vej og
        Park), Ida Krogh (konsulent,
        MSB), Ole
        Bak
        Afbud: Per Dam (Drift)
        Referent: Lis Vang

        Punkt 1: Status
        """)
    assert [p.text for p in m.participants] == ["direktør Bo Lund", "afdelingschef Eva Holt", "Ida Krogh", "Ole Bak", "Lis Vang"]


def test_segment_numbered_agenda_with_slots_and_presenters():
    source, m = seg("""\
        Styregruppemøde (Styregruppemøde)

        Dagsorden:
        1. Godkendelse af dagsorden (kl. 14.00-14.10)
        2. Status på fase 2 (kl. 14.10-14.35) – Kasper
        3. Kampagneugen 2025 (kl. 14.35-15.00) – Eva Holt og Bo Lund

        Punkt 2: Status på fase 2
        """)
    assert schedule(m, 2).start == "14:10" and schedule(m, 3).end == "15:00"
    assert [p.text for p in schedule(m, 3).presenters] == ["Eva Holt", "Bo Lund"]
    assert [p.text for p in schedule(m, 2).presenters] == ["Kasper"]
    assert schedule(m, 1).presenters == ()


def test_segment_word_processor_minutes_with_labelled_fields_and_ad_headings():
    source, m = seg("""\
        REFERAT

        Koordinationsmøde mellem Pleje og Omsorg (P&O) og Sundhed og
        Træning (S&T)

        Dato: 11. marts 2025, kl. 10.00-11.30
        Sted: Mødelokale Egen

        Deltagere:
        Bo Lund, chef for P&O
        Eva Holt, områdechef, P&O
        Ida Krogh, leder af Lokalcenter Vest

        Afbud: Per Dam, konsulent
        Referent: Lis Vang

        Dagsorden
        1. Godkendelse af referat
        2. Tryg Nat: udrulning

        Ad 1. Godkendelse af referat
        Godkendt.

        Ad 2. Tryg Nat: udrulning
        Det blev besluttet, at Tryg Nat udrulles.
        """)
    meeting = m.meeting
    assert (meeting.kind, meeting.date, meeting.start, meeting.end, meeting.location) == (
        "Koordinationsmøde", "2025-03-11", "10:00", "11:30", "Mødelokale Egen")
    assert [p.text for p in m.participants] == ["Bo Lund", "Eva Holt", "Ida Krogh", "Lis Vang"]
    assert [(i.number, i.title) for i in m.items] == [(1, "Godkendelse af referat"), (2, "Tryg Nat: udrulning")]
    assert decision_text(m, 2) == ["Det blev besluttet, at Tryg Nat udrulles."]


def test_segment_agenda_of_pkt_titles_then_the_same_lines_as_headings():
    source, m = seg("""\
        REFERAT – Ledergruppemøde

        Tid: tirsdag d. 18/3-2025 kl. 9-11
        Mødested: Lokalcenter Vest

        Til stede:
        - Bo Lund, områdechef (mødeleder)

        Dagsorden
        Pkt. 1  Godkendelse af dagsorden
        Pkt. 2  Rolige Nætter – opstart
        Pkt. 3  Eventuelt

        Pkt. 1 Godkendelse af dagsorden
        Godkendt.

        Pkt. 2 Rolige Nætter – opstart
        Piloten starter i april.
        """)
    assert (m.meeting.kind, m.meeting.date, m.meeting.start, m.meeting.end) == ("Ledergruppemøde", "2025-03-18", "09:00", "11:00")
    assert m.schedule == ()
    assert [(i.number, i.title) for i in m.items] == [(1, "Godkendelse af dagsorden"), (2, "Rolige Nætter – opstart")]
    assert decision_text(m, 2) == ["Piloten starter i april."]
