"""The scoring engine: a pure function from (checklist, answers) to an explainable, exact result."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Mapping, NamedTuple, Sequence


from inspector.core.criteria import TYPES
from inspector.core.engine_version import engine_stamp
from inspector.core.explain import explain
from inspector.core.facts import CheckResult, computed_answer, evaluate_checks
from inspector.core.model import (
    ANSWERED,
    MISSING_EVIDENCE,
    NA,
    STATUSES,
    UNANSWERED,
    Answer,
    Checklist,
    Criterion,
    Section,
)
from inspector.core.numbers import HUNDRED, ZERO, exact_sum, grouped_sum
from inspector.core.record import record, field

__all__ = ["engine_stamp", "ANSWERED", "MISSING_EVIDENCE", "NA", "STATUSES", "UNANSWERED", "CriterionResult", "SectionResult",
           "Result", "score", "rescore", "score_criterion", "points"]


class CriterionResult(NamedTuple):
    """One criterion's outcome. A NamedTuple: millions are made when a province is scored at once."""

    criterion: Criterion
    status: str
    score: Fraction
    applicable_max: Fraction
    answer: Answer | None = None
    na_policy: str | None = None  # the policy applied when status is "na"
    na_reason: str = ""

    @property
    def id(self) -> str:
        return self.criterion.id

    @property
    def max(self) -> Fraction:
        return self.criterion.max

    @property
    def critical_failed(self) -> bool:
        c = self.criterion
        return c.critical and (self.status == MISSING_EVIDENCE or (self.status == ANSWERED and self.score <= 0))

    @property
    def explanation(self) -> str:
        """One line saying why this score (in the current language); built only when asked for."""
        return explain(self)


@record
class SectionResult:
    section: Section
    criteria: tuple[CriterionResult, ...]
    score: Fraction  # for adjustment sections: the clamped sum
    max: Fraction
    applicable_max: Fraction
    raw_score: Fraction  # the sum before an adjustment section's clamp
    unanswered: int = 0  # scored criteria still without an answer
    critical_failed: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.section.id


@record
class Result:
    checklist: Checklist
    sections: tuple[SectionResult, ...]
    total: Fraction
    max: Fraction
    applicable_max: Fraction
    adjustment: Fraction
    percent: Fraction | None
    band: str | None
    uncapped_band: str | None
    provisional: bool
    critical_failed: tuple[str, ...]
    facts: Mapping[str, int] = field(factory=dict)  # the recorded figures (§8)
    checks: tuple[CheckResult, ...] = ()
    facts_evidence: tuple[str, ...] = ()  # the figures' source documents (evidence of computed criteria)
    period_end: dt.date | None = None  # the last day of the period inspected

    @property
    def checks_failed(self) -> tuple[CheckResult, ...]:
        """Checks whose figures do not add up, in checklist order (reported; they change no score)."""
        return tuple(c for c in self.checks if c.failed)

    @property
    def criteria(self) -> tuple[CriterionResult, ...]:
        return tuple(r for s in self.sections for r in s.criteria)

    @property
    def final(self) -> Fraction:
        """Total with bonus and penalty points applied."""
        return self.total + self.adjustment

    @property
    def band_capped(self) -> bool:
        return self.band != self.uncapped_band

    def progress(self) -> tuple[int, int]:
        """(criteria with an answer or N/A, criteria to answer) over scored criteria of normal sections."""
        total = sum(s.section.scored_count for s in self.sections if not s.section.is_adjustment)
        return total - sum(s.unanswered for s in self.sections), total


def score(checklist: Checklist, answers: Mapping[str, Answer], unit_type: str | None = None,
          facts: Mapping[str, int] | None = None, facts_evidence: Sequence[str] = (),
          period_end: dt.date | None = None) -> Result:
    """The result of an inspection; `facts` are its recorded figures, from which computed criteria are scored,
    and `facts_evidence` the documents they were read from (the evidence of every computed criterion);
    `period_end` the last day of the period inspected (a criterion for later periods is not applicable)."""
    facts = dict(facts or {})
    sources = tuple(facts_evidence)
    sections = tuple(
        section_result(section, [score_criterion(c, computed_answer(c, answers.get(c.id), facts, sources) if c.facts
                                                 else answers.get(c.id), unit_type, period_end)
                                 for c in section.criteria])
        for section in checklist.sections
    )
    return combine(checklist, sections, facts, sources, period_end)


def _answer_for(c: Criterion, answer: Answer | None, facts: Mapping[str, int],
                facts_evidence: tuple[str, ...]) -> Answer | None:
    return computed_answer(c, answer, facts, facts_evidence) if c.facts else answer


def rescore(previous: Result, answer: Answer | None, criterion_id: str, unit_type: str | None = None) -> Result:
    """The result after one answer changed: only its section is summed again (fast on huge checklists)."""
    checklist = previous.checklist
    s_index, c_index = checklist.position(criterion_id)
    old = previous.sections[s_index]
    results = list(old.criteria)
    criterion = results[c_index].criterion
    results[c_index] = score_criterion(criterion, _answer_for(criterion, answer, previous.facts,
                                                              previous.facts_evidence), unit_type, previous.period_end)
    sections = list(previous.sections)
    sections[s_index] = section_result(old.section, results)
    return combine(checklist, tuple(sections), previous.facts, previous.facts_evidence, previous.period_end)


