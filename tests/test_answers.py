"""Answer files: what is accepted, and the exact message for what is not."""

import textwrap

import pytest
from conftest import make_checklist

from inspector.core.answers import answer_errors, answers_from_text
from inspector.core.model import Answer
from inspector.core.problems import FileProblems

CHECKLIST = """
unit_types = ["xa", "phuong"]

[[section]]
id = "S"
title = "Mục"

[[section.criterion]]
id = "Y"
title = "t"
type = "yes_no"
max = 1

[[section.criterion]]
id = "C"
title = "t"
type = "choice"
max = 1
options = [{ id = "dat", label = "Đạt", points = 1 }, { id = "khong", label = "Không đạt", points = 0 }]

[[section.criterion]]
id = "M"
title = "t"
type = "multi"
max = 1
items = [{ id = "a", label = "A" }, { id = "b", label = "B" }]

[[section.criterion]]
id = "R"
title = "t"
type = "ratio"
max = 2
na = "forbidden"
steps = [{ min = 100, points = 2 }]

[[section.criterion]]
id = "N"
title = "t"
type = "number"
max = 1
range = [0, 100]
steps = [{ min = 90, points = 1 }]

[[section.criterion]]
id = "X"
title = "t"
type = "text"

[[section]]
id = "T"
title = "Thưởng"
kind = "adjustment"

[[section.criterion]]
id = "P"
title = "t"
type = "count"
each = -1
"""

INSPECTION = """\
format = 1
[inspection]
checklist = "test"
checklist_version = "1"
unit = "UBND xã Thử"
date = 2025-01-02
"""


@pytest.fixture
def checklist():
    return make_checklist(CHECKLIST)


def messages(checklist, body: str, inspection: str = INSPECTION, lang: str = "en") -> list[str]:
    with pytest.raises(FileProblems) as caught:
        answers_from_text(inspection + textwrap.dedent(body), checklist, "a.toml")
    return caught.value.render(lang).splitlines()


def test_a_complete_file_loads(checklist):
    parsed = answers_from_text(INSPECTION + textwrap.dedent("""
        [answers.Y]
        value = true
        evidence = ["QĐ 1"]
        note = "ghi chú"
        self_score = 1
        [answers.C]
        value = "dat"
        [answers.M]
        value = ["a"]
        [answers.R]
        numerator = 3
        denominator = 4
        [answers.N]
        value = 95.5
        [answers.X]
        value = "ý kiến"
        [answers.P]
        value = 2
        """), checklist)
    assert parsed.info.unit == "UBND xã Thử" and str(parsed.info.date) == "2025-01-02"
    assert parsed.answers["Y"].evidence == ("QĐ 1",) and parsed.answers["M"].value == ("a",)
    assert parsed.answers["R"].numerator == 3 and parsed.answers["P"].value == 2


CASES = [
    ("unknown criterion", "[answers.Y2]\nvalue = true\n",
     ['a.toml:7: answer Y2: the checklist has no criterion "Y2" (did you mean `Y`?) — check the criterion id']),
    ("wrong kind", "[answers.Y]\nvalue = \"có\"\n",
     ['a.toml:8: answer Y › value: `value` must be true or false, not string "có" — for example value = true']),
    ("unknown key", "[answers.Y]\nvalue = true\nnotes = \"x\"\n",
     ["a.toml:9: answer Y › notes: unknown key `notes` — did you mean `note`?"]),
    ("ratio key on yes_no", "[answers.Y]\nnumerator = 1\n",
     ["a.toml:8: answer Y › numerator: unknown key `numerator` — allowed keys: na, reason, evidence, note, self_score, self_evidence, explanation, value"]),
    ("unknown option", "[answers.C]\nvalue = \"dt\"\n",
     ['a.toml:8: answer C › value: there is no option "dt" (did you mean `dat`?) — choose one of: dat, khong']),
    ("unknown item", "[answers.M]\nvalue = [\"a\", \"z\"]\n",
     ['a.toml:8: answer M › value: there is no item "z" — use the ids: a, b']),
    ("repeated item", "[answers.M]\nvalue = [\"a\", \"a\"]\n",
     ['a.toml:8: answer M › value: item "a" is ticked twice — list each id once']),
    ("numerator above denominator", "[answers.R]\nnumerator = 140\ndenominator = 139\n",
     ["a.toml:8: answer R › numerator: numerator 140 is greater than denominator 139 — the numerator must be ≤ the denominator"]),
    ("negative", "[answers.R]\nnumerator = -1\ndenominator = 5\n",
     ["a.toml:8: answer R › numerator: `numerator` = -1 must not be negative — enter a whole number ≥ 0"]),
    ("ratio half", "[answers.R]\nnumerator = 1\n",
     ["a.toml:7: answer R: a ratio needs both `numerator` and `denominator` — add denominator"]),
    ("ratio float", "[answers.R]\nnumerator = 1.5\ndenominator = 2\n",
     ["a.toml:8: answer R › numerator: `numerator` must be an integer, not number 1.5 — for example numerator = 139"]),
    ("na forbidden", "[answers.R]\nna = true\nreason = \"không có\"\n",
     ['a.toml:8: answer R › na: this criterion does not allow N/A (na = "forbidden") — record an answer']),
    ("zero denominator forbidden", "[answers.R]\nnumerator = 0\ndenominator = 0\n",
     ['a.toml:9: answer R › denominator: denominator = 0 means N/A, which this criterion does not allow (na = "forbidden") — enter a denominator > 0']),
    ("na without reason", "[answers.Y]\nna = true\n",
     ['a.toml:8: answer Y › na: an N/A answer needs a reason — add reason = "…"']),
    ("na with value", "[answers.Y]\nna = true\nreason = \"x\"\nvalue = true\n",
     ["a.toml:10: answer Y › value: an N/A answer has no value — remove `value` or na = true"]),
    ("reason without na", "[answers.Y]\nvalue = true\nreason = \"x\"\n",
     ["a.toml:9: answer Y › reason: `reason` is only used with na = true — add na = true or remove reason"]),
    ("out of range", "[answers.N]\nvalue = 101\n",
     ["a.toml:8: answer N › value: value 101 is outside the range [0, 100] — enter a value in that range"]),
    ("count negative", "[answers.P]\nvalue = -2\n",
     ["a.toml:8: answer P › value: `value` = -2 must not be negative — enter a whole number ≥ 0"]),
    ("self score above max", "[answers.Y]\nvalue = true\nself_score = 2\n",
     ["a.toml:9: answer Y › self_score: self score 2 exceeds the maximum 1 — enter a number from 0 to 1"]),
    ("evidence type", "[answers.Y]\nvalue = true\nevidence = \"QĐ 1\"\n",
     ['a.toml:9: answer Y › evidence: `evidence` must be a list of strings, not string "QĐ 1" — for example evidence = ["Quyết định số …"]']),
    ("answer not a table", "[answers]\nY = true\n",
     ["a.toml:8: answer Y: an answer must be a table [answers.Y] — for example value = true"]),
]


