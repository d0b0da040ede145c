"""The pull-request job of proposal.yml, run as GitHub would run it: its bash script against a real
git remote, with a stand-in for the `gh` command that answers as GitHub would and notes each call.

An edited issue must never change a reviewed proposal unseen: after a review the new version is a
commit of its own, approvals are dismissed and the pull request says so; CI runs on every push.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from catalogus import paths

WORKFLOW = paths.ROOT / ".github" / "workflows" / "proposal.yml"
STEP = "Branch pushen en pull request openen of bijwerken"
BOT = "41898282+github-actions[bot]@users.noreply.github.com"

# Answers like GitHub's for the calls the script makes; every call is written to the log.
FAKE_GH = """\
import json, os, sys
arguments = sys.argv[1:]
state = json.loads(open(os.environ["FAKE_GH_STATE"]).read())
with open(os.environ["FAKE_GH_LOG"], "a") as log:
    log.write(json.dumps(arguments) + "\\n")
reviews = state.get("reviews", [])
if arguments[:2] == ["pr", "list"]:
    print(state["pr"] if state.get("pr") else "")
elif arguments[0] == "api" and arguments[1].endswith("/reviews") and "length" in arguments:
    print(len(reviews))
elif arguments[0] == "api" and arguments[1].endswith("/reviews"):
    for review in reviews:
        if review["state"] == "APPROVED":
            print(review["id"])
"""


def step_script() -> str:
    job = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["pull-request"]
    return next(step["run"] for step in job["steps"] if step.get("name") == STEP)


def git(*arguments: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


class Repository:
    """A remote with `main` holding one record, and a checkout of it as actions/checkout makes."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.remote = folder / "origin.git"
        subprocess.run(
            ["git", "init", "--quiet", "--bare", "-b", "main", str(self.remote)], check=True
        )
        seed = folder / "seed"
        subprocess.run(["git", "clone", "--quiet", str(self.remote), str(seed)], check=True)
        (seed / "interventions").mkdir()
        (seed / "interventions" / "bestaand.yml").write_text("title: Bestaand\n")
        (seed / ".github").mkdir()
        (seed / ".github" / "pull_request_template.md").write_text("Checklist\n")
        git("add", ".", cwd=seed)
        git("-c", "user.name=Redactie", "-c", "user.email=redactie@example.org",
            "commit", "--quiet", "-m", "Begin", cwd=seed)  # fmt: skip
        git("push", "--quiet", "origin", "main", cwd=seed)
        self.gh_state = folder / "gh-state.json"
        self.gh_log = folder / "gh-log.jsonl"
        bin_folder = folder / "bin"
        bin_folder.mkdir()
        gh = bin_folder / "gh"
        gh.write_text(f"#!{sys.executable}\n{FAKE_GH}")
        gh.chmod(0o755)
        self.path = f"{bin_folder}{os.pathsep}{os.environ['PATH']}"

    def run_job(self, record_id: str, record_text: str, pull_request=None, reviews=()) -> None:
        """One run of the job, as when the issue is opened or edited."""
        checkout = self.folder / f"checkout-{len(list(self.folder.glob('checkout-*')))}"
        subprocess.run(["git", "clone", "--quiet", str(self.remote), str(checkout)], check=True)
        runner_temp = checkout / "runner-temp"
        (runner_temp / "voorstel").mkdir(parents=True)
        (runner_temp / "voorstel" / "record.yml").write_text(record_text)
        self.gh_state.write_text(json.dumps({"pr": pull_request, "reviews": list(reviews)}))
        self.gh_log.write_text("")
        environment = {
            **os.environ,
            "PATH": self.path,
            "GH_TOKEN": "proef",
            "RECORD_ID": record_id,
            "ISSUE_NUMBER": "7",
            "BASE": "main",
            "GITHUB_REPOSITORY": "redactie/catalogus",
            "RUNNER_TEMP": str(runner_temp),
            "FAKE_GH_STATE": str(self.gh_state),
            "FAKE_GH_LOG": str(self.gh_log),
        }
        # How GitHub runs a `shell: bash` step.
        script = checkout / "step.sh"
        script.write_text(step_script())
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=checkout,
            env=environment,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr

    def gh_calls(self) -> list[list[str]]:
        return [json.loads(line) for line in self.gh_log.read_text().splitlines()]

    def branch(self) -> list[tuple[str, str]]:
        """The proposal branch's commits on top of main: (author e-mail, subject), newest first."""
        log = git("log", "--format=%ae%x00%s", "main..voorstel/issue-7", cwd=self.remote)
        return [tuple(line.split("\0")) for line in log.splitlines()]

    def files(self) -> list[str]:
        listing = git(
            "ls-tree", "--name-only", "voorstel/issue-7", "interventions/", cwd=self.remote
        )
        return listing.split()


