"""Housing quality norms as data, evaluated per location and date (domain.md §5). Pure Python, no Django.

A norm set is a versioned list of rules; each rule has a kind (what it measures), a threshold, the dates it is valid,
the housing forms it applies to and its source. `evaluate` gives every applicable rule a pass, fail or unknown with
the reason, and the number of beds the location may hold under the set.
"""

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum

HOUSING_FORMS = {
    "regular_dwelling": "reguliere woning",
    "room_in_family_home": "kamer in een gezinswoning",
    "hotel_pension": "hotel of pension",
    "building_units": "units in een gebouwencomplex",
    "modular_units": "modulaire units",
    "recreation_site": "recreatieterrein",
    "seasonal_farm": "seizoenshuisvesting op het boerenerf",
    "other": "anders",
}


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"


class Kind(StrEnum):
    """What a rule measures. Capacity kinds limit the number of persons; the others are yes/no conditions."""

    AREA_PER_PERSON = "area_per_person"  # m² GBO per person, at least
    BEDROOM_AREA_PER_PERSON = "bedroom_area_per_person"  # m² bedroom floor per person, at least
    PERSONS_PER_BEDROOM = "persons_per_bedroom"  # persons in any one bedroom, at most
    PERSONS_PER_TOILET = "persons_per_toilet"  # at most
    PERSONS_PER_SHOWER = "persons_per_shower"  # at most
    NO_BUNK_BEDS = "no_bunk_beds"
    UNDER_ONE_ROOF = "under_one_roof"  # sleeping, sanitary, kitchen and living under one roof


CAPACITY_KINDS = {
    Kind.AREA_PER_PERSON,
    Kind.BEDROOM_AREA_PER_PERSON,
    Kind.PERSONS_PER_BEDROOM,
    Kind.PERSONS_PER_TOILET,
    Kind.PERSONS_PER_SHOWER,
}
NEEDS_THRESHOLD = CAPACITY_KINDS


@dataclass(frozen=True)
class LocationFacts:
    """What is known of a location; None = not known (the rules that need it come out 'unknown')."""

    housing_form: str
    beds: int | None
    bedrooms: int | None = None
    max_persons_in_a_bedroom: int | None = None
    floor_area_gbo: float | None = None  # gebruiksoppervlakte, m²
    bedroom_area: float | None = None  # all bedrooms together, m²
    toilets: int | None = None
    showers: int | None = None
    bunk_beds: bool | None = None
    under_one_roof: bool | None = None
    new_build: bool | None = None  # built or converted for this use under the current rules


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    kind: Kind
    threshold: float | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None  # first day it no longer applies
    housing_forms: frozenset[str] | None = None  # None = every form
    new_build_only: bool = False
    source: str = ""

    def __post_init__(self):
        if self.kind in NEEDS_THRESHOLD and (self.threshold is None or self.threshold <= 0):
            raise ValueError(f"Rule {self.code}: a {self.kind} rule needs a threshold above 0.")
        if self.valid_from and self.valid_to and self.valid_to <= self.valid_from:
            raise ValueError(f"Rule {self.code}: valid_to must lie after valid_from.")
        unknown = set(self.housing_forms or ()) - set(HOUSING_FORMS)
        if unknown:
            raise ValueError(f"Rule {self.code}: unknown housing forms {sorted(unknown)}.")

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


@dataclass(frozen=True)
class NormSet:
    code: str
    version: str
    name: str
    rules: tuple[Rule, ...]
    source: str = ""
    valid_from: dt.date | None = None

    def with_rules(self, *rules: Rule, name: str | None = None) -> "NormSet":
        """A set with local rules added (a municipality may ask more than the preset)."""
        return replace(self, rules=self.rules + tuple(rules), name=name or self.name)


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    outcome: Outcome
    measured: float | None
    why: (
        "str | Callable[[], str]"  # the reason, written out only when asked (judging thousands needs no text)
    )
    capacity: int | None = None  # persons this rule allows, for capacity kinds with known facts

    @property
    def reason(self) -> str:
        return self.why() if callable(self.why) else self.why


@dataclass(frozen=True)
class NormReport:
    norm_set: NormSet
    on: dt.date
    results: tuple[RuleResult, ...] = field(default_factory=tuple)
    not_applicable: tuple[Rule, ...] = field(default_factory=tuple)

    @property
    def outcome(self) -> Outcome:
        outcomes = {r.outcome for r in self.results}
        if Outcome.FAIL in outcomes:
            return Outcome.FAIL
        return Outcome.UNKNOWN if Outcome.UNKNOWN in outcomes else Outcome.PASS

    def compliant_beds(self, beds: int | None) -> int | None:
        """Beds the location may hold under the set on the date: 0 when a condition fails (bunk beds, not under
        one roof), else the smallest capacity of the capacity rules, at most its beds; None when unknown."""
        if beds is None:
            return None
        if any(r.outcome == Outcome.FAIL and r.rule.kind not in CAPACITY_KINDS for r in self.results):
            return 0
        if any(r.outcome == Outcome.UNKNOWN for r in self.results):
            return None
        return min([beds] + [r.capacity for r in self.results if r.capacity is not None])


