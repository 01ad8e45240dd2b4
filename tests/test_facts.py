"""Facts (§8): figures recorded once, criteria computed from them, checks that they add up."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.cli.main import main
from inspector.core.answers import answers_from_text
from inspector.core.checklist import checklist_from_text
from inspector.core.describe import computed_lines, failed_check_lines
from inspector.core.problems import FileProblems
from inspector.core.scoring import score

CHECKLIST = """\
format = 1
id = "t"
version = "1"
title = "Một cửa"

[[fact]]
id = "tiep_nhan"
label = "Hồ sơ tiếp nhận"
unit = "hồ sơ"
guidance = "Theo Hệ thống thông tin giải quyết TTHC."

[[fact]]
id = "da_gq"
label = "Đã giải quyết"

[[fact]]
id = "dang_gq"
label = "Đang giải quyết"

[[fact]]
id = "truoc_han"
label = "Trước hạn"

[[fact]]
id = "dung_han"
label = "Đúng hạn"

[[fact]]
id = "buu_chinh"
label = "Trả qua bưu chính"

[[check]]
id = "can-doi"
label = "Tiếp nhận = đã giải quyết + đang giải quyết"
left = ["da_gq", "dang_gq"]
op = "=="
right = ["tiep_nhan"]

[[check]]
id = "han"
label = "Trước hạn + đúng hạn ≤ đã giải quyết"
left = ["truoc_han", "dung_han"]
op = "<="
right = ["da_gq"]

[[section]]
id = "E"
title = "Giải quyết hồ sơ"

[[section.criterion]]
id = "E1"
title = "Hồ sơ giải quyết đúng hạn"
type = "ratio"
max = 6
facts = { numerator = ["truoc_han", "dung_han"], denominator = ["da_gq"] }
steps = [{ min = 98, points = 6 }, { min = 95, points = 4 }]

[[section.criterion]]
id = "D12"
title = "Trả kết quả qua bưu chính"
type = "number"
max = 1
evidence = "required"
facts = { value = ["buu_chinh"] }
steps = [{ min = 1, points = 1 }]

[[section.criterion]]
id = "E2"
title = "Xin lỗi khi trễ hạn"
type = "yes_no"
max = 1
"""

HEAD = """\
format = 1
[inspection]
checklist = "t"
checklist_version = "1"
unit = "UBND phường Ngọc Thụy"
date = 2026-03-02
"""

NGOC_THUY = HEAD + """
[facts]
tiep_nhan = 2201
da_gq = 2119
dang_gq = 82
truoc_han = 0
dung_han = 2119
buu_chinh = 34

