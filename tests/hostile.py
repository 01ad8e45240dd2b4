"""A generator of malformed and hostile inputs: checklists, answer files, workbooks and JSON records.

Each case carries what the program must do with it: the exact first problem line (FILE:LINE: where:
message), or None when the file is valid and must be accepted. tests/test_hostile.py runs them all.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = """\
format = 1
id = "t"
version = "1"
title = "Bảng kiểm thử"

[scoring]
bands = [{ label = "Tốt", min = 80 }, { label = "Yếu", min = 0 }]

[[section]]
id = "A"
title = "Mục A"

[[section.criterion]]
id = "A1"
title = "Niêm yết"
type = "yes_no"
max = 2

[[section.criterion]]
id = "A2"
title = "Đúng hạn"
type = "ratio"
max = 3
steps = [{ min = 98, points = 3 }, { min = 90, points = 1 }]
"""
MAX_LINE = BASE.splitlines().index("max = 2") + 1  # A1's max
TITLE_LINE = BASE.splitlines().index('title = "Niêm yết"') + 1
END = BASE.count("\n") + 1  # the line of anything appended to BASE

BOUNDS = "is out of bounds — write a plain decimal with fewer than 15 whole digits and no exponent (1e9)"
DEEP = "values nested more than 24 deep — check the [ ], { } and dotted key names on this line"


def control(char: str) -> str:
    return (f"the text holds the control character {char} — delete it; for a line break write \\n "
            'or use a """…""" string')


def with_max(value: str) -> str:
    return BASE.replace("max = 2\n", f"max = {value}\n", 1)


def with_title(escaped: str) -> str:
    return BASE.replace('title = "Niêm yết"', f'title = "Niêm{escaped}yết"', 1)


# (name, text, first problem line in English with file "c.toml", or None for "accepted")
CHECKLISTS: list[tuple[str, str, str | None]] = [
    ("valid", BASE, None),
    ("valid: exponent within bounds", with_max("2e0"), None),
    ("valid: underscores and plus", with_max("+2"), None),
    ("valid: decimal", with_max("2.50"), None),
    ("valid: CRLF line ends", BASE.replace("\n", "\r\n"), None),
    ("valid: tab and newline escapes", with_title("\\t").replace('version = "1"', 'version = "1"\ndescription = "a\\nb"'),
     None),
    ("valid: escaped triple quote in a multi-line string", BASE.replace(
        'title = "Niêm yết"', 'title = """Niêm \\""" yết"""', 1), None),
    ("locator must advance", BASE + 'x = ["""\\"""[""" ]\n',
     f"c.toml:{END}: section A › criterion A2 › x: unknown key `x` — allowed keys: id, title, type, max, critical, "
     "evidence, na, applies_to, guidance, basis, applies_from, steps, linear, numerator, denominator, facts"),
    ("locator at end of text", BASE + 'y = ["""\n',
     f"c.toml:{END + 1}: file: TOML syntax error at column 1: Unterminated string — check the quotes, "
     "brackets and '=' on this line"),
    ("huge exponent", with_max("1e999999999"), f"c.toml:{MAX_LINE}: section A › criterion A1 › max: the number "
     f"1e999999999 {BOUNDS}"),
    ("tiny exponent", with_max("1e-999999999"), f"c.toml:{MAX_LINE}: section A › criterion A1 › max: the number "
     f"1e-999999999 {BOUNDS}"),
    ("zero with a huge exponent", with_max("0e999999999"), f"c.toml:{MAX_LINE}: section A › criterion A1 › max: "
     f"the number 0e999999999 {BOUNDS}"),
    ("infinity", with_max("inf"), f"c.toml:{MAX_LINE}: section A › criterion A1 › max: the number inf {BOUNDS}"),
    ("not a number", with_max("nan"), f"c.toml:{MAX_LINE}: section A › criterion A1 › max: the number nan {BOUNDS}"),
    ("16 digits", with_max("1" * 16), f"c.toml:{MAX_LINE}: section A › criterion A1 › max: the number "
     f"{'1' * 16} {BOUNDS}"),
    ("5000 digits", with_max("9" * 5000), f"c.toml:{MAX_LINE}: file: the number {'9' * 64}… {BOUNDS}"),
    ("31 decimals", with_max("1." + "0" * 30 + "1"), f"c.toml:{MAX_LINE}: section A › criterion A1 › max: the "
     f"number 1.{'0' * 30}1 {BOUNDS}"),
    ("deep arrays past the parser", BASE + "y = " + "[" * 5000 + "]" * 5000 + "\n", f"c.toml:{END}: file: {DEEP}"),
    ("deep inline tables past the parser", BASE + "z = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n",
     f"c.toml:{END}: file: {DEEP}"),
    ("deep arrays the parser reads", BASE + "y = " + "[" * 30 + "]" * 30 + "\n",
     f"c.toml:{END}: section A › criterion A2 › y[1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1]: {DEEP}"),
    ("deep dotted header", BASE + "[" + ".".join(["k"] * 40) + "]\nv = 1\n",
     f"c.toml:{END}: {' › '.join(['k'] * 24)}: {DEEP}"),
    ("vertical tab", with_title("\\u000b"), f"c.toml:{TITLE_LINE}: section A › criterion A1 › title: "
     + control("U+000B")),
    ("NUL", with_title("\\u0000"), f"c.toml:{TITLE_LINE}: section A › criterion A1 › title: " + control("U+0000")),
    ("escape sequence", with_title("\\u001b]0;pwned\\u0007"), f"c.toml:{TITLE_LINE}: section A › criterion A1 › "
     "title: " + control("U+001B")),
    ("C1 control", with_title("\\u009b"), f"c.toml:{TITLE_LINE}: section A › criterion A1 › title: "
     + control("U+009B")),
    ("delete", with_title("\\u007f"), f"c.toml:{TITLE_LINE}: section A › criterion A1 › title: " + control("U+007F")),
    ("carriage return", with_title("\\r"), f"c.toml:{TITLE_LINE}: section A › criterion A1 › title: "
     + control("U+000D")),
    ("non-character", with_title("\\uffff"), f"c.toml:{TITLE_LINE}: section A › criterion A1 › title: "
     + control("U+FFFF")),
    ("control in a key", BASE.replace('title = "Niêm yết"', '"ti\\u001btle" = "Niêm yết"', 1),
     f"c.toml:{TITLE_LINE}: section A › criterion A1 › ti\\x1btle: the key name holds the control character "
     "U+001B — delete it"),
    ("raw control character", BASE.replace("Niêm yết", "Niêm\x0byết", 1),
     f"c.toml:{TITLE_LINE}: file: TOML syntax error at column 14: Illegal character '\\x0b' — check the quotes, "
     "brackets and '=' on this line"),
    ("unclosed string", BASE.replace('"Niêm yết"', '"Niêm yết', 1),
     f"c.toml:{TITLE_LINE}: file: TOML syntax error at column 18: Illegal character '\\n' — check the quotes, "
     "brackets and '=' on this line"),
    ("duplicate key", BASE.replace("max = 2\n", "max = 2\nmax = 3\n", 1),
     f"c.toml:{MAX_LINE + 1}: file: TOML syntax error at column 8: Cannot overwrite a value — check the quotes, "
     "brackets and '=' on this line"),
    ("empty file", "", "c.toml:1: file: missing required key `format` — add format = 1"),
]


