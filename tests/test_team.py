"""Team work offline: three laptops (three data folders), a campaign of two wards, bundles, merge, conflicts,
signatures, the báo cáo tổng hợp, backup and restore — through the command line, as a team would."""

from __future__ import annotations

import json
from fractions import Fraction
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
SECRETARY, BINH, CUONG = "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"
WARDS = ("UBND phường Tam Hiệp", "UBND phường Trấn Biên")


class Team:
    """Three laptops: each command runs with that person's data folder."""

    def __init__(self, tmp_path: Path, monkeypatch, capsys):
        self.tmp, self.monkeypatch, self.capsys = tmp_path, monkeypatch, capsys
        self.homes = {name: tmp_path / f"home-{i}" for i, name in enumerate((SECRETARY, BINH, CUONG))}

    def run(self, who: str, *argv) -> tuple[int, str, str]:
        self.monkeypatch.setenv("INSPECTOR_HOME", str(self.homes[who]))
        code = main(list(argv))
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, who: str, *argv) -> str:
        code, out, err = self.run(who, *argv)
        assert code == 0, err
        return out

    def key(self, who: str, key_name: str = "") -> str:
        self.ok(who, "key", "new", "--name", key_name or who, "--no-passphrase")
        return re.search(r"ed25519:\S+", self.ok(who, "key", "show")).group(0)


def plan_text(keys: dict[str, str], with_keys: bool = True) -> str:
    def key(name):
        return keys[name] if with_keys else ""

    return f"""\
format = 1
[campaign]
name = "Kiểm tra CCHC năm 2026 tại hai phường"
checklist = "cchc-xa"
period = "Năm 2026"
inspecting_body = "Sở Nội vụ tỉnh Đồng Nai"
plan = "Kế hoạch số 45/KH-SNV ngày 10/3/2026 của Sở Nội vụ"
decision_number = "125/QĐ-SNV"
decision_date = 2026-03-15
decision_issuer = "Giám đốc Sở Nội vụ"

[[member]]
name = "{SECRETARY}"
role = "Trưởng đoàn"
agency = "Sở Nội vụ"
key = "{key(SECRETARY)}"
sections = ["A", "B", "C"]

[[member]]
name = "{BINH}"
role = "Thành viên"
agency = "Sở Tư pháp"
key = "{key(BINH)}"
sections = ["D", "E"]

[[member]]
name = "{CUONG}"
role = "Thư ký"
agency = "Sở Nội vụ"
key = "{key(CUONG)}"
sections = ["G", "H"]

[[unit]]
name = "{WARDS[0]}"
unit_type = "phuong"
date = 2026-04-10

[[unit]]
name = "{WARDS[1]}"
unit_type = "phuong"
date = 2026-04-10
"""


CURRENT = "2026.3"  # the bundled release an unpinned campaign uses; the answer files pin it


def answers_file(path: Path, unit: str, answers: dict[str, str], facts: str = "") -> Path:
    body = "\n".join(f"[answers.{cid}]\n{value}" for cid, value in answers.items())
    path.write_text(f"""format = 1
[inspection]
checklist = "cchc-xa"
checklist_version = "{CURRENT}"
unit = "{unit}"
unit_type = "phuong"
date = 2026-04-10
{facts}
{body}
""", encoding="utf-8")
    return path


@pytest.fixture
def team(tmp_path, monkeypatch, capsys):
    return Team(tmp_path, monkeypatch, capsys)


def set_up(team: Team) -> dict[str, Path]:
    """Keys, the campaign on the secretary's laptop, a bundle received by each member."""
    keys = {name: team.key(name) for name in (SECRETARY, BINH, CUONG)}
    plan = team.tmp / "plan.toml"
    plan.write_text(plan_text(keys), encoding="utf-8")
    out = team.ok(SECRETARY, "campaign", "new", str(plan))
    assert out.splitlines()[0] == f"Đã tạo đợt kiểm tra số 1: Kiểm tra CCHC năm 2026 tại hai phường (cchc-xa {CURRENT})"
    bundles = {}
    for member in (BINH, CUONG):
        bundles[member] = team.tmp / f"cho-{member.split()[-1]}.inspector"
        team.ok(SECRETARY, "bundle", "--campaign", "1", "--for", member, "-o", str(bundles[member]))
        out = team.ok(member, "merge", str(bundles[member]))
        assert f"chữ ký hợp lệ — {SECRETARY}" in out
        assert f"Đã tạo cuộc kiểm tra số 1: {WARDS[0]}" in out and f"Đã tạo cuộc kiểm tra số 2: {WARDS[1]}" in out
    assert f"Phần của {BINH}: D, E" in team.ok(BINH, "merge", str(bundles[BINH]))
    return bundles


