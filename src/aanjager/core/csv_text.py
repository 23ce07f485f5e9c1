"""What every CSV importer does alike, without Django (the estimate engine uses it too): bytes to text, Python's
csv errors in Dutch, and whole numbers as users type them."""

import csv


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (Excel's CSV); its five unused bytes become U+FFFD."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def error_reason(exc: csv.Error) -> str:
    """Why Python's csv reader stopped, in Dutch for users (it names no column)."""
    if "field limit" in str(exc):
        return f"een veld is langer dan {csv.field_size_limit():,} tekens".replace(",", ".")
    return "de CSV is hier niet te lezen: kijk naar aanhalingstekens die niet worden gesloten"


def is_whole_number(text: str) -> bool:
    """Digits 0–9 only: str.isdigit() also takes ² and other digits that int() refuses or reads otherwise."""
    return text.isascii() and text.isdigit()
