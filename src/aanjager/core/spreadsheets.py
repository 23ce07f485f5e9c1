"""Safe cells for CSV downloads: text a spreadsheet would read as a formula gets a leading quote.

Names and labels are typed by users (operators, organisations); a cell like `=HYPERLINK(...)` must stay text when
someone opens the download in Excel or LibreOffice (CSV/formula injection)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
