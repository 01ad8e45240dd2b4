"""Every validation rule, with the exact message an author sees (FILE:LINE: path: problem — fix)."""

import textwrap
from pathlib import Path

import pytest

from inspector.core.checklist import checklist_from_text, load_checklist
from inspector.core.problems import FileProblems

OK_CRITERION = '[[section]]\nid = "A"\ntitle = "Mục A"\n\n[[section.criterion]]\nid = "A1"\ntitle = "t"\ntype = "yes_no"\nmax = 1\n'
HEAD = 'format = 1\nid = "t"\nversion = "1"\ntitle = "T"\n'


def problems(text: str, lang: str = "en") -> list[str]:
    with pytest.raises(FileProblems) as caught:
        checklist_from_text(textwrap.dedent(text), "c.toml")
    return caught.value.render(lang).splitlines()


def criterion(body: str, section: str = "") -> str:
    return HEAD + '[[section]]\nid = "A"\ntitle = "Mục A"\n' + section + "[[section.criterion]]\n" + textwrap.dedent(body)


CASES = [
    # top level
    ("missing keys", 'format = 1\n' + OK_CRITERION, [
        'c.toml:1: file: missing required key `id` — add id = "C1"',
        'c.toml:1: file: missing required key `version` — add version = "2025.1"',
        'c.toml:1: file: missing required key `title` — add title = "…"',
    ]),
    ("format", HEAD.replace("format = 1", "format = 2") + OK_CRITERION,
     ["c.toml:1: format: format = 2 is not supported — this version reads format = 1"]),
    ("format type", HEAD.replace("format = 1", 'format = "1"') + OK_CRITERION,
     ['c.toml:1: format: `format` must be an integer, not string "1" — for example format = 1']),
    ("checklist id", HEAD.replace('id = "t"', 'id = "CCHC Xã"') + OK_CRITERION,
     ["c.toml:2: id: id \"CCHC Xã\" is not valid — use lowercase ASCII letters, digits, '.', '_' or '-', starting with a letter or digit"]),
    ("unknown key", HEAD + 'titel = "x"\n' + OK_CRITERION,
     ["c.toml:5: titel: unknown key `titel` — did you mean `title`?"]),
    ("unknown key no guess", HEAD + 'zzz = 1\n' + OK_CRITERION,
     ["c.toml:5: zzz: unknown key `zzz` — allowed keys: format, id, version, title, description, unit_types, scoring, fact, check, section"]),
    ("no sections", HEAD, ["c.toml:1: file: the checklist has no sections — add at least one [[section]]"]),
    ("empty title", HEAD.replace('title = "T"', 'title = "  "') + OK_CRITERION,
     ["c.toml:4: title: `title` must not be empty — write some text"]),
    # scoring
    ("scoring na", HEAD + '[scoring]\nna = "rescal"\n' + OK_CRITERION,
     ['c.toml:6: scoring › na: `na` = "rescal" is not valid (did you mean `rescale`?) — choose one of: rescale, full, zero']),
    ("scoring forbidden", HEAD + '[scoring]\nna = "forbidden"\n' + OK_CRITERION,
     ['c.toml:6: scoring › na: "forbidden" is only allowed on a criterion — in [scoring] choose one of: rescale, full, zero']),
    ("bands order", HEAD + '[scoring]\nbands = [\n  { label = "Tốt", min = 80 },\n  { label = "Khá", min = 80 },\n]\n' + OK_CRITERION,
     ["c.toml:8: scoring › bands[2] › min: bands must be written in strictly descending `min`: 80 is not below 80 — order them from highest to lowest"]),
    ("critical cap", HEAD + '[scoring]\ncritical_cap = "Kha"\nbands = [{ label = "Tốt", min = 80 }, { label = "Khá", min = 0 }]\n' + OK_CRITERION,
     ['c.toml:6: scoring › critical_cap: critical_cap = "Kha" is not a band label (did you mean `Khá`?) — use one of: Tốt, Khá']),
    ("critical cap without bands", HEAD + '[scoring]\ncritical_cap = "Khá"\n' + OK_CRITERION,
     ["c.toml:6: scoring › critical_cap: critical_cap needs `bands` — add bands or remove critical_cap"]),
    # sections
    ("section kind", HEAD + OK_CRITERION.replace('title = "Mục A"', 'title = "Mục A"\nkind = "bonus"'),
     ['c.toml:8: section A › kind: kind = "bonus" is not valid — the only kind is "adjustment" (bonus/penalty section), or leave it out']),
    ("clamp on normal section", HEAD + OK_CRITERION.replace('title = "Mục A"', 'title = "Mục A"\nmin = -5'),
     ['c.toml:8: section A › min: `min` is only for adjustment sections — add kind = "adjustment" or remove `min`']),
    ("clamp order", HEAD + '[[section]]\nid = "T"\ntitle = "x"\nkind = "adjustment"\nmin = 3\nmax = 1\n[[section.criterion]]\nid = "T1"\ntitle = "t"\ntype = "count"\neach = 1\n',
     ["c.toml:9: section T › min: min = 3 is greater than max = 1 — min must be ≤ max"]),
    ("section without criteria", HEAD + '[[section]]\nid = "A"\ntitle = "x"\n',
     ["c.toml:5: section A: the section has no criteria — add at least one [[section.criterion]]"]),
    ("duplicate section", HEAD + OK_CRITERION + OK_CRITERION.replace('"A1"', '"A2"'),
     ['c.toml:15: section A › id: duplicate section id "A" (first at line 6) — each id must be unique']),
    ("section id pattern", HEAD + OK_CRITERION.replace('id = "A"', 'id = "Mục 1"'),
     ["c.toml:6: section Mục 1 › id: id \"Mục 1\" is not valid — use ASCII letters, digits, '.', '_' or '-', starting with a letter or digit"]),
    # criteria: common keys
    ("duplicate criterion", HEAD + OK_CRITERION + OK_CRITERION.replace('id = "A"', 'id = "B"'),
     ['c.toml:19: section B › criterion A1 › id: duplicate criterion id "A1" (first at line 10) — each id must be unique']),
    ("criterion missing keys", criterion('id = "A1"\n'), [
        'c.toml:8: section A › criterion A1: missing required key `title` — add title = "…"',
        'c.toml:8: section A › criterion A1: missing required key `type` — add type = "yes_no"',
    ]),
    ("type typo", criterion('id = "A1"\ntitle = "t"\ntype = "yesno"\nmax = 1\n'),
     ['c.toml:11: section A › criterion A1 › type: `type` = "yesno" is not valid (did you mean `yes_no`?) — choose one of: yes_no, choice, multi, ratio, number, count, text']),
    ("missing max", criterion('id = "A1"\ntitle = "t"\ntype = "yes_no"\n'),
     ["c.toml:8: section A › criterion A1: missing required key `max` — add max = 1"]),
    ("max not positive", criterion('id = "A1"\ntitle = "t"\ntype = "yes_no"\nmax = 0\n'),
     ["c.toml:12: section A › criterion A1 › max: `max` = 0 must be greater than 0 — for example max = 1"]),
    ("max as text", criterion('id = "A1"\ntitle = "t"\ntype = "yes_no"\nmax = "1,5"\n'),
     ['c.toml:12: section A › criterion A1 › max: `max` must be a number, not string "1,5" — for example max = 1']),
    ("max is a boolean", criterion('id = "A1"\ntitle = "t"\ntype = "yes_no"\nmax = true\n'),
     ["c.toml:12: section A › criterion A1 › max: `max` must be a number, not boolean true — for example max = 1"]),
    ("text with max", criterion('id = "A1"\ntitle = "t"\ntype = "text"\nmax = 1\n'),
     ["c.toml:12: section A › criterion A1 › max: a text criterion has no `max` — remove the max key"]),
    ("unknown criterion key", criterion('id = "A1"\ntitle = "t"\ntype = "yes_no"\nmax = 1\nguidence = "x"\n'),
     ["c.toml:13: section A › criterion A1 › guidence: unknown key `guidence` — did you mean `guidance`?"]),
    ("key of another type", criterion('id = "A1"\ntitle = "t"\ntype = "yes_no"\nmax = 1\nsteps = []\n'),
     ["c.toml:13: section A › criterion A1 › steps: key `steps` is not used by a yes_no criterion — remove it, or change the type"]),
    ("evidence value", criterion('id = "A1"\ntitle = "t"\ntype = "yes_no"\nmax = 1\nevidence = "yes"\n'),
     ['c.toml:13: section A › criterion A1 › evidence: `evidence` = "yes" is not valid — choose one of: required, optional, none']),
    ("na value", criterion('id = "A1"\ntitle = "t"\ntype = "yes_no"\nmax = 1\nna = "forbiden"\n'),
     ['c.toml:13: section A › criterion A1 › na: `na` = "forbiden" is not valid (did you mean `forbidden`?) — choose one of: rescale, full, zero, forbidden']),
    ("critical type", criterion('id = "A1"\ntitle = "t"\ntype = "yes_no"\nmax = 1\ncritical = "yes"\n'),
     ['c.toml:13: section A › criterion A1 › critical: `critical` must be true or false, not string "yes" — for example critical = true']),
    ("basis type", criterion('id = "A1"\ntitle = "t"\ntype = "yes_no"\nmax = 1\nbasis = "NĐ 61"\n'),
     ['c.toml:13: section A › criterion A1 › basis: `basis` must be a list of strings, not string "NĐ 61" — for example basis = ["Nghị định 61/2018/NĐ-CP"]']),
    ("applies_to outside unit_types", HEAD + 'unit_types = ["xa", "phuong"]\n' + OK_CRITERION + 'applies_to = ["phuongg"]\n',
     ['c.toml:15: section A › criterion A1 › applies_to[1]: unit type "phuongg" is not in unit_types (did you mean `phuong`?) — use one of: xa, phuong']),
    # choice
    ("choice needs two options", criterion('id = "A1"\ntitle = "t"\ntype = "choice"\nmax = 1\noptions = [{ id = "co", label = "Có", points = 1 }]\n'),
     ['c.toml:13: section A › criterion A1 › options: `options` needs at least 2 entries — add { id = "khong", label = "Không", points = 0 }']),
    ("choice options", criterion('''\
        id = "A1"
        title = "t"
        type = "choice"
        max = 1
        options = [
          { id = "co", label = "Có", points = 2 },
          { id = "co", label = "Có nữa", points = 0 },
          { id = "x", points = 0 },
        ]
        '''), [
        "c.toml:14: section A › criterion A1 › options[1] › points: points = 2 exceeds the criterion's max = 1 — lower the points or raise max",
        'c.toml:15: section A › criterion A1 › options[2] › id: duplicate option id "co" (first at line 14) — each id must be unique',
        'c.toml:16: section A › criterion A1 › options[3]: missing required key `label` — add label = "…"',
    ]),
    ("choice without options", criterion('id = "A1"\ntitle = "t"\ntype = "choice"\nmax = 1\n'),
     ['c.toml:8: section A › criterion A1: missing required key `options` — add options = [{ id = "dat", label = "Đạt", points = 1 }, …]']),
    # multi
    ("multi points mixed", criterion('id = "A1"\ntitle = "t"\ntype = "multi"\nmax = 1\nitems = [{ id = "a", label = "A", points = 1 }, { id = "b", label = "B" }]\n'),
     ["c.toml:13: section A › criterion A1 › items: only some items have `points` — give every item points, or none to share max equally"]),
    ("multi empty", criterion('id = "A1"\ntitle = "t"\ntype = "multi"\nmax = 1\nitems = []\n'),
     ['c.toml:13: section A › criterion A1 › items: `items` needs at least 1 entry — add { id = "a", label = "…" }']),
    # ratio
    ("ratio without rule", criterion('id = "A1"\ntitle = "t"\ntype = "ratio"\nmax = 1\n'),
     ["c.toml:8: section A › criterion A1: a ratio criterion needs exactly one of `steps` or `linear` — add steps = [{ min = 100, points = … }] or linear = { floor = 80, target = 100 }"]),
    ("ratio with both", criterion('id = "A1"\ntitle = "t"\ntype = "ratio"\nmax = 1\nsteps = [{ min = 100, points = 1 }]\nlinear = { floor = 80, target = 100 }\n'),
     ["c.toml:13: section A › criterion A1 › steps: a ratio criterion needs exactly one of `steps` or `linear` — remove one of them"]),
    ("steps order and max", criterion('id = "A1"\ntitle = "t"\ntype = "ratio"\nmax = 2\nsteps = [\n  { min = 90, points = 1 },\n  { min = 95, points = 3 },\n]\n'), [
        "c.toml:15: section A › criterion A1 › steps[2] › min: steps must be written in strictly descending `min`: 95 is not below 90 — order them from highest to lowest",
        "c.toml:15: section A › criterion A1 › steps[2] › points: points = 3 exceeds the criterion's max = 2 — lower the points or raise max",
    ]),
    ("step keys", criterion('id = "A1"\ntitle = "t"\ntype = "ratio"\nmax = 2\nsteps = [{ min = 90, point = 1 }]\n'), [
        "c.toml:13: section A › criterion A1 › steps[1] › point: unknown key `point` — did you mean `points`?",
        "c.toml:13: section A › criterion A1 › steps[1]: missing required key `points` — add points = 1",
    ]),
    ("linear order", criterion('id = "A1"\ntitle = "t"\ntype = "ratio"\nmax = 2\nlinear = { floor = 100, target = 80 }\n'),
     ["c.toml:13: section A › criterion A1 › linear: linear needs 0 ≤ floor < target (got floor = 100, target = 80) — for example { floor = 80, target = 100 }"]),
    # number
    ("number needs steps", criterion('id = "A1"\ntitle = "t"\ntype = "number"\nmax = 2\n'),
     ["c.toml:8: section A › criterion A1: missing required key `steps` — add steps = [{ min = 90, points = 1 }]"]),
    ("number range", criterion('id = "A1"\ntitle = "t"\ntype = "number"\nmax = 2\nsteps = [{ min = 1, points = 1 }]\nrange = [10, 0]\n'),
     ["c.toml:14: section A › criterion A1 › range: range must be [low, high] with low ≤ high — for example range = [0, 100]"]),
    ("number range shape", criterion('id = "A1"\ntitle = "t"\ntype = "number"\nmax = 2\nsteps = [{ min = 1, points = 1 }]\nrange = [10]\n'),
     ["c.toml:14: section A › criterion A1 › range: `range` must be a pair of numbers [low, high], not list — for example range = [0, 100]"]),
    # count
    ("count outside adjustment", criterion('id = "A1"\ntitle = "t"\ntype = "count"\neach = -1\n'),
     ['c.toml:11: section A › criterion A1 › type: count criteria belong in adjustment sections only — move it to a section with kind = "adjustment"']),
    ("count limit sign", criterion('id = "A1"\ntitle = "t"\ntype = "count"\neach = -1\nlimit = 3\n', section='kind = "adjustment"\n'),
     ["c.toml:14: section A › criterion A1 › limit: limit = 3 must have the same sign as each = -1 (a floor for penalties, a ceiling for bonuses) — for example limit = -2"]),
    ("count zero", criterion('id = "A1"\ntitle = "t"\ntype = "count"\neach = 0\n', section='kind = "adjustment"\n'),
     ["c.toml:13: section A › criterion A1 › each: each = 0 adds nothing — use a negative number for a penalty, a positive one for a bonus"]),
]


