"""How every sheet the program writes prints: A4, nothing below 8 pt on paper, page numbers on every page.

One rule for every sheet of every workbook (`print_layout`), beside `sheet_cells` (how every cell is
written) because the exports and the checklist spreadsheet (authoring) both use it. It is built from pure
pieces that the tests call on a saved file's own settings:

- `column_points`: a column's width on paper (spreadsheets store it in characters of the default font);
- `printable_width`: the width of A4 in an orientation, less the margins;
- `printed_scale`: the scale a page setup implies (fit to one page wide shrinks a wide table; Excel's
  scale is printable width / content width in whole percent, never above 100% nor below 10%);
- `choose_layout`: for a table of that width and that smallest font, the page setup to use;
- `column_breaks`: where the pages of a table too wide for one end, shared out evenly;
- `wrapped_lines` (with `text_ems`, Times New Roman's letter widths) and `row_height`: the height a row of
  wrapped text needs, since a file's rows do not grow by themselves;
- `chart_needs_new_page`: whether a chart below its table would be cut by a page break.

The choice, in this order: portrait at 100% when the columns fit; landscape at 100% when they fit; landscape
fitted to one page wide when the smallest font still prints at 8 pt or more (font size × scale ≥ 8);
otherwise landscape at 100% with the columns flowing on to further pages, the key columns (a unit's name)
and the header rows repeated on each. A sheet's own code makes its columns as narrow as its text allows
(wrapping long text) before asking, and places its charts below its tables; a chart is made no wider or
taller than a printed page, and starts the next page when it would be cut.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any


from inspector.core.i18n import t
from inspector.core.limits import clean_text
from inspector.core.record import record

A4_POINTS = (595.28, 841.89)  # 210 × 297 mm, portrait (width, height)
MIN_PRINTED_POINTS = 8.0  # no text smaller than this on paper
LEFT_RIGHT_MARGIN = 0.4  # inches (1 cm), as the score sheets had
TOP_BOTTOM_MARGIN = 0.75  # room for the page header and footer above and below the table
HEADER_FOOTER_MARGIN = 0.3
HEADER_FOOTER_POINTS = 9  # the page header and footer print at this size (or just above) whatever the scale
HEADER_FOOTER_FONT = "Times New Roman,Regular"  # the documents' font
# A column's width is stored in units of the default font's widest digit: 7 px at 96 dpi in Excel (Calibri 11 or
# Times New Roman 11, rounded to whole pixels), 7.43 px in LibreOffice (Calibri's exact digit). Counted here as
# 7.5 px, so that a sheet this rule fits prints at least this large in both.
UNIT_POINTS = 7.5 * 0.75
DEFAULT_WIDTH = 64 / 7  # the stored width of a column with none of its own (Excel's 8.43 characters and padding)
DEFAULT_FONT_POINTS = 11.0  # a cell with no size of its own
LINE_SPACING = 1.3  # a line of wrapped text is this many times its font's size (14 pt at 11 pt)
MAX_ROW_POINTS = 409  # the tallest row a spreadsheet keeps
DEFAULT_ROW_POINTS = 15  # a row with no height of its own
POINTS_PER_CM = 72 / 2.54
HEADER_LIMIT = 120  # characters of a title in the page header (Excel allows 255 for all its parts)
PORTRAIT, LANDSCAPE = "portrait", "landscape"


def column_points(width: float | None) -> float:
    """A column's width on paper in points at 100%, from its width as stored (padding included; None: a column
    with no width set)."""
    return (DEFAULT_WIDTH if width is None else width) * UNIT_POINTS


def page_points(orientation: str) -> tuple[float, float]:
    """The A4 page's (width, height) in points in that orientation."""
    width, height = A4_POINTS
    return (height, width) if orientation == LANDSCAPE else (width, height)


def printable_width(orientation: str, left: float = LEFT_RIGHT_MARGIN, right: float = LEFT_RIGHT_MARGIN) -> float:
    """The width in points a table may take on A4 in that orientation, margins (inches) taken off."""
    return page_points(orientation)[0] - (left + right) * 72


def printable_height(orientation: str, top: float = TOP_BOTTOM_MARGIN, bottom: float = TOP_BOTTOM_MARGIN) -> float:
    return page_points(orientation)[1] - (top + bottom) * 72


