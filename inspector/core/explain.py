"""One-line explanations of criterion scores, in the current language."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from inspector.core.criteria import TYPES
from inspector.core.i18n import decimal_mark, language, t
from inspector.core.model import ANSWERED, MISSING_EVIDENCE, NA, UNANSWERED, Criterion
from inspector.core.numbers import show

if TYPE_CHECKING:
    from inspector.core.scoring import CriterionResult


def explain(result: CriterionResult, lang: str | None = None) -> str:
    """The explanation of one criterion's score. The same criterion with the same answer explains itself the
    same way: cached on (criterion object, answer, outcome, language) for exports of a whole province."""
    score = result.score  # as two ints: hashing a Fraction computes a modular inverse
    key = (id(result.criterion), result.answer, result.status, score.numerator, score.denominator, result.na_policy,
           result.na_reason, lang or language())
    found = _EXPLAINED.get(key)
    if found is not None and found[0] is result.criterion:
        return found[1]
    text = _explain(result, lang)
    if len(_EXPLAINED) > 50_000:
        _EXPLAINED.clear()
    _EXPLAINED[key] = (result.criterion, text)
    return text


_EXPLAINED: dict[tuple[object, ...], tuple[Criterion, str]] = {}


def _explain(result: CriterionResult, lang: str | None = None) -> str:
    c, a = result.criterion, result.answer
    mark = decimal_mark(lang)

    def num(value: Fraction) -> str:
        return show(value, mark)

    if result.status == UNANSWERED:
        return t("exp.text", lang) if not c.scored else t("exp.unanswered", lang, max=num(c.max))
    if result.status == MISSING_EVIDENCE:
        return t("exp.missing_evidence", lang, max=num(c.max))
    if result.status == NA:
        return t(f"exp.na_{result.na_policy}", lang, reason=na_reason_text(result.na_reason, lang), max=num(c.max))
    assert result.status == ANSWERED and a is not None
    return TYPES[c.type].explain(c, a, result.score, lang)


def na_reason_text(reason: str, lang: str | None = None) -> str:
    """Why a criterion is not applicable, in words: the team's reason, or what the engine decided itself."""
    if reason == "zero_denominator":
        return t("reason.zero_denominator", lang)
    if reason.startswith("unit_type:"):
        return t("reason.unit_type", lang, unit_type=reason.split(":", 1)[1])
    return reason