@pytest.mark.parametrize("text, expected", [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_exact_messages(text, expected):
    assert problems(text) == expected


def test_every_problem_is_reported_not_only_the_first():
    text = HEAD.replace('id = "t"', 'id = "X Y"') + 'titel = "x"\n' + criterion('id = "A1"\ntitle = "t"\ntype = "yes_no"\n')[len(HEAD):]
    assert len(problems(text)) == 3


def test_messages_in_vietnamese():
    assert problems(HEAD + 'titel = "x"\n' + OK_CRITERION, "vi") == [
        "c.toml:5: titel: khóa `titel` không có trong định dạng — ý bạn là `title`?"]
    assert problems(criterion('id = "A1"\ntitle = "t"\ntype = "ratio"\nmax = 2\nlinear = { floor = 100, target = 80 }\n'), "vi") == [
        "c.toml:13: mục A › tiêu chí A1 › linear: linear cần 0 ≤ floor < target (đang là floor = 100, target = 80) — ví dụ { floor = 80, target = 100 }"]


def test_toml_syntax_error_has_line_and_column(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('format = 1\nid = "x"\ntitle = "chưa đóng ngoặc\n', encoding="utf-8")
    with pytest.raises(FileProblems) as caught:
        load_checklist(path)
    (line,) = caught.value.render("en").splitlines()
    assert line.startswith(f"{path}:3: file: TOML syntax error at column ")
    assert line.endswith("— check the quotes, brackets and '=' on this line")


def test_toml_duplicate_key_is_a_syntax_error(tmp_path):
    path = tmp_path / "dup.toml"
    path.write_text('format = 1\nformat = 1\n', encoding="utf-8")
    with pytest.raises(FileProblems) as caught:
        load_checklist(path)
    assert caught.value.render("en").startswith(f"{path}:2: file: TOML syntax error at column ")


def test_invalid_utf8_names_line_and_column(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'format = 1\ntitle = "Ki\xe1m tra"\n')  # Latin-1 "á" in a UTF-8 file
    with pytest.raises(FileProblems) as caught:
        load_checklist(path)
    assert caught.value.render("en") == f"{path}:2: file: not valid UTF-8 (byte 0xe1 at column 12) — save the file as UTF-8"


def test_missing_file(tmp_path):
    with pytest.raises(FileProblems) as caught:
        load_checklist(tmp_path / "none.toml")
    assert caught.value.render("en") == f"{tmp_path / 'none.toml'}:1: file: cannot read the file: no such file or folder — check the path and read permission"


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "windows.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + OK_CRITERION).replace("\n", "\r\n").encode("utf-8"))
    assert load_checklist(path).criterion("A1").max == 1


def test_numbers_are_exact_decimals_from_their_written_form():
    checklist = checklist_from_text(HEAD + OK_CRITERION.replace("max = 1", "max = 0.1"))
    from fractions import Fraction

    assert checklist.criterion("A1").max == Fraction(1, 10)


def test_nfd_text_is_stored_as_nfc():
    import unicodedata

    text = unicodedata.normalize("NFD", HEAD.replace('title = "T"', 'title = "Kiểm tra"') + OK_CRITERION)
    checklist = checklist_from_text(text)
    assert checklist.title == unicodedata.normalize("NFC", "Kiểm tra")


@pytest.mark.parametrize("path", ["checklists/cchc-xa.toml", "checklists/van-thu-luu-tru.toml"])
def test_bundled_checklists_are_valid_and_sum_to_100(path):
    from pathlib import Path

    checklist = load_checklist(Path(__file__).parent.parent / path)
    assert checklist.max_points == 100
    for c in checklist.criteria:
        assert c.guidance, f"{c.id} has no guidance"
        if c.scored:
            assert c.basis, f"{c.id} has no legal basis"


def test_cchc_xa_shape():
    from pathlib import Path

    checklist = load_checklist(Path(__file__).parent.parent / "checklists/cchc-xa.toml")
    normal = [c for s in checklist.sections if not s.is_adjustment for c in s.criteria if c.scored]
    assert len(normal) == 88 and len(checklist.criteria) == 92 and checklist.max_points == 100
    assert checklist.version == "2026.3" and len(checklist.facts) == 22 and len(checklist.checks) == 15
    assert {c.id for c in checklist.criteria if c.computed} == {"A5", "C1", "D12", "E1", "F1", "F3", "F4", "F9", "F10",
                                                                "F11"}
    assert checklist.criterion("F7").applies_to is None  # wards need help filing online too
    assert checklist.criterion("T4") is None  # unfixed recommendations are scored once, in A5
    assert {c.id for c in checklist.criteria if c.critical} == {"C1", "C5", "E1"}
    assert {c.type for c in checklist.criteria} == {"yes_no", "choice", "multi", "ratio", "number", "count", "text"}
    assert [b.label for b in checklist.bands] == ["Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"]


# Bases replaced in 2025–2026 (../shared/reference/legal-and-workflow-2026.md §1): none may be cited any more.
REPLACED = ("61/2018/NĐ-CP", "107/2021/NĐ-CP", "01/2018/TT-VPCP", "42/2022/NĐ-CP", "45/2020/NĐ-CP",
            "01/2023/TT-VPCP", "33/2023/NĐ-CP", "90/2020/NĐ-CP", "48/2023/NĐ-CP", "101/2017/NĐ-CP", "89/2021/NĐ-CP",
            "Ngân sách nhà nước 2015", "892/QĐ-BNV", "01/2020/TT-BNV", "130/2018/NĐ-CP", "343/2016/TT-BTC")


@pytest.mark.parametrize("name", ["cchc-xa", "van-thu-luu-tru"])
def test_bundled_checklists_cite_no_replaced_basis(name):
    from pathlib import Path

    checklist = load_checklist(Path(__file__).parent.parent / "checklists" / f"{name}.toml")
    cited = [(c.id, basis) for c in checklist.criteria for basis in c.basis]
    assert [(cid, basis) for cid, basis in cited if any(old in basis for old in REPLACED)] == []
    assert not any(old in checklist.description for old in REPLACED)
    assert "rà soát lần cuối" in checklist.description and checklist.version.startswith("2026.")
    assert ("Nghị định 30/2020/NĐ-CP ngày 05/3/2020, Điều 16 (đăng ký văn bản đi), Điều 22 (đăng ký văn bản đến)"
            in {b for _, b in cited}) == (name == "van-thu-luu-tru")


@pytest.mark.parametrize("name", ["cchc-xa", "van-thu-luu-tru"])
def test_every_bundled_basis_is_named_by_number_and_date(name):
    """Issue 24: a basis printed in a biên bản names the text by its number and date (a standard by its number and year);
    none is left «chưa đối chiếu», and no provincial or commune document stands in for a legal basis."""
    import re
    from pathlib import Path

    checklist = load_checklist(Path(__file__).parent.parent / "checklists" / f"{name}.toml")
    for criterion in checklist.criteria:
        for basis in criterion.basis:
            assert "chưa đối chiếu" not in basis, (criterion.id, basis)
            numbered = re.search(r"\d+(\.\d+)?/(\d{4}/)?[A-ZĐ]", basis) or basis.startswith("TCVN ISO 9001:2015")
            dated = re.search(r"ngày \d{2}/\d{1,2}/\d{4}", basis) or basis.startswith("TCVN ISO 9001:2015")
            assert numbered and dated, (criterion.id, basis)
            assert "của UBND" not in basis and "của HĐND" not in basis, (criterion.id, basis)


def test_van_thu_digital_archive_circular_is_cited_for_digital_records_not_certificates():
    from pathlib import Path

    checklist = load_checklist(Path(__file__).parent.parent / "checklists" / "van-thu-luu-tru.toml")
    cited = {c.id for c in checklist.criteria if any("05/2025/TT-BNV" in b for b in c.basis)}
    assert cited == {"DT2"} and checklist.version == "2026.2"


def test_archived_releases_are_found_by_version_and_never_listed(monkeypatch, tmp_path):
    from inspector.core import library

    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path))
    assert library.find_checklist("cchc-xa").version == "2026.3"
    assert library.find_checklist("cchc-xa", "2026.3").version == "2026.3"
    assert library.find_checklist("cchc-xa", "2026.2").version == "2026.2"
    assert library.find_checklist("van-thu-luu-tru", "2026.1").version == "2026.1"
    assert library.find_checklist("van-thu-luu-tru").version == "2026.2"
    listed = [(e.id, e.checklist.version) for e in library.all_checklists() if e.checklist]
    assert listed == [("cchc-xa", "2026.3"), ("van-thu-luu-tru", "2026.2")]
    assert all("versions" not in path.parts for path, _ in library.checklist_files())
    # a version kept nowhere: the current one comes back, and the answer file's check says which version it needs
    assert library.find_checklist("cchc-xa", "2019.1").version == "2026.3"


def test_a_checklist_is_found_by_version_reading_only_the_files_it_needs(monkeypatch, tmp_path):
    """Asking for an archived release reads that file and no other whole: the others are told apart by their
    top-level keys (id, version) alone."""
    from inspector.core import checklist as checklist_module
    from inspector.core import library

    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path))
    loaded: list[str] = []
    real = checklist_module.load_checklist

    def counting(path):
        loaded.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(library, "load_checklist", counting)
    assert library.find_checklist("cchc-xa", "2026.2").version == "2026.2"
    assert loaded == ["cchc-xa-2026.2.toml"]


