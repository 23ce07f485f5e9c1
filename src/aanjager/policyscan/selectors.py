"""Reads for policy scans, scoped to the acting user, and the baseline (nulmeting) of a scan.

The baseline compares a scan with the municipality's earlier completed scan and with the average of its
region(s). Both are worked out from the database whatever the user's scope, as aggregates: a region average is
shown only when at least MIN_REGION_SCANS municipalities make it up, so that no other municipality's own scores
can be read from it."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from aanjager.accounts import scoping
from aanjager.geo.models import Region
from aanjager.policyscan import maturity
from aanjager.policyscan.models import Answer, QuestionSet, Recommendation, Scan

MIN_REGION_SCANS = 3


def scans(user, action: str = "view") -> QuerySet:
    qs = Scan.objects.select_related("municipality", "organisation", "question_set")
    return scoping.filter_queryset(user, "policy_scan", action, qs)


def question_sets() -> QuerySet:
    return QuestionSet.objects.all()


def recommendations(user, action: str = "view") -> QuerySet:
    return Recommendation.objects.filter(scan__in=scans(user, action).values("pk")).select_related(
        "scan", "measure"
    )


def domain_statements(question_set: QuestionSet) -> dict[str, list[str]]:
    return {d["code"]: [s["code"] for s in d["statements"]] for d in question_set.domains}


def scores(scan: Scan) -> dict[str, maturity.DomainScore]:
    """Per domain of the scan's question set: mean maturity and answered/total."""
    answers = {a.statement_code: a.score for a in scan.answers.all()}
    return maturity.domain_scores(domain_statements(scan.question_set), answers)


def earlier_scan(scan: Scan) -> Scan | None:
    """The latest completed scan of the same municipality held before this one."""
    return (
        Scan.objects.filter(municipality_id=scan.municipality_id, status=Scan.Status.COMPLETED)
        .filter(Q(held_on__lt=scan.held_on))
        .exclude(pk=scan.pk)
        .select_related("question_set")
        .order_by("-held_on", "-pk")
        .first()
    )


def regions_of(scan: Scan, on: dt.date | None = None) -> QuerySet:
    on = on or timezone.localdate()
    return (
        Region.objects.filter(municipalities=scan.municipality_id)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("name")
    )


def latest_completed_scans(municipality_ids) -> list[Scan]:
    """The latest completed scan of each of these municipalities (those without one are left out)."""
    found = (
        Scan.objects.filter(municipality_id__in=list(municipality_ids), status=Scan.Status.COMPLETED)
        .select_related("question_set")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.only("scan_id", "statement_code", "score"))
        )
        .order_by("municipality_id", "-held_on", "-pk")
    )
    latest = {}
    for scan in found:
        latest.setdefault(scan.municipality_id, scan)
    return list(latest.values())


@dataclass
class RegionAverage:
    region: Region
    averages: dict[str, maturity.Average]  # per domain code; score None when too few scans (see `shown`)
    municipalities: int  # municipalities with a completed scan in the region

    def shown(self, code: str) -> Decimal | None:
        average = self.averages.get(code)
        if average is None or average.n < MIN_REGION_SCANS:
            return None
        return maturity.rounded(average.score)

    def n(self, code: str) -> int:
        average = self.averages.get(code)
        return average.n if average else 0


def region_averages(scan: Scan) -> list[RegionAverage]:
    result = []
    for region in regions_of(scan):
        ids = region.municipalities.values_list("pk", flat=True)
        latest = latest_completed_scans(ids)
        averages = maturity.region_average(scores(s) for s in latest)
        for code, average in averages.items():  # too few to show: keep only the count
            if average.n < MIN_REGION_SCANS:
                averages[code] = maturity.Average(None, average.n)
        result.append(RegionAverage(region, averages, len(latest)))
    return result


@dataclass
class RegionCell:
    region: Region
    score: Decimal | None
    n: int


@dataclass
class BaselineRow:
    code: str
    title: str
    score: Decimal | None
    answered: int
    total: int
    earlier: Decimal | None = None
    delta: Decimal | None = None
    regions: list[RegionCell] = field(default_factory=list)
    exact: Fraction | None = None


@dataclass
class Baseline:
    scan: Scan
    rows: list[BaselineRow]
    overall: Decimal | None
    earlier_scan: Scan | None
    earlier_overall: Decimal | None
    regions: list[RegionAverage]
    min_region_scans: int = MIN_REGION_SCANS

    @property
    def answered(self) -> int:
        return sum(r.answered for r in self.rows)

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)


def baseline(scan: Scan) -> Baseline:
    """The scan's score per domain next to its earlier completed scan and the average of each region containing
    the municipality (the latest completed scan of each of its municipalities)."""
    current = scores(scan)
    earlier = earlier_scan(scan)
    earlier_scores = scores(earlier) if earlier else {}
    deltas = maturity.compare(current, earlier_scores)
    regions = region_averages(scan)
    titles = scan.question_set.domain_titles()
    rows = []
    for code, score in current.items():
        rows.append(
            BaselineRow(
                code=code,
                title=titles[code],
                score=maturity.rounded(score.score),
                answered=score.answered,
                total=score.total,
                earlier=maturity.rounded(earlier_scores[code].score) if code in earlier_scores else None,
                delta=maturity.rounded(deltas[code]),
                regions=[RegionCell(r.region, r.shown(code), r.n(code)) for r in regions],
                exact=score.score,
            )
        )
    return Baseline(
        scan=scan,
        rows=rows,
        overall=maturity.rounded(maturity.overall(current)),
        earlier_scan=earlier,
        earlier_overall=maturity.rounded(maturity.overall(earlier_scores)) if earlier else None,
        regions=regions,
    )


def measure_packages(user, scan: Scan) -> QuerySet:
    """Measure packages of programmes whose region contains the scan's municipality and that the user may change:
    where a recommendation of the scan can become a measure."""
    from aanjager.programme.models import MeasurePackage

    candidates = (
        MeasurePackage.objects.filter(spearhead__programme__region__municipalities=scan.municipality_id)
        .select_related("spearhead__programme")
        .distinct()
    )
    keep = [p.pk for p in candidates if scoping.allows(user, "programme", "change", p.spearhead.programme)]
    return (
        MeasurePackage.objects.filter(pk__in=keep)
        .select_related("spearhead__programme")
        .order_by("spearhead__programme__name", "spearhead__number", "code")
    )
