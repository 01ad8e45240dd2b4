"""Plain-text descriptions shared by every front end: a criterion's rule and tags, a result's summary lines.

The command line, the interface and the exports each dress these in their own way (Rich styles,
Markdown, Word runs); the words and numbers are decided here once.
"""

from __future__ import annotations

from typing import NamedTuple

from inspector.core.i18n import decimal_mark, t
from inspector.core.model import Criterion
from inspector.core.numbers import show
from inspector.core.scoring import Result


class Line(NamedTuple):
    """One line of text and its tone: "" (plain), "strong", "ok", "warning" or "danger"."""

    text: str
    tone: str = ""


def rule_lines(c: Criterion, lang: str | None = None) -> list[str]:
    """The scoring rule of a criterion, one short line each."""
    mark = decimal_mark(lang)
    lines: list[str] = []
    if c.type == "choice":
        lines += [t("rule.option", lang, id=o.id, label=o.label, points=show(o.points, mark)) for o in c.options]
    elif c.type == "multi":
        shared = bool(c.items) and c.items[0].points is None
        lines += [t("rule.item", lang, id=i.id, label=i.label,
                    points="" if i.points is None else f" → {show(i.points, mark)}") for i in c.items]
        if shared:
            lines.append(t("rule.items_share", lang, n=len(c.items)))
    elif c.type in ("ratio", "number"):
        unit = "%" if c.type == "ratio" else (f" {c.unit}" if c.unit else "")
        if c.linear is not None:
            lines.append(t("rule.linear", lang, floor=show(c.linear.floor, mark), target=show(c.linear.target, mark)))
        lines += [t("rule.step", lang, min=show(s.min, mark), unit=unit, points=show(s.points, mark)) for s in c.steps]
        if c.range is not None:
            lines.append(t("rule.range", lang, lo=show(c.range[0], mark), hi=show(c.range[1], mark)))
    elif c.type == "count" and c.each is not None:
        limit = t("rule.count_limit", lang, limit=show(c.limit, mark)) if c.limit is not None else ""
        lines.append(t("rule.count", lang, each=show(c.each, mark), limit=limit))
    return lines


def criterion_tags(c: Criterion, default_na: str, lang: str | None = None) -> list[str]:
    """Type, points, critical, evidence, N/A policy and unit types: what sets this criterion apart."""
    tags = [t(f"ctype.{c.type}", lang)]
    if c.scored and c.type != "count":
        tags.append(t("show.points", lang, max=show(c.max, decimal_mark(lang))))
    if c.critical:
        tags.append(t("show.critical", lang))
    if c.evidence == "required":
        tags.append(t("show.evidence_required", lang))
    if c.na != default_na:
        tags.append(t("show.na", lang, policy=t(f"policy.{c.na}", lang)))
    if c.applies_to is not None:
        tags.append(t("show.applies", lang, types=", ".join(c.applies_to)))
    return tags


def summary_lines(result: Result, lang: str | None = None) -> list[Line]:
    """Total, percent and band, whether the result is final, critical failures."""
    mark = decimal_mark(lang)

    def n(value) -> str:
        return show(value, mark)

    lines = [Line(f"{t('sum.total', lang)}: {n(result.total)} "
                  + t("sum.applicable", lang, applicable=n(result.applicable_max), max=n(result.max)), "strong")]
    if any(s.section.is_adjustment for s in result.sections):
        lines.append(Line(f"{t('sum.adjustment', lang)}: {n(result.adjustment)}   "
                          f"{t('sum.final', lang)}: {n(result.final)}"))
    percent = f"{n(result.percent)}%" if result.percent is not None else t("sum.none", lang)
    band = result.band or t("sum.none", lang)
    if result.band_capped:
        band = t("sum.band_capped", lang, band=result.band, uncapped=result.uncapped_band)
    lines.append(Line(f"{t('sum.percent', lang)}: {percent}   {t('sum.band', lang)}: {band}", "strong"))
    done, total = result.progress()
    if result.provisional:
        lines.append(Line(t("sum.provisional", lang, n=total - done), "warning"))
    else:
        lines.append(Line(t("sum.final_result", lang), "ok"))
    if result.critical_failed:
        lines.append(Line(t("sum.critical", lang, ids=", ".join(result.critical_failed)), "danger"))
    return lines
