"""InspectionSession without any interface: validate → commit → rescore; two windows; scores never stale."""

import datetime as dt
import json
import subprocess
import sys
from fractions import Fraction

from inspector.core import record as records
import pytest
from conftest import make_checklist

from inspector.core.model import Answer, InspectionInfo
from inspector.core.scoring import engine_stamp, score
from inspector.session import InspectionSession, Refused
from inspector.store.database import Store, StoreError

BODY = """
[scoring]
bands = [{ label = "Tốt", min = 90 }, { label = "Khá", min = 70 }, { label = "Yếu", min = 0 }]

[[section]]
id = "A"
title = "Công khai"

[[section.criterion]]
id = "A1"
title = "Niêm yết thủ tục"
type = "yes_no"
max = 2

[[section.criterion]]
id = "A2"
title = "Hồ sơ đúng hạn"
type = "ratio"
max = 3
steps = [{ min = 98, points = 3 }, { min = 90, points = 1 }]

[[section.criterion]]
id = "A3"
title = "Nội dung công khai"
type = "multi"
max = 3
items = [{ id = "a", label = "Thủ tục" }, { id = "b", label = "Phí" }, { id = "c", label = "Đường dây nóng" }]

[[section]]
id = "T"
title = "Thưởng, trừ"
kind = "adjustment"

[[section.criterion]]
id = "T1"
title = "Vi phạm kỷ luật"
type = "count"
each = -1
"""


@pytest.fixture
def opened(tmp_path):
    checklist = make_checklist(BODY)
    store = Store(tmp_path / "db.sqlite")
    number = store.create_inspection(checklist, InspectionInfo(checklist.id, checklist.version, "UBND xã Thử",
                                                               dt.date(2026, 3, 2)))
    return store, number, checklist


def test_a_change_is_validated_stored_audited_and_rescored(opened):
    store, number, checklist = opened
    session = InspectionSession(store, number)
    session.set_value("A1", value=True)
    session.set_value("A2", numerator=2119, denominator=2119)
    assert session.result.total == 5
    assert session.criterion_result("A2").explanation == "2.119/2.119 = 100% ≥ 98% → 3 điểm"
    assert store.load(number).answers == {"A1": Answer("A1", value=True), "A2": Answer("A2", numerator=2119,
                                                                                        denominator=2119)}
    assert score(checklist, session.answers).total == session.result.total
    assert [(e.field, e.old, e.new) for e in session.history("A1")] == [("value", None, "true")]
    row = store.list_inspections()[0]
    assert (row.answered, row.to_answer, row.score, row.percent) == (2, 3, "5", "62.5")


def test_a_refused_answer_names_its_field_and_stores_nothing(opened):
    store, number, _ = opened
    session = InspectionSession(store, number)
    with pytest.raises(Refused) as refused:
        session.set_value("A2", numerator=12, denominator=10)
    assert refused.value.field == "numerator"
    assert refused.value.message == "tử số 12 lớn hơn mẫu số 10 — tử số phải ≤ mẫu số"
    assert session.answer("A2") is None and store.load(number).answers == {}


def test_an_answer_with_nothing_left_is_removed(opened):
    store, number, _ = opened
    session = InspectionSession(store, number)
    session.change("A1", note="Bảng niêm yết cũ")
    assert session.answer("A1") == Answer("A1", note="Bảng niêm yết cũ")
    session.change("A1", note="")
    assert session.answer("A1") is None and store.load(number).answers == {}


def test_items_toggle_in_checklist_order(opened):
    store, number, _ = opened
    session = InspectionSession(store, number)
    for item in ("c", "a", "c", "b"):
        session.toggle_item("A3", item)
    assert session.answer("A3").value == ("a", "b")
    assert session.criterion_result("A3").score == 2


def test_na_and_back(opened):
    store, number, _ = opened
    session = InspectionSession(store, number)
    session.set_value("A2", numerator=1, denominator=2)
    session.mark_na("A2", "  Không phát sinh hồ sơ  ")
    assert session.answer("A2") == Answer("A2", na=True, reason="Không phát sinh hồ sơ")
    assert session.result.applicable_max == 5
    with pytest.raises(Refused) as refused:
        session.mark_na("A1", " ")
    assert refused.value.field == "reason"


def test_next_unanswered_skips_answered_text_and_adjustments(opened):
    store, number, _ = opened
    session = InspectionSession(store, number)
    session.set_value("A2", numerator=1, denominator=1)
    assert session.next_unanswered("A1") == "A3"
    assert session.next_unanswered("A3") == "A1"
    session.set_value("A1", value=False)
    session.toggle_item("A3", "a")
    assert session.next_unanswered("A1") is None


def test_a_change_made_in_a_stale_window_keeps_the_other_windows_answer(opened):
    """Window B answers Q; window A, not yet refreshed, adds a note to Q: both survive."""
    store, number, _ = opened
    window_a = InspectionSession(Store(store.path), number)
    window_b = InspectionSession(Store(store.path), number)
    window_b.set_value("A1", value=True)
    window_a.change("A1", note="Đã xem tại bộ phận một cửa")
    assert window_a.answer("A1") == Answer("A1", value=True, note="Đã xem tại bộ phận một cửa")
    assert Store(store.path).load(number).answers["A1"] == window_a.answer("A1")
    assert window_a.result.total == 2
    assert window_b.changed_elsewhere()
    window_b.reload()
    assert window_b.answer("A1") == window_a.answer("A1")