def test_the_header_peek_never_decides_on_a_cut_inside_a_multi_line_value(tmp_path):
    from inspector.core.library import checklist_header

    plain = tmp_path / "plain.toml"
    plain.write_text('format = 1\nid = "x"\nversion = "1"\n[[section]]\nid = "A"\n', encoding="utf-8")
    assert checklist_header(plain) == ("x", "1")
    cut = tmp_path / "cut.toml"
    cut.write_text('format = 1\nid = "x"\ndescription = """a\n[not a table]\n"""\nversion = "2"\n', encoding="utf-8")
    assert checklist_header(cut) is None  # so the whole file is read
    assert checklist_header(tmp_path / "missing.toml") is None
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'id = "x\xff"\nversion = "1"\n')
    assert checklist_header(bad) is None
    long_comments = tmp_path / "long.toml"  # keys past the first 16 kB: not peeked at, read whole
    long_comments.write_text("# Bảng kiểm dài\n" * 2000 + 'id = "x"\nversion = "1"\n[[section]]\n', encoding="utf-8")
    assert checklist_header(long_comments) is None


def test_a_users_copy_with_another_version_is_skipped_for_the_archived_release(monkeypatch, tmp_path):
    from inspector.core import library
    from inspector.core.paths import user_checklist_dir

    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path))
    bundled = (Path(__file__).parent.parent / "checklists" / "cchc-xa.toml").read_text(encoding="utf-8")
    folder = user_checklist_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cchc-xa.toml").write_text(bundled.replace('version = "2026.3"', 'version = "2026.9"', 1),
                                         encoding="utf-8")
    assert library.find_checklist("cchc-xa").version == "2026.9"  # the user's copy comes first
    assert library.find_checklist("cchc-xa", "2026.3").version == "2026.3"
    assert library.find_checklist("cchc-xa", "2026.2").version == "2026.2"
    (folder / "cchc-xa.toml").write_text(bundled.replace('version = "2026.3"', 'version = "2026.9"', 1)
                                         .replace('title = "', 'title = 5 #', 1), encoding="utf-8")
    with pytest.raises(FileProblems):  # a broken file named after the id still says what is wrong with it
        library.find_checklist("cchc-xa", "2019.1")
