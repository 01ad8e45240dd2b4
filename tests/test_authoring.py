"""Checklist authoring: scaffold, JSON Schema, spreadsheet export/import, round trips."""

import json
from decimal import Decimal
from pathlib import Path

from inspector.core import record as records
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector.authoring.scaffold import scaffold_text
from inspector.authoring.schema import schema_text
from inspector.authoring.sheet import (
    SheetProblems,
    checklist_from_xlsx,
    checklist_to_xlsx,
)
from inspector.cli.main import main
from inspector.core.checklist import checklist_from_text, load_checklist

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = [ROOT / "checklists" / "cchc-xa.toml", ROOT / "checklists" / "van-thu-luu-tru.toml"]


def same_content(a, b) -> bool:
    """Equal as checklists: everything but the text hash and the text itself."""
    return records.evolve(a, sha256="") == records.evolve(b, sha256="")


def test_scaffold_is_valid_with_one_example_of_each_type():
    checklist = checklist_from_text(scaffold_text("tinh-moi"))
    assert checklist.id == "tinh-moi"
    assert {c.type for c in checklist.criteria} == {"yes_no", "choice", "multi", "ratio", "number", "count", "text"}
    assert any(c.linear for c in checklist.criteria) and any(c.steps and c.type == "ratio" for c in checklist.criteria)


