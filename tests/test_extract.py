"""Extract stage: agenda titles, decision blocks and statements of a small hand-written minutes text."""
from __future__ import annotations

import textwrap

import pytest

from graph.components import make_pipeline
from graph.extract import Extractor, decision_blocks, is_generic_title, title_initiative
from graph.model import Mention, SourceDocument, TextLine
from graph.segment import segment, split_lines

MINUTES = textwrap.dedent("""\
    Chefteammøde

    14-03-2026 09:00 - 10:30

    Pkt. 1 kl. 09.00-09.30 Lise Dahl og Ahmad Karimi
    Pkt. 2 kl. 09.30-10.00 Nuka Olsen

    Mødedeltagere : Lise Dahl, Ahmad Karimi, Zorro Vindahl Hansen

    Punkt 1: Status på Ensomhedspuljen 2026

    Beslutning for Punkt 1: Status på Ensomhedspuljen 2026

    Chefteamet besluttede
    - at HR sikrer den videre proces
    - at D&T følger op på Velfærdsprojektet

    Punkt 2: Evaluering af Program for digital inklusion

    Beslutning for Punkt 2: Evaluering af Program for digital inklusion

    Evalueringen blev taget til efterretning.
    Zorro Vindahl Hansen fremlægger resultaterne
      for Handicaprådet i maj.

    Punkt 3: Eventuelt

    Beslutning for Punkt 3: Eventuelt

    Intet.
    """)


@pytest.fixture(scope="module")
def extractor():
    return Extractor(make_pipeline())


@pytest.fixture(scope="module")
def source():
    return SourceDocument("cm.txt", "cm.txt", MINUTES, "utf-8")


@pytest.fixture(scope="module")
def result(extractor, source):
    return extractor.extract(segment(source))


def name(end):
    return end if isinstance(end, tuple) else (end.kind, end.text)


def facts(result, relation):
    return {(name(s.source), name(s.target)) for s in result.statements if s.relation == relation}


ITEM1, ITEM2, ITEM3 = (("AgendaItem", "cm.txt", n) for n in (1, 2, 3))


# --- title_initiative ---------------------------------------------------------------------


@pytest.mark.parametrize("title, expected", [
    ("Status på Program for digital inklusion", "Program for digital inklusion"),
    ("Samarbejde om demensvenlige plejehjem", "Demensvenlige plejehjem"),
    ("Midtvejsstatus på demensstrategien", "Demensstrategien"),
    ("Midler fra trivselspuljen", "Trivselspuljen"),
    ("Fordeling af midler fra trivselspuljen", "Trivselspuljen"),
    ("Budget 2027: Sparekatalog", "Budget 2027"),
    ("Ansøgning til Sundhedsfonden: Sammen om Natten", "Sammen om Natten"),
    ("Evaluering af Ensomhedspuljen 2026", "Ensomhedspuljen 2026"),
    ("Opsamling fra Velfærdstræf 4. november 2022", "Velfærdstræf"),
    ("Etablering af Center for Ensomhed (bilag)", "Center for Ensomhed"),
    ("evaluering af velfærdsprojektet.", "Velfærdsprojektet"),
    ("Fokus 26", "Fokus 26"),
    ("Statusmøde om Ny Start", "Statusmøde om Ny Start"),
])
def test_extract_title_initiative_cuts_procedure_prefix(title, expected):
    assert title_initiative(title) == expected


