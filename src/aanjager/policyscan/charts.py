"""The baseline chart: per domain a title line and a group of horizontal bars (this scan, the earlier scan, each region's average)
on the maturity scale 0–3, as plain numbers for an SVG template. The colours reach 3:1 against white, and every
bar carries its value and series in text, so colour is never the only cue."""

from aanjager.policyscan.selectors import Baseline

WIDTH, LEFT, RIGHT, TOP = 720, 240, 50, 10
TITLE, BAR, GAP, GROUP_GAP, AXIS = 18, 14, 3, 12, 26
SCALE_MAX = 3
COLOURS = ["#154273", "#e17000", "#1d6f42", "#7a3e00", "#3f7cb6"]


def baseline_chart(baseline: Baseline, series_labels: dict) -> dict | None:
    """series_labels: {"scan": ..., "earlier": ..., "region": "%(region)s"-style callable or text per region}."""
    if not baseline.rows:
        return None
    series = [{"key": "scan", "label": series_labels["scan"], "get": lambda row: row.score}]
    if baseline.earlier_scan is not None:
        series.append({"key": "earlier", "label": series_labels["earlier"], "get": lambda row: row.earlier})
    for i, average in enumerate(baseline.regions):
        if any(cell.score is not None for row in baseline.rows for cell in row.regions[i : i + 1]):
            series.append(
                {
                    "key": f"region-{i}",
                    "label": series_labels["region"](average.region),
                    "get": lambda row, i=i: row.regions[i].score,
                }
            )
    for i, s in enumerate(series):
        s["colour"] = COLOURS[i % len(COLOURS)]
    span = WIDTH - LEFT - RIGHT
    groups, y = [], TOP
    for row in baseline.rows:
        title_y = y + 13
        y += TITLE
        bars = []
        for s in series:
            value = s["get"](row)
            width = 0 if value is None else round(float(value) / SCALE_MAX * span, 1)
            bars.append(
                {
                    "label": s["label"],
                    "colour": s["colour"],
                    "value": value,
                    "y": y,
                    "width": width,
                    "text_x": round(LEFT + width + 4, 1),
                    "text_y": y + BAR - 3,
                }
            )
            y += BAR + GAP
        groups.append({"title": row.title, "title_y": title_y, "bars": bars})
        y += GROUP_GAP
    ticks = [
        {"value": v, "x": round(LEFT + v / SCALE_MAX * span, 1), "label_y": y + 14}
        for v in range(SCALE_MAX + 1)
    ]
    return {
        "width": WIDTH,
        "height": y + AXIS,
        "top": TOP,
        "axis_y": y,
        "left": LEFT,
        "label_x": LEFT - 8,
        "title_x": 10,
        "bar": BAR,
        "series": [{"label": s["label"], "colour": s["colour"]} for s in series],
        "groups": groups,
        "ticks": ticks,
    }
