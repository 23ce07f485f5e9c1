"""Server-drawn SVG for the bed-voor-bed timeline: no script, no CDN; the page shows the same figures in a table."""

import datetime as dt

from aanjager.core.chart_scale import levels
from aanjager.locations.bed_transition import Point


def transition_timeline(
    points: list[Point], today: dt.date, width: int = 640, height: int = 240
) -> dict | None:
    """Step lines of the beds taken out and brought in so far, over time, with a marker for today."""
    if not points:
        return None
    pad_left, pad_right, pad_top, pad_bottom = 48, 16, 12, 28
    first = min(points[0].day, today) - dt.timedelta(days=30)
    last = max(points[-1].day, today) + dt.timedelta(days=30)
    span = (last - first).days or 1
    values = levels(max([1] + [max(p.out_total, p.in_total) for p in points]))
    top = values[-1]
    plot_w, plot_h = width - pad_left - pad_right, height - pad_top - pad_bottom

    def x(day: dt.date) -> float:
        return round(pad_left + (day - first).days / span * plot_w, 1)

    def y(value: int) -> float:
        return round(pad_top + plot_h - value / top * plot_h, 1)

    def steps(attr: str) -> str:
        coords, previous = [(x(first), y(0))], 0
        for p in points:
            value = getattr(p, attr)
            coords += [(x(p.day), y(previous)), (x(p.day), y(value))]
            previous = value
        coords.append((x(last), y(previous)))
        return " ".join(f"{cx},{cy}" for cx, cy in coords)

    years = range(first.year + (first.month > 1 or first.day > 1), last.year + 1)
    ticks = [{"x": x(dt.date(year, 1, 1)), "label": year} for year in years]
    return {
        "width": width,
        "height": height,
        "x0": pad_left,
        "x1": width - pad_right,
        "axis_y": y(0),
        "levels": [{"y": y(v), "label": v} for v in values],
        "ticks": ticks,
        "out_line": steps("out_total"),
        "in_line": steps("in_total"),
        "today_x": x(today),
        "top_y": pad_top,
    }
