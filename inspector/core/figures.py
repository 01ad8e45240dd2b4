"""The one rule for the unit's figures: given a checklist and a set of figures, every problem they have.

A figure is a whole count ≥ 0, and the sums a computed criterion takes from the figures must pass the
rules a typed answer would (a numerator sum at most its denominator sum, a value in its range, no zero
denominator where N/A is forbidden). The session, the answer-file reader, the self-assessment reader,
`import --into` and the merge all ask here, so a figure refused on one laptop never gets in another way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from inspector.core.answer_rules import answer_problems
from inspector.core.facts import computed_answer
from inspector.core.i18n import decimal_mark, t
from inspector.core.model import Answer, Checklist, Criterion
from inspector.core.numbers import show_count


class FigureProblem(NamedTuple):
    code: str  # catalog key
    params: dict[str, object]
    facts: tuple[str, ...]  # the figures involved, in checklist order (what to fix)
    criterion_id: str | None = None  # the computed criterion they break, when they break one

    def message(self, lang: str | None = None) -> str:
        mark = decimal_mark(lang)
        return t(self.code, lang, **{k: show_count(v, mark) if isinstance(v, int) and not isinstance(v, bool)
                                     else v for k, v in self.params.items()})


def figure_problems(checklist: Checklist, facts: Mapping[str, int],
                    answers: Mapping[str, Answer] | None = None) -> list[FigureProblem]:
    """Every problem of these figures: a negative count, a sum a computed criterion cannot take. A computed
    criterion the team marked N/A takes nothing from them (`answers`), so it breaks no rule."""
    found = [FigureProblem("facts.negative", {"id": fact_id, "value": value}, (fact_id,))
             for fact_id, value in facts.items() if isinstance(value, int) and value < 0]
    answers = answers or {}
    for criterion in checklist.criteria:
        if not criterion.computed:
            continue
        effective = computed_answer(criterion, answers.get(criterion.id), facts)
        if effective is None or effective.na or not effective.has_value:
            continue
        present = tuple(ident for ident in criterion.all_fact_ids if ident in facts)
        found += [FigureProblem(code, params, present, criterion.id)
                  for code, params in computed_problems(criterion, effective)]
    return found


def problems_with(checklist: Checklist, facts: Mapping[str, int], fact_ids: set[str] | frozenset[str],
                  answers: Mapping[str, Answer] | None = None) -> list[FigureProblem]:
    """The problems that involve any of `fact_ids` (what a change to those figures would cause or keep)."""
    return [p for p in figure_problems(checklist, facts, answers) if fact_ids & set(p.facts)]


def computed_problems(criterion: Criterion, effective: Answer) -> list[tuple[str, dict[str, object]]]:
    """What is wrong with the sums a computed criterion got from its facts, naming the facts involved."""
    found: list[tuple[str, dict[str, object]]] = []
    names = {key: " + ".join(ids) for key, ids in criterion.facts}
    for field, code, params in answer_problems(criterion, effective):
        if field == "self_score":
            continue  # the answer table's own key: reported where it is written
        if code == "err.ratio_order":
            found.append(("err.computed_order", {"id": criterion.id, "numerator": names["numerator"],
                                                 "denominator": names["denominator"], **params}))
        elif code == "err.out_of_range":
            found.append(("err.computed_range", {"id": criterion.id, "facts": names["value"], **params}))
        elif code == "err.na_forbidden_zero":
            found.append(("err.computed_forbidden_zero", {"id": criterion.id, "denominator": names["denominator"]}))
    return found