def printed_scale(content: float, printable: float, fit_to_width: bool, scale: int | None = None) -> float:
    """The scale a page setup implies for a table `content` points wide on a page `printable` points wide.

    Fitted to one page wide: printable / content in whole percent (as Excel computes it), at most 100%, at least
    10%. Not fitted: the sheet's own scale (100% when none is set)."""
    if not fit_to_width:
        return (scale or 100) / 100
    if content <= printable:
        return 1.0
    return max(10, math.floor(100 * printable / content)) / 100


@record
class Layout:
    orientation: str
    fit_to_width: bool  # one page wide; otherwise columns flow on to further pages at 100%
    scale: float  # the scale this implies (1.0 = 100%)
    content: float  # the columns' width in points

    def printed(self, font_points: float) -> float:
        """A font's size on paper."""
        return font_points * self.scale


def choose_layout(content: float, smallest_font: float) -> Layout:
    """The page setup for a table `content` points wide whose smallest font is `smallest_font` points."""
    for orientation in (PORTRAIT, LANDSCAPE):
        if content <= printable_width(orientation):
            return Layout(orientation, False, 1.0, content)
    scale = printed_scale(content, printable_width(LANDSCAPE), True)
    if smallest_font * scale >= MIN_PRINTED_POINTS:
        return Layout(LANDSCAPE, True, scale, content)
    return Layout(LANDSCAPE, False, 1.0, content)


def column_breaks(widths: Sequence[float | None], keys: int, printable: float) -> list[int]:
    """Where the pages of a table too wide for one page end (the 1-based column after which each break
    falls), the first `keys` columns being printed on every page: as few pages as at 100%, their columns
    shared out evenly, so that no last page carries a column or two."""
    key_width = content_points(widths[:keys])
    room = printable - key_width
    points = [column_points(width) for width in widths[keys:]]
    if room <= 0 or sum(points) <= room:
        return []

    def pack(limit: float) -> list[int] | None:
        breaks, used = [], 0.0
        for index, width in enumerate(points):
            if width > limit:
                return None  # a column wider than the limit: this limit cannot hold it
            if used + width > limit:
                breaks.append(keys + index)  # the page ends after the previous column
                used = 0.0
            used += width
        return breaks

    fewest = pack(max(room, max(points)))
    assert fewest is not None
    low, high = max(max(points), sum(points) / (len(fewest) + 1)), max(room, max(points))
    for _ in range(30):  # the narrowest page width that still needs no more pages
        middle = (low + high) / 2
        found = pack(middle)
        if found is not None and len(found) <= len(fewest):
            high = middle
        else:
            low = middle
    balanced = pack(high)
    return balanced if balanced is not None else fewest


# Advance widths of Times New Roman (the documents' font; Liberation Serif has the same), in thousandths of an em,
# of the letters a base character of Vietnamese text is made of; a character not listed counts as a wide letter.
# Calibri, the cells' font where a sheet sets none, is narrower: wrapping it as Times New Roman only errs tall.
_NARROW = dict.fromkeys(" ,.;:'!|", 250) | dict.fromkeys("ijlt/\\", 278) | dict.fromkeys("frI()[]-`", 333)
_WIDTHS = (_NARROW | dict.fromkeys("sJ", 389) | dict.fromkeys("acez?", 444) | dict.fromkeys("bdđghknopquvxy_", 500)
           | dict.fromkeys("0123456789$#*«»–", 500) | dict.fromkeys("FPS", 556) | dict.fromkeys("+<=>≥≤", 564)
           | dict.fromkeys("ELTZ", 611) | dict.fromkeys("BCR", 667) | dict.fromkeys("ADĐGHKNOQUVXY", 722)
           | dict.fromkeys("mw", 778) | dict.fromkeys("%M", 889) | dict.fromkeys("W@", 944) | dict.fromkeys("—…→", 1000))
_OTHER = 722
CELL_PADDING_PIXELS = 5  # a cell's margins within its column, both sides together
UNIT_PIXELS_AT_LEAST = 7  # a unit of column width on screen: 7 px in Excel, a little more in LibreOffice
SAFETY = 1.03  # bold letters, kerning, rounding: a line is counted full a little early


def _char_width(char: str) -> int:
    """A character's width in thousandths of an em: a letter with marks ("ệ") is as wide as its base ("e")."""
    import unicodedata

    width = _WIDTHS.get(char) or _WIDTHS.get(unicodedata.normalize("NFD", char)[:1], _OTHER)
    _WIDTHS[char] = width  # each character looked up once
    return width


def text_ems(text: str) -> float:
    """The width of `text` in ems of Times New Roman."""
    return sum(_WIDTHS.get(char) or _char_width(char) for char in text) / 1000


