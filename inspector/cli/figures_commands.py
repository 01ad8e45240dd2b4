"""`inspector figures`: the unit's figures read from the report its one-stop system prints.

`figures import FILE --into N` shows the preview (from the core) and saves only when confirmed: `--yes`,
or a yes typed at the terminal. `figures maps` lists the maps found.
"""

from __future__ import annotations

import sys

from inspector.cli.output import say, warn
from inspector.cli.store_commands import EXIT_INVALID, EXIT_OK, inspection_id, open_store, refuse
from inspector.core.i18n import t
from inspector.store.database import StoreError


def command_figures(args) -> int:
    if args.figures_command == "import":
        return _import(args)
    if args.figures_command == "maps":
        return _maps()
    args.parser.print_help()
    return EXIT_OK


def _maps() -> int:
    from inspector.core.figure_import.maps import all_maps, bundled_map_dir, user_map_dir

    maps, broken = all_maps()
    for figure_map in maps:
        origin = t("cli.figures.bundled") if figure_map.bundled else t("cli.figures.user")
        say(f"{figure_map.id}  {figure_map.title}  ({origin}: {figure_map.file})")
        say("    " + ", ".join(f"{f.fact} = " + " + ".join(f"({c})" if c.isdigit() else c for c in f.columns)
                               for f in figure_map.figures))
    for problems in broken:
        warn(problems.render())
    say(t("cli.figures.folders", user=user_map_dir(), bundled=bundled_map_dir()))
    return EXIT_INVALID if broken else EXIT_OK


def _import(args) -> int:
    from inspector.core.figure_import.grid import ImportRefused
    from inspector.core.figure_import.preview import prepare
    from inspector.core.figure_import.readers import path_from_text
    from inspector.store.imported_figures import save_imported_figures

    number = inspection_id(args.into)
    if number is None:
        return refuse(t("cli.bad_id", value=args.into))
    try:
        store = open_store(writing=True)
        record = store.load(number)
    except StoreError as error:
        return refuse(error.message())
    path = path_from_text(args.file)
    try:
        preview = prepare(path, record.checklist, record.facts, record.answers, record.info.unit_type,
                          args.map, args.sheet, record.info.facts_evidence, record.info.period_end)
    except ImportRefused as refused:
        return refuse(refused.message())
    for line in preview.lines():
        say(line)
    if not preview.changes:
        say(t("cli.figures.nothing_new"))
        return EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            say(t("cli.figures.confirm_with", command=_again(args)))
            return EXIT_OK
        try:
            answer = input(t("cli.figures.ask", n=len(preview.changes)))
        except EOFError:
            answer = ""
        if answer.strip().casefold() not in ("c", "có", "co", "y", "yes"):
            say(t("cli.figures.not_saved"))
            return EXIT_OK
    try:
        saved = save_imported_figures(store, number, preview, record.checklist, dict(record.answers))
    except StoreError as error:
        return refuse(error.message())
    say(t("figimp.saved", n=len(saved), file=preview.file_name, id=number))
    return EXIT_OK


def _again(args) -> str:
    import shlex

    parts = ["inspector", "figures", "import", args.file, "--into", str(args.into)]
    if args.map:
        parts += ["--map", args.map]
    if args.sheet:
        parts += ["--sheet", args.sheet]
    return " ".join(shlex.quote(p) for p in parts + ["--yes"])