def test_the_whole_campaign_from_plan_to_báo_cáo_tổng_hợp(team):
    set_up(team)
    tmp = team.tmp
    # Each member records their sections; both answer A1, differently.
    team.ok(SECRETARY, "import", str(answers_file(tmp / "an.toml", WARDS[0], {
        "A1": 'value = "day-du"\nevidence = ["Kế hoạch số 12/KH-UBND"]', "B1": 'value = "day-du"'})), "--into", "1")
    team.ok(BINH, "import", str(answers_file(tmp / "binh.toml", WARDS[0], {
        "A1": 'value = "khong"\nnote = "Kế hoạch ban hành muộn"', "D1": "value = true"})), "--into", "1")
    team.ok(CUONG, "import", str(answers_file(tmp / "cuong.toml", WARDS[0], {"G1": "value = true"})),
            "--into", "1")
    team.ok(CUONG, "import", str(answers_file(tmp / "cuong2.toml", WARDS[1], {"G1": "value = false"})),
            "--into", "2")
    back = {m: tmp / f"tu-{m.split()[-1]}.inspector" for m in (BINH, CUONG)}
    for member, path in back.items():
        assert team.ok(member, "bundle", "--campaign", "1", "-o", str(path)).startswith(f"Đã ghi gói {path}")

    first = team.ok(SECRETARY, "merge", str(back[BINH]), str(back[CUONG]))
    assert "1 xung đột mới" in first and "Còn 1 xung đột chưa giải quyết" in first
    again = team.ok(SECRETARY, "merge", str(back[CUONG]), str(back[BINH]))
    assert again.count("Không có gì mới (đã hợp nhất trước đó)") == 2

    listing = team.ok(SECRETARY, "conflicts")
    lines = listing.splitlines()
    assert lines[0] == (f"Xung đột 1 — {WARDS[0]} (cuộc kiểm tra số 1), A1 Ban hành Kế hoạch CCHC năm đúng thời hạn, "
                        "đầy đủ nội dung")
    assert lines[1].startswith(f"  [1] {SECRETARY}, ") and lines[1].endswith(
        "(đang ghi): Ban hành đúng hạn, đầy đủ nội dung — minh chứng: Kế hoạch số 12/KH-UBND")
    assert lines[2].startswith(f"  [2] {BINH}, ") and lines[2].endswith(
        ": Không ban hành — ghi chú: Kế hoạch ban hành muộn")
    assert len([line for line in lines if line.startswith("Xung đột")]) == 1

    assert team.ok(SECRETARY, "resolve", "1", "--take", "2").strip() == (
        f"Đã giải quyết xung đột 1: giữ giá trị của {BINH} (người quyết định: {SECRETARY})")
    assert team.ok(SECRETARY, "conflicts").strip() == "Không có xung đột nào chưa giải quyết."
    assert "Không có gì mới" in team.ok(SECRETARY, "merge", str(back[BINH]))
    assert team.ok(SECRETARY, "conflicts").strip() == "Không có xung đột nào chưa giải quyết."

    # Every answer keeps its author; the resolution is in the history with who decided.
    from inspector.store.database import Store

    store = Store(team.homes[SECRETARY] / "inspector.db")
    authors = dict(store._read("SELECT criterion_id, author FROM answers WHERE inspection_id = 1"))
    assert authors == {"A1": BINH, "B1": SECRETARY, "D1": BINH, "G1": CUONG}
    resolved = [e for e in store.audit(1, "A1") if e.field == "resolved"]
    assert len(resolved) == 1 and resolved[0].author == SECRETARY
    assert json.loads(resolved[0].new) == {"chosen": '{"note": "Kế hoạch ban hành muộn", "value": "khong"}',
                                           "author": BINH}

    # Documents: each ward's biên bản, with the campaign's căn cứ, and the báo cáo tổng hợp.
    from docx import Document

    team.ok(SECRETARY, "export", "--campaign", "1", "--format", "docx", "-o", str(tmp / "bien-ban") + "/")
    minutes = sorted((tmp / "bien-ban").glob("*.docx"))
    assert [p.name for p in minutes] == [f"{WARDS[0]} 2026-04-10.docx", f"{WARDS[1]} 2026-04-10.docx"]
    text = "\n".join(p.text for p in Document(str(minutes[0])).paragraphs)
    assert ("Căn cứ Quyết định số 125/QĐ-SNV ngày 15/3/2026 của Giám đốc Sở Nội vụ về việc thành lập Đoàn kiểm tra"
            in text)
    assert "Căn cứ Kế hoạch số 45/KH-SNV ngày 10/3/2026 của Sở Nội vụ;" in text
    out = team.ok(SECRETARY, "export", "--campaign", "1", "-o", str(tmp / "bao-cao.docx"))
    assert out.strip() == f"Đã ghi {tmp / 'bao-cao.docx'}"
    report = Document(str(tmp / "bao-cao.docx"))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "Tổng hợp kết quả kiểm tra công tác cải cách hành chính năm 2026" in text
    assert f"- {WARDS[0]} (ngày 10/4/2026);" in text
    assert f"- {CUONG}, Thư ký, Sở Nội vụ;" in text
    out = team.ok(SECRETARY, "export", "--campaign", "1", "--format", "xlsx", "-o", str(tmp / "ket-qua") + "/")
    assert out.strip() == f"Đã ghi {tmp / 'ket-qua' / 'xep-hang-Kiểm tra CCHC năm 2026 tại hai phường.xlsx'}"
    from openpyxl import load_workbook

    book = load_workbook(tmp / "ket-qua" / "xep-hang-Kiểm tra CCHC năm 2026 tại hai phường.xlsx")
    assert book.sheetnames == ["Xếp hạng", "Theo mục", "Tiêu chí chưa đạt"] and book["Xếp hạng"]._charts
    ranking = [[c.text for c in row.cells] for row in report.tables[1].rows]
    assert ranking[0] == ["Hạng", "Đơn vị", "Điểm", "Tỷ lệ", "Xếp loại", "Ghi chú"]
    # Neither ward is fully scored: none is ranked, averaged or counted in "phổ biến"; both are listed apart.
    assert len(ranking) == 1
    assert "Các đơn vị chưa chấm đủ tiêu chí (chưa xếp hạng, không tính vào số trung bình):" in text
    assert any(line.startswith(f"- {WARDS[0]}: đã chấm ") and line.endswith("điểm (chưa đủ).")
               for line in text.splitlines())
    assert "Không có tồn tại, hạn chế chung của từ một nửa số đơn vị trở lên." in text
    assert "Kính gửi: Giám đốc Sở Nội vụ." in text  # the campaign file names no issuer: the decision's signer


