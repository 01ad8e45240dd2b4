"""The biên bản, the thông báo kết luận and the báo cáo tổng hợp as PDF for signing.

Each PDF is made from the DOCX the program already renders (so a province's own template shapes the PDF
too), converted by LibreOffice, which the user installs: no PDF library lays out Vietnamese Word documents
as faithfully. The conversion runs in a private temporary folder with its own LibreOffice profile (a
LibreOffice the user has open never blocks it), under a time limit, asking for PDF/A-2b and falling back to
plain PDF. pyHanko then adds one empty signature field per known signer, as an incremental update, so each
official signs with their own certificate tool (VNPT-CA, Viettel-CA, Adobe…) without breaking the others'
signatures. Every failure is a `PdfProblem` with one message; the caller writes nothing.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from inspector.exports.common import DocumentProblem

if TYPE_CHECKING:
    from inspector.exports.common import Exported
    from inspector.exports.consolidate import Consolidation

# Where to look for LibreOffice besides the PATH: its installers' usual folders. INSPECTOR_SOFFICE names the
# program outright (a portable copy, a custom folder); set but empty or wrong, no converter is found.
CONVERTER_VARIABLE = "INSPECTOR_SOFFICE"
PROGRAM_NAMES = ("soffice", "libreoffice")
WINDOWS_FOLDERS = ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
WINDOWS_DEFAULTS = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
MAC_PROGRAM = "LibreOffice.app/Contents/MacOS/soffice"
LINUX_PROGRAMS = ("/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice",
                  "/usr/local/bin/soffice", "/snap/bin/libreoffice")
LINUX_OPT = "/opt"  # the packages from libreoffice.org: /opt/libreoffice7.6/program/soffice

# A document takes 2–5 s; the first start of a fresh profile a few more. A LibreOffice stuck on a dialog or
# a broken install is stopped after this, and nothing is written.
TIMEOUT = 120.0

# The filter options in JSON, as LibreOffice's help documents them ("PDF Export Command Line Parameters",
# help.libreoffice.org …/text/shared/guide/pdf_params.html, source LibreOffice/help
# source/text/shared/guide/pdf_params.xhp): `SelectPdfVersion` 2 is PDF/A-2b. The JSON form is read by
# LibreOffice 7.4 and later; an older one ignores it and writes plain PDF. Should the PDF/A attempt fail,
# plain PDF is asked for instead (`PLAIN`).
PDF_A = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
PLAIN = "pdf:writer_pdf_Export"

# The signature boxes, in PDF points (1/72 inch): about 6 cm wide, from 1 cm to 2.5 cm high.
BOX_WIDTH, BOX_MIN_WIDTH = 170.0, 90.0
BOX_MAX_HEIGHT, BOX_MIN_HEIGHT = 70.0, 28.0
GAP = 4.0  # between a box and the nearest text


class PdfProblem(DocumentProblem):
    """No PDF was made: the message says why and what to do. Nothing is written."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        from inspector.core.i18n import t

        return t(self.key, lang, **self.params)


class Signer(NamedTuple):
    """One signature the document asks for."""

    field: str  # the field's name, ASCII and unique: what signing tools list
    title: str  # the signature block's heading, as printed
    name: str  # the name printed under the signature: where the box goes


# ---- the converter


def find_converter() -> str | None:
    """The LibreOffice program to convert with: INSPECTOR_SOFFICE when set, else `soffice`/`libreoffice` on
    the PATH, else the usual install folders of Windows, macOS and Linux. None when there is none."""
    named = os.environ.get(CONVERTER_VARIABLE)
    if named is not None:  # a path, or a program's name on the PATH
        if named and _runnable(Path(named)):
            return named
        return shutil.which(named) if named and os.sep not in named and "/" not in named else None
    for name in PROGRAM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((str(p) for p in _usual_places() if _runnable(p)), None)


