"""Server-drawn SVG: the demand band (low–high, central line) against the supply as steps, per year."""

from aanjager.core.chart_scale import levels


def demand_and_supply(rows: list[dict], width: int = 640, height: int = 280, pad: int = 44) -> dict | None:
    """rows: {"year", "low", "central", "high", "supply"} per year, in order."""
    if not rows:
        return None
    values = levels(max(max(r["high"], r["supply"]) for r in rows))
    top = values[-1]
    years = [r["year"] for r in rows]
    span = max(years[-1] - years[0], 1)
    step_width = (width - 2 * pad) / (span + 1)

    def x(year) -> float:
        return round(pad + (year - years[0]) / (span + 1) * (width - 2 * pad) + step_width / 2, 1)

    def y(value) -> float:
        return round(height - pad - value / top * (height - 2 * pad), 1)

    def line(key) -> str:
        return " ".join(f"{x(r['year'])},{y(r[key])}" for r in rows)

    band = line("high") + " " + " ".join(f"{x(r['year'])},{y(r['low'])}" for r in reversed(rows))
    supply, previous = [], None
    for r in rows:
        left, right = x(r["year"]) - step_width / 2, x(r["year"]) + step_width / 2
        if previous is not None:
            supply.append(f"{round(left, 1)},{y(previous)}")
        supply += [f"{round(left, 1)},{y(r['supply'])}", f"{round(right, 1)},{y(r['supply'])}"]
        previous = r["supply"]
    return {
        "width": width,
        "height": height,
        "pad": pad,
        "band": band,
        "central": line("central"),
        "supply": " ".join(supply),
        "ticks": [{"x": x(r["year"]), "label": r["year"]} for r in rows],
        "levels": [{"y": y(v), "label": v} for v in values],
        "axis_y": height - pad,
        "right": width - pad,
    }
