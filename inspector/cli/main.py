"""The `inspector` command. Fast paths (score --json, validate) import neither Rich nor Textual."""

from __future__ import annotations

import json
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from inspector import __version__
from inspector.cli.output import say, warn
from inspector.core.i18n import LANGUAGES, set_language, t

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_CRASH = 0, 1, 2, 70
TEAM_COMMANDS = ("key", "campaign", "bundle", "merge", "conflicts", "resolve", "backup", "restore")
FOLLOW_UP_COMMANDS = {"recommendations": "command_recommendations", "self-assessment": "command_self_assessment"}
PHOTO_COMMANDS = ("evidence", "receive")


def _early_language(argv: list[str]) -> None:
    """Pick the language before building the parser, so help text is translated too.

    Order: --lang, then INSPECTOR_LANG, then the config file, then Vietnamese.
    """
    from inspector.core.config import load_config

    config = load_config()
    lang = config.lang  # INSPECTOR_LANG already chosen over the file
    from inspector.core.glyphs import console_shows_symbols, set_plain

    set_plain(config.ascii if config.ascii is not None else not console_shows_symbols())  # before UTF-8 is forced
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    if lang in LANGUAGES:
        set_language(lang)


class _Skipped:
    """What a command's parser is while another command is being read: accepts every call, builds nothing."""

    def __getattr__(self, name: str):
        return self._anything

    def _anything(self, *args, **kwargs) -> "_Skipped":
        return self


