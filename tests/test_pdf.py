"""PDF for signing: the biên bản, the thông báo kết luận and the báo cáo tổng hợp converted from their DOCX by
LibreOffice, each with an empty signature field per known signer over its signature block.

The converting tests need LibreOffice (`soffice`) and skip without it; each converts one document (2–5 s).
The messages when there is no converter, or it fails or hangs, are checked with stand-in converters."""

import datetime as dt
import io
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from inspector.cli.main import main
from inspector.core.i18n import t
from inspector.core.model import InspectionInfo
from inspector.exports import format_for, format_of_name, output_for
from inspector.exports.common import Exported
from inspector.exports.run import render
from inspector.store.database import Store

from test_exports import attrs_dict, import_2025_examples

CONVERTER = __import__("inspector.exports.pdf", fromlist=["find_converter"]).find_converter()
needs_libreoffice = pytest.mark.skipif(
    CONVERTER is None, reason="LibreOffice (soffice) is not installed: the PDF is converted from the DOCX by it")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in converters are shell scripts")
UNIT = "UBND phường An Thạnh (đơn vị giả định)"
NO_CONVERTER = ("inspector: chưa tìm thấy LibreOffice để tạo PDF — cài LibreOffice (https://www.libreoffice.org/download/) "
                "rồi xuất lại, hoặc đặt biến INSPECTOR_SOFFICE là đường dẫn tới chương trình soffice; trong lúc chờ, "
                "hãy xuất bản DOCX")


@pytest.fixture
def store():
    """The worked example, led by a deputy, with a secretary and the unit's representative: three signers."""
    store = Store()
    import_2025_examples(store)
    record = store.load(1)
    store.update_info(1, InspectionInfo(**{**attrs_dict(record.info), "team": (
        "Bà Nguyễn Thị Hoài Thu — Phó Trưởng đoàn", "Ông Lê Văn Dũng — Thành viên", "Phạm Ngọc Ánh — Thư ký"),
        "representatives": ("Ông Trần Văn Cường — Chủ tịch UBND phường",), "date": dt.date(2025, 10, 15)}))
    return store


def signature_fields(data: bytes) -> dict[str, dict]:
    """Every signature field read back with pyHanko: name → its value (None while unsigned), box and label."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    reader = PdfFileReader(io.BytesIO(data))
    pages = reader.root["/Pages"]["/Kids"]
    found = {}
    for name, value, ref in enumerate_sig_fields(reader):
        field = ref.get_object()
        page = field.get("/P")
        index = next((i for i, kid in enumerate(pages) if page is not None and kid.get_object() is page.get_object()),
                     None)
        found[name] = {"value": value, "box": [float(x) for x in field["/Rect"]], "label": str(field.get("/TU", "")),
                       "page": index, "last_page": index == len(pages) - 1}
    return found


def printed_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF's text cannot be read back")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")


def characters_under(data: bytes, box: list[float], page: int = -1) -> str:
    """The text printed inside a box of a page, the last by default (a signature box must hide none)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer

    pages = list(extract_pages(io.BytesIO(data)))
    x0, y0, x1, y1 = box
    hidden = []
    for element in pages[page]:
        if isinstance(element, LTTextContainer):
            for line in element:
                for c in getattr(line, "_objs", []):
                    if isinstance(c, LTChar) and c.get_text().strip() and c.x1 > x0 and c.x0 < x1 and c.y1 > y0 and c.y0 < y1:
                        hidden.append(c.get_text())
    return "".join(hidden)


# ---- choosing the format


def test_the_pdf_ending_picks_the_pdf_format():
    assert format_of_name("bien-ban.pdf") == "pdf" and format_of_name("BIEN-BAN.PDF") == "pdf"
    assert format_for("bien-ban.pdf", None) == ("pdf", None)
    assert format_for("thong-bao.pdf", "conclusion_pdf") == ("conclusion_pdf", None)
    assert output_for("bien-ban", "pdf") == "bien-ban.pdf" and output_for("thong-bao", "conclusion_pdf") == "thong-bao.pdf"
    assert format_for("bien-ban.pdf", "docx")[1] == ("tên tệp bien-ban.pdf có đuôi của định dạng pdf, không phải docx — "
                                                     "đổi đuôi tệp thành .docx hoặc bỏ --format")


# ---- the documents (LibreOffice)


