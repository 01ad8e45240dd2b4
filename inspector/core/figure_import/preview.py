"""What an import would do, before anything is saved: each figure with its cell, the value found and the
value now, what each computed criterion and check becomes. Both interfaces show `Preview.lines()`; the
store saves `Preview.figures` (`store/imported_figures.py`)."""

from __future__ import annotations

import datetime as dt

from collections.abc import Mapping
from pathlib import Path


from inspector.core.glyphs import glyph
from inspector.core.figure_import.grid import ImportRefused
from inspector.core.figure_import.maps import FigureMap, all_maps, find_map
from inspector.core.figure_import.matcher import FigureRead, Match, match_report
from inspector.core.figure_import.readers import read_report
from inspector.core.figures import problems_with
from inspector.core.i18n import decimal_mark, t
from inspector.core.limits import visible
from inspector.core.model import Answer, Checklist
from inspector.core.numbers import show, show_count
from inspector.core.record import record
from inspector.core.scoring import CriterionResult, Result, score


@record
class Preview:
    match: Match
    figures: dict[str, int]  # what would be saved, in checklist order
    before: dict[str, int | None]  # each of those figures as recorded now
    skipped: tuple[str, ...]  # figures of the map the checklist does not have
    result_before: Result
    result: Result  # the inspection's result with the figures saved

    @property
    def file_name(self) -> str:
        return self.match.report.name

    @property
    def sha256(self) -> str:
        return self.match.report.sha256

    @property
    def source(self) -> str:
        """What the audit records as the figures' source: the file's name and SHA-256."""
        return f"{self.file_name} (SHA-256 {self.sha256})"

    @property
    def changes(self) -> dict[str, int]:
        return {k: v for k, v in self.figures.items() if self.before.get(k) != v}

    def lines(self, lang: str | None = None) -> list[str]:
        return preview_lines(self, lang)


def prepare(path: str | Path, checklist: Checklist, facts: Mapping[str, int], answers: Mapping[str, Answer],
            unit_type: str | None = None, map_ref: str | None = None, sheet: str | None = None,
            facts_evidence: tuple[str, ...] = (), period_end: dt.date | None = None) -> Preview:
    """Read the report, find (or take) the map, read the figures and say what saving them would do.
    ImportRefused (one message naming the file, sheet and cell) when anything is wrong; nothing is saved."""
    from inspector.core.problems import FileProblems

    chosen: FigureMap | None = None
    if map_ref:
        try:
            chosen = find_map(map_ref)
        except FileProblems as problems:
            raise ImportRefused("figimp.bad_map", detail=problems.render()) from None
        except LookupError:
            known = ", ".join(m.id for m in all_maps()[0])
            raise ImportRefused("figimp.unknown_map", map=map_ref, known=known) from None
    maps, _ = all_maps()
    report = read_report(path, t("figimp.html_table", n="{n}"))
    found = match_report(report, maps, chosen, sheet)
    return preview_of(found, checklist, facts, answers, unit_type, facts_evidence, period_end)


def preview_of(found: Match, checklist: Checklist, facts: Mapping[str, int], answers: Mapping[str, Answer],
               unit_type: str | None = None, facts_evidence: tuple[str, ...] = (),
               period_end: dt.date | None = None) -> Preview:
    """What saving would do; the report itself then joins the figures' source documents (`facts_evidence`),
    so the computed criteria it feeds have their evidence."""
    reads = {r.fact: r for r in found.reads}
    figures = {f.id: reads[f.id].value for f in checklist.facts if f.id in reads}
    skipped = tuple(r.fact for r in found.reads if checklist.fact(r.fact) is None)
    if not figures:
        raise ImportRefused("figimp.no_figures", file=found.report.name, map=found.map.id, checklist=checklist.id)
    merged = {**facts, **figures}
    broken = problems_with(checklist, merged, set(figures), answers)
    if broken:
        problem = broken[0]
        cells = [f"{found.grid.sheet}!{c.address}" for fact in problem.facts if fact in reads
                 for c in reads[fact].cells]
        raise ImportRefused("figimp.breaks_rule", file=found.report.name, cells=", ".join(cells),
                            detail=problem.message())
    ordered = {f.id: merged[f.id] for f in checklist.facts if f.id in merged}
    return Preview(found, figures, {k: facts.get(k) for k in figures}, skipped,
                   score(checklist, answers, unit_type, facts, facts_evidence, period_end),
                   score(checklist, answers, unit_type, ordered,
                         tuple(dict.fromkeys((*facts_evidence, found.report.name))), period_end))


