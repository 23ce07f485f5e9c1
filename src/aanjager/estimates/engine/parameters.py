from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class EstimateParameters:
    """The [A] parameters of domain.md §3–4, shown next to every result with their source (estimates/sources.py)."""

    # Share of labour migrants registered in the BRP at their real address ("registratiegraad").
    registration_rate_low: float = 0.33
    registration_rate_central: float = 0.40
    registration_rate_high: float = 0.50
    # Where RNI workers live: "work" = where they work; "commute" = as BRP workers of the same work municipality.
    rni_assignment: str = "work"

    def __post_init__(self):
        rates = (self.registration_rate_low, self.registration_rate_central, self.registration_rate_high)
        if not all(0 < r <= 1 for r in rates):
            raise ValueError("Registration rates lie between 0 and 1.")
        if not rates[0] <= rates[1] <= rates[2]:
            raise ValueError("Registration rates need low ≤ central ≤ high.")
        if self.rni_assignment not in ("work", "commute"):
            raise ValueError("rni_assignment is 'work' or 'commute'.")

    def as_dict(self) -> dict:
        return asdict(self)
