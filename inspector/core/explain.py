"""One-line explanations of criterion scores, in the current language."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from inspector.core.criteria import TYPES
from inspector.core.glyphs import plain
from inspector.core.i18n import decimal_mark, language, t
from inspector.core.model import ANSWERED, MISSING_EVIDENCE, NA, UNANSWERED, Answer, Criterion
from inspector.core.numbers import show

if TYPE_CHECKING:
    from inspector.core.scoring import CriterionResult


def explain(result: CriterionResult, lang: str | None = None) -> str:
    """The explanation of one criterion's score. The same criterion with the same answer explains itself the
    same way: cached on (criterion object, the answer's value, outcome, language, plain glyphs) for exports of a whole
    province. Only the parts of an answer an explanation reads are in the key (value_key): answers that
    differ by their note, evidence or the unit's self-score share one explanation."""
    score = result.score  # as two ints: hashing a Fraction computes a modular inverse
    key = (id(result.criterion), value_key(result.answer), result.status, score.numerator, score.denominator,
           result.na_policy, result.na_reason, lang or language(), plain())
    found = _EXPLAINED.get(key)
    if found is not None and found[0] is result.criterion:
        return found[1]
    text = _explain(result, lang)
    if len(_EXPLAINED) > 50_000:
        _EXPLAINED.clear()
    _EXPLAINED[key] = (result.criterion, text)
    return text


_EXPLAINED: dict[tuple[object, ...], tuple[Criterion, str]] = {}


def value_key(a: Answer | None) -> tuple[object, ...] | None:
    """What of an answer its explanation and its answer text read (value, counts, N/A and its reason, a
    reported rate and its source), hashable cheaply: Fractions as their two integers."""
    if a is None:
        return None
    value, rate = a.value, a.reported_percent
    if isinstance(value, Fraction):
        value = ("fraction", value.numerator, value.denominator)
    return (value, a.numerator, a.denominator, a.na, a.reason,
            None if rate is None else (rate.numerator, rate.denominator), a.reported_source)


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
    if reason.startswith("applies_from:"):
        day, _, end = reason.split(":", 1)[1].partition("/")
        return t("reason.applies_from", lang, day=_day_text(day), end=_day_text(end))
    return reason


def _day_text(iso: str) -> str:
    """2027-01-01 → 01/01/2027 (as Vietnamese write dates, in both languages' documents)."""
    year, _, rest = iso.partition("-")
    month, _, day = rest.partition("-")
    return f"{day}/{month}/{year}" if day else iso