def invalid_utf8() -> bytes:
    return BASE.replace("Niêm yết", "NIEM_YET", 1).encode("utf-8").replace(b"NIEM_YET", b"Ni\xeam y\xe1t", 1)


ANSWERS_HEAD = """\
format = 1

[inspection]
checklist = "t"
checklist_version = "1"
unit = "UBND xã Thử"
date = 2026-03-02

[answers.A1]
value = true
"""
A_END = ANSWERS_HEAD.count("\n") + 1

ANSWER_FILES: list[tuple[str, str, str | None]] = [
    ("valid", ANSWERS_HEAD, None),
    ("self score exponent", ANSWERS_HEAD + "self_score = 1e999999999\n",
     f"a.toml:{A_END}: answer A1 › self_score: the number 1e999999999 {BOUNDS}"),
    ("numerator of 5000 digits", ANSWERS_HEAD + f"[answers.A2]\nnumerator = {'9' * 5000}\ndenominator = 2\n",
     f"a.toml:{A_END + 1}: file: the number {'9' * 64}… {BOUNDS}"),
    ("denominator of 16 digits", ANSWERS_HEAD + f"[answers.A2]\nnumerator = 1\ndenominator = {'1' * 16}\n",
     f"a.toml:{A_END + 2}: answer A2 › denominator: the number {'1' * 16} {BOUNDS}"),
    ("note with a vertical tab", ANSWERS_HEAD + 'note = "a\\u000bb"\n',
     f"a.toml:{A_END}: answer A1 › note: " + control("U+000B")),
    ("unit with an escape sequence", ANSWERS_HEAD.replace('"UBND xã Thử"', '"UBND\\u001b]0;x\\u0007"'),
     "a.toml:6: inspection › unit: " + control("U+001B")),
]


def unknown_ids(count: int) -> str:
    return ANSWERS_HEAD + "".join(f"[answers.X{i}]\nvalue = true\n" for i in range(count))


