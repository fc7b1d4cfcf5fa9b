"""Resolve stage: one entity per real thing, on hand-made mentions and two small hand-written documents."""
from __future__ import annotations

import itertools
import textwrap

import pytest

import graph
from graph.components import make_pipeline
from graph.extract import Extractor
from graph.model import Evidence, ExtractedMinutes, Meeting, Mention, SegmentedMinutes, SourceDocument
from graph.resolve import initiative_key, resolve, slug, split_year, unit_key
from graph.segment import segment

DOC_A = textwrap.dedent("""\
    Chefteammøde

    14-03-2026 09:00 - 10:30

    Pkt. 1 kl. 09.00-09.30 Lise Dahl
    Pkt. 2 kl. 09.30-10.00 Ahmad Karimi

    Mødedeltagere : Lise Dahl, Ahmad Karimi, Nuka Olsen

    Punkt 1: Status på Ensomhedspuljen 2026

    Beslutning for Punkt 1: Status på Ensomhedspuljen 2026

    Chefteamet besluttede
    - at Digitalisering og Teknologi (D&T) får en rolle

    Punkt 2: Program for trivsel og sundhed

    Beslutning for Punkt 2: Program for trivsel og sundhed

    Lise står for Velfærdsprojektet.
    """)

DOC_B = textwrap.dedent("""\
    Rådmandsmøde

    21-03-2026 13:00 - 14:00

    Pkt. 1 kl. 13.00-13.30 Ahmad Karimi

    Mødedeltagere : Ahmad Karimi, Lise Mølgaard Dahl

    Punkt 1: Opfølgning på Ensomhedspuljen 2026

    Beslutning for Punkt 1: Opfølgning på Ensomhedspuljen 2026

    Kredsen er enige.
    - D&T følger op på Program for sundhed og trivsel
    """)


_counter = itertools.count()


def mention(kind: str, text: str, doc: str = "a.txt", canonical: str = "", item: int | None = None) -> Mention:
    n = next(_counter)
    return Mention(kind, text, Evidence(doc, n + 1, n + 1, n * 100, n * 100 + len(text), text), item, canonical)


def extracted_of(mentions: list[Mention]) -> list[ExtractedMinutes]:
    docs = sorted({m.evidence.document for m in mentions})
    empty = lambda d: SegmentedMinutes(d, Meeting(d, None, None, None, None, None, None), (), (), ())
    return [ExtractedMinutes(empty(d), tuple(m for m in mentions if m.evidence.document == d)) for d in docs]


def labels(mentions: list[Mention]) -> list[str]:
    """The label of the entity each mention resolves to, in order."""
    resolution = resolve(extracted_of(mentions))
    return [resolution.entity_of[m].label for m in mentions]


@pytest.fixture(scope="module")
def extracted():
    ex = Extractor(make_pipeline())
    return [ex.extract(segment(SourceDocument(name, name, text, "utf-8"))) for name, text in (("a.txt", DOC_A), ("b.txt", DOC_B))]


@pytest.fixture(scope="module")
def resolution(extracted):
    return resolve(extracted)


def entity(resolution, kind, label):
    found = [e for e in resolution.entities if e.kind == kind and e.label == label]
    assert len(found) == 1, [e.label for e in resolution.entities if e.kind == kind]
    return found[0]


# --- helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize("name, expected", [
    ("Fokus 26", ("Fokus", "26")),
    ("Ensomhedspuljen 2025-2027", ("Ensomhedspuljen", None)),
    ("Ensomhedspuljen 2025 – 27", ("Ensomhedspuljen", None)),
    ("Velfærdsprojektet", ("Velfærdsprojektet", None)),
    ("2026", ("2026", None)),
])
def test_resolve_split_year(name, expected):
    assert split_year(name) == expected


def test_resolve_split_year_compares_years_by_two_digits():
    # "Fokus 2026" and "Fokus 26" are one initiative
    assert split_year("Ensomhedsugen 2025") == ("Ensomhedsugen", "25")
    assert initiative_key("Fokus 2026") == initiative_key("Fokus 26")


