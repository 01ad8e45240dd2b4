"""Commands that read or write the local store: list, import, export."""

from __future__ import annotations

import sys

from inspector.cli.output import say, warn
from inspector.core.i18n import decimal_mark, os_error_text, t
from inspector.store.database import Store, StoreError

EXIT_OK, EXIT_INVALID = 0, 1


def refuse(text: str) -> int:
    """A command's refusal on stderr, prefixed as command-line tools do; the exit status that goes with it."""
    warn(f"inspector: {text}")
    return EXIT_INVALID


def open_store(writing: bool = False) -> Store:
    """The store, checked; a damaged or read-only one still lists and exports (with a warning on stderr)
    but refuses to be written."""
    store = Store(check=True)  # closed when the command lets go of it, which renews its integrity marker
    if store.read_only is not None:
        if writing:
            raise store.read_only
        warn(f"inspector: {store.read_only.message()}")
    return store


def csv_dialect(args) -> str:
    """--csv-dialect, else the config's csv_dialect ("vi": semicolons and 1,5; "en"/"excel": commas and 1.5)."""
    if args.csv_dialect:
        return "en" if args.csv_dialect == "excel" else args.csv_dialect
    from inspector.core.config import load_config

    return load_config().csv_dialect


def no_store_yet() -> bool:
    """No store on this laptop (and no restore waiting to finish): a read-only command has nothing to read, and
    must not create the data folder or an empty store to find that out."""
    from inspector.core.paths import data_dir
    from inspector.store.database import default_path
    from inspector.store.restore_journal import JOURNAL

    return not default_path().exists() and not (data_dir() / JOURNAL).exists()


def command_list(args) -> int:
    if no_store_yet():
        say(t("cli.no_inspections"))
        return EXIT_OK
    try:
        store = open_store()
        rows = with_progress(lambda progress: store.list_inspections(args.all, progress), "cli.rescoring", eager=False)
    except StoreError as error:
        return refuse(error.message())
    if not rows:
        say(t("cli.no_inspections"))
        return EXIT_OK
    from inspector.cli.output import table_lines, terminal_columns

    mark = decimal_mark()
    screen = terminal_columns()
    keys = ("col.number", "col.unit", "col.date", "col.checklist", "col.progress", "col.score", "col.percent",
            "col.band")
    cells = []
    for row in rows:
        unit = row.unit + (f" ({t('archived')})" if row.archived else "")
        cells.append([str(row.id), unit, row.shown_date, f"{row.checklist_id} {row.checklist_version}",
                      f"{row.answered}/{row.to_answer}", (row.score or "").replace(".", mark),
                      f"{row.percent}%".replace(".", mark) if row.percent else "", row.shown_band])
    # One line per inspection: on a narrow terminal the checklist and raw score give way (as on the home
    # screen), and the unit name takes what the other columns leave.
    shown = [i for i, key in enumerate(keys) if screen >= 110 or key not in ("col.checklist", "col.score")]
    widths = {i: max([len(t(keys[i]))] + [len(c[i]) for c in cells]) for i in shown}
    widths[1] = max(12, min(widths[1], screen - 1 - (sum(widths.values()) - widths[1]) - (len(shown) - 1)))
    right = {shown.index(i) for i in shown if keys[i] in ("col.number", "col.score", "col.percent")}
    lines = table_lines([t(keys[i]) for i in shown], [[c[i] for i in shown] for c in cells],
                        [widths[i] for i in shown], right)
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def command_import(args) -> int:
    if args.into:
        return _import_into(args)
    from inspector.cli.resolve import resolve_checklist
    from inspector.core.answers import build_answers
    from inspector.core.problems import FileProblems
    from inspector.core.source import read

    try:
        source = read(args.file)
        inspection = source.data.get("inspection")
    except FileProblems as problems:
        warn(problems.render())
        return EXIT_INVALID
    ref = inspection.get("checklist") if isinstance(inspection, dict) else None
    version = inspection.get("checklist_version") if isinstance(inspection, dict) else None
    if not isinstance(ref, str):
        ref = ""
    checklist = resolve_checklist(ref, version if isinstance(version, str) else None)
    if checklist is None:
        return EXIT_INVALID
    try:
        parsed = build_answers(source, checklist)
    except FileProblems as problems:
        warn(problems.render())
        return EXIT_INVALID
    try:
        store = open_store(writing=True)
        twins = [] if args.new else _campaign_twins(store, parsed.info, checklist)
        if len(twins) == 1:
            # A team member's part for a unit of a campaign on this laptop: it belongs in that inspection, so
            # that it travels in the member's bundle and merges with the others'.
            say(t("cli.import.into_campaign", id=twins[0]))
            args.into = str(twins[0])
            return _import_into(args)
        if len(twins) > 1:
            return refuse(t("cli.import.which", unit=parsed.info.unit, ids=", ".join(map(str, twins))))
        import hashlib

        sha = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
        before = store.imported_from(sha)
        if before is not None and not args.again:  # the same file twice is a slip, not a second inspection
            number, unit, archived = before
            return refuse(t("cli.import.twice", file=args.file, id=number, unit=unit,
                            archived=t("cli.import.archived") if archived else ""))
        inspection_id = store.create_inspection(checklist, parsed.info, parsed.answers, parsed.findings,
                                                  parsed.facts, source_sha=sha)
    except StoreError as error:
        return refuse(error.message())
    say(t("cli.imported", id=inspection_id, unit=parsed.info.unit, checklist=checklist.id,
            version=checklist.version, n=len(parsed.answers)))
    from inspector.cli.follow_up_notice import announce_follow_up

    try:
        announce_follow_up(store, inspection_id)
    except StoreError as error:
        warn(f"inspector: {error.message()}")
    return EXIT_OK


