"""The `catalogus` command: validate, new, review, schema, generate, release and from-issue.

Longer than about 300 lines because it is one small function per command plus the argument
parser that documents them all; the work itself lives in the modules each command calls.
"""

import argparse
import datetime
import sys
from pathlib import Path

from . import build, freshness, new_record, paths, personal_data, proposal, releases
from .kinds import INTERVENTIONS, KINDS, kind_of
from .output import DuplicateOutput, write_files
from .records import InvalidCatalogue, load_catalogue
from .schema import for_editors_with_vocabularies, read_schema, render
from .validation import Validator, record_paths
from .vocabularies import VocabularyError, load_vocabularies

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _files_to_validate(arguments: list[str]) -> tuple[list[Path], list[Path]] | None:
    """The files named on the command line (folders expanded), and the interventions beside them.

    Without arguments: every folder of records in the catalogue.
    """
    catalogue = paths.INTERVENTIONS.parent
    targets = [Path(argument) for argument in arguments] or [
        catalogue / folder for folder in KINDS if (catalogue / folder).is_dir()
    ]
    files: list[Path] = []
    context_folders = {paths.INTERVENTIONS}
    for target in targets:
        if target.is_dir():
            files.extend(record_paths(target))
        elif target.is_file():
            files.append(target)
        else:
            print(f"catalogus: '{target}' bestaat niet", file=sys.stderr)
            return None
        folder = target if target.is_dir() else target.parent
        if kind_of(folder / "record.yml") is INTERVENTIONS:
            context_folders.add(folder)
    context = [
        path for folder in context_folders if folder.is_dir() for path in record_paths(folder)
    ]
    # A file named twice (or named and inside a named folder) is one record, not a duplicate id.
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    return list(unique.values()), context


