"""The accessibility statement (/toegankelijkheid/) and what it rests on.

The page types and the automated checks listed here are the ones tests/e2e runs: the tests take
their pages from `sample_pages`, and a test fails when a check in CHECKS has no test of that
name. So the statement names what is actually tested. CRITERIA says, for every WCAG 2.1 success
criterion of level A and AA, how the site meets it or why it does not apply.
"""

from dataclasses import dataclass
from pathlib import Path

from . import urls
from .output import BuildSettings, GeneratedFile
from .records import Catalogue
from .rendering import render

PAGE = "toegankelijkheid/index.md"
# The day the statement was last checked against the tests and the criteria below.
STATEMENT_DATE = "2026-11-29"
# The test tools whose pinned versions the statement names, read from requirements-test.lock.
TOOLS = ("playwright", "axe-playwright-python")


def sample_pages(catalogue: Catalogue) -> dict[str, tuple[str, str]]:
    """One page of every page type, by key: its Dutch name and its source path. Types the
    catalogue has no record for (no bottleneck yet, say) are left out."""
    pages = {
        "home": ("Startpagina met de vraag, de kaart en de tabellen", urls.HOME),
        "overview": ("Overzicht van interventies met filters en sortering", urls.OVERVIEW),
    }
    record = next(iter(catalogue.interventions.values()), None)
    if record:
        pages["intervention"] = ("Pagina van een interventie", urls.intervention_path(record.id))
        pages["phenomenon"] = (
            "Pagina van een fenomeen met de tabel van bewijs en gaten",
            urls.term_path("phenomena", record.phenomena[0]),
        )
    pages["region"] = ("Pagina van een regio", urls.term_path("regions", "landelijk"))
    pages["country"] = ("Pagina van een land", urls.term_path("countries", "NL"))
    pages["regions"] = ("Overzicht van de regio's met de kaart", urls.term_index_path("regions"))
    pages["bottlenecks"] = ("Register van knelpunten met filters", urls.BOTTLENECKS)
    bottleneck = next(iter(catalogue.bottlenecks), None)
    if bottleneck:
        pages["bottleneck"] = ("Pagina van een knelpunt", urls.bottleneck_path(bottleneck))
    case = next(iter(catalogue.cases), None)
    if case:
        pages["case"] = ("Pagina van een casus", urls.case_path(case))
    pages["abroad"] = ("Vergelijking van buitenlandse aanpakken", urls.ABROAD)
    pages["evidence map"] = ("Bewijskaart", "bewijskaart/index.md")
    pages["proposal"] = ("Formulier om een interventie voor te stellen", "voorstellen/index.md")
    pages["change log"] = ("Wat is er nieuw, per maand", "nieuw/index.md")
    pages["open data"] = ("Open data, met de velden van elk bestand", "open-data/index.md")
    pages["about"] = ("Over de catalogus", "over/index.md")
    pages["statement"] = ("Deze toegankelijkheidsverklaring", PAGE)
    return pages


