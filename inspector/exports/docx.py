"""The biên bản (minutes) and the thông báo kết luận as DOCX, rendered from Word templates with docxtpl.

The shipped templates (inspector/exports/templates/, built by docs/make_templates.py) follow Nghị định
30/2020/NĐ-CP; a template of the same name in the data folder's templates/ replaces one, so a province
uses its own mẫu. The fields are built in `exports/fields.py` and listed in docs/templates.md.
"""

from __future__ import annotations

import io
from pathlib import Path

from inspector.core.paths import data_dir, package_dir
from inspector.exports.common import DocumentProblem, Exported
from inspector.exports.fields import document_fields

SHIPPED = package_dir() / "exports" / "templates"
MINUTES_TEMPLATE = "bien-ban.docx"
CONCLUSION_TEMPLATE = "ket-luan.docx"


class TemplateProblem(DocumentProblem):
    """A template that cannot be used: its path and the reason (shown with how to fix it)."""

    def __init__(self, path: Path, detail: str):
        self.path, self.detail = path, detail
        super().__init__(f"{path}: {detail}")

    def message(self, lang: str | None = None) -> str:
        from inspector.core.i18n import t

        return t("export.template_broken", lang, path=str(self.path), detail=self.detail)


def template_path(name: str) -> Path:
    """The user's template of that name (data folder/templates/) if there is one, else the shipped one."""
    own = data_dir() / "templates" / name
    return own if own.is_file() else SHIPPED / name


def render_template(name: str, context: dict) -> bytes:
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    path = template_path(name)
    try:
        document = DocxTemplate(str(path))
        document.render(with_pictures(document, context), autoescape=True)  # user text with & or < stays text, never XML
        buffer = io.BytesIO()
        document.save(buffer)
    except TemplateError as error:
        raise TemplateProblem(path, f"{type(error).__name__}: {error}") from None
    except (OSError, KeyError, ValueError) as error:  # not a DOCX, a damaged zip, a missing part
        raise TemplateProblem(path, f"{type(error).__name__}: {error}") from None
    return buffer.getvalue()


def with_pictures(document, context: dict) -> dict:
    """The context with each photo of the Phụ lục ảnh as an image of this document (docxtpl's InlineImage)."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    rows = context.get("phu_luc_anh")
    if not rows:
        return context
    pictures = [{**row, "anh": InlineImage(document, str(row["anh"].path), width=Mm(row["anh"].width_mm),
                                           height=Mm(row["anh"].height_mm)) if row["anh"] else ""} for row in rows]
    return {**context, "phu_luc_anh": pictures}


def docx_bytes(exported: Exported) -> bytes:
    """The biên bản kiểm tra."""
    return render_template(MINUTES_TEMPLATE, document_fields(exported))


def conclusion_bytes(exported: Exported) -> bytes:
    """The thông báo kết luận kiểm tra: results, findings, recommendations and the unit's obligations."""
    return render_template(CONCLUSION_TEMPLATE, document_fields(exported))
