"""Editing a checklist file while keeping what its author wrote: comments, key order, layout.

The file is held as a tomlkit document (a comment-preserving TOML writer); every edit changes that
document in place and pushes the previous text on an undo stack. Validation always goes through the
same validator as `inspector checklist validate`, so a saved file is never one it refuses.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import tomlkit
from tomlkit.items import AoT, Table

from inspector.core import criterion_keys
from inspector.core.checklist import checklist_from_text
from inspector.core.i18n import decimal_mark, t
from inspector.core.limits import clean_text
from inspector.core.model import Checklist
from inspector.core.numbers import show
from inspector.core.problems import FileProblems, Problem


def bump_version(version: str) -> str:
    """2025.1 → 2025.2; 3 → 4; draft → draft.1."""
    match = re.search(r"(\d+)$", version)
    if not match:
        return f"{version}.1" if version else "1"
    return version[: match.start()] + str(int(match.group(1)) + 1)


def _item(value):
    """Python data → tomlkit items; lists of tables become inline tables (as authors write steps)."""
    if isinstance(value, dict):
        table = tomlkit.inline_table()
        for key, child in value.items():
            table[key] = _item(child)
        return table
    if isinstance(value, list):
        array = tomlkit.array()
        for child in value:
            array.append(_item(child))
        if any(isinstance(child, dict) for child in value) and len(value) > 1:
            array.multiline(True)
        return array
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return clean_text(value)  # typed or pasted: Word's line break becomes a newline, not a refused file
    return value


class ChecklistDocument:
    def __init__(self, text: str, name: str = "<checklist>"):
        self.name = name
        self.original_text = text
        self.doc = tomlkit.parse(text)
        self.undo_stack: list[str] = []

    # ---- reading
    def text(self) -> str:
        return tomlkit.dumps(self.doc)

    @property
    def sections(self) -> AoT | list:
        return self.doc.get("section", [])

    def criteria(self, s: int) -> AoT | list:
        return self.sections[s].get("criterion", [])

    def entries(self, table: str) -> AoT | list:
        """The `[[fact]]` or `[[check]]` tables (§8), in file order."""
        return self.doc.get(table, [])

    def table(self, path: tuple) -> Table:
        node = self.doc
        for part in path:
            node = node[part]
        return node

    def validate(self) -> tuple[Checklist | None, list[Problem]]:
        try:
            return checklist_from_text(self.text(), self.name), []
        except FileProblems as refused:
            return None, refused.problems

    def ids(self) -> set[str]:
        """Criterion and fact ids: they share one namespace."""
        return {str(c.get("id")) for s in self.sections for c in s.get("criterion", [])} | \
            {str(f.get("id")) for f in self.entries("fact")}

    def unique_id(self, base: str, taken: set[str] | None = None) -> str:
        taken = self.ids() if taken is None else taken
        match = re.match(r"^(.*?)(\d+)$", base)
        stem, number = (match.group(1), int(match.group(2))) if match else (base, 1)
        while f"{stem}{number}" in taken:
            number += 1
        return f"{stem}{number}"

    # ---- editing (every change can be undone)
    def _remember(self) -> None:
        self.undo_stack.append(self.text())

    def undo(self) -> bool:
        if not self.undo_stack:
            return False
        self.doc = tomlkit.parse(self.undo_stack.pop())
        return True

    def set_value(self, path: tuple, value, remember: bool = True) -> None:
        """Set (or with None / "" / [] remove) the key at `path`, e.g. ("section", 0, "criterion", 2, "max").

        `remember=False` joins the previous undo step (typing in one field is one step).
        """
        if remember:
            self._remember()
        parent = self.table(path[:-1])
        key = path[-1]
        if value is None or value == "" or value == []:
            if key in parent:
                del parent[key]
        else:
            parent[key] = _item(value)

    def set_values(self, path: tuple, values: dict) -> None:
        """Several keys of one table in one undo step."""
        self._remember()
        table = self.table(path)
        for key, value in values.items():
            if value is None or value == "" or value == []:
                if key in table:
                    del table[key]
            else:
                table[key] = _item(value)

    def change_type(self, s: int, c: int, ctype: str) -> None:
        """A new type brings its template's keys and drops the keys only the old type used."""
        table = self.criteria(s)[c]
        values: dict = {key: None for key in criterion_keys.TYPED_KEYS if key in table}
        values.update({key: None for key in ("max",) if not criterion_keys.TYPES[ctype].has_max})
        for key, value in criterion_keys.TYPES[ctype].template.items():
            if key == "max" and "max" in table:
                continue
            values[key] = value
        self.set_values(("section", s, "criterion", c), values)

    def add_entry(self, table: str, after: int | None = None) -> int:
        """A new fact (or check) after `after`; a check starts comparing the first two facts, if there are two."""
        self._remember()
        entry = tomlkit.table()
        if table == "fact":
            entry["id"] = self.unique_id("so_lieu_1")
            entry["label"] = t("edit.new_fact")
        else:
            entry["id"] = self.unique_id("kiem-tra-1", {str(c.get("id")) for c in self.entries("check")})
            entry["label"] = t("edit.new_check")
            facts = [str(f.get("id")) for f in self.entries("fact")]
            entry["left"] = _item(facts[:1] or ["so_lieu_1"])
            entry["op"] = "<="
            entry["right"] = _item(facts[1:2] or facts[:1] or ["so_lieu_1"])
        entry.add(tomlkit.nl())
        if table not in self.doc:
            self.doc[table] = tomlkit.aot()
        entries = self.entries(table)
        index = len(entries) if after is None else after + 1
        entries.insert(index, entry)
        return index

    def delete_entry(self, table: str, index: int) -> None:
        self._remember()
        entries = self.entries(table)
        del entries[index]
        if not len(entries):
            del self.doc[table]

    def add_section(self, after: int | None = None) -> int:
        self._remember()
        taken = {str(s.get("id")) for s in self.sections}
        letter = next(chr(c) for c in range(ord("A"), ord("Z") + 1) if chr(c) not in taken) if len(taken) < 26 else \
            f"S{len(taken) + 1}"
        section = tomlkit.table()
        section["id"] = letter
        section["title"] = t("edit.new_section")
        criteria = tomlkit.aot()
        section["criterion"] = criteria
        new_id = self.unique_id(f"{letter}1")
        criteria.append(self._criterion_table(new_id, "yes_no"))
        if "section" not in self.doc:
            self.doc["section"] = tomlkit.aot()
        index = len(self.sections) if after is None else after + 1
        self.sections.insert(index, section)
        return index

    def _criterion_table(self, cid: str, ctype: str, title: str | None = None) -> Table:
        table = tomlkit.table()
        table["id"] = cid
        table["title"] = title or t("edit.new_criterion")
        for key, value in criterion_keys.TYPES[ctype].template.items():
            table[key] = _item(value)
        table.add(tomlkit.nl())
        return table

    def add_criterion(self, s: int, after: int | None, ctype: str = "yes_no") -> tuple[int, int]:
        self._remember()
        section_id = str(self.sections[s].get("id"))
        criteria = self.criteria(s)
        table = self._criterion_table(self.unique_id(f"{section_id}{len(criteria) + 1}"), ctype)
        index = len(criteria) if after is None else after + 1
        criteria.insert(index, table)
        return s, index

    def duplicate_criterion(self, s: int, c: int) -> tuple[int, int]:
        self._remember()
        source = self.criteria(s)[c]
        copy = tomlkit.table()
        for key, value in source.unwrap().items():
            copy[key] = _item(value)
        copy["id"] = self.unique_id(str(source.get("id")))
        copy.add(tomlkit.nl())
        self.criteria(s).insert(c + 1, copy)
        return s, c + 1

    def delete_criterion(self, s: int, c: int) -> None:
        self._remember()
        del self.criteria(s)[c]

    def delete_section(self, s: int) -> None:
        self._remember()
        del self.sections[s]

    def move_criterion(self, s: int, c: int, delta: int) -> tuple[int, int]:
        """One place up or down; past the end of its section it moves into the next one."""
        criteria = self.criteria(s)
        target = c + delta
        if 0 <= target < len(criteria):
            self._remember()
            table = criteria[c]
            del criteria[c]
            criteria.insert(target, table)
            return s, target
        neighbour = s + delta
        if not 0 <= neighbour < len(self.sections) or len(criteria) == 1:
            return s, c
        self._remember()
        table = criteria[c]
        del criteria[c]
        destination = self.criteria(neighbour)
        position = len(destination) if delta < 0 else 0
        destination.insert(position, table)
        return neighbour, position

    def move_section(self, s: int, delta: int) -> int:
        target = s + delta
        if not 0 <= target < len(self.sections):
            return s
        self._remember()
        table = self.sections[s]
        del self.sections[s]
        self.sections.insert(target, table)
        return target

    # ---- saving
    def save(self, path: Path, bump: bool = True) -> tuple[Checklist, list[str]]:
        """Validate, bump the version, write atomically; returns the checklist and a summary of changes.

        Raises FileProblems (and writes nothing) when the validator refuses the result.
        """
        from inspector.core.files import write_atomically

        checklist, problems = self.validate()
        if checklist is None:
            raise FileProblems(problems)
        before = None
        try:
            before = checklist_from_text(self.original_text, self.name)
        except FileProblems:
            pass
        if bump and before is not None and before.version == checklist.version and self.text() != self.original_text:
            self._remember()
            self.doc["version"] = bump_version(checklist.version)
        final = checklist_from_text(self.text(), str(path))
        write_atomically(Path(path), self.text().encode("utf-8"))
        changes = describe_changes(before, final) if before is not None else []
        self.original_text = self.text()
        return final, changes