def test_checklist_new_command(capsys, tmp_path):
    assert main(["checklist", "new", "tinh-moi"]) == 0
    path = Path(capsys.readouterr().out.split("Đã tạo ", 1)[1].strip())
    assert path.name == "tinh-moi.toml" and load_checklist(path).id == "tinh-moi"
    assert main(["--lang", "en", "checklist", "new", "tinh-moi"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["--lang", "en", "checklist", "new", "Tỉnh Mới"]) == 1
    assert capsys.readouterr().err.strip().startswith('inspector: id "Tỉnh Mới" is not valid')


# ---- JSON Schema
def schema_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def as_json(text: str):
    import tomllib

    return json.loads(json.dumps(tomllib.loads(text), default=str))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_schema_accepts_the_bundled_checklists(path):
    validator = schema_validator()
    assert list(validator.iter_errors(as_json(path.read_text(encoding="utf-8")))) == []
    assert list(validator.iter_errors(as_json(scaffold_text("x")))) == []


MALFORMED = {
    "unknown key": ('title = "Bảng kiểm mới"', 'titel = "x"\ntitle = "Bảng kiểm mới"'),
    "type typo": ('type = "yes_no"', 'type = "yesno"'),
    "max on text": ('type = "text"', 'type = "text"\nmax = 1'),
    "steps on yes_no": ('type = "yes_no"\nmax = 1', 'type = "yes_no"\nmax = 1\nsteps = [{ min = 1, points = 1 }]'),
    "ratio with both rules": ('linear = { floor = 80, target = 100 }', 'linear = { floor = 80, target = 100 }\nsteps = [{ min = 1, points = 1 }]'),
    "choice with one option": ('  { id = "mot-phan", label = "Đạt một phần", points = 1 },\n  { id = "khong", label = "Không đạt", points = 0 },\n', ''),
    "negative max": ('max = 2\noptions', 'max = -2\noptions'),
    "bad kind": ('kind = "adjustment"', 'kind = "bonus"'),
    "format 2": ("format = 1", "format = 2"),
    "missing section title": ('title = "Mục mẫu"\n', ''),
}


@pytest.mark.parametrize("old, new", MALFORMED.values(), ids=MALFORMED.keys())
def test_schema_refuses_malformed_files_the_validator_refuses(old, new):
    from inspector.core.problems import FileProblems

    text = scaffold_text("x")
    assert old in text
    broken = text.replace(old, new, 1)
    with pytest.raises(FileProblems):
        checklist_from_text(broken)
    assert list(schema_validator().iter_errors(as_json(broken)))


def test_schema_command_prints_the_shipped_schema(capsys):
    assert main(["checklist", "schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "inspector checklist, format 1"


# ---- spreadsheet
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_spreadsheet_round_trip_of_the_bundled_checklists(tmp_path, path):
    original = load_checklist(path)
    sheet = tmp_path / "c.xlsx"
    sheet.write_bytes(checklist_to_xlsx(original))
    again, text = checklist_from_xlsx(sheet)
    assert same_content(again, original)
    assert same_content(checklist_from_text(text), original)


def edited_sheet(tmp_path, edit) -> Path:
    from openpyxl import load_workbook

    path = tmp_path / "c.xlsx"
    path.write_bytes(checklist_to_xlsx(load_checklist(BUNDLED[1])))
    book = load_workbook(path)
    edit(book)
    book.save(path)
    return path


def header_column(sheet, key):
    for cell in sheet[1]:
        if str(cell.value).endswith(f"({key})"):
            return cell.column_letter
    raise KeyError(key)


def test_import_errors_name_sheet_row_and_column(tmp_path):
    def edit(book):
        sheet = book["Tiêu chí"]
        sheet[f"{header_column(sheet, 'type')}3"] = "yesno"
        sheet[f"{header_column(sheet, 'max')}4"] = "nhiều"
        sheet[f"{header_column(sheet, 'steps')}2"] = "100 | 15\n95"

    with pytest.raises(SheetProblems) as caught:
        checklist_from_xlsx(edited_sheet(tmp_path, edit))
    lines = caught.value.render("en").splitlines()
    assert lines == [
        f"{tmp_path / 'c.xlsx'}: sheet “Tiêu chí”, row 2, column S (steps): \"95\" has the wrong shape — one per line: tối thiểu | điểm",
        f"{tmp_path / 'c.xlsx'}: sheet “Tiêu chí”, row 4, column J (max): \"nhiều\" is not a number — e.g. 1.5",
    ]


def test_import_validation_problems_point_at_their_cell(tmp_path):
    def edit(book):
        sheet = book["Tiêu chí"]
        sheet[f"{header_column(sheet, 'type')}3"] = "yesno"
        sheet[f"{header_column(sheet, 'id')}5"] = "VB1"

    with pytest.raises(SheetProblems) as caught:
        checklist_from_xlsx(edited_sheet(tmp_path, edit))
    lines = caught.value.render("vi").splitlines()
    assert f"{tmp_path / 'c.xlsx'}: trang tính «Tiêu chí», dòng 3, cột I (type): `type` = \"yesno\" không hợp lệ (ý bạn là `yes_no`?)" in lines[0]
    assert lines[1].startswith(f"{tmp_path / 'c.xlsx'}: trang tính «Tiêu chí», dòng 5, cột G (id): mã tiêu chí \"VB1\" bị trùng")


def test_import_a_file_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("không phải Excel", encoding="utf-8")
    with pytest.raises(SheetProblems) as caught:
        checklist_from_xlsx(path)
    assert "not an .xlsx workbook (damaged or another format)" in caught.value.render("en")


def test_cli_spreadsheet_export_then_import(tmp_path, capsys):
    sheet = tmp_path / "cchc.xlsx"
    assert main(["checklist", "export", "cchc-xa", "--format", "xlsx", "-o", str(sheet)]) == 0
    assert main(["checklist", "import", str(sheet), "-o", str(tmp_path / "cchc.toml")]) == 0
    assert same_content(load_checklist(tmp_path / "cchc.toml"), load_checklist(BUNDLED[0]))


# ---- generated checklists
NAMES = st.text(alphabet="abcdeghiklmnopqrstuvxyàáảãạăâđêôơư ", min_size=1, max_size=12).map(str.strip).filter(bool)
POINTS = st.decimals(min_value=Decimal("0.25"), max_value=Decimal(20), places=2)


@st.composite
def criterion(draw, cid, adjustment):
    ctype = draw(st.sampled_from(["count"] if adjustment else ["yes_no", "choice", "multi", "ratio", "number", "text"]))
    c = {"id": cid, "title": draw(NAMES), "type": ctype}
    if ctype == "count":
        each = draw(st.decimals(min_value=Decimal("-5"), max_value=Decimal("-0.5"), places=1))
        return {**c, "each": each, "limit": each * draw(st.integers(1, 4))}
    if ctype == "text":
        return c
    c["max"] = maximum = draw(POINTS)
    if draw(st.booleans()):
        c["critical"] = True
    if draw(st.booleans()):
        c["basis"] = [draw(NAMES)]
    if ctype == "choice":
        n = draw(st.integers(2, 4))
        c["options"] = [{"id": f"o{i}", "label": draw(NAMES), "points": maximum / (i + 1)} for i in range(n)]
    elif ctype == "multi":
        n = draw(st.integers(1, 4))
        with_points = draw(st.booleans())
        c["items"] = [{"id": f"i{i}", "label": draw(NAMES), **({"points": maximum / n} if with_points else {})}
                      for i in range(n)]
    elif ctype in ("ratio", "number"):
        if ctype == "ratio" and draw(st.booleans()):
            c["linear"] = {"floor": draw(st.integers(0, 80)), "target": 100}
        else:
            mins = sorted(draw(st.sets(st.integers(0, 100), min_size=1, max_size=3)), reverse=True)
            c["steps"] = [{"min": m, "points": maximum / (i + 1)} for i, m in enumerate(mins)]
        if ctype == "number" and draw(st.booleans()):
            c["range"] = [0, 100]
    return c


@st.composite
def checklists(draw):
    sections = []
    count = 0
    for s in range(draw(st.integers(1, 3))):
        criteria = []
        for _ in range(draw(st.integers(1, 4))):
            count += 1
            criteria.append(draw(criterion(f"C{count}", False)))
        sections.append({"id": f"S{s}", "title": draw(NAMES), "criterion": criteria})
    if draw(st.booleans()):
        count += 1
        sections.append({"id": "T", "title": "Thưởng, trừ", "kind": "adjustment", "min": -5, "max": 2,
                         "criterion": [draw(criterion(f"C{count}", True))]})
    data = {"format": 1, "id": "sinh", "version": draw(st.sampled_from(["1", "2025.1"])), "title": draw(NAMES),
            "section": sections}
    if draw(st.booleans()):
        data["scoring"] = {"na": draw(st.sampled_from(["rescale", "full", "zero"])),
                           "bands": [{"label": "Tốt", "min": 80}, {"label": "Yếu", "min": 0}], "critical_cap": "Yếu"}
    return tomli_w.dumps(data)


ROUNDS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUNDS
@given(checklists())
def test_generated_checklist_save_load_is_equal(text):
    from inspector.authoring.document import ChecklistDocument

    original = checklist_from_text(text)
    saved = ChecklistDocument(text).text()
    assert same_content(checklist_from_text(saved), original)


@ROUNDS
@given(checklists())
def test_generated_checklist_spreadsheet_round_trip(tmp_path_factory, text):
    original = checklist_from_text(text)
    path = tmp_path_factory.mktemp("sheet") / "c.xlsx"
    path.write_bytes(checklist_to_xlsx(original))
    again, _ = checklist_from_xlsx(path)
    assert same_content(again, original)