def test_resolve_initiative_key_ignores_order_case_heads_hyphens_and_endings():
    assert initiative_key("Program for trivsel og sundhed") == ("sundhed", "trivsel")
    assert initiative_key("Program for sundhed og trivsel") == initiative_key("sundhed og Trivsel")
    assert initiative_key("Konceptet for Ny Start") == initiative_key("Ny Start") == ("ny", "start")
    assert initiative_key("Velfærds-projektet") == initiative_key("velfærdsprojektet")
    assert initiative_key("Ensomheds-puljen 2026") == initiative_key("Ensomhedspuljen")
    assert initiative_key("Projekt Trygt i Hjemmet") == initiative_key("Trygt i Hjemmet")  # a head before a proper name


def test_resolve_initiative_key_keeps_centre_head_and_different_names_apart():
    assert initiative_key("Center for Ensomhed") != initiative_key("Ensomhed")
    assert initiative_key("Program for digital inklusion") != initiative_key("Program for digital dannelse")


@pytest.mark.parametrize("text, expected", [
    ("Lise Mølgaard Dahl", "lise-mølgaard-dahl"),
    ("Digitalisering & Teknologi", "digitalisering-teknologi"),
    ("F&N / Netværk", "f-n-netværk"),
    ("!!", "x"),
])
def test_resolve_slug(text, expected):
    assert slug(text) == expected


@pytest.mark.parametrize("text, canonical, key", [
    ("F&N", "", "f&n"),
    ("F & N", "", "f&n"),
    ("Frivillighed og Netværk", "", "f&n"),
    ("Frivillighed & Netværk", "", "f&n"),
    ("HR", "Human Resources", "human resources"),
    ("EKFB", "Erhvervsforum for Borgere|EKFB", "erhvervsforum for borgere"),
    ("Økonomiafdelingen", "", "økonomiafdelingen"),
])
def test_resolve_unit_key(text, canonical, key):
    assert unit_key(mention("Unit", text, canonical=canonical)) == key


# --- people -------------------------------------------------------------------------------


def test_resolve_people_short_full_name_joins_fullest_name():
    assert labels([mention("Person", "Lise Dahl"), mention("Person", "Lise Mølgaard Dahl", "b.txt")]) == [
        "Lise Mølgaard Dahl", "Lise Mølgaard Dahl"]


def test_resolve_people_entity_keeps_aliases_and_documents():
    resolution = resolve(extracted_of([mention("Person", "Lise Dahl"), mention("Person", "Lise Mølgaard Dahl", "b.txt")]))
    (person,) = resolution.entities
    assert (person.label, person.aliases, person.documents) == ("Lise Mølgaard Dahl", ("Lise Dahl",), ("a.txt", "b.txt"))
    assert person.node_id == "person:lise-mølgaard-dahl"


def test_resolve_people_first_name_resolves_to_only_full_name_of_document():
    assert labels([mention("Person", "Anna Vestergaard"), mention("Person", "Anna"),
                   mention("Person", "Anna Holt", "b.txt"), mention("Person", "Anna", "b.txt")]) == [
        "Anna Vestergaard", "Anna Vestergaard", "Anna Holt", "Anna Holt"]


def test_resolve_people_surname_resolves_to_only_full_name():
    assert labels([mention("Person", "Ahmad Karimi"), mention("Person", "Karimi")]) == ["Ahmad Karimi", "Ahmad Karimi"]


def test_resolve_people_ambiguous_first_name_stays_its_own_person():
    assert labels([mention("Person", "Anna Vestergaard"), mention("Person", "Anna Holt"), mention("Person", "Anna")]) == [
        "Anna Vestergaard", "Anna Holt", "Anna"]


def test_resolve_people_different_full_names_never_merge():
    resolution = resolve(extracted_of([mention("Person", "Lise Dahl"), mention("Person", "Lise Holm"),
                                       mention("Person", "Nuka Dahl", "b.txt")]))
    assert sorted(e.label for e in resolution.entities) == ["Lise Dahl", "Lise Holm", "Nuka Dahl"]


# --- units and bodies ---------------------------------------------------------------------


def test_resolve_units_ampersand_acronym_and_spelled_out_forms_are_one():
    found = labels([mention("Unit", "Frivillighed & Netværk"), mention("Unit", "F&N", "b.txt"),
                    mention("Unit", "Frivillighed og Netværk", "c.txt")])
    assert found == ["Frivillighed og Netværk"] * 3


