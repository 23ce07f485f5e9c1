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


@dataclass(frozen=True)
class StayThresholds:
    """Months worked in the reference year: 1..short_max short stay, ..mid_max mid stay, above that long stay."""

    short_max: int = 3
    mid_max: int = 11

    def __post_init__(self):
        if not 1 <= self.short_max < self.mid_max <= 11:  # 12 months must remain possible as long stay
            raise ValueError("Stay thresholds need 1 ≤ short_max < mid_max ≤ 11.")

    def classify(self, months_worked: int) -> str:
        if months_worked <= self.short_max:
            return "short"
        if months_worked <= self.mid_max:
            return "mid"
        return "long"


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