# ---- workbooks: variations of a valid one (made by `inspector checklist export`)
_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;'
           b'&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'
           b'&lol2;">]>')
_XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


def _body(xml: bytes) -> bytes:
    return xml[xml.index(b"?>") + 2:] if xml.startswith(b"<?xml") else xml


def rewrite(base: Path, target: Path, part_suffix: str, change) -> Path:
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            out.writestr(info, change(data) if info.filename.endswith(part_suffix) else data)
    return target


def _cell(reference: str, value: bytes):
    return lambda xml: re.sub(rb'<c r="' + reference.encode() + rb'"[^>]*>.*?</c>',
                              b'<c r="' + reference.encode() + b'"' + value + b"</c>", xml, count=1)


# (name, how to make it from the base workbook and a folder, first problem with file "w.xlsx")
WORKBOOKS = [
    ("billion laughs", lambda base, out: rewrite(base, out, "sheet1.xml", lambda x: _LAUGHS + _body(x)),
     "w.xlsx: the workbook declares a DOCTYPE/ENTITY in xl/worksheets/sheet1.xml (Excel never writes one) — "
     "the file may be hostile; not opened"),
    ("external entity", lambda base, out: rewrite(base, out, "sheet2.xml", lambda x: _XXE + _body(x)),
     "w.xlsx: the workbook declares a DOCTYPE/ENTITY in xl/worksheets/sheet2.xml (Excel never writes one) — "
     "the file may be hostile; not opened"),
    ("zip bomb", lambda base, out: _zip_bomb(out),
     "w.xlsx: the workbook unpacks to more than 64 MB — a checklist, a self-assessment or a report of figures"
     " needs a few MB; check it is the right file"),
    ("not a zip", lambda base, out: (out.write_bytes(b"PK\x03\x04 not really"), out)[1],
     "w.xlsx: not an .xlsx workbook (damaged or another format) — open it in Excel/LibreOffice and save it as .xlsx"),
    ("huge number cell", lambda base, out: rewrite(base, out, "sheet2.xml", _cell("J2", b' t="n"><v>1e300</v>')),
     f"w.xlsx: sheet “Tiêu chí”, row 2, column J (max): the number 1e+300 {BOUNDS}"),
    ("infinite number cell", lambda base, out: rewrite(base, out, "sheet2.xml",
                                                       _cell("J2", b' t="n"><v>1e999999999</v>')),
     f"w.xlsx: sheet “Tiêu chí”, row 2, column J (max): the number inf {BOUNDS}"),
    ("exponent as text", lambda base, out: rewrite(base, out, "sheet2.xml",
                                                   _cell("J2", b' t="inlineStr"><is><t>1e999999999</t></is>')),
     f"w.xlsx: sheet “Tiêu chí”, row 2, column J (max): the number 1e999999999 {BOUNDS}"),
    ("C1 control character in a cell", lambda base, out: rewrite(
        base, out, "sheet2.xml", _cell("H2", b' t="inlineStr"><is><t>Ni&#x9b;[2J</t></is>')),
     "w.xlsx: sheet “Tiêu chí”, row 2, column H (title): " + control("U+009B")),
    ("escape character in a cell", lambda base, out: rewrite(  # XML 1.0 forbids it: the parser refuses the part
        base, out, "sheet2.xml", _cell("H2", b' t="inlineStr"><is><t>Ni&#x1b;[2J</t></is>')),
     "w.xlsx: cannot open the workbook (ParseError: reference to invalid character number: line 1, column "),
]


def _zip_bomb(out: Path) -> Path:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (70 * 1024 * 1024) + b"</a>")
    return out


RECORDS: list[tuple[str, str, str]] = [
    ("nested far too deep", '{"digest": "x", "a": ' + "[" * 100000 + "]" * 100000 + "}",
     "r.json: not a JSON record exported by inspector (brackets nested far deeper than any export)"),
    ("integer of 5000 digits", '{"digest": "x", "a": ' + "9" * 5000 + "}",
     f"r.json: not a JSON record exported by inspector (the number {'9' * 64}… {BOUNDS})"),
    ("NaN", '{"digest": "x", "a": NaN}', "r.json: not a JSON record exported by inspector (it holds NaN, which an "
     "export never writes)"),
    ("syntax", '{\n"digest": "x",\n oops}', "r.json:3: not a JSON record exported by inspector (JSON syntax error at "
     "column 2: Expecting property name enclosed in double quotes)"),
    ("a list", "[1, 2]", "r.json: not a JSON record exported by inspector (the content is not a JSON object {…})"),
    ("no digest", '{"a": 1}', 'r.json: not a JSON record exported by inspector (there is no "digest" field)'),
]