def _usual_places() -> list[Path]:
    if sys.platform == "win32":
        roots = [os.environ[v] for v in WINDOWS_FOLDERS if os.environ.get(v)]
        return ([Path(root) / "LibreOffice" / "program" / "soffice.exe" for root in roots] +
                [Path(p) for p in WINDOWS_DEFAULTS])
    if sys.platform == "darwin":
        return [Path("/Applications") / MAC_PROGRAM, Path.home() / "Applications" / MAC_PROGRAM]
    newest_first = sorted(Path(LINUX_OPT).glob("libreoffice*/program/soffice"), reverse=True)
    return [Path(p) for p in LINUX_PROGRAMS] + newest_first


def _runnable(path: Path) -> bool:
    try:
        return path.is_file() and os.access(path, os.X_OK)
    except OSError:
        return False


def convert(docx: bytes, converter: str | None = None, timeout: float | None = None) -> bytes:
    """The PDF LibreOffice makes of a DOCX: PDF/A-2b where it can, else plain PDF. Raises `PdfProblem`."""
    from inspector.core.i18n import t

    program = converter or find_converter()
    if program is None:
        raise PdfProblem("pdf.no_converter", variable=CONVERTER_VARIABLE)
    limit = TIMEOUT if timeout is None else timeout
    # ignore_cleanup_errors: on Windows a file LibreOffice still holds cannot be removed yet; it is only a
    # temporary file, never a reason for a traceback
    with tempfile.TemporaryDirectory(prefix="inspector-pdf-", ignore_cleanup_errors=True) as work:
        folder = Path(work)
        source = folder / "document.docx"
        source.write_bytes(docx)
        profile = (folder / "profile").as_uri()  # its own user profile: a LibreOffice already open never blocks it
        detail = ""
        for options in (PDF_A, PLAIN):
            out = folder / ("pdfa" if options == PDF_A else "plain")
            command = [program, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
                       "--nologo", "--nodefault", "--nolockcheck", "--convert-to", options, "--outdir", str(out),
                       str(source)]
            said = _run(command, limit, folder)
            try:
                data = (out / "document.pdf").read_bytes()
            except OSError:
                data = b""
            if data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]:
                return data
            detail = said or detail
        raise PdfProblem("pdf.failed", detail=detail or t("pdf.no_output"))


def _run(command: list[str], timeout: float, folder: Path) -> str:
    """Run the converter; what went wrong in its own last words, or "" when it exits without complaint (its
    PDF is then looked for all the same). A converter still running after `timeout` seconds is stopped with
    every process it started, and `PdfProblem` raised."""
    from inspector.core.i18n import t
    from inspector.core.limits import clean_text

    from inspector.core.paths import outside_environment

    options: dict = {"stdin": subprocess.DEVNULL, "stdout": subprocess.PIPE, "stderr": subprocess.STDOUT,
                     "cwd": folder, "env": outside_environment()}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | getattr(subprocess, "CREATE_NO_WINDOW", 0)
    else:
        options["start_new_session"] = True  # soffice starts soffice.bin: stop the whole group on a timeout
    try:
        process = subprocess.Popen(command, **options)
    except OSError as error:
        raise PdfProblem("pdf.failed", detail=f"{command[0]}: {error.strerror or error}") from None
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise PdfProblem("pdf.timeout", seconds=f"{timeout:g}") from None
    words = [line.strip() for line in clean_text(output.decode("utf-8", "replace")).splitlines()
             if line.strip() and "javaldx" not in line and not line.startswith("convert ")]
    if process.returncode == 0:
        return words[-1][:200] if words else ""
    return (words[-1][:200] if words else "") or t("pdf.exit_status", code=process.returncode)


def _stop(process: subprocess.Popen) -> None:
    """Stop the converter and what it started (soffice → soffice.bin), then wait for it."""
    try:
        if sys.platform == "win32":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
        else:
            import signal

            os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        process.kill()
    except OSError:
        pass
    process.communicate()


# ---- signature fields


def team_signer(fields: dict) -> Signer:
    title = " ".join(part for part in (fields["ky_thay"], fields["chuc_danh_ky"]) if part)
    return Signer("ky_truong_doan", title, fields["nguoi_ky"])


def minutes_signers(fields: dict) -> list[Signer]:
    """The biên bản: the team's signer, the secretary and the unit's representative, where their names are
    known (a blank name prints as a blank: no box is placed on a guess)."""
    found = [team_signer(fields), Signer("ky_thu_ky", "THƯ KÝ", fields["thu_ky"]),
             Signer("ky_dai_dien", "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA", fields["dai_dien_ky"])]
    return [s for s in found if s.name.strip()]


