"""The `inspector` command end to end: exit codes, stdout/stderr, JSON shape."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from inspector.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
CHECKLIST = ROOT / "checklists" / "versions" / "cchc-xa-2026.2.toml"  # the release the example pins
EXAMPLE = ROOT / "checklists" / "examples" / "cchc-xa.answers.toml"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_score_json_has_the_documented_shape(capsys):
    code, out, err = run(capsys, "score", "cchc-xa", str(EXAMPLE), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["checklist"]["id"] == "cchc-xa" and data["checklist"]["version"] == "2026.2"
    assert (data["total"], data["max"], data["applicable_max"], data["adjustment"]) == (75.09, 100, 100, -0.5)
    assert (data["percent"], data["band"], data["provisional"], data["critical_failed"]) == (74.59, "Khá", False, [])
    assert [s["id"] for s in data["sections"]] == list("ABCDEFGHIK") + ["T"]
    assert data["sections"][0] == {"id": "A", "title": "Chỉ đạo, điều hành công tác cải cách hành chính",
                                   "kind": "normal", "score": 7.4, "max": 9.5, "applicable_max": 9.5}
    c1 = next(c for c in data["criteria"] if c["id"] == "C1")
    assert {k: c1[k] for k in ("id", "section", "status", "score", "max", "explanation")} == {
        "id": "C1", "section": "C", "status": "answered", "score": 2.5, "max": 2.5,
        "explanation": "139/139 = 100% ≥ 100% → 2,5 điểm"}
    assert len(data["criteria"]) == 85
    assert data["facts"]["hs_tiep_nhan"] == 8750 and data["checks_failed"] == []


def test_score_table_by_file_path(capsys):
    code, out, err = run(capsys, "--lang", "en", "score", str(CHECKLIST), str(EXAMPLE))
    assert code == 0 and err == ""
    assert "Total: 75.09 of 100 applicable points (max 100)" in out
    assert "Percent: 74.59%   Band: Khá" in out
    assert "UBND phường An Thạnh (đơn vị giả định)" in out


def test_score_invalid_answers_prints_nothing_on_stdout(capsys, tmp_path):
    bad = tmp_path / "bad.answers.toml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace("hs_dung_han = 8455", "hs_dung_han = 8700", 1),
                   encoding="utf-8")
    code, out, err = run(capsys, "--lang", "en", "score", "cchc-xa", str(bad), "--json")
    assert code == 1 and out == ""
    assert err.strip() == (f"{bad}:22: facts › hs_da_giai_quyet: criterion E1: numerator hs_dung_han = 8700 is "
                           "greater than denominator hs_da_giai_quyet = 8630 — check these figures")


def test_score_unknown_checklist_suggests(capsys):
    code, out, err = run(capsys, "--lang", "en", "score", "cchc-x", str(EXAMPLE), "--json")
    assert code == 1 and out == ""
    assert err.strip() == 'inspector: no checklist "cchc-x" (did you mean `cchc-xa`?) — see them with: inspector checklist list'


def test_score_invalid_checklist(capsys, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text(CHECKLIST.read_text(encoding="utf-8").replace('type = "yes_no"', 'type = "yesno"', 1), encoding="utf-8")
    code, out, err = run(capsys, "--lang", "en", "score", str(broken), str(EXAMPLE), "--json")
    assert code == 1 and out == ""
    assert err.startswith(f"{broken}:") and "did you mean `yes_no`?" in err


def test_validate_exit_codes(capsys, tmp_path):
    code, out, _ = run(capsys, "checklist", "validate", str(CHECKLIST), str(ROOT / "checklists" / "van-thu-luu-tru.toml"))
    assert code == 0
    assert out.splitlines()[0] == f"{CHECKLIST}: hợp lệ (cchc-xa 2026.2, 85 tiêu chí, 100 điểm)"
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\nid = "x"\nversion = "1"\ntitle = "x"\n', encoding="utf-8")
    code, out, err = run(capsys, "--lang", "en", "checklist", "validate", str(CHECKLIST), str(bad))
    assert code == 1
    assert err.strip() == f"{bad}:1: file: the checklist has no sections — add at least one [[section]]"


def test_list_shows_bundled_and_user_checklists(capsys):
    user_dir = Path(os.environ["INSPECTOR_HOME"]) / "checklists"
    user_dir.mkdir(parents=True)
    (user_dir / "tinh-x.toml").write_text(
        CHECKLIST.read_text(encoding="utf-8").replace('id = "cchc-xa"', 'id = "tinh-x"', 1), encoding="utf-8")
    (user_dir / "hong.toml").write_text("format = 1\n", encoding="utf-8")
    code, out, _ = run(capsys, "--lang", "en", "checklist", "list")
    assert code == 0
    for expected in ("cchc-xa", "van-thu-luu-tru", "tinh-x", "bundled", "user", "hong", "invalid",
                     f"Your checklists live in: {user_dir}"):
        assert expected in out
    assert len(out.splitlines()) == 2 + 4 + 1  # header, rule, one line per checklist, the folder


def test_show_prints_the_tree(capsys):
    code, out, _ = run(capsys, "--lang", "en", "checklist", "show", "cchc-xa")
    assert code == 0
    assert "C. Công khai, kiểm soát thủ tục hành chính — 12 points" in out
    assert "≥ 100% → 2.5" in out and "Basis: Nghị định 63/2010/NĐ-CP" in out
    assert "Total: 100 points, 92 criteria" in out  # the current release, 2026.3


def test_show_prints_markup_literally(capsys, tmp_path):
    path = tmp_path / "markup.toml"
    path.write_text('format = 1\nid = "m"\nversion = "1"\ntitle = "[red]đỏ[/red] [link=http://x]x[/link]"\n'
                    '[[section]]\nid = "A"\ntitle = "[bold]A"\n[[section.criterion]]\nid = "A1"\ntitle = "[b]t"\n'
                    'type = "yes_no"\nmax = 1\n', encoding="utf-8")
    code, out, _ = run(capsys, "checklist", "show", str(path))
    assert code == 0 and "[red]đỏ[/red] [link=http://x]x[/link]" in out and "[bold]A" in out


def test_every_command_has_help(capsys):
    for argv in ([], ["checklist"], ["checklist", "validate"], ["checklist", "list"], ["checklist", "show"], ["score"]):
        with pytest.raises(SystemExit) as exit_info:
            main([*argv, "--help"])
        assert exit_info.value.code == 0
        assert "cách dùng: inspector" in capsys.readouterr().out


def test_version(capsys):
    from inspector import __version__

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"inspector {__version__}"


def test_real_process_from_another_directory(tmp_path):
    """The installed command finds bundled checklists whatever the working directory."""
    env = {**os.environ, "INSPECTOR_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "inspector.cli.main", "score", "cchc-xa", str(EXAMPLE), "--json"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["percent"] == 74.59


def test_a_plain_list_reads_its_arguments_as_the_parser_does():
    """`inspector` alone, `list`, `list --all` and `score C A [--json]` skip argparse (a tenth of listing a
    province): the same namespace as the parser's."""
    from inspector.cli import argparse_vi
    from inspector.cli.main import _plain_list, build_parser

    argparse_vi.install()
    for argv in ([], ["list"], ["list", "--all"], ["score", "cchc-xa", "a.answers.toml"],
                 ["score", "cchc-xa", "a.answers.toml", "--json"], ["score", "D:/bảng kiểm.toml", "x y.toml"]):
        assert vars(_plain_list(argv)) == vars(build_parser().parse_args(argv)), argv
    for argv in (["list", "-h"], ["list", "--all", "--lang", "en"], ["--lang", "en", "list"], ["list", "x"], ["--debug"],
                 ["--lang", "en"], ["score", "a"], ["score", "-h", "a", "b"], ["score", "a", "b", "--js"],
                 ["score", "a", "b", "c"], ["score", "--json", "a", "b"], ["score", "a", "-", "--json"],
                 ["score", "", "b"], ["score", "a", "b", "--json", "--json"]):
        assert _plain_list(argv) is None, argv


