"""A campaign's results side by side: units ranked, percent per section, the criteria most often missed.

Computed by the core's scoring for each unit; the interface, the command line and the báo cáo tổng hợp
all read this one summary.
"""

from __future__ import annotations

from fractions import Fraction


from inspector.core.campaign import Campaign
from inspector.core.model import ANSWERED, MISSING_EVIDENCE, Section
from inspector.core.record import record, evolve
from inspector.exports.common import Exported
from inspector.store.campaigns import campaign_inspections, load_campaign
from inspector.store.database import Store

TOP_FAILURES = 10


@record
class RankLine:
    rank: int | None  # None while the unit's inspection is not complete: a partial score is not ranked
    inspection_id: int
    unit: str
    answered: int
    to_answer: int
    score: Fraction
    max: Fraction
    percent: Fraction | None  # exact; rounded only where shown
    band: str  # the band, or "chưa đủ" while incomplete
    conflicts: int


@record
class Failure:
    criterion_id: str
    title: str
    count: int
    units: tuple[str, ...]


@record
class Consolidation:
    campaign: Campaign
    ranking: tuple[RankLine, ...]
    sections: tuple[Section, ...]
    section_percent: dict[tuple[int, str], Fraction]
    common_failures: tuple[Failure, ...]  # missed by at least half of the fully scored units
    items: tuple[Exported, ...]  # each unit's record and result, in ranking order

    @property
    def complete(self) -> bool:
        return all(line.rank is not None for line in self.ranking)


def consolidate(store: Store, campaign_id: int) -> Consolidation:
    from inspector.core.i18n import t

    stored = load_campaign(store, campaign_id)
    rows = campaign_inspections(store, campaign_id)
    conflicts = store.conflict_counts()
    items = [Exported.of(store.load(row.id)) for row in rows]
    lines = []
    for item in items:
        result, record = item.result, item.record
        done, total = result.progress()
        percent = result.percent
        provisional = done < total
        lines.append(RankLine(None, record.id, record.info.unit, done, total, result.final, result.max, percent,
                              t("band.partial") if provisional else (result.band or ""), conflicts.get(record.id, 0)))
    # Complete inspections first, best first; ties keep the plan's order. Partial ones follow, unranked.
    ordered = sorted(range(len(lines)), key=lambda i: (lines[i].band == t("band.partial"),
                                                      -(lines[i].percent or 0), i))
    ranking, rank = [], 0
    for i in ordered:
        line = lines[i]
        if line.answered >= line.to_answer:
            rank += 1
            line = evolve(line, rank=rank)
        ranking.append(line)
    by_id = {item.record.id: item for item in items}
    sections = tuple(s for s in items[0].record.checklist.sections if not s.is_adjustment) if items else ()
    section_percent: dict[tuple[int, str], Fraction] = {}
    failures: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    complete = {line.inspection_id for line in ranking if line.rank is not None}
    for item in items:
        for section_result in item.result.sections:
            if section_result.section.is_adjustment or not section_result.applicable_max:
                continue
            section_percent[(item.record.id, section_result.section.id)] = \
                section_result.score * 100 / section_result.applicable_max
            if item.record.id not in complete:
                continue  # a partial score says nothing yet of what a unit missed
            for outcome in section_result.criteria:
                missed = outcome.status == MISSING_EVIDENCE or (
                    outcome.status == ANSWERED and outcome.score < outcome.applicable_max)
                if missed and outcome.criterion.scored:
                    failures.setdefault(outcome.criterion.id, []).append(item.record.info.unit)
                    titles[outcome.criterion.id] = outcome.criterion.title
    order = {c.id: i for i, c in enumerate(items[0].record.checklist.criteria)} if items else {}
    # "Phổ biến": missed by at least half of the units scored on every criterion.
    widespread = [(cid, units) for cid, units in failures.items() if 2 * len(units) >= len(complete)]
    common = sorted(widespread, key=lambda pair: (-len(pair[1]), order.get(pair[0], 0)))[:TOP_FAILURES]
    return Consolidation(stored.campaign, tuple(ranking), sections, section_percent,
                         tuple(Failure(cid, titles[cid], len(units), tuple(units)) for cid, units in common),
                         tuple(by_id[line.inspection_id] for line in ranking))
