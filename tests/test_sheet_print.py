"""Every sheet of every workbook the program writes prints legibly on A4.

The rule's pure pieces are tested on their own; then each workbook (one inspection, many, a campaign's ranking,
the unit's self-assessment, a checklist as a spreadsheet) is made from the bundled examples, read back with
openpyxl, and each sheet's saved settings — widths, fonts, orientation, margins, fit — are put through the same
pure functions: the smallest font must print at 8 pt or more, the pages numbered, the header rows repeated,
the charts below their tables.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from inspector.cli.main import main
from inspector.core.sheet_print import (
    DEFAULT_FONT_POINTS, LANDSCAPE, MIN_PRINTED_POINTS, PORTRAIT, chart_needs_new_page, choose_layout, column_breaks,
    column_points, header_footer_size, printable_height, printable_width, printed_scale, row_height, text_ems, wrapped_lines)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "checklists" / "examples"
UNITS = (("UBND phường An Thạnh (đơn vị giả định)", "2025-10-15"), ("UBND phường Hưng Định", "2023-09-21"),
         ("UBND phường Ngọc Thụy", "2020-07-17"))
EMU_PER_POINT = 12700


# ---------------------------------------------------------------- the pure pieces
def test_a_columns_width_on_paper_and_the_printable_width_of_a4():
    assert column_points(10) == pytest.approx(56.25)  # 10 units of 7.5 px at 96 dpi
    assert column_points(None) == pytest.approx(64 / 7 * 5.625)  # a column with no width: Excel's 8.43 + padding
    assert printable_width(PORTRAIT, 0.4, 0.4) == pytest.approx(595.28 - 57.6)
    assert printable_width(LANDSCAPE, 0.75, 0.75) == pytest.approx(841.89 - 108)
    assert printable_height(LANDSCAPE) < printable_height(PORTRAIT)


@pytest.mark.parametrize("content, printable, fit, scale, expected", [
    (500, 784, True, None, 1.0),  # fits: fitting never enlarges
    (1568, 784, True, None, 0.5),
    (1045, 784, True, None, 0.75),  # 75.02% → 75%: Excel's scale is a whole percent, rounded down
    (1046, 784, True, None, 0.74),
    (100_000, 784, True, None, 0.10),  # never below 10%
    (5000, 784, False, None, 1.0),  # not fitted: the sheet's own scale, 100% by default
    (5000, 784, False, 85, 0.85),
])
def test_the_scale_a_page_setup_implies(content, printable, fit, scale, expected):
    assert printed_scale(content, printable, fit, scale) == pytest.approx(expected)


def test_the_layout_is_portrait_then_landscape_then_fitted_while_legible_then_flowing():
    portrait, landscape = printable_width(PORTRAIT), printable_width(LANDSCAPE)
    assert choose_layout(portrait - 1, 11) == choose_layout(portrait - 1, 11)
    narrow = choose_layout(portrait - 1, 11)
    assert (narrow.orientation, narrow.fit_to_width, narrow.scale) == (PORTRAIT, False, 1.0)
    wide = choose_layout(landscape, 11)
    assert (wide.orientation, wide.fit_to_width, wide.scale) == (LANDSCAPE, False, 1.0)
    fitted = choose_layout(landscape / 0.75, 11)  # 11 pt × 75% = 8.25 pt
    assert (fitted.orientation, fitted.fit_to_width, fitted.scale) == (LANDSCAPE, True, 0.75)
    assert fitted.printed(11) >= MIN_PRINTED_POINTS
    too_small = choose_layout(landscape / 0.70, 11)  # 11 pt × 70% = 7.7 pt: flows on at 100% instead
    assert (too_small.orientation, too_small.fit_to_width, too_small.scale) == (LANDSCAPE, False, 1.0)
    assert choose_layout(landscape / 0.70, 12).fit_to_width  # a larger font may be shrunk further


def test_columns_flowing_onto_more_pages_are_shared_out_evenly():
    widths = [5, 30] + [6] * 99 + [8, 8]  # the criteria matrix: number and unit, 99 criteria, score and percent
    printable = printable_width(LANDSCAPE)
    breaks = column_breaks(widths, 2, printable)
    room = printable - column_points(5) - column_points(30)
    pages = [widths[start:end] for start, end in zip([2, *breaks], [*breaks, len(widths)])]
    assert len(pages) == math.ceil(sum(map(column_points, widths[2:])) / room)  # as few pages as at 100%
    assert all(sum(map(column_points, page)) <= room for page in pages)  # each page holds its columns
    assert max(map(len, pages)) - min(map(len, pages)) <= 2  # and no last page with a column or two
    assert column_breaks([10, 10, 10], 1, printable) == []  # one page: no break


def test_a_chart_that_would_be_cut_by_a_page_break_starts_the_next_page():
    assert not chart_needs_new_page([15] * 10, 15, 300, 500)  # 150 + 300 on one page of 500
    assert chart_needs_new_page([15] * 30, 15, 300, 500)  # 450 + 300: it would be cut
    # 40 rows fill one page (33 rows) and 7 on the next under the repeated header: 15 + 105 + 300 fits.
    assert not chart_needs_new_page([15] * 40, 15, 300, 500)


def test_wrapped_text_takes_the_lines_its_words_need():
    assert text_ems("hành") == pytest.approx(1.944)  # Times New Roman: h .5 + à .444 + n .5 + h .5
    assert text_ems("Đ") == text_ems("D") and text_ems("ệ") == text_ems("e")
    assert wrapped_lines("", 10) == 1 and wrapped_lines("a\nb\nc", 30) == 3
    name = "UBND phường An Thạnh (đơn vị giả định)"
    assert wrapped_lines(name, 60) == 1 and wrapped_lines(name, 30) == 2
    assert wrapped_lines("x" * 60, 10) >= 4  # one word longer than a line is cut
    assert row_height(1) < row_height(2) < row_height(3) and row_height(1000) == 409


# ---------------------------------------------------------------- every workbook, read back
@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, Path]:
    """Every workbook the program writes, from the bundled examples: a campaign of three wards (their answer
    files, so the campaign pins the release they pin: 2026.2, kept in checklists/versions), one inspection outside it
    with another checklist."""
    folder = tmp_path_factory.mktemp("sheets")
    plan = folder / "dot.toml"
    plan.write_text("""format = 1
