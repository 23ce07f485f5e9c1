"""Definitions are data: who counts as a labour migrant (domain.md §1) and the stay-class thresholds (§2)."""

import re
from dataclasses import dataclass, field

EU11 = ("BG", "CZ", "EE", "HR", "HU", "LT", "LV", "PL", "RO", "SI", "SK")
EU_MEMBERS = (
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
)
EFTA = ("IS", "LI", "NO", "CH")


YEAR = "year"
MULTI_YEAR = "multi-year"
# Defaults per family (domain.md §2): within one year 1–3 / 4–11 / 12 months worked; over several years
# < 1 year / 1–5 years / > 5 years economically active in NL (Flexwonen/Decisio style).
STAY_DEFAULTS = {YEAR: (3, 11), MULTI_YEAR: (11, 60)}


@dataclass(frozen=True)
class StayThresholds:
    """Stay classes: 1..short_max short stay, ..mid_max mid stay, above that long stay.

    family "year": months worked in the reference year. family "multi-year": months economically active, from the
    first job-month in the loaded data to the last job-month in the reference year (both included).
    """

    short_max: int = 3
    mid_max: int = 11
    family: str = YEAR

    def __post_init__(self):
        if self.family not in STAY_DEFAULTS:
            raise ValueError(f"Stay family is {YEAR!r} or {MULTI_YEAR!r}.")
        top = 11 if self.family == YEAR else 600  # within a year, 12 months must remain possible as long stay
        if not 1 <= self.short_max < self.mid_max <= top:
            raise ValueError(f"Stay thresholds need 1 ≤ short_max < mid_max ≤ {top}.")

    @classmethod
    def defaults(cls, family: str = YEAR) -> "StayThresholds":
        short_max, mid_max = STAY_DEFAULTS.get(family, STAY_DEFAULTS[YEAR])
        return cls(short_max=short_max, mid_max=mid_max, family=family)

    @property
    def multi_year(self) -> bool:
        return self.family == MULTI_YEAR

    def classify(self, months: int) -> str:
        if months <= self.short_max:
            return "short"
        if months <= self.mid_max:
            return "mid"
        return "long"

    def describe(self) -> str:
        unit = "months active in NL" if self.multi_year else "months worked"
        return f"short 1-{self.short_max}, mid {self.short_max + 1}-{self.mid_max}, long {self.mid_max + 1}+ {unit}"


@dataclass(frozen=True)
class Definition:
    code: str
    label: str
    nationalities: tuple[str, ...]
    source: str
    stay: StayThresholds = field(default_factory=StayThresholds)

    def __post_init__(self):
        # The codes end up in SQL: only ISO 3166 alpha-2 codes pass.
        bad = [n for n in self.nationalities if not re.fullmatch(r"[A-Z]{2}", n)]
        if bad or not self.nationalities:
            raise ValueError(f"Nationalities are ISO 3166 alpha-2 codes; not: {bad or 'none given'}")


DEFINITIONS = {
    "eu11": Definition(
        code="eu11",
        label="EU-11 (Midden- en Oost-Europa)",
        nationalities=EU11,
        source="CBS 'EU-11'; the group housing studies target (domain.md §1)",
    ),
    "eu-efta": Definition(
        code="eu-efta",
        label="EU/EFTA behalve Nederland",
        nationalities=tuple(sorted({*EU_MEMBERS, *EFTA} - {"NL"})),
        source="EU member states except NL, plus IS, LI, NO, CH (domain.md §1)",
    ),
}