# Each key is the name of the test in tests/e2e/test_accessibility.py that runs the check.
CHECKS = {
    "test_axe_finds_no_violation": (
        "axe-core controleert elke pagina hierboven, in het lichte en het donkere thema, op alle "
        "regels voor WCAG 2.0 en 2.1 niveau A en AA; de test faalt bij elke ernstige of kritieke "
        "overtreding."
    ),
    "test_keyboard_walk": (
        "Met alleen de Tab-toets door de startpagina (de vraag), het overzicht (zoekveld, "
        "sortering, filters), de kaart, de tabellen en het voorstelformulier: de test controleert "
        "welk element de focus heeft, in welke volgorde, en dat de focus niet vastloopt."
    ),
    "test_focus_is_visible": (
        "Van elk element in die toetsenbordroutes, het zoekveld en de knoppen in de kop wordt een "
        "schermafbeelding met en zonder focus vergeleken: de focusrand moet zichtbaar zijn en "
        "minstens 3:1 contrast hebben met de kleur eromheen."
    ),
    "test_skip_link_leads_to_the_content": (
        "De eerste Tab op elke pagina geeft de link 'Naar de inhoud'; die brengt de focus naar de "
        "inhoud, voorbij de kop en de navigatie."
    ),
    "test_reflows_at_320_pixels": (
        "Elke pagina hierboven op 320 CSS-pixels breed (gelijk aan 1280 pixels bij 400% zoom): "
        "de pagina schuift niet horizontaal; alleen brede datatabellen schuiven binnen hun eigen "
        "kader."
    ),
    "test_text_spacing_loses_nothing": (
        "Met de tekstafstand van WCAG 1.4.12 (regelhoogte 1,5, alinea-afstand 2, letter- en "
        "woordafstand 0,12 en 0,16 maal de letter) blijft op elke pagina alle tekst binnen het "
        "scherm."
    ),
    "test_result_count_stays_in_view_on_a_phone": (
        "Op een telefoon ziet wie een filter aanvinkt het aantal resultaten direct onder in beeld, "
        "en een schermlezer leest het voor (een statusbericht)."
    ),
    "test_accessibility_tree_of_the_pictures": (
        "De toegankelijkheidsboom (wat een schermlezer krijgt) van de kaart, de tabel van "
        "fenomenen per regio en de spreiding van de onderbouwing: namen, rollen en kopcellen; "
        "een lege cel wordt als 'geen' voorgelezen."
    ),
    "test_accessibility_tree_of_the_evidence_and_gap_tables": (
        "De toegankelijkheidsboom van de bewijskaart en van de tabel van bewijs en gaten op de "
        "pagina van een fenomeen: elke cel heeft een naam met fenomeen en stap, een gat wordt als "
        "gat voorgelezen."
    ),
    "test_single_key_shortcuts_are_off": (
        "De sneltoetsen van één letter van het thema (f, s, /, p, n) doen niets buiten een "
        "invoerveld."
    ),
}


@dataclass(frozen=True)
class Criterion:
    number: str
    name: str
    level: str
    verdict: str  # "voldoet", "voldoet deels" or "niet van toepassing"
    how: str


MEETS, PARTLY, NOT_APPLICABLE = "voldoet", "voldoet deels", "niet van toepassing"

