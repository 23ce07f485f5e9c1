"""Server-drawn SVG charts for estimate results: no script, no CDN; every chart has the same figures in a table."""

from aanjager.core.chart_scale import levels, nice_scale, plain
from aanjager.geo import maps

CLASSES = 5


def _v(row, field) -> float:
    """A suppressed cell (None) draws as nothing."""
    return getattr(row, field) or 0


def work_vs_live(rows, width: int = 440, bar: int = 12, gap: int = 10, label_width: int = 130) -> dict:
    """Per municipality two bars: workers (works here) and the central estimate (lives here), with the
    low–high range of the living estimate as a line over the second bar. Drawn as wide as it is shown (half the
    page, next to the map), so that its labels keep their real size."""
    top = max([1] + [max(_v(r, "workers"), _v(r, "estimate_high")) for r in rows])
    scale = (width - label_width - 60) / top
    items, y = [], 8
    for r in rows:
        items.append(
            {
                "name": r.municipality.name,
                "y": y,
                "label_y": y + bar + 3,
                "work_w": round(_v(r, "workers") * scale, 1),
                "live_w": round(_v(r, "estimate_central") * scale, 1),
                "low_x": round(label_width + _v(r, "estimate_low") * scale, 1),
                "high_x": round(label_width + _v(r, "estimate_high") * scale, 1),
                "work": _v(r, "workers"),
                "live": _v(r, "estimate_central"),
                "live_y": y + bar + 2,
                "range_y": y + bar + 2 + bar / 2,
            }
        )
        y += 2 * bar + 2 + gap
    return {"width": width, "height": y + 4, "bar": bar, "x0": label_width, "items": items}


def stay_classes(rows, width: int = 640, bar: int = 16, gap: int = 8, label_width: int = 150) -> dict:
    """Stacked bars: workers by stay class."""
    top = max([1] + [_v(r, "workers") for r in rows])
    scale = (width - label_width - 60) / top
    items, y = [], 8
    for r in rows:
        short, mid = _v(r, "workers_short") * scale, _v(r, "workers_mid") * scale
        items.append(
            {
                "name": r.municipality.name,
                "y": y,
                "label_y": y + bar - 3,
                "short_w": round(short, 1),
                "mid_x": round(label_width + short, 1),
                "mid_w": round(mid, 1),
                "long_x": round(label_width + short + mid, 1),
                "long_w": round(_v(r, "workers_long") * scale, 1),
            }
        )
        y += bar + gap
    return {"width": width, "height": y + 4, "bar": bar, "x0": label_width, "items": items}


def choropleth(rows, value: str = "estimate_central") -> dict:
    """The region's municipalities shaded by `value` in up to five classes of round width (0–1.000, 1.000–2.000,
    …), with a legend; the classes spread over the five shades, so the largest value is always the darkest."""
    drawing = maps.svg_paths([r.municipality.code for r in rows])
    values = {r.municipality.code: _v(r, value) for r in rows}
    top, step = nice_scale(max(values.values(), default=0), CLASSES)
    count = max(round(top / step), 1)
    darkest = CLASSES - 1 if any(values.values()) else 0  # nobody anywhere: all light

    def shade(k: int) -> int:
        return round(k * darkest / (count - 1)) if count > 1 else darkest

    for path in drawing["paths"]:
        v = values.get(path["code"], 0)
        path["klass"] = shade(min(int(v // step), count - 1))
        path["value"] = v
    drawing["legend"] = [
        {"klass": shade(k), "low": plain(k * step), "high": plain((k + 1) * step)} for k in range(count)
    ]
    return drawing


def fan(rows, width: int = 640, height: int = 260, pad: int = 40) -> dict:
    """Low/central/high lines over the years, with the band between low and high."""
    values = levels(max([1] + [r["high"] for r in rows]))
    top = values[-1]
    years = [r["year"] for r in rows]
    span = max(years[-1] - years[0], 1)

    def x(year):
        return round(pad + (year - years[0]) / span * (width - 2 * pad), 1)

    def y(value):
        return round(height - pad - value / top * (height - 2 * pad), 1)

    def line(key):
        return " ".join(f"{x(r['year'])},{y(r[key])}" for r in rows)

    band = line("high") + " " + " ".join(f"{x(r['year'])},{y(r['low'])}" for r in reversed(rows))
    ticks = [{"x": x(r["year"]), "label": r["year"]} for r in rows[::2]]
    return {
        "width": width,
        "height": height,
        "band": band,
        "low": line("low"),
        "central": line("central"),
        "high": line("high"),
        "ticks": ticks,
        "levels": [{"y": y(v), "label": v} for v in values],
        "axis_y": height - pad,
        "pad": pad,
    }
