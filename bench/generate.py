"""A synthetic corpus of minutes shaped like the seeds, for benchmarks.

``generate_corpus(n_docs, out_dir, seed=0)`` writes ``n_docs`` text files that
follow the layout of the seed documents (header, date line, location, time
schedule, participants, table of contents, ``Punkt N`` / ``Beslutning for
Punkt N`` sections with bullets and free text). Names of people, units and
initiatives are drawn from populations built from pools of Danish first
names, surnames, invented topics and invented units, with a skewed choice so
that some recur in many meetings (resolution has work to do) while the graph
keeps growing with the corpus. The output depends only on ``n_docs`` and
``seed``.

Usage::

    python bench/generate.py 2000 /tmp/corpus --seed 0
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

__all__ = ["generate_corpus", "Population", "make_population", "write_document"]

FIRST_NAMES = """
Anders Anne Lasse Mikkel Birgitte Bo Camilla Carsten Charlotte Pernille Christina Dorte Emil Erik Eva Frederik Gitte
Hanne Hans Lotte Bodil Henrik Ida Inge Birthe Jan Jytte Lisbeth Jette Johanne Jonas Julie Karen Kasper Katrine Tanja
Steen Allan Lars Lene Line Jørn Louise Mads Maja Malene Maria Marianne Martin Arne Knud Henning Aksel Frida Clara
Emma Agnes Nikolaj Ole Josefine Peter Pia Rasmus Karoline Rikke Lærke Signe Mathias William Susanne Søren Lucas Tina
Tine Torben Trine Troels Ulla Victor Ilkay Kwabena Rashad Elias Alexander Johan Tjalfe Anton Aase Agnete Albert Alma
Asger Astrid Benedikte Bent Bjarne Brian Britt Caroline Cecilie Connie Dan Ditte Ebbe Ellen Esben Finn Flemming
Freja Gert Grethe Gunnar Gustav Hasse Helga Holger Ib Iben Ivan Jacob Janne Jeppe Kristoffer Karina Karl Kenneth Gry
Laura Leif Lone Magnus Marie Merete Mogens Naja Nicolai Nina Oliver Palle Per Poul Preben Rune Sanne Sebastian
Sidsel Stine Sus Tobias Tove Ulrik Vagn Viggo Vivi Yasmin Zainab Ahmed Fatima Mustafa Leila Omar Amira
""".split()

MIDDLE_NAMES = """
Skytte Kvist Bøgh Ravnholt Louise Marie Hyldgaard Bang Holm Skov Lund Dahl Brix Kirk Vinter Bech Munk Krog Lykke
Hørdum Bay Lyng Friis Juul Kragh Høeg Mølgaard Nørgaard Storm
""".split()

SURNAMES = """
Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Jespersen Nissen Mathiesen Madsen Lassen Olsen
Karlsen Christiansen Poulsen Johansen Møller Mortensen Knudsen Jakobsen Holst Frandsen Frederiksen Laursen Henriksen
Lund Schmidt Eriksen Holm Kristiansen Clausen Simonsen Svendsen Andreasen Iversen Jeppesen Vestergaard Gregersen
Vestbjerg Agerskov Ulstrup Brøgger Rosenkilde Stjernholm Fuglsang Elkjær Stubkjær Lyngbæk Tørring Holmgaard
Krogsgaard Heegaard Mosegaard Stenbæk Dalby Kastrup Skou Rask Borup Kofoed Özdemir Bendix Dinesen Buch Ladefoged
Gravgaard Thygesen Bertelsen Skovgaard Overgaard Kjeldsen Bisgaard Lauridsen Hedegaard Nygaard Kjærgaard Søndergaard
Bonde Dalsgaard Toft Abildgaard Ravn Winther Villadsen Brøndum Engberg Fogh Gade Hvid Isaksen Juhl Kirkegaard
Lykkegaard Mørk Nøhr Pallesen Riis Sand Stampe Tang Ussing Vang Wulff Østergaard Aagaard Birch Dyhr Ebbesen Fischer
Grøn Haahr
""".split()

TOPIC_NOUNS = """
fastholdelse talentudvikling trivsel ensomhed hverdagsrehabilitering demensvenlighed sundhedsfremme velfærdsteknologi
pårørendeinddragelse faldforebyggelse madglæde tryghed frivillighed hjemmepleje genoptræning kompetenceløft
tværfaglighed nærhed bevægelse inklusion diversitet arbejdsmiljø ledelsesudvikling onboarding dokumentation
forebyggelse medicinhåndtering palliation mundpleje søvn nattero borgerinddragelse sundhedslighed
seniorliv fællesskaber kulturliv naturoplevelser digital dannelse databrug kvalitet læring specialisering
sygefravær arbejdsglæde uddannelse praktik sprogstøtte nattevagter akutfunktion rehabilitering hjælpemidler
""".split()

TOPIC_PHRASES = [
    "det lokale sundhedsvæsen", "gode overgange", "aktivt seniorliv", "tidlig opsporing", "digital læring",
    "borgernær sundhed", "en værdig død", "stærke fællesskaber", "grøn omstilling", "sunde arbejdspladser",
    "flere hænder", "mindre bureaukrati", "fremtidens plejehjem", "nye velfærdsløsninger", "lokal ledelse",
    "sammenhængende forløb", "mental sundhed", "psykologisk tryghed", "sociale relationer", "flere sunde leveår",
]

POOL_STEMS = [
    "kost- og ernærings", "velfærdsteknologi", "trivsels", "frivilligheds", "aktivitets", "kompetence", "bevægelses",
    "innovations", "demens", "pårørende", "kultur- og sundheds", "nærheds", "udviklings", "ensomheds",
]

PROJECT_WORDS = [
    "Stærk Hverdag", "Tryg Nat", "Sammen Hjem", "Grøn Omsorg", "Ny Start", "Fælles Fodslag", "Åbne Døre",
    "Livsglæde", "Nærvær", "Bedre Brug", "Klar Retning", "Trygge Hænder", "Aktiv Alderdom", "Gode Dage", "Ro På",
    "Frisk Luft", "Varme Hænder", "Vi Ses", "Ud i Naturen", "Midt i Livet", "Plads til Alle", "Hele Vejen",
]

#: Units with an acronym and a spelled-out form, as the seeds write them (Æ&O / Ældre & Omsorg).
ACRONYM_UNITS = [
    ("Ældre & Omsorg", "Æ&O"), ("Pleje & Rehabilitering", "P&R"), ("Sundhed & Forebyggelse", "S&F"),
    ("Drift & Udvikling", "D&U"), ("Kvalitet & Læring", "K&L"), ("Data & Digitalisering", "D&D"),
    ("Økonomi & Styring", "Ø&S"), ("Bolig & Byggeri", "B&B"), ("Kommunikation & Presse", "K&P"),
    ("Velfærd & Teknologi", "V&T"), ("Akut & Sygepleje", "A&S"), ("Træning & Aktivitet", "T&A"),
]
#: Units named by acronym only or by plain name (national bodies, other departments, a region).
NAMED_UNITS = [
    "MSB", "MSO", "MBU", "MKB", "KL", "HR", "VIVE", "Region Midtjylland", "Sundhedsstyrelsen", "Ældresagen",
    "Strategi og Udvikling", "Analysecenteret", "Bygningsafdelingen", "AUH", "Socialstyrelsen", "FOA",
]
PLACES = """
Skåde Viby Tilst Hasle Lystrup Risskov Brabrand Harlev Tranbjerg Højbjerg Gellerup Solbjerg Beder Malling
Åby Trige Sabro Hjortshøj Egå Skæring Kolt Mårslet Gammelgaardsparken Vestervang Søndergården Bøgeskoven Lindehaven
Rosenhaven Kildebakken Engparken Fjordblink Vibebo Solsikken Egebakken Havblik
""".split()
UNIT_PREFIXES = ["Lokalcenter", "Plejehjemmet", "Sundhedshuset", "Træningscenter", "Aktivitetscentret"]
INVENTED_DEPTS = [
    "Team Velfærdsinnovation", "Afdelingen for Borgerrettet Kvalitet", "Enheden for Tværgående Data",
    "Kontoret for Frivillighed", "Rekrutteringsenheden", "Myndighedsafdelingen", "Sygeplejeenheden",
    "Visitationen", "Hjælpemiddelcentralen", "Uddannelsesenheden", "Sekretariatet", "Arbejdsmiljøenheden",
]

#: Sentences that name nobody: most of a real decision text is like this.
PROSE = [
    "Chefteamet ønsker fortsat stor vægt på at fastholde medarbejdere og generelt at se på hvad virkningen er af den indsats vi har sat i gang.",
    "I det kommende program bør der arbejdes med hvor hovedvægten skal ligge, koncentrere sig om enkelte tiltag og være skarpe på effekt.",
    "Der er behov for faglært arbejdskraft og der bør arbejdes med en målrettet rekruttering.",
    "Måling af social kapital – kadance drøftes på kommuneplan.",
    "Interessant at arbejde mere med motivationsmåling.",
    "Spørgsmål om op/ ned i tid tages op på et senere møde.",
    "Stillingsopslag er i første omgang internt.",
    "Centret er ikke en fysisk enhed.",
    "Det er vigtigt at indsatsen har et bredt sigte og handler om både tryghed, trivsel og meget mere.",
    "Ønske om at skitsere nogle etiske dilemmaer – både ift. ældre og unge – og dele viden.",
    "Program skal være klar inden sommerferien.",
    "Materialet justeres som nævnt nedenfor, og et opdateret oplæg sendes til kredsen.",
    "Det skal være tydeligt at kvalitetsarbejdet er en metode, der er med til at indfri ledetrådene.",
    "Til næste møde ses der på status for hvad der virker – overblik over hvad der har været mest effektfuldt.",
    "Ved udgangen af kvartalet ligger sygefraværet på samme niveau som sidste år.",
    "Tendensen i det rullende sygefravær er marginalt stigende.",
    "Fremadrettet skal der også udarbejdes opgørelse på medarbejdere under lokalcentrene.",
    "Tidsplan for ikke prioriterede emner udarbejdes.",
    "Det endelige beløb afklares i marts.",
    "Vigtigt at invitere gæster til møderne.",
    "Gerne højere kadance i starten af året.",
    "Kredsen er enige om at dette er en øvebane for alle.",
    "Opsamling og status gives inden jul.",
    "Har vi nok viden efter et år? Overvejes at indgå i budgetforhandlingerne.",
    "Antal borgere undersøges nærmere.",
    "Muligheder for at samle data på området afdækkes.",
    "Balance for ledere ift. at organisationen evt. ikke er enig med medarbejderen drøftes videre.",
    "Plancher sendes til chefteamet til forberedelse.",
    "Økonomien er foreløbig og justeres, når regnskabet foreligger.",
    "Der følges op på potentialet for samarbejde med civilsamfund og pårørende.",
]
PROSE_BULLETS = [
    "At det viste dataoverblik er godkendt og anvendes i organisationen", "Tog orienteringen til efterretning",
    "Drøftede opmærksomhedspunkter til orientering til udvalget", "At tiltræde de beskrevne forslag i bilag 1",
    "At godkende implementeringsplanen i bilag 2", "Frekvens for opfølgning med chefteam (6 mdr.)",
    "Blev orienteret om egne roller og oplæg på dagen", "Konceptet blev taget til efterretning",
    "At der afsættes et fast beløb til vedligehold", "Retningen for det videre arbejde blev godkendt",
    "Antal borgere (undersøges)", "Tidsplan med augustmodel som skæringsdag er god",
]

BODIES_DECIDING = [
    "Chefteamet besluttede:", "Chefteamet godkendte:", "Chefteamet drøftede:", "Chefteamet besluttede",
    "Rådmanden godkendte:", "Rådmandsmødekredsen besluttede:", "Direktørgruppen tiltrådte:",
    "Chefteamet tog status til efterretning.",
]
LOCATIONS = [
    "Rådhuset, vær. 207", "Rådhuset, vær. 207 - sagsbehandlere virtuelt", "Rådhuset, vær. 391",
    "Rådhuset, vær. 312 (virtuelt for sagsbehandlere)", "Skåde, mødelokale 2", "Teams",
]
TITLE_TEMPLATES = [
    "Status på {i}", "Etablering af {i}", "Evaluering af {i}", "{i}", "{i}", "Opfølgning på {i}",
    "Præsentation af {i}", "Udmøntning af {i}", "Videreførelse af {i}", "Godkendelse af {i}",
]
OTHER_TITLES = [
    "Status på sygefravær", "Budgetaftale {y}", "Kommende møder", "Årshjul for {y}", "Økonomiopfølgning",
    "Orientering fra direktørgruppen", "Ledelsesinformation og KPI", "Arbejdsmiljø og APV",
]


@dataclass(frozen=True)
class Person:
    first: str
    middle: str
    last: str

    @property
    def full(self) -> str:
        return " ".join(x for x in (self.first, self.middle, self.last) if x)


@dataclass(frozen=True)
class Unit:
    long: str
    short: str  # the form most often written; equal to ``long`` when there is none


@dataclass
class Population:
    """The people, units and initiatives a corpus draws from, with skewed weights."""

    people: list[Person]
    units: list[Unit]
    initiatives: list[str]
    people_cum: list[float]
    initiative_cum: list[float]


def _cumulative(n: int, exponent: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (k + 1) ** exponent for k in range(n)))


def _pick(rng: random.Random, items: list, cum: list[float]):
    return items[bisect.bisect_left(cum, rng.random() * cum[-1])]


def _initiative(rng: random.Random) -> str:
    shape = rng.random()
    noun, other = rng.sample(TOPIC_NOUNS, 2)
    topic = rng.choice([f"{noun} og {other}", noun, rng.choice(TOPIC_PHRASES)])
    if shape < 0.30:
        return f"Program for {topic}"
    if shape < 0.45:
        return f"Center for {noun.capitalize()}"
    if shape < 0.58:
        return f"{rng.choice(POOL_STEMS)}puljen {rng.choice((2023, 2024, 2025, 2026))}".capitalize()
    if shape < 0.72:
        return f"Projekt {rng.choice(PROJECT_WORDS)}"
    if shape < 0.82:
        return f"Strategi for {topic}"
    if shape < 0.90:
        return f"Handleplan for {topic}"
    return f'"{rng.choice(("Sammen om", "Styrk", "Mere", "Tid til"))} {topic}"'


def make_population(n_docs: int, seed: int = 0) -> Population:
    """People, units and initiatives for a corpus of ``n_docs`` documents."""
    rng = random.Random(f"population:{seed}")
    n_people = 60 + int(n_docs * 0.4)
    n_initiatives = 40 + int(n_docs * 0.3)
    people: dict[str, Person] = {}
    while len(people) < n_people:
        p = Person(rng.choice(FIRST_NAMES), rng.choice(MIDDLE_NAMES) if rng.random() < 0.3 else "", rng.choice(SURNAMES))
        people.setdefault(p.full, p)
    initiatives: dict[str, None] = {}
    while len(initiatives) < n_initiatives:
        initiatives.setdefault(_initiative(rng), None)
    units = [Unit(long, short) for long, short in ACRONYM_UNITS]
    units += [Unit(name, name) for name in NAMED_UNITS + INVENTED_DEPTS]
    units += [Unit(f"{prefix} {place}", f"{prefix} {place}") for prefix in UNIT_PREFIXES for place in PLACES]
    people_list, initiative_list = list(people.values()), list(initiatives)
    return Population(people_list, units, initiative_list,
                      _cumulative(len(people_list), 0.8), _cumulative(len(initiative_list), 0.7))


class _Writer:
    """Writes one document."""

    def __init__(self, pop: Population, rng: random.Random, team: list[Person]) -> None:
        self.pop, self.rng, self.team = pop, rng, team

    def person(self) -> Person:
        return _pick(self.rng, self.pop.people, self.pop.people_cum)

    def initiative(self) -> str:
        return _pick(self.rng, self.pop.initiatives, self.pop.initiative_cum)

    def unit(self, spelled: bool | None = None) -> str:
        u = self.rng.choice(self.pop.units)
        spelled = self.rng.random() < 0.3 if spelled is None else spelled
        return u.long if spelled else u.short

    def short_name(self, p: Person) -> str:
        return self.rng.choice([p.first, p.last if p.middle else p.first, p.full, p.full])

    def bullet_lines(self, item_init: str, marker: str) -> list[str]:
        r = self.rng
        other = self.initiative()
        sentences = [
            f"At {item_init} forankres i {self.unit()}.",
            f"At status på {item_init} tages til efterretning",
            f"At {self.unit()} designer en udviklings- og godkendelsesproces for {item_init}",
            f"At {item_init} bliver en del af {other}.",
            f"At der som grundlag for {item_init} igangsættes en udviklingsfase med inddragelse af {self.unit()}.",
            f"At der ansættes en projektleder i {item_init}",
            f"At {item_init} åbnes {r.randint(1, 28)}. {r.choice(('marts', 'maj', 'september', 'januar'))} {r.randint(2022, 2026)}.",
            f"{self.unit()} sikrer udbud af kompetenceudvikling på tre niveauer i perioden {r.randint(2022, 2025)} – {r.randint(2026, 2028)}",
            f"Ønsker og prioriteringer i videreførelsen af {item_init} i den kommende to-årsperiode",
            "At det viste dataoverblik er godkendt og anvendes i organisationen",
            f"At anbefalingerne i FOA’s handlingsplan anvendes mhp. inspiration til {other}",
            f"Indsatsen finansieres af {other} og evt. suppleret med midler fra {self.unit()}",
            f"Møderække for {r.randint(2022, 2026)} – {r.randint(2, 6)} x årligt",
        ]
        chosen = r.sample(sentences, r.randint(1, 3)) + r.sample(PROSE_BULLETS, r.randint(1, 3))
        r.shuffle(chosen)
        lines = [f"{marker} {s}" for s in chosen]
        if r.random() < 0.35:  # sub-bullets
            sub = "◦" if marker == "•" else " -"
            at = r.randint(0, len(lines) - 1)
            subs = [f"{sub} {r.choice(TOPIC_NOUNS).capitalize()}" for _ in range(r.randint(2, 4))]
            lines[at + 1:at + 1] = subs
        return lines

    def free_text(self, item_init: str) -> list[str]:
        r = self.rng
        p, q, s = self.person(), self.person(), self.person()
        leader = r.choice(self.team)
        other_init = self.initiative()
        sentences = [
            f"{self.unit()} følger op på {r.choice(TOPIC_NOUNS)} i forvaltningerne på baggrund af {item_init}.",
            f"Skytte sender en mail til {p.full} ({self.short_name(leader)} kommer med forslag).",
            f"{self.short_name(leader)} drøfter det nærmere direkte med {q.full} og {s.full} ift. de to forvaltninger.",
            f"{p.full} og {q.first} inviteres med til markering af dagen.",
            f"{self.short_name(leader)} følger op med {self.unit()} i 6-by regi.",
            f"Chefteamet ønsker fortsat stor vægt på {r.choice(TOPIC_NOUNS)} og på hvad virkningen er af den indsats vi har sat i gang.",
            f"Der er behov for {r.choice(TOPIC_NOUNS)} og der bør arbejdes med en målrettet indsats i {self.unit()}.",
            f"Orientering til udvalget primo {r.randint(2022, 2026)}. {self.unit()} og {self.unit()} inddrages.",
            f"Opdateret oplæg sendes til chefteamet inden {r.choice(('sommerferien', 'jul', 'næste møde', 'budgetseminaret'))}.",
            f"{self.unit(spelled=True)} deltager i samarbejdet om {other_init}.",
            f"Koncept fra {p.full} genbesøges i forbindelse med {other_init}.",
            f"Økonomi: Der skal ikke findes midler i MSO, men der trækkes eksisterende samarbejder ind fra {self.unit()}.",
            f"Vigtigt at {r.choice(TOPIC_NOUNS)} tænkes ind i {item_init} – i samarbejde med {self.unit()}.",
        ]
        return r.sample(sentences, r.randint(1, 2)) + r.sample(PROSE, r.randint(1, 3))

    def item(self, n: int, title: str, item_init: str | None) -> list[str]:
        r = self.rng
        out = [f"Punkt {n}: {title}", ""]
        if r.random() < 0.85:
            out += [f"Beslutning for Punkt {n}: {title}", ""]
        if title == "Eventuelt":
            return out + [r.choice(("Kommende møder - Drøftet", "Kommende møder - til orientering", "Intet.")), ""]
        head = r.choice(BODIES_DECIDING)
        out += [head, ""]
        init = item_init or self.initiative()
        if not head.endswith("."):
            out += self.bullet_lines(init, r.choice(("-", "-", "•")))
            out.append("")
        for paragraph in self.free_text(init):
            out += [paragraph, ""]
        if r.random() < 0.4:
            out += ["Følgende tages med i det videre arbejde:", ""]
            out += [f"- {r.choice(TOPIC_NOUNS).capitalize()}" for _ in range(r.randint(2, 4))]
            out.append("")
        return out


def write_document(pop: Population, index: int, when: dt.datetime, team: list[Person], seed: int = 0) -> str:
    """The text of document number ``index`` of a corpus."""
    rng = random.Random(f"doc:{seed}:{index}")
    w = _Writer(pop, rng, team)
    kind = rng.choice(("Rådmandsmøde", "Rådmandsmøde", "Chefteammøde"))
    n_items = rng.randint(4, 7)
    start = when.hour * 60 + when.minute
    slots, presenters = [], []
    t = start
    for n in range(1, n_items + 1):
        length = rng.choice((15, 15, 15, 20, 30))
        slots.append((t, t + length))
        t += length
        k = rng.choice((0, 1, 1, 1, 2, 2, 3))
        presenters.append([w.person() for _ in range(k)])
    fmt = lambda m: f"{m // 60}.{m % 60:02d}"  # noqa: E731
    lines = ["", "", f"{kind} ({kind})", "", f"{when:%d-%m-%Y} {when:%H:%M} - {t // 60:02d}:{t % 60:02d}", "",
             rng.choice(LOCATIONS), ""]
    spaced = rng.random() < 0.4
    schedule = []
    for n, ((a, b), people) in enumerate(zip(slots, presenters), 1):
        names = [p.full if rng.random() < 0.85 else p.first for p in people]
        joined = (", ".join(names[:-1]) + " og " + names[-1]) if len(names) > 1 else "".join(names)
        schedule.append(f"Pkt. {n} kl. {fmt(a)}-{fmt(b)} {joined}".rstrip())
    if rng.random() < 0.5:
        lines.append("Information: " + schedule[0])
        rest = schedule[1:]
    else:
        lines += ["Information:", ""]
        rest = schedule
    for entry in rest:
        lines.append(entry)
        if spaced:
            lines.append("")
    lines.append("")
    if rng.random() < 0.9:
        lines += ["Mødedeltagere : " + ", ".join(p.full for p in team), ""]
    if rng.random() < 0.25:
        a, b = rng.sample(team, 2)
        lines += [f"{a.first} er mødeleder - {b.first} deltager virtuelt", ""]
    items: list[tuple[int, str, str | None]] = []
    numbers = sorted(rng.sample(range(1, n_items + 1), max(3, n_items - rng.randint(0, 2))))
    for n in numbers:
        if n == n_items and rng.random() < 0.6:
            items.append((n, "Eventuelt", None))
        elif rng.random() < 0.8:
            init = w.initiative()
            title = rng.choice(TITLE_TEMPLATES).format(i=init)
            items.append((n, title[0].upper() + title[1:], init))
        else:
            items.append((n, rng.choice(OTHER_TITLES).format(y=when.year), None))
    lines += ["Indhold", ""]
    if rng.random() < 0.3:
        lines += ["| | |", "|---|---|"]
        for i, (n, title, _) in enumerate(items):
            page = 1 + i // 2
            lines += [f"| Punkt {n}: {title} | {page} |", f"| Beslutning for Punkt {n}: {title} | {page} |"]
    else:
        for i, (n, title, _) in enumerate(items):
            page = 1 + i // 2
            lines += [f"Punkt {n}: {title}.....\t{page}", f"Beslutning for Punkt {n}: {title}.....\t{page}"]
    lines.append("")
    body: list[str] = []
    for n, title, init in items:
        body += w.item(n, title, init)
        if len("\n".join(lines + body)) > 5200:
            break
    while len("\n".join(lines + body)) < 3000:  # pad the last item with more discussion
        body += [rng.choice(PROSE), ""]
    if rng.random() < 0.2:  # PDF-like hard wraps of long lines
        body = [wrapped for line in body for wrapped in (textwrap.wrap(line, 86) or [""])]
    text = "\n".join(lines + body).rstrip() + "\n"
    return text


def generate_corpus(n_docs: int, out_dir: str | Path, seed: int = 0) -> list[Path]:
    """Write ``n_docs`` synthetic minutes into ``out_dir``; return their paths (sorted).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = generate_corpus(3, d)
    ...     [p.name[:6] for p in paths], 2500 < len(paths[0].read_text(encoding="utf-8")) < 6500
    (['00000_', '00001_', '00002_'], True)
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pop = make_population(n_docs, seed)
    rng = random.Random(f"calendar:{seed}")
    first_day = dt.datetime(2019, 1, 7)
    span_days = 8 * 365  # meetings spread over 2019-2026, in order of file name
    # the leadership team changes slowly: one member replaced every ~40 meetings
    team = [pop.people[i] for i in range(7)]
    width = max(5, len(str(n_docs - 1)))
    paths = []
    for index in range(n_docs):
        if index and index % 40 == 0:
            team[rng.randrange(len(team))] = _pick(rng, pop.people, pop.people_cum)
            team = list(dict.fromkeys(team))
            while len(team) < 6:
                team.append(_pick(rng, pop.people, pop.people_cum))
        when = (first_day + dt.timedelta(days=index * span_days // max(1, n_docs))).replace(
            hour=rng.choice((8, 9, 10, 11, 12, 13)), minute=rng.choice((0, 15, 30)))
        text = write_document(pop, index, when, list(team), seed)
        tag = "%016x" % random.Random(f"name:{seed}:{index}").getrandbits(64)
        path = out / f"{index:0{width}d}_{tag}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic corpus of seed-like minutes.")
    parser.add_argument("n_docs", type=int, help="number of documents")
    parser.add_argument("out_dir", help="output folder")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    args = parser.parse_args(argv)
    paths = generate_corpus(args.n_docs, args.out_dir, args.seed)
    print(f"wrote {len(paths)} documents to {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