class _OneCommand:
    """The top-level subparsers, building the parser of one command only (`only`), or of all when None."""

    def __init__(self, commands, only: str | None):
        self.commands, self.only, self.built = commands, only, False

    def add_parser(self, name: str, **kwargs):
        if self.only is not None and name != self.only:
            return _Skipped()
        self.built = True
        return self.commands.add_parser(name, **kwargs)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `only`, just that command's (argparse formats every argument's help
    as it is added: the forty commands cost 8 ms, a tenth of a cold `score --json`)."""
    parser, built = _build_parser(only)
    return parser if built or only is None else _build_parser(None)[0]


def _build_parser(only: str | None) -> tuple[argparse.ArgumentParser, bool]:
    from inspector.core.paths import data_dir

    from inspector.cli import argparse_vi

    parser = argparse_vi.Parser(prog="inspector", description=t("cli.description"),
                                epilog=t("cli.epilog", home=data_dir()))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.lang"))
    parser.add_argument("--debug", action="store_true", help=t("cli.debug"))
    parser.add_argument("--version", action="version", version=f"inspector {__version__}", help=t("cli.version"))
    chosen = _OneCommand(parser.add_subparsers(dest="command", metavar=t("cli.metavar.command")), only)
    commands: Any = chosen

    checklist = commands.add_parser("checklist", help=t("cli.checklist"), description=t("cli.checklist"))
    checklist_commands = checklist.add_subparsers(dest="checklist_command", metavar=t("cli.metavar.command"))
    validate = checklist_commands.add_parser("validate", help=t("cli.validate"), description=t("cli.validate"))
    validate.add_argument("files", nargs="+", metavar=t("cli.metavar.file"), help=t("cli.validate.files"))
    checklist_commands.add_parser("list", help=t("cli.list"), description=t("cli.list"))
    show = checklist_commands.add_parser("show", help=t("cli.show"), description=t("cli.show"))
    show.add_argument("ref", metavar=t("cli.metavar.ref"), help=t("cli.show.ref"))
    new = checklist_commands.add_parser("new", help=t("cli.new"), description=t("cli.new"))
    new.add_argument("id", metavar=t("cli.metavar.id"), help=t("cli.new.id"))
    new.add_argument("-o", "--output", metavar=t("cli.metavar.file"), help=t("cli.new.output"))
    new.add_argument("--force", action="store_true", help=t("cli.export.force"))
    checklist_commands.add_parser("schema", help=t("cli.schema"), description=t("cli.schema"))
    edit = checklist_commands.add_parser("edit", help=t("cli.edit"), description=t("cli.edit"))
    edit.add_argument("ref", metavar=t("cli.metavar.ref"), help=t("cli.show.ref"))
    sheet_in = checklist_commands.add_parser("import", help=t("cli.sheet_import"), description=t("cli.sheet_import"))
    sheet_in.add_argument("file", metavar=t("cli.metavar.xlsx"), help=t("cli.sheet.file"))
    sheet_in.add_argument("-o", "--output", metavar=t("cli.metavar.file"), help=t("cli.new.output"))
    sheet_in.add_argument("--force", action="store_true", help=t("cli.export.force"))
    sheet_out = checklist_commands.add_parser("export", help=t("cli.sheet_export"), description=t("cli.sheet_export"))
    sheet_out.add_argument("ref", metavar=t("cli.metavar.ref"), help=t("cli.show.ref"))
    sheet_out.add_argument("--format", choices=("xlsx",), default="xlsx", help=t("cli.export.format"))
    sheet_out.add_argument("-o", "--output", metavar=t("cli.metavar.file"), required=True, help=t("cli.export.output"))
    sheet_out.add_argument("--force", action="store_true", help=t("cli.export.force"))
    checklist.set_defaults(parser=checklist)

    score = commands.add_parser("score", help=t("cli.score"), description=t("cli.score"))
    score.add_argument("checklist", metavar=t("cli.metavar.checklist"), help=t("cli.score.checklist"))
    score.add_argument("answers", metavar=t("cli.metavar.answers"), help=t("cli.score.answers"))
    score.add_argument("--json", action="store_true", help=t("cli.score.json"))

    listing = commands.add_parser("list", help=t("cli.list_inspections"), description=t("cli.list_inspections"))
    listing.add_argument("--all", action="store_true", help=t("cli.list.all"))

    importing = commands.add_parser("import", help=t("cli.import"), description=t("cli.import"))
    importing.add_argument("file", metavar=t("cli.metavar.file"), help=t("cli.import.file"))
    importing.add_argument("--into", metavar=t("cli.metavar.inspection"), help=t("cli.import.into"))
    importing.add_argument("--new", action="store_true", help=t("cli.import.new"))
    importing.add_argument("--again", action="store_true", help=t("cli.import.again"))

    if only in (None, "export"):  # its formats are the exports' own list: imported only for it
        from inspector.exports.formats import for_campaign, for_one

        export = commands.add_parser("export", help=t("cli.export"), description=t("cli.export"))
        export.add_argument("inspections", metavar=t("cli.metavar.inspection"), nargs="*", help=t("cli.export.id"))
        export.add_argument("--all", action="store_true", help=t("cli.export.all"))
        export.add_argument("--campaign", metavar=t("cli.metavar.campaign"), help=t("cli.export.campaign"))
        export.add_argument("--format", choices=for_one() + for_campaign(), default=None, help=t("cli.export.format"))
        export.add_argument("-o", "--output", metavar=t("cli.metavar.path"), required=True, help=t("cli.export.output"))
        export.add_argument("--force", action="store_true", help=t("cli.export.force"))
        export.add_argument("--csv-dialect", choices=("vi", "en", "excel"), default=None, help=t("cli.export.csv_dialect"))

    verify = commands.add_parser("verify", help=t("cli.verify"), description=t("cli.verify"))
    verify.add_argument("file", metavar=t("cli.metavar.file"), help=t("cli.verify.file"))
    config = commands.add_parser("config", help=t("cli.config"), description=t("cli.config"))
    config_commands = config.add_subparsers(dest="config_command", metavar=t("cli.metavar.command"))
    setting = config_commands.add_parser("set", help=t("cli.config.set"), description=t("cli.config.set"))
    setting.add_argument("key", metavar=t("cli.metavar.key"), help=t("cli.config.key"))
    setting.add_argument("value", metavar=t("cli.metavar.value"), help=t("cli.config.value"))
    unsetting = config_commands.add_parser("unset", help=t("cli.config.unset"), description=t("cli.config.unset"))
    unsetting.add_argument("key", metavar=t("cli.metavar.key"), help=t("cli.config.key"))
    _team_parsers(commands)
    _follow_up_parsers(commands)
    _figures_parsers(commands)
    return parser, chosen.built


def _figures_parsers(commands) -> None:
    """The unit's figures read from the report of its one-stop system."""
    figures = commands.add_parser("figures", help=t("cli.figures"), description=t("cli.figures.about"))
    figures_commands = figures.add_subparsers(dest="figures_command", metavar=t("cli.metavar.command"))
    reading = figures_commands.add_parser("import", help=t("cli.figures.import"),
                                          description=t("cli.figures.import.about"))
    reading.add_argument("file", metavar=t("cli.metavar.file"), help=t("cli.figures.file"))
    reading.add_argument("--into", metavar=t("cli.metavar.inspection"), required=True, help=t("cli.figures.into"))
    reading.add_argument("--map", metavar=t("cli.metavar.map"), help=t("cli.figures.map"))
    reading.add_argument("--sheet", metavar=t("cli.metavar.sheet"), help=t("cli.figures.sheet"))
    reading.add_argument("--yes", action="store_true", help=t("cli.figures.yes"))
    figures_commands.add_parser("maps", help=t("cli.figures.maps"), description=t("cli.figures.maps"))
    figures.set_defaults(parser=figures)