@needs_libreoffice
def test_the_minutes_as_pdf_keep_the_text_and_have_an_empty_field_over_each_signature(store, tmp_path, capsys):
    path = tmp_path / "bien-ban.pdf"
    assert main(["export", "1", "-o", str(path)]) == 0
    assert capsys.readouterr().out.strip() == f"Đã ghi {path}"
    data = path.read_bytes()
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data))
    xmp = reader.root["/Metadata"].get_object().data.decode("utf-8")
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="B"' in xmp  # PDF/A-2b, as asked of LibreOffice
    assert f'pdf:Producer="{reader.trailer["/Info"]["/Producer"]}"' in xmp  # PDF/A: Info and XMP agree
    fields = signature_fields(data)
    assert sorted(fields) == ["ky_dai_dien", "ky_thu_ky", "ky_truong_doan"]
    assert all(f["value"] is None for f in fields.values())  # empty: each official signs with their own tool
    assert fields["ky_truong_doan"]["label"] == "KT. TRƯỞNG ĐOÀN PHÓ TRƯỞNG ĐOÀN: Nguyễn Thị Hoài Thu"
    assert fields["ky_thu_ky"]["label"] == "THƯ KÝ: Phạm Ngọc Ánh"
    assert fields["ky_dai_dien"]["label"] == "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA: Trần Văn Cường"
    # A visible box on the page of the signatures (the Phụ lục follows them), over no text.
    assert {f["page"] for f in fields.values()} == {fields["ky_truong_doan"]["page"]}
    assert not fields["ky_truong_doan"]["last_page"]
    for name, field in fields.items():
        x0, y0, x1, y1 = field["box"]
        assert x1 - x0 >= 90 and y1 - y0 >= 28, name
        assert characters_under(data, field["box"], field["page"]) == "", name
    leader, secretary, unit = (fields[k]["box"] for k in ("ky_truong_doan", "ky_thu_ky", "ky_dai_dien"))
    assert unit[2] < leader[0]  # the unit signs on the left, the team on the right
    assert secretary[3] < leader[1]  # the secretary below the head
    text = printed_text(path)
    assert unicodedata.is_normalized("NFC", text)
    assert UNIT in text and "BIÊN BẢN" in text and "Kiểm tra công tác cải cách hành chính năm 2025" in text
    assert "KT. TRƯỞNG ĐOÀN" in text and "Nguyễn Thị Hoài Thu" in text and "Trần Văn Cường" in text