CRITERIA = (
    Criterion(
        "1.1.1",
        "Niet-tekstuele content",
        "A",
        MEETS,
        "De site heeft geen foto's of grafieken als afbeelding. De kaart is een lijst van "
        "links met tekst; de staafjes van de spreiding staan in een tabel met de getallen "
        "ernaast. Pictogrammen in knoppen hebben een naam.",
    ),
    Criterion(
        "1.2.1",
        "Louter-geluid en louter-video (vooraf opgenomen)",
        "A",
        NOT_APPLICABLE,
        "De site heeft geen geluid of video.",
    ),
    Criterion(
        "1.2.2", "Ondertitels (vooraf opgenomen)", "A", NOT_APPLICABLE, "De site heeft geen video."
    ),
    Criterion(
        "1.2.3",
        "Audiodescriptie of media-alternatief (vooraf opgenomen)",
        "A",
        NOT_APPLICABLE,
        "De site heeft geen video.",
    ),
    Criterion(
        "1.2.4", "Ondertitels (live)", "AA", NOT_APPLICABLE, "De site heeft geen live-uitzendingen."
    ),
    Criterion(
        "1.2.5",
        "Audiodescriptie (vooraf opgenomen)",
        "AA",
        NOT_APPLICABLE,
        "De site heeft geen video.",
    ),
    Criterion(
        "1.3.1",
        "Info en relaties",
        "A",
        MEETS,
        "Koppen, lijsten, tabellen met bijschrift en kopcellen (scope), formulieren met "
        "labels en groepen (fieldset en legend). Getoetst met axe en met de "
        "toegankelijkheidsboom van de kaart en de tabellen.",
    ),
    Criterion(
        "1.3.2",
        "Betekenisvolle volgorde",
        "A",
        MEETS,
        "De volgorde in de code is de leesvolgorde; de toetsenbordroutes volgen die.",
    ),
    Criterion(
        "1.3.3",
        "Zintuiglijke eigenschappen",
        "A",
        MEETS,
        "Instructies verwijzen niet naar vorm, plaats of kleur alleen.",
    ),
    Criterion(
        "1.3.4",
        "Weergavestand",
        "AA",
        MEETS,
        "De pagina's werken staand en liggend; er is geen vaste stand.",
    ),
    Criterion(
        "1.3.5",
        "Identificeer het doel van de input",
        "AA",
        NOT_APPLICABLE,
        "Geen formulier vraagt gegevens over de bezoeker zelf (naam, adres, e-mail): het "
        "voorstelformulier vraagt alleen naar de interventie.",
    ),
    Criterion(
        "1.4.1",
        "Gebruik van kleur",
        "A",
        MEETS,
        "Kleur is nooit de enige drager: de kaart en de tabellen tonen het getal, de "
        "statussen van knelpunten verschillen ook in randstijl, links zijn onderstreept.",
    ),
    Criterion("1.4.2", "Geluidsbediening", "A", NOT_APPLICABLE, "De site speelt geen geluid af."),
    Criterion(
        "1.4.3",
        "Contrast (minimum)",
        "AA",
        MEETS,
        "axe meet het contrast van alle tekst op elke paginasoort, in het lichte en het "
        "donkere thema; ook de tinten van de kaart en de tabellen zijn gekozen op contrast.",
    ),
    Criterion(
        "1.4.4",
        "Herschalen van tekst",
        "AA",
        MEETS,
        "Tekst is in rem en em; de pagina's passen op 320 pixels, dus ook bij 200% zoom "
        "gaat niets verloren.",
    ),
    Criterion(
        "1.4.5",
        "Afbeeldingen van tekst",
        "AA",
        MEETS,
        "Er zijn geen afbeeldingen van tekst; ook de namen op de kaart zijn tekst.",
    ),
    Criterion(
        "1.4.10",
        "Reflow",
        "AA",
        MEETS,
        "Getoetst op 320 CSS-pixels: geen horizontaal schuiven. Brede datatabellen (fenomenen "
        "per regio, de bewijskaart, de vergelijking van het buitenland) schuiven binnen hun "
        "eigen kader; tabellen zijn van dit succescriterium uitgezonderd.",
    ),
    Criterion(
        "1.4.11",
        "Contrast van niet-tekstuele content",
        "AA",
        MEETS,
        "De focusrand is donker met een gele rand eromheen en heeft daardoor op elke "
        "achtergrond minstens 3:1; de test meet dat. De randen van de invoervelden en "
        "keuzevakjes zijn die van de browser en het thema.",
    ),
    Criterion(
        "1.4.12",
        "Tekstafstand",
        "AA",
        MEETS,
        "Getoetst met de afstanden uit het succescriterium: er verdwijnt geen tekst.",
    ),
    Criterion(
        "1.4.13",
        "Content bij hover of focus",
        "AA",
        MEETS,
        "Er verschijnt geen extra inhoud bij aanwijzen of focus, behalve de tooltip van de "
        "browser zelf bij een title-attribuut.",
    ),
    Criterion(
        "2.1.1",
        "Toetsenbord",
        "A",
        MEETS,
        "Alle functies werken met het toetsenbord: de vraag, de filters, de sortering, het "
        "zoeken, de kaart, de tabellen en het voorstelformulier. Getoetst met "
        "toetsenbordroutes.",
    ),
    Criterion(
        "2.1.2",
        "Geen toetsenbordval",
        "A",
        MEETS,
        "De toetsenbordroutes lopen elke pagina met Tab door tot het einde; de focus loopt "
        "nergens vast. Het zoekvenster sluit met Escape.",
    ),
    Criterion(
        "2.1.4",
        "Enkel teken sneltoetsen",
        "A",
        MEETS,
        "De sneltoetsen van één letter van het thema zijn uitgeschakeld buiten invoervelden.",
    ),
    Criterion("2.2.1", "Timing aanpasbaar", "A", NOT_APPLICABLE, "Er zijn geen tijdslimieten."),
    Criterion(
        "2.2.2",
        "Pauzeren, stoppen, verbergen",
        "A",
        NOT_APPLICABLE,
        "Er is geen bewegende, knipperende of automatisch verversende inhoud.",
    ),
    Criterion(
        "2.3.1",
        "Drie flitsen of beneden drempelwaarde",
        "A",
        NOT_APPLICABLE,
        "Niets op de site flitst.",
    ),
    Criterion(
        "2.4.1",
        "Blokken omzeilen",
        "A",
        MEETS,
        "Elke pagina begint met de link 'Naar de inhoud'; kop, navigatie, inhoud en voettekst "
        "zijn landmarks.",
    ),
    Criterion(
        "2.4.2",
        "Paginatitel",
        "A",
        MEETS,
        "Elke pagina heeft een eigen titel met de naam van de site.",
    ),
    Criterion(
        "2.4.3",
        "Focusvolgorde",
        "A",
        MEETS,
        "De focus volgt de leesvolgorde; de toetsenbordroutes controleren de volgorde.",
    ),
    Criterion(
        "2.4.4",
        "Linkdoel (in context)",
        "A",
        MEETS,
        "Links noemen hun doel; de getallen in de tabellen hebben een naam met fenomeen en "
        "regio of stap.",
    ),
    Criterion(
        "2.4.5",
        "Meerdere manieren",
        "AA",
        MEETS,
        "Navigatie, zoeken, de overzichten met filters en de pagina's per fenomeen, regio en land.",
    ),
    Criterion(
        "2.4.6",
        "Koppen en labels",
        "AA",
        MEETS,
        "Koppen en labels beschrijven het onderwerp of het doel.",
    ),
    Criterion(
        "2.4.7",
        "Focus zichtbaar",
        "AA",
        MEETS,
        "Elk element dat focus krijgt toont een dikke rand; getoetst door schermafbeeldingen "
        "met en zonder focus te vergelijken.",
    ),
    Criterion(
        "2.5.1",
        "Aanwijzergebaren",
        "A",
        NOT_APPLICABLE,
        "Niets vraagt een gebaar met meer vingers of een pad.",
    ),
    Criterion(
        "2.5.2",
        "Aanwijzerannulering",
        "A",
        MEETS,
        "Alle bediening gebruikt gewone links, knoppen en formuliervelden, die pas bij "
        "loslaten reageren.",
    ),
    Criterion(
        "2.5.3",
        "Label in naam",
        "A",
        MEETS,
        "De toegankelijke naam bevat de zichtbare tekst, ook bij de getallen in de tabellen.",
    ),
    Criterion(
        "2.5.4",
        "Bewegingsactivering",
        "A",
        NOT_APPLICABLE,
        "Niets reageert op het bewegen van het apparaat.",
    ),
    Criterion("3.1.1", "Taal van de pagina", "A", MEETS, 'Elke pagina heeft lang="nl".'),
    Criterion(
        "3.1.2",
        "Taal van onderdelen",
        "AA",
        PARTLY,
        "Titels van Engelstalige en andere buitenlandse bronnen en namen van buitenlandse "
        "aanpakken zijn niet als anderstalig gemarkeerd, zodat een schermlezer ze met "
        "Nederlandse uitspraak voorleest.",
    ),
    Criterion("3.2.1", "Bij focus", "A", MEETS, "Focus alleen verandert nooit de context."),
    Criterion(
        "3.2.2",
        "Bij input",
        "A",
        MEETS,
        "Een filter aanvinken past de lijst op dezelfde pagina aan en meldt het aantal; de "
        "vraag op de startpagina gaat pas verder met de knop.",
    ),
    Criterion(
        "3.2.3",
        "Consistente navigatie",
        "AA",
        MEETS,
        "Kop, tabs, navigatie en voettekst staan op elke pagina op dezelfde plek.",
    ),
    Criterion(
        "3.2.4",
        "Consistente identificatie",
        "AA",
        MEETS,
        "Dezelfde functies hebben overal dezelfde naam.",
    ),
    Criterion(
        "3.3.1",
        "Foutidentificatie",
        "A",
        MEETS,
        "Het voorstelformulier noemt elk probleem in tekst, in een lijst bovenaan met een "
        "link naar het veld; het veld is als ongeldig gemarkeerd (aria-invalid).",
    ),
    Criterion(
        "3.3.2",
        "Labels of instructies",
        "A",
        MEETS,
        "Elk veld heeft een label en een uitleg; niet-verplichte velden zeggen dat.",
    ),
    Criterion(
        "3.3.3",
        "Foutsuggestie",
        "AA",
        MEETS,
        "Elke foutmelding zegt wat u moet doen, zoals 'Verkort de tekst'.",
    ),
    Criterion(
        "3.3.4",
        "Foutpreventie (juridisch, financieel, gegevens)",
        "AA",
        NOT_APPLICABLE,
        "Er worden geen juridische of financiële verplichtingen aangegaan; een voorstel "
        "wordt eerst door de redactie bekeken en kan worden ingetrokken.",
    ),
    Criterion(
        "4.1.1",
        "Parsen",
        "A",
        MEETS,
        "De pagina's zijn gegenereerde, geldige HTML; W3C beschouwt dit criterium sinds "
        "2023 voor HTML als altijd voldaan.",
    ),
    Criterion(
        "4.1.2",
        "Naam, rol, waarde",
        "A",
        MEETS,
        "Gewone HTML-elementen; axe en de toegankelijkheidsboom controleren namen en rollen.",
    ),
    Criterion(
        "4.1.3",
        "Statusberichten",
        "AA",
        MEETS,
        "Het aantal resultaten in het overzicht en het register is een statusbericht dat een "
        "schermlezer voorleest zonder dat de focus verspringt.",
    ),
)

