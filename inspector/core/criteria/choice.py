"""One choice among options, each worth its points."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from inspector.core.checks import did_you_mean, guess_hint
from inspector.core.criteria.base import (
    AnswerProblem,
    CriterionType,
    Edit,
    Unreadable,
    points_text,
    sample,
    with_value,
)
from inspector.core.i18n import decimal_mark, t
from inspector.core.model import Answer, Criterion, Option
from inspector.core.numbers import ZERO, plain, show

if TYPE_CHECKING:
    from inspector.core.checklist import ChecklistBuilder
    from inspector.core.problems import Path


def entry_by_text(entries: tuple[Any, ...], text: str) -> Any | None:
    """An option or item named by its number (1, 2…), its id or its label (case and spaces ignored)."""
    text = text.strip()
    if text.isdigit() and 1 <= int(text) <= len(entries):
        return entries[int(text) - 1]
    folded = text.casefold()
    return next((e for e in entries if e.id == text or e.id.casefold() == folded or e.label.casefold() == folded),
                None)


class Choice(CriterionType):
    name = "choice"
    required = ("max", "options")
    template = {"type": "choice", "max": 1, "options": [{"id": "dat", "label": "Đạt", "points": 1},
                                                         {"id": "khong", "label": "Không đạt", "points": 0}]}
    answer_keys = tuple(str(d) for d in range(1, 10))
    hint = "answer.keys.choice"

    def load(self, builder: ChecklistBuilder, raw: dict[str, Any], path: Path, maximum: Fraction | None,
             fields: dict[str, Any]) -> None:
        check = builder.check
        options_raw = check.get(raw, "options", path, "table_list", required=True)
        if options_raw is None:
            return
        if len(options_raw) < 2:
            check.problem(path + ("options",), "err.min_items", key="options", n=2,
                          example='{ id = "khong", label = "Không", points = 0 }')
        ids: dict[str, Path] = {}
        options = []
        for i, o in enumerate(options_raw):
            opath = path + ("options", i)
            check.known_keys(o, ("id", "label", "points"), opath)
            oid = builder.identifier(o, opath, ids, "option")
            label = check.get(o, "label", opath, "string", required=True)
            points = check.get(o, "points", opath, "number", required=True)
            if points is not None and maximum is not None and points > maximum:
                check.problem(opath + ("points",), "err.points_over_max", points=plain(points), max=plain(maximum))
            if oid is not None and label is not None and points is not None:
                options.append(Option(oid, label, points))
        fields["options"] = tuple(options)

    def parse(self, c: Criterion, texts: Mapping[str, str]) -> dict[str, Any]:
        text = texts.get("value", "").strip()
        if not text:
            return {"value": None}
        option = entry_by_text(c.options, text)
        if option is None:
            ids = [o.id for o in c.options]
            raise Unreadable("value", "err.unknown_option", value=text, allowed=", ".join(ids),
                             hint=guess_hint(did_you_mean(text, ids)))
        return {"value": option.id}

    def keyed(self, c: Criterion, key: str) -> Edit | None:
        if not key.isdigit() or not 1 <= int(key) <= len(c.options):
            return None
        return with_value(value=c.options[int(key) - 1].id)

    def problems(self, c: Criterion, answer: Answer) -> list[AnswerProblem]:
        value = answer.value
        if value is None or c.option(value) is not None:
            return []
        ids = [o.id for o in c.options]
        return [("value", "err.unknown_option", {"value": value, "allowed": ", ".join(ids),
                                                 "hint": guess_hint(did_you_mean(value, ids))})]

    def points(self, c: Criterion, answer: Answer) -> Fraction:
        option = c.option(answer.value)
        return option.points if option is not None else ZERO

    def explain(self, c: Criterion, answer: Answer, points: Fraction, lang: str | None = None) -> str:
        option = c.option(answer.value)
        return t("exp.choice", lang, label=option.label if option else answer.value, points=points_text(points, lang))

    def value_text(self, c: Criterion, answer: Answer, lang: str | None = None) -> str:
        if answer.value is None:
            return ""
        option = c.option(answer.value)
        return option.label if option else str(answer.value)

    def shortfall_text(self, c: Criterion, answer: Answer, lang: str | None = None) -> str:
        shown = self.value_text(c, answer, lang).strip().rstrip(".")
        return shown[:1].lower() + shown[1:] if shown[1:2].islower() else shown

    def rule_lines(self, c: Criterion, lang: str | None = None) -> list[str]:
        mark = decimal_mark(lang)
        return [t("rule.option", lang, id=o.id, label=o.label, points=show(o.points, mark)) for o in c.options]

    def samples(self, c: Criterion) -> list[Answer]:
        return [sample(c, value=o.id) for o in c.options]
