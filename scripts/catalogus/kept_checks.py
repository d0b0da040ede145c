"""`make serve`: a record's problems are kept while nothing they were found from has changed.

A record's problems come from its file (its text decides its data, the schema's findings and every
line and column), from what the validator holds for the whole build (the schemas, vocabularies,
official contacts and today's date: a validator is kept only while these are unchanged), and from
what the rule checks read of the other records through `checks.Context`:

- whether an id is that of an intervention (references, former ids), and all such ids when one
  is not (for the "did you mean" suggestion);
- the data of a referenced intervention (its access and its country);
- which interventions name an id as a former id;
- whether a knelpunt id exists, all knelpunt ids when one does not, and whether they were read.

Rather than list these a second time here, the checks run on a context that notes every question
they ask of it with its answer. The kept problems are used again while the file's text is the
same and the other records give the same answer to every noted question.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from .checks import Context


class _NotedIds:
    """A set of ids that notes what it was asked."""

    def __init__(self, name: str, ids: frozenset[str], questions: list) -> None:
        self.name, self.ids, self.questions = name, ids, questions

    def __contains__(self, item: object) -> bool:
        self.questions.append((self.name, "in", item))
        return item in self.ids

    def __iter__(self) -> Iterator[str]:
        self.questions.append((self.name, "all", None))
        return iter(self.ids)

    def __len__(self) -> int:
        self.questions.append((self.name, "all", None))
        return len(self.ids)


class _NotedMapping:
    """An id → value mapping that notes what it was asked."""

    def __init__(self, name: str, values: dict, questions: list) -> None:
        self.name, self.values, self.questions = name, values, questions

    def get(self, key: str, default: Any = None) -> Any:
        self.questions.append((self.name, "get", key))
        return self.values.get(key, default)


def _answer(context: Context, name: str, question: str, item: Any) -> Any:
    values = getattr(context, name)
    if question == "in":
        return item in values
    if question == "get":
        return values.get(item)
    return values


def _noting(context: Context, questions: list) -> Context:
    return replace(
        context,
        known_ids=_NotedIds("known_ids", context.known_ids, questions),
        interventions=_NotedMapping("interventions", context.interventions, questions),
        former_id_owners=_NotedMapping("former_id_owners", context.former_id_owners, questions),
        bottleneck_ids=None
        if context.bottleneck_ids is None
        else _NotedIds("bottleneck_ids", context.bottleneck_ids, questions),
    )


@dataclass
class _Kept:
    text: str
    bottlenecks_read: bool
    answers: list[tuple[tuple, Any]]  # (name, question, item) → its answer then
    problems: list


class KeptChecks:
    """The problems of each record file, with what they were found from (see above)."""

    def __init__(self) -> None:
        self.kept: dict[str, _Kept] = {}

    def problems(
        self, path: str, text: str, context: Context, check: Callable[[Context], Iterable]
    ) -> list:
        """The problems `check` finds in the record at `path` with `context`, kept or new."""
        kept = self.kept.get(path)
        if (
            kept is not None
            and kept.text == text
            and kept.bottlenecks_read == (context.bottleneck_ids is not None)
            and all(_answer(context, *question) == answer for question, answer in kept.answers)
        ):
            return kept.problems
        questions: list[tuple] = []
        problems = list(check(_noting(context, questions)))
        answers = [(question, _answer(context, *question)) for question in questions]
        self.kept[path] = _Kept(text, context.bottleneck_ids is not None, answers, problems)
        return problems