[answers.D12]
evidence = ["Sổ theo dõi trả kết quả qua bưu chính"]
"""


def checklist():
    return checklist_from_text(CHECKLIST, "c.toml")


def scored(text: str):
    c = checklist()
    parsed = answers_from_text(text, c, "a.toml")
    return score(c, parsed.answers, parsed.info.unit_type, parsed.facts)


def refused(text: str, name: str = "a.toml") -> list[str]:
    with pytest.raises(FileProblems) as caught:
        answers_from_text(text, checklist(), name)
    return caught.value.render("en").splitlines()


def refused_checklist(text: str) -> list[str]:
    with pytest.raises(FileProblems) as caught:
        checklist_from_text(text, "c.toml")
    return caught.value.render("en").splitlines()


# ---- scoring
def test_computed_criteria_are_scored_from_the_facts():
    result = scored(NGOC_THUY)
    e1, d12, e2 = result.criteria
    assert (e1.status, e1.score, e1.answer.numerator, e1.answer.denominator) == ("answered", 6, 2119, 2119)
    assert e1.explanation == "2.119/2.119 = 100% ≥ 98% → 6 điểm"
    assert (d12.status, d12.score, d12.answer.value) == ("answered", 1, 34)
    assert e2.status == "unanswered"
    assert result.total == 7 and result.facts["tiep_nhan"] == 2201
    assert result.checks_failed == ()


def test_a_check_that_fails_is_reported_with_both_sums_and_changes_no_score():
    result = scored(NGOC_THUY.replace("dang_gq = 82", "dang_gq = 80"))
    assert [c.id for c in result.checks_failed] == ["can-doi"]
    assert result.total == 7
    assert failed_check_lines(result) == [
        "Số liệu chưa khớp: Tiếp nhận = đã giải quyết + đang giải quyết (2.119 + 80 = 2.199 ≠ 2.201)"]
    assert failed_check_lines(result, "en") == [
        "Figures do not add up: Tiếp nhận = đã giải quyết + đang giải quyết (2,119 + 80 = 2,199 ≠ 2,201)"]


def test_a_missing_fact_leaves_the_criterion_unanswered_and_the_check_unevaluated():
    result = scored(NGOC_THUY.replace("da_gq = 2119\n", ""))
    e1 = result.criteria[0]
    assert e1.status == "unanswered" and result.provisional
    assert [c.evaluated for c in result.checks] == [False, False]
    assert result.checks_failed == ()
    assert computed_lines(e1.criterion, result.facts, result.checklist) == [
        "Tử số: Trước hạn (0) + Đúng hạn (2.119) = 2.119", "Mẫu số: Đã giải quyết (chưa nhập)"]


def test_a_zero_denominator_is_na_and_na_in_the_answer_table_wins():
    result = scored(NGOC_THUY.replace("da_gq = 2119", "da_gq = 0").replace("dung_han = 2119", "dung_han = 0")
                    .replace("dang_gq = 82", "dang_gq = 2201"))
    assert (result.criteria[0].status, result.criteria[0].applicable_max) == ("na", 0)
    result = scored(NGOC_THUY + '\n[answers.E1]\nna = true\nreason = "Không phát sinh"\n')
    assert result.criteria[0].status == "na" and result.criteria[0].na_reason == "Không phát sinh"


def test_required_evidence_still_applies_to_a_computed_criterion():
    result = scored(NGOC_THUY.replace('[answers.D12]\nevidence = ["Sổ theo dõi trả kết quả qua bưu chính"]\n', ""))
    assert result.criteria[1].status == "missing_evidence"


def test_score_json_gives_facts_and_failed_checks(tmp_path, capsys):
    (tmp_path / "c.toml").write_text(CHECKLIST, encoding="utf-8")
    (tmp_path / "a.toml").write_text(NGOC_THUY.replace("dang_gq = 82", "dang_gq = 80"), encoding="utf-8")
    assert main(["score", str(tmp_path / "c.toml"), str(tmp_path / "a.toml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["facts"] == {"tiep_nhan": 2201, "da_gq": 2119, "dang_gq": 80, "truoc_han": 0, "dung_han": 2119,
                             "buu_chinh": 34}
    assert data["checks_failed"] == ["can-doi"]
    assert data["total"] == 7


# ---- answer files
@pytest.mark.parametrize("extra, expected", [
    ("[facts]\ntiep_nhna = 1\n",
     'a.toml:9: facts › tiep_nhna: there is no fact "tiep_nhna" (did you mean `tiep_nhan`?) — declare [[fact]] '
     'id = "tiep_nhna" or use one of: tiep_nhan, da_gq, dang_gq, truoc_han, dung_han, buu_chinh'),
    ("[facts]\ntiep_nhan = -1\n",
     "a.toml:9: facts › tiep_nhan: fact `tiep_nhan` must be a whole number ≥ 0, not integer -1 — for example "
     "tiep_nhan = 2201"),
    ("[facts]\ntiep_nhan = 1.5\n",
     "a.toml:9: facts › tiep_nhan: fact `tiep_nhan` must be a whole number ≥ 0, not number 1.5 — for example "
     "tiep_nhan = 2201"),
    ('[facts]\ntiep_nhan = "2201"\n',
     'a.toml:9: facts › tiep_nhan: fact `tiep_nhan` must be a whole number ≥ 0, not string "2201" — for example '
     "tiep_nhan = 2201"),
    ("[facts]\ntiep_nhan = true\n",
     "a.toml:9: facts › tiep_nhan: fact `tiep_nhan` must be a whole number ≥ 0, not boolean true — for example "
     "tiep_nhan = 2201"),
    ("[answers.E1]\nnumerator = 1\ndenominator = 2\n",
     "a.toml:9: answer E1 › numerator: criterion E1 is computed from facts (numerator = truoc_han + dung_han; "
     "denominator = da_gq) — remove `numerator` and record the figures in [facts]"),
    ("[answers.D12]\nvalue = 3\n",
     "a.toml:9: answer D12 › value: criterion D12 is computed from facts (value = buu_chinh) — remove `value` and "
     "record the figures in [facts]"),
    ("[facts]\nda_gq = 10\ndung_han = 11\ntruoc_han = 0\n",
     "a.toml:9: facts › da_gq: criterion E1: numerator truoc_han + dung_han = 11 is greater than denominator "
     "da_gq = 10 — check these figures"),
])
def test_bad_facts_in_an_answer_file(extra, expected):
    assert refused(HEAD + "\n" + extra)[0] == expected


def test_a_fact_in_a_file_without_declared_facts():
    plain = checklist_from_text(CHECKLIST.split("[[fact]]")[0] + CHECKLIST.split("[[section]]", 1)[1]
                                .join(["[[section]]", ""]).replace("facts = { numerator = [\"truoc_han\", \"dung_han\"]"
                                                                   ", denominator = [\"da_gq\"] }\n", "")
                                .replace('facts = { value = ["buu_chinh"] }\n', ""), "c.toml")
    with pytest.raises(FileProblems) as caught:
        answers_from_text(HEAD + "\n[facts]\nx = 1\n", plain, "a.toml")
    assert caught.value.render("en") == ('a.toml:9: facts › x: there is no fact "x": the checklist declares no '
                                         '[[fact]] — add [[fact]] id = "x"')


def test_answer_files_keep_their_facts_when_written_back():
    from inspector.core.answers import answers_to_toml

    c = checklist()
    parsed = answers_from_text(NGOC_THUY, c, "a.toml")
    again = answers_from_text(answers_to_toml(parsed.info, parsed.answers, c, parsed.findings, parsed.facts), c)
    assert again.facts == parsed.facts and again.answers == parsed.answers


# ---- checklists
@pytest.mark.parametrize("change, expected", [
    (('facts = { value = ["buu_chinh"] }', 'facts = { value = ["buu_chinhh"] }'),
     'c.toml:64: section E › criterion D12 › facts › value[1]: there is no fact "buu_chinhh" (did you mean '
     '`buu_chinh`?) — declare [[fact]] id = "buu_chinhh" or use one of: tiep_nhan, da_gq, dang_gq, truoc_han, '
     'dung_han, buu_chinh'),
    (('id = "buu_chinh"', 'id = "E2"'),
     'c.toml:29: fact E2 › id: fact id "E2" is also a criterion id (line 68) — rename it; facts and criteria need '
     "different ids"),
    (('op = "<="', 'op = "=<"'),
     'c.toml:43: check han › op: `op` = "=<" is not valid — choose one of: ==, <=, >='),
    (('left = ["da_gq", "dang_gq"]', "left = []"),
     'c.toml:35: check can-doi › left: `left` needs at least one fact id — for example left = ["hs_tiep_nhan"]'),
    (('facts = { value = ["buu_chinh"] }', 'facts = { numerator = ["buu_chinh"] }'),
     "c.toml:64: section E › criterion D12 › facts › numerator: unknown key `numerator` — allowed keys: value"),
    (('facts = { numerator = ["truoc_han", "dung_han"], denominator = ["da_gq"] }',
      'facts = { numerator = ["dung_han"] }'),
     'c.toml:55: section E › criterion E1 › facts: `facts` of a ratio criterion needs numerator, denominator — '
     'for example facts = { numerator = ["hs_dung_han"], denominator = ["hs_da_giai_quyet"] }'),
    (('max = 1\n"""', 'max = 1\nfacts = { value = ["buu_chinh"] }\n"""'),
     "c.toml:72: section E › criterion E2 › facts: key `facts` is not used by a yes_no criterion — remove it, "
     "or change the type"),
    (('id = "dung_han"', 'id = "da_gq"'),
     'c.toml:25: fact da_gq › id: duplicate fact id "da_gq" (first at line 13) — each id must be unique'),
])
def test_bad_facts_in_a_checklist(change, expected):
    old, new = change
    text = CHECKLIST.replace(old, new, 1) if old != 'max = 1\n"""' else CHECKLIST + 'facts = { value = ["buu_chinh"] }\n'
    assert expected in refused_checklist(text)