@pytest.fixture
def repository(tmp_path):
    return Repository(tmp_path)


def test_a_new_proposal_opens_a_pull_request_and_runs_ci(repository):
    repository.run_job("proef", "title: Proef\n")
    assert repository.branch() == [(BOT, "Voorstel uit issue #7: proef")]
    calls = repository.gh_calls()
    assert any(call[:2] == ["pr", "create"] for call in calls)
    assert calls[-1] == ["workflow", "run", "ci.yml", "--ref", "voorstel/issue-7"]


def test_an_edit_before_review_replaces_the_proposal_and_runs_ci(repository):
    repository.run_job("proef", "title: Proef\n")
    repository.run_job("proef", "title: Proef, verbeterd\n", pull_request=12)
    assert repository.branch() == [(BOT, "Voorstel uit issue #7: proef")]
    assert git("show", "voorstel/issue-7:interventions/proef.yml", cwd=repository.remote) == (
        "title: Proef, verbeterd\n"
    )
    calls = repository.gh_calls()
    assert ["pr", "edit", "voorstel/issue-7", "--title", "Interventievoorstel: proef"] in calls
    assert calls[-1] == ["workflow", "run", "ci.yml", "--ref", "voorstel/issue-7"]


def test_an_edit_after_review_adds_a_commit_dismisses_approvals_and_says_so(repository):
    repository.run_job("proef", "title: Proef\n")
    reviewed = git("rev-parse", "voorstel/issue-7", cwd=repository.remote)
    reviews = [{"id": 5, "state": "APPROVED"}, {"id": 6, "state": "COMMENTED"}]
    repository.run_job("proef-nieuw", "title: Proef nieuw\n", pull_request=12, reviews=reviews)

    assert repository.branch() == [
        (BOT, "Voorstel uit issue #7 gewijzigd na beoordeling: proef-nieuw"),
        (BOT, "Voorstel uit issue #7: proef"),
    ]
    # The reviewed commit is still there, under the new one: nothing was force-pushed.
    assert git("rev-parse", "voorstel/issue-7~1", cwd=repository.remote) == reviewed
    assert repository.files() == ["interventions/bestaand.yml", "interventions/proef-nieuw.yml"]
    calls = repository.gh_calls()
    dismissals = [call for call in calls if "--method" in call]
    assert [call[3] for call in dismissals] == [
        "repos/redactie/catalogus/pulls/12/reviews/5/dismissals"
    ]
    assert any(call[:3] == ["pr", "comment", "12"] for call in calls)
    assert not any(call[:2] in (["pr", "edit"], ["pr", "create"]) for call in calls)
    assert calls[-1] == ["workflow", "run", "ci.yml", "--ref", "voorstel/issue-7"]


def test_an_unchanged_proposal_after_review_pushes_nothing(repository):
    repository.run_job("proef", "title: Proef\n")
    repository.run_job(
        "proef", "title: Proef\n", pull_request=12, reviews=[{"id": 5, "state": "APPROVED"}]
    )
    assert repository.branch() == [(BOT, "Voorstel uit issue #7: proef")]
    assert not any(call[0] == "workflow" for call in repository.gh_calls())


def test_an_editors_push_is_never_overwritten_before_review(repository):
    repository.run_job("proef", "title: Proef\n")
    editor = repository.folder / "editor"
    subprocess.run(
        ["git", "clone", "--quiet", "-b", "voorstel/issue-7", str(repository.remote), str(editor)],
        check=True,
    )
    (editor / "interventions" / "proef.yml").write_text("title: Proef, door de redactie\n")
    git("-c", "user.name=Redactie", "-c", "user.email=redactie@example.org",
        "commit", "--quiet", "-am", "Redactie", cwd=editor)  # fmt: skip
    git("push", "--quiet", "origin", "voorstel/issue-7", cwd=editor)
    repository.run_job("proef", "title: Proef, opnieuw\n", pull_request=12)
    assert repository.branch()[0] == ("redactie@example.org", "Redactie")
