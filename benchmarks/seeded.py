"""A province's store for the benchmarks: 3,321 inspections of cchc-xa with DISTINCT answers, deterministic.

    python benchmarks/seeded.py HOME [--units 3321] [--seed 2026]

Every inspection has its own answers (values, counts, evidence names, notes, the unit's self-score and
explanation, some reported percentages), its own figures and figure sources, dates spread over a year,
communes and wards; a quarter of them belong to one of four campaigns. So no cache of the program's
(explanations, answer texts, parsed answers) is hit more than real work would hit it. The same seed gives
the same store (the rows' timestamps aside), through the program's own insert (answers audited, scored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from fractions import Fraction
from pathlib import Path

NAMES = ("An Thạnh", "Bình Hòa", "Tân Phước", "Hưng Định", "Ngọc Thụy", "Phú Lợi", "Long Biên", "Thạch Bàn",
         "Đông Hòa", "Tân Định", "Vĩnh Phú", "Hòa Lợi", "Chánh Nghĩa", "Phú Cường", "Hiệp Thành", "Định Hòa")
DOCS = ("QĐ", "KH", "BC", "TB", "CV")
NOTES = ("", "", "", "Đã đối chiếu sổ theo dõi.", "Thiếu {n} hồ sơ lưu.", "Niêm yết tại bộ phận một cửa, {n} thủ tục.",
         "Đơn vị cam kết bổ sung trước ngày {n}/12.", "Kiểm tra ngẫu nhiên {n} hồ sơ.")


def evidence(rng: random.Random) -> tuple[str, ...]:
    return tuple(f"{rng.choice(DOCS)} số {rng.randint(1, 400)}/{rng.choice(DOCS)}-UBND ngày "
                 f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2025" for _ in range(rng.choice((0, 1, 1, 1, 2))))


def answers_for(checklist, rng: random.Random) -> dict:
    from inspector.core.answer_rules import answer_problems
    from inspector.core.model import Answer

    answers = {}
    for c in checklist.criteria:
        if c.facts or rng.random() < 0.04:  # computed from the figures, or not answered yet
            continue
        common = {"evidence": evidence(rng), "note": rng.choice(NOTES).format(n=rng.randint(1, 99))}
        if rng.random() < 0.3 and c.scored:
            common["self_score"] = Fraction(rng.randint(0, int(c.max * 4)), 4)
            if rng.random() < 0.5:
                common["explanation"] = f"Đơn vị giải trình: đã thực hiện {rng.randint(50, 100)}% nhiệm vụ."
        if rng.random() < 0.03:
            answer = Answer(c.id, na=True, reason=f"Không phát sinh trong kỳ ({rng.randint(1, 9)})", **common)
        elif c.type == "yes_no":
            answer = Answer(c.id, value=rng.random() < 0.8, **common)
        elif c.type == "choice":
            answer = Answer(c.id, value=rng.choice(c.options).id, **common)
        elif c.type == "multi":
            answer = Answer(c.id, value=tuple(i.id for i in c.items if rng.random() < 0.7), **common)
        elif c.type == "ratio":
            if rng.random() < 0.1:
                answer = Answer(c.id, reported_percent=Fraction(rng.randint(700, 1000), 10),
                                reported_source=f"Báo cáo số {rng.randint(1, 99)}/BC-UBND", **common)
            else:
                d = rng.randint(1, 900)
                answer = Answer(c.id, numerator=rng.randint(int(d * 0.6), d), denominator=d, **common)
        elif c.type == "number":
            low, high = (0, 1000) if c.range is None else (c.range[0], c.range[1])
            low = 0 if low is None else low
            high = low + 100 if high is None else high
            answer = Answer(c.id, value=Fraction(rng.randint(int(low * 10), int(high * 10)), 10), **common)
        elif c.type == "count":
            answer = Answer(c.id, value=rng.randint(0, 3), **common)
        else:
            answer = Answer(c.id, value=f"Ghi nhận số {rng.randint(1, 10**6)}", **common)
        if not answer_problems(c, answer):
            answers[c.id] = answer
    return answers


def facts_for(checklist, rng: random.Random) -> dict[str, int]:
    facts = {}
    for f in checklist.facts:
        if rng.random() < 0.95:
            facts[f.id] = rng.randint(0, 2000)
    return facts


def build(home: Path, units: int = 3321, seed: int = 2026) -> Path:
    """The store at home/inspector.db (home is made; it must not hold a store yet)."""
    from inspector.core.campaign import Campaign, PlannedUnit
    from inspector.core.library import find_checklist
    from inspector.core.model import InspectionInfo
    from inspector.store.campaigns import insert_campaign
    from inspector.store.database import Store

    rng = random.Random(seed)
    home.mkdir(parents=True, exist_ok=True)
    store = Store(home / "inspector.db")
    store.author = "Nguyễn Văn An"
    checklist = find_checklist("cchc-xa")
    start = dt.date(2025, 9, 1)
    with store.transaction() as unit:
        unit.pin_checklist(checklist)
        campaigns = []
        for k in range(4):
            campaign = Campaign(uid=f"bench-campaign-{k}", name=f"Kiểm tra CCHC đợt {k + 1} năm 2025",
                                checklist=checklist.id, checklist_version=checklist.version,
                                units=(PlannedUnit(f"UBND xã Mẫu {k}", start),), period="Năm 2025",
                                inspecting_body="Sở Nội vụ")
            campaigns.append(insert_campaign(unit, campaign, checklist.sha256))
        for n in range(1, units + 1):
            kind = "xa" if rng.random() < 0.8 else "phuong"
            name = f"UBND {'xã' if kind == 'xa' else 'phường'} {rng.choice(NAMES)} {n}"
            sources = tuple(f"Báo cáo số {rng.randint(1, 300)}/BC-UBND" for _ in range(rng.choice((0, 1, 1, 2))))
            info = InspectionInfo(checklist.id, checklist.version, name, start + dt.timedelta(days=rng.randint(0, 364)),
                                  unit_type=kind, period="Năm 2025", team=("Nguyễn Văn An — Trưởng đoàn",),
                                  facts_evidence=sources)
            campaign_id = campaigns[n % 4] if rng.random() < 0.25 else None
            unit.insert_inspection(checklist, info, answers_for(checklist, rng), facts=facts_for(checklist, rng),
                                   campaign_id=campaign_id, uid=f"bench-{seed}-{n}")
    store.close()
    return home / "inspector.db"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    print(build(args.home, args.units, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
