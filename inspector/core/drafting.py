"""Drafts for the minutes from a result: shortfalls, strengths, self-score totals (core, no UI)."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from inspector.core.i18n import decimal_mark, t
from inspector.core.model import Answer
from inspector.core.numbers import exact_sum, show
from inspector.core.scoring import ANSWERED, MISSING_EVIDENCE, CriterionResult, Result


def shortfalls(result: Result, answers: Mapping[str, Answer]) -> list[CriterionResult]:
    """Scored criteria of normal sections that were judged below their max (answered, or missing evidence).

    Unanswered criteria are the team's unfinished work, not the unit's shortfalls.
    """
    found: list[CriterionResult] = []
    for section in result.sections:
        if section.section.is_adjustment:
            continue
        for r in section.criteria:
            if r.criterion.scored and r.status in (ANSWERED, MISSING_EVIDENCE) and r.score < r.max:
                found.append(r)
    return found


def draft_shortfalls(result: Result, answers: Mapping[str, Answer], lang: str | None = None) -> str:
    """"Tồn tại, hạn chế" drafted from the criteria below max, with the team's notes."""
    mark = decimal_mark(lang)
    lines = []
    # Largest loss first: what the unit must fix first heads the list.
    for r in sorted(shortfalls(result, answers), key=lambda r: r.score - r.max):
        answer = answers.get(r.id)
        note = f" — {answer.note}" if answer is not None and answer.note else ""
        if r.status != ANSWERED:
            note += f" ({t(f'status.{r.status}', lang)})"
        lines.append(t("draft.shortfall_line", lang, id=r.id, title=r.criterion.title, score=show(r.score, mark),
                       max=show(r.max, mark), note=note))
    return "\n".join(lines)


def strengths(result: Result) -> list[CriterionResult]:
    """Criteria that earned their full points."""
    return [r for s in result.sections if not s.section.is_adjustment for r in s.criteria
            if r.criterion.scored and r.status == ANSWERED and r.score == r.max]


def draft_strengths(result: Result, lang: str | None = None) -> str:
    """One sentence per section with criteria at full marks: "Chỉ đạo, điều hành …: đạt điểm tối đa 5/8 tiêu chí
    (A1, A3, A5, A6, A8)." — not one line per criterion."""
    lines = []
    full = {r.id for r in strengths(result)}
    for section in result.sections:
        if section.section.is_adjustment:
            continue
        ids = [r.id for r in section.criteria if r.id in full]
        if ids:
            lines.append(t("draft.strength_section", lang, title=section.section.title, n=len(ids),
                           total=section.section.scored_count, ids=", ".join(ids)))
    return "\n".join(lines)


def self_score_totals(result: Result, answers: dict[str, Answer]) -> dict[str, Fraction | None]:
    """Σ of the unit's self-scores per section (None where the unit gave none)."""
    totals: dict[str, Fraction | None] = {}
    for section in result.sections:
        scores = (answers[r.id].self_score for r in section.criteria if r.id in answers)
        given = [score for score in scores if score is not None]
        totals[section.id] = exact_sum(given) if given else None
    return totals