def test_a_bundle_with_any_byte_changed_is_refused(team):
    bundles = set_up(team)
    raw = bundles[BINH].read_bytes()
    positions = sorted({0, 5, 19, 25, 60, 100, 130, len(raw) // 3, len(raw) // 2, len(raw) - 3, len(raw) - 1})
    for position in positions:
        changed = bytearray(raw)
        changed[position] ^= 0x01
        target = team.tmp / f"sua-{position}.inspector"
        target.write_bytes(bytes(changed))
        code, out, err = team.run(SECRETARY, "merge", str(target))
        assert code == 1 and out == "", position
        assert "TỪ CHỐI — chữ ký không khớp nội dung" in err, (position, err)
    code, out, _ = team.run(SECRETARY, "verify", str(bundles[BINH]))
    assert code == 0 and out.strip().endswith(f"gói NGUYÊN VẸN — ký bởi {SECRETARY} (khóa "
                                              f"{_fingerprint(team, SECRETARY)})")


def _fingerprint(team: Team, who: str) -> str:
    return re.search(r"[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}", team.ok(who, "key", "show")).group(0)


def test_a_bundle_from_outside_the_team_is_refused(team):
    set_up(team)
    team.homes["Người lạ"] = team.tmp / "home-stranger"
    team.key("Người lạ")
    code, _, err = team.run("Người lạ", "merge", str(team.tmp / "cho-Bình.inspector"))
    assert code == 1 and err.strip().endswith(  # a campaign that does not list this laptop's key is not taken in
        "TỪ CHỐI — đợt kiểm tra «Kiểm tra CCHC năm 2026 tại hai phường» (gửi bởi Nguyễn Văn An) không có khóa của máy"
        " này trong danh sách đoàn; xin thư ký ghi khóa của bạn (inspector key show) vào đợt rồi gửi lại")
    out = forged(team, "Người lạ", campaign=None)  # the campaign's inspection, with no campaign in the header
    code, _, err = team.run(SECRETARY, "merge", str(out))
    assert code == 1
    assert err.strip() == (f"inspector: {out}: TỪ CHỐI — người ký «Người lạ» (khóa {_fingerprint(team, 'Người lạ')}) "
                           "không có trong danh sách đoàn của «Kiểm tra CCHC năm 2026 tại hai phường»")
    out = forged(team, "Người lạ", campaign="own")  # its own new campaign, carrying campaign 1's inspections
    code, _, err = team.run(SECRETARY, "merge", str(out))
    assert code == 1 and "TỪ CHỐI — người ký «Người lạ»" in err and "Kiểm tra CCHC năm 2026 tại hai phường" in err
    from inspector.store.database import Store

    assert not [a for a in Store(team.homes[SECRETARY] / "inspector.db").load(1).answers.values() if a.note == "giả"]


def forged(team: Team, who: str, campaign: str | None) -> Path:
    """A bundle signed by `who` that carries the secretary's campaign inspections with a forged answer: with no
    campaign in its header, or with a campaign of its own that lists `who`."""
    from inspector.core.campaign import Member, campaign_to_data
    from inspector.core.identity import current
    from inspector.store.bundle import build_bundle, seal
    from inspector.store.campaigns import load_campaign
    from inspector.store.database import Store

    team.monkeypatch.setenv("INSPECTOR_HOME", str(team.homes[SECRETARY]))
    store = Store(team.homes[SECRETARY] / "inspector.db")
    payload = build_bundle(store, [1, 2])
    original = load_campaign(store, 1).campaign
    store.close()
    team.monkeypatch.setenv("INSPECTOR_HOME", str(team.homes[who]))
    me = current()
    for item in payload["inspections"]:
        item["answers"]["D1"] = {"data": json.dumps({"value": False, "note": "giả"}, ensure_ascii=False),
                                 "author": who, "at": "2026-04-10T10:00:00+07:00"}
    if campaign is None:
        payload["campaign"] = None
    else:
        from inspector.core import record as records

        payload["campaign"] = campaign_to_data(records.evolve(original, uid="ma-moi", members=(
            Member(who, "Trưởng đoàn", "", me.public, ()),)))
    path = team.tmp / f"gia-{campaign}.inspector"
    path.write_bytes(seal(payload, me))
    return path


def test_a_member_whose_key_is_not_recorded_is_told_how_to_fix_it(team):
    keys = {name: team.key(name) for name in (SECRETARY, BINH)}
    keys[CUONG] = ""
    plan = team.tmp / "plan.toml"
    plan.write_text(plan_text(keys).replace(f'key = "{keys[BINH]}"', 'key = ""'), encoding="utf-8")
    code, out, err = team.run(SECRETARY, "campaign", "new", str(plan))
    assert code == 0 and f"Chưa có khóa công khai của: {BINH}, {CUONG}" in err
    bundle = team.tmp / "cho-binh.inspector"
    team.ok(SECRETARY, "bundle", "--campaign", "1", "-o", str(bundle))
    code, _, err = team.run(BINH, "merge", str(bundle))  # his key is not in the team yet: he is told whom to ask
    assert code == 1 and "xin thư ký ghi khóa của bạn (inspector key show)" in err
    assert team.ok(SECRETARY, "campaign", "key", "1", BINH, keys[BINH]).startswith("Đã ghi khóa ")
    bundle.unlink()
    team.ok(SECRETARY, "bundle", "--campaign", "1", "-o", str(bundle))
    assert "chữ ký hợp lệ" in team.ok(BINH, "merge", str(bundle))
    back = team.tmp / "tu-binh.inspector"
    team.ok(BINH, "bundle", "--campaign", "1", "-o", str(back))
    assert "chữ ký hợp lệ" in team.ok(SECRETARY, "merge", str(back))


def test_a_signed_record_edited_and_rehashed_no_longer_passes(team):
    set_up(team)
    record = team.tmp / "ban-ghi.json"
    team.ok(SECRETARY, "export", "1", "-o", str(record))
    out = team.ok(SECRETARY, "verify", str(record))
    assert out.splitlines()[1] == f"Ký bởi: {SECRETARY} (khóa {_fingerprint(team, SECRETARY)})"
    from inspector.exports.jsonrecord import digest_of

    data = json.loads(record.read_text(encoding="utf-8"))
    data["result"]["total"] = 99
    data["digest"] = digest_of(data)
    record.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = team.run(SECRETARY, "verify", str(record))
    assert code == 1
    assert out.strip() == (f"{record}: ĐÃ BỊ SỬA — chữ ký của {SECRETARY} không khớp nội dung "
                           "(nội dung bị sửa sau khi ký)")


def test_backup_and_restore_keep_answers_history_and_evidence(team, tmp_path):
    set_up(team)
    from inspector.store.database import Store

    store = Store(team.homes[SECRETARY] / "inspector.db")
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(b"\xff\xd8 photo of the notice board")
    sha, text = store.add_evidence_file(photo)
    from inspector.core.model import Answer

    store.save_answer(1, "A7", Answer("A7", value=True, evidence=(text,)))
    history = store.audit(1)
    store.close()
    backup = tmp_path / "sao-luu.zip"
    assert team.ok(SECRETARY, "backup", "-o", str(backup)).strip() == (
        f"Đã sao lưu vào {backup}: 2 cuộc kiểm tra, 1 tệp minh chứng")
    team.homes["Máy mới"] = tmp_path / "new-laptop"
    assert "2 cuộc kiểm tra, 1 tệp minh chứng" in team.ok("Máy mới", "restore", str(backup))
    restored = Store(team.homes["Máy mới"] / "inspector.db")
    assert restored.load(1).answers["A7"].evidence == (text,)
    assert restored.audit(1) == history
    assert restored.evidence_path(sha).read_bytes() == photo.read_bytes()
    assert "Kiểm tra CCHC năm 2026" in team.ok("Máy mới", "campaign", "list")
    # A second restore over data needs --force, and saves what was there first.
    code, _, err = team.run("Máy mới", "restore", str(backup))
    assert code == 1 and "thêm --force" in err
    out = team.ok("Máy mới", "restore", str(backup), "--force")
    assert "Dữ liệu trước đó đã được sao lưu vào" in out
    # A damaged backup restores nothing.
    import zipfile

    damaged = tmp_path / "hong.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data + b"x" if item.filename.startswith("evidence/") else data)
    code, _, err = team.run("Máy mới", "restore", str(damaged), "--force")
    assert code == 1 and "bị hỏng hoặc bị sửa (mã SHA-256 không khớp) — không khôi phục gì" in err


def test_a_campaign_file_with_mistakes_names_file_line_and_fix(team):
    plan = team.tmp / "plan.toml"
    plan.write_text(plan_text({SECRETARY: "", BINH: "", CUONG: ""}, with_keys=False)
                    .replace('sections = ["D", "E"]', 'sections = ["D", "Z9"]')
                    .replace('key = ""', 'key = "ed25519:abc"', 1), encoding="utf-8")
    code, out, err = team.run(SECRETARY, "campaign", "new", str(plan))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f'{plan}:16: member[1] › key: "ed25519:abc" không phải khóa công khai — dán nguyên dòng "ed25519:…" mà '
        "inspector key show in ra",
        f'{plan}:24: member[2] › sections: bảng kiểm không có mục hay tiêu chí "Z9"',
    ]


# ---- merge as a property: idempotent, order-free without conflicts, nothing answered ever lost
CRITERIA = ("A7", "B1", "D1", "E3", "G1", "H2")
VALUES = {"A7": ("value = true", "value = false"), "B1": ('value = "day-du"', 'value = "khong"'),
          "D1": ("value = true", "value = false"), "E3": ("value = true", "value = false"),
          "G1": ("value = true", "value = false"), "H2": ("value = true", "value = false")}


OWNER = {"A7": SECRETARY, "B1": SECRETARY, "D1": BINH, "E3": BINH, "G1": CUONG, "H2": CUONG}  # their assigned parts


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(CRITERIA), st.integers(0, 1)), max_size=6), st.booleans(), st.randoms())
def test_random_splits_relays_and_orders_end_with_the_same_answers_everywhere_every_author_proven(
        tmp_path_factory, monkeypatch, capsys, given_answers, relay, shuffle):
    """Each criterion is answered by the member it is assigned to, on their own laptop; Bình's part reaches the
    secretary directly or relayed by the Thư ký (Cường); bundles are merged in any order, twice; then the
    secretary sends everything back. Every laptop ends with the same answers, each credited to its author,
    and no conflict."""
    from inspector.core import i18n

    i18n.set_language("vi")
    team = Team(tmp_path_factory.mktemp("team"), monkeypatch, capsys)
    set_up(team)
    chosen = dict(given_answers)
    for member in (SECRETARY, BINH, CUONG):
        mine = {cid: VALUES[cid][v] for cid, v in chosen.items() if OWNER[cid] == member}
        if mine:
            team.ok(member, "import", str(answers_file(team.tmp / f"{member}.toml", WARDS[0], mine)), "--into", "1")
    def bundle_of(member: str) -> Path:
        path = team.tmp / f"tu-{member.split()[-1]}-{len(list(team.tmp.glob('tu-*')))}.inspector"
        team.ok(member, "bundle", "--campaign", "1", "-o", str(path))
        return path

    if relay:  # Bình hands his part to the Thư ký, who passes it on with his own
        team.ok(CUONG, "merge", str(bundle_of(BINH)))
        files = [bundle_of(CUONG)]
    else:
        files = [bundle_of(BINH), bundle_of(CUONG)]
    shuffle.shuffle(files)
    team.ok(SECRETARY, "merge", *map(str, files))
    team.ok(SECRETARY, "merge", *map(str, reversed(files)))  # idempotent
    back = bundle_of(SECRETARY)
    for member in (BINH, CUONG):
        team.ok(member, "merge", str(back))
    from inspector.store.database import Store

    def state(member: str):
        store = Store(team.homes[member] / "inspector.db")
        rows = sorted((cid, data, author) for cid, data, author, _ in store.answer_rows(1))
        store.close()
        return rows

    expected = {cid: json.dumps({"value": _parsed(VALUES[cid][v])}, ensure_ascii=False, sort_keys=True)
                for cid, v in chosen.items()}
    for member in (SECRETARY, BINH, CUONG):
        rows = state(member)
        assert {cid: data for cid, data, _ in rows} == expected, member  # nothing lost, nothing invented
        assert {cid: author for cid, _, author in rows} == {cid: OWNER[cid] for cid in chosen}, member  # proven
        assert team.ok(member, "conflicts").strip() == "Không có xung đột nào chưa giải quyết."


