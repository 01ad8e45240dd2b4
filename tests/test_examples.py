"""The bundled worked examples, scored against totals computed by hand (see the comments)."""

from fractions import Fraction as F
from pathlib import Path

from inspector.core.answers import load_answers
from inspector.core.checklist import load_checklist
from inspector.core.scoring import score

ROOT = Path(__file__).resolve().parent.parent


def scored(name):
    checklist = load_checklist(ROOT / "checklists" / f"{name}.toml")
    answers = load_answers(ROOT / "checklists" / "examples" / f"{name}.answers.toml", checklist)
    return score(checklist, answers.answers, answers.info.unit_type)


def test_cchc_xa_example_matches_hand_computation():
    r = scored("cchc-xa")
    sections = {s.id: s.score for s in r.sections}
    # A: 1.5 + 2.5×85/100 + 4×0.3 + 0.5 (25% ≥ 20) + 1 (0/0 → N/A full) + 1 + 0.5 + 0.5
    assert sections["A"] == F("8.325")
    assert sections["B"] == F("3.75")  # 0.75 + 1.5 (95%) + 1.5
    assert sections["C"] == F("10.25")  # 3 + 1 + 3/4 + 1 + 1.5 + 1 + 0 + 0.5 (80%) + 1 + 0.5
    assert sections["D"] == F(67, 6)  # … + D5: 2 of 3 items × 1 = 2/3; D11 N/A full = 1
    assert sections["E"] == 9  # 4 (8455/8630 = 97.97%) + 1 + 1 + 1 + 2 (86.5 ≥ 80)
    assert sections["F"] == F("6.625") + F(240, 863)  # F6 linear: 1200/8630 ÷ 50% = 240/863
    assert (sections["G"], sections["H"], sections["I"], sections["K"]) == (5, 8, F("7.5"), 5)
    assert r.total == F("63.45") + F(67, 6) + F(240, 863)
    assert r.max == 100 and r.applicable_max == F("99.5")  # F7 applies to xã only: N/A rescale for a phường
    assert r.adjustment == F("-1.5")  # T2: 1 × −0.5; T4: 1 × −1
    assert r.percent == 100 * (r.total - F("1.5")) / F("99.5")
    assert round(float(r.percent), 4) == 73.7636
    assert r.band == "Khá" and not r.provisional and r.critical_failed == ()
    assert r.progress() == (75, 75)


def test_cchc_xa_example_explanations():
    r = scored("cchc-xa")
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
