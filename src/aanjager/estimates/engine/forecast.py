"""Forecast: grow a base estimate along low/central/high paths for up to +10 years. Pure Python.

A path is a yearly growth percentage (compound). With a trend, the percentages come from the region's totals in
runs of earlier years: the compound annual growth rate between the first and the last year, spread ±spread points
for low and high.
"""

from dataclasses import dataclass

HORIZON = 10


@dataclass(frozen=True)
class GrowthPaths:
    low: float  # percent per year, e.g. -1.0
    central: float
    high: float

    def __post_init__(self):
        if not self.low <= self.central <= self.high:
            raise ValueError("Growth needs low ≤ central ≤ high.")
        if min(self.low, self.central, self.high) <= -100:
            raise ValueError("Growth cannot be -100% or less per year.")


def compound(value: float, percent: float, years: int) -> float:
    return value * (1 + percent / 100) ** years


def project(
    base: dict[str, tuple[float, float, float]], base_year: int, paths: GrowthPaths, horizon: int = HORIZON
) -> dict[str, list[dict]]:
    """For each key (municipality code or 'total'): one row per year base_year..base_year+horizon with
    low/central/high. The low path starts from the low estimate, the high path from the high estimate, so the
    range widens with time rather than collapsing."""
    result = {}
    for key, (low, central, high) in base.items():
        result[key] = [
            {
                "year": base_year + k,
                "low": round(compound(low, paths.low, k)),
                "central": round(compound(central, paths.central, k)),
                "high": round(compound(high, paths.high, k)),
            }
            for k in range(horizon + 1)
        ]
    return result


def trend_paths(totals_by_year: dict[int, float], spread: float = 2.0) -> GrowthPaths:
    """Compound annual growth between the first and last year with a total above zero; ± spread points."""
    years = sorted(y for y, v in totals_by_year.items() if v > 0)
    if len(years) < 2:
        raise ValueError("A trend needs runs of at least two different years.")
    first, last = years[0], years[-1]
    rate = ((totals_by_year[last] / totals_by_year[first]) ** (1 / (last - first)) - 1) * 100
    rate = round(rate, 2)
    return GrowthPaths(low=round(rate - spread, 2), central=rate, high=round(rate + spread, 2))
