"""Reads for policy scans, scoped to the acting user, and the baseline (nulmeting) of a scan.

The baseline compares a scan with the municipality's earlier completed scan and with the average of its
region(s). Both are worked out from the database whatever the user's scope, as aggregates: a region average is
shown only when at least MIN_REGION_SCANS municipalities make it up, so that no other municipality's own scores
can be read from it."""

from collections import defaultdict
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
    return baselines([scan])[scan.pk]


def baselines(scans) -> dict[int, Baseline]:
    """baseline() of several scans (an API list page) in four queries, not several per scan and region."""
    scans = list(scans)
    on = timezone.localdate()
    in_force = Region.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on), municipalities__in={s.municipality_id for s in scans}
    )
    regions, members = {}, defaultdict(set)  # regions by name; region id → its municipality ids
    links = Region.municipalities.through.objects.filter(region__in=in_force.values("pk"))
    for link in links.select_related("region").order_by("region__name", "region_id"):
        regions.setdefault(link.region_id, link.region)
        members[link.region_id].add(link.municipality_id)
    completed = _completed_scans({s.municipality_id for s in scans}.union(*members.values()))
    averages = {pk: _region_average(region, members[pk], completed) for pk, region in regions.items()}
    result = {}
    for scan in scans:
        earlier = next(
            (s for s in completed[scan.municipality_id] if s.held_on < scan.held_on and s.pk != scan.pk), None
        )
        around = [averages[pk] for pk in regions if scan.municipality_id in members[pk]]
        result[scan.pk] = _baseline(scan, earlier, around)
    return result


def _completed_scans(municipality_ids) -> dict[int, list[Scan]]:
    """The completed scans of these municipalities, latest first (municipality id → scans)."""
    found = (
        Scan.objects.filter(municipality_id__in=list(municipality_ids), status=Scan.Status.COMPLETED)
        .select_related("question_set")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.only("scan_id", "statement_code", "score"))
        )
        .order_by("municipality_id", "-held_on", "-pk")
    )
    completed = defaultdict(list)
    for scan in found:
        completed[scan.municipality_id].append(scan)
    return completed


def _region_average(region: Region, municipality_ids, completed: dict) -> RegionAverage:
    """The average of the latest completed scan of each municipality of the region that has one."""
    latest = [completed[pk][0] for pk in sorted(municipality_ids) if completed[pk]]
    averages = maturity.region_average(scores(s) for s in latest)
    for code, average in averages.items():  # too few to show: keep only the count
        if average.n < MIN_REGION_SCANS:
            averages[code] = maturity.Average(None, average.n)
    return RegionAverage(region, averages, len(latest))


def _baseline(scan: Scan, earlier: Scan | None, regions: list[RegionAverage]) -> Baseline:
    current = scores(scan)
    earlier_scores = scores(earlier) if earlier else {}
    deltas = maturity.compare(current, earlier_scores)
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