def test_a_checklist_without_facts_is_unchanged(tmp_path):
    from inspector.core.checklist import load_checklist
    from inspector.core.paths import bundled_checklist_dir

    old = load_checklist(bundled_checklist_dir() / "van-thu-luu-tru.toml")
    assert old.facts == () and old.checks == () and not any(c.computed for c in old.criteria)


# ---- the computed criterion scores as if its sums had been typed (property against the typed twin)
TWIN = CHECKLIST.replace('facts = { numerator = ["truoc_han", "dung_han"], denominator = ["da_gq"] }\n', "") \
    .replace('facts = { value = ["buu_chinh"] }\n', "")


@settings(max_examples=150, deadline=None)
@given(received=st.integers(0, 10**6), early=st.integers(0, 10**6), on_time=st.integers(0, 10**6),
       extra=st.integers(0, 10**6), post=st.integers(0, 10**4), pending=st.integers(0, 10**6))
def test_computed_equals_typed(received, early, on_time, extra, post, pending):
    resolved = early + on_time + extra
    facts = {"tiep_nhan": received, "da_gq": resolved, "dang_gq": pending, "truoc_han": early, "dung_han": on_time,
             "buu_chinh": post}
    computed = checklist()
    twin = checklist_from_text(TWIN, "twin.toml")
    from inspector.core.model import Answer

    evidence = ("sổ",)
    by_facts = score(computed, {"D12": Answer("D12", evidence=evidence)}, None, facts)
    typed = score(twin, {"E1": Answer("E1", numerator=early + on_time, denominator=resolved),
                         "D12": Answer("D12", value=Fraction(post), evidence=evidence)})
    assert [(r.status, r.score, r.applicable_max) for r in by_facts.criteria] == \
        [(r.status, r.score, r.applicable_max) for r in typed.criteria]
    assert (by_facts.total, by_facts.percent, by_facts.band) == (typed.total, typed.percent, typed.band)
    assert [c.id for c in by_facts.checks_failed] == (["can-doi"] if resolved + pending != received else [])


