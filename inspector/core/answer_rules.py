"""The rules one answer must follow, whatever way it came in (typed, a file, a bundle): one list, one wording."""

from __future__ import annotations

from fractions import Fraction

from inspector.core.criteria import TYPES
from inspector.core.i18n import decimal_mark, t
from inspector.core.model import Answer, Criterion
from inspector.core.numbers import plain
from inspector.core.problems import Msg

AnswerProblem = tuple[str, str, dict[str, object]]


def answer_problems(criterion: Criterion, answer: Answer) -> list[AnswerProblem]:
    """Every rule the answer breaks, as (field, catalog key, params). Empty when the answer may be stored.

    Used by the file loader and by every input in the TUI, so both refuse the same things the same way.
    """
    found: list[AnswerProblem] = []
    if answer.na:
        if not TYPES[criterion.type].may_be_na(criterion):
            found.append(("na", "err.na_forbidden", {}))
        if not answer.reason.strip():
            found.append(("reason", "err.na_reason", {}))
        for key in TYPES[criterion.type].value_keys:
            if getattr(answer, key) is not None:
                found.append((key, "err.na_with_value", {"key": key}))
        return found
    if answer.reason:
        found.append(("reason", "err.reason_without_na", {}))
    found += TYPES[criterion.type].problems(criterion, answer)
    if answer.self_score is not None and criterion.max > 0 and answer.self_score > criterion.max:
        found.append(("self_score", "err.self_score_range", {"value": answer.self_score, "max": criterion.max}))
    return found


def answer_errors(criterion: Criterion, answer: Answer, lang: str | None = None) -> dict[str, str]:
    """Field → message, for showing next to an input."""

    mark = decimal_mark(lang)
    errors: dict[str, str] = {}
    for field, code, params in answer_problems(criterion, answer):
        rendered = {k: (v.render(lang) if isinstance(v, Msg) else plain(v).replace(".", mark)
                        if isinstance(v, Fraction) else v) for k, v in params.items()}
        errors.setdefault(field, t(code, lang, **rendered))
    return errors