def _parsed(line: str):
    import tomllib

    return tomllib.loads(line)["value"]


def test_evidence_files_travel_inside_bundles_with_their_hashes_checked(team, tmp_path):
    set_up(team)
    photo = tmp_path / "bang-niem-yet.jpg"
    photo.write_bytes(b"\xff\xd8 the notice board, 10/4/2026")
    from inspector.core.identity import current
    from inspector.core.model import Answer
    from inspector.store.bundle import build_bundle, seal
    from inspector.store.database import Store

    team.monkeypatch.setenv("INSPECTOR_HOME", str(team.homes[BINH]))
    member = Store(team.homes[BINH] / "inspector.db")
    sha, text = member.add_evidence_file(photo)
    member.save_answer(1, "D1", Answer("D1", value=True, evidence=(text,)))
    payload = build_bundle(member, [1, 2])
    identity = current()
    good, bad = tmp_path / "tot.inspector", tmp_path / "sai.inspector"
    good.write_bytes(seal(payload, identity))
    import base64

    payload["evidence"][sha]["data"] = base64.b64encode(b"another picture").decode("ascii")
    bad.write_bytes(seal(payload, identity))  # signed, but the file is not the one the answer names
    code, _, err = team.run(SECRETARY, "merge", str(bad))
    assert code == 1 and "TỪ CHỐI — tệp minh chứng bang-niem-yet.jpg không khớp mã SHA-256 ghi trong gói" in err
    out = team.ok(SECRETARY, "merge", str(good))
    assert "1 tệp minh chứng" in out
    secretary = Store(team.homes[SECRETARY] / "inspector.db")
    assert secretary.evidence_path(sha).read_bytes() == photo.read_bytes()
    assert secretary.load(1).answers["D1"].evidence == (text,)


def test_the_creators_own_key_is_filled_in_and_the_team_shows_fingerprints(team):
    team.key(SECRETARY)
    plan = team.tmp / "plan.toml"
    plan.write_text(plan_text({}, with_keys=False), encoding="utf-8")
    code, _, err = team.run(SECRETARY, "campaign", "new", str(plan))
    assert code == 0 and err.strip() == (f"Chưa có khóa công khai của: {BINH}, {CUONG} — gói của họ sẽ bị từ chối "
                                         "cho đến khi ghi khóa: inspector campaign key 1 \"Họ tên\" ed25519:…")
    out = team.ok(SECRETARY, "campaign", "show", "1")
    assert f"  • {SECRETARY} — Trưởng đoàn, Sở Nội vụ [{_fingerprint(team, SECRETARY)}] — phân công: A, B, C" in out
    assert f"  • {BINH} — Thành viên, Sở Tư pháp [chưa có khóa] — phân công: D, E" in out


def test_a_members_answer_file_goes_into_the_campaigns_inspection_of_that_unit(team):
    set_up(team)
    part = answers_file(team.tmp / "phan.toml", WARDS[1], {"D1": "value = true"})
    out = team.ok(BINH, "import", str(part))
    assert out.splitlines() == [
        "Tệp này là phần của cuộc kiểm tra số 2 trong một đợt kiểm tra: thêm vào đó (dùng --new nếu muốn một "
        "cuộc kiểm tra riêng).",
        f"Đã thêm vào cuộc kiểm tra số 2 ({WARDS[1]}): 1 câu trả lời, 0 số liệu."]
    out = team.ok(BINH, "import", str(part), "--new")
    assert out.startswith(f"Đã nhập cuộc kiểm tra số 3: {WARDS[1]}")


def test_a_merge_killed_midway_leaves_nothing_or_everything(tmp_path, monkeypatch):
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    from inspector.core.checklist import checklist_from_text
    from inspector.core.identity import create
    from inspector.core.model import Answer, InspectionInfo
    from inspector.store.bundle import build_bundle, seal
    from inspector.store.database import Store

    body = "".join(f'\n[[section.criterion]]\nid = "B{i}"\ntitle = "b"\ntype = "yes_no"\nmax = 1\n' for i in range(3000))
    checklist = checklist_from_text('format = 1\nid = "t"\nversion = "1"\ntitle = "T"\n[[section]]\nid = "B"\n'
                                    'title = "B"\n' + body, "t.toml")
    member = tmp_path / "member"
    monkeypatch.setenv("INSPECTOR_HOME", str(member))
    identity = create("Trần Thị Bình")
    store = Store()
    import datetime as dt

    number = store.create_inspection(checklist, InspectionInfo("t", "1", "UBND xã Thử", dt.date(2026, 4, 10)),
                                     {f"B{i}": Answer(f"B{i}", value=True, note=f"ghi chú {i}") for i in range(3000)})
    bundle = tmp_path / "lon.inspector"
    bundle.write_bytes(seal(build_bundle(store, [number]), identity))
    home = tmp_path / "secretary"
    env = {**os.environ, "INSPECTOR_HOME": str(home)}
    command = [sys.executable, "-m", "inspector", "merge", str(bundle)]
    for delay in (0.3, 0.5, 0.7, 0.9, 1.2, None):  # the last one runs to the end
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if delay is None:
            assert process.wait(timeout=120) == 0
            continue
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
    database = sqlite3.connect(home / "inspector.db")
    counts = database.execute("SELECT i.id, count(a.criterion_id) FROM inspections i LEFT JOIN answers a"
                              " ON a.inspection_id = i.id GROUP BY i.id").fetchall()
    authors = {row[0] for row in database.execute("SELECT author FROM answers")}
    database.close()
    assert counts == [(1, 3000)] and authors == {"Trần Thị Bình"}


def test_a_merge_never_stores_figures_one_laptop_would_refuse(team):
    """The secretary records 100 procedures published, a member 150 posted (on their own laptop, with nothing
    to compare, it is accepted); merged, 150/100 would score C1 at 150%: the figure waits as a conflict, C1
    stays unanswered, and choosing it is refused until the other figure is corrected."""
    bundles = set_up(team)
    team.ok(SECRETARY, "import", str(answers_file(team.tmp / "an.toml", WARDS[0], {}, "[facts]\ntthc_cong_bo = 100")))
    team.ok(BINH, "import", str(answers_file(team.tmp / "binh.toml", WARDS[0], {}, "[facts]\ntthc_niem_yet = 150")))
    from_binh = team.tmp / "tu-binh.inspector"
    team.ok(BINH, "bundle", "--campaign", "1", "-o", str(from_binh))
    out = team.ok(SECRETARY, "merge", str(from_binh))
    broken = "tiêu chí C1: tử số tthc_niem_yet = 150 lớn hơn mẫu số tthc_cong_bo = 100 — kiểm tra lại các số liệu này"
    assert f"  {WARDS[0]}: số liệu tthc_niem_yet = 150 chưa nhận, chờ thư ký quyết định: {broken}" in out
    team.monkeypatch.setenv("INSPECTOR_HOME", str(team.homes[SECRETARY]))
    from inspector.core.scoring import score
    from inspector.store.database import Store

    record = Store().load(1)
    assert record.facts == {"tthc_cong_bo": 100}
    assert score(record.checklist, record.answers, record.info.unit_type, record.facts).criteria[
        [c.id for c in record.checklist.criteria].index("C1")].status == "unanswered"
    conflicts = team.ok(SECRETARY, "conflicts")
    assert "tthc_niem_yet" in conflicts and "150" in conflicts
    number = re.search(r"Xung đột (\d+)", conflicts).group(1)
    code, _, err = team.run(SECRETARY, "resolve", number, "--take", "2")
    assert code == 1
    assert err.strip().endswith(f"chưa chọn được số liệu này: {broken} — sửa số liệu kia (phím F trong cuộc kiểm tra)"
                                " rồi chọn lại")
    assert Store().load(1).facts == {"tthc_cong_bo": 100}
    assert bundles  # the members' bundles were made before the figures
    again = team.ok(SECRETARY, "merge", str(from_binh))  # merged twice: kept aside once, said once
    assert "chưa nhận" not in again and "Không có gì mới" in again