@pytest.mark.parametrize("title, expected", [
    ("Vandreplanen 2026-2029 – udkast til politisk behandling", "Vandreplanen 2026-2029"),
    ("Hverdagsløft - status og næste skridt", "Hverdagsløft"),
    ("Evaluering af Seniortræffet 2027 og planlægning af det næste", "Seniortræffet 2027"),
    ("Etablering af Traumecenter Vest i samarbejde med Region Nord", "Traumecenter Vest"),
    ("Udbredelse af Rolig Aften til alle lokalcentre", "Rolig Aften"),
    ("Kompetencespor 2027 for nye ledere", "Kompetencespor 2027"),
    ('Erfaringer fra "Varme Hænder" i hjemmeplejen', "Varme Hænder"),
    ('Status på Projekt "Lyse Nætter"', "Lyse Nætter"),
    ("Oplæg fra VIVE om Fremtidens Nattevagt", "Fremtidens Nattevagt"),
    ('Lederdag 2026: "Mod på mere"', "Lederdag 2026"),
    ('Lancering af "Trygt hjem"', "Trygt hjem"),
    ('Orientering fra VIVE om udspillet "Tid til omsorg"', "Tid til omsorg"),
    ("Ansøgning om midler til Rask Alderdom Nord", "Rask Alderdom Nord"),
    ("Samling af sengepladserne i Akuthus Vest", "Akuthus Vest"),
    ("Udbud af nyt journalsystem - OmsorgsNet 2027", "OmsorgsNet 2027"),
    ('Ny lederstrategi: "Tæt på"', "Tæt på"),
    ("Udvælgelse af projekter til Trivselspuljen 2027", "Trivselspuljen 2027"),
    # a lowercase name after a single capitalised head is the name itself
    ("Handleplan for bedre søvn på plejehjemmene", "Handleplan for bedre søvn på plejehjemmene"),
    ("Uddannelsestilbud: Mentor- og vejlederkompetence", "Uddannelsestilbud: Mentor- og vejlederkompetence"),
    ("Status på byggeriet af Plejecenter Solhøj", "Plejecenter Solhøj"),
    ("Nabolag 2030 – MSO's bidrag til programmet", "Nabolag 2030"),
    ("Sundhed – Pleje og Omsorg", "Sundhed – Pleje og Omsorg"),
    ("Fælles Akutplan med Region Nordjylland", "Fælles Akutplan"),
    ("Mad med mening", "Mad med mening"),
    ("Udviklingspartnerskabet med VIA - årsmøde", "Udviklingspartnerskabet med VIA"),
    # a standing item before the initiative ("og" between two names stays)
    ("Budgetopfølgning og Handleplan for balance 2027", "Handleplan for balance 2027"),
    ("Økonomi og Styring", "Økonomi og Styring"),
    # the unit where it runs, what it is used as, a draft of it, the partnership it is
    ("Hurtig Hjælp 3.0 i Borgerservice", "Hurtig Hjælp 3.0"),
    ("Tryg Nat i MSO", "Tryg Nat"),
    ("Nyt udspil om plejearbejdet i MSO", "Nyt udspil om plejearbejdet i MSO"),
    # what of a name the item is about: its criteria, a department's share, a priority inside it
    ("Kriterier for Naturpuljen", "Naturpuljen"),
    ("MBU's bidrag til Sommerjobpuljen 2027", "Sommerjobpuljen 2027"),
    ("Tidsplan og principper for Budgetproces 2027", "Budgetproces 2027"),
    ("Prioritering i Handleplan Et Trygt Hjem 2026-2029", "Handleplan Et Trygt Hjem 2026-2029"),
    ("Konceptet for Løb og Leg", "Løb og Leg"),
    ("Program for Tryg Nat", "Program for Tryg Nat"),
    ("Grønplan for MSO 2026-2029", "Grønplan for MSO 2026-2029"),
    ("Sundhedsdagen i Viby 2026", "Sundhedsdagen i Viby 2026"),
    ("Hjælp til Selvhjælp", "Hjælp til Selvhjælp"),
    ("Idrætsdag for Ældre 2027", "Idrætsdag for Ældre 2027"),
    # a theme and a plan named with its year; a process for a quoted name
    ("Status på Influenza og Beredskabsplan 2027", "Beredskabsplan 2027"),
    ("Bevægelse og Trivsel 2026", "Bevægelse og Trivsel 2026"),
    ('Proces for ny sundhedspolitik "Et sundt liv i byen"', "Et sundt liv i byen"),
    # what of a name the item is about after a colon; a proposal; a capital É
    ("Tryg Nat: udrulning af aftenbesøg i P&O", "Tryg Nat"),
    ("Forslag om Én Dør til sygepleje", "Én Dør"),
    ("Budget 2027 - proces og rammer", "Budget 2027"),
    # a place keeps its noun; the part of a plan a status is on; a source or addressee after a dash does not
    ("Etablering af akutpladser i Aarhus Nord", "Akutpladser i Aarhus Nord"),
    ("Klimaplan – status på Grøn Bil", "Grøn Bil"),
    ("Projekt Ud i Skoven – ansøgning til Lindegaard Fonden", "Projekt Ud i Skoven"),
    ("Videobesøg i hjemmeplejen – erfaringer fra Solgården", "Videobesøg i hjemmeplejen"),
    ("Ældre i eget hjem: Trygt Sammen – fælles spor", "Trygt Sammen"),
    ("Digitale hjælpemidler: status på Robotplan 2027", "Robotplan 2027"),
    ("Ro i Hverdagen", "Ro i Hverdagen"),
    ("Kulturkortet 18-25 som tilbud i Ungespor", "Kulturkortet 18-25"),
    ("Status på somatiske pladser", "Somatiske pladser"),
    ("Høringsudkast til Strategi for lyse haver", "Strategi for lyse haver"),
    ("Kvartalsstatus for partnerskabet Ungespor", "Ungespor"),
])
def test_extract_title_initiative_cuts_what_follows_the_name(title, expected):
    assert title_initiative(title) == expected


@pytest.mark.parametrize("title", ["Eventuelt", "Kommende møder", "Godkendelse af dagsorden", "Evt.", "Status på", "", None,
                                   "Godkendelse af dagsorden og referat", "Meddelelser, diverse og eventuelt",
                                   "Orientering fra Hoved-MED", "Nyt fra direktionen", "Status på sygefravær 4. kvartal 2026",
                                   "Budgetopfølgning", "Status på sygefravær og arbejdsmiljø", "Status på fase 2",
                                   "Velkomst og godkendelse af referat", "Godkendelse af referat fra mødet 14. januar",
                                   "Budgetopfølgning efter februar", "Programstatus og økonomi 2027",
                                   "Terapeuter - rekrutteringsstatus 2. kvartal", "Status på sygefravær 2026"])
