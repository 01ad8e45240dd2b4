"""One-line explanations of criterion scores, in the current language."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from inspector.core.i18n import decimal_mark, language, t
from inspector.core.model import ANSWERED, MISSING_EVIDENCE, NA, UNANSWERED
from inspector.core.numbers import ratio_percent, show, show_compared, show_count

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


_EXPLAINED: dict = {}


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
        reason = result.na_reason
        if reason == "zero_denominator":
            reason = t("reason.zero_denominator", lang)
        elif reason.startswith("unit_type:"):
            reason = t("reason.unit_type", lang, unit_type=reason.split(":", 1)[1])
        return t(f"exp.na_{result.na_policy}", lang, reason=reason, max=num(c.max))
    assert result.status == ANSWERED and a is not None
    pts = num(result.score)
    if c.type == "yes_no":
        return t("exp.yes", lang, points=pts) if a.value else t("exp.no", lang)
    if c.type == "choice":
        option = c.option(a.value)
        return t("exp.choice", lang, label=option.label if option else a.value, points=pts)
    if c.type == "multi":
        ticked = [i for i in c.items if i.id in set(a.value)]
        if not ticked:
            return t("exp.multi_none", lang)
        weights = [i.points for i in ticked if i.points is not None]
        if len(weights) == len(ticked):
            total = sum(weights, Fraction(0))
            return t("exp.multi_points", lang, n=len(ticked), terms=" + ".join(num(w) for w in weights),
                     sum=num(total), cap=t("exp.multi_cap", lang, max=num(c.max)) if total > c.max else "", points=pts)
        return t("exp.multi_share", lang, n=len(ticked), total=len(c.items), max=num(c.max), points=pts)
    if c.type == "ratio":
        assert a.numerator is not None and a.denominator is not None  # an answered ratio has both
        p = ratio_percent(a.numerator, a.denominator)
        n, d = show_count(a.numerator, mark), show_count(a.denominator, mark)  # 8.630/8.630 as people write it
        if c.linear is not None:
            floor, target = c.linear.floor, c.linear.target
            if p < floor:
                return t("exp.linear_below", lang, n=n, d=d, p=show_compared(p, floor, mark), floor=num(floor))
            if p >= target:
                return t("exp.linear_full", lang, n=n, d=d, p=show_compared(p, target, mark), target=num(target),
                         points=pts)
            return t("exp.linear", lang, n=n, d=d, p=show_compared(p, floor, mark), floor=num(floor), max=num(c.max),
                     target=num(target), points=pts)
        step = c.step_for(p)
        shown = show_compared(p, tuple(s.min for s in c.steps), mark)
        if step is None:
            return t("exp.ratio_below", lang, n=n, d=d, p=shown, min=num(c.steps[-1].min))
        return t("exp.ratio_step", lang, n=n, d=d, p=shown, min=num(step.min), points=pts)
    if c.type == "number":
        value = a.value
        unit = c.unit_suffix
        step = c.step_for(value)
        shown = show_compared(value, tuple(s.min for s in c.steps), mark)
        if step is None:
            return t("exp.number_below", lang, value=shown, unit=unit, min=num(c.steps[-1].min))
        return t("exp.number_step", lang, value=shown, unit=unit, min=num(step.min), points=pts)
    if c.type == "count":
        assert c.each is not None  # the loader requires `each` on a count
        raw = c.each * a.value
        if raw != result.score:
            return t("exp.count_limited", lang, k=a.value, each=num(c.each), raw=num(raw), limit=num(c.limit or raw),
                     points=pts)
        return t("exp.count", lang, k=a.value, each=num(c.each), points=pts)
    return t("exp.text", lang)
