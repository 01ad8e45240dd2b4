"""A ratio of two counts (numerator / denominator), scored by steps on its percentage or linearly."""

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
from inspector.core.model import Answer, Criterion, Linear
from inspector.core.numbers import (
    ZERO,
    parse_whole,
    plain,
    ratio_percent,
    show,
    show_compared,
    show_count,
    show_parts,
)
from inspector.core.problems import msg

if TYPE_CHECKING:
    from inspector.core.checklist import ChecklistBuilder
    from inspector.core.problems import Path


class Ratio(CriterionType):
    name = "ratio"
    one_of = ("steps", "linear")
    template = {"type": "ratio", "max": 1, "steps": [{"min": 100, "points": 1}, {"min": 80, "points": 0.5}]}
    value_keys = ("numerator", "denominator")
    extra_keys = ("reported_percent", "reported_source")
    file_kind = "integer"
    fact_sides = ("numerator", "denominator")
    facts_example = 'facts = { numerator = ["hs_dung_han"], denominator = ["hs_da_giai_quyet"] }'

    def load(self, builder: ChecklistBuilder, raw: dict[str, Any], path: Path, maximum: Fraction | None,
             fields: dict[str, Any]) -> None:
        check = builder.check
        has_steps, has_linear = "steps" in raw, "linear" in raw
        if has_steps == has_linear:
            check.problem(path + (("steps",) if has_steps else ()), "err.ratio_rule",
                          fix=msg("fix.ratio_both" if has_steps else "fix.ratio_none"))
        if has_steps:
            builder.steps(raw, path, maximum, fields)
        if has_linear:
            linear = check.get(raw, "linear", path, "table")
            if linear is not None:
                lpath = path + ("linear",)
                check.known_keys(linear, ("floor", "target"), lpath)
                floor = check.get(linear, "floor", lpath, "number", required=True)
                target = check.get(linear, "target", lpath, "number", required=True)
                if floor is not None and target is not None:
                    if not (0 <= floor < target):
                        check.problem(lpath, "err.linear_order", floor=plain(floor), target=plain(target))
                    fields["linear"] = Linear(floor, target)
        fields["numerator_label"] = check.get(raw, "numerator", path, "string", default="")
        fields["denominator_label"] = check.get(raw, "denominator", path, "string", default="")
        builder.criterion_facts(raw, path, self, fields)

    def parse(self, c: Criterion, texts: Mapping[str, str]) -> dict[str, Any]:
        """Two whole numbers as people type them (8.630 or 8630), both of them (Delete clears an answer)."""
        parsed: dict[str, Any] = {}
        for key in self.value_keys:
            raw = texts.get(key, "").strip()
            parsed[key] = parse_whole(raw) if raw else None
            if raw and parsed[key] is None:
                raise Unreadable(key, "parse.not_an_integer", value=raw)
        if parsed["numerator"] is None or parsed["denominator"] is None:
            raise Unreadable("numerator" if parsed["numerator"] is None else "denominator", "parse.need_both")
        return parsed

    def problems(self, c: Criterion, answer: Answer) -> list[AnswerProblem]:
        found: list[AnswerProblem] = []
        n, d = answer.numerator, answer.denominator
        if (n is None) != (d is None):
            found.append(("numerator" if n is None else "denominator", "err.ratio_pair",
                          {"missing": "numerator" if n is None else "denominator"}))
        for key, v in (("numerator", n), ("denominator", d)):
            if v is not None and v < 0:
                found.append((key, "err.negative", {"key": key, "value": v}))
        if n is not None and d is not None and 0 <= d < n:
            found.append(("numerator", "err.ratio_order", {"n": n, "d": d}))
        if d == 0 and c.na == "forbidden":
            found.append(("denominator", "err.na_forbidden_zero", {}))
        found += reported_problems(answer)
        return found

    def automatic_na(self, c: Criterion, answer: Answer) -> str | None:
        return "zero_denominator" if answer.denominator == 0 else None

    def figure_fields(self, c: Criterion, sums: Mapping[str, int]) -> dict[str, Any]:
        return {"value": None, "numerator": sums["numerator"], "denominator": sums["denominator"]}

    def points(self, c: Criterion, answer: Answer) -> Fraction:
        n, d = answer.numerator, answer.denominator
        if n is None or d is None:
            if answer.reported_percent is not None:  # no counts: the percentage the report gives
                return self._points_of_percent(c, answer.reported_percent)
            return ZERO  # never for a validated answer; keeps the rule total
        if c.linear is not None:
            return self._points_of_percent(c, ratio_percent(n, d))
        # Compare 100·n/d ≥ min without building a Fraction: 100·n·min.den ≥ min.num·d (d > 0).
        scaled = 100 * n
        for step in c.steps:
            low = step.min
            if scaled * low.denominator >= low.numerator * d:
                return step.points
        return ZERO

    @staticmethod
    def _points_of_percent(c: Criterion, percent: Fraction) -> Fraction:
        if c.linear is not None:
            if percent < c.linear.floor:
                return ZERO
            return c.max * min(Fraction(1), percent / c.linear.target)
        step = c.step_for(percent)
        return ZERO if step is None else step.points

    def explain(self, c: Criterion, answer: Answer, points: Fraction, lang: str | None = None) -> str:
        if answer.on_reported_rate:
            return self._explain_reported(c, answer, points, lang)
        assert answer.numerator is not None and answer.denominator is not None  # an answered ratio has both
        mark = decimal_mark(lang)
        p = ratio_percent(answer.numerator, answer.denominator)
        n, d = show_count(answer.numerator, mark), show_count(answer.denominator, mark)  # 8.630/8.630
        pts = points_text(points, lang)
        if c.linear is not None:
            floor, target = c.linear.floor, c.linear.target
            if p < floor:
                return t("exp.linear_below", lang, n=n, d=d, p=show_compared(p, floor, mark), floor=show(floor, mark))
            if p >= target:
                return t("exp.linear_full", lang, n=n, d=d, p=show_compared(p, target, mark),
                         target=show(target, mark), points=pts)
            return t("exp.linear", lang, n=n, d=d, p=show_compared(p, floor, mark), floor=show(floor, mark),
                     max=show(c.max, mark), target=show(target, mark), points=pts)
        # c.step_for(p) in integers, as `points` compares: 100·n·min.den ≥ min.num·d (d > 0 when answered)
        scaled, d_int = 100 * answer.numerator, answer.denominator
        step = next((s for s in c.steps if scaled * s.min.denominator >= s.min.numerator * d_int), None) \
            if d_int > 0 else c.step_for(p)
        shown = show_compared(p, c.thresholds, mark)
        if step is None:
            return t("exp.ratio_below", lang, n=n, d=d, p=shown, min=show(c.steps[-1].min, mark))
        return t("exp.ratio_step", lang, n=n, d=d, p=shown, min=show(step.min, mark), points=pts)

    def _explain_reported(self, c: Criterion, answer: Answer, points: Fraction, lang: str | None) -> str:
        """"99,9% (tỷ lệ theo Báo cáo số 12/BC-UBND; không có số hồ sơ) ≥ 98% → 3 điểm"."""
        assert answer.reported_percent is not None
        mark = decimal_mark(lang)
        p = answer.reported_percent
        shown = reported_text(answer, lang)
        pts = points_text(points, lang)
        if c.linear is not None:
            floor, target = c.linear.floor, c.linear.target
            if p < floor:
                return t("exp.reported_below", lang, shown=shown, min=show(floor, mark))
            if p >= target:
                return t("exp.reported_step", lang, shown=shown, min=show(target, mark), points=pts)
            return t("exp.reported_linear", lang, shown=shown, floor=show(floor, mark), target=show(target, mark),
                     max=show(c.max, mark), points=pts)
        step = c.step_for(p)
        if step is None:
            return t("exp.reported_below", lang, shown=shown, min=show(c.steps[-1].min, mark))
        return t("exp.reported_step", lang, shown=shown, min=show(step.min, mark), points=pts)

    def value_text(self, c: Criterion, answer: Answer, lang: str | None = None) -> str:
        if answer.on_reported_rate:
            return reported_text(answer, lang)
        if answer.numerator is None or answer.denominator is None:
            return ""
        mark = decimal_mark(lang)
        if answer.denominator == 0:
            return f"{show_count(answer.numerator, mark)}/0"
        percent = show_parts(100 * answer.numerator, answer.denominator, mark)  # = show(ratio_percent(n, d))
        return f"{show_count(answer.numerator, mark)}/{show_count(answer.denominator, mark)} = {percent}%"

    def percent_text(self, c: Criterion, texts: Mapping[str, str], lang: str | None = None) -> str:
        """The percentage of what is being typed ("= 97,97%"), or "" while it is no ratio yet."""
        numerator, denominator = (parse_whole(texts.get(key, "")) for key in self.value_keys)
        if numerator is None or not denominator:
            return ""
        return t("show.percent_live", lang, p=show_compared(ratio_percent(numerator, denominator), c.thresholds,
                                                              decimal_mark(lang)))

    def rule_lines(self, c: Criterion, lang: str | None = None) -> list[str]:
        return step_lines(c, "%", lang)

    def value_labels(self, c: Criterion) -> str:
        return " / ".join(x for x in (c.numerator_label, c.denominator_label) if x)

    def samples(self, c: Criterion) -> list[Answer]:
        marks = sorted({100, 50, *(int(s.min) for s in c.steps if 0 <= s.min <= 100),
                        *([int(c.linear.floor), int(c.linear.floor) + (100 - int(c.linear.floor)) // 2]
                          if c.linear else [])}, reverse=True)
        samples = [sample(c, numerator=m, denominator=100) for m in marks]
        return samples + ([] if c.na == "forbidden" else [sample(c, numerator=0, denominator=0)])

    def measured(self, c: Criterion, answer: Answer) -> bool:
        return True


def step_lines(c: Criterion, unit: str, lang: str | None = None) -> list[str]:
    """A measured criterion's rule: linear, its steps, its valid range."""
    mark = decimal_mark(lang)
    lines = []
    if c.linear is not None:
        lines.append(t("rule.linear", lang, floor=show(c.linear.floor, mark), target=show(c.linear.target, mark)))
    lines += [t("rule.step", lang, min=show(s.min, mark), unit=unit, points=show(s.points, mark)) for s in c.steps]
    if c.range is not None:
        lines.append(t("rule.range", lang, lo=show(c.range[0], mark), hi=show(c.range[1], mark)))
    return lines


def reported_text(answer: Answer, lang: str | None = None) -> str:
    """A reported rate as documents print it: "99,9% (tỷ lệ theo Báo cáo số 12/BC-UBND; không có số hồ sơ)"."""
    assert answer.reported_percent is not None
    percent = plain(answer.reported_percent).replace(".", decimal_mark(lang))  # as the report gives it, unrounded
    source = " ".join(answer.reported_source.split())
    return t("show.reported_rate" if source else "show.reported_rate_unsourced", lang, p=percent, source=source)


def reported_problems(answer: Answer) -> list[AnswerProblem]:
    """A reported percentage is a rate: from 0 to 100; a source without a percentage says nothing."""
    p = answer.reported_percent
    if p is not None and not (0 <= p <= 100):
        return [("reported_percent", "err.reported_percent_range", {"value": plain(p)})]
    if p is None and answer.reported_source.strip():
        return [("reported_source", "err.reported_source_alone", {})]
    return []