def test_extract_title_initiative_generic_titles_are_none(title):
    assert title_initiative(title) is None


def test_extract_title_initiative_bare_prefix_is_none():
    assert title_initiative("Status") is None


def test_extract_is_generic_title():
    assert is_generic_title("Eventuelt.") and is_generic_title("kommende møder")
    assert not is_generic_title("Status på Ensomhedspuljen 2026") and not is_generic_title(None)


# --- decision_blocks ----------------------------------------------------------------------

BLOCK_TEXT = textwrap.dedent("""\
    Chefteamet besluttede
    - at D&T udarbejder en plan for
      Program for digital inklusion
      ◦ med fokus på ældre
      ◦ og pårørende
    - at HR følger op
    Nyt afsnit efter linjehop
    """)


@pytest.fixture(scope="module")
def blocks():
    lines = tuple(split_lines(BLOCK_TEXT))[:7]
    # the same lines, with the last one after a skipped (blank) line
    last = lines[6]
    return decision_blocks(lines), decision_blocks(lines[:6] + (TextLine(8, last.offset, last.text),))


def test_extract_decision_blocks_bullets_and_wrapped_lines(blocks):
    joined, _ = blocks
    assert [b.text for b in joined] == [
        "Chefteamet besluttede",
        "at D&T udarbejder en plan for Program for digital inklusion",
        "med fokus på ældre",
        "og pårørende",
        "at HR følger op Nyt afsnit efter linjehop",
    ]
    assert [[l.number for l in b.lines] for b in joined] == [[1], [2, 3], [4], [5], [6, 7]]


def test_extract_decision_blocks_depth_and_parents(blocks):
    joined, _ = blocks
    assert [b.depth for b in joined] == [0, 1, 2, 2, 1]
    assert [b.parent for b in joined] == [None, 0, 1, 1, 0]


def test_extract_decision_blocks_gap_starts_new_block(blocks):
    _, split = blocks
    assert [b.text for b in split][-2:] == ["at HR følger op", "Nyt afsnit efter linjehop"]
    assert split[-1].depth == 0 and split[-1].parent is None


def test_extract_decision_block_evidence_maps_back_to_source(blocks):
    joined, _ = blocks
    block = joined[1]
    start = block.text.index("Program")
    end = start + len("Program for digital inklusion")
    ev = block.evidence("b.txt", start, end, "q")
    assert (ev.line_start, ev.line_end) == (3, 3)
    assert BLOCK_TEXT[ev.char_start:ev.char_end] == "Program for digital inklusion"


# --- Extractor ----------------------------------------------------------------------------


def test_extract_presents_from_schedule(result):
    assert facts(result, "presents") == {
        (("Person", "Lise Dahl"), ITEM1),
        (("Person", "Ahmad Karimi"), ITEM1),
        (("Person", "Nuka Olsen"), ITEM2),
    }


def test_extract_attends_from_participants(result):
    meeting = ("Meeting", "cm.txt")
    assert facts(result, "attends") == {
        (("Person", "Lise Dahl"), meeting),
        (("Person", "Ahmad Karimi"), meeting),
        (("Person", "Zorro Vindahl Hansen"), meeting),
    }


def test_extract_decides_named_body_and_meeting_forum(result):
    decides = [s for s in result.statements if s.relation == "decides"]
    assert {(s.source.canonical, s.target) for s in decides} == {("Chefteamet", ITEM1), ("Chefteamet", ITEM2), ("Chefteamet", ITEM3)}
    fallback = next(s for s in decides if s.target == ITEM2)
    assert fallback.source.text == "Chefteamet" and fallback.evidence.line_start == 18
    named = next(s for s in decides if s.target == ITEM1)
    assert MINUTES[named.evidence.char_start:named.evidence.char_end] == "Chefteamet"
    assert named.evidence.line_start == 14


def test_extract_mentioned_body_does_not_decide(result):
    bodies = {m.text for m in result.mentions if m.kind == "Body"}
    assert "Handicaprådet" in bodies
    assert not any(s.relation == "decides" and s.source.text == "Handicaprådet" for s in result.statements)


def test_extract_generic_item_concerns_nothing(result):
    assert [i.title for i in result.minutes.items if i.number == 3] == ["Eventuelt"]
    assert not any(s.relation == "concerns" and s.source == ITEM3 for s in result.statements)


def test_extract_concerns_title_and_text_initiatives(result):
    assert facts(result, "concerns") == {
        (ITEM1, ("Initiative", "Ensomhedspuljen 2026")),
        (ITEM1, ("Initiative", "Velfærdsprojektet")),
        (ITEM2, ("Initiative", "Program for digital inklusion")),
    }


