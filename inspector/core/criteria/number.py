"""A measured value (a duration, a count of days…) scored by steps, within an optional valid range."""

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
from inspector.core.criteria.ratio import step_lines
from inspector.core.i18n import decimal_mark, t
from inspector.core.model import Answer, Criterion
from inspector.core.numbers import ZERO, parse_number, show, show_compared

if TYPE_CHECKING:
    from inspector.core.checklist import ChecklistBuilder
    from inspector.core.problems import Path


class Number(CriterionType):
    name = "number"
    required = ("max", "steps")
    template = {"type": "number", "max": 1, "steps": [{"min": 1, "points": 1}]}
    file_kind = "number"
    fact_sides = ("value",)
    facts_example = 'facts = { value = ["hs_buu_chinh"] }'

    def load(self, builder: ChecklistBuilder, raw: dict[str, Any], path: Path, maximum: Fraction | None,
             fields: dict[str, Any]) -> None:
        check = builder.check
        if "steps" not in raw:
            check.problem(path, "err.missing", key="steps", example="steps = [{ min = 90, points = 1 }]")
        else:
            builder.steps(raw, path, maximum, fields)
        fields["unit"] = check.get(raw, "unit", path, "string", default="")
        builder.criterion_facts(raw, path, self, fields)
        bounds = check.get(raw, "range", path, "pair")
        if bounds is not None:
            if bounds[0] > bounds[1]:
                check.problem(path + ("range",), "err.range")
            else:
                fields["range"] = bounds

    def parse(self, c: Criterion, texts: Mapping[str, str]) -> dict[str, Any]:
        raw = texts.get("value", "").strip()
        value = parse_number(raw) if raw else None
        if raw and value is None:
            raise Unreadable("value", "parse.not_a_number", value=raw)
        return {"value": value}

    def problems(self, c: Criterion, answer: Answer) -> list[AnswerProblem]:
        value = answer.value
        if value is None or c.range is None:
            return []
        lo, hi = c.range
        return [] if lo <= value <= hi else [("value", "err.out_of_range", {"value": value, "lo": lo, "hi": hi})]

    def figure_fields(self, c: Criterion, sums: Mapping[str, int]) -> dict[str, Any]:
        return {"value": Fraction(sums["value"]), "numerator": None, "denominator": None}

    def field_text(self, value: Any) -> str:
        return "" if value is None else show(value, decimal_mark(), 6)

    def value_from_data(self, value: Any) -> Any:
        return None if value is None else Fraction(value)

    def points(self, c: Criterion, answer: Answer) -> Fraction:
        step = c.step_for(answer.value)
        return step.points if step is not None else ZERO

    def explain(self, c: Criterion, answer: Answer, points: Fraction, lang: str | None = None) -> str:
        mark = decimal_mark(lang)
        step = c.step_for(answer.value)
        shown = show_compared(answer.value, tuple(s.min for s in c.steps), mark)
        if step is None:
            return t("exp.number_below", lang, value=shown, unit=c.unit_suffix, min=show(c.steps[-1].min, mark))
        return t("exp.number_step", lang, value=shown, unit=c.unit_suffix, min=show(step.min, mark),
                 points=points_text(points, lang))

    def value_text(self, c: Criterion, answer: Answer, lang: str | None = None) -> str:
        return "" if answer.value is None else show(answer.value, decimal_mark(lang), 6) + c.unit_suffix

    def rule_lines(self, c: Criterion, lang: str | None = None) -> list[str]:
        return step_lines(c, c.unit_suffix, lang)

    def samples(self, c: Criterion) -> list[Answer]:
        values = [s.min for s in c.steps] + ([c.steps[-1].min - 1] if c.steps else [])
        return [sample(c, value=v) for v in values if c.range is None or c.range[0] <= v <= c.range[1]]

    def measured(self, c: Criterion, answer: Answer) -> bool:
        return True
