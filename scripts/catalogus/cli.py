"""The `catalogus` command: validate records and keep the schema in step with the vocabularies."""

import argparse
import sys
from pathlib import Path

from . import paths
from .schema import read_schema, render, schema_with_vocabularies
from .validation import Validator, record_paths
from .vocabularies import VocabularyError, load_vocabularies

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _files_to_validate(arguments: list[str]) -> tuple[list[Path], set[str]] | None:
    """The files named on the command line (directories expanded) and every id beside them."""
    targets = [Path(argument) for argument in arguments] or [paths.INTERVENTIONS]
    files: list[Path] = []
    directories = {paths.INTERVENTIONS}
    for target in targets:
        if target.is_dir():
            files.extend(record_paths(target))
            directories.add(target)
        elif target.is_file():
            files.append(target)
            directories.add(target.parent)
        else:
            print(f"catalogus: '{target}' bestaat niet", file=sys.stderr)
            return None
    known_ids = {
        path.stem
        for directory in directories
        if directory.is_dir()
        for path in record_paths(directory)
    }
    # A file named twice (or named and inside a named directory) is one record, not a duplicate id.
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    return list(unique.values()), known_ids


def validate(arguments: argparse.Namespace) -> int:
    selection = _files_to_validate(arguments.paths)
    if selection is None:
        return EXIT_USAGE
    files, known_ids = selection
    try:
        validator = Validator(read_schema(paths.SCHEMA), load_vocabularies(paths.VOCABULARIES))
    except VocabularyError as error:
        print(f"{error.path}:{error.line}:1: -: {error.message}")
        return EXIT_INVALID
    problems = validator.validate(files, known_ids)
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


def schema(arguments: argparse.Namespace) -> int:
    current = paths.SCHEMA.read_text(encoding="utf-8")
    try:
        # Paths are passed explicitly: the functions' defaults were fixed when they were defined.
        vocabularies = load_vocabularies(paths.VOCABULARIES)
        wanted = render(schema_with_vocabularies(read_schema(paths.SCHEMA), vocabularies))
    except VocabularyError as error:
        print(f"{error.path}:{error.line}:1: -: {error.message}")
        return EXIT_INVALID
    if arguments.check:
        if current != wanted:
            print(
                f"{paths.SCHEMA}: de keuzelijsten lopen achter op vocabularies/: "
                "voer 'catalogus schema' uit",
            )
            return EXIT_INVALID
        return EXIT_VALID
    paths.SCHEMA.write_text(wanted, encoding="utf-8")
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