def test_extract_owns_item_initiative_and_named_initiative(result):
    assert facts(result, "owns") == {
        (("Unit", "HR"), ("Initiative", "Ensomhedspuljen 2026")),
        (("Unit", "D&T"), ("Initiative", "Velfærdsprojektet")),
    }
    hr = next(s for s in result.statements if s.relation == "owns" and s.source.text == "HR")
    assert hr.evidence.quote == "at HR sikrer den videre proces"
    assert hr.evidence.line_start == 15


def test_extract_mentions_of_decision_text(result):
    assert facts(result, "mentions") == {
        (("Decision", "cm.txt", 1), ("Body", "Chefteamet")),
        (("Decision", "cm.txt", 1), ("Unit", "HR")),
        (("Decision", "cm.txt", 1), ("Unit", "D&T")),
        (("Decision", "cm.txt", 1), ("Initiative", "Velfærdsprojektet")),
        (("Decision", "cm.txt", 2), ("Person", "Zorro Vindahl Hansen")),
        (("Decision", "cm.txt", 2), ("Body", "Handicaprådet")),
    }


def test_extract_unit_canonical_from_lexicon(result):
    hr = next(m for m in result.mentions if m.kind == "Unit" and m.text == "HR")
    assert hr.canonical == "Human Resources"


def test_extract_evidence_of_decision_text_mentions_points_at_the_text(result, source):
    decision_mentions = [s.target for s in result.statements if s.relation == "mentions"]
    assert len(decision_mentions) == 6
    for m in decision_mentions:
        assert isinstance(m, Mention)
        assert source.text[m.evidence.char_start:m.evidence.char_end] == m.text, m


def test_extract_evidence_on_wrapped_indented_line(result, source):
    body = next(m for m in result.mentions if m.text == "Handicaprådet")
    assert (body.evidence.line_start, body.evidence.line_end) == (24, 24)
    assert source.text.splitlines()[23] == "  for Handicaprådet i maj."


def test_extract_evidence_of_structural_people(result, source):
    for s in result.statements:
        if s.relation in {"presents", "attends"}:
            assert source.text[s.evidence.char_start:s.evidence.char_end] == s.source.text


def test_extract_forum_of_meeting_kinds(extractor):
    assert extractor.forum_of("Chefteammøde") == "Chefteamet"
    assert extractor.forum_of("rådmandsmøde") == "Rådmandsmødekredsen"
    assert extractor.forum_of("Fredagsmøde") is None and extractor.forum_of(None) is None


def test_extract_kredsen_means_the_forum(extractor):
    text = textwrap.dedent("""\
        Rådmandsmøde

        02-02-2026 10:00 - 11:00

        Punkt 1: Status på Center for Ensomhed

        Beslutning for Punkt 1: Status på Center for Ensomhed

        Kredsen er enige om planen.
        """)
    result = extractor.extract(segment(SourceDocument("rm.txt", "rm.txt", text, "utf-8")))
    decides = [s for s in result.statements if s.relation == "decides"]
    assert [(s.source.text, s.source.canonical, s.target) for s in decides] == [
        ("Kredsen", "Rådmandsmødekredsen", ("AgendaItem", "rm.txt", 1))
    ]


def test_extract_no_forum_and_no_body_means_no_decides(extractor):
    text = textwrap.dedent("""\
        Fredagsmøde

        02-02-2026 10:00 - 11:00

        Punkt 1: Status på Center for Ensomhed

        Beslutning for Punkt 1: Status på Center for Ensomhed

        Planen blev godkendt.
        """)
    result = extractor.extract(segment(SourceDocument("f.txt", "f.txt", text, "utf-8")))
    assert [s for s in result.statements if s.relation == "decides"] == []
    assert facts(result, "concerns") == {(("AgendaItem", "f.txt", 1), ("Initiative", "Center for Ensomhed"))}


def test_extract_role_words_and_apologies_in_the_front_matter():
    from graph.extract import Extractor
    from graph.model import SourceDocument
    from graph.segment import segment

    text = (
        "Chefteammøde (Chefteammøde)\n\n03-03-2026 09:00 - 10:00\n\nRådhuset\n\n"
        "Pkt. 1 kl. 9.00-9.30 Direktør Bo Lund\n\nMødedeltagere : Rådmand Anne Hansen, Kim Ny\n\n"
        "Afbud: Eva Holm\n\nPunkt 1: Status på Projekt Ny Start\n\nChefteamet besluttede at godkende.\n"
    )
    result = Extractor().extract(segment(SourceDocument("a.txt", "a.txt", text, "utf-8")))
    pairs = {(s.relation, getattr(s.source, "text", None)) for s in result.statements}
    assert ("presents", "Bo Lund") in pairs
    assert {("attends", "Anne Hansen"), ("attends", "Kim Ny")} <= pairs
    assert not any(name and "Eva" in name for _, name in pairs)
    assert ("Person", "Eva Holm") in {(m.kind, m.text) for m in result.mentions}  # a person who sent apologies
    assert result.minutes.meeting.location == "Rådhuset"


