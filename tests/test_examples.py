"""The bundled worked examples, scored against totals computed by hand (see the comments)."""

from fractions import Fraction as F
from pathlib import Path

from inspector.core.answers import load_answers
from inspector.core.checklist import load_checklist
from inspector.core.library import pinned_checklist
from inspector.core.scoring import score

ROOT = Path(__file__).resolve().parent.parent


DATA = ROOT / "tests" / "data"


def scored(name, example=None):
    """An example scored on the release its answer file pins (the current one, or one kept in checklists/versions)."""
    path = ROOT / "checklists" / "examples" / f"{example or name}.answers.toml"
    checklist = pinned_checklist(path)
    assert checklist.id == name
    answers = load_answers(path, checklist)
    return score(checklist, answers.answers, answers.info.unit_type, answers.facts, answers.info.facts_evidence)


def scored_2025():
    """The 2025.1 release of cchc-xa and its example, kept as the test data of an older pinned version."""
    checklist = load_checklist(DATA / "cchc-xa-2025.1.toml")
    answers = load_answers(DATA / "cchc-xa-2025.1.answers.toml", checklist)
    return score(checklist, answers.answers, answers.info.unit_type)


OLD_TOTAL = F("63.45") + F(67, 6) + F(240, 863)


def test_cchc_xa_2025_example_matches_hand_computation():
    r = scored_2025()
    sections = {s.id: s.score for s in r.sections}
    # A: 1.5 + 2.5×85/100 + 4×0.3 + 0.5 (25% ≥ 20) + 1 (0/0 → N/A full) + 1 + 0.5 + 0.5
    assert sections["A"] == F("8.325")
    assert sections["B"] == F("3.75")  # 0.75 + 1.5 (95%) + 1.5
    assert sections["C"] == F("10.25")  # 3 + 1 + 3/4 + 1 + 1.5 + 1 + 0 + 0.5 (80%) + 1 + 0.5
    assert sections["D"] == F(67, 6)  # … + D5: 2 of 3 items × 1 = 2/3; D11 N/A full = 1
    assert sections["E"] == 9  # 4 (8455/8630 = 97.97%) + 1 + 1 + 1 + 2 (86.5 ≥ 80)
    assert sections["F"] == F("6.625") + F(240, 863)  # F6 linear: 1200/8630 ÷ 50% = 240/863
    assert (sections["G"], sections["H"], sections["I"], sections["K"]) == (5, 8, F("7.5"), 5)
    assert r.total == OLD_TOTAL
    assert r.max == 100 and r.applicable_max == F("99.5")  # F7 applies to xã only: N/A rescale for a phường
    assert r.adjustment == F("-1.5")  # T2: 1 × −0.5; T4: 1 × −1
    assert r.percent == 100 * (r.total - F("1.5")) / F("99.5")
    assert round(float(r.percent), 4) == 73.7636
    assert r.band == "Khá" and not r.provisional and r.critical_failed == ()
    assert r.progress() == (75, 75)


def test_cchc_xa_2026_example_differs_from_2025_exactly_where_the_checklist_changed():
    r = scored("cchc-xa")
    # A2 max 2.5→2 (−0.425); A4 now per office, 3/12 < 50% (−0.5); B2 max 2→1.5 (−0.5); B4 new 5/5 (+0.5);
    # C1 max 3→2.5 (−0.5); C11 new (+0.5); D2 max 2→1.5, 6/8 items (−0.375); D12 from 12 dossiers by post
    # (0.5→1: +0.5); D14 (+1), D15 (0), D16 (+0.5) new; E5 86.5 → 1.5 (−0.5); F7 now for wards (+0.5);
    # F9 new 8700/8750 = 99.43% (+0.5); G1 1.5→1 (−0.5); I8 1→0.5 (−0.5). T4 removed (no double penalty).
    delta = (F("-0.425") - F("0.5") - F("0.5") + F("0.5") - F("0.5") + F("0.5") - F("0.375") + F("0.5") + 1
             + F("0.5") - F("0.5") + F("0.5") + F("0.5") - F("0.5") - F("0.5"))
    assert delta == F("0.2")
    assert r.total == OLD_TOTAL + delta
    assert r.applicable_max == 100 and r.adjustment == F("-0.5")  # T2 only
    assert r.band == "Khá" and not r.provisional and r.checks_failed == ()
    why = {c.id: c.explanation for c in r.criteria}
    assert why["E1"] == "8.455/8.630 = 97,97% ≥ 95% → 4 điểm"
    assert why["F4"] == "8.100/8.750 = 92,57% ≥ 90% → 2 điểm"
    assert why["D12"] == "12 hồ sơ ≥ 1 → 1 điểm"


