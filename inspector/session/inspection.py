"""One inspection being recorded: its answers and result, each change validated, committed and rescored.

Every change goes: validate with the core → commit to the store (with its audit rows) → rescore. The
session keeps the only copy of the answers and the result; a front end reads them from here and never
decides a scoring rule itself. A change made to an answer that another window has changed since is
applied to the newer answer, never over it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple


from inspector.core.answer_rules import answer_errors
from inspector.core.criteria import TYPES, Unreadable
from inspector.core.differences import (
    FigureDifference,
    ScoreDifference,
    differs,
    figure_differences,
    score_differences,
)
from inspector.core.drafting import self_score_totals
from inspector.core.figures import problems_with
from inspector.core.i18n import t
from inspector.core.limits import MAX_EVIDENCE_BYTES, cleaned, name_problem
from inspector.core.model import (
    UNANSWERED,
    Answer,
    Checklist,
    Criterion,
    Findings,
    InspectionInfo,
    Profile,
    name_key,
    split_person,
)
from inspector.core.numbers import parse_number, parse_whole
from inspector.core.record import evolve, fields
from inspector.core.scoring import CriterionResult, Result, rescore, score
from inspector.store.database import (
    AnswerChanged,
    AuditEntry,
    Store,
    StoreError,
    evidence_problem,
    format_size,
)

# Another window may win the race again while we retry; after this many tries the change is refused.
ATTEMPTS = 5


class Refused(Exception):
    """The core refused a change: `field` (value, numerator, reason, self_score…) and the reason, translated."""

    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(f"{field}: {message}")


class CriterionView(NamedTuple):
    """What a front end shows of one criterion: its answer, its outcome, and what its type allows."""

    criterion: Criterion
    answer: Answer | None
    result: CriterionResult
    differs: bool  # the team's score is not the unit's own
    offers_na: bool  # the team may mark it N/A here
    facts: Mapping[str, int]  # the recorded figures (a computed criterion shows where its numbers come from)


class InspectionSession:
    def __init__(self, store: Store, inspection_id: int):
        record = store.load(inspection_id)
        self.store = store
        self.id = inspection_id
        self.info = record.info
        self.checklist: Checklist = record.checklist
        self.findings: Findings = record.findings
        self.archived = record.archived
        first = self.checklist.criteria[0].id
        self.position: str = record.position if record.position and self.checklist.criterion(record.position) \
            else first
        self._answers: dict[str, Answer] = dict(record.answers)
        self._facts: dict[str, int] = dict(record.facts)
        self.reported_facts: dict[str, int] = dict(record.reported_facts)  # from the unit's self-assessment
        self.result: Result = self._score(self._answers, self._facts)
        self._by_id: dict[str, CriterionResult] = {r.id: r for r in self.result.criteria}
        self._seen = self._data_version()
        self.my_part = _my_part(store, inspection_id)

    # ---- reading
    @property
    def answers(self) -> Mapping[str, Answer]:
        return MappingProxyType(self._answers)

    def answer(self, criterion_id: str) -> Answer | None:
        return self._answers.get(criterion_id)

    @property
    def facts(self) -> Mapping[str, int]:
        return MappingProxyType(self._facts)

    def criterion_result(self, criterion_id: str) -> CriterionResult:
        return self._by_id[criterion_id]

    def criterion(self, criterion_id: str) -> Criterion:
        found = self.checklist.criterion(criterion_id)
        if found is None:
            raise KeyError(criterion_id)
        return found

    def view(self, criterion_id: str) -> CriterionView:
        c = self.criterion(criterion_id)
        return CriterionView(c, self._answers.get(criterion_id), self._by_id[criterion_id], self.differs(criterion_id),
                             TYPES[c.type].offers_na(c), self.facts)

    def offers_na(self, criterion_id: str) -> bool:
        """Whether the team is offered N/A for it."""
        c = self.criterion(criterion_id)
        return TYPES[c.type].offers_na(c)

    def answers_key(self, criterion_id: str, key: str) -> bool:
        """Whether a key pressed on the list ("yes", "1"…) means something for this criterion."""
        c = self.criterion(criterion_id)
        return TYPES[c.type].keyed(c, key) is not None

    def needs_answer(self, criterion_id: str) -> bool:
        """A scored criterion of a normal section still without an answer (what "next unanswered" visits)."""
        r = self._by_id[criterion_id]
        section = self.checklist.sections[self.checklist.position(criterion_id)[0]]
        return r.status == UNANSWERED and r.criterion.scored and not section.is_adjustment

    def next_unanswered(self, after: str) -> str | None:
        """The first criterion after `after` (wrapping round) that still needs an answer, or None."""
        ids = [c.id for c in self.checklist.criteria]
        start = ids.index(after)
        return next((cid for cid in ids[start + 1:] + ids[:start + 1] if self.needs_answer(cid)), None)

    def self_score_totals(self) -> dict[str, Fraction | None]:
        return self_score_totals(self.result, self._answers)

    def differs(self, criterion_id: str) -> bool:
        """The team's score is not the unit's own (the team has scored it)."""
        r = self._by_id[criterion_id]
        return differs(r.score, r.status, self._answers.get(criterion_id))

    def score_differences(self) -> list[ScoreDifference]:
        return score_differences(self.result, self._answers)

    def figure_differences(self) -> list[FigureDifference]:
        return figure_differences(self.checklist, self._facts, self.reported_facts)

    def history(self, criterion_id: str | None = None) -> list[AuditEntry]:
        return self.store.audit(self.id, criterion_id)

    # ---- changing one answer
    def change(self, criterion_id: str, **changes: Any) -> Answer | None:
        """Apply field changes to the criterion's answer; returns the stored answer (None when nothing is left).

        Raises Refused (nothing stored) when the core refuses the result, StoreError when the disk does.
        """
        return self.update(criterion_id, lambda answer: evolve(answer, **changes))

    def update(self, criterion_id: str, edit: Callable[[Answer], Answer | None]) -> Answer | None:
        """Store `edit(current answer)`; when another window changed the answer meanwhile, edit that one instead."""
        for _ in range(ATTEMPTS):
            before = self._answers.get(criterion_id)
            try:
                return self._commit(criterion_id, edit(before or Answer(criterion_id)), before)
            except AnswerChanged:
                self.reload()
        raise StoreError("store.busy", criterion_id, str(self.store.path))

    def set_value(self, criterion_id: str, **value: Any) -> Answer | None:
        """A value (value=…, or numerator=… and denominator=…): the criterion is no longer N/A."""
        return self.change(criterion_id, na=False, reason="", **value)

    def type_answer(self, criterion_id: str, texts: Mapping[str, str]) -> Answer | None:
        """A value as typed (field → text), read by the criterion type's own parser; Refused when the text is
        no value of its field or the value breaks a rule (nothing stored)."""
        c = self.criterion(criterion_id)
        try:
            fields = TYPES[c.type].parse(c, texts)
        except Unreadable as unreadable:
            raise Refused(unreadable.field, unreadable.message()) from None
        return self.set_value(criterion_id, **fields)

    def press(self, criterion_id: str, key: str) -> Answer | None:
        """A key pressed on the list ("yes", "no", "1"…"9"): the change the criterion's type gives it, if any."""
        c = self.criterion(criterion_id)
        edit = TYPES[c.type].keyed(c, key)
        if edit is None:
            return self._answers.get(criterion_id)
        return self.update(criterion_id, edit)

    def toggle_item(self, criterion_id: str, item_id: str) -> Answer | None:
        """Tick or untick one item of a multi criterion (as its number key does); items stay in checklist order."""
        ids = [i.id for i in self.criterion(criterion_id).items]
        if item_id not in ids:
            raise Refused("value", answer_errors(self.criterion(criterion_id), Answer(criterion_id, value=(item_id,)))
                          .get("value", item_id))
        return self.press(criterion_id, str(ids.index(item_id) + 1))

    def set_self_score(self, criterion_id: str, text: str) -> Answer | None:
        """The unit's own score as typed ("1,5"; empty clears it)."""
        value = parse_number(text) if text.strip() else None
        if text.strip() and value is None:
            raise Refused("self_score", t("parse.not_a_number", value=text.strip()))
        return self.change(criterion_id, self_score=value)

    def set_explanation(self, criterion_id: str, text: str) -> Answer | None:
        """The unit's explanation of a different score; unchanged text stores nothing."""
        answer = self._answers.get(criterion_id)
        if (answer.explanation if answer else "") == text.strip():
            return answer
        return self.change(criterion_id, explanation=text.strip())

    def mark_na(self, criterion_id: str, reason: str) -> Answer | None:
        return self.change(criterion_id, na=True, reason=reason.strip(), value=None, numerator=None, denominator=None,
                           reported_percent=None, reported_source="")

    def offers_reported_rate(self, criterion_id: str) -> bool:
        """Whether the criterion may be answered by a percentage a report gives (a ratio)."""
        return "reported_percent" in TYPES[self.criterion(criterion_id).type].extra_keys

    def set_reported_rate(self, criterion_id: str, percent: str, source: str) -> Answer | None:
        """A ratio known only as a percentage ("99,9", "99,9%") and the report it was read from; an empty
        percentage clears both. Counts, typed or computed, still win when present. Refused("reported_percent",
        reason) for text that is no percentage from 0 to 100 (nothing stored)."""
        if not self.offers_reported_rate(criterion_id):
            raise KeyError(criterion_id)
        text = percent.strip().removesuffix("%").strip()
        value = parse_number(text) if text else None
        if text and value is None:
            raise Refused("reported_percent", t("parse.not_a_number", value=percent.strip()))
        return self.change(criterion_id, reported_percent=value,
                           reported_source=" ".join(source.split()) if value is not None else "",
                           **({"na": False, "reason": ""} if value is not None else {}))

    def unmark_na(self, criterion_id: str) -> Answer | None:
        return self.change(criterion_id, na=False, reason="")

    def evidence_file(self, text: str) -> Path | None:
        """The file `text` names, when it names one (else it is a document's name, recorded as written).

        Raises Refused for a file that may not be copied in: a link, a device, or one over the size limit.
        """
        from inspector.core.paths import typed_path

        text = typed_path(text)  # quotes and file:// as pasted or dropped
        if not text:
            return None
        path = Path(text).expanduser()
        try:
            exists = path.is_symlink() or path.is_file()
        except OSError:  # a name too long for the system, say: it is a document name, not a file
            return None
        if not exists:
            return None
        problem = evidence_problem(path)
        if problem is not None:
            raise Refused("evidence", t(problem, path=path.name, detail=format_size(MAX_EVIDENCE_BYTES)))
        return path

    def copy_evidence_file(self, path: Path, progress: Callable[[int, int], None] | None = None) -> str:
        """Hash and copy a file into the store's evidence folder on a connection of its own (so it may run
        in another thread while the interface goes on); returns the evidence text to record with `add_evidence`.
        StoreError when it cannot be copied."""
        store = Store(self.store.path)
        try:
            return store.add_evidence_file(path, progress)[1]
        finally:
            store.close()

    def add_evidence(self, criterion_id: str, text: str, progress: Callable[[int, int], None] | None = None
                     ) -> Answer | None:
        """One more piece of evidence: a document's name, or an existing file (hashed and copied into the store)."""
        text = text.strip()
        if not text:
            return self._answers.get(criterion_id)
        path = self.evidence_file(text)
        if path is not None:
            _, text = self.store.add_evidence_file(path, progress)
        return self.update(criterion_id, lambda answer: evolve(answer, evidence=answer.evidence + (text,)))

    def remove_evidence(self, criterion_id: str, index: int) -> Answer | None:
        def remove(answer: Answer) -> Answer:
            if not 0 <= index < len(answer.evidence):
                return answer
            return evolve(answer, evidence=answer.evidence[:index] + answer.evidence[index + 1:])

        return self.update(criterion_id, remove)

    def set_photo_caption(self, criterion_id: str, index: int, caption: str) -> Answer | None:
        """Another caption for the photo at `index` of the criterion's evidence (its evidence text changes: the
        history keeps the old one; the Phụ lục ảnh prints the new one). Refused("evidence", …) for a caption
        over MAX_CAPTION_CHARS or evidence that names no file; IndexError when there is no such evidence."""
        from inspector.core.photos import MAX_CAPTION_CHARS, with_caption

        caption = " ".join(caption.split())
        if len(caption) > MAX_CAPTION_CHARS:
            raise Refused("evidence", t("photo.caption_too_long", limit=MAX_CAPTION_CHARS))

        def recaption(answer: Answer) -> Answer:
            if not 0 <= index < len(answer.evidence):
                raise IndexError(index)
            text = with_caption(answer.evidence[index], caption)
            if text is None:
                raise Refused("evidence", t("photo.not_a_photo"))
            return evolve(answer, evidence=answer.evidence[:index] + (text,) + answer.evidence[index + 1:])

        return self.update(criterion_id, recaption)

    def clear(self, criterion_id: str) -> None:
        self.update(criterion_id, lambda answer: None)

    def _commit(self, criterion_id: str, answer: Answer | None, expected: Answer | None) -> Answer | None:
        c = self.criterion(criterion_id)
        answer = cleaned(answer)  # typed or pasted text: U+000B becomes a newline, other controls go
        if answer is not None and answer.is_empty:
            answer = None
        if answer is not None:
            errors = answer_errors(c, answer)
            if errors:
                field, message = next(iter(errors.items()))
                raise Refused(field, message)
        result = rescore(self.result, answer, criterion_id, self.info.unit_type)
        self.store.save_answer(self.id, criterion_id, answer, result, expected=expected)
        if answer is None:
            self._answers.pop(criterion_id, None)
        else:
            self._answers[criterion_id] = answer
        self.result = result
        section = result.sections[self.checklist.position(criterion_id)[0]]
        self._by_id.update((r.id, r) for r in section.criteria)
        self.position = criterion_id
        # No need to read data_version again: this connection's own commits never change it, and another
        # window's commit made meanwhile must still be noticed by changed_elsewhere().
        return answer

    # ---- figures (facts)
    def set_fact(self, fact_id: str, text: str) -> int | None:
        """Record a figure as typed ("8.630", "8630"; empty clears it) and rescore what is computed from it.

        Raises Refused("fact", reason) when the text is no count or the sums would break a computed
        criterion's rule (a numerator above its denominator); nothing is stored then.
        """
        if self.checklist.fact(fact_id) is None:
            raise KeyError(fact_id)
        value = None
        if text.strip():
            value = parse_whole(text)
            if value is None:
                raise Refused("fact", t("facts.not_a_count", value=text.strip()))
        for _ in range(ATTEMPTS):
            before = self._facts.get(fact_id)
            facts = {k: v for k, v in {**self._facts, fact_id: value}.items() if v is not None}
            problems = problems_with(self.checklist, facts, {fact_id}, self._answers)
            if problems:
                raise Refused("fact", problems[0].message())
            result = self._score(self._answers, facts)
            try:
                self.store.save_fact(self.id, fact_id, value, result, expected=before)
            except AnswerChanged:
                self.reload()
                continue
            self._facts = facts
            self._set_result(result)
            return value
        raise StoreError("store.busy", fact_id, str(self.store.path))

    def _score(self, answers: Mapping[str, Answer], facts: Mapping[str, int], info: InspectionInfo | None = None
               ) -> Result:
        """The result of these answers and figures under this inspection's header (or `info`, about to be it)."""
        info = info or self.info
        return score(self.checklist, answers, info.unit_type, facts, info.facts_evidence, info.period_end)

    def save_facts_evidence(self, names: Sequence[str]) -> None:
        """The documents the figures were read from (one per line on the Figures screen): the evidence of every
        computed criterion. Refused("facts_evidence", reason) for a name no document can have."""
        found = tuple(dict.fromkeys(cleaned(" ".join(n.split())) for n in names if n.strip()))
        for name in found:
            problem = name_problem(name)
            if problem is not None:
                raise Refused("facts_evidence", t(problem[0], **problem[1]))
        if found == self.info.facts_evidence:
            return
        info = evolve(self.info, facts_evidence=found)
        result = self._score(self._answers, self._facts, info)
        self.store.update_info(self.id, info, result,
                               ("facts_evidence", "; ".join(self.info.facts_evidence), "; ".join(found)))
        self.info = info
        self._set_result(result)

    def _set_result(self, result: Result) -> None:
        self.result = result
        self._by_id = {r.id: r for r in result.criteria}

    # ---- the rest of the record
    def save_findings(self, findings: Findings, base: Findings | None = None) -> tuple[str, ...]:
        """Store what this window changed in the findings; fields another window changed meanwhile are kept.

        With `base` (what this window's fields showed before the person typed), a field typed here that another
        window has also changed since is not written: its name is returned, for the person to choose."""
        findings = cleaned(findings)
        since = self.findings if base is None else base
        changed = tuple(f.name for f in fields(Findings) if getattr(findings, f.name) != getattr(since, f.name))
        if not changed:
            return ()
        self.findings, conflicts = self.store.save_findings_since(self.id, findings, changed, base)
        return conflicts

    def save_visit(self, start: str, end: str, representatives: Sequence[str], absent: Sequence[str]) -> None:
        """What the biên bản says of the day itself, stored with the inspection: the working session's start and
        end, the unit's representatives ("Họ tên — Chức vụ"), and the team members who were not there."""
        team = {name_key(split_person(p)[0]) for p in self.info.team}
        info = evolve(self.info, start_time=cleaned(start), end_time=cleaned(end),
                            representatives=tuple(cleaned(" ".join(p.split())) for p in representatives if p.strip()),
                            absent=tuple(name for name in absent if name_key(name) in team))
        if info == self.info:
            return
        self.store.update_info(self.id, info)
        self.info = info

    def save_profile(self, profile: Profile) -> None:
        """The unit's profile (area, population, the former units…), printed at the opening of the biên bản."""
        profile = evolve(profile, formed_from=tuple(cleaned(" ".join(n.split())) for n in profile.formed_from
                                                          if n.strip()))
        if profile == self.info.profile:
            return
        info = evolve(self.info, profile=profile)
        self.store.update_info(self.id, info)
        self.info = info

    def remember_position(self, criterion_id: str) -> None:
        self.position = criterion_id
        self.store.set_position(self.id, criterion_id)

    # ---- other windows on the same store
    def _data_version(self) -> int:
        try:
            return self.store.data_version()
        except StoreError:
            return -1

    def changed_elsewhere(self) -> bool:
        """True when another connection has committed since this session last looked."""
        return self._data_version() != self._seen

    def reload(self) -> None:
        """Read the answers and findings again (another window wrote) and rescore."""
        self._answers = self.store.load_answers(self.id, self.checklist)
        self._facts = self.store.load_facts(self.id, self.checklist)
        self.reported_facts = self.store.load_reported_facts(self.id, self.checklist)
        self.findings = self.store.load_findings(self.id)
        self.info = self.store.load_stored(self.id)[0].info  # the header may have changed too (answers read above)
        self._set_result(self._score(self._answers, self._facts))
        self._seen = self._data_version()


def _my_part(store: Store, inspection_id: int) -> frozenset[str]:
    """The sections and criteria the campaign assigns to this laptop's inspector (empty outside a campaign)."""
    from inspector.core.identity import current
    from inspector.store.campaigns import inspection_campaign, load_campaign

    me = current()
    number = inspection_campaign(store, inspection_id)
    if me is None or number is None:
        return frozenset()
    try:
        member = load_campaign(store, number).campaign.member(me.name)
    except StoreError:
        return frozenset()
    return frozenset(member.sections) if member else frozenset()
