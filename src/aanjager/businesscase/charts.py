"""The tornado chart of a variant's sensitivity, as plain numbers for an SVG template."""

from aanjager.businesscase.finance import Bar

WIDTH, LABEL, ROW, TOP = 640, 190, 30, 10


def tornado(bars: list[Bar]) -> dict | None:
    """Bars around the base NPV: left of the line lowers the NPV, right raises it; largest swing on top."""
    if not bars:
        return None
    base = bars[0].base_npv
    reach = max(max(abs(b.npv_low - base), abs(b.npv_high - base)) for b in bars) or 1.0
    half = (WIDTH - LABEL - 20) / 2
    centre = LABEL + 10 + half
    rows = []
    for i, bar in enumerate(bars):
        lo, hi = sorted((bar.npv_low - base, bar.npv_high - base))
        x0 = centre + lo / reach * half
        x1 = centre + hi / reach * half
        rows.append(
            {
                "label": bar.label,
                "y": TOP + i * ROW,
                "x": round(x0, 1),
                "width": round(max(x1 - x0, 1.0), 1),
                "low": round(bar.npv_low),
                "high": round(bar.npv_high),
                "low_value": bar.low_value,
                "high_value": bar.high_value,
            }
        )
    return {
        "width": WIDTH,
        "height": TOP * 2 + len(bars) * ROW,
        "centre": round(centre, 1),
        "label_x": LABEL,
        "rows": rows,
        "base": round(base),
    }