def test_scores_stamped_by_another_engine_are_recomputed_before_listing(opened):
    store, number, _ = opened
    InspectionSession(store, number).set_value("A1", value=True)
    stamped = store.db.execute("SELECT scored_by FROM inspections").fetchone()[0]
    assert stamped == engine_stamp()
    store.db.execute("UPDATE inspections SET score = '99', percent = '99', band = 'Tốt', scored_by = '0.0.1/0'")
    row = store.list_inspections()[0]
    assert (row.score, row.percent, row.band) == ("2", "25", "Yếu")
    assert store.db.execute("SELECT scored_by FROM inspections").fetchone()[0] == engine_stamp()


def test_a_write_without_a_result_leaves_no_stale_score_listed(opened):
    store, number, _ = opened
    store.save_answer(number, "A1", Answer("A1", value=True))  # a caller that passes no result
    row = store.list_inspections()[0]
    assert (row.answered, row.score, row.percent) == (1, "2", "25")


def test_the_session_layer_imports_no_interface():
    code = ("import json, sys\nimport inspector.session\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


def test_self_scores_are_summed_per_section(opened):
    store, number, _ = opened
    session = InspectionSession(store, number)
    session.change("A1", self_score=Fraction(3, 2))
    session.change("A2", self_score=Fraction(1))
    assert session.self_score_totals() == {"A": Fraction(5, 2), "T": None}


def test_another_windows_write_is_noticed_even_after_an_own_commit(opened):
    store, number, _ = opened
    window_a = InspectionSession(Store(store.path), number)
    window_b = InspectionSession(Store(store.path), number)
    window_b.set_value("A1", value=True)
    window_a.set_value("A2", numerator=1, denominator=1)  # A commits after B: B's answer must still show up
    assert window_a.changed_elsewhere()
    window_a.reload()
    assert window_a.answer("A1") == Answer("A1", value=True) and not window_a.changed_elsewhere()


def test_empty_evidence_is_not_recorded(opened):
    store, number, _ = opened
    session = InspectionSession(store, number)
    assert session.add_evidence("A1", "   ") is None and store.load(number).answers == {}
    session.add_evidence("A1", "Quyết định số 12/QĐ-UBND")
    assert session.answer("A1").evidence == ("Quyết định số 12/QĐ-UBND",)


def test_an_unreadable_pinned_checklist_does_not_stop_the_list(opened):
    store, number, checklist = opened
    other = make_checklist(BODY.replace("Niêm yết thủ tục", "Niêm yết"))
    broken = store.create_inspection(other, InspectionInfo(other.id, other.version, "UBND phường Hỏng",
                                                           dt.date(2026, 3, 3)))
    store.db.execute("UPDATE checklist_texts SET text = 'format = 9', parsed = NULL WHERE sha256 = ?", (other.sha256,))
    store.db.execute("UPDATE inspections SET scored_by = NULL")
    rows = {row.unit: row for row in store.list_inspections()}
    assert set(rows) == {"UBND xã Thử", "UBND phường Hỏng"} and rows["UBND xã Thử"].percent == "0"
    assert rows["UBND phường Hỏng"].id == broken
    with pytest.raises(StoreError) as refused:
        InspectionSession(store, broken)
    assert refused.value.message().startswith("không đọc được bảng kiểm test@1 lưu kèm cuộc kiểm tra: test@1:1:")


def test_findings_from_two_windows_are_merged_field_by_field(opened):
    store, number, _ = opened
    window_a = InspectionSession(store, number)
    window_b = InspectionSession(Store(store.path), number)
    window_a.save_findings(records.evolve(window_a.findings, strengths="Niêm yết đầy đủ"))
    window_b.save_findings(records.evolve(window_b.findings, conclusion="Đạt yêu cầu"))  # B never saw A's text
    stored = store.load_findings(number)
    assert (stored.strengths, stored.conclusion) == ("Niêm yết đầy đủ", "Đạt yêu cầu")
    assert window_b.findings == stored


def test_a_text_changed_in_two_windows_is_never_written_over_the_other_without_asking(opened):
    store, number, _ = opened
    window_a = InspectionSession(store, number)
    window_b = InspectionSession(Store(store.path), number)
    base = window_b.findings  # what B's fields showed before its user typed
    window_a.save_findings(records.evolve(window_a.findings, conclusion="Đạt yêu cầu"))
    window_b.reload()  # B noticed the change (its fields did not)
    conflicts = window_b.save_findings(records.evolve(base, conclusion="Chưa đạt", strengths="Có Kế hoạch"), base=base)
    assert conflicts == ("conclusion",)
    stored = store.load_findings(number)
    assert (stored.conclusion, stored.strengths) == ("Đạt yêu cầu", "Có Kế hoạch")  # the other field was written
    again = window_b.save_findings(records.evolve(base, conclusion="Chưa đạt"),
                                   base=records.evolve(base, conclusion="Đạt yêu cầu"))  # the person kept theirs
    assert again == () and store.load_findings(number).conclusion == "Chưa đạt"


def test_typed_control_characters_are_cleaned_not_refused(opened):
    store, number, _ = opened
    session = InspectionSession(store, number)
    session.change("A1", value=True, note="dòng 1\x0bdòng 2\x00\x1b[2J", evidence=("Quyết định\r\nsố 5",))
    assert store.load(number).answers["A1"] == Answer("A1", value=True, note="dòng 1\ndòng 2[2J",
                                                       evidence=("Quyết định\nsố 5",))
    session.save_findings(records.evolve(session.findings, conclusion="Kết luận\x0bđoạn 2"))
    assert store.load_findings(number).conclusion == "Kết luận\nđoạn 2"
