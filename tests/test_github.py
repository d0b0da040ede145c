"""The GitHub side of the editors' workflow: workflows, issue form, pull request template, VS Code.

Workflows are read with yaml.safe_load, which turns the key `on` into True (YAML 1.1).
"""

import json
import re
from pathlib import Path

import pytest
import yaml

from catalogus import paths
from catalogus.kinds import KINDS
from catalogus.proposal import (
    FORM_LABELS,
    FORM_VOCABULARIES,
    ISSUE_FORM,
    form_options,
    update_form_options,
)
from catalogus.vocabularies import load_vocabularies

ROOT = paths.ROOT
GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))

# The only write permissions any job may have: (workflow, job) -> scopes it may write.
ALLOWED_WRITES = {
    ("publish.yml", "deploy"): {"pages", "id-token"},
    ("proposal.yml", "pull-request"): {"actions", "contents", "pull-requests"},
    ("proposal.yml", "comment"): {"issues"},
}
PINNED = re.compile(
    r"^\s*(?:-\s+)?uses:\s+(?P<action>[\w.-]+/[\w./-]+)@(?P<ref>[0-9a-f]{40})"
    r"\s+#\s+(?P<version>v\d+\.\d+\.\d+)\s*$"
)
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def workflow(name: str) -> dict:
    return load(WORKFLOWS / name)