def _fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _per_person(rule: Rule, area: float | None, beds: int | None, what: str) -> RuleResult:
    if area is None:
        return RuleResult(rule, Outcome.UNKNOWN, None, f"{what} is niet bekend")
    if not beds:
        return RuleResult(rule, Outcome.UNKNOWN, None, "het aantal bedden is niet bekend of 0")
    measured = area / beds
    capacity = math.floor(area / rule.threshold + 1e-9)

    def why() -> str:
        text = f"{_fmt(measured)} m² per persoon; minstens {_fmt(rule.threshold)} m² per persoon"
        return text if measured + 1e-9 >= rule.threshold else f"{text} (ruimte voor {capacity})"

    outcome = Outcome.PASS if measured + 1e-9 >= rule.threshold else Outcome.FAIL
    return RuleResult(rule, outcome, measured, why, capacity)


def _persons_per(rule: Rule, count: int | None, beds: int | None, what: str, one: str) -> RuleResult:
    if count is None:
        return RuleResult(rule, Outcome.UNKNOWN, None, f"het aantal {what} is niet bekend")
    if beds is None:
        return RuleResult(rule, Outcome.UNKNOWN, None, "het aantal bedden is niet bekend")
    capacity = int(count * rule.threshold)

    def required() -> str:
        return f"hoogstens {_fmt(rule.threshold)} personen per {one}"

    if count == 0:
        outcome = Outcome.PASS if beds == 0 else Outcome.FAIL
        return RuleResult(rule, outcome, None, lambda: f"geen {what}; {required()}", 0)
    measured = beds / count
    outcome = Outcome.PASS if measured <= rule.threshold + 1e-9 else Outcome.FAIL
    return RuleResult(
        rule, outcome, measured, lambda: f"{_fmt(measured)} personen per {one}; {required()}", capacity
    )


def evaluate_rule(rule: Rule, facts: LocationFacts) -> RuleResult:
    kind, f = rule.kind, facts
    if kind == Kind.AREA_PER_PERSON:
        return _per_person(rule, f.floor_area_gbo, f.beds, "het vloeroppervlak (GBO)")
    if kind == Kind.BEDROOM_AREA_PER_PERSON:
        return _per_person(rule, f.bedroom_area, f.beds, "het slaapkameroppervlak")
    if kind == Kind.PERSONS_PER_TOILET:
        return _persons_per(rule, f.toilets, f.beds, "toiletten", "toilet")
    if kind == Kind.PERSONS_PER_SHOWER:
        return _persons_per(rule, f.showers, f.beds, "douches", "douche")
    if kind == Kind.PERSONS_PER_BEDROOM:
        if f.max_persons_in_a_bedroom is None:
            return RuleResult(rule, Outcome.UNKNOWN, None, "de bezetting per slaapkamer is niet bekend")
        capacity = int(f.bedrooms * rule.threshold) if f.bedrooms is not None else None
        measured = f.max_persons_in_a_bedroom
        if f.bedrooms and f.beds:  # beds spread over the bedrooms put at least this many in the fullest one
            measured = max(measured, math.ceil(f.beds / f.bedrooms))
        outcome = Outcome.PASS if measured <= rule.threshold else Outcome.FAIL
        if outcome == Outcome.FAIL and f.beds is not None:
            # At least the persons above the limit in the fullest room do not comply, whatever the room count.
            over = max(0, f.beds - int(measured - rule.threshold))
            capacity = over if capacity is None else min(capacity, over)
        return RuleResult(
            rule,
            outcome,
            measured,
            lambda: f"{measured} in de drukste slaapkamer; hoogstens {_fmt(rule.threshold)} per slaapkamer",
            capacity,
        )
    if kind == Kind.NO_BUNK_BEDS:
        if f.bunk_beds is None:
            return RuleResult(rule, Outcome.UNKNOWN, None, "niet bekend of er stapelbedden zijn")
        return RuleResult(
            rule,
            Outcome.FAIL if f.bunk_beds else Outcome.PASS,
            None,
            "er staan stapelbedden" if f.bunk_beds else "geen stapelbedden",
        )
    if kind == Kind.UNDER_ONE_ROOF:
        if f.under_one_roof is None:
            return RuleResult(rule, Outcome.UNKNOWN, None, "niet bekend of alles onder één dak is")
        return RuleResult(
            rule,
            Outcome.PASS if f.under_one_roof else Outcome.FAIL,
            None,
            "slapen, sanitair, keuken en woonruimte onder één dak"
            if f.under_one_roof
            else "slapen, sanitair, keuken en woonruimte niet onder één dak",
        )
    raise ValueError(f"Unknown rule kind {kind!r}")  # pragma: no cover - Kind is closed