def test_resolve_units_candidate_joins_only_a_known_unit():
    ms = [mention("Unit", "F&N"), mention("Unit?", "Frivillighed og Netværk", "b.txt"),
          mention("Unit?", "Kultur og Fritid", "b.txt")]
    resolution = resolve(extracted_of(ms))
    assert resolution.entity_of[ms[1]] is resolution.entity_of[ms[0]]
    assert ms[2] not in resolution.entity_of
    assert [e.label for e in resolution.entities] == ["Frivillighed og Netværk"]


def test_resolve_units_definition_teaches_acronym_for_other_document():
    definition = "Erhvervsforum for Borgere|EKFB"
    found = labels([mention("Unit", "Erhvervsforum for Borgere", canonical=definition),
                    mention("Unit", "EKFB", canonical=definition), mention("Unit", "EKFB", "b.txt")])
    assert found == ["Erhvervsforum for Borgere"] * 3


def test_resolve_units_lexicon_label_wins():
    assert labels([mention("Unit", "HR", canonical="Human Resources"),
                   mention("Unit", "HR-afdelingen", "b.txt", canonical="Human Resources")]) == ["Human Resources"] * 2


def test_resolve_bodies_by_canonical_label():
    found = labels([mention("Body", "CT", canonical="Chefteamet"), mention("Body", "chefteam", "b.txt", canonical="Chefteamet"),
                    mention("Body", "følgegruppen", canonical="")])
    assert found == ["Chefteamet", "Chefteamet", "Følgegruppen"]


# --- initiatives --------------------------------------------------------------------------


def test_resolve_initiatives_word_order():
    assert labels([mention("Initiative", "Program for trivsel og sundhed"),
                   mention("Initiative", "Program for sundhed og trivsel", "b.txt"),
                   mention("Initiative", "Program for trivsel og sundhed", "c.txt")]) == ["Program for trivsel og sundhed"] * 3


def test_resolve_initiatives_year_range_merges_with_no_year():
    assert labels([mention("Initiative", "Ensomhedspuljen 2025-2027"), mention("Initiative", "Ensomhedspuljen", "b.txt")]) == [
        "Ensomhedspuljen"] * 2


def test_resolve_initiatives_different_single_years_stay_apart():
    ms = [mention("Initiative", "Ensomhedsugen 2025"), mention("Initiative", "Ensomhedsugen 2026", "b.txt")]
    resolution = resolve(extracted_of(ms))
    assert [resolution.entity_of[m].label for m in ms] == ["Ensomhedsugen 2025", "Ensomhedsugen 2026"]
    assert len(resolution.entities) == 2


def test_resolve_initiatives_transparent_head():
    found = labels([mention("Initiative", "Konceptet for Ny Start"), mention("Initiative", "Ny Start", "b.txt"),
                    mention("Initiative", "Ny Start", "c.txt")])
    assert found == ["Ny Start"] * 3


def test_resolve_initiatives_centre_is_not_transparent():
    found = labels([mention("Initiative", "Center for Ensomhed"), mention("Initiative", "Ensomhed", "b.txt")])
    assert found == ["Center for Ensomhed", "Ensomhed"]


# --- via the extractor --------------------------------------------------------------------


def test_resolve_extracted_people_across_documents(resolution, extracted):
    lise = entity(resolution, "Person", "Lise Mølgaard Dahl")
    assert lise.aliases == ("Lise", "Lise Dahl") and lise.documents == ("a.txt", "b.txt")
    first_name = next(m for m in extracted[0].mentions if m.kind == "Person" and m.text == "Lise")
    assert resolution.entity_of[first_name] is lise
    assert sorted(e.label for e in resolution.entities if e.kind == "Person") == ["Ahmad Karimi", "Lise Mølgaard Dahl", "Nuka Olsen"]


def test_resolve_extracted_definition_teaches_acronym_for_other_document(resolution, extracted):
    unit = entity(resolution, "Unit", "Digitalisering og Teknologi")
    assert unit.aliases == ("D&T",) and unit.documents == ("a.txt", "b.txt")
    other = next(m for m in extracted[1].mentions if m.kind == "Unit" and m.text == "D&T")
    assert other.canonical == ""
    assert resolution.entity_of[other] is unit