def wrapped_lines(text: str, width: float, font: float = DEFAULT_FONT_POINTS) -> int:
    """How many lines `text` at `font` points takes wrapped word by word in a column `width` units wide (each line
    break starts a line; a word longer than a line is cut)."""
    line = max(1.0, (width * UNIT_PIXELS_AT_LEAST - CELL_PADDING_PIXELS) * 0.75 / font)  # ems a line holds
    if "\n" not in text and text_ems(text) * SAFETY <= line:
        return 1
    space = _WIDTHS[" "] / 1000 * SAFETY
    lines = 0
    for part in text.split("\n"):
        lines, used = lines + 1, 0.0
        for word in part.split():
            ems = text_ems(word) * SAFETY
            if used and used + space + ems > line:
                lines, used = lines + 1, 0.0
            used += (space if used else 0.0) + ems
            while used > line:  # a word longer than a line goes on to the next
                lines, used = lines + 1, used - line
    return lines


def row_height(lines: int, font: float = DEFAULT_FONT_POINTS) -> float:
    """The height in points of a row of `lines` wrapped lines (spreadsheets do not grow a row by themselves
    when a file is written), at most the tallest row a spreadsheet keeps."""
    return min(MAX_ROW_POINTS, lines * round(font * LINE_SPACING) + 2)


def fit_row_heights(sheet: Any, first_row: int = 1, last_row: int | None = None) -> None:
    """Give each row from `first_row` the height its wrapped cells need (a normal sheet, widths set first)."""
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items() if dimension.customWidth}
    for row in sheet.iter_rows(min_row=first_row, max_row=last_row):
        lines, font = 1, DEFAULT_FONT_POINTS
        for cell in row:
            if isinstance(cell.value, str) and cell.alignment.wrap_text:
                width = widths.get(cell.column_letter) or DEFAULT_WIDTH
                size = cell.font.sz or DEFAULT_FONT_POINTS
                lines = max(lines, wrapped_lines(cell.value, width, size))
                font = max(font, size)
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = row_height(lines, font)


def content_points(widths: Iterable[float | None]) -> float:
    """The width on paper of columns of these stored widths (None: a column with no width set)."""
    return sum(column_points(width) for width in widths)


def sheet_widths(sheet: Any, columns: int) -> list[float | None]:
    """The stored width of each of the first `columns` columns (None where none is set); a saved file may
    group several columns of one width under the first one's letter (`min`..`max`)."""
    from openpyxl.utils import column_index_from_string

    widths: list[float | None] = [None] * columns
    for letter, dimension in list(sheet.column_dimensions.items()):
        if not dimension.customWidth:
            continue
        low = column_index_from_string(letter)
        high = max(dimension.max or low, low)
        for index in range(low, min(high, columns) + 1):
            widths[index - 1] = dimension.width
    return widths


def smallest_font(sheet: Any) -> float:
    """The smallest font size of any cell holding something (a normal sheet; a write-only one says its own)."""
    sizes = [cell.font.sz or DEFAULT_FONT_POINTS for row in sheet.iter_rows() for cell in row
             if cell.value not in (None, "")]
    return min(sizes, default=DEFAULT_FONT_POINTS)


def _header_text(text: str) -> str:
    """Text for a page header or footer: "&" is a code there ("&&" prints one); a digit right after the size
    code would be read as part of the size, so such a text starts with a space."""
    text = " ".join(clean_text(text).split())  # a unit's name may carry what XML cannot: dropped, as in its cells
    if len(text) > HEADER_LIMIT:
        text = text[: HEADER_LIMIT - 1].rstrip() + "…"
    text = text.replace("&", "&&")
    return " " + text if text[:1].isdigit() else text


def header_footer_size(scale: float) -> int:
    """The font size of the page header and footer on a sheet printed at `scale`: they shrink with the table (in
    LibreOffice always, in Excel unless told otherwise), so they are written that much larger."""
    return math.ceil(HEADER_FOOTER_POINTS / scale)


def _part(part: Any, text: str, scale: float) -> None:
    part.text, part.font, part.size = text, HEADER_FOOTER_FONT, header_footer_size(scale)