def applies(rule: Rule, facts: LocationFacts, on: dt.date) -> bool:
    if not rule.valid_on(on):
        return False
    return rule.housing_forms is None or facts.housing_form in rule.housing_forms


def evaluate(facts: LocationFacts, norm_set: NormSet, on: dt.date) -> NormReport:
    """Every rule of the set valid on `on` for this housing form, with its outcome and reason."""
    results, skipped = [], []
    for rule in norm_set.rules:
        if not applies(rule, facts, on):
            skipped.append(rule)
        elif rule.new_build_only and facts.new_build is None:
            results.append(RuleResult(rule, Outcome.UNKNOWN, None, "niet bekend of dit nieuwbouw is"))
        elif rule.new_build_only and not facts.new_build:
            skipped.append(rule)
        else:
            results.append(evaluate_rule(rule, facts))
    return NormReport(norm_set, on, tuple(results), tuple(skipped))


def compliant_beds(facts: LocationFacts, rules: tuple[Rule, ...]) -> int | None:
    """evaluate(facts, set of `rules`, day).compliant_beds(facts.beds), for rules already known to be in force on
    that day, without writing a report: the register and the housing task judge thousands of locations at a time.
    tests/unit/test_norms.py checks that both give the same answer for any facts and rules."""
    beds = facts.beds
    if beds is None:
        return None
    condition_failed = unknown = False
    least = beds
    for rule in rules:
        if rule.housing_forms is not None and facts.housing_form not in rule.housing_forms:
            continue
        if rule.new_build_only:
            if facts.new_build is None:
                unknown = True
                continue
            if not facts.new_build:
                continue
        kind, threshold = rule.kind, rule.threshold
        capacity = None
        if kind == Kind.AREA_PER_PERSON or kind == Kind.BEDROOM_AREA_PER_PERSON:
            area = facts.floor_area_gbo if kind == Kind.AREA_PER_PERSON else facts.bedroom_area
            if area is None or not beds:
                unknown = True
                continue
            capacity = math.floor(area / threshold + 1e-9)
        elif kind == Kind.PERSONS_PER_TOILET or kind == Kind.PERSONS_PER_SHOWER:
            count = facts.toilets if kind == Kind.PERSONS_PER_TOILET else facts.showers
            if count is None:
                unknown = True
                continue
            capacity = int(count * threshold) if count else 0
        elif kind == Kind.PERSONS_PER_BEDROOM:
            f = facts
            if f.max_persons_in_a_bedroom is None:
                unknown = True
                continue
            capacity = int(f.bedrooms * threshold) if f.bedrooms is not None else None
            measured = f.max_persons_in_a_bedroom
            if f.bedrooms and beds:
                measured = max(measured, math.ceil(beds / f.bedrooms))
            if measured > threshold:
                over = max(0, beds - int(measured - threshold))
                capacity = over if capacity is None else min(capacity, over)
        elif kind == Kind.NO_BUNK_BEDS:
            if facts.bunk_beds is None:
                unknown = True
            elif facts.bunk_beds:
                condition_failed = True
            continue
        elif kind == Kind.UNDER_ONE_ROOF:
            if facts.under_one_roof is None:
                unknown = True
            elif not facts.under_one_roof:
                condition_failed = True
            continue
        if capacity is not None and capacity < least:
            least = capacity
    if condition_failed:
        return 0
    return None if unknown else least


# Remembered answers of compliant_beds_judge: per set of rules in force, per location facts. Pure, so safe to keep
# between requests; bounded so that it cannot grow without end.
_REMEMBERED: dict[tuple[Rule, ...], dict[LocationFacts, int | None]] = {}
_REMEMBER_AT_MOST = 200_000


def compliant_beds_judge(norm_set: NormSet, on: dt.date):
    """A function facts → compliant beds (as evaluate(...).compliant_beds(facts.beds)) under the rules of
    `norm_set` in force on `on`. The same facts under the same rules give the same answer on any day, so a page that
    asks for today and a year ago evaluates each location once."""
    rules = tuple(r for r in norm_set.rules if r.valid_on(on))
    if sum(len(b) for b in _REMEMBERED.values()) > _REMEMBER_AT_MOST:
        _REMEMBERED.clear()
    bucket = _REMEMBERED.setdefault(rules, {})

    def judge(facts: LocationFacts) -> int | None:
        try:
            return bucket[facts]
        except KeyError:
            value = bucket[facts] = compliant_beds(facts, rules)
            return value

    return judge