def test_hung_dinh_report_1_on_2026_1():
    r = scored("cchc-xa", "hung-dinh")
    scores = {c.id: c.score for c in r.criteria if c.status != "unanswered"}
    # Only what the report says: D4 no (staff resigned) 0; D12 34 by post → 1; F7 helpers at the one-stop 0.5;
    # G1 ISO 1; G3 139/139 → 1.5; H2 archives in order 1. E1 stays unanswered: no on-time count is given.
    assert scores == {"D4": 0, "D12": 1, "F7": F("0.5"), "G1": 1, "G3": F("1.5"), "H2": 1}
    assert r.total == 5 and r.provisional
    assert r.facts["hs_tiep_nhan"] == 8630 and r.checks_failed == ()
    assert [c.id for c in r.checks if c.evaluated] == ["can-doi-ho-so", "can-doi-truc-tuyen", "buu-chinh-trong-tong"]


def test_ngoc_thuy_report_5_on_2026_1():
    r = scored("cchc-xa", "ngoc-thuy")
    scores = {c.id: c.score for c in r.criteria if c.status not in ("unanswered",) and c.criterion.scored}
    # E1 2119/2119 = 100% → 6; D12 3 returned home by post → 1; G1 ISO 1; K1 100% → 2; K4 dialogue held → 1.
    assert scores == {"E1": 6, "D12": 1, "G1": 1, "K1": 2, "K4": 1}
    assert r.total == 11
    assert {c.id: c.explanation for c in r.criteria}["E1"] == "2.119/2.119 = 100% ≥ 98% → 6 điểm"
    assert r.checks_failed == ()
    assert [c.id for c in r.checks if c.evaluated] == ["can-doi-ho-so", "ket-qua-giai-quyet", "can-doi-truc-tuyen",
                                                      "buu-chinh-trong-tong"]


def test_ngoc_thuy_with_80_pending_fails_the_balance_check():
    from inspector.core.answers import answers_from_text

    checklist = load_checklist(ROOT / "checklists" / "versions" / "cchc-xa-2026.2.toml")
    text = (ROOT / "checklists" / "examples" / "ngoc-thuy.answers.toml").read_text(encoding="utf-8")
    parsed = answers_from_text(text.replace("hs_dang_giai_quyet = 82", "hs_dang_giai_quyet = 80"), checklist)
    r = score(checklist, parsed.answers, parsed.info.unit_type, parsed.facts)
    assert [c.id for c in r.checks_failed] == ["can-doi-ho-so"]
    assert r.total == 11  # a check reports; it never changes a score


def test_cchc_xa_example_explanations():
    r = scored_2025()
    why = {c.id: c.explanation for c in r.criteria}
    assert why["C1"] == "139/139 = 100% ≥ 100% → 3 điểm"
    assert why["E1"] == "8.455/8.630 = 97,97% ≥ 95% → 4 điểm"
    assert why["F7"] == 'Không áp dụng (không áp dụng cho loại đơn vị "phuong") → không tính 0,5 điểm vào điểm tối đa'
    assert why["D11"] == "Không áp dụng (Không phát sinh hồ sơ liên thông trong kỳ) → được điểm tối đa 1 điểm"


def test_van_thu_example_is_provisional_and_critically_failed():
    r = scored("van-thu-luu-tru")
    # VB: 5 + 3.5 + 4 + 0 + 6; HS: 0 (no evidence) + 2; LT: 4 + 4 + 0 + 4 (N/A full); DT: 4.5 + 0 + 2
    assert r.total == 39 and r.applicable_max == 100 and r.percent == 39
    assert r.provisional and r.progress() == (12, 15)
    assert r.critical_failed == ("VB4",)
    assert r.band == "Yếu"  # already below the cap "Trung bình"
    statuses = {c.id: c.status for c in r.criteria}
    assert statuses["HS1"] == "missing_evidence" and statuses["HS3"] == "unanswered"


