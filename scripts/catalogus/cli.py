"""The `catalogus` command: validate records and keep the schema in step with the vocabularies."""

import argparse
import sys
from pathlib import Path

from . import paths
from .kinds import INTERVENTIONS, KINDS, kind_of
from .schema import read_schema, render, schema_with_vocabularies
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
        validator = Validator.for_catalogue(paths.SCHEMAS, load_vocabularies(paths.VOCABULARIES))
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
        wanted = render(schema_with_vocabularies(read_schema(schema_file), vocabularies))
        if schema_file.read_text(encoding="utf-8") == wanted:
            continue
        outdated.append(schema_file)
        if not arguments.check:
            schema_file.write_text(wanted, encoding="utf-8")
    if arguments.check and outdated:
        for schema_file in outdated:
            print(
                f"{schema_file}: de keuzelijsten lopen achter op vocabularies/: "
                "voer 'catalogus schema' uit",
            )
        return EXIT_INVALID
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
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    return arguments.handler(arguments)


if __name__ == "__main__":
    sys.exit(main())
