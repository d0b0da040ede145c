"""The proposal form (/voorstellen/) filled in as an editor would, in Chromium: what it produces
must be a record `catalogus validate` accepts, and a prefilled issue address the issue form
accepts. The answers are SYNTHETIC."""

from urllib.parse import parse_qs, urlparse

import yaml

from catalogus.proposal import FORM_LABELS, ISSUE_FORM, record_from_issue

REVIEWED = "2026-11-29"


def fill_in(page) -> None:
    page.fill("#ww-proposal-name", "Proefaanpak ondermijning Testdorp (synthetisch)")
    page.fill("#ww-proposal-summary", "Een verzonnen aanpak om het formulier te testen.")
    page.fill("#ww-proposal-description", "Eerste alinea.\n\n- een punt\n- nog een punt")
    page.check("#ww-proposal-phenomena-vastgoed")
    page.check("#ww-proposal-phenomena-witwassen")
    page.check("#ww-proposal-regions-rotterdam")
    page.check("#ww-proposal-kinds-bestuurlijk")
    page.check("#ww-proposal-status-lopend")
    page.fill("#ww-proposal-lead_organisation", "Gemeente Testdorp")
    page.check("#ww-proposal-evidence_level-praktijkervaring")
    page.fill("#ww-proposal-evidence_explanation", "Er is een openbaar verslag van de uitvoering.")
    page.check("#ww-proposal-outcome-onbekend")
    page.fill("#ww-proposal-outcome_explanation", "Er is geen openbare evaluatie.")
    page.fill("#ww-proposal-source-1-title", "Verslag van de aanpak")
    page.fill("#ww-proposal-source-1-url", "https://example.org/verslag")
    page.fill("#ww-proposal-source-1-year", "2024")
    page.click("[data-proposal-add-source]")
    page.fill("#ww-proposal-source-4-title", "Een bron zonder jaar")
    page.fill("#ww-proposal-source-4-url", "https://example.org/zonder-jaar")
    page.check("#ww-proposal-confirmation")


def test_an_empty_form_lists_every_problem_in_dutch_in_form_order(visit, base_url):
    visited = visit(f"{base_url}/voorstellen/")
    page = visited.page
    page.click("#ww-proposal button[type=submit]")
    problems = page.locator("#ww-proposal-problems li").all_inner_texts()
    assert problems[0] == "Titel: vul dit in."
    assert problems[-1].startswith("Bevestiging:")
    assert "Regio's: kies er minstens één." in problems
    assert page.evaluate("document.activeElement.id") == "ww-proposal-problems"
    assert page.locator("#ww-proposal-name").get_attribute("aria-invalid") == "true"
    assert visited.errors == []


def test_a_foreign_approach_is_asked_no_region(visit, base_url):
    page = visit(f"{base_url}/voorstellen/").page
    page.select_option("#ww-proposal-country", "BE")
    assert page.locator("[data-proposal-regions]").is_hidden()
    page.click("#ww-proposal button[type=submit]")
    assert not any(
        "Regio" in text for text in page.locator("#ww-proposal-problems li").all_inner_texts()
    )


def test_the_filled_in_form_gives_a_valid_record_and_issue(visit, base_url, tmp_path, run_cli):
    visited = visit(f"{base_url}/voorstellen/")
    page = visited.page
    fill_in(page)
    page.click("#ww-proposal button[type=submit]")
    assert page.locator("#ww-proposal-result").is_visible()
    assert page.locator("#ww-proposal-problems").is_hidden()

    # The download is a record the validator accepts, under the id the title gives.
    with page.expect_download() as download:
        page.click('[data-proposal-send="download"]')
    assert download.value.suggested_filename == "proefaanpak-ondermijning-testdorp-synthetisch.yml"
    record = tmp_path / "interventions" / download.value.suggested_filename
    record.parent.mkdir()
    download.value.save_as(record)
    result = run_cli("validate", str(record))
    assert (result.code, result.stdout) == (0, ""), result.stdout
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    assert data["description"] == "Eerste alinea.\n\n- een punt\n- nog een punt"
    assert data["sources"][1] == {
        "title": "Een bron zonder jaar",
        "url": "https://example.org/zonder-jaar",
    }

    # The prefilled issue fills only fields the issue form has, with answers it offers.
    address = urlparse(page.get_attribute('[data-proposal-send="github"]', "href"))
    parameters = {key: values[0] for key, values in parse_qs(address.query).items()}
    form = yaml.safe_load(ISSUE_FORM.read_text(encoding="utf-8"))
    elements = {element["id"]: element for element in form["body"] if "id" in element}
    assert parameters.pop("template") == ISSUE_FORM.name
    assert parameters.pop("title") == "Voorstel: Proefaanpak ondermijning Testdorp (synthetisch)"
    assert set(parameters) <= set(elements)
    for key, answer in parameters.items():
        if elements[key]["type"] == "dropdown":
            assert set(answer.split(", ")) <= set(elements[key]["attributes"]["options"]), key
    # ...and, submitted as GitHub writes it, becomes the same record through the workflow's parser.
    body = "\n\n".join(
        f"### {label}\n\n{parameters.get(key, '- [x] bevestigd' if key == 'confirmation' else '_No response_')}"
        for key, label in FORM_LABELS.items()
    )
    identifier, text = record_from_issue(body, REVIEWED)
    assert identifier == "proefaanpak-ondermijning-testdorp-synthetisch"
    from_issue = yaml.safe_load(text)
    for field in ("title", "summary", "phenomena", "regions", "country", "kinds", "sources"):
        assert from_issue[field] == data[field], field

    # The e-mail route carries the record.
    email = page.get_attribute('[data-proposal-send="email"]', "href")
    assert email.startswith("mailto:redactie@") and "proefaanpak-ondermijning-testdorp" in email
    assert visited.errors == []


def test_without_javascript_the_page_gives_the_other_routes(visit, base_url):
    page = visit(f"{base_url}/voorstellen/", javascript=False).page
    assert page.locator("#ww-proposal").is_hidden()
    assert "Dit formulier heeft JavaScript nodig" in page.inner_text("[data-proposal-no-script]")
    routes = page.inner_text("#andere-manieren + ul")
    assert "issueformulier" in routes and "redactie@" in routes and "git" in routes


def test_every_way_in_links_to_the_proposal_page(visit, base_url):
    for path in ("/", "/interventies/", "/fenomenen/vastgoed/", "/bijdragen/", "/over/"):
        page = visit(f"{base_url}{path}").page
        links = page.locator('a[href$="voorstellen/"]')
        assert links.count() >= 1, path