def test_a_members_file_whose_figures_do_not_fit_those_recorded_is_refused(team):
    set_up(team)
    team.ok(SECRETARY, "import", str(answers_file(team.tmp / "an.toml", WARDS[0], {}, "[facts]\ntthc_cong_bo = 100")))
    part = answers_file(team.tmp / "binh.toml", WARDS[0], {}, "[facts]\ntthc_niem_yet = 150")
    code, out, err = team.run(SECRETARY, "import", str(part), "--into", "1")
    assert code == 1
    assert err.strip() == (f"inspector: {part}: số liệu trong tệp không khớp với số liệu đã ghi của cuộc kiểm tra số 1:"
                           " tiêu chí C1: tử số tthc_niem_yet = 150 lớn hơn mẫu số tthc_cong_bo = 100 — kiểm tra lại"
                           " các số liệu này; không ghi gì")
    team.monkeypatch.setenv("INSPECTOR_HOME", str(team.homes[SECRETARY]))
    from inspector.store.database import Store

    assert Store().load(1).facts == {"tthc_cong_bo": 100}


def test_the_readme_order_ends_with_exactly_the_real_disagreements(team):
    """Campaign → the unit's self-assessment → bundles out → members' parts back → merge: the unit's part
    never conflicts with the team's answers; only the one criterion two people answered differently does."""
    from test_follow_up import fill

    keys = {name: team.key(name) for name in (SECRETARY, BINH, CUONG)}
    plan = team.tmp / "plan.toml"
    plan.write_text(plan_text(keys), encoding="utf-8")
    team.ok(SECRETARY, "campaign", "new", str(plan))
    blank = team.tmp / "phieu.xlsx"
    team.ok(SECRETARY, "self-assessment", "1", "-o", str(blank))
    scores = {cid: 0.5 for cid in ("A7", "B1", "D1", "D4", "E3", "G1", "H2")}
    filled = fill(blank, team.tmp / "phieu-da-dien.xlsx", scores=scores,
                  comments={"D1": "Đã niêm yết đầy đủ", "G1": "Có quy trình ISO"})
    team.ok(SECRETARY, "self-assessment", "import", str(filled))
    for member in (BINH, CUONG):
        out = team.tmp / f"cho-{member.split()[-1]}.inspector"
        team.ok(SECRETARY, "bundle", "--campaign", "1", "--for", member, "-o", str(out))
        team.ok(member, "merge", str(out))
    team.ok(SECRETARY, "import", str(answers_file(team.tmp / "an.toml", WARDS[0], {
        "A7": "value = true", "B1": 'value = "day-du"', "D1": "value = true"})), "--into", "1")
    team.ok(BINH, "import", str(answers_file(team.tmp / "binh.toml", WARDS[0], {
        "D1": "value = false", "D4": "value = true", "E3": "value = true"})), "--into", "1")
    team.ok(CUONG, "import", str(answers_file(team.tmp / "cuong.toml", WARDS[0], {
        "G1": "value = true", "H2": "value = false"})), "--into", "1")
    back = [team.tmp / "tu-binh.inspector", team.tmp / "tu-cuong.inspector"]
    team.ok(BINH, "bundle", "--campaign", "1", "-o", str(back[0]))
    team.ok(CUONG, "bundle", "--campaign", "1", "-o", str(back[1]))
    out = team.ok(SECRETARY, "merge", *map(str, back))
    assert "1 xung đột mới" in out and "Còn 1 xung đột chưa giải quyết" in out
    listing = team.ok(SECRETARY, "conflicts")
    assert [line for line in listing.splitlines() if line.startswith("Xung đột")] == [
        f"Xung đột 1 — {WARDS[0]} (cuộc kiểm tra số 1), D1 Quyết định thành lập, kiện toàn; quy chế hoạt động; danh mục TTHC tiếp nhận"]
    from inspector.store.database import Store

    record = Store(team.homes[SECRETARY] / "inspector.db").load(1)
    assert {cid: record.answers[cid].self_score for cid in scores} == {cid: Fraction(1, 2) for cid in scores}  # unit
    assert record.answers["D1"].explanation == "Đã niêm yết đầy đủ"
    assert {cid: record.answers[cid].value for cid in ("A7", "D4", "E3", "G1", "H2")} == {
        "A7": True, "D4": True, "E3": True, "G1": True, "H2": False}


def test_a_member_cannot_write_as_another_member(team):
    """Bình's bundle that credits an answer to Cường (in Cường's part) is refused, with what and why."""
    set_up(team)
    from inspector.core.identity import current
    from inspector.store.bundle import build_bundle, seal
    from inspector.store.database import Store

    team.ok(BINH, "import", str(answers_file(team.tmp / "binh.toml", WARDS[0], {"D1": "value = true"})), "--into", "1")
    team.monkeypatch.setenv("INSPECTOR_HOME", str(team.homes[BINH]))
    payload = build_bundle(Store(team.homes[BINH] / "inspector.db"), [1])
    payload["inspections"][0]["answers"]["G1"] = {"data": '{"value":false}', "author": CUONG,
                                                  "at": "2026-04-10T10:00:00+07:00"}
    forged_path = team.tmp / "gia-cuong.inspector"
    forged_path.write_bytes(seal(payload, current()))
    code, _, err = team.run(SECRETARY, "merge", str(forged_path))
    assert code == 1 and err.strip().endswith(
        f"TỪ CHỐI — gói của {BINH} có G1 do «{CUONG}» ghi; thành viên chỉ gửi phần mình ghi (chỉ Trưởng đoàn, Phó"
        " Trưởng đoàn, Thư ký được chuyển phần của người khác)")
    assert "G1" not in Store(team.homes[SECRETARY] / "inspector.db").load(1).answers


def test_two_members_with_one_key_are_refused_when_the_campaign_is_read(team):
    keys = {name: team.key(name) for name in (SECRETARY, BINH, CUONG)}
    keys[CUONG] = keys[BINH]
    plan = team.tmp / "plan.toml"
    plan.write_text(plan_text(keys), encoding="utf-8")
    code, _, err = team.run(SECRETARY, "campaign", "new", str(plan))
    assert code == 1 and (f"plan.toml:30: member[3] › key: {CUONG} dùng cùng khóa với {BINH} — mỗi thành viên"
                          " cần khóa riêng (inspector key new trên máy của mình)") in err


def test_an_inspection_outside_any_campaign_is_changed_only_by_the_key_that_first_sent_it(team):
    keys = {name: team.key(name) for name in (SECRETARY, BINH)}
    assert keys
    part = answers_file(team.tmp / "rieng.toml", "UBND xã Riêng", {"A7": "value = true"})
    team.ok(SECRETARY, "import", str(part))
    mine = team.tmp / "rieng.inspector"
    team.ok(SECRETARY, "bundle", "1", "-o", str(mine))
    out = team.ok(BINH, "merge", str(mine))
    assert "Cuộc kiểm tra ngoài đợt kiểm tra: chỉ khóa đã gửi lần đầu được sửa ở máy này" in out
    team.ok(BINH, "import", str(answers_file(team.tmp / "sua.toml", "UBND xã Riêng", {"B1": 'value = "khong"'})),
            "--into", "1")
    changed = team.tmp / "sua.inspector"
    team.ok(BINH, "bundle", "1", "-o", str(changed))
    code, _, err = team.run(SECRETARY, "merge", str(changed))
    assert code == 1 and ("TỪ CHỐI — cuộc kiểm tra số 1 (UBND xã Riêng) không thuộc đợt kiểm tra nào và chỉ khóa đã"
                          f" gửi nó lần đầu được sửa; gói này ký bởi «{BINH}»") in err