[campaign]
name = "Kiểm tra công tác CCHC năm 2026"
checklist = "cchc-xa"
checklist_version = "2026.2"
period = "Năm 2026"
inspecting_body = "Sở Nội vụ tỉnh Đồng Nai"
[[member]]
name = "Nguyễn Văn An"
role = "Trưởng đoàn"
agency = "Sở Nội vụ"
key = ""
sections = ["A", "B"]
""" + "".join(f'[[unit]]\nname = "{name}"\nunit_type = "phuong"\ndate = {date}\n' for name, date in UNITS),
                    encoding="utf-8")
    paths = {name: folder / f"{name}.xlsx" for name in ("one", "many", "ranking", "self", "checklist", "one-en")}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INSPECTOR_HOME", str(folder / "home"))
        commands = [["campaign", "new", plan],
                    *[["import", EXAMPLES / f"{name}.answers.toml"] for name in ("cchc-xa", "hung-dinh", "ngoc-thuy")],
                    ["import", EXAMPLES / "van-thu-luu-tru.answers.toml", "--new"],
                    ["export", "1", "-o", paths["one"]],
                    ["export", "--all", "--format", "xlsx", "-o", paths["many"]],
                    ["export", "--campaign", "1", "--format", "xlsx", "-o", paths["ranking"]],
                    ["self-assessment", "3", "-o", paths["self"]],
                    ["checklist", "export", "cchc-xa", "--format", "xlsx", "-o", paths["checklist"]],
                    ["--lang", "en", "export", "1", "-o", paths["one-en"]]]
        try:
            for command in commands:
                assert main([str(part) for part in command]) == 0, command
        finally:
            from inspector.core.i18n import set_language

            set_language("vi")
    return paths


def saved_widths(sheet) -> list[float | None]:
    """Each used column's stored width (None: none set), several columns of one width saved as one range."""
    widths: list[float | None] = [None] * sheet.max_column
    for letter, dimension in sheet.column_dimensions.items():
        if dimension.customWidth:
            low = column_index_from_string(letter)
            for index in range(low, min(max(dimension.max or low, low), sheet.max_column) + 1):
                widths[index - 1] = dimension.width
    return widths


def implied(sheet) -> dict:
    """What the saved page setup implies: the scale, the smallest font of a cell and of the page header and
    footer, both as printed, and the widths they come from."""
    setup, margins = sheet.page_setup, sheet.page_margins
    fit = bool(sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage)
    if fit:  # one page wide, as many pages long as it takes (fitToWidth 1 is the default)
        assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0
    widths = saved_widths(sheet)
    content = sum(column_points(width) for width in widths)
    printable = printable_width(setup.orientation or PORTRAIT, margins.left, margins.right)
    scale = printed_scale(content, printable, fit, setup.scale)
    fonts = [cell.font.sz or DEFAULT_FONT_POINTS for row in sheet.iter_rows() for cell in row
             if cell.value not in (None, "")]
    parts = [part for item in (sheet.oddHeader, sheet.oddFooter, sheet.firstFooter)
             for part in (item.left, item.center, item.right) if part.text]
    return {"scale": scale, "cells": min(fonts) * scale, "widths": widths, "printable": printable,
            "margins": (margins.top, margins.bottom), "frame": min((p.size or DEFAULT_FONT_POINTS) * scale for p in parts)}


