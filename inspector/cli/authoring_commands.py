"""Checklist authoring commands: new, schema, spreadsheet import and export."""

from __future__ import annotations

import sys
from pathlib import Path

from inspector.cli.output import say, warn
from inspector.core.checks import CHECKLIST_ID_PATTERN
from inspector.core.i18n import os_error_text, t
from inspector.core.paths import user_checklist_dir

EXIT_OK, EXIT_INVALID = 0, 1


def _error(text: str) -> int:
    warn(f"inspector: {text}")
    return EXIT_INVALID


def _write(path: Path, data: bytes, force: bool) -> int | None:
    from inspector.core.files import write_atomically

    if path.exists() and not force:
        return _error(t("cli.exists", path=path))
    try:
        write_atomically(path, data)
    except OSError as error:
        return _error(t("cli.write_failed", path=path, detail=os_error_text(error)))
    return None


def command_new(args) -> int:
    from inspector.authoring.scaffold import scaffold_text

    if not CHECKLIST_ID_PATTERN.match(args.id):
        return _error(t("cli.bad_new_id", value=args.id, rule=t("rule.checklist_id")))
    path = Path(args.output) if args.output else user_checklist_dir() / f"{args.id}.toml"
    failed = _write(path, scaffold_text(args.id, path.name).encode("utf-8"), args.force)
    if failed is not None:
        return failed
    say(t("cli.created", path=path))
    return EXIT_OK


def command_schema(args) -> int:
    from inspector.authoring.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def command_import(args) -> int:
    from inspector.authoring.sheet import SheetProblems, checklist_from_xlsx

    try:
        checklist, text = checklist_from_xlsx(args.file)
    except SheetProblems as problems:
        warn(problems.render())
        return EXIT_INVALID
    path = Path(args.output) if args.output else user_checklist_dir() / f"{checklist.id}.toml"
    header = f"# Nhập từ {Path(args.file).name} bằng: inspector checklist import\n"
    failed = _write(path, (header + text).encode("utf-8"), args.force)
    if failed is not None:
        return failed
    say(t("cli.imported_checklist", path=path, id=checklist.id, version=checklist.version,
            n=len(checklist.criteria)))
    return EXIT_OK


def command_export(args) -> int:
    from inspector.authoring.sheet import checklist_to_xlsx
    from inspector.cli.resolve import resolve_checklist

    checklist = resolve_checklist(args.ref)
    if checklist is None:
        return EXIT_INVALID
    path = Path(args.output)
    failed = _write(path, checklist_to_xlsx(checklist), args.force)
    if failed is not None:
        return failed
    say(t("cli.exported", path=path))
    return EXIT_OK


def command_edit(args) -> int:
    """Open the interface on the editor: a file as given, or by id (a bundled one is copied first)."""
    from inspector.core.library import checklist_files
    from inspector.tui.app import run_app

    path = Path(args.ref)
    if path.suffix != ".toml" and not path.exists():
        found = [(p, origin) for p, origin in checklist_files() if p.stem == args.ref]
        if not found:
            from inspector.cli.resolve import resolve_checklist

            checklist = resolve_checklist(args.ref)  # prints why not (with a suggestion)
            if checklist is None:
                return EXIT_INVALID
            found = [(p, o) for p, o in checklist_files() if p.read_text(encoding="utf-8-sig") == checklist.source]
        path, origin = found[0]
        return run_app(args.lang, edit=(path, origin))
    return run_app(args.lang, edit=(path, "user"))
