"""Several items ticked: each item's points (capped at max), or max shared equally among the items."""

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
    yes_or_no,
)
from inspector.core.criteria.choice import entry_by_text
from inspector.core.i18n import decimal_mark, t
from inspector.core.model import Answer, Criterion, Item
from inspector.core.numbers import ZERO, show
from inspector.core.record import evolve

if TYPE_CHECKING:
    from inspector.core.checklist import ChecklistBuilder
    from inspector.core.problems import Path


class Multi(CriterionType):
    name = "multi"
    required = ("max", "items")
    template = {"type": "multi", "max": 1, "items": [{"id": "a", "label": "Nội dung 1"},
                                                      {"id": "b", "label": "Nội dung 2"}]}
    file_kind = "string_list"
    answer_keys = tuple(str(d) for d in range(1, 10))
    hint = "answer.keys.multi"

    def load(self, builder: ChecklistBuilder, raw: dict[str, Any], path: Path, maximum: Fraction | None,
             fields: dict[str, Any]) -> None:
        check = builder.check
        items_raw = check.get(raw, "items", path, "table_list", required=True)
        if items_raw is None:
            return
        if not items_raw:
            check.problem(path + ("items",), "err.min_items", key="items", n=1, example='{ id = "a", label = "…" }')
        ids: dict[str, Path] = {}
        items = []
        for i, it in enumerate(items_raw):
            ipath = path + ("items", i)
            check.known_keys(it, ("id", "label", "points"), ipath)
            iid = builder.identifier(it, ipath, ids, "item")
            label = check.get(it, "label", ipath, "string", required=True)
            points = check.get(it, "points", ipath, "number")
            if iid is not None and label is not None:
                items.append(Item(iid, label, points))
        with_points = sum(1 for it in items_raw if "points" in it)
        if 0 < with_points < len(items_raw):
            check.problem(path + ("items",), "err.items_points_mixed")
        fields["items"] = tuple(items)

    def parse(self, c: Criterion, texts: Mapping[str, str]) -> dict[str, Any]:
        """Items named by number, id or label, separated by commas or semicolons: "1, 3" or "a; c"."""
        text = texts.get("value", "").strip()
        if not text:
            return {"value": None}
        if yes_or_no(text) is False:  # "không", "0": answered, nothing ticked
            return {"value": ()}
        chosen = set()
        for part in text.replace(";", ",").split(","):
            if not part.strip():
                continue
            item = entry_by_text(c.items, part)
            if item is None:
                ids = [i.id for i in c.items]
                raise Unreadable("value", "err.unknown_item", value=part.strip(), allowed=", ".join(ids),
                                 hint=guess_hint(did_you_mean(part.strip(), ids)))
            chosen.add(item.id)
        return {"value": tuple(i.id for i in c.items if i.id in chosen)}

    def field_text(self, value: Any) -> str:
        if value is None:
            return ""
        return ", ".join(value) if value else t("word.no")  # "không": answered, nothing ticked

    def keyed(self, c: Criterion, key: str) -> Edit | None:
        """A number ticks or unticks that item; the items stay in checklist order."""
        if not key.isdigit() or not 1 <= int(key) <= len(c.items):
            return None
        item_id, order = c.items[int(key) - 1].id, [i.id for i in c.items]

        def toggle(answer: Answer) -> Answer:
            ticked = set(answer.value) if not answer.na and answer.value is not None else set()
            ticked ^= {item_id}
            return evolve(answer, na=False, reason="", value=tuple(i for i in order if i in ticked))

        return toggle

    def problems(self, c: Criterion, answer: Answer) -> list[AnswerProblem]:
        if answer.value is None:
            return []
        found: list[AnswerProblem] = []
        ids = [i.id for i in c.items]
        seen: set[str] = set()
        for item in answer.value:
            if item in seen:
                found.append(("value", "err.repeated_item", {"value": item}))
            elif item not in ids:
                found.append(("value", "err.unknown_item", {"value": item, "allowed": ", ".join(ids),
                                                            "hint": guess_hint(did_you_mean(item, ids))}))
            seen.add(item)
        return found

    def points(self, c: Criterion, answer: Answer) -> Fraction:
        ticked = answer.value
        if c.items and c.items[0].points is not None:
            chosen = set(ticked)
            return min(c.max, sum((i.points or ZERO for i in c.items if i.id in chosen), ZERO))
        return c.max * len(ticked) / len(c.items) if c.items else ZERO

    def explain(self, c: Criterion, answer: Answer, points: Fraction, lang: str | None = None) -> str:
        ticked = [i for i in c.items if i.id in set(answer.value)]
        if not ticked:
            return t("exp.multi_none", lang)
        mark = decimal_mark(lang)
        weights = [i.points for i in ticked if i.points is not None]
        if len(weights) == len(ticked):
            total = sum(weights, Fraction(0))
            cap = t("exp.multi_cap", lang, max=show(c.max, mark)) if total > c.max else ""
            return t("exp.multi_points", lang, n=len(ticked), terms=" + ".join(show(w, mark) for w in weights),
                     sum=show(total, mark), cap=cap, points=points_text(points, lang))
        return t("exp.multi_share", lang, n=len(ticked), total=len(c.items), max=show(c.max, mark),
                 points=points_text(points, lang))

    def value_text(self, c: Criterion, answer: Answer, lang: str | None = None) -> str:
        if answer.value is None:
            return ""
        labels = {i.id: i.label for i in c.items}
        return "; ".join(labels.get(v, v) for v in answer.value)

    def shortfall_text(self, c: Criterion, answer: Answer, lang: str | None = None) -> str:
        ticked = set(answer.value or ())
        missing = [i.label.strip().rstrip(".") for i in c.items if i.id not in ticked]
        return t("draft.missing_items", lang, items="; ".join(missing)) if missing else ""

    def rule_lines(self, c: Criterion, lang: str | None = None) -> list[str]:
        mark = decimal_mark(lang)
        lines = [t("rule.item", lang, id=i.id, label=i.label,
                   points="" if i.points is None else f" → {show(i.points, mark)}") for i in c.items]
        if c.items and c.items[0].points is None:
            lines.append(t("rule.items_share", lang, n=len(c.items)))
        return lines

    def samples(self, c: Criterion) -> list[Answer]:
        ids = tuple(i.id for i in c.items)
        return [sample(c, value=ids), sample(c, value=ids[:1]), sample(c, value=())]