@needs_libreoffice
def test_the_conclusion_as_pdf_has_one_field_for_the_issuing_bodys_signer(store, tmp_path):
    from inspector.core import record as records

    from inspector.core.model import Issuer

    record = store.load(1)
    store.update_info(1, records.evolve(record.info, issuer=Issuer(
        "SỞ NỘI VỤ", "UBND TỈNH ĐỒNG NAI", "SNV", "Đồng Nai", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Bình")))
    data = render("conclusion_pdf", [Exported.of(store.load(1))])
    fields = signature_fields(data)
    assert list(fields) == ["ky_co_quan_ban_hanh"] and fields["ky_co_quan_ban_hanh"]["value"] is None
    assert fields["ky_co_quan_ban_hanh"]["label"] == "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC: Trần Văn Bình"
    assert characters_under(data, fields["ky_co_quan_ban_hanh"]["box"]) == ""
    path = tmp_path / "thong-bao.pdf"
    path.write_bytes(data)
    text = printed_text(path)
    assert "THÔNG BÁO" in text and UNIT in text and "Trần Văn Bình" in text and "Số: …………/TB-SNV" in text


@needs_libreoffice
def test_the_campaign_report_as_pdf(tmp_path, capsys):
    from team_data import team_store

    team_store().close()
    path = tmp_path / "bao-cao.pdf"
    assert main(["export", "--campaign", "1", "-o", str(path)]) == 0
    assert capsys.readouterr().out.strip() == f"Đã ghi {path}"
    data = path.read_bytes()
    fields = signature_fields(data)
    assert list(fields) == ["ky_truong_doan"] and fields["ky_truong_doan"]["value"] is None
    assert fields["ky_truong_doan"]["label"] == "TRƯỞNG ĐOÀN KIỂM TRA: Nguyễn Văn An"
    assert characters_under(data, fields["ky_truong_doan"]["box"]) == ""
    text = printed_text(path)
    assert "BÁO CÁO" in text and "UBND phường Tam Hiệp" in text and "UBND phường Trấn Biên" in text
    assert "Đồng Nai" in text


# ---- no converter, a failing one, a stuck one: one message, nothing written


def test_without_libreoffice_the_message_says_what_to_install_and_nothing_is_written(store, tmp_path, capsys,
                                                                                     monkeypatch):
    monkeypatch.setenv("INSPECTOR_SOFFICE", str(tmp_path / "nowhere" / "soffice"))
    path = tmp_path / "bien-ban.pdf"
    assert main(["export", "1", "-o", str(path)]) == 1
    assert capsys.readouterr().err.strip() == NO_CONVERTER
    assert not path.exists() and list(tmp_path.glob("*.pdf*")) == [] and list(tmp_path.glob(".*.part")) == []
    assert main(["--lang", "en", "export", "1", "--format", "conclusion_pdf", "-o", str(path)]) == 1
    assert capsys.readouterr().err.strip() == (
        "inspector: LibreOffice was not found, so no PDF can be made — install LibreOffice "
        "(https://www.libreoffice.org/download/) and export again, or set INSPECTOR_SOFFICE to the path of its "
        "soffice program; meanwhile, export the DOCX")
    assert not path.exists()


def stand_in(tmp_path: Path, script: str) -> Path:
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    program.chmod(0o755)
    return program


@posix_only
def test_a_failing_converter_leaves_nothing_and_an_existing_file_as_it_was(store, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INSPECTOR_SOFFICE", str(stand_in(tmp_path, 'echo "Error: source file could not be loaded"\nexit 1\n')))
    path = tmp_path / "bien-ban.pdf"
    assert main(["export", "1", "-o", str(path)]) == 1
    assert capsys.readouterr().err.strip() == (
        "inspector: LibreOffice không chuyển được tài liệu sang PDF (Error: source file could not be loaded); "
        "không tệp nào được ghi — thử lại, hoặc xuất bản DOCX")
    assert not path.exists()
    path.write_bytes(b"the signed copy")
    assert main(["export", "1", "-o", str(path), "--force"]) == 1
    assert path.read_bytes() == b"the signed copy" and sorted(p.name for p in tmp_path.iterdir()) == [
        "bien-ban.pdf", "home", "soffice"]


@posix_only
def test_a_converter_that_writes_no_pdf_is_a_failure(store, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INSPECTOR_SOFFICE", str(stand_in(tmp_path, "exit 0\n")))
    assert main(["export", "1", "--format", "conclusion_pdf", "-o", str(tmp_path / "tb.pdf")]) == 1
    assert capsys.readouterr().err.strip() == (
        "inspector: LibreOffice không chuyển được tài liệu sang PDF (không có tệp PDF nào được tạo); "
        "không tệp nào được ghi — thử lại, hoặc xuất bản DOCX")
    assert not (tmp_path / "tb.pdf").exists()


@posix_only
def test_a_converter_that_hangs_is_stopped_and_nothing_is_written(store, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INSPECTOR_SOFFICE", str(stand_in(tmp_path, "sleep 60 &\nwait\n")))
    monkeypatch.setattr("inspector.exports.pdf.TIMEOUT", 1.0)
    assert main(["export", "1", "-o", str(tmp_path / "bien-ban.pdf")]) == 1
    assert capsys.readouterr().err.strip() == (
        "inspector: LibreOffice chưa chuyển xong sang PDF sau 1 giây nên đã bị dừng; không tệp nào được ghi — "
        "đóng LibreOffice nếu nó đang hỏi gì đó rồi thử lại, hoặc xuất bản DOCX")
    assert not (tmp_path / "bien-ban.pdf").exists()


def tiny_pdf(text: bytes = b"Bien ban kiem tra") -> bytes:
    """A one-page PDF written by hand: what a stand-in converter hands back."""
    content = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
               b" /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)


WRITE_INTO_OUTDIR = """while [ $# -gt 0 ]; do [ "$1" = "--outdir" ] && out="$2"; case "$1" in *SelectPdfVersion*) pdfa=1;; esac; shift; done
mkdir -p "$out"
"""


@posix_only
def test_plain_pdf_when_pdf_a_fails_and_an_invisible_field_for_a_name_not_printed(store, tmp_path, monkeypatch):
    made = tmp_path / "made.pdf"
    made.write_bytes(tiny_pdf())
    monkeypatch.setenv("INSPECTOR_SOFFICE", str(stand_in(tmp_path, WRITE_INTO_OUTDIR + (
        f'[ -n "$pdfa" ] && {{ echo "Error: PDF/A export failed"; exit 1; }}\ncp "{made}" "$out/document.pdf"\n'))))
    data = render("pdf", [Exported.of(store.load(1))])
    assert data.startswith(made.read_bytes())  # the converted bytes kept as they are: fields come as an update
    fields = signature_fields(data)
    assert sorted(fields) == ["ky_dai_dien", "ky_thu_ky", "ky_truong_doan"]
    assert all(f["value"] is None and f["box"] == [0, 0, 0, 0] for f in fields.values())  # invisible, still listed


@posix_only
def test_a_pdf_the_fields_cannot_be_added_to_is_not_written(store, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INSPECTOR_SOFFICE", str(stand_in(tmp_path, WRITE_INTO_OUTDIR + (
        "printf '%%PDF-1.4\\nnot a PDF at all\\n%%%%EOF\\n' > \"$out/document.pdf\"\n"))))
    path = tmp_path / "bien-ban.pdf"
    assert main(["export", "1", "-o", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("inspector: không thêm được ô chữ ký vào PDF LibreOffice vừa tạo (")
    assert err.endswith("); không tệp nào được ghi — xuất bản DOCX, hoặc báo lỗi này kèm tệp DOCX")
    assert not path.exists()


def test_the_campaign_report_refuses_a_name_of_another_format(tmp_path, capsys):
    from team_data import team_store

    team_store().close()
    assert main(["export", "--campaign", "1", "--format", "pdf", "-o", str(tmp_path / "bao-cao.docx")]) == 1
    assert capsys.readouterr().err.strip() == (f"inspector: tên tệp {tmp_path / 'bao-cao.docx'} có đuôi của định dạng "
                                               "docx, không phải pdf — đổi đuôi tệp thành .pdf hoặc bỏ --format")
    assert list(tmp_path.glob("bao-cao*")) == []


# ---- finding LibreOffice


def test_the_converter_is_found_by_variable_on_the_path_or_in_its_install_folder(tmp_path, monkeypatch):
    from inspector.exports import pdf

    program = tmp_path / "bin" / "soffice"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("INSPECTOR_SOFFICE", str(program))
    assert pdf.find_converter() == str(program)
    monkeypatch.setenv("INSPECTOR_SOFFICE", "")
    assert pdf.find_converter() is None  # set, but to nothing: no converter (how the tests simulate none)
    monkeypatch.delenv("INSPECTOR_SOFFICE")
    monkeypatch.setenv("PATH", str(program.parent))
    if sys.platform != "win32":
        assert pdf.find_converter() == str(program)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(pdf, "_usual_places", lambda: [tmp_path / "missing", program])
    assert pdf.find_converter() == str(program)


def test_the_usual_install_folders_of_each_system(monkeypatch):
    from inspector.exports import pdf

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("ProgramFiles", r"D:\Apps")
    places = [str(p) for p in pdf._usual_places()]
    assert str(Path(r"D:\Apps") / "LibreOffice" / "program" / "soffice.exe") in places
    assert r"C:\Program Files\LibreOffice\program\soffice.exe" in places
    assert r"C:\Program Files (x86)\LibreOffice\program\soffice.exe" in places
    monkeypatch.setattr(sys, "platform", "darwin")
    assert Path("/Applications/LibreOffice.app/Contents/MacOS/soffice") in pdf._usual_places()
    monkeypatch.setattr(sys, "platform", "linux")
    assert Path("/usr/bin/soffice") in pdf._usual_places()


def test_the_messages_exist_in_both_languages():
    for key in ("pdf.no_converter", "pdf.failed", "pdf.timeout", "fmt.pdf", "fmt.conclusion_pdf"):
        assert t(key, "vi", variable="X", detail="d", seconds="1") != t(key, "en", variable="X", detail="d", seconds="1")


def test_each_official_signs_their_own_field_and_the_earlier_signatures_stay_intact(tmp_path):
    """What VNPT-CA, Viettel-CA or Acrobat do with the empty fields, done with pyHanko and throwaway keys."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder_data
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from inspector.exports.pdf import Signer, with_signature_fields

    def official(name: str, folder: Path) -> signers.SimpleSigner:
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
                .serial_number(x509.random_serial_number()).not_valid_before(dt.datetime(2025, 1, 1))
                .not_valid_after(dt.datetime(2035, 1, 1)).sign(key, hashes.SHA256()))
        (folder / f"{name}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        return signers.SimpleSigner(signing_cert=load_cert_from_pemder(str(folder / f"{name}.pem")),
                                    signing_key=load_private_key_from_pemder_data(pem, None), cert_registry=None)

    data = with_signature_fields(tiny_pdf(), [Signer("ky_truong_doan", "TRƯỞNG ĐOÀN KIỂM TRA", "A"),
                                              Signer("ky_thu_ky", "THƯ KÝ", "B")])
    for field, name in (("ky_truong_doan", "head"), ("ky_thu_ky", "secretary")):
        signed = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)),
                                  signers.PdfSignatureMetadata(field_name=field), signer=official(name, tmp_path))
        data = signed.getvalue()
    signatures = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert [s.field_name for s in signatures] == ["ky_truong_doan", "ky_thu_ky"]
    context = ValidationContext(trust_roots=[], allow_fetching=False)  # throwaway keys: intact, not trusted
    assert all(validate_pdf_signature(s, context).intact for s in signatures)