def _owns_and_units(extractor, decision_text: str) -> tuple[set, set]:
    text = "Chefteammøde\n\n03-03-2027 09:00 - 10:00\n\nPunkt 1: Status på Lyspunkt-puljen\n\n" \
           "Beslutning for Punkt 1: Status på Lyspunkt-puljen\n\n" + textwrap.dedent(decision_text)
    result = extractor.extract(segment(SourceDocument("ct.txt", "ct.txt", text, "utf-8")))
    owns = {(s.source.text, s.target.text) for s in result.statements if s.relation == "owns"}
    units = {m.text for m in result.mentions if m.kind == "Unit"}
    return owns, units


@pytest.mark.parametrize("sentence, owner", [
    ("Puljen administreres fortsat af Drift og Service.", "Drift og Service"),
    ("Projektet drives af D&S i tæt samarbejde med regionen.", "D&S"),
    ("D&S har ansvaret for puljen.", "D&S"),
    ("D&S er tovholder på puljen.", "D&S"),
    ("Karen Holt administrerer puljen.", "Karen Holt"),
])
def test_extract_owner_phrasings(extractor, sentence, owner):
    owns, units = _owns_and_units(extractor, sentence)
    assert owns == {(owner, "Lyspunkt-puljen")}


@pytest.mark.parametrize("sentence", [
    "Ansøgningen blev udarbejdet af Drift og Service.",  # a passive about something else
    "Karen Holt følger op med de faglige organisationer.",  # follows up with, not on
])
def test_extract_not_owner_phrasings(extractor, sentence):
    owns, _ = _owns_and_units(extractor, sentence)
    assert owns == set()


def test_extract_pairs_of_first_names_or_forums_are_not_units(extractor):
    _, units = _owns_and_units(extractor, """\
        Lene og Bjarke vender tilbage med en plan.
        Ældrerådet og Handicaprådet inddrages i høringen.
        Arbejdet foregår i Drift og Service.
        """)
    assert units == {"Drift og Service"}


def test_extract_misspelt_body_still_decides(extractor):
    text = "Rådmandsmøde\n\n03-03-2027 09:00 - 10:00\n\nPunkt 1: Status på Lyspunkt-puljen\n\n" \
           "Beslutning for Punkt 1: Status på Lyspunkt-puljen\n\nCheftemaet godkendte indstillingen.\n"
    result = extractor.extract(segment(SourceDocument("rm.txt", "rm.txt", text, "utf-8")))
    decides = [(s.source.text, s.source.canonical) for s in result.statements if s.relation == "decides"]
    assert decides == [("Cheftemaet", "Chefteamet")]


def test_extract_an_unnamed_plan_is_no_initiative(extractor):
    text = "Chefteammøde\n\n03-03-2027 09:00 - 10:00\n\nPunkt 1: Eventuelt\n\nBeslutning for Punkt 1: Eventuelt\n\n" \
           "Lone vender tilbage med en plan for opfølgning. Program for bedre søvn drøftes i maj.\n"
    result = extractor.extract(segment(SourceDocument("ct.txt", "ct.txt", text, "utf-8")))
    assert [m.text for m in result.mentions if m.kind == "Initiative"] == ["Program for bedre søvn"]


@pytest.mark.parametrize("decision_text, expected", [
    # a unit inside a department is the subject
    ("MSO HR har ansvaret for puljen.", {("HR", "Lyspunkt-puljen")}),
    # an acronym and a spelled-out department together, with an adverb before the verb
    ("- at HR og Drift og Service i fællesskab udvikler indholdet",
     {("HR", "Lyspunkt-puljen"), ("Drift og Service", "Lyspunkt-puljen")}),
    # the second clause of a sentence
    ("Puljen evalueres i maj, og Karen Holt er tovholder på evalueringen.", {("Karen Holt", "Lyspunkt-puljen")}),
    # "projektet" refers back to the project named before it, not to the item's pool
    ('Det blev besluttet at igangsætte Projekt "Lys i Mørket" i år.\n\nD&S har ansvaret for projektet.',
     {("D&S", "Lys i Mørket")}),
])
def test_extract_owner_subjects_and_targets(extractor, decision_text, expected):
    owns, _ = _owns_and_units(extractor, decision_text)
    assert owns == expected


def test_extract_units_by_place_and_by_department(extractor):
    owns, units = _owns_and_units(extractor, """\
        Der samarbejdes med FOA Aarhus om praktikken.
        - at Visiteringen i MSB fortsat har ansvaret for puljen

        Udviklingen i MSO følges.
        """)
    assert units == {"FOA Aarhus", "Visiteringen", "MSB", "MSO"}
    assert owns == {("Visiteringen", "Lyspunkt-puljen")}


