"""The schemas the site publishes pass strict validators: ajv in strict mode, with our annotation
keywords declared, and check-jsonschema's meta-schema check."""

import subprocess
import sys

import pytest

from catalogus import paths, schema
from catalogus.vocabularies import load_vocabularies

AJV_STRICT = paths.ROOT / "tests" / "ajv_strict.js"


@pytest.fixture(scope="module")
def published_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("published")
    published = schema.published_schemas(paths.SCHEMAS, load_vocabularies(paths.VOCABULARIES))
    files = []
    for name, text in published.items():
        path = folder / name.replace("/", "-")
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    assert len(files) == 4
    return files


def test_ajv_in_strict_mode_accepts_every_published_schema(published_files):
    if not (paths.ROOT / "node_modules" / "ajv").is_dir():
        pytest.fail("ajv is missing: run 'make setup-test' (npm ci)")
    keywords = ",".join(schema.ANNOTATION_KEYWORDS)
    result = subprocess.run(
        ["node", str(AJV_STRICT), keywords, *published_files],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_ajv_refuses_an_undeclared_keyword(published_files):
    """The check can fail: without our keywords declared, strict ajv refuses the schemas."""
    result = subprocess.run(
        ["node", str(AJV_STRICT), "x-unused", *published_files],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert "strict mode: unknown keyword" in result.stdout


def test_check_jsonschema_accepts_every_published_schema(published_files):
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--check-metaschema", *published_files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