HEADER_ROWS = {  # the rows repeated at the top of each page, where a sheet has a header
    "one": {"Kết quả": "$2:$2", "Điểm theo lĩnh vực": "$1:$1", "Số liệu": None},  # figures and checks: two headers
    "one-en": {"Result": "$2:$2", "Sections": "$1:$1", "Figures": None},
    "many": {"Tổng hợp": "$1:$1", "Ma trận tiêu chí": "$1:$1"},
    "ranking": {"Xếp hạng": "$3:$3", "Theo mục": "$1:$2", "Tiêu chí chưa đạt": "$1:$1"},
    "self": {"Hướng dẫn": None, "Tự đánh giá": "$4:$4", "Số liệu": "$2:$2", "_inspector": None},
    "checklist": {"Bảng kiểm": None, "Tiêu chí": "$1:$1", "Số liệu": "$1:$1", "Kiểm tra số liệu": "$1:$1"},
}


@pytest.mark.parametrize("workbook", list(HEADER_ROWS))
def test_every_sheet_prints_legibly_on_a4_with_numbered_pages(workbooks, workbook):
    book = load_workbook(workbooks[workbook])
    assert book.sheetnames == list(HEADER_ROWS[workbook])
    pages = "Page &P of &N" if workbook == "one-en" else "Trang &P/&N"
    for sheet in book.worksheets:
        where = f"{workbook}: {sheet.title}"
        assert int(sheet.page_setup.paperSize) == 9, where  # A4
        assert sheet.oddFooter.center.text == pages, where
        if sheet.HeaderFooter.differentFirst:  # the first page shows the title itself, and its number
            assert sheet.firstFooter.center.text == pages and not sheet.firstHeader.center.text, where
        assert sheet.oddHeader.center.text, where  # the title (or the sheet's name) at the top of each page
        assert sheet.print_title_rows == HEADER_ROWS[workbook][sheet.title], where
        printed = implied(sheet)
        assert printed["cells"] >= MIN_PRINTED_POINTS, (where, printed)
        assert printed["frame"] >= MIN_PRINTED_POINTS, (where, printed)
        assert min(printed["margins"]) * 72 >= 36, where  # room above and below for the page header and footer
        # No column wider than a page: a sheet whose columns flow on to more pages still shows each one whole.
        assert max(map(column_points, printed["widths"])) * printed["scale"] <= printed["printable"], where


@pytest.mark.parametrize("workbook", list(HEADER_ROWS))
def test_no_text_is_cut_off_by_its_neighbour_or_its_row(workbooks, workbook):
    """Text that wraps has the rows it needs; text that does not wrap fits its column or runs over an empty one."""
    book = load_workbook(workbooks[workbook])
    assert [line for sheet in book.worksheets for line in cut_off(sheet)] == []


def cut_off(sheet) -> list[str]:
    """The texts of a sheet that would not show whole: wrapped in a row too short for its lines, or not wrapped,
    wider than its column and stopped by a filled cell beside it (or made of several lines)."""
    cut = []
    widths = saved_widths(sheet)
    for row in sheet.iter_rows():
        height = sheet.row_dimensions[row[0].row].height or 15
        for cell in row:
            if not isinstance(cell.value, str) or not cell.value.strip():
                continue
            width = widths[cell.column - 1] or 64 / 7
            size = cell.font.sz or DEFAULT_FONT_POINTS
            where = f"{sheet.title}!{cell.coordinate} {cell.value[:50]!r}"
            if cell.alignment.wrap_text:
                lines = wrapped_lines(cell.value, width, size)
                if lines > 1 and height < row_height(lines, size):
                    cut.append(f"{where}: {lines} lines in {height} pt")
            else:
                neighbour = sheet.cell(cell.row, cell.column + 1).value if cell.column < sheet.max_column else None
                room = (width * 7 - 5) * 0.75  # points, at Excel's 7 px a unit, less the cell's padding
                if "\n" in cell.value or (neighbour not in (None, "") and text_ems(cell.value) * size > room):
                    cut.append(f"{where}: not wrapped, {text_ems(cell.value) * size:.0f} pt in {room:.0f}")
    return cut