def section_result(section: Section, results: list[CriterionResult]) -> SectionResult:
    # One pass over the results (this runs for every section of every inspection a province export scores):
    # numerators summed per denominator (see exact_sum), the points N/A by "rescale" removes from the
    # applicable max, critical failures, and scored criteria still unanswered.
    sums: dict[int, int] = {}
    removed: dict[int, int] = {}
    failed: list[str] = []
    unanswered = 0
    for r in results:
        c = r.criterion
        n, d = r.score.as_integer_ratio()
        sums[d] = sums.get(d, 0) + n
        if r.applicable_max is not c.max:  # only N/A by "rescale" lowers the applicable max
            n, d = c.max.as_integer_ratio()
            removed[d] = removed.get(d, 0) + n
        if c.critical and r.critical_failed:
            failed.append(c.id)
        elif r.status == UNANSWERED and c.scored:
            unanswered += 1
    raw = grouped_sum(sums)
    s_max = section.max_points
    s_applicable = s_max - grouped_sum(removed) if removed else s_max
    value = raw
    if section.is_adjustment:
        unanswered = 0
        if section.min is not None and value < section.min:
            value = section.min
        if section.max is not None and value > section.max:
            value = section.max
    return SectionResult(section, tuple(results), value, s_max, s_applicable, raw, unanswered, tuple(failed))


def combine(checklist: Checklist, sections: tuple[SectionResult, ...], facts: Mapping[str, int] | None = None,
            facts_evidence: tuple[str, ...] = (), period_end: dt.date | None = None) -> Result:
    normal = [s for s in sections if not s.section.is_adjustment]
    total = exact_sum([s.score for s in normal])
    maximum = exact_sum([s.max for s in normal])
    applicable = exact_sum([s.applicable_max for s in normal])
    adjustment = exact_sum([s.score for s in sections if s.section.is_adjustment])
    failed = tuple(cid for s in sections for cid in s.critical_failed)
    provisional = any(s.unanswered for s in normal)
    percent = band = uncapped = None
    if applicable > 0:
        percent = min(HUNDRED, max(ZERO, HUNDRED * (total + adjustment) / applicable))
        uncapped = band = _band(checklist, percent)
        if failed and checklist.critical_cap is not None and band is not None:
            band = _cap(checklist, band)
    facts = facts or {}
    checks = evaluate_checks(checklist, facts) if checklist.checks else ()
    return Result(checklist, sections, total, maximum, applicable, adjustment, percent, band, uncapped,
                  provisional, failed, facts, checks, facts_evidence, period_end)


def _band(checklist: Checklist, percent: Fraction) -> str | None:
    for band in checklist.bands:
        if band.min <= percent:
            return band.label
    return None


def _cap(checklist: Checklist, band: str) -> str:
    labels = [b.label for b in checklist.bands]
    cap = checklist.critical_cap
    return band if cap is None else labels[max(labels.index(band), labels.index(cap))]


def score_criterion(c: Criterion, answer: Answer | None, unit_type: str | None = None,
                    period_end: dt.date | None = None) -> CriterionResult:
    if c.applies_to is not None and unit_type is not None and unit_type not in c.applies_to:
        return CriterionResult(c, NA, ZERO, ZERO, answer, "rescale", f"unit_type:{unit_type}")
    if c.applies_from is not None and period_end is not None and period_end < c.applies_from:
        return CriterionResult(c, NA, ZERO, ZERO, answer, "rescale",
                               f"applies_from:{c.applies_from.isoformat()}/{period_end.isoformat()}")
    if answer is None or not (answer.na or answer.has_value):
        return _new_tuple(CriterionResult, (c, UNANSWERED, ZERO, c.max, answer, None, ""))
    if answer.na:
        return _na(c, answer, answer.reason)
    kind = TYPES[c.type]
    automatic = kind.automatic_na(c, answer)
    if automatic is not None:
        return _na(c, answer, automatic)
    if c.evidence == "required" and not answer.evidenced:
        return _new_tuple(CriterionResult, (c, MISSING_EVIDENCE, ZERO, c.max, answer, None, ""))
    return _new_tuple(CriterionResult, (c, ANSWERED, kind.points(c, answer), c.max, answer, None, ""))


# Results are made with tuple.__new__ straight: a NamedTuple's own __new__ is a Python function, a third of
# the cost of scoring one criterion (a province's export scores three hundred thousand).
_new_tuple = tuple.__new__


def _na(c: Criterion, answer: Answer, reason: str) -> CriterionResult:
    policy = c.na
    if policy == "full":
        return _new_tuple(CriterionResult, (c, NA, c.max, c.max, answer, policy, reason))
    if policy == "zero":
        return _new_tuple(CriterionResult, (c, NA, ZERO, c.max, answer, policy, reason))
    return _new_tuple(CriterionResult, (c, NA, ZERO, ZERO, answer, "rescale", reason))


def points(c: Criterion, answer: Answer) -> Fraction:
    """The points an answered criterion earns by its type's rule (answer already validated)."""
    return TYPES[c.type].points(c, answer)
