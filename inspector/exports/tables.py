"""CSV (UTF-8 with BOM, for Excel) and Markdown."""

from __future__ import annotations

import csv
import functools
import io
from typing import BinaryIO, NamedTuple, Sequence, cast

from inspector.core.criteria import kind_of
from inspector.core.describe import summary_lines
from inspector.core.facts import CheckResult, evaluate_checks
from inspector.core.i18n import decimal_mark, t
from inspector.core.numbers import show, show_count
from inspector.exports.common import (
    Exported,
    StoredExports,
    answer_text,
    check_rows,
    fact_rows,
    neutralise,
    number,
    status_text,
)
from inspector.store.database import Inspection

CSV_COLUMNS = ("col.section_id", "col.section", "col.criterion_id", "col.criterion", "col.type", "col.max_points",
               "col.self", "col.inspected", "col.status", "col.answer", "col.explanation", "col.evidence", "col.note",
               "col.unit_explanation")
CSV_MULTI_COLUMNS = ("col.number", "col.unit", "col.date")


def criterion_rows(exported: Exported, lang: str | None = None, cell=None, fixed: dict | None = None) -> list[list]:
    """One row per criterion in CSV_COLUMNS order, each value passed through `cell` when given.

    A criterion's own columns (section, title, type, maximum) are the same in every inspection pinning the
    same checklist: `fixed`, kept by the caller across inspections, holds them made once per criterion."""
    fixed = {} if fixed is None else fixed
    statuses: dict[str, str] = {}
    rows = []
    answers = exported.record.answers
    for section in exported.result.sections:
        for r in section.criteria:
            c = r.criterion
            known = fixed.get(id(c))
            if known is None or known[0] is not c:
                head = [section.id, section.section.title, c.id, c.title, t(f"ctype.{c.type}", lang),
                        number(c.max) if kind_of(c).has_max else None]
                known = fixed[id(c)] = (c, list(map(cell, head)) if cell else head)
            # A computed criterion's answer is the one scored: its figures' sums, with its own note and evidence.
            answer = r.answer if c.computed else answers.get(r.id)
            status = statuses.get(r.status)
            if status is None:
                status = statuses[r.status] = status_text(r, lang)
            own = [number(answer.self_score) if answer is not None and answer.self_score is not None else None,
                   number(r.score) if c.scored else None, status, answer_text(c, answer, lang), r.explanation,
                   "; ".join(answer.evidence) if answer else "", answer.note if answer else "",
                   answer.explanation if answer else ""]
            rows.append(known[1] + (list(map(cell, own)) if cell else own))
    return rows


def stored_criterion_rows(record: Inspection, stored: dict[str, str], lang: str | None, cell, fixed: dict,
                          outcomes: dict) -> list[list]:
    """`criterion_rows` of an inspection read with `Store.load_stored`: the same rows, from the answers' JSON.

    What a row shows of an answer's score (points, status, answer text, explanation) depends only on the
    criterion, the answer's value parts (value, counts, N/A and reason, reported rate and source), whether it
    has evidence, the unit's type and, for a criterion with `applies_from`, the period's end: `outcomes`, kept by the caller across inspections, holds those four
    cells per such key, so an answer seen before is neither made into an `Answer` nor scored nor explained
    again. Computed criteria (from the figures) are scored as `score` scores them."""
    import json

    from inspector.core.answer_data import answer_from_data
    from inspector.core.facts import computed_answer
    from inspector.core.scoring import score_criterion

    checklist, info = record.checklist, record.info
    unit_type, period_end = info.unit_type, info.period_end
    rows = []
    for section in checklist.sections:
        for c in section.criteria:
            known = fixed.get(id(c))
            if known is None or known[0] is not c:
                head = [section.id, section.title, c.id, c.title,
                        t(f"ctype.{c.type}", lang), number(c.max) if kind_of(c).has_max else None]
                known = fixed[id(c)] = (c, list(map(cell, head)) if cell else head)
            text = stored.get(c.id)
            data = None if text is None else json.loads(text)
            if c.computed:
                answer = None if data is None else answer_from_data(c.id, data, c)
                r = score_criterion(c, computed_answer(c, answer, record.facts, info.facts_evidence), unit_type,
                                    period_end)
                answer = r.answer
                own = [number(answer.self_score) if answer is not None and answer.self_score is not None else None,
                       number(r.score) if c.scored else None, status_text(r, lang), answer_text(c, answer, lang),
                       r.explanation, "; ".join(answer.evidence) if answer else "", answer.note if answer else "",
                       answer.explanation if answer else ""]
                rows.append(known[1] + (list(map(cell, own)) if cell else own))
                continue
            ends = period_end if c.applies_from is not None else None
            if data is None:
                key: tuple = (id(c), unit_type, ends)
            else:
                value = data.get("value")
                key = (id(c), unit_type, ends, tuple(value) if isinstance(value, list) else value, data.get("numerator"),
                       data.get("denominator"), data.get("na", False), data.get("reason", ""),
                       data.get("reported_percent"), data.get("reported_source"), bool(data.get("evidence")))
            found = outcomes.get(key)
            if found is None or found[0] is not c:
                answer = None if data is None else answer_from_data(c.id, data, c)
                r = score_criterion(c, answer, unit_type, period_end)
                cells = [number(r.score) if c.scored else None, status_text(r, lang), answer_text(c, answer, lang),
                         r.explanation]
                if len(outcomes) > 50_000:  # a province's ratios are nearly all distinct: keep memory bounded
                    outcomes.clear()
                found = outcomes[key] = (c, list(map(cell, cells)) if cell else cells)
            if data is None:
                own = [None, *found[1], "", "", ""]
                rows.append(known[1] + ([cell(None), *found[1], cell(""), cell(""), cell("")] if cell else own))
                continue
            raw = data.get("self_score")
            own = [None if raw is None else _self_number(raw), *found[1], "; ".join(data.get("evidence", ())),
                   data.get("note", ""), data.get("explanation", "")]
            if cell:
                own[0], own[5], own[6], own[7] = cell(own[0]), cell(own[5]), cell(own[6]), cell(own[7])
            rows.append(known[1] + own)
    return rows