def triggers(data: dict) -> dict:
    on = data.get("on", data.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on


def steps(data: dict, job: str | None = None) -> list[dict]:
    jobs = [data["jobs"][job]] if job else data["jobs"].values()
    return [step for each in jobs for step in each.get("steps", [])]


def runs(data: dict, job: str | None = None) -> list[str]:
    return [step["run"] for step in steps(data, job) if "run" in step]


def uses(data: dict, action: str, job: str | None = None) -> list[dict]:
    return [step for step in steps(data, job) if step.get("uses", "").startswith(f"{action}@")]


def test_the_three_workflows_exist():
    assert [path.name for path in WORKFLOW_FILES] == ["ci.yml", "proposal.yml", "publish.yml"]


# Triggers


def test_ci_runs_on_pull_requests_and_pushes():
    on = triggers(workflow("ci.yml"))
    assert "pull_request" in on
    assert "push" in on


def test_publish_runs_on_push_to_main_only():
    on = triggers(workflow("publish.yml"))
    assert on["push"] == {"branches": ["main"]}
    assert "pull_request" not in on
    assert "pull_request_target" not in on


def test_proposal_runs_on_opened_and_edited_issues_with_the_label():
    data = workflow("proposal.yml")
    assert triggers(data) == {"issues": {"types": ["opened", "edited"]}}
    convert = data["jobs"]["convert"]
    assert "contains(github.event.issue.labels.*.name, 'interventie-voorstel')" in convert["if"]


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_no_workflow_runs_untrusted_code_with_secrets(path):
    assert {"pull_request_target", "workflow_run"}.isdisjoint(triggers(load(path)))


# CI


def test_ci_validates_builds_strictly_tests_and_keeps_a_preview():
    data = workflow("ci.yml")
    commands = runs(data, "test")
    assert ".venv/bin/catalogus validate --format github" in commands
    assert "make setup" in commands
    assert "make build" in commands
    assert "make test" in commands
    assert commands.index("make setup") < commands.index(
        ".venv/bin/catalogus validate --format github"
    )
    assert commands.index(".venv/bin/catalogus validate --format github") < commands.index(
        "make build"
    )
    [python] = uses(data, "actions/setup-python", "test")
    assert python["with"]["python-version"] == "3.11"
    [preview] = uses(data, "actions/upload-artifact", "test")
    assert preview["with"]["path"] == "site/"


@pytest.mark.parametrize(("name", "job"), [("publish.yml", "build"), ("ci.yml", "test")])
def test_site_builds_check_out_the_whole_history_for_the_change_log(name, job):
    [checkout] = uses(workflow(name), "actions/checkout", job)
    assert checkout["with"]["fetch-depth"] == 0


def test_ci_makes_a_release_of_the_data_on_a_data_tag_after_the_tests():
    data = workflow("ci.yml")
    assert triggers(data)["push"]["tags"] == ["data-*"]
    job = data["jobs"]["release"]
    assert job["needs"] == "test"
    assert job["if"] == "startsWith(github.ref, 'refs/tags/data-')"
    assert job["permissions"] == {"contents": "read"}
    [release] = [step for step in job["steps"] if "catalogus release" in step.get("run", "")]
    assert release["env"] == {"TAG": "${{ github.ref_name }}"}
    assert release["run"] == '.venv/bin/catalogus release --name "${TAG#data-}"'
    [kept] = uses(data, "actions/upload-artifact", "release")
    assert kept["with"]["path"] == "data/releases/"


def test_make_build_is_strict():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nbuild: setup\n", 1)[1].split("\n\n", 1)[0]
    assert "mkdocs build --strict" in recipe
    assert "--config-file" not in recipe  # the public site, never the internal one


# Publish


def test_publish_builds_the_public_site_and_deploys_it_to_pages_from_main():
    data = workflow("publish.yml")
    assert "make build" in runs(data, "build")
    assert not any("build-internal" in command for command in runs(data))
    [artifact] = uses(data, "actions/upload-pages-artifact")
    assert artifact["with"]["path"] == "site/"
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


# Proposal


def test_proposal_calls_from_issue_and_validates_the_result():
    data = workflow("proposal.yml")
    script = "\n".join(runs(data, "convert"))
    assert (
        '.venv/bin/catalogus from-issue "$RUNNER_TEMP/issue-body.md" --output-dir interventions'
        in script
    )
    assert '.venv/bin/catalogus validate "$record"' in script
    assert "gh pr create" in "\n".join(runs(data, "pull-request"))
    assert "gh issue comment" in "\n".join(runs(data, "comment"))
    assert data["jobs"]["pull-request"]["if"] == "needs.convert.outputs.valid == 'true'"
    assert "needs.convert.outputs.valid != 'true'" in data["jobs"]["comment"]["if"]


def test_proposal_reads_the_issue_body_only_through_the_environment():
    data = workflow("proposal.yml")
    body_steps = [
        step for step in steps(data) if "github.event.issue.body" in json.dumps(step.get("env", {}))
    ]
    assert len(body_steps) == 1
    assert body_steps[0]["env"] == {"ISSUE_BODY": "${{ github.event.issue.body }}"}
    assert '"$ISSUE_BODY"' in body_steps[0]["run"]


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_no_script_interpolates_an_expression(path):
    """Every value reaches a `run:` script through `env:`: ${{ }} in a script is script injection
    when it holds text from an issue, a pull request or a branch name."""
    commands = runs(load(path))
    assert commands
    for command in commands:
        assert not EXPRESSION.search(command), command


# Pinned actions


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        assert PINNED.match(line), f"not pinned to a full commit SHA with '# vX.Y.Z': {line}"


def test_an_action_has_the_same_pin_everywhere():
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in WORKFLOW_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := PINNED.match(line):
                pins.setdefault(match["action"], set()).add((match["ref"], match["version"]))
    assert all(len(versions) == 1 for versions in pins.values()), pins


# Permissions


def scopes(permissions) -> dict[str, str]:
    assert permissions is not None
    assert isinstance(permissions, dict), f"use a map of scopes, not {permissions!r}"
    return permissions


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_workflow_permissions_are_read_only_at_most(path):
    data = load(path)
    assert "permissions" in data
    assert set(scopes(data["permissions"]).values()) <= {"read", "none"}


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_every_job_writes_only_what_it_needs(path):
    for name, job in load(path)["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} declares no permissions"
        written = {scope for scope, level in scopes(job["permissions"]).items() if level == "write"}
        allowed = ALLOWED_WRITES.get((path.name, name), set())
        assert written == allowed, f"{path.name}: job {name} writes {written}, needs {allowed}"


def test_only_the_proposal_job_that_pushes_keeps_git_credentials():
    keeping = []
    for path in WORKFLOW_FILES:
        for name, job in load(path)["jobs"].items():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    if step.get("with", {}).get("persist-credentials", True):
                        keeping.append((path.name, name))
                    else:
                        assert step["with"]["persist-credentials"] is False
    assert keeping == [("proposal.yml", "pull-request")]


# Issue form


@pytest.fixture(scope="module")
def issue_form() -> dict:
    return load(ISSUE_FORM)


def form_elements(form: dict) -> dict[str, dict]:
    return {element["id"]: element for element in form["body"] if "id" in element}


def test_issue_form_labels_are_what_the_parser_reads(issue_form):
    labels = {
        key: element["attributes"]["label"] for key, element in form_elements(issue_form).items()
    }
    assert labels == FORM_LABELS
    assert issue_form["name"] == "Interventie voorstellen"
    assert issue_form["labels"] == ["interventie-voorstel"]


@pytest.mark.content
def test_issue_form_dropdowns_offer_the_vocabularies(issue_form):
    """Issue forms cannot read files: the options are copies. After changing vocabularies/ run
    `.venv/bin/python -m catalogus.proposal` to update the form."""
    wanted = form_options(load_vocabularies(paths.VOCABULARIES))
    dropdowns = {
        key: element["attributes"]["options"]
        for key, element in form_elements(issue_form).items()
        if element["type"] == "dropdown"
    }
    assert dropdowns == wanted
    assert set(dropdowns) == set(FORM_VOCABULARIES)
    for key in ("phenomena", "regions", "kinds"):
        assert form_elements(issue_form)[key]["attributes"]["multiple"] is True
    assert "landelijk" in dropdowns["regions"]
    assert dropdowns["regions"][-1] == "buitenland"


@pytest.mark.content
def test_issue_form_is_what_update_form_options_writes():
    text = ISSUE_FORM.read_text(encoding="utf-8")
    assert update_form_options(text, load_vocabularies(paths.VOCABULARIES)) == text


def test_issue_form_asks_for_country_sources_and_the_confirmation(issue_form):
    elements = form_elements(issue_form)
    # Countries by name, the Netherlands first and chosen: nobody needs to know an ISO code.
    assert elements["country"]["type"] == "dropdown"
    assert elements["country"]["attributes"]["options"][:2] == [
        "NL (Nederland)",
        "AF (Afghanistan)",
    ]
    assert elements["country"]["attributes"]["default"] == 0
    assert elements["sources"]["type"] == "textarea"
    assert "de titel, het webadres en het jaar" in " ".join(
        elements["sources"]["attributes"]["description"].split()
    )
    [confirmation] = elements["confirmation"]["attributes"]["options"]
    assert confirmation["required"] is True
    required = {
        key for key, element in elements.items() if element.get("validations", {}).get("required")
    }
    assert required == set(FORM_LABELS) - {"lead_organisation", "confirmation"}


def test_issue_template_config():
    config = load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert isinstance(config["blank_issues_enabled"], bool)
    assert all(link["url"].startswith("https://") for link in config["contact_links"])


# Pull request template


def test_pull_request_template_has_the_editors_checklist():
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    checklist = [line for line in template.splitlines() if line.startswith("- [ ] ")]
    assert len(checklist) >= 9
    for phrase in (
        "echte interventie",
        "openbare bronnen",
        "eigen woorden",
        "verzonnen",
        "los van elkaar",
        "persoonsgegevens",
        "access: public",
        "catalogus validate",
        "last_reviewed",
    ):
        assert phrase in template, phrase


# VS Code


def test_vscode_recommends_the_yaml_extension_and_maps_the_schemas():
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    assert schemas["./schema/interventie.schema.json"] == ["interventions/*.yml"]
    for kind in KINDS.values():
        assert schemas[f"./schema/{kind.schema_file}"] == [f"{kind.folder}/*.yml"]
        assert (ROOT / "schema" / kind.schema_file).is_file()


def test_the_issue_form_says_u_not_je():
    texts = " ".join(
        path.read_text(encoding="utf-8")
        for path in (
            ISSUE_FORM,
            GITHUB / "ISSUE_TEMPLATE" / "config.yml",
            WORKFLOWS / "proposal.yml",
        )
    )
    # Case-sensitive: the country list holds "JE (Jersey)".
    assert not re.search(r"\b([Jj]e|[Jj]ij|[Jj]ouw)\b", texts)