def describe_changes(old: Checklist, new: Checklist, lang: str | None = None) -> list[str]:
    """What an editor changed, one readable line each (for the save confirmation and the commit of a team)."""
    mark = decimal_mark(lang)
    lines = []
    if old.version != new.version:
        lines.append(t("change.version", lang, old=old.version, new=new.version))
    if old.title != new.title:
        lines.append(t("change.title", lang, old=old.title, new=new.title))
    old_c, new_c = {c.id: c for c in old.criteria}, {c.id: c for c in new.criteria}
    for cid in new_c.keys() - old_c.keys():
        lines.append(t("change.added", lang, id=cid, title=new_c[cid].title))
    for cid in old_c.keys() - new_c.keys():
        lines.append(t("change.removed", lang, id=cid, title=old_c[cid].title))
    for cid in [c.id for c in new.criteria if c.id in old_c]:
        a, b = old_c[cid], new_c[cid]
        changed = [key.name for key in criterion_keys.KEYS
                   if getattr(a, key.model_attribute) != getattr(b, key.model_attribute)]
        if a.section_id != b.section_id:
            changed.append("section")
        if changed:
            lines.append(t("change.changed", lang, id=cid, fields=", ".join(criterion_keys.key_title(name, lang)
                                                                           for name in changed)))
    old_order = [c.id for c in old.criteria if c.id in new_c]
    new_order = [c.id for c in new.criteria if c.id in old_c]
    if old_order != new_order:
        lines.append(t("change.reordered", lang))
    if old.max_points != new.max_points:
        lines.append(t("change.max", lang, old=show(old.max_points, mark), new=show(new.max_points, mark)))
    return lines


def sample_answers(c) -> list:
    """Answers that show how a criterion scores: each option, none/all items, ratios at its thresholds…

    Each carries a piece of evidence, so a criterion that requires evidence previews its rule.
    """
    from inspector.core.criteria import kind_of

    return kind_of(c).samples(c)
