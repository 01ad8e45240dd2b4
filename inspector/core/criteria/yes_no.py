"""Có / không: the full points or none."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from inspector.core.criteria.base import (
    CriterionType,
    Edit,
    Unreadable,
    sample,
    with_value,
    yes_or_no,
)
from inspector.core.i18n import t
from inspector.core.model import Answer, Criterion
from inspector.core.numbers import ZERO


class YesNo(CriterionType):
    name = "yes_no"
    template = {"type": "yes_no", "max": 1}
    file_kind = "boolean"
    answer_keys = ("yes", "no")
    hint = "answer.keys.yes_no"

    def parse(self, c: Criterion, texts: Mapping[str, str]) -> dict[str, Any]:
        text = texts.get("value", "").strip()
        if not text:
            return {"value": None}
        value = yes_or_no(text)
        if value is None:
            raise Unreadable("value", "parse.not_yes_no", value=text)
        return {"value": value}

    def field_text(self, value: Any) -> str:
        return "" if value is None else t("word.yes" if value else "word.no")

    def keyed(self, c: Criterion, key: str) -> Edit | None:
        return with_value(value=key == "yes") if key in ("yes", "no") else None

    def points(self, c: Criterion, answer: Answer) -> Fraction:
        return c.max if answer.value else ZERO

    def explain(self, c: Criterion, answer: Answer, points: Fraction, lang: str | None = None) -> str:
        from inspector.core.criteria.base import points_text

        return t("exp.yes", lang, points=points_text(points, lang)) if answer.value else t("exp.no", lang)

    def value_text(self, c: Criterion, answer: Answer, lang: str | None = None) -> str:
        return "" if answer.value is None else t("word.yes" if answer.value else "word.no", lang)

    def samples(self, c: Criterion) -> list[Answer]:
        return [sample(c, value=True), sample(c, value=False)]