def with_signature_fields(pdf: bytes, signers: Sequence[Signer]) -> bytes:
    """The PDF with an empty signature field for each signer, added as an incremental update (the converted
    bytes stay as they are, and each signature later appended leaves the earlier ones valid).

    Each field is a visible box over its signature block — on the last page that prints a signer's name with
    room above it (a biên bản's Phụ lục follows its signatures) — when the signer's name is found there: the
    box fills the room between the name and the line above it (the "(Ký, ghi rõ họ tên)" line or
    the title), within the name's column, and touches no text. The name is the one thing every template
    prints under a signature (titles and their wording differ from province to province). A name not found
    (a template that leaves it out) gets an invisible field: signing tools still list it by its name, and
    the signature then goes where the signer clicks."""
    if not signers:
        return pdf
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        count = int(writer.root["/Pages"]["/Count"])
        page, boxes = signature_page(pdf, count, [s.name for s in signers])
        for signer, box in zip(signers, boxes):
            label = f"{signer.title}: {signer.name}" if signer.title else signer.name
            append_signature_field(writer, SigFieldSpec(
                signer.field, on_page=page, box=box, readable_field_name=label,
                empty_field_appearance=True))  # a light box with a thin border: seen in any viewer, hides no text
        _one_producer(writer)
        out = io.BytesIO()
        writer.write(out)
    except Exception as error:  # noqa: BLE001 - pyHanko and pdfminer raise their own errors on a damaged PDF
        raise PdfProblem("pdf.fields_failed", detail=f"{type(error).__name__}: {error}"[:200]) from None
    return out.getvalue()


def _one_producer(writer) -> None:
    """PDF/A wants the Info dictionary and the XMP metadata to agree; pyHanko writes its own name as the XMP
    producer but appends it to LibreOffice's in the Info dictionary. Name pyHanko alone in both (LibreOffice
    still shows as the creator tool)."""
    from pyhanko.pdf_utils.generic import TextStringObject
    from pyhanko.pdf_utils.metadata.model import VENDOR

    try:
        reference = writer.trailer.raw_get("/Info")
    except KeyError:
        return
    reference.get_object()["/Producer"] = TextStringObject(VENDOR)
    writer.mark_update(reference)


class _Box(NamedTuple):
    x0: float
    y0: float
    x1: float
    y1: float


def _key(text: str) -> str:
    """Text compared as printed: composed, without spaces, case-blind."""
    return "".join(c for c in unicodedata.normalize("NFC", text).casefold() if not c.isspace())


def signature_page(pdf: bytes, count: int, names: Sequence[str]) -> tuple[int, list[tuple[int, int, int, int] | None]]:
    """The page of the signatures (the last one where a name is printed with room to sign above it, searched
    from the end) and each name's box there; the last page with no boxes when no name is found."""
    for page in range(count - 1, -1, -1):
        boxes = signature_boxes(pdf, page, names)
        if any(box is not None for box in boxes):
            return page, boxes
    return count - 1, [None] * len(names)


