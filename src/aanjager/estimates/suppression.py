"""Small-cell suppression: counts between 1 and the threshold are not shown to those who see figures only because
they are published. Pure Python; a suppressed cell is None and is shown as "<10"."""

from types import SimpleNamespace

from aanjager.estimates.engine.run import RESULT_COLUMNS

COUNT_FIELDS = RESULT_COLUMNS[1:]  # every column of the result contract but the municipality code


def hide(value, threshold: int):
    return None if value is not None and 0 < value < threshold else value


def suppress(rows, threshold: int) -> list:
    """Copies of the rows (objects with a `municipality` and the count fields) with small cells set to None;
    `hidden_fields` names them, so that a hidden cell can be told from one that was never given (also None)."""
    copies = []
    for row in rows:
        values = {field: getattr(row, field) for field in COUNT_FIELDS}
        shown = {field: hide(value, threshold) for field, value in values.items()}
        copies.append(
            SimpleNamespace(
                municipality=row.municipality,
                not_in_table=getattr(row, "not_in_table", False),
                hidden_fields={f for f in COUNT_FIELDS if shown[f] is None and values[f] is not None},
                **shown,
            )
        )
    return copies


def shown(row, field: str, hidden_label: str, empty: str = "–"):
    """A cell for display: its value, the hidden label for a suppressed cell, `empty` for one never given."""
    value = getattr(row, field)
    if value is None:
        return hidden_label if field in getattr(row, "hidden_fields", ()) else empty
    return value


def label(threshold: int) -> str:
    return f"<{threshold}"