def test_many_conflicts_are_settled_with_one_members_values_after_a_preview(team):
    set_up(team)
    team.ok(SECRETARY, "import", str(answers_file(team.tmp / "an.toml", WARDS[0], {
        "D1": "value = true", "E3": "value = true", "G1": "value = true"})), "--into", "1")
    team.ok(BINH, "import", str(answers_file(team.tmp / "binh.toml", WARDS[0], {
        "D1": "value = false", "E3": "value = false"})), "--into", "1")
    team.ok(CUONG, "import", str(answers_file(team.tmp / "cuong.toml", WARDS[0], {"G1": "value = false"})),
            "--into", "1")
    for member in (BINH, CUONG):
        path = team.tmp / f"tu-{member.split()[-1]}.inspector"
        team.ok(member, "bundle", "--campaign", "1", "-o", str(path))
        team.ok(SECRETARY, "merge", str(path))
    preview = team.ok(SECRETARY, "resolve", "--member", BINH, "--campaign", "1")
    lines = preview.splitlines()
    assert lines[0] == f"Giữ giá trị của {BINH} cho 2 xung đột:"
    assert lines[1].endswith(": Có → Không") and " D1 " in lines[1] and " E3 " in lines[2]
    assert lines[-1] == "Chưa ghi gì. Thêm --yes để ghi những thay đổi trên."
    from inspector.store.database import Store

    assert Store(team.homes[SECRETARY] / "inspector.db").load(1).answers["D1"].value is True  # a preview writes nothing
    done = team.ok(SECRETARY, "resolve", "--member", BINH, "--campaign", "1", "--section", "D", "--yes")
    assert done.strip().endswith(f"Đã giữ giá trị của {BINH} cho 1 xung đột (người quyết định: {SECRETARY}).")
    record = Store(team.homes[SECRETARY] / "inspector.db").load(1)
    assert (record.answers["D1"].value, record.answers["E3"].value, record.answers["G1"].value) == (False, True, True)
    left = team.ok(SECRETARY, "conflicts")
    assert len([line for line in left.splitlines() if line.startswith("Xung đột")]) == 2  # E3 and G1 remain
    # The decision travels: Bình merges the secretary's bundle and holds the same answers, with no stale conflict.
    out = team.tmp / "quyet-dinh.inspector"
    team.ok(SECRETARY, "bundle", "--campaign", "1", "-o", str(out))
    team.ok(CUONG, "merge", str(out))
    cuong = Store(team.homes[CUONG] / "inspector.db").load(1)
    assert cuong.answers["D1"].value is False
    number = re.search(r"Xung đột (\d+) — [^\n]*E3", left).group(1)
    team.ok(SECRETARY, "resolve", number, "--take", "1")  # the secretary keeps the team's E3 over Bình's
    out.unlink()
    team.ok(SECRETARY, "bundle", "--campaign", "1", "-o", str(out))
    merged = team.ok(BINH, "merge", str(out))
    assert "  1 xung đột ở máy này được giải quyết theo quyết định trong gói" in merged.splitlines()
    binh = Store(team.homes[BINH] / "inspector.db").load(1)
    assert (binh.answers["D1"].value, binh.answers["E3"].value) == (False, True)  # the decisions, not his old E3
    assert "E3" not in team.ok(BINH, "conflicts")


def test_a_key_under_a_passphrase_signs_only_with_it(team, monkeypatch):
    team.homes["An"] = team.tmp / "home-an"
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "mật khẩu dài")
    out = team.ok("An", "key", "new", "--name", "Nguyễn Văn An")
    assert "Khóa không có mật khẩu" not in out
    assert (team.homes["An"] / "keys" / "private.pem").read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY")
    team.ok("An", "import", str(answers_file(team.tmp / "a.toml", WARDS[0], {"A7": "value = true"})))
    bundle = team.tmp / "a.inspector"
    team.ok("An", "bundle", "1", "-o", str(bundle))  # the passphrase from the environment
    from inspector.core.identity import forget_passphrases

    forget_passphrases()  # as a new run of the program starts
    monkeypatch.delenv("INSPECTOR_PASSPHRASE")
    code, _, err = team.run("An", "bundle", "1", "-o", str(team.tmp / "b.inspector"))
    assert code == 1 and "cần mật khẩu cho khóa ký: chạy lệnh trong cửa sổ lệnh để nhập, đặt biến INSPECTOR_PASSPHRASE" in err
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "sai mật khẩu")
    code, _, err = team.run("An", "bundle", "1", "-o", str(team.tmp / "b.inspector"))
    assert code == 1 and err.strip().endswith("mật khẩu của khóa ký không đúng")
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "ngắn")
    team.homes["Ngắn"] = team.tmp / "home-short"
    code, _, err = team.run("Ngắn", "key", "new", "--name", "Ngắn")
    assert code == 1 and err.strip().endswith("mật khẩu cần ít nhất 8 ký tự")
    monkeypatch.delenv("INSPECTOR_PASSPHRASE")
    code, _, err = team.run("Ngắn", "key", "new", "--name", "Ngắn")
    assert code == 1 and "--no-passphrase (khi đó ai chép được thư mục dữ liệu cũng ký được thay bạn)" in err


@pytest.mark.parametrize("unit,shown", [("UBND xã\x00 Thử", "U+0000"), ("UBND \u202exã Thử", "U+202E"),
                                        ("x" * 5000, "tên dài 5000 ký tự, quá 300")])
def test_a_signed_bundle_with_text_an_import_refuses_is_refused(team, unit, shown):
    """One set of text rules on every path: what an answer file may not hold, a bundle may not either."""
    bundles = set_up(team)
    from inspector.core.identity import current
    from inspector.store.bundle import build_bundle, seal
    from inspector.store.database import Store

    team.monkeypatch.setenv("INSPECTOR_HOME", str(team.homes[SECRETARY]))
    payload = build_bundle(Store(team.homes[SECRETARY] / "inspector.db"), [1])
    payload["inspections"][0]["info"]["unit"] = unit
    path = team.tmp / "chu-la.inspector"
    path.write_bytes(seal(payload, current()))
    code, _, err = team.run(BINH, "merge", str(path))
    assert code == 1 and "TỪ CHỐI — gói có văn bản không hợp lệ ở" in err and shown in err
    assert bundles


def test_an_answer_file_with_a_reordering_mark_or_an_endless_name_is_refused(team):
    bidi = answers_file(team.tmp / "bidi.toml", "UBND \u202exã Thử", {})
    code, _, err = team.run(SECRETARY, "import", str(bidi))
    assert code == 1 and "U+202E" in err
    long_name = answers_file(team.tmp / "dai.toml", "x" * 400, {})
    code, _, err = team.run(SECRETARY, "import", str(long_name))
    assert code == 1 and "tên dài 400 ký tự, quá 300" in err


def _nested(depth: int) -> object:
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


HOSTILE_CONTENT = {
    "nesting bomb in findings": lambda item: item["findings"].update(conclusion=_nested(600)),
    "huge number": lambda item: item["facts"].update(hs_tiep_nhan={"value": 10 ** 40, "author": SECRETARY,
                                                                   "at": "2026-04-10T10:00:00+07:00"}),
    "huge float in an answer": lambda item: item["answers"].update(E5={"data": '{"value": 1e400}', "author": SECRETARY,
                                                                       "at": "2026-04-10T10:00:00+07:00"}),
    "answer that is no JSON": lambda item: item["answers"].update(A7={"data": "{nope", "author": SECRETARY,
                                                                      "at": "2026-04-10T10:00:00+07:00"}),
    "history of the wrong shape": lambda item: item.update(history=[["x"], {"a": 1}, 5, None]),
    "unknown criterion": lambda item: item["answers"].update(Z9={"data": '{"value": true}', "author": SECRETARY,
                                                                 "at": "2026-04-10T10:00:00+07:00"}),
    "findings of the wrong shape": lambda item: item.update(findings={"recommendations": "không phải danh sách"}),
    "negative figure": lambda item: item["facts"].update(hs_tiep_nhan={"value": -5, "author": SECRETARY,
                                                                       "at": "2026-04-10T10:00:00+07:00"}),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_CONTENT))