def signature_boxes(pdf: bytes, page: int, names: Sequence[str]) -> list[tuple[int, int, int, int] | None]:
    """For each name, the box above where it is printed on `page` (the lowest place it is printed, each
    place used once), or None when it is not there or has no room above it."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTPage, LTTextContainer, LTTextLine

    layout = next(iter(extract_pages(io.BytesIO(pdf), page_numbers=[page], laparams=LAParams())), None)
    if not isinstance(layout, LTPage):
        return [None] * len(names)
    lines: list[list[tuple[str, _Box]]] = []  # each line's printed characters (no spaces) with their boxes
    for element in layout:
        if not isinstance(element, LTTextContainer):
            continue
        for line in element:
            if isinstance(line, LTTextLine):
                lines.append([(_key(c.get_text()), _Box(*c.bbox)) for c in line
                              if isinstance(c, LTChar) and _key(c.get_text())])
    printed = [box for line in lines for _, box in line]
    width = layout.width
    used: list[_Box] = []
    boxes: list[tuple[int, int, int, int] | None] = []
    for name in names:
        places = [p for p in _places(lines, _key(name)) if p not in used]
        if not places:
            boxes.append(None)
            continue
        place = min(places, key=lambda p: p.y0)  # the signature block ends the document
        used.append(place)
        boxes.append(_room_above(place, printed, width))
    return boxes


def _places(lines: list[list[tuple[str, _Box]]], key: str) -> list[_Box]:
    """Where `key` is printed: the box around its characters, for each line that holds it."""
    found: list[_Box] = []
    if not key:
        return found
    for line in lines:
        text = "".join(k for k, _ in line)
        starts = []  # each character's first position in `text`
        position = 0
        for k, _ in line:
            starts.append(position)
            position += len(k)
        start = text.rfind(key)
        if start < 0:
            continue
        spans = [box for (k, box), at in zip(line, starts) if at < start + len(key) and at + len(k) > start]
        found.append(_Box(min(b.x0 for b in spans), min(b.y0 for b in spans),
                          max(b.x1 for b in spans), max(b.y1 for b in spans)))
    return found


def _room_above(name: _Box, printed: list[_Box], page_width: float) -> tuple[int, int, int, int] | None:
    """The box between a printed name and the nearest text above it in its column, narrowed away from any
    text beside it (the other column), or None when that leaves too little room. No text falls inside."""
    import math

    bottom = name.y1 + GAP
    above = [b.y0 for b in printed if b.y0 > name.y1 and b.x1 > name.x0 and b.x0 < name.x1]
    top = min(min(above, default=math.inf) - GAP, bottom + BOX_MAX_HEIGHT)
    centre = (name.x0 + name.x1) / 2
    half = max(BOX_WIDTH, name.x1 - name.x0 + 4 * GAP) / 2
    x0, x1 = max(GAP, centre - half), min(page_width - GAP, centre + half)
    for b in printed:
        if b.x1 > x0 and b.x0 < x1 and b.y1 > bottom and b.y0 < top:
            if (b.x0 + b.x1) / 2 < centre:
                x0 = max(x0, b.x1 + GAP)
            else:
                x1 = min(x1, b.x0 - GAP)
    if top - bottom < BOX_MIN_HEIGHT or x1 - x0 < BOX_MIN_WIDTH:
        return None
    return (math.ceil(x0), math.ceil(bottom), math.floor(x1), math.floor(top))


# ---- the documents


def for_signing(docx: bytes, signers: Sequence[Signer]) -> bytes:
    return with_signature_fields(convert(docx), signers)


def minutes_pdf(exported: Exported) -> bytes:
    """The biên bản kiểm tra, with a signature field for the team's signer, the secretary and the unit."""
    from inspector.exports.docx import MINUTES_TEMPLATE, render_template
    from inspector.exports.fields import document_fields

    fields = document_fields(exported)
    return for_signing(render_template(MINUTES_TEMPLATE, fields), minutes_signers(fields))


def issuer_signer(fields: dict) -> Signer:
    """Who signs the thông báo kết luận for the body that issues it ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC")."""
    title = " ".join(part for part in (fields["tb_ky_thay"], fields["tb_chuc_vu"]) if part)
    return Signer("ky_co_quan_ban_hanh", title, fields["tb_nguoi_ky"])


def conclusion_pdf(exported: Exported) -> bytes:
    """The thông báo kết luận, signed for the body that decided the inspection."""
    from inspector.exports.docx import CONCLUSION_TEMPLATE, render_template
    from inspector.exports.fields import document_fields

    fields = document_fields(exported)
    return for_signing(render_template(CONCLUSION_TEMPLATE, fields),
                       [s for s in [issuer_signer(fields)] if s.name.strip()])


def report_pdf(summary: Consolidation) -> bytes:
    """The báo cáo tổng hợp of a campaign, signed by the team's signer."""
    from inspector.exports.docx import render_template
    from inspector.exports.report import REPORT_TEMPLATE, report_fields

    fields = report_fields(summary)
    return for_signing(render_template(REPORT_TEMPLATE, fields),
                       [s for s in [team_signer(fields)] if s.name.strip()])
