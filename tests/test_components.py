"""spaCy rule components on hand-written Danish sentences (names, units and initiatives the seeds never mention)."""
from __future__ import annotations

import random

import pytest

from graph.components import FastTokenizer, make_pipeline


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def texts(doc, key):
    return [s.text for s in doc.spans[key]]


def pairs(doc, key):
    return [(s.text, s.kb_id_) for s in doc.spans[key]]


def with_known(nlp, text, known):
    doc = nlp.make_doc(text)
    doc.user_data["minutes_known_names"] = set(known)
    return next(nlp.pipe([doc]))


# --- tokenizer ----------------------------------------------------------------------------


def test_components_tokenizer_is_the_default(nlp):
    assert isinstance(nlp.tokenizer, FastTokenizer)


@pytest.mark.parametrize("text", [
    "",
    " ",
    "  to  mellemrum  ",
    "Ja (HR, KL’s) 2023.",
    'Hun sagde: "Ny Start" – og \'gik\'.',
    "linje 1\nlinje 2\r\n\tindrykket\n\n\nslut",
    "<>{}|\\^ ~`@#$%*+=[]",
    "...,,;;::!!??))((",
    "«Ensomhedspuljen»  —  „citat“",
    "F&N/D&T//KL’s\t\t/HR-afdelingen/",
    "æøå ÆØÅ é ü ß ﬁ İ",
])
def test_components_tokenizer_keeps_text_byte_for_byte(nlp, text):
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert all(t.text for t in doc)