def test_extract_an_advisory_body_wishing_does_not_decide(extractor):
    text = "Chefteammøde\n\n03-03-2027 09:00 - 10:00\n\nPunkt 1: Status på Lyspunkt-puljen\n\n" \
           "Beslutning for Punkt 1: Status på Lyspunkt-puljen\n\nHandicaprådet ønskede, at puljen udvides.\n"
    result = extractor.extract(segment(SourceDocument("ct.txt", "ct.txt", text, "utf-8")))
    decides = [(s.source.text, s.source.canonical) for s in result.statements if s.relation == "decides"]
    assert decides == [("Chefteamet", "Chefteamet")]  # the forum of a Chefteammøde


def test_extract_staff_functions_and_defined_acronyms(extractor):
    owns, units = _owns_and_units(extractor, """\
        ▪ Kommunikation står for puljen.

        Kommunikation skal tænkes ind tidligt.

        Samarbejdet med MSB og Aarhus Universitetshospital (AUH) fortsætter.

        Frivilligcenter Aarhus inddrages.
        """)
    assert units == {"Kommunikation", "MSB", "Aarhus Universitetshospital", "AUH", "Frivilligcenter Aarhus"}
    assert owns == {("Kommunikation", "Lyspunkt-puljen")}


def test_extract_responsibility_that_lies_with_a_unit(extractor):
    owns, _ = _owns_and_units(extractor, "At ansvaret for Lyspunkt-puljen fremover ligger hos Drift og Service.\n")
    assert owns == {("Drift og Service", "Lyspunkt-puljen")}


def test_extract_role_words_by_their_ending_are_no_part_of_a_name(extractor):
    text = "Chefteammøde\n\n03-03-2027 09:00 - 10:00\n\nPkt. 1 kl. 9.00-9.20 økonomichef Bent Holt\n\n" \
           "Punkt 1: Status på Lyspunkt-puljen\n\nBeslutning for Punkt 1: Status på Lyspunkt-puljen\n\n" \
           "Godkendt. Udviklingskonsulent Eva Ring orienterede.\n"
    result = extractor.extract(segment(SourceDocument("ct.txt", "ct.txt", text, "utf-8")))
    assert {m.text for m in result.mentions if m.kind == "Person"} == {"Bent Holt", "Eva Ring"}


def test_extract_initiative_name_stops_before_a_time_phrase(extractor):
    owns, _ = _owns_and_units(extractor, "At D&S fortsat følger op på Fastholdelsesindsatsen for nyansatte hvert kvartal.\n")
    assert owns == {("D&S", "Fastholdelsesindsatsen for nyansatte")}


def _concerns(extractor, decision_text: str) -> set:
    text = "Chefteammøde\n\n03-03-2027 09:00 - 10:00\n\nPunkt 1: Status på Lyspunkt-puljen\n\n" \
           "Beslutning for Punkt 1: Status på Lyspunkt-puljen\n\n" + decision_text
    result = extractor.extract(segment(SourceDocument("ct.txt", "ct.txt", text, "utf-8")))
    return {s.target.text for s in result.statements if s.relation == "concerns"}


@pytest.mark.parametrize("sentence, concerned", [
    ("Der er opmærksomhed på Region Nordjyllands Akutplan 2031.", set()),  # another organisation's plan
    ('\uf0b7 der søges midler i Styrelsens pulje "Aktiv om aftenen"', set()),  # a source of funds
    ("Aarhus Kommunes Velfærdsprogrammet 2030 udvides.", {"Velfærdsprogrammet 2030"}),  # the municipality's own
])
def test_extract_initiatives_named_in_passing(extractor, sentence, concerned):
    assert _concerns(extractor, sentence + "\n") == {"Lyspunkt-puljen"} | concerned


def test_extract_symbol_font_bullets_open_clauses(extractor):
    owns, _ = _owns_and_units(extractor, "\uf0b7 D&S står for puljen i samarbejde med regionen\n\uf0b7 Der følges op i maj\n")
    assert owns == {("D&S", "Lyspunkt-puljen")}


def test_extract_a_named_person_who_approves_decides(extractor):
    text = "Rådmandsmøde\n\n03-03-2027 09:00 - 10:00\n\nPunkt 1: Status på Lyspunkt-puljen\n\n" \
           "Beslutning for Punkt 1: Status på Lyspunkt-puljen\n\nKaren Holt godkendte puljen.\n"
    result = extractor.extract(segment(SourceDocument("rm.txt", "rm.txt", text, "utf-8")))
    assert [(s.source.kind, s.source.text) for s in result.statements if s.relation == "decides"] == [("Person", "Karen Holt")]


