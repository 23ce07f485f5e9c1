"""Small-cell suppression: counts between 1 and the threshold are not shown to those who see figures only because
they are published. Pure Python; a suppressed cell is None and is shown as "<10"."""

from types import SimpleNamespace

from aanjager.estimates.engine.run import RESULT_COLUMNS

COUNT_FIELDS = RESULT_COLUMNS[1:]  # every column of the result contract but the municipality code


def hide(value, threshold: int):
    return None if value is not None and 0 < value < threshold else value


def suppress(rows, threshold: int) -> list:
    """Copies of the rows (objects with a `municipality` and the count fields) with small cells set to None."""
    return [
        SimpleNamespace(
            municipality=row.municipality,
            **{field: hide(getattr(row, field), threshold) for field in COUNT_FIELDS},
        )
        for row in rows
    ]


def label(threshold: int) -> str:
    return f"<{threshold}"