def _follow_up_parsers(commands) -> None:
    """Before and after the visit: the unit's self-assessment workbook, the register of recommendations."""
    sa = commands.add_parser("self-assessment", help=t("cli.sa"), description=t("cli.sa.about"))
    sa.add_argument("target", metavar=t("cli.metavar.inspection_or_import"), help=t("cli.sa.target"))
    sa.add_argument("file", metavar=t("cli.metavar.xlsx"), nargs="?", help=t("cli.sa.file"))
    sa.add_argument("-o", "--output", metavar=t("cli.metavar.xlsx"), help=t("cli.sa.output"))
    sa.add_argument("--into", metavar=t("cli.metavar.inspection"), help=t("cli.sa.into"))
    sa.add_argument("--force", action="store_true", help=t("cli.export.force"))

    rec = commands.add_parser("recommendations", help=t("cli.rec"), description=t("cli.rec.about"))
    rec.add_argument("--overdue", action="store_true", help=t("cli.rec.overdue"))
    rec.add_argument("--status", choices=("chua", "dang", "da", "qua_han"), help=t("cli.rec.status"))
    rec.add_argument("--unit", metavar=t("cli.metavar.unit"), help=t("cli.rec.unit"))
    rec.add_argument("--json", action="store_true", help=t("cli.rec.json"))
    rec_commands = rec.add_subparsers(dest="rec_command", metavar=t("cli.metavar.command"))
    mark = rec_commands.add_parser("set", help=t("cli.rec.set"), description=t("cli.rec.set"))
    mark.add_argument("ref", metavar=t("cli.metavar.number"), help=t("cli.rec.ref"))
    mark.add_argument("--status", choices=("chua", "dang", "da"), required=True, help=t("cli.rec.new_status"))
    mark.add_argument("--by", metavar=t("cli.metavar.name"), help=t("cli.rec.by"))
    mark.add_argument("--report", metavar=t("cli.metavar.text"), help=t("cli.rec.report"))
    mark.add_argument("--evidence", metavar=t("cli.metavar.document"), action="append", help=t("cli.rec.evidence"))
    mark.add_argument("--date", metavar=t("cli.metavar.date"), help=t("cli.rec.date"))


