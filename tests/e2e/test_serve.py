"""`make serve` as an editor uses it: the open page reloads when a record changes, drafts show
under their banner, and the browser console stays clean. SYNTHETIC records."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from ..site_project import make_project

START_TIMEOUT = 120  # seconds: the first build of a copy of the site


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(tmp_path, valid_record_data):
    project = make_project(tmp_path / "project", {"proef": valid_record_data})
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},  # as `make serve` sets it
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            urllib.request.urlopen(base_url + "/", timeout=5)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("mkdocs serve did not start:\n" + server.stdout.read())
            time.sleep(1)
    yield project, base_url
    server.terminate()
    server.wait(timeout=30)


def test_a_record_change_reloads_the_open_page_without_console_errors(served, browser):
    project, base_url = served
    page = browser.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + "/interventies/proef/", wait_until="load")
    assert "Proefaanpak Testdorp" in page.inner_text("h1")

    record = project / "interventions" / "proef.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("Proefaanpak Testdorp", "Proefaanpak Gewijzigd", 1), "utf-8")
    page.wait_for_selector("h1:has-text('Proefaanpak Gewijzigd')", timeout=120_000)

    # A draft still shows, under a banner with its problem.
    draft = record.read_text(encoding="utf-8").replace("lessons: ", "lessons: VUL IN ", 1)
    record.write_text(draft, encoding="utf-8")
    page.wait_for_selector(".ww-draft", timeout=120_000)
    assert "Concept: 1 probleem" in page.inner_text(".ww-draft")
    assert "plaatshouder" in page.inner_text(".ww-draft")
    assert errors == []