def _cells(found: Match, read: FigureRead, mark: str) -> tuple[str, str]:
    where = f"{found.grid.sheet}!" + " + ".join(c.address for c in read.cells)
    values = [show_count(c.value, mark) for c in read.cells]
    value = values[0] if len(values) == 1 else " + ".join(values) + " = " + show_count(read.value, mark)
    return where, value


def preview_lines(preview: Preview, lang: str | None = None) -> list[str]:
    mark = decimal_mark(lang)
    found = preview.match
    lines = [t("figimp.pv.file", lang, file=visible(preview.file_name, keep=""), sha=preview.sha256[:16]),
             t("figimp.pv.map_chosen" if found.chosen else "figimp.pv.map_found", lang, map=found.map.id,
               title=found.map.title),
             t("figimp.pv.row", lang, sheet=visible(found.grid.sheet, keep=""), row=found.total_row + 1,
               label=visible(found.total_label, keep="")),
             t("figimp.pv.figures", lang)]
    reads = {r.fact: r for r in found.reads}
    rows = []
    for fact, value in preview.figures.items():
        where, shown = _cells(found, reads[fact], mark)
        now = preview.before.get(fact)
        now_text = t("figimp.pv.none", lang) if now is None else show_count(now, mark)
        status = t("figimp.pv.same", lang) if now == value else t("figimp.pv.now", lang, value=now_text)
        rows.append((fact, where, shown, status))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for fact, where, shown, status in rows:
        lines.append(f"  {fact.ljust(widths[0])} ← {where.ljust(widths[1])}  {shown.rjust(widths[2])}   {status}")
    if preview.skipped:
        lines.append(t("figimp.pv.skipped", lang, facts=", ".join(preview.skipped)))
    computed = _computed_lines(preview, lang)
    if computed:
        lines.append(t("figimp.pv.criteria", lang))
        lines += computed
    checks = _check_lines(preview, lang)
    if checks:
        lines.append(t("figimp.pv.checks", lang))
        lines += checks
    typed = [f.id for f in preview.result.checklist.facts if f.id not in preview.figures]
    if typed:
        lines.append(t("figimp.pv.typed", lang, facts=", ".join(typed)))
    lines.append(t("figimp.pv.evidence", lang, file=visible(preview.file_name, keep="")))
    return lines


def _computed_lines(preview: Preview, lang: str | None) -> list[str]:
    from inspector.core.model import UNANSWERED

    mark = decimal_mark(lang)
    before = {r.id: r for r in preview.result_before.criteria}

    def points(r: CriterionResult) -> str:
        if r.status == UNANSWERED:
            return t("figimp.pv.unscored", lang)
        return t("figimp.pv.points", lang, score=show(r.score, mark), max=show(r.max, mark))

    lines = []
    for r in preview.result.criteria:
        c = r.criterion
        if not c.computed or not set(c.all_fact_ids) & set(preview.figures):
            continue
        explanation = t("figimp.pv.waiting", lang) if r.status == UNANSWERED else r.explanation
        lines.append(t("figimp.pv.criterion", lang, id=r.id, was=points(before[r.id]), now=points(r),
                       explanation=explanation))
    return lines


def _check_lines(preview: Preview, lang: str | None) -> list[str]:
    from inspector.core.describe import check_detail

    facts = preview.result.facts
    lines = []
    for check in preview.result.checks:
        if not set(check.check.left + check.check.right) & set(preview.figures):
            continue
        symbol = glyph("✗" if check.failed else "✓" if check.evaluated else "·")
        line = f"  {symbol} {check.id}: {visible(check.check.label, keep='')} ({check_detail(check, facts, lang)})"
        if check.failed:
            line += " — " + t("figimp.pv.not_blocking", lang)
        lines.append(line)
    return lines