def _import_into(args) -> int:
    """An answer file's answers, figures and findings added to an inspection already in the store (a team
    member recording their part), checked against that inspection's pinned checklist."""
    from inspector.core.answer_data import findings_to_data
    from inspector.core.answers import build_answers
    from inspector.core.problems import FileProblems
    from inspector.core.source import read

    number = inspection_id(args.into)
    if number is None:
        return refuse(t("cli.bad_id", value=args.into))
    try:
        store = open_store(writing=True)
        record = store.load(number)
    except StoreError as error:
        return refuse(error.message())
    try:
        parsed = build_answers(read(args.file), record.checklist)
    except FileProblems as problems:
        warn(problems.render())
        return EXIT_INVALID
    if parsed.info.unit.casefold() != record.info.unit.casefold():
        return refuse(t("cli.import.other_unit", file=args.file, unit=parsed.info.unit, id=number,
                        expected=record.info.unit))
    written = findings_to_data(parsed.findings)
    answers = {cid: keep_unit_part(answer, record.answers.get(cid)) for cid, answer in parsed.answers.items()}
    visit = visit_details(record.info, parsed.info)
    try:
        store.import_answers(number, answers, None, facts=parsed.facts, checklist=record.checklist)
        if written:
            store.save_findings(number, parsed.findings, changed=tuple(written))
        if visit != record.info:
            store.update_info(number, visit)
    except StoreError as error:
        if error.key == "store.figures_break":  # the file's figures with those recorded: the rule every figure follows
            return refuse(t("cli.import.figures_break", file=args.file, id=number, detail=error.detail))
        return refuse(error.message())
    say(t("cli.imported_into", id=number, unit=record.info.unit, n=len(parsed.answers), facts=len(parsed.facts)))
    return EXIT_OK


VISIT_FIELDS = ("representatives", "absent", "start_time", "end_time", "minutes_number", "issuer")


def visit_details(info, given):
    """The inspection's header with what an answer file gives of the day itself (the unit's representatives,
    who was absent, the session times, the biên bản's number, the issuer): what the file leaves out is kept."""
    from inspector.core.record import evolve

    from inspector.core.model import Issuer

    changes = {key: getattr(given, key) for key in VISIT_FIELDS if getattr(given, key) not in ((), "", Issuer())}
    return evolve(info, **changes) if changes else info


def _campaign_twins(store, info, checklist) -> list[int]:
    """The campaign inspections this file is for: the same unit and pinned checklist version (the same day
    when the campaign plans that unit more than once)."""
    key = " ".join(info.unit.split()).casefold()
    found = [row for row in store.list_inspections() if row.campaign_id is not None and
             " ".join(row.unit.split()).casefold() == key and row.checklist_id == checklist.id and
             row.checklist_version == checklist.version]
    same_day = [row for row in found if row.date == info.date.isoformat()]
    return [row.id for row in (same_day if len(found) > 1 and same_day else found)]


def keep_unit_part(answer, before):
    """The team's answer from a file, keeping what the unit gave (self-score, its evidence, its explanation)
    where the file says nothing of it."""
    if before is None:
        return answer
    from inspector.core.record import evolve

    kept = {name: getattr(before, name) for name in ("self_score", "self_evidence", "explanation")
            if getattr(answer, name) in (None, (), "") and getattr(before, name) not in (None, (), "")}
    return evolve(answer, **kept) if kept else answer


