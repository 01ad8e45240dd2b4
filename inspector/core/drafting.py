"""Drafts for the minutes from a result: shortfalls and strengths written as sentences, one paragraph per
section, and the unit's self-score totals (core, no UI).

A draft must already read like a person wrote it: sections with the largest losses first, each criterion by
its title (never a bare code), with what was measured, the team's note and the reason; the team edits it
before the documents are exported.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction


from inspector.core.criteria import kind_of
from inspector.core.i18n import decimal_mark, t
from inspector.core.model import Answer
from inspector.core.numbers import exact_sum, show
from inspector.core.record import record
from inspector.core.scoring import ANSWERED, MISSING_EVIDENCE, NA, CriterionResult, Result, SectionResult

STRENGTH_TITLES = 3  # criteria named in a section's strengths sentence; the rest are counted


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


def in_sentence(title: str) -> str:
    """A title inside a sentence: its first letter lowered, unless the first word is an abbreviation
    ("TTHC", "UBND") or a number."""
    first = title.split(" ", 1)[0]
    if len(first) > 1 and (first[1].isupper() or first[1].isdigit()) or first[:1].isdigit():
        return title
    return title[:1].lower() + title[1:]


def _points(r: CriterionResult, mark: str) -> str:
    return f"{show(r.score, mark)}/{show(r.max, mark)}"


def has_reason(r: CriterionResult, answers: Mapping[str, Answer]) -> bool:
    """Whether a shortfall says why: the team's note, a measured value or a chosen level, or missing evidence.
    A bare "no" with nothing written is flagged before the documents go out."""
    answer = answers.get(r.id)
    if r.status == MISSING_EVIDENCE or (answer is not None and answer.note.strip()):
        return True
    found = r.answer or answer  # a value computed from the figures is held by the result
    return found is not None and bool(kind_of(r.criterion).shortfall_text(r.criterion, found, None))


def unexplained_shortfalls(result: Result, answers: Mapping[str, Answer]) -> list[CriterionResult]:
    return [r for r in shortfalls(result, answers) if not has_reason(r, answers)]


def _shortfall_phrase(r: CriterionResult, answers: Mapping[str, Answer], lang: str | None) -> str:
    mark = decimal_mark(lang)
    answer = answers.get(r.id)
    title = in_sentence(r.criterion.title.strip().rstrip("."))
    if r.status == MISSING_EVIDENCE:
        found = t("draft.no_evidence", lang)
    else:
        measured = r.answer or answer  # a value computed from the figures is held by the result
        found = kind_of(r.criterion).shortfall_text(r.criterion, measured, lang) if measured is not None else ""
        if not found:
            found = t("draft.not_met" if r.score <= 0 else "draft.partly_met", lang)
    note = answer.note.strip().rstrip(".") if answer is not None else ""
    return t("draft.shortfall_phrase", lang, title=title, found=found, points=_points(r, mark),
             note=f": {note}" if note else "")


def draft_shortfalls(result: Result, answers: Mapping[str, Answer], lang: str | None = None) -> str:
    """"Tồn tại, hạn chế": one paragraph per section, the section losing most first, and in each the criteria
    losing most first, with what was found, the team's note and the points."""
    mark = decimal_mark(lang)
    found = shortfalls(result, answers)
    by_section: dict[str, list[CriterionResult]] = {}
    for r in found:
        by_section.setdefault(r.criterion.section_id, []).append(r)
    sections = {s.id: s for s in result.sections}
    order = sorted(by_section, key=lambda sid: (-sum(r.max - r.score for r in by_section[sid]),
                                                [s.id for s in result.sections].index(sid)))
    lines = []
    for sid in order:
        section = sections[sid]
        phrases = [_shortfall_phrase(r, answers, lang)
                   for r in sorted(by_section[sid], key=lambda r: (r.score - r.max, r.criterion.id))]
        lines.append(t("draft.shortfall_section", lang, title=section.section.title.strip().rstrip("."),
                       score=show(section.score, mark), max=show(section.applicable_max, mark),
                       items="; ".join(phrases)))
    return "\n".join(lines)


def strengths(result: Result) -> list[CriterionResult]:
    """Criteria that earned their full points."""
    return [r for s in result.sections if not s.section.is_adjustment for r in s.criteria
            if r.criterion.scored and r.status == ANSWERED and r.score == r.max]


def _strength_phrase(r: CriterionResult, lang: str | None) -> str:
    title = in_sentence(r.criterion.title.strip().rstrip("."))
    kind = kind_of(r.criterion)
    if r.answer is not None and kind.measured(r.criterion, r.answer):
        return t("draft.strength_measured", lang, title=title, value=kind.value_text(r.criterion, r.answer, lang))
    return title


def _section_strengths(section: SectionResult, full: list[CriterionResult], lang: str | None) -> str:
    mark = decimal_mark(lang)
    scored = [r for r in section.criteria if r.criterion.scored and r.status != NA]
    points = {"title": section.section.title.strip().rstrip("."), "score": show(section.score, mark),
              "max": show(section.applicable_max, mark)}
    if len(full) == len(scored):
        return t("draft.strength_all", lang, n=len(full), **points)
    named = sorted(full, key=lambda r: -r.max)[:STRENGTH_TITLES]
    named.sort(key=lambda r: [c.criterion.id for c in section.criteria].index(r.criterion.id))
    items = "; ".join(_strength_phrase(r, lang) for r in named)
    rest = len(full) - len(named)
    more = t("draft.strength_more", lang, n=rest) if rest else ""
    return t("draft.strength_some", lang, k=len(full), n=len(scored), items=items, more=more, **points)


def draft_strengths(result: Result, lang: str | None = None) -> str:
    """One sentence per section with criteria at full marks, naming them by title (the measured value where
    there is one): "Công tác chỉ đạo, điều hành (đạt 6/8 điểm): đạt điểm tối đa 4/6 tiêu chí, gồm …"."""
    full = {r.id for r in strengths(result)}
    lines = []
    for section in result.sections:
        if section.section.is_adjustment:
            continue
        at_max = [r for r in section.criteria if r.id in full]
        if at_max:
            lines.append(_section_strengths(section, at_max, lang))
    return "\n".join(lines)


@record
class SelfScores:
    """The unit's self-scores over the criteria the team did not mark N/A: their sum, how many were given,
    out of how many (a partial self-assessment is said to be partial, never shown as a total)."""

    total: Fraction | None
    given: int
    of: int

    @property
    def partial(self) -> bool:
        return 0 < self.given < self.of


def _self_scores(results: list[CriterionResult], answers: Mapping[str, Answer]) -> SelfScores:
    counted = [r for r in results if r.criterion.scored and r.status != NA]
    given = [answers[r.id].self_score for r in counted if r.id in answers and answers[r.id].self_score is not None]
    return SelfScores(exact_sum([g for g in given if g is not None]) if given else None, len(given), len(counted))


def self_scores(result: Result, answers: Mapping[str, Answer]) -> tuple[dict[str, SelfScores], SelfScores]:
    """Per section, and over every normal section, the unit's self-scores (module docstring: what counts)."""
    per = {s.id: _self_scores(list(s.criteria), answers) for s in result.sections}
    normal = [r for s in result.sections if not s.section.is_adjustment for r in s.criteria]
    return per, _self_scores(normal, answers)


def self_score_totals(result: Result, answers: Mapping[str, Answer]) -> dict[str, Fraction | None]:
    """Σ of the unit's self-scores per section (None where the unit gave none), criteria marked N/A left out."""
    return {sid: scores.total for sid, scores in self_scores(result, answers)[0].items()}
