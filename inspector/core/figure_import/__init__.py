"""Figures read from the report the provincial one-stop system prints (form 07a, OpenCPS statistics…).

`readers` turns a file (XLSX, old binary XLS, an HTML table saved as .xls) into plain grids with merged
cells filled; `maps` reads the TOML maps that say which figure comes from which column and row;
`matcher` finds a map's header, columns and total row in a grid and reads the numbers; `preview` says
what an import would change (figures, computed criteria, checks) before anything is saved. Pure: the
store writes what a preview holds (`store/imported_figures.py`), the interfaces only show it.
"""