def test_cchc_xa_2026_3_loads_totals_100_and_computes_the_new_criteria_from_their_facts():
    from inspector.core.answers import answers_from_text
    from inspector.core.library import find_checklist

    checklist = find_checklist("cchc-xa")
    assert checklist.version == "2026.3" and checklist.max_points == 100
    assert checklist == load_checklist(ROOT / "checklists" / "cchc-xa.toml")
    sections = {s.id: sum((c.max for c in s.criteria if c.scored), F(0)) for s in checklist.sections if not s.is_adjustment}
    assert sections == {"A": F("9.5"), "B": 5, "C": 12, "D": F("16.5"), "E": F("12.5"), "F": 15, "G": F("4.5"), "H": 10,
                        "I": 9, "K": 6}
    # Seed 003 (phường An Lộc): 1,697 of 1,700 dossiers filed online; the split by service level is invented here.
    text = """format = 1
[inspection]
checklist = "cchc-xa"
checklist_version = "2026.3"
unit = "UBND phường An Lộc"
unit_type = "phuong"
date = 2027-03-10
period = "Năm 2026"

[facts]
hs_tiep_nhan = 1700
hs_co_dvctt = 1700
hs_truc_tuyen = 1697
hs_co_dvctt_toan_trinh = 1200
hs_co_dvctt_mot_phan = 500
hs_tt_toan_trinh = 1198
hs_tt_mot_phan = 499

[answers.C12]
na = true
reason = "Kỳ kiểm tra trước 01/01/2027, biên lai điện tử chưa bắt buộc"

[answers.D17]
numerator = 9
denominator = 10

[answers.H10]
value = ["phan-cong", "tai-khoan", "ma-doc"]

[answers.I9]
value = "chua-dung"

[answers.I10]
value = "day-du"
"""
    parsed = answers_from_text(text, checklist)
    r = score(checklist, parsed.answers, parsed.info.unit_type, parsed.facts)
    why = {c.id: c.explanation for c in r.criteria}
    points = {c.id: c.score for c in r.criteria}
    assert why["F10"] == "1.198/1.200 = 99,83% ≥ 80% → 1,5 điểm"
    assert why["F11"] == "499/500 = 99,8% ≥ 50% → 1 điểm"
    assert points["F1"] == 1 and points["F10"] == F("1.5") and points["F11"] == 1
    assert points["D17"] == F("0.5") and points["H10"] == F("0.6") and points["I9"] == F("0.5") and points["I10"] == F("0.5")
    statuses = {c.id: c.status for c in r.criteria}
    assert statuses["C12"] == "na" and r.applicable_max == F("99.5")  # N/A rescale: the half point leaves the maximum
    assert r.checks_failed == ()
    assert {c.id for c in r.checks if c.evaluated} >= {"truc-tuyen-toan-trinh-mot-phan", "dvctt-toan-trinh-mot-phan",
                                                       "toan-trinh-trong-tong", "mot-phan-trong-tong"}
    broken = answers_from_text(text.replace("hs_tt_mot_phan = 499", "hs_tt_mot_phan = 400"), checklist)
    r2 = score(checklist, broken.answers, broken.info.unit_type, broken.facts)
    assert [c.id for c in r2.checks_failed] == ["truc-tuyen-toan-trinh-mot-phan"]


def explanations(result):
    return {c.id: (c.score, c.explanation) for c in result.criteria if c.status != "unanswered"}


