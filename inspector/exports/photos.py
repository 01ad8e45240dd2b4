"""The biên bản's Phụ lục ảnh: each photo of the inspection with its criterion, caption and time, two to a page.

The fields are plain (docs/templates.md); the picture itself is a `Picture` (the resized copy and its size on
the page) that `exports/docx.py` turns into docxtpl's InlineImage when it renders. A photo this laptop cannot
draw (a HEIC) is listed with the reason instead of its picture.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from inspector.core.limits import clean_text
from inspector.exports.common import Exported
from inspector.store.photos import photos_of, resized

# Two photos and their captions on an A4 page of the biên bản (257 × 165 mm inside the margins).
MAX_WIDTH_MM, MAX_HEIGHT_MM = 150.0, 90.0


class Picture(NamedTuple):
    path: Path
    width_mm: float
    height_mm: float


def picture(path: Path) -> Picture | None:
    from PIL import Image

    try:
        with Image.open(path) as image:
            width, height = image.size
    except Exception:  # noqa: BLE001 - a copy that cannot be read is shown as missing, never a crash
        return None
    scale = min(MAX_WIDTH_MM / width, MAX_HEIGHT_MM / height)
    return Picture(path, round(width * scale, 1), round(height * scale, 1))


def time_words(photo) -> str:
    if photo.taken is None:
        return "không rõ thời gian"
    moment = photo.taken
    return f"{moment:%H} giờ {moment:%M}, ngày {moment:%d/%m/%Y}"


def appendix_rows(exported: Exported) -> list[dict]:
    """The rows of the Phụ lục ảnh, in checklist order; empty when the inspection has no photo."""
    record = exported.record
    folder = record.evidence_dir
    if folder is None:
        return []
    photos = photos_of(record, folder)
    rows = []
    for number, photo in enumerate(photos, 1):
        criterion = record.checklist.criterion(photo.criterion_id)
        copy = resized(folder, photo)
        shown = picture(copy) if copy is not None else None
        note = "" if shown is not None else (
            "ảnh HEIC: đã lưu bản gốc, máy lập biên bản không thu nhỏ được nên không in ảnh" if photo.kind == "heic"
            else "không in được ảnh: tệp gốc đã lưu")
        rows.append({"stt": str(number), "anh": shown, "ghi_chu_anh": note, "ma": photo.criterion_id,
                     "tieu_chi": clean_text(criterion.title) if criterion else "",
                     "chu_thich": clean_text(photo.caption) or clean_text(photo.name),
                     "thoi_gian": time_words(photo), "ten_tep": clean_text(photo.name), "ma_tep": photo.sha[:12],
                     "trang_moi": number % 2 == 1 and number > 1,  # it starts a page (the template breaks before)
                     "ngat_trang": number % 2 == 0 and number < len(photos)})  # a page ends after it (own templates)
    return rows
