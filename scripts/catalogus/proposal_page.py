"""The proposal page (/voorstellen/): a form of our own for editors without git.

Python decides what the form asks and which rules the browser checks: the questions are those of
the issue form (`proposal.FORM_LABELS`, so a prefilled issue URL fills the same fields), the
choices come from the vocabularies and the limits from the record schema, handed to
docs/assets/proposal.js as JSON. The script builds the record and offers three ways to send it.
"""

from . import proposal
from .output import BuildSettings, GeneratedFile
from .records import Catalogue
from .rendering import render
from .schema import plain, read_schema

PAGE = "voorstellen/index.md"
ISSUE_TEMPLATE = proposal.ISSUE_FORM.name

# Text questions: the form id (as in the issue form) and where the answer goes in a record.
TEXT_FIELDS = {
    "name": ("title",),
    "summary": ("summary",),
    "description": ("description",),
    "lead_organisation": ("lead_organisation",),
    "evidence_explanation": ("evidence", "explanation"),
    "outcome_explanation": ("outcome", "explanation"),
}
# Choice questions: the form id, the vocabulary and whether more than one may be chosen.
CHOICE_FIELDS = {
    "phenomena": ("phenomena", True),
    "regions": ("regions", True),
    "country": ("countries", False),
    "kinds": ("kinds", True),
    "status": ("statuses", False),
    "evidence_level": ("evidence_levels", False),
    "outcome": ("outcomes", False),
}


def _property(schema: dict, path: tuple[str, ...]) -> dict:
    node = schema
    for key in path:
        node = node["properties"][key]
    return node


def _required(schema: dict, path: tuple[str, ...]) -> bool:
    parent = schema
    for key in path[:-1]:
        parent = parent["properties"][key]
    return path[-1] in parent.get("required", ())


def _limits(node: dict) -> dict:
    return {
        key: node[key]
        for key in (
            "minLength",
            "maxLength",
            "pattern",
            "patternErrorMessage",
            "minimum",
            "maximum",
        )
        if key in node
    }


def form_rules(schema: dict, repo_url: str, editors_email: str) -> dict:
    """What the browser checks and needs to send a proposal, all taken from the schema and the
    configuration, so the form and the validator cannot drift apart."""
    source = schema["properties"]["sources"]["items"]
    return {
        "text": {
            form_id: {
                "label": proposal.FORM_LABELS[form_id],
                "path": list(path),
                "required": _required(schema, path),
                **_limits(_property(schema, path)),
            }
            for form_id, path in TEXT_FIELDS.items()
        },
        "choices": {
            form_id: {
                "label": proposal.FORM_LABELS[form_id],
                "multiple": multiple,
                "required": form_id != "regions",  # only a Dutch approach has regions
            }
            for form_id, (_, multiple) in CHOICE_FIELDS.items()
        },
        "source": {key: _limits(node) for key, node in source["properties"].items()},
        "issue": {
            "url": f"{repo_url.rstrip('/')}/issues/new" if repo_url else "",
            "template": ISSUE_TEMPLATE,
            "foreign": proposal.FOREIGN,
        },
        "email": editors_email,
        "modeline": proposal.MODELINE.strip(),
        "maxIdLength": proposal.MAX_ID_LENGTH,
    }


def proposal_page(catalogue: Catalogue, schema: dict, repo_url: str, editors_email: str) -> str:
    vocabularies = {
        form_id: list(catalogue.vocabularies[vocabulary].values())
        for form_id, (vocabulary, _) in CHOICE_FIELDS.items()
    }
    return render(
        "proposal.md",
        catalogue=catalogue,
        here=PAGE,
        labels=proposal.FORM_LABELS,
        descriptions={
            form_id: _property(schema, path).get("description", "")
            for form_id, path in TEXT_FIELDS.items()
        },
        limits={form_id: _limits(_property(schema, path)) for form_id, path in TEXT_FIELDS.items()},
        vocabularies=vocabularies,
        rules=form_rules(schema, repo_url, editors_email),
        issue_url=f"{repo_url.rstrip('/')}/issues/new?template={ISSUE_TEMPLATE}"
        if repo_url
        else "",
        editors_email=editors_email,
    )


def pages(settings: BuildSettings) -> list[GeneratedFile]:
    schema = plain(read_schema(settings.root / "schema" / "interventie.schema.json"))
    content = proposal_page(settings.catalogue, schema, settings.repo_url, settings.editors_email)
    return [GeneratedFile(PAGE, content)]