def test_the_one_inspection_table_fits_one_page_wide_at_a_legible_scale(workbooks):
    sheet = load_workbook(workbooks["one"])["Kết quả"]
    printed = implied(sheet)
    # 14 columns: before, fitted at 47% (11 pt printed at 5 pt); now one landscape page wide at 75%.
    assert sheet.max_column == 14 and sheet.page_setup.orientation == LANDSCAPE
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and printed["scale"] >= 0.73
    assert sheet.HeaderFooter.differentFirst  # its first rows show the title: the page header from page 2 on
    assert sheet.oddHeader.center.text.startswith("UBND phường An Thạnh (đơn vị giả định) — ")
    figures = load_workbook(workbooks["one"])["Số liệu"]
    checks_header = next(r for r in range(2, figures.max_row + 1) if figures.cell(r, 2).value == "Kiểm tra số liệu")
    assert [b.id for b in figures.row_breaks.brk] == [checks_header - 1]  # the checks begin a page, under their header


def test_the_criteria_matrix_flows_onto_pages_with_the_unit_repeated(workbooks):
    sheet = load_workbook(workbooks["many"])["Ma trận tiêu chí"]
    assert sheet.max_column == 103  # number, unit, 99 criteria of two checklists, score, percent
    assert sheet.print_title_cols == "$A:$B" and sheet.print_title_rows == "$1:$1"
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage and implied(sheet)["scale"] == 1.0  # 11 pt as 11 pt
    widths = saved_widths(sheet)
    breaks = [b.id for b in sheet.col_breaks.brk]
    room = implied(sheet)["printable"] - column_points(widths[0]) - column_points(widths[1])
    pages = [widths[start:end] for start, end in zip([2, *breaks], [*breaks, len(widths)])]
    assert len(pages) >= 5 and all(sum(map(column_points, page)) <= room for page in pages)
    assert min(map(len, pages)) >= max(map(len, pages)) - 2  # shared out evenly: no page of a column or two
    names = [sheet.cell(r, 2) for r in range(2, sheet.max_row + 1)]
    assert all(cell.alignment.wrap_text for cell in names)


@pytest.mark.parametrize("workbook, title, last", [("one", "Điểm theo lĩnh vực", None), ("many", "Tổng hợp", None),
                                                   ("ranking", "Xếp hạng", None)])
def test_charts_sit_below_their_tables_and_within_a_page(workbooks, workbook, title, last):
    sheet = load_workbook(workbooks[workbook])[title]
    printed = implied(sheet)
    assert sheet._charts
    for chart in sheet._charts:
        anchor = chart.anchor
        assert anchor._from.col == 0 and anchor._from.row >= sheet.max_row  # 0-based: the row after the table's last
        width, height = anchor.ext.width / EMU_PER_POINT, anchor.ext.height / EMU_PER_POINT
        assert width * printed["scale"] <= printed["printable"]
        assert height * printed["scale"] <= printable_height(sheet.page_setup.orientation)


def test_a_ranking_chart_below_a_long_table_begins_its_own_page():
    import io

    from inspector.core.scorecard import CardRow, Scorecard
    from inspector.exports.xlsx import multi_bytes

    rows = [CardRow(n, f"UBND xã Số {n}", "2026-03-01", "cchc-xa 2026.2",
                    Scorecard(50.0, 0.0, 50.0, 50.0 - n / 10, 50.0 - n / 10, "Khá", (), {"A1": 1.0}))
            for n in range(1, 46)]  # a page and a half of rows: the chart would not fit below them
    sheet = load_workbook(io.BytesIO(multi_bytes(rows)))["Tổng hợp"]
    chart = sheet._charts[0]
    assert chart.anchor._from.row == 47  # 0-based: a row left empty below the 46 of the table
    assert [b.id for b in sheet.row_breaks.brk] == [47]  # the page ends above the chart's row
    assert chart.anchor.ext.height / EMU_PER_POINT <= printable_height(LANDSCAPE) - 15  # the header row above it


def test_the_rankings_by_section_keeps_names_off_the_numbers(workbooks):
    sheet = load_workbook(workbooks["ranking"])["Theo mục"]
    assert sheet.print_title_cols == "$A:$A" and sheet.print_title_rows == "$1:$2"
    width = saved_widths(sheet)[0]
    names = [sheet.cell(r, 1) for r in range(3, sheet.max_row + 1)]
    assert "UBND phường An Thạnh (đơn vị giả định)" in [cell.value for cell in names]
    for cell in names:  # each name wraps within its column, its row as tall as its lines
        assert cell.alignment.wrap_text
        lines = wrapped_lines(cell.value, width)
        assert lines == 1 or (sheet.row_dimensions[cell.row].height or 15) >= row_height(lines)
    assert any(wrapped_lines(cell.value, width) > 1 for cell in names)
    titles = [sheet.cell(2, c) for c in range(2, sheet.max_column + 1)]
    assert all(cell.alignment.wrap_text for cell in titles) and sheet.row_dimensions[2].height > 15


def test_the_footer_and_header_stay_legible_when_a_sheet_is_shrunk():
    assert header_footer_size(1.0) == 9 and header_footer_size(0.75) == 12  # 12 × 75% = 9 pt on paper
