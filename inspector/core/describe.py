"""Plain-text descriptions shared by every front end: a criterion's rule and tags, a result's summary lines.

The command line, the interface and the exports each dress these in their own way (Rich styles,
Markdown, Word runs); the words and numbers are decided here once.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

from inspector.core.criteria import TYPES
from inspector.core.facts import CheckResult, Facts, fact_sum, sum_text
from inspector.core.i18n import decimal_mark, t
from inspector.core.model import MISSING_EVIDENCE, Checklist, Criterion
from inspector.core.numbers import show, show_count
from inspector.core.scoring import Result


class Line(NamedTuple):
    """One line of text and its tone: "" (plain), "strong", "ok", "warning" or "danger"."""

    text: str
    tone: str = ""


def rule_lines(c: Criterion, lang: str | None = None) -> list[str]:
    """The scoring rule of a criterion, one short line each."""
    return TYPES[c.type].rule_lines(c, lang)


def criterion_tags(c: Criterion, default_na: str, lang: str | None = None) -> list[str]:
    """Type, points, critical, evidence, N/A policy and unit types: what sets this criterion apart."""
    tags = [t(f"ctype.{c.type}", lang)]
    if TYPES[c.type].has_max:
        tags.append(t("show.points", lang, max=show(c.max, decimal_mark(lang))))
    if c.critical:
        tags.append(t("show.critical", lang))
    if c.evidence == "required":
        tags.append(t("show.evidence_required", lang))
    if c.na != default_na:
        tags.append(t("show.na", lang, policy=t(f"policy.{c.na}", lang)))
    if c.applies_to is not None:
        tags.append(t("show.applies", lang, types=", ".join(c.applies_to)))
    if c.applies_from is not None:
        tags.append(t("show.applies_from", lang, day=c.applies_from.strftime("%d/%m/%Y")))
    return tags


def summary_lines(result: Result, lang: str | None = None) -> list[Line]:
    """Total, percent and band, whether the result is final, critical failures."""
    mark = decimal_mark(lang)

    def n(value: Fraction) -> str:
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
    if result.provisional and result.band:
        band = f"{band} ({t('band.provisional', lang)})"
    lines.append(Line(f"{t('sum.percent', lang)}: {percent}   {t('sum.band', lang)}: {band}", "strong"))
    done, total = result.progress()
    if result.provisional:
        lines.append(Line(t("sum.provisional", lang, n=total - done), "warning"))
    else:
        lines.append(Line(t("sum.final_result", lang), "ok"))
    lacking = missing_evidence(result)
    if lacking:  # answered is not proven: a criterion scored 0 for want of its evidence is said by name
        lines.append(Line(t("sum.missing_evidence", lang, n=len(lacking), ids=", ".join(lacking)), "warning"))
    if result.critical_failed:
        lines.append(Line(t("sum.critical", lang, ids=", ".join(result.critical_failed)), "danger"))
    lines += [Line(text, "danger") for text in failed_check_lines(result, lang)]
    return lines


def missing_evidence(result: Result) -> list[str]:
    """The criteria of normal sections scored without the evidence their checklist requires (computed ones
    included: their figures' source documents are their evidence)."""
    return [r.id for s in result.sections if not s.section.is_adjustment for r in s.criteria
            if r.status == MISSING_EVIDENCE]


def failed_check_lines(result: Result, lang: str | None = None) -> list[str]:
    """ "Số liệu chưa khớp: Tiếp nhận = đã giải quyết + đang giải quyết (2.119 + 80 = 2.199 ≠ 2.201)"."""
    return [t("facts.check_failed", lang, label=c.check.label, detail=check_detail(c, result.facts, lang))
            for c in result.checks_failed]


def check_detail(check: CheckResult, facts: Facts, lang: str | None = None) -> str:
    """Both sums of a check and how they compare: "2.119 + 80 = 2.199 ≠ 2.201"."""
    mark = decimal_mark(lang)

    def number(value: int) -> str:
        return show_count(value, mark)

    if not check.evaluated:
        return t("facts.check_open", lang)
    sign = {"==": "=", "<=": "≤", ">=": "≥"}[check.check.op]
    if check.failed:
        sign = {"=": "≠", "≤": ">", "≥": "<"}[sign]
    return f"{sum_text(check.check.left, facts, number)} {sign} {sum_text(check.check.right, facts, number)}"


def computed_lines(c: Criterion, facts: Facts, checklist: Checklist, lang: str | None = None) -> list[str]:
    """Where a computed criterion's figures come from: "Tử số: Đúng hạn (2.119) = 2.119"."""
    mark = decimal_mark(lang)
    lines = []
    for key, ids in c.facts:
        parts = []
        for ident in ids:
            fact = checklist.fact(ident)
            value = facts.get(ident)
            shown = show_count(value, mark) if value is not None else t("facts.missing", lang)
            parts.append(f"{fact.label if fact else ident} ({shown})")
        total = fact_sum(ids, facts)
        summed = f" = {show_count(total, mark)}" if total is not None and len(ids) > 1 else ""
        lines.append(f"{t(f'facts.side.{key}', lang)}: {' + '.join(parts)}{summed}")
    return lines


def fact_lines(checklist: Checklist, facts: Facts, lang: str | None = None) -> list[tuple[str, str, str]]:
    """(label, value with unit, id) per declared fact, in checklist order; value "" when not recorded."""
    mark = decimal_mark(lang)
    rows = []
    for fact in checklist.facts:
        value = facts.get(fact.id)
        shown = "" if value is None else show_count(value, mark) + (f" {fact.unit}" if fact.unit else "")
        rows.append((fact.label, shown, fact.id))
    return rows