def test_extract_organisations_and_initials_in_the_front_matter():
    from graph.resolve import resolve

    text = ("Rådmandsmøde (Rådmandsmøde)\n\n03-03-2027 13:00 - 15:00\n\n"
            "Pkt. 1 kl. 13.00-13.30 Jonas Vedel, KL og MBJ\nPkt. 2 kl. 13.30-14.00 Lasse Eskild, Demensforeningen\n"
            "Pkt. 3 kl. 14.00-14.10 Lukket punkt\n\n"
            "Mødedeltagere : Mette Bach Juhl, Anne Holt\n\nGæster: Jonas Vedel (KL) under pkt. 1 og Lasse Eskild under pkt. 2\n\n"
            "Punkt 1: Status på Lyspunkt-puljen\n\nBeslutning for Punkt 1: Status på Lyspunkt-puljen\n\nGodkendt.\n")
    result = Extractor().extract(segment(SourceDocument("rm.txt", "rm.txt", text, "utf-8")))
    presents = {(s.source.text, s.target[2]) for s in result.statements if s.relation == "presents"}
    assert presents == {("Jonas Vedel", 1), ("MBJ", 1), ("Lasse Eskild", 2)}
    attends = {s.source.text for s in result.statements if s.relation == "attends"}
    assert attends == {"Mette Bach Juhl", "Anne Holt", "Jonas Vedel", "Lasse Eskild"}
    assert {m.text for m in result.mentions if m.kind == "Unit"} >= {"KL", "Demensforeningen"}
    people = {e.label for e in resolve([result]).entities if e.kind == "Person"}
    assert people == {"Jonas Vedel", "Lasse Eskild", "Mette Bach Juhl", "Anne Holt"}  # MBJ is Mette Bach Juhl


@pytest.mark.parametrize("decision_text, expected", [
    ("Puljen forankres i D&S og Karen Holt er projektleder.", {("D&S", "Lyspunkt-puljen"), ("Karen Holt", "Lyspunkt-puljen")}),
    ("D&S har ansvaret for puljen, mens HR står for formidlingen.", {("D&S", "Lyspunkt-puljen"), ("HR", "Lyspunkt-puljen")}),
    ("Aarhus Universitet har det overordnede projektansvar.", {("Aarhus Universitet", "Lyspunkt-puljen")}),
    # a referred initiative is never what is owned
    ("D&S sikrer sammenhæng til Velfærdsprogrammet 2030.", {("D&S", "Lyspunkt-puljen")}),
])
def test_extract_more_owner_clauses(extractor, decision_text, expected):
    owns, _ = _owns_and_units(extractor, decision_text + "\n")
    assert owns == expected


def test_extract_reference_and_positive_forum_and_a_fund(extractor):
    text = "Rådmandsmøde\n\n03-03-2027 09:00 - 10:00\n\nPunkt 1: Status på Lyspunkt-puljen\n\n" \
           "Beslutning for Punkt 1: Status på Lyspunkt-puljen\n\nKredsen var positive over for puljen. " \
           "Erfaringerne fra Projekt Robotarm inddrages. Der søges støtte hos Velux Fonden.\n"
    result = extractor.extract(segment(SourceDocument("rm.txt", "rm.txt", text, "utf-8")))
    assert {s.target.text for s in result.statements if s.relation == "concerns"} == {"Lyspunkt-puljen"}
    assert [s.source.canonical for s in result.statements if s.relation == "decides"] == ["Rådmandsmødekredsen"]
    assert "Velux Fonden" in {m.text for m in result.mentions if m.kind == "Unit"}


def test_extract_priced_proposals_lettered_lists_and_initials(extractor):
    text = "Chefteammøde\n\n03-03-2027 09:00 - 10:00\n\nPunkt 1: Budget 2028\n\nBeslutning for Punkt 1: Budget 2028\n\n" \
           "1. At forslagene indgår i kataloget:\n a. Aftenbesøg på skærm (2,1 mio. kr.)\n b. Fælles kørsel (0,6 mio. kr.)\n" \
           "2. At AH og KU følger op på strategiarbejdet.\n"
    result = extractor.extract(segment(SourceDocument("ct.txt", "ct.txt", text, "utf-8")))
    assert {m.text for m in result.mentions if m.kind == "Initiative"} == {"Budget 2028", "Aftenbesøg på skærm", "Fælles kørsel"}
    assert not [m for m in result.mentions if m.kind == "Unit"]


def test_extract_a_name_right_after_its_noun(extractor):
    text = "Chefteammøde\n\n03-03-2027 09:00 - 10:00\n\nPunkt 1: Eventuelt\n\nBeslutning for Punkt 1: Eventuelt\n\n" \
           "Det blev besluttet at udvide træningsprogrammet Rask Hverdag til to nye områder. Programmet evalueres.\n"
    result = extractor.extract(segment(SourceDocument("ct.txt", "ct.txt", text, "utf-8")))
    assert [(m.text, m.canonical) for m in result.mentions if m.kind == "Initiative"] == [("Rask Hverdag", "aka:træningsprogrammet")]


def test_extract_ordning_names_only_when_capitalised(extractor):
    text = "Chefteammøde\n\n03-03-2027 09:00 - 10:00\n\nPunkt 1: Eventuelt\n\nBeslutning for Punkt 1: Eventuelt\n\n" \
           "Der er mulighed for en mentorordning. Chefteamet bakkede op om en Vinterbonusordning i år.\n"
    result = extractor.extract(segment(SourceDocument("ct.txt", "ct.txt", text, "utf-8")))
    assert [m.text for m in result.mentions if m.kind == "Initiative"] == ["Vinterbonusordning"]