@functools.lru_cache(maxsize=1024)
def _self_number(raw: str | int | float) -> float | None:
    """A stored self-score (JSON: an int or exact text) as its cell number."""
    from fractions import Fraction

    return number(Fraction(raw))


def fact_table_rows(exported: Exported, lang: str | None = None) -> list[list]:
    """The figures and the checks as rows in the criterion table's columns (type "số liệu", "kiểm tra số liệu")."""
    width = len(CSV_COLUMNS)
    title = t("facts.title", lang)
    rows = []
    for ident, label, value, unit in fact_rows(exported):
        row: list = ["", title, ident, label, t("facts.kind", lang)] + [None] * (width - 5)
        row[CSV_COLUMNS.index("col.answer")] = value
        row[CSV_COLUMNS.index("col.note")] = unit
        row[CSV_COLUMNS.index("col.self")] = exported.record.reported_facts.get(ident)  # what the unit reported
        rows.append(row)
    for check, (label, detail, verdict) in zip(exported.result.checks, check_rows(exported, lang)):
        row = ["", title, check.id, label, t("facts.check_kind", lang)] + [None] * (width - 5)
        row[CSV_COLUMNS.index("col.status")] = verdict
        row[CSV_COLUMNS.index("col.explanation")] = detail
        rows.append(row)
    return rows


class _FiguresResult(NamedTuple):
    facts: dict[str, int]
    checks: tuple[CheckResult, ...]


class _Figures(NamedTuple):
    """What `fact_table_rows` reads of an `Exported` (the record, its figures and checks), without a result."""

    record: Inspection
    result: _FiguresResult


CSV_DIALECTS = ("en", "vi")  # en (or "excel"): "," and 1.5 (any Excel); vi: ";" and 1,5 (Excel set to Vietnamese)


def csv_variant(lang: str | None, dialect: str, several: bool) -> str:
    """What decides every byte of an inspection's CSV rows besides the inspection itself: the program's code
    (any change of wording, number or explanation), the language, plain glyphs or not, the dialect, and
    whether rows start with the inspection's number, unit and date."""
    from inspector.core.code_stamp import program_stamp
    from inspector.core.glyphs import plain
    from inspector.core.i18n import language

    return (f"{program_stamp()};{lang or language()};{'plain' if plain() else 'symbols'};"
            f"{'en' if dialect == 'excel' else dialect};{'several' if several else 'one'}")


def csv_bytes(items: Sequence[Exported], lang: str | None = None, progress=None, dialect: str = "excel") -> bytes:
    """The CSV of `write_csv` as bytes (one inspection, a preview, the tests)."""
    out = io.BytesIO()
    write_csv(items, out, lang, progress, dialect)
    return out.getvalue()