def test_malformed_content_in_a_correctly_signed_bundle_is_refused_in_one_line(team, case):
    set_up(team)
    from inspector.core.identity import current
    from inspector.store.bundle import build_bundle, seal
    from inspector.store.database import Store

    team.monkeypatch.setenv("INSPECTOR_HOME", str(team.homes[SECRETARY]))
    store = Store(team.homes[SECRETARY] / "inspector.db")
    payload = build_bundle(store, [1])
    before = store.load(1).answers
    store.close()
    HOSTILE_CONTENT[case](payload["inspections"][0])
    path = team.tmp / "xau.inspector"
    try:
        path.write_bytes(seal(payload, current()))
    except (RecursionError, ValueError):
        pytest.skip("the sender's own program cannot even write it")
    code, out, err = team.run(BINH, "merge", str(path))
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    binh = Store(team.homes[BINH] / "inspector.db")
    assert binh.load(1).answers == {cid: a for cid, a in binh.load(1).answers.items()}  # still readable
    assert before is not None


def test_a_reassignment_travels_signed_and_a_members_new_part_is_taken(team):
    """Bình answers H2 (Cường's part): it waits; the head gives Bình section H, and the change reaches the
    secretary's laptop in the head's bundle: Bình's H2 then comes in like any answer of his part."""
    set_up(team)
    team.ok(BINH, "import", str(answers_file(team.tmp / "binh.toml", WARDS[0], {"H2": "value = true"})), "--into", "1")
    first = team.tmp / "tu-binh-1.inspector"
    team.ok(BINH, "bundle", "--campaign", "1", "-o", str(first))
    out = team.ok(CUONG, "merge", str(first))
    assert f"  {WARDS[0]}: H2 ({BINH}) ngoài phần được phân công — chờ Trưởng đoàn hoặc Thư ký nhận" in out
    assert team.ok(SECRETARY, "campaign", "assign", "1", BINH, "D,E,H").strip() == (
        f"Đã giao cho {BINH} phần: D, E, H (Kiểm tra CCHC năm 2026 tại hai phường)")
    change = team.tmp / "phan-cong.inspector"
    team.ok(SECRETARY, "bundle", "--campaign", "1", "-o", str(change))
    team.ok(CUONG, "merge", str(change))
    second = team.tmp / "tu-binh-2.inspector"
    team.ok(BINH, "import", str(answers_file(team.tmp / "binh2.toml", WARDS[1], {"H2": "value = false"})),
            "--into", "2")
    team.ok(BINH, "bundle", "--campaign", "1", "-o", str(second))
    out = team.ok(CUONG, "merge", str(second))
    assert "ngoài phần được phân công" not in out
    from inspector.store.database import Store

    assert Store(team.homes[CUONG] / "inspector.db").load(2).answers["H2"].value is False


def test_one_key_written_another_way_is_not_a_second_member(team):
    """Base64 leaves spare bits in the last character: the same key spelled with other spare bits is refused,
    so it can never pass for a different member."""
    keys = {name: team.key(name) for name in (SECRETARY, BINH, CUONG)}
    encoded = keys[BINH].split(":", 1)[1]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = encoded[-2]  # 32 bytes: 43 characters and one "=", the last character carrying 2 spare bits
    keys[CUONG] = "ed25519:" + encoded[:-2] + alphabet[alphabet.index(last) ^ 1] + "="
    plan = team.tmp / "plan.toml"
    plan.write_text(plan_text(keys), encoding="utf-8")
    code, _, err = team.run(SECRETARY, "campaign", "new", str(plan))
    assert code == 1 and f'member[3] › key: "{keys[CUONG]}" không phải khóa công khai' in err


def _forged_by(team, member: str, change) -> Path:
    """A bundle Bình's own laptop signs with `change(payload)` made to it (what a member's edited program sends)."""
    from inspector.core.identity import current
    from inspector.store.bundle import build_bundle, seal
    from inspector.store.database import Store

    team.monkeypatch.setenv("INSPECTOR_HOME", str(team.homes[member]))
    store = Store(team.homes[member] / "inspector.db")
    payload = build_bundle(store, [1])
    store.close()
    change(payload)
    path = team.tmp / f"sua-{member.split()[-1]}.inspector"
    path.write_bytes(seal(payload, current()))
    return path


def test_a_members_bundle_brings_only_their_answers_and_figures(team):
    """Conclusions, recommendations and the unit's self-assessment are the head's or secretary's: a member's
    program does not send them, and a bundle that carries them anyway has them left out."""
    set_up(team)
    team.ok(BINH, "import", str(answers_file(team.tmp / "binh.toml", WARDS[0], {"D1": "value = true"})),
            "--into", "1")
    at = "2026-04-10T10:00:00+07:00"

    def add_findings_and_unit_part(payload):
        item = payload["inspections"][0]
        item["findings"] = {"conclusion": "Đơn vị làm tốt mọi việc.",
                            "recommendations": [{"text": "Khen thưởng Bình", "responsible": "UBND"}]}
        item["answers"]["D1"] = {"data": json.dumps({"value": True, "self_score": 1}), "author": BINH, "at": at}

    path = _forged_by(team, BINH, add_findings_and_unit_part)
    team.ok(SECRETARY, "merge", str(path))
    from inspector.store.database import Store

    record = Store(team.homes[SECRETARY] / "inspector.db").load(1)
    assert record.answers["D1"].value is True and record.answers["D1"].self_score is None
    assert record.findings.conclusion == "" and record.findings.recommendations == ()


def test_only_the_head_or_secretary_sets_up_a_campaigns_inspections(team):
    set_up(team)

    def new_inspection(payload):
        payload["inspections"][0]["uid"] = "f" * 32

    code, out, err = team.run(SECRETARY, "merge", str(_forged_by(team, BINH, new_inspection)))
    assert code == 1 and (f"TỪ CHỐI — gói của {BINH} mang cuộc kiểm tra {WARDS[0]} chưa có ở máy này; chỉ Trưởng"
                          " đoàn, Phó Trưởng đoàn, Thư ký lập cuộc kiểm tra của đợt") in err


def test_a_team_answer_credited_to_the_unit_is_refused(team):
    set_up(team)

    def credit_the_unit(payload):
        payload["inspections"][0]["answers"]["A7"] = {"data": '{"value": false}', "author": "đơn vị (tự đánh giá)",
                                                      "at": "2026-04-10T10:00:00+07:00"}

    code, out, err = team.run(BINH, "merge", str(_forged_by(team, SECRETARY, credit_the_unit)))
    assert code == 1 and (f"TỪ CHỐI — gói của {SECRETARY} ghi A7 là của «đơn vị (tự đánh giá)»; câu trả lời và số"
                          " liệu của đoàn phải do một thành viên ghi") in err


def test_a_member_known_to_the_team_by_another_name_still_sends_their_work(team):
    """Bình's key is named «Bình» on his laptop, the campaign lists him by his full name: his answers go,
    credited to the name the team knows."""
    keys = {name: team.key(name) for name in (SECRETARY, CUONG)}
    keys[BINH] = team.key(BINH, key_name="Bình")
    plan = team.tmp / "plan.toml"
    plan.write_text(plan_text(keys), encoding="utf-8")
    team.ok(SECRETARY, "campaign", "new", str(plan))
    bundle = team.tmp / "cho-binh.inspector"
    team.ok(SECRETARY, "bundle", "--campaign", "1", "--for", BINH, "-o", str(bundle))
    team.ok(BINH, "merge", str(bundle))
    team.ok(BINH, "import", str(answers_file(team.tmp / "binh.toml", WARDS[0], {"D1": "value = true"})),
            "--into", "1")
    back = team.tmp / "tu-binh.inspector"
    team.ok(BINH, "bundle", "--campaign", "1", "-o", str(back))
    team.ok(SECRETARY, "merge", str(back))
    from inspector.store.database import Store

    rows = {cid: author for cid, _, author, _ in Store(team.homes[SECRETARY] / "inspector.db").answer_rows(1)}
    assert rows["D1"] == BINH


