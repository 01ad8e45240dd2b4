"""Rich rendering for the command line. Checklist text is always wrapped in Text, never parsed as markup."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from inspector.cli.output import console, data
from inspector.core import describe
from inspector.core.describe import criterion_tags, rule_lines
from inspector.core.i18n import decimal_mark, t
from inspector.core.limits import visible
from inspector.core.model import Checklist, InspectionInfo
from inspector.core.numbers import show
from inspector.core.scoring import Result
from inspector.tui.text import tone_text

STATUS_STYLE = {"answered": "green", "na": "cyan", "unanswered": "yellow", "missing_evidence": "red"}


def _n(value) -> str:
    return show(value, decimal_mark())


def print_checklist_list() -> None:
    from inspector.core.library import all_checklists

    entries = all_checklists()
    out = console()
    if not entries:
        out.print(t("cli.no_checklists"))
        return
    table = Table(show_edge=False, header_style="bold")
    wide = out.width >= 110
    columns = ("col.id", "col.version", "col.title", "col.criteria", "col.max", "col.origin", "col.path") if wide \
        else ("col.id", "col.version", "col.title", "col.max", "col.origin")
    widths = {
        "col.id": max([len(e.id) for e in entries] + [len(t("col.id"))]),
        "col.version": max([len(e.checklist.version) for e in entries if e.checklist] + [len(t("col.version"))]),
        "col.criteria": len(t("col.criteria")), "col.max": len(t("col.max")),
        "col.origin": max(len(t("origin.user")), len(t("origin.bundled")), len(t("col.origin"))),
    }
    # One line per checklist: what the fixed columns leave goes to the title (and the path when wide).
    fixed = sum(widths[k] for k in columns if k in widths) + 3 * len(columns)
    room = max(16, out.width - fixed)
    widths["col.title"], widths["col.path"] = (room // 2, room - room // 2) if wide else (room, 0)
    for key in columns:
        table.add_column(t(key), no_wrap=True, overflow="ellipsis", width=widths[key])
    for entry in entries:
        cells: dict[str, Text | str] = {"col.id": data(entry.id), "col.origin": t(f"origin.{entry.origin}"),
                                        "col.path": data(str(entry.path))}
        if entry.checklist is None:
            cells.update({"col.version": "", "col.title": Text(t("cli.invalid_entry"), style="red"),
                          "col.criteria": "", "col.max": ""})
        else:
            c = entry.checklist
            cells.update({"col.version": data(c.version), "col.title": data(c.title),
                          "col.criteria": str(len(c.criteria)), "col.max": _n(c.max_points)})
        table.add_row(*(cells[k] for k in columns))
    out.print(table)
    if not wide:
        from inspector.core.paths import user_checklist_dir

        out.print(data(t("cli.user_folder", path=str(user_checklist_dir())), style="dim"), soft_wrap=True)


def print_checklist_tree(checklist: Checklist) -> None:
    title = data(f"{checklist.title} ", style="bold")
    title.append(visible(f"({checklist.id} {checklist.version})"), style="dim")
    tree = Tree(title)
    for section in checklist.sections:
        if section.is_adjustment:
            clamp = ""
            if section.min is not None or section.max is not None:
                clamp = t("show.clamp", min=_n(section.min) if section.min is not None else "−∞",
                          max=_n(section.max) if section.max is not None else "+∞")
            label = t("show.adjustment", id=section.id, title=section.title, clamp=clamp)
        else:
            label = t("show.section", id=section.id, title=section.title, max=_n(section.max_points))
        branch = tree.add(data(label, style="bold cyan"))
        for c in section.criteria:
            head = data(f"{c.id} ", style="bold")
            head.append(visible(c.title))
            head.append(visible(f"  [{'; '.join(criterion_tags(c, checklist.na))}]"), style="red" if c.critical else "dim")
            node = branch.add(head)
            for line in rule_lines(c):
                node.add(data(line))
            if c.basis:
                node.add(data(t("show.basis", basis="; ".join(c.basis)), style="dim"))
    out = console()
    out.print(tree)
    footer = [t("show.total", max=_n(checklist.max_points), n=len(checklist.criteria))]
    if checklist.bands:
        footer.append(t("show.bands", bands=", ".join(f"{b.label} ≥ {_n(b.min)}%" for b in checklist.bands)))
    out.print(data("\n".join(footer)))


def print_result(result: Result, info: InspectionInfo | None = None) -> None:
    out = console()
    heading = data(result.checklist.title, style="bold")
    if info is not None:
        heading.append(f"\n{t('sum.unit')}: ", style="dim")
        heading.append(visible(info.unit))
        heading.append(f"   {t('sum.date')}: ", style="dim")
        heading.append(info.date.strftime("%d/%m/%Y"))
    table = Table(show_edge=False, header_style="bold", expand=False)
    table.add_column(t("col.id"), no_wrap=True)
    table.add_column(t("col.criterion"), ratio=3)
    table.add_column(t("col.status"), no_wrap=True)
    table.add_column(t("col.score"), justify="right", no_wrap=True)
    table.add_column(t("col.max"), justify="right", no_wrap=True)
    table.add_column(t("col.explanation"), ratio=3)
    for s in result.sections:
        section_max = _n(s.applicable_max) if not s.section.is_adjustment else ""
        table.add_row(data(s.id, style="bold cyan"), data(s.section.title, style="bold cyan"), "",
                      Text(_n(s.score), style="bold"), section_max, "", end_section=False)
        for r in s.criteria:
            table.add_row(data(r.id), data(r.criterion.title), Text(t(f"status.{r.status}"), style=STATUS_STYLE[r.status]),
                          _n(r.score) if r.criterion.scored else "", _n(r.max) if r.criterion.scored and r.max else "",
                          data(r.explanation, style="dim"))
        table.add_section()
    out.print(heading)
    out.print(table)
    out.print(Group(*summary_lines(result)))


def summary_lines(result: Result) -> list[Text]:
    return [tone_text(line) for line in describe.summary_lines(result)]