def test_extract_units_under_a_department_in_capitals_and_bracket_notes(extractor):
    owns, units = _owns_and_units(extractor, """\
        Projektet er fortsat organiseret under Drift og Service.

        - ANALYSEHUSET evaluerer forløbet.

        Der blev aftalt kontakt til Eva i KL (Henrik kommer med forslag).
        """)
    assert units == {"Drift og Service", "ANALYSEHUSET", "KL"}
    assert owns == {("Drift og Service", "Lyspunkt-puljen"), ("ANALYSEHUSET", "Lyspunkt-puljen")}


def test_extract_anchor_with_adverb_names_after_a_noun_and_units_with_a_compass_point(extractor):
    owns, units = _owns_and_units(extractor, """\
        Puljen forankres fortsat i Drift og Service.

        Indsatserne fra projekt Grøn Kørsel indgår. Genoptræningsenheden Vest deltager.
        """)
    assert ("Drift og Service", "Lyspunkt-puljen") in owns
    assert "Genoptræningsenheden Vest" in units
    text = "Chefteammøde\n\n03-03-2027 09:00 - 10:00\n\nPunkt 1: Eventuelt\n\nBeslutning for Punkt 1: Eventuelt\n\n" \
           "Indsatserne fra projekt Grøn Kørsel indgår.\n"
    result = extractor.extract(segment(SourceDocument("ct.txt", "ct.txt", text, "utf-8")))
    assert [(m.text, m.canonical) for m in result.mentions if m.kind == "Initiative"] == [("Grøn Kørsel", "aka:projekt")]


def test_extract_management_meeting_forum_unless_the_minutes_name_another(extractor):
    text = ("Ledelsesmøde (Ledelsesmøde)\n\nPunkt 1: Status\n\nBeslutning for Punkt 1: Status\n\n{d1}\n\n"
            "Punkt 2: Plan\n\nBeslutning for Punkt 2: Plan\n\nPlanen blev godkendt.\n")
    for d1, forum in (("Ledelsen tog status til efterretning.", "Ledelsen"), ("Chefgruppen godkendte status.", "Chefgruppen"),
                      ("Status blev taget til efterretning.", "Ledelsen")):
        result = extractor.extract(segment(SourceDocument("m.txt", "m.txt", text.format(d1=d1), "utf-8")))
        assert [s.source.canonical for s in result.statements if s.relation == "decides" and s.target[2] == 2] == [forum]


def test_extract_a_body_that_agreed_decides_and_a_name_stays_on_its_line(extractor):
    text = ("Rådmandsmøde (Rådmandsmøde)\n\nPunkt 1: Status\n\nBeslutning for Punkt 1: Status\n\n"
            "Chefteamet aftalte, at piloten fortsætter. Det blev besluttet at forlænge projektet til\n31. december 2027.\n")
    result = extractor.extract(segment(SourceDocument("m.txt", "m.txt", text, "utf-8")))
    assert {s.source.canonical for s in result.statements if s.relation == "decides"} == {"Chefteamet"}
    assert [m.text for m in result.mentions if m.kind == "Initiative" and "\n" in m.text] == []


def _owns(extractor, title: str, lines: str) -> set[tuple[str, str]]:
    """Who owns what in one Rådmandsmøde item with ``title`` and decision ``lines``."""
    text = f"Rådmandsmøde (Rådmandsmøde)\n\nPunkt 1: {title}\n\nBeslutning for Punkt 1: {title}\n\n{lines}"
    result = extractor.extract(segment(SourceDocument("m.txt", "m.txt", text, "utf-8")))
    return {(s.source.text, s.target.text) for s in result.statements if s.relation == "owns"}


def test_extract_owner_of_an_initiative_named_before_on_its_line(extractor):
    lines = ('- At konceptet "Bil på vej" afprøves i Viby fra maj – Ida Krogh står for piloten\n'
             '- At der gives 300.000 kr. til "Fælles Aftensmad" – måltider for ældre, som Lokalcenter Bøgely står for\n')
    assert _owns(extractor, "Plan for klinikker", lines) == {("Ida Krogh", "Bil på vej"), ("Lokalcenter Bøgely", "Fælles Aftensmad")}


def test_extract_role_first_then_the_initiative_then_its_owner(extractor):
    lines = ("- Tovholder på strategien er Ældre og Boliger (Æ&B), som koordinerer med andre\n"
             "- Tovholder på Løft i plejen er Ida Krogh\n- Projektleder for Rolig Nat er Bo Lund.\n")
    assert _owns(extractor, "Strategi for lys", lines) == {
        ("Ældre og Boliger", "Strategi for lys"), ("Ida Krogh", "Løft i plejen"), ("Bo Lund", "Rolig Nat")}
