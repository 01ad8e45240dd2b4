"""The register of recommendations and the unit's self-assessment workbook, from the command line."""

from __future__ import annotations

import datetime as dt
import json
import sys

from inspector.cli.output import say, warn
from inspector.cli.store_commands import (
    EXIT_INVALID,
    EXIT_OK,
    inspection_id,
    open_store,
    refuse,
    with_progress,
)
from inspector.core.followup import figures_text, shown_day
from inspector.core.i18n import t
from inspector.store.database import StoreError


def command_recommendations(args) -> int:
    if args.rec_command == "set":
        return _set(args)
    from inspector.store.register import register

    try:
        entries = register(open_store(), unit=args.unit)
    except StoreError as error:
        return refuse(error.message())
    if args.overdue:
        entries = [e for e in entries if e.status == "qua_han"]
    if args.status:
        entries = [e for e in entries if e.status == args.status]
    if args.json:
        from inspector.core.followup import deadline_date

        data = []
        for e in entries:
            r = e.recommendation
            due = deadline_date(r.deadline)
            data.append({"ref": e.ref, "inspection": e.inspection_id, "unit": e.unit, "date": e.date,
                         "number": e.number, "text": r.text, "responsible": r.responsible, "deadline": r.deadline,
                         "deadline_date": due.isoformat() if due else None, "status": e.status,
                         "reported_by": r.reported_by, "reported_on": r.reported_on or None,
                         "evidence": list(r.evidence), "report": r.report})
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    if not entries:
        say(t("rec.none"))
        return EXIT_OK
    import shutil

    from inspector.cli.output import table_lines

    heads = [t("rec.col.ref"), t("col.unit"), t("col.date"), t("rec.col.text"), t("rec.col.deadline"),
             t("rec.col.status")]
    rows = [[e.ref, e.unit, shown_day(e.date), e.recommendation.text, e.recommendation.deadline,
             t(f"rec.status.{e.status}")] for e in entries]
    screen = shutil.get_terminal_size((120, 24)).columns
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads)]
    fixed = sum(w for i, w in enumerate(widths) if i not in (1, 3)) + len(heads) - 1
    room = max(24, screen - 1 - fixed)
    widths[1] = min(widths[1], max(12, room // 3))
    widths[3] = min(widths[3], max(12, room - widths[1]))
    sys.stdout.write("\n".join(table_lines(heads, rows, widths, {0})) + "\n")
    return EXIT_OK


def _ref(value: str) -> tuple[int, int] | None:
    inspection, _, number = value.partition(".")
    if not (inspection.isdigit() and number.isdigit()) or int(inspection) < 1 or int(number) < 1:
        return None
    return int(inspection), int(number)


def _set(args) -> int:
    from inspector.store.register import record_follow_up

    ref = _ref(args.ref)
    if ref is None:
        return refuse(t("rec.bad_ref", value=args.ref))
    on = None
    if args.date:
        try:
            on = dt.datetime.strptime(args.date, "%d/%m/%Y").date()
        except ValueError:
            return refuse(t("rec.bad_date", value=args.date))
    try:
        store = open_store(writing=True)
        updated, refreshed = record_follow_up(store, ref[0], ref[1], args.status, args.by or store.author,
                                              args.report or "", tuple(args.evidence or ()), on)
        say(t("rec.updated", ref=args.ref, text=updated.text, status=t(f"rec.status.{args.status}")))
        for later, changes in refreshed.items():
            say(t("rec.prefilled", id=later, figures=figures_text(changes)))
    except StoreError as error:
        return refuse(error.message())
    return EXIT_OK




def command_self_assessment(args) -> int:
    if args.target == "import":
        return _self_assessment_import(args)
    from pathlib import Path

    from inspector.core.files import write_atomically
    from inspector.exports.self_assessment import workbook_bytes

    number = inspection_id(args.target)
    if number is None:
        return refuse(t("sa.bad_target", value=args.target))
    if not args.output:
        return refuse(t("sa.need_output"))
    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        return refuse(t("sa.need_xlsx", path=output))
    if output.exists() and not args.force:
        return refuse(t("cli.exists", path=output))
    try:
        store = open_store()
        record = store.load(number)
        data = workbook_bytes(record, record.uid or store.uid(number))
    except StoreError as error:
        return refuse(error.message())
    try:
        write_atomically(output, data)
    except OSError as error:
        from inspector.core.i18n import os_error_text

        return refuse(t("cli.write_failed", path=output, detail=os_error_text(error)))
    say(t("sa.written", path=output, unit=record.info.unit, n=sum(1 for c in record.checklist.criteria if c.scored)))
    return EXIT_OK


def _self_assessment_import(args) -> int:
    from inspector.core.numbers import show
    from inspector.exports.self_assessment import (
        SelfAssessmentProblems,
        read_into_store,
    )

    if not args.file:
        return refuse(t("sa.need_file"))
    into = None
    if args.into:
        into = inspection_id(args.into)
        if into is None:
            return refuse(t("cli.bad_id", value=args.into))
    try:
        store = open_store(writing=True)
        number, applied = with_progress(lambda _: read_into_store(store, args.file, into), "sa.reading",
                                        file=args.file)
        unit = store.load(number).info.unit
    except SelfAssessmentProblems as refused:
        warn("\n".join(p.render(args.file) for p in refused.problems))
        return EXIT_INVALID
    except StoreError as error:
        return refuse(error.message())
    say(t("sa.imported", file=args.file, id=number, unit=unit, n=applied.answers, figures=applied.figures))
    for cid, recorded, offered in applied.kept:
        warn(t("sa.kept", id=cid, recorded=show(recorded), offered=show(offered)))
    return EXIT_OK