def inspection_id(value: str) -> int | None:
    try:
        number = int(value)
    except ValueError:
        return None
    return number if number > 0 else None


def command_export(args) -> int:
    from inspector.exports import format_for, output_for
    from inspector.exports.common import DocumentProblem, Exported
    from inspector.exports.formats import format_named
    from inspector.exports.run import ExportLocked, ExportRefused, export, export_many

    if args.campaign:
        return _export_campaign(args)
    if format_named(args.format).campaign if args.format else False:
        return refuse(t("cli.export.report_needs_campaign"))
    args.format, mismatch = format_for(str(args.output), args.format)
    if mismatch:
        return refuse(mismatch)
    args.output = output_for(str(args.output), args.format)

    if args.format == "json":  # the record is signed with this laptop's key: open it first
        from inspector.core.identity import current

        identity = current()
        if identity is not None:
            from inspector.cli.signing import unlock

            try:
                unlock(identity)
            except StoreError as error:
                return refuse(error.message())
    numbers = []
    for value in args.inspections:
        number = inspection_id(value)
        if number is None:
            return refuse(t("cli.bad_id", value=value))
        numbers.append(number)
    try:
        store = open_store()
        if args.all:
            numbers = list(reversed(store.inspection_ids()))
        if not numbers:
            return refuse(t("cli.export.none") if args.all else t("cli.export.need_id"))
        if len(numbers) > 1 and format_named(args.format).render_many is None:
            return refuse(t("cli.export.many_ids", fmt=args.format))
        items = [] if len(numbers) > 1 else [Exported.of(store.load(numbers[0]))]
        if items and format_named(args.format).slow:  # a PDF takes seconds: show that something is happening
            path = with_progress(lambda progress: export(items, args.format, args.output, args.force))
        elif items:
            path = export(items, args.format, args.output, args.force, csv_dialect=csv_dialect(args))
        else:
            path = with_progress(lambda progress: export_many(store, numbers, args.format, args.output, args.force,
                                                               progress=progress, csv_dialect=csv_dialect(args)))
    except StoreError as error:
        return refuse(error.message())
    except ExportRefused as refused:
        return refuse(t("cli.exists", path=refused.path))
    except ExportLocked as locked:
        return refuse(t("cli.file_locked", path=locked.path))
    except DocumentProblem as broken:
        return refuse(broken.message())
    except OSError as error:
        return refuse(t("cli.write_failed", path=args.output, detail=os_error_text(error)))
    say(t("cli.exported", path=path))
    document = format_named(args.format)
    if document.blanks is not None and items:
        blanks = document.blanks(items[0])
        if blanks:
            warn(t("cli.blanks", items="; ".join(blank.render() for blank in blanks)))
    return EXIT_OK


def _export_campaign(args) -> int:
    """The báo cáo tổng hợp (DOCX or PDF), the ranking (XLSX), or one file per unit into a folder."""
    from inspector.exports import is_folder, suffix_fits
    from inspector.exports.common import DocumentProblem
    from inspector.exports.formats import claimed_by, format_named
    from inspector.exports.run import (
        ExportLocked,
        ExportRefused,
        export,
        load_all,
        write_retrying,
    )
    from inspector.store.campaigns import campaign_inspections, find_campaign

    output = str(args.output)
    named = claimed_by(output)  # bao-cao.pdf: the report as PDF; xep-hang.xlsx: the ranking; else the DOCX report
    fmt = args.format or (named.name if named is not None and named.render_campaign is not None else "report")
    try:
        store = open_store()
        stored = find_campaign(store, args.campaign)
        numbers = [row.id for row in campaign_inspections(store, stored.id)]
        if not numbers:
            return refuse(t("cli.export.none"))
        document = format_named(fmt)
        if document.render_campaign is not None and not is_folder(output) and not suffix_fits(fmt, output):
            return refuse(t("export.suffix_mismatch", path=output, claimed=named.name if named else "",
                            fmt=fmt, suffix=document.suffix))
        if document.render_campaign is not None:
            from pathlib import Path

            from inspector.exports.common import safe_filename
            from inspector.exports.consolidate import consolidate

            path = Path(output)
            if is_folder(output):  # a folder: the name is made from the campaign's
                path = path / f"{safe_filename(f'{document.campaign_stem}-{stored.campaign.name}')}{document.suffix}"
            if path.exists() and not args.force:
                return refuse(t("cli.exists", path=path))
            summary = consolidate(store, stored.id)
            render = document.render_campaign
            data = with_progress(lambda _: render(summary)) if document.slow else render(summary)
            write_retrying(path, data)
            say(t("cli.exported", path=path))
            if not summary.complete:
                warn(t("cli.export.campaign_partial"))
            return EXIT_OK
        if not is_folder(output):
            return refuse(t("cli.export.campaign_folder", fmt=fmt))
        items = load_all(store, numbers)
    except StoreError as error:
        return refuse(error.message())
    except DocumentProblem as broken:
        return refuse(broken.message())
    except ExportLocked as locked:
        return refuse(t("cli.file_locked", path=locked.path))
    except OSError as error:
        return refuse(t("cli.write_failed", path=args.output, detail=os_error_text(error)))
    slow = format_named(fmt).slow
    for item in items:
        try:
            if slow:  # a PDF per unit: seconds each
                path = with_progress(lambda _, item=item: export([item], fmt, output, args.force))
            else:
                path = export([item], fmt, output, args.force, csv_dialect=csv_dialect(args))
        except ExportRefused as refused:
            return refuse(t("cli.exists", path=refused.path))
        except DocumentProblem as broken:
            return refuse(broken.message())
        except (ExportLocked, OSError) as error:
            return refuse(t("cli.write_failed", path=args.output, detail=str(error)))
        say(t("cli.exported", path=path))
    return EXIT_OK