@pytest.mark.parametrize("body, expected", [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_exact_messages(checklist, body, expected):
    assert messages(checklist, body) == expected


def test_checklist_mismatch(checklist):
    assert messages(checklist, "", INSPECTION.replace('"test"', '"cchc-xa"')) == [
        'a.toml:3: inspection › checklist: the answers are for checklist "cchc-xa", not "test" — score them with "cchc-xa" or fix `checklist`']


def test_version_mismatch_is_an_error_not_a_silent_rescore(checklist):
    assert messages(checklist, "", INSPECTION.replace('checklist_version = "1"', 'checklist_version = "2024.1"')) == [
        'a.toml:4: inspection › checklist_version: the answers are for version "2024.1" but the checklist is version "1" — score them with that version; nothing is re-scored silently']


def test_unit_type_must_be_declared(checklist):
    assert messages(checklist, "", INSPECTION + 'unit_type = "phuongg"\n') == [
        'a.toml:7: inspection › unit_type: unit type "phuongg" is not in unit_types (did you mean `phuong`?) — use one of: xa, phuong']


def test_missing_inspection_fields(checklist):
    assert messages(checklist, "", "format = 1\n[inspection]\nchecklist = \"test\"\nchecklist_version = \"1\"\ndate = \"2025-01-02\"\n") == [
        'a.toml:2: inspection: missing required key `unit` — add unit = "UBND phường …"',
        'a.toml:5: inspection › date: `date` must be a date (e.g. 2025-09-21), not string "2025-01-02" — for example date = 2025-09-21',
    ]


def test_all_problems_reported_in_vietnamese(checklist):
    lines = messages(checklist, "[answers.R]\nnumerator = 5\ndenominator = 4\n[answers.Z]\nvalue = 1\n", lang="vi")
    assert lines == [
        "a.toml:8: trả lời R › numerator: tử số 5 lớn hơn mẫu số 4 — tử số phải ≤ mẫu số",
        'a.toml:10: trả lời Z: bảng kiểm không có tiêu chí "Z" — kiểm tra mã tiêu chí',
    ]


def test_answer_errors_for_an_input_field(checklist):
    ratio = checklist.criterion("R")
    assert answer_errors(ratio, Answer("R", numerator=5, denominator=4), "vi") == {
        "numerator": "tử số 5 lớn hơn mẫu số 4 — tử số phải ≤ mẫu số"}
    assert answer_errors(ratio, Answer("R", numerator=4, denominator=5)) == {}


def test_absent_members_and_the_issuer_are_checked_with_their_line(checklist):
    inspection = INSPECTION + ('team = ["Ông A — Trưởng đoàn", "Bà B — Phó Trưởng đoàn"]\n'
                               'absent = ["Ông C"]\n[inspection.issuer]\nbody = "SỞ NỘI VỤ"\nsymbol = "s n v"\n')
    assert messages(checklist, "", inspection) == [
        "a.toml:8: inspection › absent[1]: «Ông C» is not in team — absent lists only names of team members",
        'a.toml:11: inspection › issuer › symbol: «s n v» is not a body\'s abbreviation — capitals without spaces, '
        'e.g. "SNV" or "UBND"']
    good = inspection.replace('"Ông C"', '"ông  a"').replace("s n v", "SNV")
    parsed = answers_from_text(good, checklist, "a.toml")
    assert parsed.info.absent == ("ông  a",) and parsed.info.present_team() == ("Bà B — Phó Trưởng đoàn",)
    assert parsed.info.issuer.symbol == "SNV"
