"""The arithmetic of the policy scan, free of Django: maturity per domain, the overall score, the average over the
scans of a region and the change against an earlier scan.

Scores are maturity levels 0–3. A domain's score is the mean of its answered statements, kept exact as a Fraction
(round only for display, with `rounded`); a domain without answers has no score (None), never 0. The overall
score is the mean of the domain scores, so that every domain weighs the same however many statements it has."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

MIN_SCORE, MAX_SCORE = 0, 3


@dataclass(frozen=True)
class DomainScore:
    code: str
    score: Fraction | None  # mean of the answered statements; None when none is answered
    answered: int
    total: int


@dataclass(frozen=True)
class Average:
    score: Fraction | None  # mean over the scans that answered the domain; None when none did
    n: int  # how many scans that is


def _mean(values: list) -> Fraction | None:
    return Fraction(sum(values), len(values)) if values else None


def domain_scores(domains: Mapping[str, Iterable[str]], answers: Mapping[str, int]) -> dict[str, DomainScore]:
    """Per domain (in the order given): the mean of the answered statements and answered/total.

    `domains` maps a domain code to its statement codes; `answers` maps a statement code to its score. Answers to
    statements outside the domains are ignored; a score outside 0–3 is a ValueError."""
    result = {}
    for code, statements in domains.items():
        statements = list(statements)
        scores = []
        for statement in statements:
            if statement not in answers:
                continue
            score = answers[statement]
            if isinstance(score, bool) or not isinstance(score, int) or not MIN_SCORE <= score <= MAX_SCORE:
                raise ValueError(f"{statement}: the score must be a whole number from 0 to 3, not {score!r}")
            scores.append(score)
        result[code] = DomainScore(code, _mean(scores), len(scores), len(statements))
    return result


def overall(scores: Mapping[str, DomainScore]) -> Fraction | None:
    """The mean of the domain scores of the domains that have one."""
    return _mean([s.score for s in scores.values() if s.score is not None])


def region_average(scans: Iterable[Mapping[str, Fraction | DomainScore | None]]) -> dict[str, Average]:
    """Per domain the mean over the scans that answered it, with their number. Each scan is a mapping from domain
    code to its score (a number, a DomainScore or None for no score)."""
    collected: dict[str, list] = {}
    for scan in scans:
        for code, value in scan.items():
            score = value.score if isinstance(value, DomainScore) else value
            bucket = collected.setdefault(code, [])
            if score is not None:
                bucket.append(Fraction(score))
    return {code: Average(_mean(values), len(values)) for code, values in collected.items()}


def compare(
    current: Mapping[str, Fraction | DomainScore | None], earlier: Mapping[str, Fraction | DomainScore | None]
) -> dict[str, Fraction | None]:
    """Per domain of the current scan: current minus earlier; None where either has no score."""

    def plain(value):
        return value.score if isinstance(value, DomainScore) else value

    deltas = {}
    for code, value in current.items():
        now, then = plain(value), plain(earlier.get(code))
        deltas[code] = None if now is None or then is None else Fraction(now) - Fraction(then)
    return deltas


def rounded(value: Fraction | None, places: int = 2) -> Decimal | None:
    """A score for display: half up, to `places` decimals."""
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, rounding=ROUND_HALF_UP)
