"""Small-cell suppression: counts between 1 and the threshold are not shown to those who see figures only because
they are published. Pure Python; a suppressed cell is None and is shown as "<10"."""

from types import SimpleNamespace

COUNT_FIELDS = (
    "workers",
    "workers_short",
    "workers_mid",
    "workers_long",
    "residents_brp",
    "residents_rni_assigned",
    "estimate_low",
    "estimate_central",
    "estimate_high",
)


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