def validate(arguments: argparse.Namespace) -> int:
    selection = _files_to_validate(arguments.paths)
    if selection is None:
        return EXIT_USAGE
    files, context = selection
    try:
        validator = Validator.for_catalogue(
            paths.SCHEMAS,
            load_vocabularies(paths.VOCABULARIES),
            personal_data.load_allowlist(paths.ROOT),
        )
    except VocabularyError as error:
        print(f"{error.path}:{error.line}:1: -: {error.message}")
        return EXIT_INVALID
    problems = validator.validate(files, context_paths=context)
    for problem in problems:
        print(problem.format_github() if arguments.format == "github" else problem.format())
    invalid_files = len({problem.path for problem in problems})
    if problems:
        print(
            f"{len(problems)} {'probleem' if len(problems) == 1 else 'problemen'} "
            f"in {invalid_files} van {len(files)} bestanden.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    print(f"{len(files)} bestanden gecontroleerd: geen problemen.", file=sys.stderr)
    return EXIT_VALID


def _schema_files() -> list[Path]:
    others = (paths.SCHEMA.parent / kind.schema_file for kind in KINDS.values())
    return [paths.SCHEMA, *(path for path in others if path != paths.SCHEMA and path.is_file())]


def schema(arguments: argparse.Namespace) -> int:
    try:
        # Paths are passed explicitly: the functions' defaults were fixed when they were defined.
        vocabularies = load_vocabularies(paths.VOCABULARIES)
    except VocabularyError as error:
        print(f"{error.path}:{error.line}:1: -: {error.message}")
        return EXIT_INVALID
    outdated = []
    for schema_file in _schema_files():
        wanted = render(for_editors_with_vocabularies(read_schema(schema_file), vocabularies))
        if schema_file.read_text(encoding="utf-8") == wanted:
            continue
        outdated.append(schema_file)
        if not arguments.check:
            schema_file.write_text(wanted, encoding="utf-8")
    if arguments.check and outdated:
        for schema_file in outdated:
            print(
                f"{schema_file}: de keuzelijsten (vocabularies/) of de meldingen voor de editor "
                "lopen achter op de regels: voer 'catalogus schema' uit",
            )
        return EXIT_INVALID
    return EXIT_VALID


def _choose(vocabulary: dict, question: str, multiple: bool) -> list[str]:
    """Ask the editor to pick from a vocabulary by number, showing its Dutch labels."""
    terms = list(vocabulary.values())
    print(question)
    for number, term in enumerate(terms, start=1):
        print(f"  {number:>2}. {term.label} ({term.slug})")
    hint = "nummers, gescheiden door komma's" if multiple else "een nummer"
    while True:
        answer = input(f"Kies ({hint}): ").strip()
        try:
            numbers = [int(part) for part in answer.replace(" ", "").split(",") if part]
            chosen = [terms[number - 1].slug for number in numbers if number >= 1]
        except (ValueError, IndexError):
            chosen = []
        if chosen and (multiple or len(chosen) == 1) and len(chosen) == len(numbers):
            return chosen
        print("Dat is geen geldige keuze; probeer het opnieuw.")


def _ask_new_record(vocabularies: dict) -> dict:
    title = ""
    while not title:
        title = input("Titel van de interventie (Nederlands): ").strip()
    answers = {"title": title}
    answers["phenomena"] = _choose(vocabularies["phenomena"], "Tegen welke fenomenen?", True)
    abroad = input("Is het een buitenlandse aanpak? (j/n): ").strip().lower().startswith("j")
    if abroad:
        code = ""
        while code not in vocabularies["countries"]:
            code = input("Landcode (ISO, bijvoorbeeld BE, IT, GB): ").strip().upper()
        answers["country"], answers["regions"] = code, []
    else:
        answers["country"] = "NL"
        answers["regions"] = _choose(vocabularies["regions"], "In welke regio's?", True)
    answers["kinds"] = _choose(vocabularies["kinds"], "Wat voor soort interventie?", True)
    return answers


def new(arguments: argparse.Namespace) -> int:
    vocabularies = load_vocabularies(paths.VOCABULARIES)
    given = [arguments.title, arguments.phenomenon, arguments.kind]
    if any(given) and not all(given):
        print(
            "catalogus: geef --title, --phenomenon en --kind samen, of geen van drieën",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if arguments.title:
        answers = {
            "title": arguments.title,
            "phenomena": arguments.phenomenon,
            "country": arguments.country.upper(),
            "regions": arguments.region or ([] if arguments.country.upper() != "NL" else None),
            "kinds": arguments.kind,
        }
        unknown = [
            f"'{value}' staat niet in de woordenlijst {name}"
            for name, values in (
                ("phenomena", answers["phenomena"]),
                ("regions", answers["regions"] or []),
                ("kinds", answers["kinds"]),
                ("countries", [answers["country"]]),
            )
            for value in values
            if value not in vocabularies[name]
        ]
        if unknown or answers["regions"] is None:
            for message in unknown or ["een Nederlandse interventie heeft minstens één --region"]:
                print(f"catalogus: {message}", file=sys.stderr)
            return EXIT_USAGE
    else:
        try:
            answers = _ask_new_record(vocabularies)
        except EOFError:
            print("\ncatalogus: afgebroken; er is niets geschreven", file=sys.stderr)
            return EXIT_USAGE
    record_id = new_record.record_id(answers["title"])
    directory = Path(arguments.directory)
    target = directory / f"{record_id}.yml"
    taken = {path.stem for path in directory.glob("*.yml")} if directory.is_dir() else set()
    if not record_id or record_id in taken or target.exists():
        print(
            f"catalogus: er bestaat al een record met id '{record_id}' ({target}); "
            "kies een andere titel of werk het bestaande record bij",
            file=sys.stderr,
        )
        return EXIT_INVALID
    today = datetime.date.today().isoformat()
    text = new_record.template(read_schema(paths.SCHEMA), vocabularies, answers, today)
    directory.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"{target} geschreven. Vul de plaatshouders (VUL IN) in en controleer met:")
    print(f"  catalogus validate {target}")
    return EXIT_VALID


def review(arguments: argparse.Namespace) -> int:
    today = (
        datetime.date.fromisoformat(arguments.today) if arguments.today else datetime.date.today()
    )
    records = load_catalogue(paths.INTERVENTIONS.parent)
    due = sorted(
        (
            (item.last_reviewed, folder, item_id, getattr(item, "title", item_id))
            for folder, items in (
                ("interventions", records.interventions),
                ("phenomena", records.phenomena),
                ("bottlenecks", records.bottlenecks),
                ("cases", records.cases),
            )
            for item_id, item in items.items()
            if freshness.is_overdue(item.last_reviewed, today, arguments.months)
        )
    )
    for last_reviewed, folder, item_id, title in due:
        age = freshness.months_between(datetime.date.fromisoformat(last_reviewed), today)
        print(f"{last_reviewed}  {folder}/{item_id}.yml  {title} ({age} maanden)")
    print(
        f"{len(due)} records zijn langer dan {arguments.months} maanden niet beoordeeld.",
        file=sys.stderr,
    )
    return EXIT_VALID


def from_issue(arguments: argparse.Namespace) -> int:
    """A record from a filled-in 'Interventie voorstellen' issue form (used by a workflow)."""
    body_file, output_dir = Path(arguments.body_file), Path(arguments.output_dir)
    missing = body_file if not body_file.is_file() else output_dir
    if not body_file.is_file() or not output_dir.is_dir():
        print(f"catalogus: '{missing}' bestaat niet", file=sys.stderr)
        return EXIT_USAGE
    today = arguments.today or datetime.date.today().isoformat()
    try:
        path = proposal.write_record_from_issue(body_file, output_dir, today)
    except ValueError as error:
        print(error, file=sys.stderr)
        return EXIT_INVALID
    print(path)
    return EXIT_VALID


def generate(arguments: argparse.Namespace) -> int:
    """Every generated page, export and schema into a folder, for an engine without hooks."""
    root = Path(arguments.root)
    try:
        settings = build.load_settings(root, arguments.site_url, arguments.internal)
        files = build.generate_files(settings)
    except InvalidCatalogue as error:
        print(error, file=sys.stderr)
        return EXIT_INVALID
    except DuplicateOutput as error:
        print(f"catalogus: {error}", file=sys.stderr)
        return EXIT_INVALID
    write_files(files, Path(arguments.folder))
    print(f"{len(files)} bestanden geschreven in {arguments.folder}.", file=sys.stderr)
    return EXIT_VALID


def release(arguments: argparse.Namespace) -> int:
    """A dated snapshot of the public data in data/releases/, with its changelog entry."""
    today = arguments.today or datetime.date.today().isoformat()
    name = arguments.name or today[:7]
    try:
        settings = build.load_settings(Path(arguments.root), arguments.site_url)
        path = releases.make_release(settings, name, today)
    except InvalidCatalogue as error:
        print(error, file=sys.stderr)
        return EXIT_INVALID
    except releases.ReleaseError as error:
        print(f"catalogus: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(path)
    print(f"Versie {name} gemaakt; het logboek staat in {releases.CHANGELOG}.", file=sys.stderr)
    return EXIT_VALID


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="catalogus", description="Werk aan de catalogus Wat werkt tegen ondermijning."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="opdracht")

    validate_parser = commands.add_parser("validate", help="controleer records")
    validate_parser.add_argument(
        "paths", nargs="*", metavar="PAD", help="bestanden of mappen (standaard: interventions/)"
    )
    validate_parser.add_argument(
        "--format", choices=["text", "github"], default="text", help="uitvoer voor mensen of GitHub"
    )
    validate_parser.set_defaults(handler=validate)

    schema_parser = commands.add_parser(
        "schema", help="zet de keuzelijsten van de woordenlijsten in het schema"
    )
    schema_parser.add_argument(
        "--check", action="store_true", help="controleer alleen of het schema bijgewerkt is"
    )
    schema_parser.set_defaults(handler=schema)

    new_parser = commands.add_parser(
        "new", help="maak een nieuw record (met vragen, of met de opties hieronder)"
    )
    new_parser.add_argument("--title", help="de titel; met --phenomenon en --kind: geen vragen")
    new_parser.add_argument("--phenomenon", action="append", help="slug van een fenomeen (herhaal)")
    new_parser.add_argument("--region", action="append", help="slug van een RIEC-regio (herhaal)")
    new_parser.add_argument("--country", default="NL", help="ISO-landcode (standaard NL)")
    new_parser.add_argument("--kind", action="append", help="slug van een soort (herhaal)")
    new_parser.add_argument(
        "--directory", default=str(paths.INTERVENTIONS), help="map voor het record"
    )
    new_parser.set_defaults(handler=new)

    review_parser = commands.add_parser(
        "review", help="records die te lang niet beoordeeld zijn, oudste eerst"
    )
    review_parser.add_argument(
        "--months",
        type=int,
        default=freshness.REVIEW_MONTHS,
        help=f"ouder dan zoveel maanden (standaard {freshness.REVIEW_MONTHS})",
    )
    review_parser.add_argument("--today", help="de datum van vandaag, als JJJJ-MM-DD")
    review_parser.set_defaults(handler=review)

    issue_parser = commands.add_parser(
        "from-issue", help="maak een record van een ingevuld formulier 'Interventie voorstellen'"
    )
    issue_parser.add_argument("body_file", metavar="BESTAND", help="de tekst van het issue")
    issue_parser.add_argument(
        "--output-dir", default=str(paths.INTERVENTIONS), help="map voor het record"
    )
    issue_parser.add_argument("--today", metavar="JJJJ-MM-DD", help="de datum van vandaag")
    issue_parser.set_defaults(handler=from_issue)

    generate_parser = commands.add_parser(
        "generate", help="schrijf alle gegenereerde pagina's, exports en schema's in een map"
    )
    generate_parser.add_argument("folder", metavar="MAP", help="de map om in te schrijven")
    generate_parser.add_argument(
        "--root", default=str(paths.ROOT), help="de map van de catalogus (met mkdocs.yml)"
    )
    generate_parser.add_argument("--site-url", default="", help="het adres van de site")
    generate_parser.add_argument(
        "--internal", action="store_true", help="ook records met access: internal"
    )
    generate_parser.set_defaults(handler=generate)

    release_parser = commands.add_parser(
        "release", help="maak een gedateerde versie van de gegevens in data/releases/"
    )
    release_parser.add_argument("--name", help="JJJJ-MM (standaard de huidige maand) of JJJJ-MM-DD")
    release_parser.add_argument(
        "--root", default=str(paths.ROOT), help="de map van de catalogus (met mkdocs.yml)"
    )
    release_parser.add_argument(
        "--site-url",
        default="https://wat-werkt-tegen-ondermijning.nl/",
        help="het adres van de site",
    )
    release_parser.add_argument("--today", metavar="JJJJ-MM-DD", help="de datum van vandaag")
    release_parser.set_defaults(handler=release)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    return arguments.handler(arguments)


if __name__ == "__main__":
    sys.exit(main())
