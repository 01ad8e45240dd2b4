"""Occurrences counted (late dossiers, complaints), each worth `each` points, the sum within `limit`.
Only in a bonus/penalty section."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from inspector.core.criteria.base import (
    AnswerProblem,
    CriterionType,
    Unreadable,
    points_text,
    sample,
)
from inspector.core.i18n import decimal_mark, t
from inspector.core.model import Answer, Criterion
from inspector.core.numbers import ZERO, parse_whole, plain, show

if TYPE_CHECKING:
    from inspector.core.checklist import ChecklistBuilder
    from inspector.core.problems import Path


class Count(CriterionType):
    name = "count"
    has_max = False
    adjustment_only = True
    required = ("each",)
    template = {"type": "count", "each": -1}
    file_kind = "integer"

    def load(self, builder: ChecklistBuilder, raw: dict[str, Any], path: Path, maximum: Fraction | None,
             fields: dict[str, Any]) -> None:
        check = builder.check
        each = check.get(raw, "each", path, "number", required=True)
        limit = check.get(raw, "limit", path, "number")
        if each is not None and each == 0:
            check.problem(path + ("each",), "err.each_zero")
        if each is not None and limit is not None and each != 0 and (limit < 0) != (each < 0):
            check.problem(path + ("limit",), "err.limit_sign", limit=plain(limit), each=plain(each),
                          example="-2" if each < 0 else "2")
        fields["each"] = each
        fields["limit"] = limit

    def parse(self, c: Criterion, texts: Mapping[str, str]) -> dict[str, Any]:
        raw = texts.get("value", "").strip()
        value = parse_whole(raw) if raw else None
        if raw and value is None:
            raise Unreadable("value", "parse.not_an_integer", value=raw)
        return {"value": value}

    def problems(self, c: Criterion, answer: Answer) -> list[AnswerProblem]:
        if answer.value is not None and answer.value < 0:
            return [("value", "err.negative", {"key": "value", "value": answer.value})]
        return []

    def points(self, c: Criterion, answer: Answer) -> Fraction:
        if c.each is None:
            return ZERO
        count: int = answer.value  # a count's answer is a whole number
        raw = c.each * count
        if c.limit is not None:
            raw = max(raw, c.limit) if c.each < 0 else min(raw, c.limit)
        return raw

    def explain(self, c: Criterion, answer: Answer, points: Fraction, lang: str | None = None) -> str:
        assert c.each is not None  # the loader requires `each` on a count
        mark = decimal_mark(lang)
        raw = c.each * answer.value
        if raw != points:
            return t("exp.count_limited", lang, k=answer.value, each=show(c.each, mark), raw=show(raw, mark),
                     limit=show(c.limit if c.limit is not None else raw, mark), points=points_text(points, lang))
        return t("exp.count", lang, k=answer.value, each=show(c.each, mark), points=points_text(points, lang))

    def rule_lines(self, c: Criterion, lang: str | None = None) -> list[str]:
        if c.each is None:
            return []
        mark = decimal_mark(lang)
        limit = t("rule.count_limit", lang, limit=show(c.limit, mark)) if c.limit is not None else ""
        return [t("rule.count", lang, each=show(c.each, mark), limit=limit)]

    def samples(self, c: Criterion) -> list[Answer]:
        return [sample(c, value=k) for k in (1, 2, 5)]

    def self_score_bounds(self, c: Criterion) -> tuple[Fraction, Fraction]:
        """A penalty's self-score runs from its limit to 0 (a bonus's from 0 to its limit)."""
        if c.limit is None:
            return ZERO, ZERO
        return min(c.limit, ZERO), max(c.limit, ZERO)

    def measured(self, c: Criterion, answer: Answer) -> bool:
        return True