def write_csv(items: Sequence[Exported], out: BinaryIO, lang: str | None = None, progress=None,
              dialect: str = "excel") -> None:
    """One row per criterion; with several inspections each row starts with the inspection's id, unit, date.
    Written into `out` one inspection at a time: a province's 270,000 rows (≈ 140 MB) never sit in memory."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", delimiter=";" if dialect == "vi" else ",")
    out.write("\ufeff".encode("utf-8"))

    def flush() -> None:
        out.write(buffer.getvalue().encode("utf-8"))
        buffer.seek(0)
        buffer.truncate()

    def vi_cell(value):
        value = neutralise(value)
        if isinstance(value, float):
            return repr(value).replace(".", ",")  # Excel in Vietnamese reads 1,5 as a number
        return value

    cell = vi_cell if dialect == "vi" else neutralise

    several = len(items) > 1
    header = ([t(k, lang) for k in CSV_MULTI_COLUMNS] if several else []) + [t(k, lang) for k in CSV_COLUMNS]
    writer.writerow(header)
    fixed: dict = {}  # each criterion's own columns, made once for the whole file
    if isinstance(items, StoredExports):  # a store's: read from the answers' JSON, nothing scored twice
        from inspector.store.csv_cache import keep_rows, kept_rows, read_mark

        flush()  # the header
        variant = csv_variant(lang, dialect, several)
        made: list[tuple[int, str, bytes]] = []
        mark = read_mark(items.store)
        outcomes: dict = {}
        for done, number in enumerate(items.ids, 1):
            kept = kept_rows(items.store, number, variant)
            if kept is not None:  # unchanged since it was last exported so
                out.write(kept)
            else:
                record, stored = items.store.load_stored(number)
                info = record.info
                prefix = list(map(cell, [record.id, info.unit, info.date.strftime("%d/%m/%Y")])) if several else []
                writer.writerows(prefix + row for row in stored_criterion_rows(record, stored, lang, cell, fixed,
                                                                               outcomes))
                facts = dict(record.facts)
                checks = evaluate_checks(record.checklist, facts) if record.checklist.checks else ()
                figures = cast(Exported, _Figures(record, _FiguresResult(facts, checks)))
                writer.writerows(prefix + list(map(cell, row)) for row in fact_table_rows(figures, lang))
                rows = buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
                out.write(rows)
                made.append((number, variant, rows))
                if len(made) >= 256:  # kept as it goes: a province's rows never wait in memory
                    keep_rows(items.store, made, mark)
                    made, mark = [], read_mark(items.store)
            if progress:
                progress(done, len(items))
        keep_rows(items.store, made, mark)
        return
    for done, exported in enumerate(items, 1):
        info = exported.record.info
        prefix = list(map(cell, [exported.record.id, info.unit, info.date.strftime("%d/%m/%Y")])) if several else []
        writer.writerows(prefix + row for row in criterion_rows(exported, lang, cell, fixed))
        writer.writerows(prefix + list(map(cell, row)) for row in fact_table_rows(exported, lang))
        flush()
        if progress:
            progress(done, len(items))
    flush()


def markdown(exported: Exported, lang: str | None = None) -> str:
    """A short summary for email or chat."""
    record, result, mark = exported.record, exported.result, decimal_mark(lang)
    info = record.info
    lines = [f"# {t('md.title', lang, unit=info.unit)}", "",
             f"- {t('sum.date', lang)}: {info.date.strftime('%d/%m/%Y')}",
             f"- {t('col.checklist', lang)}: {record.checklist.title} ({record.checklist.id} {record.checklist.version})"]
    if info.period:
        lines.append(f"- {t('word.period', lang)}: {info.period}")
    if info.team:
        lines.append(f"- {t('word.team', lang)}: {'; '.join(info.team)}")
    # One paragraph per line (Markdown would run adjacent lines together); the core's strong lines in bold.
    for line in summary_lines(result, lang):
        lines += ["", f"**{line.text}**" if line.tone == "strong" else line.text]
    lines.append("")
    lines += [f"| {t('col.id', lang)} | {t('word.section', lang)} | {t('word.max', lang)} | {t('word.score', lang)} |",
              "|---|---|---:|---:|"]
    for s in result.sections:
        maximum = "" if s.section.is_adjustment else show(s.applicable_max, mark)
        lines.append(f"| {s.id} | {_cell(s.section.title)} | {maximum} | {show(s.score, mark)} |")
    if record.checklist.facts:
        lines += ["", f"## {t('facts.title', lang)}", "",
                  f"| {t('col.id', lang)} | {t('facts.title', lang)} | {t('col.answer', lang)} |", "|---|---|---:|"]
        for ident, label, value, unit in fact_rows(exported):
            shown = "" if value is None else show_count(value, mark) + (f" {unit}" if unit else "")
            lines.append(f"| {ident} | {_cell(label)} | {_cell(shown)} |")
        if record.info.facts_evidence:
            lines += ["", f"{t('facts.sources', lang)}: {_cell('; '.join(record.info.facts_evidence))}"]
        if exported.result.checks:
            lines.append("")
            for label, detail, verdict in check_rows(exported, lang):
                lines.append(f"- {verdict}: {label} ({detail})")
    findings = record.findings
    for key, text in (("word.shortfalls", findings.shortfalls), ("word.conclusion", findings.conclusion)):
        if text:
            lines += ["", f"## {t(key, lang)}", "", text]
    if findings.recommendations:
        lines += ["", f"## {t('word.recommendations', lang)}", ""]
        for i, rec in enumerate(findings.recommendations, 1):
            extra = ", ".join(x for x in (rec.responsible, rec.deadline) if x)
            lines.append(f"{i}. {rec.text}" + (f" ({extra})" if extra else ""))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