# ---- every export carries the figures and the failed checks
@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv", "md", "json", "answers"])
def test_exports_carry_facts_and_failed_checks(tmp_path, fmt):
    import io
    import zipfile

    from inspector.exports.common import Exported
    from inspector.exports.run import export
    from inspector.store.database import Store

    c = checklist()
    parsed = answers_from_text(NGOC_THUY.replace("dang_gq = 82", "dang_gq = 80"), c, "a.toml")
    store = Store()
    number = store.create_inspection(c, parsed.info, parsed.answers, parsed.findings, parsed.facts)
    out = export([Exported.of(store.load(number))], fmt, tmp_path / f"out.{fmt}")
    if fmt == "docx":
        from docx import Document

        document = Document(str(out))
        text = "\n".join(p.text for p in document.paragraphs)
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        assert "- Số liệu chưa khớp: Tiếp nhận = đã giải quyết + đang giải quyết (2.119 + 80 = 2.199 ≠ 2.201)." in text
        assert "2.201 hồ sơ" in cells and "Đang giải quyết" in cells
        assert "2.119/2.119 = 100%" in cells  # the measured value beside E1's score
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(out.read_bytes()))
        rows = [list(r) for r in book["Số liệu"].iter_rows(values_only=True)]
        assert rows[1] == ["tiep_nhan", "Hồ sơ tiếp nhận", 2201, "hồ sơ"]
        assert ["can-doi", "Tiếp nhận = đã giải quyết + đang giải quyết", "Chưa khớp", "2.119 + 80 = 2.199 ≠ 2.201"] \
            in rows
        detail = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        assert any(r[1] == "Chưa khớp" and "2.199 ≠ 2.201" in str(r[7]) for r in detail)
        with zipfile.ZipFile(out) as archive:
            assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))
    elif fmt == "csv":
        text = out.read_text(encoding="utf-8-sig")
        assert ",Số liệu,dang_gq,Đang giải quyết,số liệu,,,,,80,,," in text
        assert ("Số liệu,can-doi,Tiếp nhận = đã giải quyết + đang giải quyết,kiểm tra số liệu,,,,Chưa khớp,,"
                "2.119 + 80 = 2.199 ≠ 2.201") in text
        assert "E1,Hồ sơ giải quyết đúng hạn,tỷ lệ,6.0,,6.0,đã chấm,2.119/2.119 = 100%," in text
    elif fmt == "md":
        text = out.read_text(encoding="utf-8")
        assert "| dang_gq | Đang giải quyết | 80 |" in text
        assert "Số liệu chưa khớp: Tiếp nhận = đã giải quyết + đang giải quyết (2.119 + 80 = 2.199 ≠ 2.201)" in text
    elif fmt == "json":
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["facts"]["dang_gq"] == 80
        assert data["result"]["checks_failed"] == ["can-doi"]
        from inspector.exports.jsonrecord import digest_of

        assert data["digest"] == digest_of(data)
    else:
        again = answers_from_text(out.read_text(encoding="utf-8"), c, "again.toml")
        assert again.facts == parsed.facts
