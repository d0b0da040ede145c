"""Vocabulary files: each problem is named at the line of the term that has it."""

import pytest

from catalogus.vocabularies import VocabularyError, load_vocabulary

GOOD_TERM = "- slug: eerste\n  label: Eerste\n  description: De eerste term.\n"


@pytest.mark.parametrize(
    ("term", "message"),
    [
        ("- slug: tweede\n  label: Tweede\n", "precies de velden slug, label en description"),
        ("- slug: tweede\n  label: ' '\n  description: x\n", "niet-lege tekst"),
        ("- slug: Tweede\n  label: Tweede\n  description: x\n", "kleine letters"),
        ("- slug: eerste\n  label: Nog eens\n  description: x\n", "'eerste' komt dubbel voor"),
        ("- gewoon tekst\n", "precies de velden slug, label en description"),
    ],
)
def test_a_problem_is_named_at_its_term(tmp_path, term, message):
    (tmp_path / "kinds.yml").write_text(
        "# Soorten\n" + GOOD_TERM + "\n" + term + GOOD_TERM.replace("eerste", "derde"),
        encoding="utf-8",
    )
    with pytest.raises(VocabularyError) as raised:
        load_vocabulary("kinds", tmp_path)
    assert (raised.value.line, message in raised.value.message) == (6, True)


def test_a_file_that_is_not_a_list_is_named_at_its_first_line(tmp_path):
    (tmp_path / "kinds.yml").write_text("slug: eerste\n", encoding="utf-8")
    with pytest.raises(VocabularyError) as raised:
        load_vocabulary("kinds", tmp_path)
    assert (raised.value.line, raised.value.message) == (
        1,
        "een woordenlijst is een lijst van termen",
    )


def test_terms_keep_their_file_order(tmp_path):
    (tmp_path / "kinds.yml").write_text(
        GOOD_TERM.replace("eerste", "zesde") + GOOD_TERM, encoding="utf-8"
    )
    assert list(load_vocabulary("kinds", tmp_path)) == ["zesde", "eerste"]