def with_progress(work, label: str = "cli.exporting", eager: bool = True, **params):
    """A progress bar on stderr (stdout stays clean for scripts); `work(progress)` reports (done, total).

    Nothing is drawn when stderr is not a terminal (a log or a pipe gets the messages, not the bar). An
    eager bar shows at once (work that cannot count its steps still shows it is busy); otherwise the bar,
    and Rich's import, wait for the first report (`list` rescoring a store after an update)."""
    if not sys.stderr.isatty():
        return work(lambda done, total: None)
    from inspector.core.progress import throttled

    shown: list = []

    def start():
        from rich.console import Console
        from rich.markup import escape
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TimeRemainingColumn,
        )

        from inspector.core.limits import visible

        bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                       TimeRemainingColumn(), console=Console(stderr=True), transient=True)
        bar.start()
        task = bar.add_task(escape(visible(t(label, **params), keep="")), total=None)  # a file name is not markup
        shown.append((bar, task))

    def report(done: int, total: int) -> None:
        if not shown:
            start()
        bar, task = shown[0]
        bar.update(task, completed=done, total=total)

    if eager:
        start()
    try:
        return work(throttled(report))
    finally:
        if shown:
            shown[0][0].stop()


def command_verify(args) -> int:
    from inspector.core.identity import fingerprint
    from inspector.core.problems import FileProblems
    from inspector.core.source import read_text
    from inspector.exports.jsonrecord import NotARecord, short_digest, verify
    from inspector.store.bundle import MAGIC, BundleRefused, read_bundle

    try:
        with open(args.file, "rb") as stream:
            is_bundle = stream.read(len(MAGIC) - 2) == MAGIC[:-2]
    except OSError:
        is_bundle = False
    if is_bundle:
        try:
            opened = read_bundle(args.file)
        except BundleRefused as refused:
            say(f"{args.file}: {refused.message()}")
            return EXIT_INVALID
        say(t("cli.bundle_intact", file=args.file, signer=opened.signer, fingerprint=opened.fingerprint))
        return EXIT_OK
    try:
        verdict = verify(read_text(args.file))
    except FileProblems as problems:
        return refuse(problems.render())
    except NotARecord as refused:
        where = f"{args.file}:{refused.line}" if refused.line else args.file
        return refuse(t("cli.not_record", file=where, detail=refused.reason.render()))
    if verdict.written != verdict.actual:
        say(t("cli.modified", file=args.file, written=short_digest(verdict.written),
              actual=short_digest(verdict.actual)))
        return EXIT_INVALID
    if verdict.signature_valid is False:
        say(t("cli.bad_signature", file=args.file, signer=verdict.signer))
        return EXIT_INVALID
    say(t("cli.intact", file=args.file, short=short_digest(verdict.written)))
    if verdict.signature_valid:
        say(t("cli.signed_by", signer=verdict.signer, fingerprint=fingerprint(verdict.key)))
    else:
        say(t("cli.unsigned"))
    return EXIT_OK
