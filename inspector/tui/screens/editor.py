"""The checklist editor: a tree of sections and criteria, a form for the selected one, validated as you type.

Thin over `inspector.authoring.document.ChecklistDocument`: every change goes into the comment-preserving document,
the same validator as the command line judges it, and saving refuses anything it refuses.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Checkbox,
    Input,
    Label,
    Select,
    Static,
    TextArea,
)

from inspector.core.glyphs import glyph, shown
from inspector.authoring.document import ChecklistDocument, sample_answers
from inspector.core import criterion_keys
from inspector.core.criteria import TYPE_NAMES
from inspector.core.criterion_keys import cell_text, keys_for, parse_cell
from inspector.core.i18n import decimal_mark, os_error_text, t
from inspector.core.model import (
    CHECK_OPERATORS,
    CRITERION_NA_POLICIES,
    EVIDENCE_POLICIES,
    Checklist,
)
from inspector.core.numbers import show
from inspector.core.problems import FileProblems, Msg, Problem
from inspector.core.scoring import score_criterion
from inspector.tui.bindings import localize
from inspector.tui.focus import focus_now
from inspector.tui.text import literal, printable
from inspector.tui.widgets.footer import Footer
from inspector.tui.widgets.linelist import LineList
from inspector.tui.widgets.title_bar import TitleBar

# Form fields: key → (widget kind, catalog label); a criterion's come from the registry.
CRITERION_FIELDS = {key.name: (key.widget, key.label) for key in criterion_keys.KEYS}
SECTION_FIELDS = {
    "id": ("input", "ed.id"), "title": ("input", "ed.title"), "kind": ("select", "ed.kind"),
    "min": ("number", "ed.section_min"), "max": ("number", "ed.section_max"), "description": ("text", "ed.description"),
}
FACT_FIELDS = {"id": ("input", "ed.id"), "label": ("input", "ed.label"), "unit": ("input", "ed.fact_unit"),
               "guidance": ("text", "ed.guidance")}
CHECK_FIELDS = {"id": ("input", "ed.id"), "label": ("input", "ed.label"), "left": ("input", "ed.left"),
                "op": ("select", "ed.op"), "right": ("input", "ed.right")}
# One form per kind of tree row: its widget-id prefix and fields.
FORMS = {"c": CRITERION_FIELDS, "s": SECTION_FIELDS, "f": FACT_FIELDS, "k": CHECK_FIELDS}
FORM_IDS = {"c": "criterion-form", "s": "section-form", "f": "fact-form", "k": "check-form"}
FACT_LISTS = ("left", "right")  # "a + b" in the form, a list of fact ids in the file


def prefix_of(path: tuple) -> str:
    """Which form edits the table at `path`."""
    if path[0] == "fact":
        return "f"
    if path[0] == "check":
        return "k"
    return "c" if len(path) == 4 else "s"


def choices(key: str) -> list[tuple[str, str]]:
    """A select's entries in the interface language: (what the user reads, what the file says)."""
    if key == "type":
        return [(t(f"ctype.{name}"), name) for name in TYPE_NAMES]
    if key == "evidence":
        return [(t(f"evidence.{name}"), name) for name in EVIDENCE_POLICIES]
    if key == "na":
        return [(t("ed.na_default"), "")] + [(t(f"policy.{name}"), name) for name in CRITERION_NA_POLICIES]
    if key == "op":
        return [(op, op) for op in CHECK_OPERATORS]
    return [(t("ed.kind_normal"), ""), (t("ed.kind_adjustment"), "adjustment")]


