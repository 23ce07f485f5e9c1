"""Round numbers for a chart's value axis. Pure Python, no Django."""

import math


def nice_scale(maximum: float, intervals: int = 4) -> tuple[float, float]:
    """(top, step) of an axis from 0 that shows `maximum`: the step is 1, 2 or 5 times a power of ten (at least 1:
    these charts count people and beds) and the top the first multiple of it at or above the maximum, so that the
    axis has at most `intervals` intervals. 16,240 becomes 20,000 in steps of 5,000, not 4,060 × 4."""
    wanted = max(float(maximum), 1.0) / intervals
    power = 10 ** math.floor(math.log10(wanted))
    step = next(f * power for f in (1, 2, 5, 10) if f * power >= wanted - 1e-9 * power)
    step = max(step, 1.0)
    return step * math.ceil(max(float(maximum), 1.0) / step - 1e-9), step


def levels(maximum: float, intervals: int = 4) -> list[int | float]:
    """The labelled values of the axis: 0, step, 2 × step, …, top."""
    top, step = nice_scale(maximum, intervals)
    return [plain(k * step) for k in range(round(top / step) + 1)]


def plain(value: float) -> int | float:
    """20000 rather than 20000.0 on an axis."""
    return int(value) if float(value).is_integer() else value