def _team_parsers(commands) -> None:
    """Keys, campaigns, bundles, merge, conflicts, backup: the team's commands."""
    key = commands.add_parser("key", help=t("cli.key"), description=t("cli.key.about"))
    key_commands = key.add_subparsers(dest="key_command", metavar=t("cli.metavar.command"))
    key_new = key_commands.add_parser("new", help=t("cli.key.new"), description=t("cli.key.new"))
    key_new.add_argument("--name", required=True, metavar=t("cli.metavar.name"), help=t("cli.key.name"))
    key_new.add_argument("--force", action="store_true", help=t("cli.key.force"))
    key_new.add_argument("--no-passphrase", action="store_true", help=t("cli.key.no_passphrase"))
    key_commands.add_parser("show", help=t("cli.key.show"), description=t("cli.key.show"))
    key.set_defaults(parser=key)

    campaign = commands.add_parser("campaign", help=t("cli.campaign"), description=t("cli.campaign.about"))
    campaign_commands = campaign.add_subparsers(dest="campaign_command", metavar=t("cli.metavar.command"))
    example = campaign_commands.add_parser("example", help=t("cli.campaign.example"),
                                           description=t("cli.campaign.example"))
    example.add_argument("-o", "--output", metavar=t("cli.metavar.file"), help=t("cli.new.output"))
    example.add_argument("--force", action="store_true", help=t("cli.export.force"))
    create = campaign_commands.add_parser("new", help=t("cli.campaign.new"), description=t("cli.campaign.new"))
    create.add_argument("file", metavar=t("cli.metavar.toml"), help=t("cli.campaign.file"))
    campaign_commands.add_parser("list", help=t("cli.campaign.list"), description=t("cli.campaign.list"))
    show = campaign_commands.add_parser("show", help=t("cli.campaign.show"), description=t("cli.campaign.show"))
    show.add_argument("campaign", metavar=t("cli.metavar.campaign"), help=t("cli.campaign.ref"))
    set_key = campaign_commands.add_parser("key", help=t("cli.campaign.key"), description=t("cli.campaign.key"))
    set_key.add_argument("campaign", metavar=t("cli.metavar.campaign"), help=t("cli.campaign.ref"))
    set_key.add_argument("member", metavar=t("cli.metavar.name"), help=t("cli.campaign.member"))
    set_key.add_argument("key", metavar=t("cli.metavar.key_or_file"), help=t("cli.campaign.key_value"))
    campaign.set_defaults(parser=campaign)
    assign = campaign_commands.add_parser("assign", help=t("cli.campaign.assign"), description=t("cli.campaign.assign"))
    assign.add_argument("campaign", metavar=t("cli.metavar.campaign"), help=t("cli.campaign.ref"))
    assign.add_argument("member", metavar=t("cli.metavar.name"), help=t("cli.campaign.member"))
    assign.add_argument("parts", metavar=t("cli.metavar.section"), help=t("cli.campaign.parts"))

    bundle = commands.add_parser("bundle", help=t("cli.bundle"), description=t("cli.bundle.about"))
    bundle.add_argument("inspections", metavar=t("cli.metavar.inspection"), nargs="*", help=t("cli.export.id"))
    bundle.add_argument("--campaign", metavar=t("cli.metavar.campaign"), help=t("cli.bundle.campaign"))
    bundle.add_argument("--for", dest="member", metavar=t("cli.metavar.name"), help=t("cli.bundle.member"))
    bundle.add_argument("-o", "--output", metavar=t("cli.metavar.file"), required=True, help=t("cli.bundle.output"))
    bundle.add_argument("--force", action="store_true", help=t("cli.export.force"))

    merge = commands.add_parser("merge", help=t("cli.merge"), description=t("cli.merge.about"))
    merge.add_argument("files", metavar=t("cli.metavar.file"), nargs="+", help=t("cli.merge.files"))

    conflicts = commands.add_parser("conflicts", help=t("cli.conflicts"), description=t("cli.conflicts"))
    conflicts.add_argument("inspection", metavar=t("cli.metavar.inspection"), nargs="?", help=t("cli.export.id"))

    resolve = commands.add_parser("resolve", help=t("cli.resolve"), description=t("cli.resolve.about"))
    resolve.add_argument("conflict", metavar=t("cli.metavar.conflict"), type=int, nargs="?",
                         help=t("cli.resolve.number"))
    resolve.add_argument("--take", metavar=t("cli.metavar.take"), type=int, help=t("cli.resolve.take"))
    resolve.add_argument("--member", metavar=t("cli.metavar.name"), help=t("cli.resolve.member"))
    resolve.add_argument("--section", metavar=t("cli.metavar.section"), action="append", default=[],
                         help=t("cli.resolve.section"))
    resolve.add_argument("--inspection", metavar=t("cli.metavar.inspection"), help=t("cli.resolve.inspection"))
    resolve.add_argument("--campaign", metavar=t("cli.metavar.campaign"), help=t("cli.resolve.campaign"))
    resolve.add_argument("--yes", action="store_true", help=t("cli.resolve.yes"))

    backup = commands.add_parser("backup", help=t("cli.backup"), description=t("cli.backup"))
    backup.add_argument("-o", "--output", metavar=t("cli.metavar.file"), required=True, help=t("cli.backup.output"))
    backup.add_argument("--force", action="store_true", help=t("cli.export.force"))
    restore = commands.add_parser("restore", help=t("cli.restore"), description=t("cli.restore.about"))
    restore.add_argument("file", metavar=t("cli.metavar.file"), help=t("cli.restore.file"))
    restore.add_argument("--force", action="store_true", help=t("cli.restore.force"))
    restore.add_argument("--replace-key", action="store_true", help=t("cli.restore.replace_key"))
    _photo_parsers(commands)