def test_resolve_extracted_initiatives(resolution):
    assert sorted(e.label for e in resolution.entities if e.kind == "Initiative") == [
        "Ensomhedspuljen 2026", "Program for trivsel og sundhed", "Velfærdsprojektet"]
    program = entity(resolution, "Initiative", "Program for trivsel og sundhed")
    assert program.aliases == ("Program for sundhed og trivsel",)


def test_resolve_extracted_forum_word_joins_forum_body(resolution):
    kreds = entity(resolution, "Body", "Rådmandsmødekredsen")
    assert kreds.aliases == ("Kredsen",) and kreds.documents == ("b.txt",)


def test_resolve_every_mention_has_an_entity_except_lone_candidates(resolution, extracted):
    assert sum(len(e.mentions) for e in extracted) >= 15
    for e in extracted:
        for m in e.mentions:
            assert m in resolution.entity_of or m.kind == "Unit?", m


# --- build and query ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("minutes")
    (folder / "a.txt").write_text(DOC_A, encoding="utf-8")
    (folder / "b.txt").write_text(DOC_B, encoding="utf-8")
    return graph.build([folder])


def test_resolve_build_has_no_warnings(built):
    assert built.warnings == () and built.skipped == ()
    assert built.nx.graph["documents"] == 2


def test_resolve_build_people_connected_to_initiative(built):
    found = built.people_connected_to("ensomhedspuljen 2026")
    assert [(c.person, c.via) for c in found] == [("Ahmad Karimi", "presents"), ("Lise Mølgaard Dahl", "presents")]
    lise = found[1]
    assert [(s.relation, s.document, s.lines) for s in lise.path] == [("presents", "a.txt", "5"), ("concerns", "a.txt", "10")]
    assert lise.path[0].evidence == "Pkt. 1 kl. 09.00-09.30 Lise Dahl"
    assert lise.path[1].target == "Ensomhedspuljen 2026"


def test_resolve_build_initiatives_connected_to_person_by_alias(built):
    found = built.initiatives_connected_to("Lise Dahl")
    assert [(c.initiative, c.via) for c in found] == [("Ensomhedspuljen 2026", "presents"), ("Velfærdsprojektet", "owns")]
    owns = found[1]
    assert len(owns.path) == 1
    step = owns.path[0]
    assert (step.source, step.relation, step.target, step.document, step.lines) == (
        "Lise Mølgaard Dahl", "owns", "Velfærdsprojektet", "a.txt", "21")
    assert step.evidence == "Lise står for Velfærdsprojektet."


def test_resolve_build_unit_owner_is_not_a_person_connection(built):
    assert [c.person for c in built.people_connected_to("Program for sundhed og trivsel")] == [
        "Ahmad Karimi", "Ahmad Karimi"]
    owners = [u for u, _, r in built.nx.in_edges("initiative:program-for-trivsel-og-sundhed", data="relation") if r == "owns"]
    assert owners == ["unit:digitalisering-og-teknologi"]


def test_resolve_build_unknown_names_give_no_connections(built):
    assert built.people_connected_to("Center for Ensomhed") == []
    # Nuka Olsen only attends: attending is no connection
    assert built.find("Nuka Olsen", "Person") == ["person:nuka-olsen"]
    assert built.initiatives_connected_to("Nuka Olsen") == []


def test_resolve_quoted_name_makes_the_noun_an_alias(tmp_path):
    import graph

    text = (
        "Chefteammøde (Chefteammøde)\n\n05-05-2026 09:00 - 10:00\n\nRådhuset\n\n"
        "Punkt 1: Status på trivsel\n\nChefteamet besluttede:\n\n"
        '- At trivselsindsatsen "Sammen om Trivsel" udbredes.\n'
        "- Evaluering af trivselsindsatsen i 2027.\n"
    )
    (tmp_path / "m.txt").write_text(text, encoding="utf-8")
    g = graph.build([tmp_path], jobs=1)
    labels = {d["label"]: d.get("aliases", "") for _, d in g.nx.nodes(data=True) if d["type"] == "Initiative"}
    assert "Sammen om Trivsel" in labels
    assert "trivselsindsatsen" in labels["Sammen om Trivsel"]
    assert not any(label.casefold() == "trivselsindsatsen" for label in labels)
