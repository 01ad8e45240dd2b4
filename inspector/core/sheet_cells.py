"""Cells for every spreadsheet the program writes: text is always text, never a formula.

openpyxl turns any string starting with "=" into a live formula; a unit named "=HYPERLINK(…)" or a
band label "=1+1" must stay the words the user wrote. Every row goes through `row_cells`, which also
drops control characters XML cannot carry (a Word line break pasted into a note).
"""

from __future__ import annotations

from typing import Any

from inspector.core.limits import clean_text

TEXT = "s"  # openpyxl's data type for a plain string


def text_cell(sheet: Any, value: Any) -> Any:
    """An openpyxl cell for `sheet` (normal or write-only); strings are cleaned and typed as text."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=clean_text(value))
        cell.data_type = TEXT
        return cell
    if hasattr(value, "data_type"):  # already a cell (styled by the caller)
        if isinstance(value.value, str):
            value.value = clean_text(value.value)
            value.data_type = TEXT
        return value
    return WriteOnlyCell(sheet, value=value)


def row_cells(sheet: Any, values: list[Any]) -> list[Any]:
    return [text_cell(sheet, value) for value in values]


def append_row(sheet: Any, values: list[Any]) -> None:
    """`sheet.append` for text from users and checklists."""
    sheet.append(row_cells(sheet, values))