def _photo_parsers(commands) -> None:
    evidence = commands.add_parser("evidence", help=t("cli.evidence"), description=t("cli.evidence"))
    evidence_commands = evidence.add_subparsers(dest="evidence_command", metavar=t("cli.metavar.command"))
    photos = evidence_commands.add_parser("import", help=t("cli.evidence.import"), description=t("cli.evidence.import"))
    photos.add_argument("folder", metavar=t("cli.metavar.folder"), help=t("cli.evidence.folder"))
    photos.add_argument("--into", metavar=t("cli.metavar.n"), required=True, help=t("cli.evidence.into"))
    photos.add_argument("--assign", metavar=t("cli.metavar.assign"), action="append", help=t("cli.evidence.assign"))
    photos.add_argument("--yes", action="store_true", help=t("cli.evidence.yes"))
    evidence.set_defaults(parser=evidence)
    receive = commands.add_parser("receive", help=t("cli.receive"), description=t("cli.receive"))
    receive.add_argument("inspection", metavar=t("cli.metavar.n"), help=t("cli.receive.inspection"))
    receive.add_argument("--bind", metavar=t("cli.metavar.address"), help=t("cli.receive.bind"))
    receive.add_argument("--port", metavar=t("cli.metavar.port"), type=int, default=8765, help=t("cli.receive.port"))
    receive.add_argument("--minutes", metavar=t("cli.metavar.minutes"), type=float, help=t("cli.receive.minutes"))
    receive.add_argument("--criterion", metavar=t("cli.metavar.id"), help=t("cli.receive.criterion"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _early_language(argv)
    _utf8_streams()
    args: Any = _plain_list(argv)  # the parser's Namespace, or (for the plainest command lines) its like
    if args is None:
        from inspector.cli import argparse_vi

        argparse_vi.install()
        args = build_parser(_command_word(argv)).parse_args(argv)
    if args.lang:
        set_language(args.lang)
    try:
        return _run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the last net: a log, one sentence, never a bare traceback
        from inspector.core.crashlog import command_words, crash_message, debug_text

        if args.debug:
            warn(debug_text(error))
        warn(f"inspector: {crash_message(error, command_words(argv))}")
        return EXIT_CRASH


def _command_word(argv: list[str]) -> str | None:
    """The command a command line names (its first word that is no option or option's value), or None
    when it names none or asks for the top-level help: then every command's parser is built."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("-"):
            return word
        elif word in ("-", "--", "-h", "--help", "--version") or word[1:2].isdigit():
            return None  # help, or what argparse reads as an argument ("-", "-5", after "--"): it says which
    return None


def _plain_list(argv: list[str]) -> SimpleNamespace | None:
    """The plainest command lines as the parser reads them, without argparse (its import and the parser: a
    tenth of listing a province's 3,321 inspections, 4% of the interface's start, 5% of a cold `score`):
    `inspector` alone (the interface), `list`, `list --all`, `score CHECKLIST ANSWERS [--json]`. Anything
    else (an option more, a word that looks like an option, help): None, and argparse reads it."""
    if not argv:
        return SimpleNamespace(lang=None, debug=False, command=None)
    if argv in (["list"], ["list", "--all"]):
        return SimpleNamespace(lang=None, debug=False, command="list", all=len(argv) == 2)
    if argv[0] == "score" and len(argv) in (3, 4) and (len(argv) == 3 or argv[3] == "--json"):
        checklist, answers = argv[1], argv[2]
        if checklist and answers and not checklist.startswith("-") and not answers.startswith("-"):
            return SimpleNamespace(lang=None, debug=False, command="score", checklist=checklist, answers=answers,
                                   json=len(argv) == 4)
    return None


def _run(args) -> int:
    if args.command == "checklist":
        return _checklist(args)
    if args.command == "score":
        return _score(args)
    if args.command in ("list", "import", "export", "verify"):
        from inspector.cli import store_commands

        return getattr(store_commands, f"command_{args.command}")(args)
    if args.command in FOLLOW_UP_COMMANDS:
        from inspector.cli import followup_commands

        return getattr(followup_commands, FOLLOW_UP_COMMANDS[args.command])(args)
    if args.command == "config":
        from inspector.cli.config_commands import command_config

        return command_config(args)
    if args.command == "figures":
        from inspector.cli import figures_commands

        return figures_commands.command_figures(args)
    if args.command in PHOTO_COMMANDS:
        from inspector.cli import photo_commands

        return getattr(photo_commands, f"command_{args.command}")(args)
    if args.command in TEAM_COMMANDS:
        from inspector.cli import team_commands

        return getattr(team_commands, f"command_{args.command}")(args)
    from inspector.tui.app import run_app

    return run_app(args.lang, debug=args.debug)


def _utf8_streams() -> None:
    # Windows consoles default to a legacy code page; Vietnamese needs UTF-8.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):
                pass


def _errors(text: str) -> None:
    warn(text)


def _checklist(args) -> int:
    if args.checklist_command == "validate":
        return _validate(args.files)
    if args.checklist_command == "list":
        from inspector.cli.render import print_checklist_list

        print_checklist_list()
        return EXIT_OK
    if args.checklist_command == "show":
        from inspector.cli.resolve import resolve_checklist

        checklist = resolve_checklist(args.ref)
        if checklist is None:
            return EXIT_INVALID
        from inspector.cli.render import print_checklist_tree

        print_checklist_tree(checklist)
        return EXIT_OK
    if args.checklist_command in ("new", "schema", "import", "export", "edit"):
        from inspector.cli import authoring_commands

        return getattr(authoring_commands, f"command_{args.checklist_command}")(args)
    args.parser.print_help()
    return EXIT_OK


def _validate(files: list[str]) -> int:
    from inspector.core.checklist import load_checklist
    from inspector.core.i18n import decimal_mark
    from inspector.core.numbers import show
    from inspector.core.problems import FileProblems

    status = EXIT_OK
    for file in files:
        try:
            checklist = load_checklist(file)
        except FileProblems as problems:
            _errors(problems.render())
            status = EXIT_INVALID
            continue
        say(t("cli.valid", file=file, id=checklist.id, version=checklist.version,
                criteria=len(checklist.criteria), max=show(checklist.max_points, decimal_mark())))
    return status


def _score(args) -> int:
    from inspector.cli.resolve import resolve_checklist
    from inspector.core.answers import build_answers
    from inspector.core.problems import FileProblems
    from inspector.core.scoring import score
    from inspector.core.source import read

    # Read the answers' pinned version first, so an id picks the matching copy of the checklist.
    version = None
    try:
        source = read(args.answers)
        inspection = source.data.get("inspection")
        if isinstance(inspection, dict) and isinstance(inspection.get("checklist_version"), str):
            version = inspection["checklist_version"]
    except FileProblems as problems:
        _errors(problems.render())
        return EXIT_INVALID
    checklist = resolve_checklist(args.checklist, version)
    if checklist is None:
        return EXIT_INVALID
    try:
        answers = build_answers(source, checklist)
    except FileProblems as problems:
        _errors(problems.render())
        return EXIT_INVALID
    result = score(checklist, answers.answers, answers.info.unit_type, answers.facts, answers.info.facts_evidence,
                   answers.info.period_end)
    if args.json:
        from inspector.core.serialize import result_to_dict

        json.dump(result_to_dict(result, answers.info), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    from inspector.cli.render import print_result

    print_result(result, answers.info)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