def test_duc_long_report_2_counts_and_the_figures_source():
    path = ROOT / "checklists" / "examples" / "duc-long.answers.toml"
    checklist = pinned_checklist(path)
    answers = load_answers(path, checklist)
    assert checklist.version == "2026.3"
    assert answers.facts == {"hs_da_giai_quyet": 2907, "hs_dung_han": 2890}
    r = score(checklist, answers.answers, answers.info.unit_type, answers.facts, answers.info.facts_evidence)
    # E1 is computed from the two figures; the report's source is its evidence: 2.890/2.907 = 99,42% ≥ 98% → 6.
    # C8: no complaint at all, 0/0 → N/A, full points by the criterion's rule.
    assert explanations(r) == {
        "E1": (6, "2.890/2.907 = 99,42% ≥ 98% → 6 điểm"),
        "C8": (1, "Không áp dụng (không phát sinh, mẫu số = 0) → được điểm tối đa 1 điểm"),
    }
    assert r.total == 7 and r.provisional and r.critical_failed == ()
    without_source = score(checklist, answers.answers, answers.info.unit_type, answers.facts)
    assert without_source.critical_failed == ("E1",) and without_source.total == 1


CONG_VU = {"phuong-duc": ("UBND xã Phượng Dực", F("3.5")), "hong-minh": ("UBND xã Hồng Minh", F("2.5")),
           "hoang-long": ("UBND xã Hoàng Long", 2), "tri-trung": ("UBND xã Tri Trung", 2)}
F1_REPORTED = ("95% (tỷ lệ theo Kết quả kiểm tra ngày 22/02/2018 của Đoàn kiểm tra công vụ huyện; không có số hồ sơ)"
               " ≥ 80% → 1 điểm")
I5_GOOD = (F("1.5"), "«Chấp hành tốt, không có vi phạm» → 1,5 điểm")


def test_report_3_is_a_campaign_of_four_communes(tmp_path, monkeypatch, capsys):
    """The campaign file makes the four inspections; each answer file joins its own; scores as documented."""
    from inspector.cli.main import main
    from inspector.store.database import Store

    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path / "home"))
    examples = ROOT / "checklists" / "examples"
    assert main(["campaign", "new", str(examples / "cong-vu-2018.campaign.toml")]) == 0
    for slug in CONG_VU:
        assert main(["import", str(examples / f"cong-vu-2018-{slug}.answers.toml")]) == 0
    out = capsys.readouterr().out
    assert "Đã thêm vào cuộc kiểm tra số 1 (UBND xã Phượng Dực)" in out
    assert "Đã thêm vào cuộc kiểm tra số 4 (UBND xã Tri Trung)" in out
    store = Store()
    try:
        for number, (slug, (unit, total)) in enumerate(CONG_VU.items(), 1):
            record = store.load(number)
            assert record.info.unit == unit and record.info.team == (
                "Lê Thanh Hải — Trưởng đoàn, Huyện ủy viên, Trưởng Phòng Nội vụ huyện",)
            r = score(record.checklist, record.answers, record.info.unit_type, record.facts)
            assert r.total == total, slug
            why = explanations(r)
            assert why["I5"] == I5_GOOD
            if slug in ("phuong-duc", "hong-minh"):
                assert why["F1"] == (1, F1_REPORTED)
            else:
                assert why["C11"] == (F("0.5"), "Có → 0,5 điểm")
        assert [row.unit for row in store.list_inspections()] == [u for u, _ in reversed(list(CONG_VU.values()))]
    finally:
        store.close()


SO_NOI_VU_DONG_NAI = "Thông tin kết quả kiểm tra của Sở Nội vụ tỉnh Đồng Nai ngày 03/9/2025"


def test_report_4_after_the_reform_scores_on_reported_rates():
    binh_long = scored("cchc-xa", "binh-long")
    assert explanations(binh_long) == {
        "E1": (6, f"99,9% (tỷ lệ theo {SO_NOI_VU_DONG_NAI}; không có số hồ sơ) ≥ 98% → 6 điểm")}
    assert binh_long.critical_failed == ()  # the source of the rate is E1's evidence
    an_loc = scored("cchc-xa", "an-loc")
    assert dict(an_loc.facts) == {"hs_tiep_nhan": 1700, "hs_truc_tuyen": 1697}
    assert explanations(an_loc) == {
        "F4": (3, f"99,75% (tỷ lệ theo {SO_NOI_VU_DONG_NAI}; không có số hồ sơ) ≥ 99% → 3 điểm")}
    assert an_loc.checks_failed == ()