def print_layout(sheet: Any, *, header_rows: str | None = None, key_columns: str | None = None,
                 title: str | None = None, titled_first_page: bool = False, lang: str | None = None,
                 columns: int | None = None, font: float | None = None) -> Layout:
    """Make `sheet` print legibly on A4 (see the module's rule) and return the layout chosen.

    `header_rows` ("2:2") and `key_columns` ("A:B") are repeated on every page; `title` goes in the page
    header of every page (of every page but the first when the sheet's own first rows already show it:
    `titled_first_page`); the footer numbers the pages ("Trang 2/5"). `columns` and `font` (the smallest
    font size) are given for a write-only sheet, whose cells cannot be read back; a normal sheet's are read.
    Set the column widths and add the charts first: the widths decide the layout, the charts are fitted to it.
    """
    columns = columns if columns is not None else sheet.max_column
    widths = sheet_widths(sheet, columns)
    layout = choose_layout(content_points(widths),
                           font if font is not None else smallest_font(sheet))
    setup = sheet.page_setup
    setup.paperSize = "9"  # A4 (Worksheet.PAPERSIZE_A4; a write-only sheet lacks the name)
    setup.orientation = layout.orientation
    sheet.sheet_properties.pageSetUpPr.fitToPage = layout.fit_to_width
    if layout.fit_to_width:
        setup.fitToWidth, setup.fitToHeight = 1, 0
    else:
        setup.fitToWidth = setup.fitToHeight = None
        setup.scale = 100
    margins = sheet.page_margins
    margins.left = margins.right = LEFT_RIGHT_MARGIN
    margins.top = margins.bottom = TOP_BOTTOM_MARGIN
    margins.header = margins.footer = HEADER_FOOTER_MARGIN
    sheet.print_options.horizontalCentered = layout.fit_to_width or layout.content <= printable_width(
        layout.orientation)
    if header_rows:
        sheet.print_title_rows = header_rows
    if key_columns:
        sheet.print_title_cols = key_columns
    if not layout.fit_to_width and layout.content > printable_width(layout.orientation):  # columns flow on
        _break_columns(sheet, widths, key_columns, layout)
    pages = t("sheet.page_numbers", lang)
    heading = _header_text(title) if title else "&A"  # &A: the sheet's name
    frame = sheet.HeaderFooter
    _part(frame.oddHeader.center, heading, layout.scale)
    _part(frame.oddFooter.center, pages, layout.scale)
    if titled_first_page:
        frame.differentFirst = True
        _part(frame.firstFooter.center, pages, layout.scale)
    _fit_charts(sheet, layout)
    return layout


def _break_columns(sheet: Any, widths: list[float | None], key_columns: str | None, layout: Layout) -> None:
    from openpyxl.utils import range_boundaries
    from openpyxl.worksheet.pagebreak import Break

    keys = range_boundaries(key_columns.replace("$", ""))[2] if key_columns else 0
    for after in column_breaks(widths, keys, printable_width(layout.orientation)):
        sheet.col_breaks.append(Break(id=after, max=1048575))


def chart_needs_new_page(heights: Sequence[float], repeated: float, chart: float, room: float) -> bool:
    """Whether a chart `chart` points tall, below rows of these `heights`, would be cut by a page break: the
    rows fill pages `room` points tall, each page after the first starting with `repeated` points of header
    rows; the chart needs what is left on the last one."""
    used = 0.0
    for height in heights:
        if used and used + height > room:
            used = repeated
        used += height
    return used + chart > room


def _fit_charts(sheet: Any, layout: Layout) -> None:
    """No chart wider or taller than a printed page (at the sheet's scale), and none cut in two: one that would
    not fit below its table on the same page starts the next one."""
    from openpyxl.utils.cell import coordinate_from_string
    from openpyxl.worksheet.pagebreak import Break

    def height(row: int) -> float:
        dimension = sheet.row_dimensions.get(row)  # get: never adds a row
        return dimension.height if dimension is not None and dimension.height else DEFAULT_ROW_POINTS

    repeated = 0.0
    if sheet.print_title_rows:
        first, last = (int(part.replace("$", "")) for part in sheet.print_title_rows.split(":"))
        repeated = sum(height(row) for row in range(first, last + 1))
    room = printable_height(layout.orientation) / layout.scale
    width = printable_width(layout.orientation) / layout.scale
    for chart in sheet._charts:
        chart.width = min(chart.width, round(width / POINTS_PER_CM - 0.2, 1))
        chart.height = min(chart.height, round((room - repeated) / POINTS_PER_CM - 0.5, 1))
        if isinstance(chart.anchor, str):
            row = coordinate_from_string(chart.anchor)[1]
            if row > 1 and chart_needs_new_page([height(r) for r in range(1, row)], repeated,
                                                 chart.height * POINTS_PER_CM, room):
                sheet.row_breaks.append(Break(id=row - 1))