KNOWN_LIMITS = (
    "Titels van buitenlandse bronnen en aanpakken zijn niet als anderstalig gemarkeerd "
    "(succescriterium 3.1.2).",
    "Brede tabellen (fenomenen per regio, de bewijskaart, de vergelijking van het buitenland) "
    "schuiven op een smal scherm binnen hun eigen kader; de kaart heeft ook een eenvoudige tabel.",
    "De site is getoetst met automatische tests in Chromium en met het toetsenbord, niet met "
    "schermlezers zoals NVDA, JAWS of VoiceOver, en niet door een onafhankelijke partij of met "
    "gebruikers met een beperking.",
    "Bronnen waarnaar de catalogus linkt, zoals rapporten als PDF, vallen buiten deze verklaring.",
)


def tool_versions(root: Path) -> dict[str, str]:
    """The pinned versions of TOOLS in requirements-test.lock; a tool missing there is left out."""
    lock = root / "requirements-test.lock"
    pins = {}
    if lock.exists():
        for line in lock.read_text(encoding="utf-8").splitlines():
            name, separator, version = line.partition("==")
            if separator and name.strip().lower() in TOOLS:
                pins[name.strip().lower()] = version.split(";")[0].strip()
    return pins


def statement(settings: BuildSettings) -> str:
    pages = sample_pages(settings.catalogue.only_public())
    return render(
        "accessibility.md",
        here=PAGE,
        pages=[label for label, _ in pages.values()],
        checks=list(CHECKS.values()),
        criteria=CRITERIA,
        counts={
            verdict: sum(1 for criterion in CRITERIA if criterion.verdict == verdict)
            for verdict in (MEETS, PARTLY, NOT_APPLICABLE)
        },
        known_limits=KNOWN_LIMITS,
        tools=tool_versions(settings.root),
        date=STATEMENT_DATE,
        editors_email=settings.editors_email,
    )


def pages(settings: BuildSettings) -> list[GeneratedFile]:
    return [GeneratedFile(PAGE, statement(settings))]
