"""Company impact (seed 003, domain.md §8): from a company's plan to beds by stay class, year and municipality.
Pure Python, no Django.

    jobs          = FTE × headcount per FTE × shift factor        (or jobs given directly)
    migrant jobs  = jobs × share operational × share labour migrants (sector default, overridable)
    beds          = max(migrant jobs − already housed in the region, 0) × seasonal peak factor
                    × (1 − share of long stay in regular housing) ÷ target occupancy
                    split by stay class, and over municipalities by a key or by distance

Every ratio is a labelled default ([A]); the report shows each step with its numbers.
"""

import datetime as dt
import math
from dataclasses import dataclass, field

STAY_CLASSES = ("short", "mid", "long")

# Sector → (label, low, high share of operational jobs held by labour migrants). domain.md §8 [A].
SECTORS = {
    "xxl_logistics": ("XXL-logistiek (distributiecentrum)", 0.30, 0.60),
    "meat_processing": ("Vleesverwerking", 0.50, 0.80),
    "glasshouse_horticulture": ("Glastuinbouw", 0.40, 0.70),
    "food_processing": ("Voedingsmiddelenindustrie", 0.30, 0.50),
    "other": ("Anders", 0.10, 0.30),
}


def sector_default(sector: str) -> float:
    """The middle of the sector's range."""
    _label, low, high = SECTORS[sector]
    return round((low + high) / 2, 4)


@dataclass(frozen=True)
class Phase:
    starts_on: dt.date
    amount: float  # added from this date on
    unit: str = "fte"  # "fte" | "jobs"


@dataclass(frozen=True)
class Assumptions:
    headcount_per_fte: float = 1.2  # [A] 1.1–1.3
    shift_factor: float = 1.0  # [A] extra people per job for shift work beyond the FTE count
    share_operational: float = 0.8  # [A] operational (not office) jobs
    share_migrants: float | None = None  # None = the sector default
    already_housed: float = 0.0  # migrant workers already housed in the region
    seasonal_peak: float = 1.0  # [A] peak headcount ÷ average
    share_long_regular: float = 0.3  # [A] long stay that finds regular housing
    target_occupancy: float = 0.9  # [A] 0.85–0.95
    stay_split: dict = field(default_factory=lambda: {"short": 0.3, "mid": 0.4, "long": 0.3})  # [A]

    def __post_init__(self):
        for name in ("share_operational", "share_long_regular"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"{name} lies from 0 to 1.")
        if self.share_migrants is not None and not 0 <= self.share_migrants <= 1:
            raise ValueError("share_migrants lies from 0 to 1.")
        if not 0 < self.target_occupancy <= 1:
            raise ValueError("target_occupancy lies above 0 and at most 1.")
        if self.headcount_per_fte <= 0 or self.shift_factor <= 0 or self.seasonal_peak <= 0:
            raise ValueError("headcount_per_fte, shift_factor and seasonal_peak are above 0.")
        if self.already_housed < 0:
            raise ValueError("already_housed cannot be negative.")
        if set(self.stay_split) != set(STAY_CLASSES) or abs(sum(self.stay_split.values()) - 1) > 1e-6:
            raise ValueError("stay_split gives short, mid and long, adding up to 1.")


@dataclass(frozen=True)
class Step:
    """One line of the effect report: what was computed, from what, with which value."""

    label: str
    value: float
    how: str


def jobs_in(phases: list[Phase], year: int, a: Assumptions) -> float:
    """Jobs at the company in `year`: every phase started by 31 December of that year."""
    total = 0.0
    for phase in phases:
        if phase.starts_on.year <= year:
            total += phase.amount * (a.headcount_per_fte if phase.unit == "fte" else 1.0) * a.shift_factor
    return total


def beds_in(phases: list[Phase], sector: str, year: int, a: Assumptions) -> tuple[dict, list[Step]]:
    """Beds needed in `year` by stay class, with the steps that made them."""
    share = a.share_migrants if a.share_migrants is not None else sector_default(sector)
    jobs = jobs_in(phases, year, a)
    migrant = jobs * a.share_operational * share
    to_house = max(migrant - a.already_housed, 0.0)
    beds = to_house * a.seasonal_peak * (1 - a.share_long_regular) / a.target_occupancy
    steps = [
        Step(
            "Banen", jobs, f"fte × {a.headcount_per_fte:g} personen per fte × ploegfactor {a.shift_factor:g}"
        ),
        Step(
            "Banen voor arbeidsmigranten",
            migrant,
            f"× {a.share_operational:g} operationeel × {share:g} arbeidsmigranten"
            + (" (sectorgemiddelde)" if a.share_migrants is None else " (eigen aanname)"),
        ),
        Step("Te huisvesten", to_house, f"− {a.already_housed:g} al gehuisvest in de regio"),
        Step(
            "Bedden",
            beds,
            f"× piekfactor {a.seasonal_peak:g} × (1 − {a.share_long_regular:g} lang verblijf regulier) "
            f"÷ bezetting {a.target_occupancy:g}",
        ),
    ]
    return {c: beds * a.stay_split[c] for c in STAY_CLASSES}, steps


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def distance_weights(
    origin: tuple[float, float], places: dict[str, tuple[float, float]], scale_km: float = 10.0
):
    """Nearer municipalities house more: weight ∝ 1 / (1 + distance ÷ scale)², normalised to 1 ([A] scale 10 km)."""
    raw = {code: 1 / (1 + distance_km(origin, point) / scale_km) ** 2 for code, point in places.items()}
    return normalise(raw)


def normalise(values: dict[str, float]) -> dict[str, float]:
    total = sum(v for v in values.values() if v > 0)
    if total <= 0:
        raise ValueError("A distribution key needs at least one value above 0.")
    return {code: max(v, 0) / total for code, v in values.items()}


def distribute(beds: dict[str, float], weights: dict[str, float]) -> dict[str, dict[str, float]]:
    """Beds per stay class spread over municipalities by weights that add up to 1."""
    return {code: {c: beds[c] * w for c in STAY_CLASSES} for code, w in weights.items()}