def test_components_tokenizer_keeps_text_for_random_hostile_strings(nlp):
    rng = random.Random(20261122)
    alphabet = list("aæøåZÆ09 .,:;!?()[]{}<>|\\^\"'“”‘’/&-–•\t\n") + ["  ", "\r\n", "KL’s", "F&N"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert nlp.make_doc(text).text == text, repr(text)


def test_components_tokenizer_splits_punctuation_off_words(nlp):
    doc = nlp.make_doc('Mødet (bilag 2), "Ny Start"; slut.')
    assert [t.text for t in doc] == ["Mødet", "(", "bilag", "2", ")", ",", '"', "Ny", "Start", '"', ";", "slut", "."]


def test_components_tokenizer_keeps_ampersand_acronyms_and_possessives_whole(nlp):
    doc = nlp.make_doc("F&N og KL’s plan samt KL's udspil.")
    assert [t.text for t in doc] == ["F&N", "og", "KL’s", "plan", "samt", "KL's", "udspil", "."]


def test_components_tokenizer_splits_slashes(nlp):
    doc = nlp.make_doc("Lise/Ahmad og D&T/HR")
    assert [t.text for t in doc] == ["Lise", "/", "Ahmad", "og", "D&T", "/", "HR"]


def test_components_tokenizer_keeps_newlines_and_tabs_as_tokens(nlp):
    doc = nlp.make_doc("a\n\nb\tc")
    assert [t.text for t in doc] == ["a", "\n\n", "b", "\t", "c"]


# --- units --------------------------------------------------------------------------------


def test_components_units_lexicon_acronyms_get_canonical_labels(nlp):
    doc = nlp("MSB og KL holder møde med KL’s formand.")
    assert pairs(doc, "minutes_units") == [
        ("MSB", "Magistratsafdelingen for Sociale Forhold og Beskæftigelse"),
        ("KL", "Kommunernes Landsforening"),
        ("KL’s", "Kommunernes Landsforening"),
    ]


def test_components_units_lexicon_names_get_canonical_labels(nlp):
    doc = nlp("Vi mødtes med Region Syddanmark om sagen.")
    assert pairs(doc, "minutes_units") == [("Region Syddanmark", "Region Syddanmark")]


def test_components_units_lowercase_acronym_is_not_a_unit(nlp):
    assert texts(nlp("Vi taler om msb og kl ni."), "minutes_units") == []


def test_components_units_ampersand_acronyms_and_names(nlp):
    doc = nlp("D&T og F&N samarbejder med Digitalisering & Teknologi.")
    assert pairs(doc, "minutes_units") == [("D&T", ""), ("F&N", ""), ("Digitalisering & Teknologi", "")]


def test_components_units_definition_long_name_then_acronym(nlp):
    doc = nlp("Opgaven løses af Digitalisering og Teknologi (D&T) fremover.")
    assert pairs(doc, "minutes_units") == [
        ("Digitalisering og Teknologi", "Digitalisering og Teknologi|D&T"),
        ("D&T", "Digitalisering og Teknologi|D&T"),
    ]


def test_components_units_definition_acronym_then_long_name(nlp):
    doc = nlp("Vi spurgte EKFB (Erhvervsforum for Borgere) om lov.")
    assert sorted(pairs(doc, "minutes_units")) == [
        ("EKFB", "Erhvervsforum for Borgere|EKFB"),
        ("Erhvervsforum for Borgere", "Erhvervsforum for Borgere|EKFB"),
    ]


@pytest.mark.parametrize("text, unit", [
    ("Regningen sendes til Økonomiafdelingen i morgen.", "Økonomiafdelingen"),
    ("Beboerne på Lokalcenter Vestervang er glade.", "Lokalcenter Vestervang"),
    ("Plejehjemmet Solbakken får nye senge.", "Plejehjemmet Solbakken"),
    ("Aftalen med Randers Kommune er klar.", "Randers Kommune"),
])
def test_components_units_compounds_heads_and_tails(nlp, text, unit):
    assert texts(nlp(text), "minutes_units") == [unit]


def test_components_units_pair_after_place_preposition_is_a_unit(nlp):
    for text in ("Opgaven ligger i Kultur og Fritid.", "Opgaven ligger hos Kultur og Fritid."):
        doc = nlp(text)
        assert pairs(doc, "minutes_units") == [("Kultur og Fritid", "strong")]
        assert texts(doc, "minutes_unit_candidates") == []


def test_components_units_pair_elsewhere_is_only_a_candidate(nlp):
    doc = nlp("Samarbejdet med Kultur og Fritid fortsætter.")
    assert texts(doc, "minutes_units") == []
    assert pairs(doc, "minutes_unit_candidates") == [("Kultur og Fritid", "weak")]


def test_components_units_no_candidate_across_two_people(nlp):
    doc = nlp("Sagen blev fremlagt af Ahmad Karimi og Nuka Olsen.")
    assert texts(doc, "minutes_people") == ["Ahmad Karimi", "Nuka Olsen"]
    assert texts(doc, "minutes_unit_candidates") == []


# --- bodies -------------------------------------------------------------------------------


@pytest.mark.parametrize("text, body, label", [
    ("Chefteamet mødes i dag.", "Chefteamet", "Chefteamet"),
    ("Sagen går til CT i næste uge.", "CT", "Chefteamet"),
    ("Vi spørger chefteam om lov.", "chefteam", "Chefteamet"),
    ("Rådmanden ønsker en status.", "Rådmanden", "Rådmanden"),
    ("Sagen sendes til Rådmandsmødekommissionen.", "Rådmandsmødekommissionen", "Rådmandsmødekredsen"),
    ("Handicaprådet holder møde.", "Handicaprådet", "Handicaprådet"),
    ("Følgegruppen mødes igen i maj.", "Følgegruppen", "Følgegruppen"),
    ("Sagen blev kort vendt i kredsen.", "kredsen", "@forum"),
])
def test_components_bodies_forms_and_labels(nlp, text, body, label):
    assert pairs(nlp(text), "minutes_bodies") == [(body, label)]


@pytest.mark.parametrize("text", [
    "Indsatsen retter sig mod målgruppen af ensomme.",
    "Ældreområdet får flere penge.",
    "Der sker meget på området.",
    "Vi spørger ct om lov.",
])
def test_components_bodies_not_bodies(nlp, text):
    assert texts(nlp(text), "minutes_bodies") == []


# --- people -------------------------------------------------------------------------------


def test_components_people_first_name_and_surname(nlp):
    assert texts(nlp("I dag fremlagde Lise Dahl sagen."), "minutes_people") == ["Lise Dahl"]


def test_components_people_three_and_four_word_names(nlp):
    doc = nlp("Mødet blev ledet af Anna Sofie Lund og Lise Marie Kjær Dahl.")
    assert texts(doc, "minutes_people") == ["Anna Sofie Lund", "Lise Marie Kjær Dahl"]


def test_components_people_role_word_introduces_unknown_first_name(nlp):
    doc = nlp("Vi hørte konsulent Zorro Vindahl Hansen om sagen.")
    assert texts(doc, "minutes_people") == ["Zorro Vindahl Hansen"]


def test_components_people_unknown_name_without_role_is_not_a_person(nlp):
    assert texts(nlp("Vi hørte Zorro Vindahl Hansen om sagen."), "minutes_people") == []


def test_components_people_capitalised_role_word_at_sentence_start(nlp):
    assert texts(nlp("Konsulent Zorro Vindahl Hansen fremlagde sagen."), "minutes_people") == ["Zorro Vindahl Hansen"]


def test_components_people_coordination_adds_unknown_word(nlp):
    doc = nlp("Sagen blev fremlagt af Ahmad Karimi og Nuka.")
    assert texts(doc, "minutes_people") == ["Ahmad Karimi", "Nuka"]


def test_components_people_coordination_by_slash_and_comma(nlp):
    doc = nlp("Deltog: Lise Dahl/Jonas Holm, Ahmad.")
    assert texts(doc, "minutes_people") == ["Lise Dahl", "Jonas Holm", "Ahmad"]


def test_components_people_ambiguous_first_name_alone_at_sentence_start(nlp):
    assert texts(nlp("Per 1. januar træder aftalen i kraft."), "minutes_people") == []
    assert texts(nlp("Aftalen er klar. Hans forslag blev vedtaget."), "minutes_people") == []


def test_components_people_ambiguous_first_name_with_surname_or_mid_sentence(nlp):
    assert texts(nlp("Per Vindahl deltog."), "minutes_people") == ["Per Vindahl"]
    assert texts(nlp("Vi så Per i går."), "minutes_people") == ["Per"]


def test_components_people_known_names_from_user_data(nlp):
    doc = with_known(nlp, "Vindahl fremlagde sagen, og Zorro svarede.", {"Zorro", "Vindahl", "Hansen"})
    assert texts(doc, "minutes_people") == ["Vindahl", "Zorro"]


def test_components_people_without_known_names_surname_is_not_a_person(nlp):
    assert texts(nlp("Vindahl fremlagde sagen, og Zorro svarede."), "minutes_people") == []


def test_components_people_known_names_through_nlp_call(nlp):
    doc = nlp.make_doc("Karimi svarede.")
    doc.user_data["minutes_known_names"] = {"Ahmad", "Karimi"}
    assert texts(nlp(doc), "minutes_people") == ["Karimi"]


def test_components_people_no_person_inside_a_unit(nlp):
    doc = nlp("Plejehjemmet Karen Blixens Vej får nye senge.")
    assert texts(doc, "minutes_units") == ["Plejehjemmet Karen Blixens Vej"]
    assert texts(doc, "minutes_people") == []


# --- initiatives --------------------------------------------------------------------------


@pytest.mark.parametrize("text, initiative", [
    ("Program for digital inklusion forankres i D&T.", "Program for digital inklusion"),
    ("Status på Program for ensomme ældre tages til efterretning.", "Program for ensomme ældre"),
    ("Vi læser Program for sund kost Region Syddanmark i dag.", "Program for sund kost"),
    ("Vi drøftede Program for trivsel og sundhed 2025-2027 i dag.", "Program for trivsel og sundhed 2025-2027"),
])
def test_components_initiatives_program_for_stops_at_verbs_and_names(nlp, text, initiative):
    assert texts(nlp(text), "minutes_initiatives") == [initiative]


def test_components_initiatives_center_for(nlp):
    assert texts(nlp("Vi besøgte Center for Ensomhed i går."), "minutes_initiatives") == ["Center for Ensomhed"]


def test_components_initiatives_center_for_stops_before_present_tense_verb(nlp):
    assert texts(nlp("Center for Ensomhed åbner i maj."), "minutes_initiatives") == ["Center for Ensomhed"]


def test_components_initiatives_suffix_compounds(nlp):
    doc = nlp("Ensomhedspuljen 2026 og Velfærdsprojektet samt kost- og motionspuljen fortsætter.")
    assert texts(doc, "minutes_initiatives") == ["Ensomhedspuljen 2026", "Velfærdsprojektet", "kost- og motionspuljen"]


def test_components_initiatives_quoted_name_after_noun_replaces_the_noun(nlp):
    doc = nlp('Vi fortsætter sygefraværsindsatsen "Sammen om Trivsel" i år.')
    assert texts(doc, "minutes_initiatives") == ["Sammen om Trivsel"]


def test_components_initiatives_quoted_sentence_is_not_a_name(nlp):
    assert texts(nlp('Hun sagde "Det går godt." og gik.'), "minutes_initiatives") == []


def test_components_initiatives_possessive_plan_and_word_with_year(nlp):
    doc = nlp("KL's handlingsplan og Fokus 26 er vigtige.")
    assert texts(doc, "minutes_initiatives") == ["KL's handlingsplan", "Fokus 26"]


def test_components_initiatives_month_with_year_is_not_an_initiative(nlp):
    assert texts(nlp("Vi mødes igen i Marts 2026 og i uge 12."), "minutes_initiatives") == []


def test_components_initiatives_funding_acronym_but_not_known_unit(nlp):
    doc = nlp("Indsatsen finansieres af ELVO og HR.")
    assert texts(doc, "minutes_initiatives") == ["ELVO"]
    assert texts(doc, "minutes_units") == ["HR"]


# --- relations ----------------------------------------------------------------------------


@pytest.mark.parametrize("text, deciders", [
    ("Chefteamet besluttede at godkende planen.", [("Chefteamet", "Chefteamet")]),
    ("Rådmand og chefteam drøftede sagen.", [("Rådmand", "Rådmanden"), ("chefteam", "Chefteamet")]),
    ("Kredsen er enige om forslaget.", [("Kredsen", "@forum")]),
    ("Handicaprådet", [("Handicaprådet", "Handicaprådet")]),
    ("Følgegruppen tog orienteringen til efterretning.", [("Følgegruppen", "Følgegruppen")]),
])
def test_components_relations_decides(nlp, text, deciders):
    assert pairs(nlp(text), "minutes_decides") == deciders


def test_components_relations_body_alone_on_a_line_decides(nlp):
    doc = nlp("Chefteamet\n\nSagen blev kort vendt.")
    assert texts(doc, "minutes_decides") == ["Chefteamet"]


@pytest.mark.parametrize("text", [
    "At Chefteamet er dækket af aftalen.",
    "Sagen sendes til Chefteamet efter mødet.",
    "Kredsen er ikke orienteret endnu.",
    "Vi kontakter Handicaprådet om sagen.",
])
def test_components_relations_mentioned_body_does_not_decide(nlp, text):
    doc = nlp(text)
    assert len(doc.spans["minutes_bodies"]) == 1
    assert texts(doc, "minutes_decides") == []


def test_components_relations_owner_without_initiative_has_empty_kb_id(nlp):
    assert pairs(nlp("HR sikrer den videre proces."), "minutes_owners") == [("HR", "")]


def test_components_relations_owner_points_at_initiative_after_it(nlp):
    text = "D&T følger op på Ensomhedspuljen 2026."
    doc = nlp(text)
    assert pairs(doc, "minutes_owners") == [("D&T", str(text.index("Ensomhedspuljen")))]


def test_components_relations_owner_verb_needs_its_particle(nlp):
    assert texts(nlp("D&T følger mødet."), "minutes_owners") == []


def test_components_relations_owner_inside_at_clause(nlp):
    text = "Besluttede, at HR arbejder videre med Program for digital inklusion."
    doc = nlp(text)
    assert pairs(doc, "minutes_owners") == [("HR", str(text.index("Program")))]


def test_components_relations_coordinated_owners(nlp):
    text = "HR og D&T sikrer Program for digital inklusion."
    start = str(text.index("Program"))
    assert pairs(nlp(text), "minutes_owners") == [("HR", start), ("D&T", start)]


def test_components_relations_anchor_forankres_i(nlp):
    text = "Kort fortalt: Program for digital inklusion forankres i Kvalitet og Læring."
    doc = nlp(text)
    assert pairs(doc, "minutes_owners") == [("Kvalitet og Læring", str(text.index("Program")))]


def test_components_relations_anchor_organisatorisk_ophaeng(nlp):
    assert pairs(nlp("Organisatorisk ophæng i D&T."), "minutes_owners") == [("D&T", "")]
    text = "Vi har Program for digital inklusion med organisatorisk ophæng i D&T."
    assert pairs(nlp(text), "minutes_owners") == [("D&T", str(text.index("Program")))]


def test_components_relations_person_with_non_owner_verb_owns_nothing(nlp):
    doc = nlp("Jonas drøfter Program for digital inklusion med HR.")
    assert texts(doc, "minutes_people") == ["Jonas"]
    assert texts(doc, "minutes_owners") == []


def test_components_relations_person_owner(nlp):
    text = "Lise Dahl står for Velfærdsprojektet."
    assert pairs(nlp(text), "minutes_owners") == [("Lise Dahl", str(text.index("Velfærdsprojektet")))]


def test_components_relations_owner_defined_in_place(nlp):
    doc = nlp("Digitalisering og Teknologi (D&T) sikrer Velfærdsprojektet.")
    assert texts(doc, "minutes_owners") == ["Digitalisering og Teknologi"]


@pytest.mark.parametrize("text, units", [
    ("At Frivillighed og Netværk bidrager med en medarbejder.", ["Frivillighed og Netværk"]),
    ("At Drift og Service og Frivillighed og Netværk bidrager hver med en medarbejder.",
     ["Drift og Service", "Frivillighed og Netværk"]),
    ("HR følger op i Drift og Service, Frivillighed og Netværk samt i Ejendomsafdelingen.",
     ["HR", "Drift og Service", "Frivillighed og Netværk", "Ejendomsafdelingen"]),
])
def test_components_units_pairs_as_subject_or_in_a_list(nlp, text, units):
    assert [s.text for s in nlp(text).spans["minutes_units"]] == units


def test_components_units_pair_beside_an_acronym_stays_a_candidate(nlp):
    doc = nlp("Status på Leg og Bevægelse og MSB")
    assert [s.text for s in doc.spans["minutes_units"]] == ["MSB"]
    assert [s.text for s in doc.spans["minutes_unit_candidates"]] == ["Leg og Bevægelse"]


# --- patterns written for speed keep their matches ------------------------------------------------


def test_components_listed_role_word_opens_a_name_that_is_no_first_name(nlp):
    doc = nlp("Mødet blev holdt med konsulent Xyzq Brønd og HR-chef Qwop Lund.")
    assert texts(doc, "minutes_people") == ["Xyzq Brønd", "Qwop Lund"]


def test_components_capitals_before_a_verb_are_a_unit_only_where_a_clause_opens(nlp):
    doc = nlp("Det blev aftalt, at KVALIHUS evaluerer forløbet. Derfor KVALIHUS evaluerer.\nDATAHUS leverer.")
    assert texts(doc, "minutes_units") == ["KVALIHUS", "DATAHUS"]


def test_components_city_network_is_a_unit_at_a_word_start_only(nlp):
    assert texts(nlp("Erfaringer fra 8-byerne og x8-byen deles."), "minutes_units") == ["8-byerne"]


def test_components_priced_line_is_a_proposal_when_the_amount_is_its_only_bracket(nlp):
    doc = nlp("Forslag:\nAftenbesøg på skærm (2,1 mio. kr.)\nNoget andet (se bilag) (2 mio. kr.)")
    assert texts(doc, "minutes_initiatives") == ["Aftenbesøg på skærm"]


def test_components_sentence_cuts(nlp):
    from graph.components import doc_text, sentences

    doc = nlp("Det drøftes. Næste punkt – Plan for trivsel.\n\nNy blok! 2 ting.  (Se bilag) og 3.kvartal")
    assert [doc_text(doc)[a:b] for a, b in sentences(doc)] == [
        "Det drøftes.", "Næste punkt", "Plan for trivsel.", "Ny blok!", "2 ting.", "(Se bilag) og 3.kvartal"]


def test_components_adjective_before_a_units_noun_is_a_unit(nlp):
    doc = nlp("• at Socialpsykiatrisk Enhed driver udrulningen. Ny Enhed og Sundhedsfagligt Sekretariat deltog.")
    assert texts(doc, "minutes_units") == ["Socialpsykiatrisk Enhed", "Sundhedsfagligt Sekretariat"]
    assert texts(doc, "minutes_owners") == ["Socialpsykiatrisk Enhed"]


def test_components_name_in_apposition_that_repeats_its_noun_is_an_initiative(nlp):
    doc = nlp("Der etableres en hørecafé, Hørecafé Nordbyen, i huset. Vi ringede til en læge, Lene Hansen, i går.")
    assert texts(doc, "minutes_initiatives") == ["Hørecafé Nordbyen"]


def test_components_initiative_named_as_a_reference_is_passing(nlp):
    doc = nlp("Sammenhængen til Trivselsløft 2025 skal beskrives. Trivselsløft 2025 igangsættes.")
    assert pairs(doc, "minutes_initiatives") == [("Trivselsløft 2025", "passing"), ("Trivselsløft 2025", "")]


def test_components_service_compound_before_a_place_is_a_unit(nlp):
    doc = nlp("Det sker med tæt kobling til Hjælpemiddelservice Aarhus og servicen i øvrigt.")
    assert texts(doc, "minutes_units") == ["Hjælpemiddelservice Aarhus"]


def test_components_foundation_after_a_proper_noun_is_a_unit_not_a_fund(nlp):
    doc = nlp("Der søges midler hos Solvang-fonden. Udviklingsfonden bruges til resten.")
    assert texts(doc, "minutes_units") == ["Solvang-fonden"]
    assert texts(doc, "minutes_initiatives") == ["Udviklingsfonden"]


def test_components_what_a_thing_is_said_to_be_is_no_initiative(nlp):
    doc = nlp("At Frokostværkstedet etableres som et 2-årigt udviklingsprojekt. "
              "Lene ser på om stedet kan bruges som model for en klinik. Der etableres en frivilligpulje. "
              "Vi følger Model for Nære Klinikker.")
    assert texts(doc, "minutes_initiatives") == ["Frokostværkstedet", "frivilligpulje", "Model for Nære Klinikker"]


def test_components_a_block_after_a_blank_line_opens_a_sentence(nlp):
    doc = nlp("At klinikken åbner.\n\nAt Bo Vestergaard er projektleder i opstartsfasen.")
    assert texts(doc, "minutes_people") == ["Bo Vestergaard"]
    assert texts(doc, "minutes_owners") == ["Bo Vestergaard"]


def test_components_making_a_new_thing_is_no_ownership(nlp):
    doc = nlp("At Ane Holm og Ib Krog udarbejder et fælles notat om snitflader.\n\n"
              "HR udarbejder en handleplan for strategien.")
    assert texts(doc, "minutes_owners") == ["HR"]


def test_components_department_after_a_person_is_no_person(nlp):
    doc = nlp("Afdelingsleder Ib Krog, Mobilitet og Anlæg, fremlagde. Sagen blev fremlagt af Ahmad Karimi og Nuka.")
    assert texts(doc, "minutes_people") == ["Ib Krog", "Ahmad Karimi", "Nuka"]


def test_components_person_before_a_bracketed_acronym_is_no_unit(nlp):
    doc = nlp("At kontorchef Lærke Holt (K&B) udarbejder en tidsplan.")
    assert texts(doc, "minutes_people") == ["Lærke Holt"]
    assert "Lærke Holt" not in texts(doc, "minutes_units")


def test_components_unit_compound_before_a_place_or_proper_name(nlp):
    doc = nlp("Samarbejde med Boligforeningen Solgården om boliger. Akutteam Nord og Jobhus Vestbyen deltager.")
    assert texts(doc, "minutes_units") == ["Boligforeningen Solgården", "Akutteam Nord", "Jobhus Vestbyen"]


def test_components_owner_with_a_role_word_or_a_note(nlp):
    doc = nlp("At projektleder Eva Holt står for den daglige drift.\n\n"
              "Lokalcenterleder Bo Lund (Lokalcenter Solhøj) er ansvarlig for opfølgningen.\n\n"
              "At Ida Krogh, dataansvarlig i HR, ejer datagrundlaget.\n\n"
              "Kim Ny, som vi kender, sagde noget.")
    assert texts(doc, "minutes_owners") == ["Eva Holt", "Bo Lund", "Ida Krogh"]


def test_components_owner_verbs_of_running_and_leading(nlp):
    doc = nlp("At Trivselspuljen, der driftes af Drift og Service, udvides.\n\n"
              "Lokalcenter Solhøj overtager driften af Solgården.\n\n"
              "Træningsenheden Nord har den faglige ledelse af forløbene.")
    assert pairs(doc, "minutes_owners") == [
        ("Drift og Service", str(doc.text.index("Trivselspuljen"))), ("Lokalcenter Solhøj", ""), ("Træningsenheden Nord", "")]


def test_components_second_half_of_a_pair_is_no_staff_function(nlp):
    doc = nlp("At Ejendomme og Byggeri står for udbuddet. At HR og Byggeri deltager.")
    assert texts(doc, "minutes_owners") == ["Ejendomme og Byggeri"]


def test_components_name_after_a_sub_project_noun(nlp):
    doc = nlp("At bidraget samles i delprojektet Grønne Gårde.")
    assert texts(doc, "minutes_initiatives") == ["Grønne Gårde"]


def test_components_capitalised_adjective_and_noun_inside_a_sentence(nlp):
    doc = nlp("MSO indgår et partnerskab om Demensvenlige Plejehjem. Forebyggende Hjemmebesøg fortsætter, "
              "og der tilbydes Forebyggende Hjemmebesøg.")
    assert texts(doc, "minutes_initiatives") == ["Demensvenlige Plejehjem", "Forebyggende Hjemmebesøg"]


def test_components_name_between_commas_after_an_initiative_noun(nlp):
    doc = nlp("Der igangsættes et lederforløb, Ro i Hverdagen, for lederne. Vi mødte en kollega, Lene Hansen, i går.")
    assert pairs(doc, "minutes_initiatives") == [("Ro i Hverdagen", "aka:lederforløb")]


def test_components_genitive_of_a_unit_compound(nlp):
    from graph.components import exact_offsets, get_spans

    doc = nlp("At Sundhed og Forebyggelse søger Sundhedsstyrelsens pulje.")
    assert [doc.text[slice(*exact_offsets(s))] for s in get_spans(doc, "minutes_units")] == [
        "Sundhed og Forebyggelse", "Sundhedsstyrelsen"]


def test_components_a_reform_is_an_initiative(nlp):
    doc = nlp("At MSO's implementering af ældrereformen samles i ét program.")
    assert texts(doc, "minutes_initiatives") == ["ældrereformen"]


def test_components_organisation_in_capitals_as_a_passive_agent(nlp):
    doc = nlp("Evalueringen gennemføres af VIDENLAB og finansieres af projektets midler.")
    assert texts(doc, "minutes_units") == ["VIDENLAB"]


def test_components_two_capitalised_words_as_the_subject_after_at(nlp):
    doc = nlp("Besluttede at Blå Bus fremrykkes. At Fælles Nattevagt starter 1. maj. At SOSU-skolen Vest inviteres. "
              "At Bo Hansen sikrer det.")
    assert texts(doc, "minutes_initiatives") == ["Blå Bus", "Fælles Nattevagt"]


def test_components_a_short_word_and_a_number_is_no_year_name(nlp):
    doc = nlp("Nu 41 ubesatte stillinger. Vi arbejder med Fokus 26.")
    assert texts(doc, "minutes_initiatives") == ["Fokus 26"]


def test_components_staff_committees_wish_but_do_not_decide(nlp):
    doc = nlp("Hoved-MED ønsker orientering om planen.\n\nKredsen enige om følgende.")
    assert texts(doc, "minutes_decides") == ["Kredsen"]


def test_components_capitalised_adjective_and_noun_as_the_subject(nlp):
    doc = nlp("At Frivillig nattevagt udvides til alle plejehjem. At Hjemmeplejen fortsat arbejder.")
    assert texts(doc, "minutes_initiatives") == ["Frivillig nattevagt"]


def test_components_compound_initiative_with_what_it_is_about(nlp):
    doc = nlp("At Forsøgsprojekt om digital medicin (kamera og sensorer) indgår.")
    assert texts(doc, "minutes_initiatives") == ["Forsøgsprojekt om digital medicin"]


def test_components_foundation_and_a_kitchen_in_an_aarhus_district(nlp):
    doc = nlp("Der søges midler hos NordFonden. Maden leveres af Produktionskøkkenet Tranbjerg.")
    assert texts(doc, "minutes_units") == ["NordFonden", "Produktionskøkkenet Tranbjerg"]


def test_components_owner_working_with_a_partner_or_named_as_a_leader(nlp):
    doc = nlp("At HR i samarbejde med Hoved-MED udarbejder en Handleplan for trivsel.\n\n"
              "At centret forankres i Sundhed og Forebyggelse med Eva Holt som konstitueret centerleder.\n\n"
              "At Strategi og Udvikling fortsat er sekretariat for partnerskabet.")
    assert texts(doc, "minutes_owners") == ["HR", "Eva Holt", "Sundhed og Forebyggelse", "Strategi og Udvikling"]


def test_components_a_decision_verb_misspelt_by_one_letter(nlp):
    doc = nlp("Chefteamet besluttde:\n\n- At planen godkendes.")
    assert texts(doc, "minutes_decides") == ["Chefteamet"]


def test_components_a_centre_that_runs_something_is_a_unit(nlp):
    doc = nlp("At Dataplatformen, der driftes af Center for Fælles Data, udvides. At Center for Nærvær etableres.")
    assert texts(doc, "minutes_units") == ["Center for Fælles Data"]
    assert texts(doc, "minutes_initiatives") == ["Center for Nærvær"]


def test_components_a_name_that_opens_a_line_before_a_colon(nlp):
    doc = nlp("Kredsen enige om følgende:\nBlå Bus: bilerne udskiftes til elbiler.\nOpmærksomhed på: økonomien.\n"
              "Ro på Plejehjemmet - tage personalet med.")
    assert texts(doc, "minutes_initiatives") == ["Blå Bus", "Ro på Plejehjemmet"]


def test_components_compound_with_what_it_is_about_before_a_verb(nlp):
    doc = nlp("At forsøgsprojektet om digital medicin overgår til drift.")
    assert texts(doc, "minutes_initiatives") == ["forsøgsprojektet om digital medicin"]


def test_components_body_deciding_with_a_person_by_initials(nlp):
    doc = nlp("Rådmanden og LBT besluttede:\n\n- At planen overgår til drift.")
    assert texts(doc, "minutes_decides") == ["Rådmanden"]


def test_components_the_assessment_unit_by_its_name(nlp):
    doc = nlp("At ordningen herefter forankres i Visitationen. Visitationen af borgere tager tid.")
    assert pairs(doc, "minutes_owners") == [("Visitationen", "")]


def test_components_money_from_a_pool_and_a_plan_sent_to_a_body(nlp):
    doc = nlp("At Videobesøg afprøves med 3,1 mio. kr. fra Velfærdspuljen. Strategien til udvalget i maj.\n\n"
              "Kredsen tog orienteringen om planen til efterretning.\n\nRådmanden takkede.")
    assert pairs(doc, "minutes_initiatives") == [("Videobesøg", ""), ("Velfærdspuljen", "passing")]


def test_components_department_pair_or_adjective_name_placed_in_a_department(nlp):
    doc = nlp("- Kommunikation og Blæst i BA udarbejder materialet\n"
              "Ib tager kontakt til Digital Fremdrift i MSB om fælles løsninger.")
    assert [t for t in texts(doc, "minutes_units") if t not in ("BA", "MSB")] == ["Kommunikation og Blæst", "Digital Fremdrift"]


def test_components_staff_acronym_and_a_word_name_one_department(nlp):
    doc = nlp("At HR og Trivselsliv fortsat har ansvaret for Akademiet.\n\nat HR og Ældre og Omsorg udvikler indholdet")
    assert texts(doc, "minutes_units") == ["HR og Trivselsliv", "HR", "Ældre og Omsorg"]


def test_components_organisations_by_their_name_shapes(nlp):
    doc = nlp("- søges fra Fonden Glade Dage og Fonden Unge i Arbejde og Naboskabsnetværket Aarhus\n"
              "- afprøves på Ravnsøhøj Skole med Vejlund Grundejerforening og Sejrshøjskolen Kattegat\n")
    assert texts(doc, "minutes_units") == ["Fonden Glade Dage", "Fonden Unge i Arbejde", "Naboskabsnetværket Aarhus",
                                           "Ravnsøhøj Skole", "Vejlund Grundejerforening", "Sejrshøjskolen Kattegat"]


def test_components_coordinated_and_adjective_committees(nlp):
    doc = nlp("Ib orienterer Kultur- og Fritidsudvalget. Sagen går derefter til Teknisk Udvalg.")
    assert pairs(doc, "minutes_bodies") == [("Kultur- og Fritidsudvalget", "Kultur- og Fritidsudvalget"),
                                            ("Teknisk Udvalg", "Teknisk Udvalg")]


def test_components_capitalised_initiative_noun_then_the_name(nlp):
    doc = nlp("- Pilotprojektet Læsekompas afprøves på to skoler\n- Ordningen Venlig Kiosk udvides til 30 butikker\n"
              "- Projektet Grøn Kørsel fortsætter")
    assert pairs(doc, "minutes_initiatives") == [("Læsekompas", "aka:Pilotprojektet"), ("Venlig Kiosk", "aka:Ordningen"),
                                                 ("Projektet Grøn Kørsel", "")]


def test_components_one_capitalised_word_before_a_passive_names_an_initiative(nlp):
    doc = nlp("- At Ungegarantien skrives ind som et spor.\n- Besluttede, at Madvenner videreføres i 2027\n"
              "- At Indstillingen godkendes. At Rådmanden orienteres. at Marianne orienteres")
    assert texts(doc, "minutes_initiatives") == ["Ungegarantien", "Madvenner"]


def test_components_name_after_a_lowercase_compound_of_an_initiative_noun(nlp):
    doc = nlp("- 200.000 kr. til løbefællesskabet Skridt for Skridt\n- drøftes i Pædagogisk Forum i MSO")
    assert pairs(doc, "minutes_initiatives") == [("Skridt for Skridt", "aka:løbefællesskabet")]
    assert pairs(doc, "minutes_bodies") == [("Pædagogisk Forum", "Pædagogisk Forum")]
    assert texts(doc, "minutes_units") == ["MSO"]


def test_components_capitalised_team_compound_is_a_unit_and_an_adverb_no_name(nlp):
    doc = nlp("- at Kulturkortet fortsat forankres i Ungdomsteamet\n- projektteamet mødes. Chefteamet godkendte.")
    assert texts(doc, "minutes_units") == ["Ungdomsteamet"]
    assert texts(doc, "minutes_initiatives") == ["Kulturkortet"]
    assert texts(doc, "minutes_bodies") == ["Chefteamet"]


def test_components_a_year_ends_a_name_and_units_by_their_compound_and_place(nlp):
    doc = nlp("• at Plan for robotter 2026-2029 bygger på tre spor. Der udarbejdes en fælles model for gevinster.\n"
              "- At Projekt Kraft afprøves i Træningsenhed Hasle og Sygeplejeklinik Viby.\n- At Madkøkkenet driver piloten")
    assert texts(doc, "minutes_initiatives") == ["Plan for robotter 2026-2029", "Projekt Kraft"]
    assert texts(doc, "minutes_units") == ["Træningsenhed Hasle", "Sygeplejeklinik Viby", "Madkøkkenet"]


def test_components_two_capitalised_words_with_a_year_and_a_name_before_a_hyphen_compound(nlp):
    doc = nlp("Aktiv Dag 2027 planlægges af P&O. I 2027 skal Marie Holm 2027 noget.\n"
              "Kredsen bemærkede, at Stille nat-programmet kan kobles til. Bo fortalte om demens-projektet.")
    assert texts(doc, "minutes_initiatives") == ["Aktiv Dag 2027", "Stille nat-programmet", "demens-projektet"]


def test_components_capitalised_care_service_and_a_hospice_are_units(nlp):
    doc = nlp("- At Aftensygeplejen og natteplejen i Vest samles.\n- Drøftede samarbejdet med Hospice Lysgården om udskrivning")
    assert texts(doc, "minutes_units") == ["Aftensygeplejen", "Hospice Lysgården"]


def test_components_name_after_a_course_noun(nlp):
    doc = nlp("- At kompetenceløftet Pleje ABC udvides til alle plejehjem.")
    assert pairs(doc, "minutes_initiatives") == [("Pleje ABC", "aka:kompetenceløftet")]


def test_components_a_forum_defined_with_its_acronym_is_a_body(nlp):
    doc = nlp("Bo Lund er formand for Tværgående Dialogforum (TDF). TDF besluttede at mødes igen.")
    assert pairs(doc, "minutes_bodies") == [("Tværgående Dialogforum", "Tværgående Dialogforum"),
                                            ("TDF", "Tværgående Dialogforum"), ("TDF", "Tværgående Dialogforum")]
    assert texts(doc, "minutes_units") == []


def test_components_a_pair_of_capitalised_words_before_a_passive_and_a_report_with_a_year(nlp):
    doc = nlp("• At Ro og Rytme videreføres i 2027. At Drift og Service udarbejder oplægget. Sygefravær 2026 er højt.")
    assert texts(doc, "minutes_initiatives") == ["Ro og Rytme"]
    assert texts(doc, "minutes_units") == ["Drift og Service"]


def test_components_adjective_and_noun_that_takes_on_a_task_is_a_unit(nlp):
    doc = nlp("- Pædagogisk Fremdrift har ansvaret for implementeringen\n- Digital Hverdag er et program. Lokal Sundhed blev nævnt.")
    assert texts(doc, "minutes_units") == ["Pædagogisk Fremdrift"]


def test_components_associations_housing_by_name_and_joint_aldermen(nlp):
    doc = nlp("- At der optages dialog med Boligselskabet Kystly og Foreningen Godt Naboskab\n"
              "- 12 pladser på Botilbuddet Enghaven. At værestedet Lanternen videreføres.\nRådmændene godkendte planen.")
    assert texts(doc, "minutes_units") == ["Boligselskabet Kystly", "Foreningen Godt Naboskab", "Botilbuddet Enghaven"]
    assert pairs(doc, "minutes_initiatives") == [("Lanternen", "aka:værestedet")]
    assert pairs(doc, "minutes_bodies") == [("Rådmændene", "Rådmændene")]


def test_components_one_word_topic_heading_a_bullet(nlp):
    doc = nlp("- Tryghedsbesøg – beskrivelse af to modeller.\n- Kundetilfredshed - kort skema\n- Økonomi – status på budget")
    assert texts(doc, "minutes_initiatives") == ["Tryghedsbesøg"]