@pytest.mark.parametrize("where,change", [
    ("A7 › note", lambda payload: payload["inspections"][0]["answers"].update(A7={
        "data": '{"value": true, "note": "Đạt \\u202e tốt"}', "author": SECRETARY, "at": "2026-04-10T10:00:00+07:00"})),
    ("evidence", lambda payload: payload["evidence"].update({"a" * 64: {"name": "anh\u202egpj.exe", "data": ""}})),
])
def test_text_inside_an_answer_or_an_evidence_name_is_held_to_the_same_rules(team, where, change):
    """An answer travels as JSON text; a reordering mark written as an escape inside it is still refused."""
    set_up(team)
    code, _, err = team.run(BINH, "merge", str(_forged_by(team, SECRETARY, change)))
    assert code == 1 and f"TỪ CHỐI — gói có văn bản không hợp lệ ở «{where}»" in err and "U+202E" in err


def test_one_bundle_carries_one_campaigns_inspections(team):
    set_up(team)
    team.ok(SECRETARY, "import", str(answers_file(team.tmp / "rieng.toml", "UBND xã Riêng", {"A7": "value = true"})))
    code, out, err = team.run(SECRETARY, "bundle", "1", "3", "-o", str(team.tmp / "tron.inspector"))
    assert code == 1 and err.strip() == ("inspector: các cuộc kiểm tra 1, 3 không cùng một đợt kiểm tra — mỗi gói chỉ"
                                         " mang cuộc kiểm tra của một đợt (hoặc chỉ những cuộc ngoài đợt): tạo từng"
                                         " gói riêng")
    assert not (team.tmp / "tron.inspector").exists()


DEPUTY_LED = """
[issuer]
body = "SỞ NỘI VỤ"
parent = "UBND TỈNH ĐỒNG NAI"
symbol = "SNV"
place = "Đồng Nai"
sign_for = "KT. GIÁM ĐỐC"
signer_title = "PHÓ GIÁM ĐỐC"
signer = "Trần Văn Bình"

[[member]]
name = "Nguyễn Văn Hùng"
role = "Trưởng đoàn"
agency = "Sở Nội vụ"
present = false

[[member]]
name = "Phạm Thị Lan"
role = "Phó Trưởng đoàn"
agency = "Sở Nội vụ"
"""


def test_a_deputy_led_campaign_with_its_issuer_and_the_units_representatives(team):
    """The head is in the campaign but not on the visits: the deputy signs the biên bản for him; the thông báo is
    the Sở's, signed for its Giám đốc; each unit's representatives come from the campaign file."""
    keys = {name: team.key(name) for name in (SECRETARY, BINH, CUONG)}
    plan = plan_text(keys).replace('role = "Trưởng đoàn"', 'role = "Thành viên"')
    plan = plan.replace('decision_issuer = "Giám đốc Sở Nội vụ"\n', 'decision_issuer = "Giám đốc Sở Nội vụ"\n' +
                        DEPUTY_LED)
    plan = plan.replace(f'name = "{WARDS[0]}"\nunit_type = "phuong"\ndate = 2026-04-10\n',
                        f'name = "{WARDS[0]}"\nunit_type = "phuong"\ndate = 2026-04-10\nrepresentatives = ['
                        '{ name = "Ông Võ Minh Tâm", role = "Chủ tịch UBND phường" }]\n')
    path = team.tmp / "plan.toml"
    path.write_text(plan, encoding="utf-8")
    team.ok(SECRETARY, "campaign", "new", str(path))
    from docx import Document

    minutes, notice = team.tmp / "bien-ban.docx", team.tmp / "ket-luan.docx"
    team.ok(SECRETARY, "export", "1", "-o", str(minutes))
    team.ok(SECRETARY, "export", "1", "--format", "conclusion", "-o", str(notice))
    document = Document(str(minutes))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "- Phạm Thị Lan, Phó Trưởng đoàn, Sở Nội vụ;" in text and "Nguyễn Văn Hùng" not in text
    assert "- Ông Võ Minh Tâm, Chủ tịch UBND phường;" in text
    signatures = next(t for t in document.tables if "THƯ KÝ" in "".join(c.text for c in t._cells))
    assert signatures.cell(0, 1).text.split("\n")[:2] == ["KT. TRƯỞNG ĐOÀN", "PHÓ TRƯỞNG ĐOÀN"]
    assert signatures.cell(0, 1).text.endswith("Phạm Thị Lan") and signatures.cell(0, 0).text.endswith("Võ Minh Tâm")
    header = Document(str(notice)).tables[0]
    assert header.cell(0, 0).text == "UBND TỈNH ĐỒNG NAI\nSỞ NỘI VỤ\n————\nSố: …………/TB-SNV"
    # The head stays in the campaign and its other documents.
    team.ok(SECRETARY, "export", "--campaign", "1", "-o", str(team.tmp / "bao-cao.docx"))
    report = "\n".join(p.text for p in Document(str(team.tmp / "bao-cao.docx")).paragraphs)
    assert "- Nguyễn Văn Hùng, Trưởng đoàn, Sở Nội vụ;" in report
    assert "Kính gửi: Giám đốc Sở Nội vụ." in report
    # The other ward had no representatives in the plan: a member's answer file gives them for the day.
    day = answers_file(team.tmp / "buoi.toml", WARDS[1], {"A7": "value = true"}).read_text(encoding="utf-8")
    day = day.replace("date = 2026-04-10\n", 'date = 2026-04-10\nrepresentatives = ["Bà Lý Thu Hà — Phó Chủ tịch'
                      ' UBND phường"]\nstart_time = "08 giờ 00"\n')
    (team.tmp / "buoi.toml").write_text(day, encoding="utf-8")
    team.ok(SECRETARY, "import", str(team.tmp / "buoi.toml"), "--into", "2")
    from inspector.store.database import Store

    info = Store(team.homes[SECRETARY] / "inspector.db").load(2).info
    assert (info.representatives, info.start_time) == (("Bà Lý Thu Hà — Phó Chủ tịch UBND phường",), "08 giờ 00")
    assert info.issuer.symbol == "SNV" and info.absent == ("Nguyễn Văn Hùng",)  # the campaign's, kept


def test_a_campaign_files_issuer_and_presence_mistakes_name_the_line(team):
    keys = {name: team.key(name) for name in (SECRETARY, BINH, CUONG)}
    plan = plan_text(keys).replace('decision_issuer = "Giám đốc Sở Nội vụ"\n',
                                   'decision_issuer = "Giám đốc Sở Nội vụ"\n[issuer]\nbody = "SỞ NỘI VỤ"\n'
                                   'symbol = "S N V"\nsigner_titel = "x"\n')
    plan = plan.replace('sections = ["D", "E"]', 'sections = ["D", "E"]\npresent = "không"')
    path = team.tmp / "plan.toml"
    path.write_text(plan, encoding="utf-8")
    code, out, err = team.run(SECRETARY, "campaign", "new", str(path))
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert any(line.startswith(f"{path}:13: issuer › symbol: «S N V» không phải chữ viết tắt của cơ quan")
               for line in lines), err
    assert any(f"{path}:14: issuer › signer_titel:" in line for line in lines), err
    assert any(f"{path}:29: member[2] › present: `present` phải là true/false" in line for line in lines), err
