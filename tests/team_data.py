"""A store holding a campaign of two wards with answers and one open conflict, the same on every run
(fixed keys and times), for the interface's tests and snapshots."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

from inspector.core.answers import load_answers
from inspector.core.campaign import build_campaign
from inspector.core.library import find_checklist
from inspector.core.source import from_text
from inspector.store.campaigns import create_campaign
from inspector.store.database import Store

ROOT = Path(__file__).resolve().parent.parent


def fixed_key(seed: int) -> str:
    return "ed25519:" + base64.b64encode(bytes((seed + i) % 256 for i in range(32))).decode("ascii")


PLAN = f"""\
format = 1
[campaign]
name = "Kiểm tra CCHC năm 2026 tại hai phường"
checklist = "cchc-xa"
inspecting_body = "Sở Nội vụ tỉnh Đồng Nai"
plan = "Kế hoạch số 45/KH-SNV ngày 10/3/2026 của Sở Nội vụ"
decision_number = "125/QĐ-SNV"
decision_date = 2026-03-15
decision_issuer = "Giám đốc Sở Nội vụ"
[[member]]
name = "Nguyễn Văn An"
role = "Trưởng đoàn"
agency = "Sở Nội vụ"
key = "{fixed_key(1)}"
sections = ["A", "B", "C"]
[[member]]
name = "Trần Thị Bình"
role = "Thành viên"
agency = "Sở Tư pháp"
key = "{fixed_key(2)}"
sections = ["D", "E", "F"]
[[unit]]
name = "UBND phường Tam Hiệp"
unit_type = "phuong"
date = 2026-04-10
[[unit]]
name = "UBND phường Trấn Biên"
unit_type = "phuong"
date = 2026-04-11
"""


def team_store() -> Store:
    store = Store()
    store.author = "Nguyễn Văn An"
    checklist = find_checklist("cchc-xa", "2026.2")  # the release the bundled example pins
    campaign = build_campaign(from_text(PLAN, "dot.toml"), checklist)
    number, (first, second) = create_campaign(store, campaign, checklist)
    example = load_answers(ROOT / "checklists" / "examples" / "cchc-xa.answers.toml", checklist)
    store.import_answers(first, example.answers, None, facts=example.facts)
    half = {cid: a for i, (cid, a) in enumerate(example.answers.items()) if i % 2 == 0}
    store.import_answers(second, half, None)
    theirs = json.dumps({"note": "Kế hoạch ban hành muộn", "value": "khong"}, ensure_ascii=False, sort_keys=True)
    store.db.execute("INSERT INTO conflicts (inspection_id, kind, item_id, theirs, their_author, their_at, bundle,"
                     " opened_at) VALUES (?, 'answer', 'A1', ?, 'Trần Thị Bình', '2026-04-10T10:20:00+07:00', 'x',"
                     " '2026-04-10T17:00:00+07:00')", (first, theirs))
    store.db.execute("UPDATE answers SET updated_at = '2026-04-10T09:15:00+07:00'")
    store.db.execute("UPDATE campaigns SET uid = 'c0ffee', created_at = '2026-04-01T08:00:00+07:00' WHERE id = ?", (number,))
    return store


TODAY = dt.date(2026, 4, 11)
