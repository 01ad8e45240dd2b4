"""How tests/data/bao-cao-07a.xls was made (once; the .xls is committed, so the tests need no LibreOffice).

The national form 07a (tests/figure_reports.py: merged header cells, numbering row, total rows "Tổng
cộng" and "Cấp xã" above the field rows, numbers as numbers) written as XLSX with openpyxl, then converted
to the old binary format (BIFF8) by LibreOffice:

    PYTHONPATH=. python tests/data/make_figures_xls.py
    soffice --headless -env:UserInstallation=file:///tmp/lo-profile --convert-to xls \\
        --outdir tests/data /tmp/bao-cao-07a.xlsx
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from figure_reports import national_rows, national_xlsx  # noqa: E402

if __name__ == "__main__":
    national_xlsx(Path("/tmp/bao-cao-07a.xlsx"), national_rows(text_numbers=False), sheet="BaoCao")