def test_one_commands_parser_reads_and_helps_exactly_as_the_whole_parser(capsys):
    """A command line builds only its own command's parser: same namespace, same help, same errors."""
    import argparse

    from inspector.cli import argparse_vi
    from inspector.cli.main import _command_word, build_parser

    argparse_vi.install()

    def subparsers(parser):
        return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices

    whole = subparsers(build_parser())
    for name, sub in whole.items():
        own = subparsers(build_parser(name))
        assert list(own) == [name]
        assert own[name].format_help() == sub.format_help()
    samples = [["score", "cchc-xa", "a.toml", "--json"], ["--lang", "en", "export", "--all", "-o", "x.csv"],
               ["--debug", "checklist", "validate", "a.toml", "b.toml"], ["receive", "3", "--port", "9000"],
               ["figures", "import", "r.xls", "--into", "2"], ["campaign", "assign", "c", "1", "an"]]
    def read(parser, argv):  # a command's own parser object rides in the namespace: compare it by its help
        return {k: v.format_help() if isinstance(v, argparse.ArgumentParser) else v
                for k, v in vars(parser.parse_args(argv)).items()}

    for argv in samples:
        assert read(build_parser(_command_word(argv)), argv) == read(build_parser(), argv)
    assert _command_word(["--lang", "en", "score"]) == "score"
    assert _command_word(["--help", "score"]) is None and _command_word(["--lang", "en"]) is None
    for argv in (["-", "score"], ["--debug", "--", "score", "a", "b"], ["-5", "score"]):
        assert _command_word(argv) is None, argv  # argparse reads these words as arguments and says so
    # a word that is no command: the whole parser says so and lists them all
    with pytest.raises(SystemExit):
        build_parser(_command_word(["scroe"])).parse_args(["scroe"])
    assert "'score'" in capsys.readouterr().err
