"""Practice cases: looking back on how an integrated approach went (/casussen/<id>/), and their
index (/casussen/)."""

from . import queries, urls
from .output import BuildSettings, GeneratedFile, record_source
from .records import Case, Catalogue
from .rendering import record_markdown, render


def case_page(catalogue: Catalogue, case: Case) -> str:
    return render(
        "case.md",
        catalogue=catalogue,
        case=case,
        text={
            "situation": record_markdown(case.situation),
            "approach": record_markdown(case.approach),
            "lessons": record_markdown(case.lessons),
        },
        used=[catalogue.interventions[other] for other in case.interventions],
        illustrated=[
            catalogue.bottlenecks[other]
            for other in case.bottlenecks
            if other in catalogue.bottlenecks
        ],
    )


def case_index(catalogue: Catalogue) -> str:
    return render(
        "cases.md", catalogue=catalogue, here=urls.CASES, cases=list(catalogue.cases.values())
    )


def pages(settings: BuildSettings) -> list[GeneratedFile]:
    catalogue = settings.catalogue
    cases = catalogue.cases.values()
    generated = [
        GeneratedFile(
            urls.CASES,
            case_index(catalogue),
            last_modified=queries.newest_review(cases),
        )
    ]
    generated.extend(
        GeneratedFile(
            urls.case_path(case.id),
            case_page(catalogue, case),
            source=record_source(case),
            last_modified=case.last_reviewed,
        )
        for case in cases
    )
    return generated
