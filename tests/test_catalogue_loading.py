"""`load_catalogue`: every record of every kind under a root, typed, or every problem at once."""

import shutil

import pytest

from catalogus import kinds, paths
from catalogus.records import InvalidCatalogue, load_catalogue


@pytest.mark.content
def test_every_record_of_every_kind_is_loaded_under_its_file_name():
    catalogue = load_catalogue(paths.ROOT)
    loaded = {
        kinds.INTERVENTIONS.folder: catalogue.interventions,
        kinds.PHENOMENA.folder: catalogue.phenomena,
        kinds.BOTTLENECKS.folder: catalogue.bottlenecks,
        kinds.CASES.folder: catalogue.cases,
    }
    for folder, records in loaded.items():
        files = sorted((paths.ROOT / folder).glob("*.yml"))
        assert files, folder
        assert list(records) == [file.stem for file in files]
        assert all(record.id == record_id for record_id, record in records.items())
    assert [record.path for record in catalogue.interventions.values()] == sorted(
        (paths.ROOT / kinds.INTERVENTIONS.folder).glob("*.yml")
    )
    assert set(catalogue.vocabularies) >= {"phenomena", "regions", "kinds"}
    assert catalogue.vocabularies["phenomena"]


def test_an_invalid_catalogue_lists_every_problem(tmp_path, valid_record_text):
    for folder in ("schema", "vocabularies"):
        shutil.copytree(paths.ROOT / folder, tmp_path / folder)
    (tmp_path / "interventions").mkdir()
    for name in ("een", "twee"):
        text = valid_record_text.replace("status: beeindigd", "status: afgelopen")
        (tmp_path / "interventions" / f"{name}.yml").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidCatalogue) as refused:
        load_catalogue(tmp_path)
    problems = refused.value.problems
    assert [(problem.path.rsplit("/", 1)[1], problem.field) for problem in problems] == [
        ("een.yml", "status"),
        ("twee.yml", "status"),
    ]
    assert str(refused.value) == "\n".join(problem.format() for problem in problems)


def test_only_the_folders_a_catalogue_has_are_read(tmp_path, valid_record_text):
    for folder in ("schema", "vocabularies"):
        shutil.copytree(paths.ROOT / folder, tmp_path / folder)
    (tmp_path / "interventions").mkdir()
    (tmp_path / "interventions" / "proef.yml").write_text(valid_record_text, encoding="utf-8")
    catalogue = load_catalogue(tmp_path)
    assert list(catalogue.interventions) == ["proef"]
    assert (catalogue.phenomena, catalogue.bottlenecks, catalogue.cases) == ({}, {}, {})
