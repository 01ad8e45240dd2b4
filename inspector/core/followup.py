"""Following up recommendations (kiến nghị): their status by deadline, and the figures a later inspection
of the same unit takes from them.

A checklist that declares the facts named in PREFILLED_FACTS has them filled in from the unit's last
inspection when a new one starts — shown and editable like any figure, never silent.
"""

from __future__ import annotations

import datetime as dt
import re

from inspector.core.model import Recommendation

STATUSES = ("chua", "dang", "da", "qua_han")  # the last one is never stored: a deadline passed, not done
# Fact id → what it counts among the previous inspection's recommendations.
PREFILLED_FACTS = {"kien_nghi_ky_truoc": "total", "kien_nghi_da_thuc_hien": "done"}

_DAY = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_MONTH = re.compile(r"(?:tháng\s*)?\b(\d{1,2})/(\d{4})\b", re.IGNORECASE)
_QUARTER = re.compile(r"quý\s*(I{1,3}|IV|[1-4])\s*(?:/|năm)?\s*(\d{4})", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:năm|cuối năm)\s*(\d{4})\b", re.IGNORECASE)
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def deadline_date(text: str) -> dt.date | None:
    """The last day a deadline allows: "31/12/2026", "tháng 6/2026", "Quý II/2026", "năm 2026"; None if the
    text names no date ("thường xuyên", "ngay")."""
    try:
        if found := _DAY.search(text):
            return dt.date(int(found[3]), int(found[2]), int(found[1]))
        if found := _QUARTER.search(text):
            return _month_end(int(found[2]), 3 * _QUARTERS[found[1].upper()])
        if found := _MONTH.search(text):
            if 1 <= int(found[1]) <= 12:
                return _month_end(int(found[2]), int(found[1]))
        if found := _YEAR.search(text):
            return dt.date(int(found[1]), 12, 31)
    except ValueError:
        return None
    return None


def figures_text(values: dict[str, int]) -> str:
    """ "kien_nghi_ky_truoc = 3, kien_nghi_da_thuc_hien = 1": pre-filled figures as they are announced."""
    return ", ".join(f"{fid} = {value}" for fid, value in values.items())


def shown_day(iso: str) -> str:
    """2026-07-20 → 20/07/2026, as an official writes it; anything else as it is."""
    parts = iso.split("-")
    return f"{parts[2]}/{parts[1]}/{parts[0]}" if len(parts) == 3 and all(p.isdigit() for p in parts) else iso


def status_of(recommendation: Recommendation, today: dt.date) -> str:
    """chua / dang / da, or qua_han when not done and its deadline has passed."""
    stored = recommendation.status or "chua"
    if stored == "da":
        return "da"
    deadline = deadline_date(recommendation.deadline)
    return "qua_han" if deadline is not None and deadline < today else stored


def prefilled(recommendations: tuple[Recommendation, ...]) -> dict[str, int]:
    """The figures a new inspection takes from the last one's recommendations, by fact id."""
    done = sum(1 for r in recommendations if r.status == "da")
    return {fact: (len(recommendations) if what == "total" else done) for fact, what in PREFILLED_FACTS.items()}


PREFILL_AUTHOR = "sổ theo dõi kiến nghị"  # the author of a figure taken from the register (not yet edited)
