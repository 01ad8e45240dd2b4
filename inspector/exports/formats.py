"""The export formats, one record each: its name, its file ending, what it holds (one inspection, several,
a campaign) and how it is written. The command line (`--format`), the export dialog and the rule that
reads a format from a file name all read this one list; `fmt.<name>` in the catalog is its name for people.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from inspector.core.limits import clean_text
from inspector.core.progress import Progress

if TYPE_CHECKING:
    from inspector.core.problems import Msg
    from inspector.exports.common import Exported
    from inspector.exports.consolidate import Consolidation

# (one inspection, language, CSV dialect) → the file's bytes
RenderOne = Callable[["Exported", "str | None", str], bytes]
# (inspections, language, progress, CSV dialect, the file) → written into the file as it is made; a store's
# inspections come as `common.StoredExports`, loaded one at a time (or not at all, where scorecards suffice)
RenderMany = Callable[["Sequence[Exported]", "str | None", "Progress | None", str, BinaryIO], None]
# a campaign's results → the file's bytes
RenderCampaign = Callable[["Consolidation"], bytes]
# one inspection → what its document would print as a blank or say without a reason (catalog messages)
Blanks = Callable[["Exported"], "list[Msg]"]


class ExportFormat(NamedTuple):
    name: str
    suffix: str  # the ending a file of this format gets
    claims: tuple[str, ...] = ()  # endings that ask for this format when none is given
    render_one: RenderOne | None = None  # None: not for one inspection
    render_many: RenderMany | None = None  # None: not for several inspections in one file
    render_campaign: RenderCampaign | None = None  # a campaign's own document (`export --campaign`)
    campaign_stem: str = ""  # the start of that document's file name
    blanks: Blanks | None = None  # a document that prints blanks as dotted lines: the team is warned first
    slow: bool = False  # seconds, not milliseconds (an outside converter): a progress bar even for one file

    @property
    def campaign(self) -> bool:
        """Only for a campaign: nothing to write of one inspection or of a list of them."""
        return self.render_campaign is not None and self.render_one is None

    @property
    def label(self) -> str:
        """The catalog key of its name for people."""
        return f"fmt.{self.name}"


def _docx(item: Exported, lang: str | None, dialect: str) -> bytes:
    from inspector.exports.docx import docx_bytes

    return docx_bytes(item)


def _conclusion(item: Exported, lang: str | None, dialect: str) -> bytes:
    from inspector.exports.docx import conclusion_bytes

    return conclusion_bytes(item)


def _minutes_blanks(item: Exported) -> list[Msg]:
    from inspector.exports.fields import minutes_blanks

    return minutes_blanks(item)


def _conclusion_blanks(item: Exported) -> list[Msg]:
    from inspector.exports.fields import conclusion_blanks

    return conclusion_blanks(item)


def _pdf(item: Exported, lang: str | None, dialect: str) -> bytes:
    from inspector.exports.pdf import minutes_pdf

    return minutes_pdf(item)


def _conclusion_pdf(item: Exported, lang: str | None, dialect: str) -> bytes:
    from inspector.exports.pdf import conclusion_pdf

    return conclusion_pdf(item)


def _report_pdf(summary: Consolidation) -> bytes:
    from inspector.exports.pdf import report_pdf

    return report_pdf(summary)


def _xlsx(item: Exported, lang: str | None, dialect: str) -> bytes:
    from inspector.exports.xlsx import single_bytes

    return single_bytes(item, lang)


def _xlsx_many(items: Sequence[Exported], lang: str | None, progress: Progress | None, dialect: str,
               out: BinaryIO) -> None:
    """A ranking and a matrix; a store's inspections are read from its scorecards (no answer loaded, nothing
    scored again)."""
    from inspector.exports.common import StoredExports
    from inspector.exports.xlsx import multi_bytes

    rows = items.card_rows(progress) if isinstance(items, StoredExports) else [item.card_row() for item in items]
    out.write(multi_bytes(rows, lang, progress))


def _csv(item: Exported, lang: str | None, dialect: str) -> bytes:
    from inspector.exports.tables import csv_bytes

    return csv_bytes([item], lang, None, dialect)


def _csv_many(items: Sequence[Exported], lang: str | None, progress: Progress | None, dialect: str,
              out: BinaryIO) -> None:
    """Every answer of every inspection (a store's loaded one at a time as its rows are written)."""
    from inspector.exports.tables import write_csv

    write_csv(items, out, lang, progress, dialect)


def _json(item: Exported, lang: str | None, dialect: str) -> bytes:
    from inspector.exports.jsonrecord import to_bytes

    return to_bytes(item)


def _markdown(item: Exported, lang: str | None, dialect: str) -> bytes:
    from inspector.exports.tables import markdown

    return clean_text(markdown(item, lang)).encode("utf-8")  # read in a terminal or chat: no escapes


def _answers(item: Exported, lang: str | None, dialect: str) -> bytes:
    from inspector.core.answers import answers_to_toml

    record = item.record
    return answers_to_toml(record.info, record.answers, record.checklist, record.findings, record.facts).encode("utf-8")


def _report(summary: Consolidation) -> bytes:
    from inspector.exports.report import report_bytes

    return report_bytes(summary)


def _ranking(summary: Consolidation) -> bytes:
    from inspector.exports.report import ranking_xlsx

    return ranking_xlsx(summary)


def _self_assessment(item: Exported, lang: str | None, dialect: str) -> bytes:
    from inspector.exports.self_assessment import workbook_bytes

    return workbook_bytes(item.record, item.record.uid)


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("docx", ".docx", (".docx",), _docx, blanks=_minutes_blanks),
    ExportFormat("conclusion", ".docx", (), _conclusion, blanks=_conclusion_blanks),
    # The same documents as PDF for signing (converted by LibreOffice, with empty signature fields); a campaign's
    # PDF is its báo cáo tổng hợp, as a campaign's XLSX is its ranking.
    ExportFormat("pdf", ".pdf", (".pdf",), _pdf, render_campaign=_report_pdf, campaign_stem="bao-cao-tong-hop",
                 blanks=_minutes_blanks, slow=True),
    ExportFormat("conclusion_pdf", ".pdf", (), _conclusion_pdf, blanks=_conclusion_blanks, slow=True),
    ExportFormat("xlsx", ".xlsx", (".xlsx",), _xlsx, _xlsx_many, _ranking, "xep-hang"),
    ExportFormat("csv", ".csv", (".csv",), _csv, _csv_many),
    ExportFormat("json", ".json", (".json",), _json),
    ExportFormat("md", ".md", (".md",), _markdown),
    ExportFormat("answers", ".answers.toml", (".answers.toml", ".toml"), _answers),
    ExportFormat("self_assessment", ".xlsx", (), _self_assessment),
    ExportFormat("report", ".docx", (), render_campaign=_report, campaign_stem="bao-cao-tong-hop"),
)
BY_NAME: dict[str, ExportFormat] = {f.name: f for f in FORMATS}
# An ending → the format it means when none is given (the longest ending first: .answers.toml before .toml).
_CLAIMS = sorted(((suffix, f) for f in FORMATS for suffix in f.claims), key=lambda pair: -len(pair[0]))


def format_named(name: str) -> ExportFormat:
    return BY_NAME[name]


def for_one() -> tuple[str, ...]:
    """The formats one inspection is exported to."""
    return tuple(f.name for f in FORMATS if f.render_one is not None)


def for_many() -> tuple[str, ...]:
    """The formats that hold several inspections in one file."""
    return tuple(f.name for f in FORMATS if f.render_many is not None)


def for_campaign() -> tuple[str, ...]:
    """The formats only a campaign is written to (`--format` for them needs `--campaign`)."""
    return tuple(f.name for f in FORMATS if f.campaign)


def claimed_by(name: str) -> ExportFormat | None:
    """The format a file name asks for by its ending, or None (a folder, or an ending no format claims)."""
    lowered = name.lower()
    return next((f for suffix, f in _CLAIMS if lowered.endswith(suffix)), None)