class EditorScreen(Screen):
    BINDINGS = [
        Binding("f2,ctrl+s", "save", "ui.save", id="save_checklist"),
        Binding("n", "add_criterion", "ed.key.add", id="add_criterion"),
        Binding("N", "add_section", "ed.key.add_section", id="add_section"),
        Binding("f", "add_entry('fact')", "ed.key.add_fact", id="add_fact"),
        Binding("k", "add_entry('check')", "ed.key.add_check", id="add_check"),
        Binding("d", "duplicate", "ed.key.duplicate", id="duplicate_criterion"),
        Binding("delete", "delete", "ed.key.delete", id="delete_item"),
        Binding("left_square_bracket", "move(-1)", "ed.key.up", id="move_up"),
        Binding("right_square_bracket", "move(1)", "ed.key.down", id="move_down"),
        Binding("u", "undo", "ed.key.undo", id="undo"),
        Binding("enter", "edit", "ed.key.edit", id="edit_item", show=False),
        Binding("escape", "back", "ui.back", id="back_editor"),
    ]

    def __init__(self, document: ChecklistDocument, path: Path):
        super().__init__()
        localize(self)
        self.document = document
        self.path = path
        self.checklist: Checklist | None = None
        self.problems: list[Problem] = []
        self.selected: tuple = ("section", 0)
        self.field_in_edit: str | None = None

    # ---- layout
    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="status")
        with Horizontal():
            yield LineList([], self.render_row, selectable=frozenset({"section", "criterion", "fact", "check"}),
                           id="tree")
            with VerticalScroll(id="form"):
                with Vertical(id="criterion-form", classes="group"):
                    yield from self.fields("c", CRITERION_FIELDS)
                    yield Label(t("ed.preview"), classes="heading")
                    yield Static(id="preview")
                with Vertical(id="section-form", classes="group"):
                    yield from self.fields("s", SECTION_FIELDS)
                with Vertical(id="fact-form", classes="group"):
                    yield from self.fields("f", FACT_FIELDS)
                    yield Static(id="fact-used-by", classes="muted")
                with Vertical(id="check-form", classes="group"):
                    yield from self.fields("k", CHECK_FIELDS)
        yield Footer()

    def fields(self, prefix: str, spec: dict) -> ComposeResult:
        for key, (kind, label) in spec.items():
            with Vertical(id=f"{prefix}-row-{key}", classes="group field"):
                if kind == "check":
                    yield Checkbox(t(label), id=f"{prefix}-{key}", compact=True)
                else:
                    yield Label(t(label), classes="heading")
                    if kind == "select":
                        yield Select(choices(key), id=f"{prefix}-{key}", allow_blank=False, compact=True)
                    elif kind == "text":
                        yield TextArea(id=f"{prefix}-{key}", soft_wrap=True, classes="field-text")
                    else:
                        yield Input(id=f"{prefix}-{key}", compact=True)
                yield Static("", id=f"{prefix}-error-{key}", classes="field-error")

    def on_mount(self) -> None:
        self.sub_title = printable(str(self.path))
        self.revalidate()
        self.rebuild_tree()
        focus_now(self.query_one(LineList))

    # ---- the tree
    def rebuild_tree(self, keep: tuple | None = None) -> None:
        rows = [("fact", f"f{i}") for i in range(len(self.document.entries("fact")))]
        rows += [("check", f"k{i}") for i in range(len(self.document.entries("check")))]
        for s, section in enumerate(self.document.sections):
            rows.append(("section", f"{s}"))
            rows.extend(("criterion", f"{s}.{c}") for c in range(len(section.get("criterion", []))))
        tree = self.query_one(LineList)
        keep = keep or self.selected
        tree.set_rows(rows, keep=self.row_id(keep))
        self.select(self.path_of(tree.rows[tree.cursor]) if rows else ("section", 0))

    @staticmethod
    def row_id(selected: tuple) -> str:
        if selected[0] in ("fact", "check"):
            return f"{selected[0][0] if selected[0] == 'fact' else 'k'}{selected[1]}"
        return f"{selected[1]}" if len(selected) == 2 else f"{selected[1]}.{selected[3]}"

    @staticmethod
    def path_of(row: tuple[str, str]) -> tuple:
        kind, ident = row
        if kind in ("fact", "check"):
            return (kind, int(ident[1:]))
        if kind == "section":
            return ("section", int(ident))
        s, c = ident.split(".")
        return ("section", int(s), "criterion", int(c))

    def render_row(self, kind: str, ident: str) -> Text:
        mark = decimal_mark()
        path = self.path_of((kind, ident))
        table = self.document.table(path)
        bad = any(p.path[: len(path)] == path and (kind != "section" or len(p.path) <= 3) for p in self.problems)
        if kind in ("fact", "check"):
            text = Text()
            text.append(f" {glyph('✗')} " if bad else ("#  " if kind == "fact" else "=  "), style="bold red" if bad else "cyan")
            text.append(literal(f"{table.get('id')} ", "bold"))
            text.append(literal(str(table.get("label", ""))))
            if kind == "fact" and table.get("unit"):
                text.append(literal(f" ({table.get('unit')})", "dim"))
        elif kind == "section":
            section = self.checklist.section(str(table.get("id"))) if self.checklist else None
            total = f"  {show(section.max_points, mark)}" if section is not None and not section.is_adjustment else ""
            text = literal(f"{table.get('id')}. {table.get('title', '')}{total}", "bold")
            if bad:
                text.append(f" {glyph('✗')}", style="bold red")
        else:
            maximum = table.get("max")
            text = Text()
            text.append(f" {glyph('✗')} " if bad else "   ", style="bold red")
            text.append(literal(f"{table.get('id')} ", "bold"))
            text.append(literal(str(table.get("title", ""))))
            if maximum is not None:
                text.append(f"  {str(maximum).replace('.', mark)}", style="dim")
        text.no_wrap, text.overflow = True, "ellipsis"
        return text

    def on_line_list_moved(self, message: LineList.Moved) -> None:
        tree = self.query_one(LineList)
        self.select(self.path_of(tree.rows[tree.cursor]))

    # ---- the form
    def select(self, path: tuple) -> None:
        self.selected = path
        self.field_in_edit = None
        prefix = prefix_of(path)
        for form_prefix, form_id in FORM_IDS.items():
            self.query_one(f"#{form_id}").display = form_prefix == prefix
        table = self.document.table(path)
        spec = FORMS[prefix]
        for key, (kind, _) in spec.items():
            shown = self.form_value(kind, key, table.get(key))
            if kind == "text":
                self.query_one(f"#{prefix}-{key}", TextArea).load_text(shown)
            else:
                self.query_one(f"#{prefix}-{key}").value = shown  # type: ignore[attr-defined]  # Input, Select or Checkbox
        if prefix == "f":
            self.show_fact_use(str(table.get("id")))
        self.show_fields()
        self.show_errors()

    def show_fact_use(self, fact_id: str) -> None:
        """Which criteria a figure feeds: a computed criterion's form shows its facts; a fact's, its criteria."""
        users = [c.id for c in self.checklist.computed_from(fact_id)] if self.checklist is not None else []
        self.query_one("#fact-used-by", Static).update(
            t("ed.fact_used_by", ids=", ".join(users)) if users else t("ed.fact_unused"))

    @staticmethod
    def form_value(kind: str, key: str, value):
        """What the field shows for a document value (also how a change is told from a refill)."""
        if key in FACT_LISTS:
            return " + ".join(str(v) for v in value) if isinstance(value, list) else str(value or "")
        if kind == "check":
            return bool(value)
        if kind == "select":
            return str(value) if value is not None else ("optional" if key == "evidence" else "")
        return cell_text(key, value)

    def show_fields(self) -> None:
        """Only the keys the selected criterion's type uses."""
        if self.selected[0] in ("fact", "check"):
            return
        if len(self.selected) != 4:
            kind = self.document.table(self.selected).get("kind")
            for key in ("min", "max"):
                self.query_one(f"#s-row-{key}").display = kind == "adjustment"
            return
        ctype = str(self.document.table(self.selected).get("type"))
        shown = keys_for(ctype) if ctype in criterion_keys.TYPES else tuple(CRITERION_FIELDS)
        for key in CRITERION_FIELDS:
            self.query_one(f"#c-row-{key}").display = key in shown

    def show_errors(self) -> None:
        prefix = prefix_of(self.selected)
        spec = FORMS[prefix]
        messages: dict[str, list[str]] = {}
        depth = len(self.selected)
        for p in self.problems:
            if p.path[:depth] == self.selected:
                key = p.path[depth] if len(p.path) > depth else "id"
                messages.setdefault(key if key in spec else "id", []).append(p.message())
        for key in spec:
            widget = self.query_one(f"#{prefix}-error-{key}", Static)
            text = "\n".join(messages.get(key, []))
            widget.update(literal(text))
            widget.set_class(bool(text), "shown")
        self.update_preview()
        self.update_status()

    def update_preview(self) -> None:
        preview = self.query_one("#preview", Static)
        if len(self.selected) != 4 or self.checklist is None:
            preview.update(Text(t("ed.preview_invalid"), style="dim"))
            return
        cid = str(self.document.table(self.selected).get("id"))
        c = self.checklist.criterion(cid)
        if c is None:
            preview.update(Text(t("ed.preview_invalid"), style="dim"))
            return
        lines = [score_criterion(c, answer).explanation for answer in sample_answers(c)]
        preview.update(literal("\n".join(lines) or t("exp.text")))

    def update_status(self) -> None:
        mark = decimal_mark()
        status = Text()
        version = self.document.doc.get("version", "")
        status.append(f"{self.document.doc.get('id', '')} {version}", style="bold")
        if self.checklist is not None:
            status.append(" │ " + t("ed.total", max=show(self.checklist.max_points, mark),
                                      n=len(self.checklist.criteria)))
            if self.selected[0] == "section":
                sid = str(self.document.sections[self.selected[1]].get("id"))
                section = self.checklist.section(sid)
                if section is not None and not section.is_adjustment:
                    status.append(" │ " + t("ed.section_total", id=sid, max=show(section.max_points, mark)))
            status.append(shown(" │ ✓ ") + t("ed.valid"), style="green")
        else:
            status.append(shown(" │ ✗ ") + t("ed.invalid", n=len(self.problems)), style="bold red")
        if self.document.text() != self.document.original_text:
            status.append(" │ " + t("ed.unsaved"), style="yellow")
        self.query_one("#status", Static).update(status)

    def revalidate(self) -> None:
        self.checklist, self.problems = self.document.validate()

    def after_edit(self, structure: bool = False, keep: tuple | None = None) -> None:
        self.revalidate()
        if structure:
            self.rebuild_tree(keep)
        else:
            self.query_one(LineList).refresh_all()
            self.show_fields()
            self.show_errors()

    # ---- typing into a field
    def field_of(self, widget) -> tuple[str, str] | None:
        ident = widget.id or ""
        for prefix in FORMS:
            start = f"{prefix}-"
            if ident.startswith(start) and not ident.startswith(f"{start}error") and not ident.startswith(f"{start}row"):
                return prefix, ident[2:]
        return None

    def apply(self, widget, value) -> None:
        """A field changed: into the document, unless it only shows what the document already holds
        (Changed messages also follow a refill of the form, a turn later)."""
        found = self.field_of(widget)
        if found is None or found[0] != prefix_of(self.selected):
            return
        prefix, key = found
        kind = FORMS[prefix][key][0]
        current = self.form_value(kind, key, self.document.table(self.selected).get(key))
        if (value if kind in ("check", "select") else str(value).strip()) == (
                current if kind in ("check", "select") else str(current).strip()):
            return
        error = self.query_one(f"#{prefix}-error-{key}", Static)
        try:
            parsed = self.parse(kind, key, value)
        except ValueError as problem:
            reason = problem.args[0] if problem.args else t("sheet.not_number", value=value)
            error.update(literal(reason.render() if isinstance(reason, Msg) else str(reason)))
            error.add_class("shown")
            return
        if key == "type" and prefix == "c":
            self.document.change_type(self.selected[1], self.selected[3], parsed)
            self.field_in_edit = None
            self.after_edit()
            self.select(self.selected)
            return
        remember = self.field_in_edit != f"{prefix}-{key}"
        self.field_in_edit = f"{prefix}-{key}"
        self.document.set_value(self.selected + (key,), parsed, remember=remember)
        self.after_edit()
        if prefix == "f":
            self.show_fact_use(str(self.document.table(self.selected).get("id")))

    @staticmethod
    def parse(kind: str, key: str, value):
        if key in FACT_LISTS:
            return [part.strip() for part in str(value).split("+") if part.strip()] or None
        if kind == "input" and key in criterion_keys.BY_NAME and criterion_keys.BY_NAME[key].kind != "text":
            text = str(value).strip()
            return parse_cell(key, text) or None if text else None
        if kind == "check":
            return True if value else None
        if kind == "number":
            text = str(value).strip()
            if not text:
                return None
            return parse_cell("max", text)
        if kind in ("text", "pair", "list"):
            text = str(value).strip()
            return parse_cell(key, text) if text else None
        if kind == "select":
            return value or None
        return value

    def on_input_changed(self, event: Input.Changed) -> None:
        self.apply(event.input, event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.apply(event.text_area, event.text_area.text)

    def on_select_changed(self, event: Select.Changed) -> None:
        self.apply(event.select, event.value)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.apply(event.checkbox, event.value)

    # ---- structure
    def current_indices(self) -> tuple[int, int | None]:
        if self.selected[0] != "section":  # a fact or a check: criteria go to the end of the first section
            return 0, len(self.document.criteria(0)) - 1 if self.document.sections else None
        return self.selected[1], (self.selected[3] if len(self.selected) == 4 else None)

    def action_add_entry(self, table: str) -> None:
        after = self.selected[1] if self.selected[0] == table else None
        index = self.document.add_entry(table, after)
        self.after_edit(structure=True, keep=(table, index))
        self.action_edit()

    def action_add_criterion(self) -> None:
        s, c = self.current_indices()
        s, c = self.document.add_criterion(s, c)
        self.after_edit(structure=True, keep=("section", s, "criterion", c))
        self.action_edit()

    def action_add_section(self) -> None:
        s = self.document.add_section(self.selected[1] if self.selected[0] == "section" else None)
        self.after_edit(structure=True, keep=("section", s))
        self.action_edit()

    def action_duplicate(self) -> None:
        if self.selected[0] != "section":
            return
        s, c = self.current_indices()
        if c is not None:
            s, c = self.document.duplicate_criterion(s, c)
            self.after_edit(structure=True, keep=("section", s, "criterion", c))

    def action_delete(self) -> None:
        if self.selected[0] in ("fact", "check"):
            table, index = self.selected
            self.document.delete_entry(table, index)
            remaining = len(self.document.entries(table))
            stay: tuple = (table, min(index, remaining - 1)) if remaining else ("section", 0)
            self.after_edit(structure=True, keep=stay)
            self.notify(t("ed.deleted"))
            return
        s, c = self.current_indices()
        if c is None:
            if len(self.document.sections) > 1:
                self.document.delete_section(s)
                self.after_edit(structure=True, keep=("section", max(0, s - 1)))
        else:
            self.document.delete_criterion(s, c)
            keep = ("section", s, "criterion", c - 1) if c > 0 else ("section", s)
            self.after_edit(structure=True, keep=keep)
        self.notify(t("ed.deleted"))

    def action_move(self, delta: int) -> None:
        if self.selected[0] != "section":
            return
        s, c = self.current_indices()
        if c is None:
            s = self.document.move_section(s, delta)
            self.after_edit(structure=True, keep=("section", s))
        else:
            s, c = self.document.move_criterion(s, c, delta)
            self.after_edit(structure=True, keep=("section", s, "criterion", c))

    def action_undo(self) -> None:
        if self.document.undo():
            self.field_in_edit = None
            self.after_edit(structure=True)
        else:
            self.notify(t("ed.nothing_to_undo"))

    def action_edit(self) -> None:
        prefix = prefix_of(self.selected)
        focus_now(self.query_one(f"#{prefix}-label" if prefix in ("f", "k") else f"#{prefix}-title"))

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("add_criterion", "add_section", "add_entry", "duplicate", "delete", "move", "undo", "edit"):
            return isinstance(self.focused, LineList) or self.focused is None
        return True

    # ---- saving and leaving
    def action_save(self) -> None:
        try:
            checklist, changes = self.document.save(self.path)
        except FileProblems as refused:
            self.problems = refused.problems
            self.query_one(LineList).refresh_all()
            self.show_errors()
            self.notify(t("ed.refused", n=len(refused.problems)), severity="error", timeout=10)
            return
        except OSError as error:
            self.notify(t("cli.write_failed", path=self.path, detail=os_error_text(error)), severity="error")
            return
        self.revalidate()
        self.update_status()
        from inspector.tui.screens.dialogs import MessageScreen

        body = "\n".join(changes) if changes else t("ed.no_changes")
        self.app.push_screen(MessageScreen(t("ed.saved", path=str(self.path), version=checklist.version), body))

    def action_back(self) -> None:
        if not isinstance(self.focused, LineList) and self.focused is not None:
            focus_now(self.query_one(LineList))
            return
        if self.document.text() == self.document.original_text:
            self.app.pop_screen()
            return
        from inspector.tui.screens.dialogs import ConfirmScreen

        def answer(leave: bool | None) -> None:
            if leave:
                self.app.pop_screen()

        self.app.push_screen(ConfirmScreen(t("ed.leave_unsaved")), answer)
