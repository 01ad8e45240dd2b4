"""Commands that read or write the local store: list, import, export."""

from __future__ import annotations

import sys
from pathlib import Path

from .i18n import decimal_mark, t
from .store import Store, StoreError

EXIT_OK, EXIT_INVALID = 0, 1


def _error(text: str) -> int:
    print(f"inspector: {text}", file=sys.stderr)
    return EXIT_INVALID


def open_store() -> Store:
    return Store()


def command_list(args) -> int:
    try:
        rows = open_store().list_inspections(include_archived=args.all)
    except StoreError as error:
        return _error(error.message())
    if not rows:
        print(t("cli.no_inspections"))
        return EXIT_OK
    from rich.table import Table
    from rich.text import Text

    from .render import console

    mark = decimal_mark()
    table = Table(show_edge=False, header_style="bold")
    for key in ("col.number", "col.unit", "col.date", "col.checklist", "col.progress", "col.score", "col.percent",
                "col.band"):
        table.add_column(t(key), justify="right" if key in ("col.number", "col.score", "col.percent") else "left")
    for row in rows:
        unit = Text(row.unit)
        if row.archived:
            unit.append(f" ({t('archived')})", style="dim")
        table.add_row(str(row.id), unit, _date(row.date), Text(f"{row.checklist_id} {row.checklist_version}"),
                      f"{row.answered}/{row.to_answer}", (row.score or "").replace(".", mark),
                      f"{row.percent}%".replace(".", mark) if row.percent else "", Text(row.band or ""))
    console().print(table)
    return EXIT_OK


def _date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def command_import(args) -> int:
    from .answers import load_answers
    from .cli import _resolve
    from .problems import FileProblems
    from .scoring import score
    from .source import read

    try:
        inspection = read(args.file).data.get("inspection")
    except FileProblems as problems:
        print(problems.render(), file=sys.stderr)
        return EXIT_INVALID
    ref = inspection.get("checklist") if isinstance(inspection, dict) else None
    version = inspection.get("checklist_version") if isinstance(inspection, dict) else None
    if not isinstance(ref, str):
        ref = ""
    checklist = _resolve(ref, version if isinstance(version, str) else None)
    if checklist is None:
        return EXIT_INVALID
    try:
        parsed = load_answers(args.file, checklist)
    except FileProblems as problems:
        print(problems.render(), file=sys.stderr)
        return EXIT_INVALID
    try:
        store = open_store()
        inspection_id = store.create_inspection(checklist, parsed.info)
        result = score(checklist, parsed.answers, parsed.info.unit_type)
        store.import_answers(inspection_id, parsed.answers, parsed.findings, result)
    except StoreError as error:
        return _error(error.message())
    print(t("cli.imported", id=inspection_id, unit=parsed.info.unit, checklist=checklist.id,
            version=checklist.version, n=len(parsed.answers)))
    return EXIT_OK


def inspection_id(value: str) -> int | None:
    try:
        number = int(value)
    except ValueError:
        return None
    return number if number > 0 else None


def command_export(args) -> int:
    number = inspection_id(args.inspection)
    if number is None:
        return _error(t("cli.bad_id", value=args.inspection))
    output = Path(args.output)
    if output.exists() and not args.force:
        return _error(t("cli.exists", path=output))
    try:
        record = open_store().load(number)
    except StoreError as error:
        return _error(error.message())
    from .answers import answers_to_toml

    text = answers_to_toml(record.info, record.answers, record.checklist, record.findings)
    try:
        write_atomically(output, text.encode("utf-8"))
    except OSError as error:
        return _error(t("cli.write_failed", path=output, detail=error.strerror or error))
    print(t("cli.exported", path=output))
    return EXIT_OK


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target, then rename: a crash never leaves half a file under the real name."""
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
