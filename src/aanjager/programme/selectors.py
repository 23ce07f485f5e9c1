"""Reads for regional programmes, scoped to the acting user, and the matrix of who does what."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from aanjager.accounts import scoping
from aanjager.programme import matrix
from aanjager.programme.models import Measure, MeasurePackage, Participation, Programme, Spearhead


def programmes(*, user, action: str = "view") -> QuerySet:
    qs = Programme.objects.select_related("region")
    return scoping.filter_queryset(user, "programme", action, qs)


def programme_tree(programme: Programme) -> list[Spearhead]:
    """Spearheads with their packages and measures (and each measure's phase), in programme order."""
    measures = Measure.objects.select_related("phase").order_by("code")
    packages = MeasurePackage.objects.order_by("code").prefetch_related(
        Prefetch("measures", queryset=measures)
    )
    return list(
        programme.spearheads.order_by("number").prefetch_related(Prefetch("packages", queryset=packages))
    )


def measures_of(programme: Programme) -> QuerySet:
    return (
        Measure.objects.filter(package__spearhead__programme=programme)
        .select_related("package__spearhead__programme", "phase")  # the programme: scoping asks for it
        .order_by("package__spearhead__number", "package__code", "code")
    )


def measure_of(*, user, pk: int) -> Measure:
    """A measure of a programme the user may see; Measure.DoesNotExist otherwise."""
    visible = programmes(user=user).values("pk")
    return Measure.objects.select_related("package__spearhead__programme__region", "phase").get(
        pk=pk, package__spearhead__programme__in=visible
    )


@dataclass
class MatrixView:
    programme: Programme
    measures: list[Measure]
    municipalities: list
    matrix: matrix.Matrix
    participations: dict[tuple[int, int], Participation]

    def rows(self):
        """(spearhead or None, measure, [(municipality, cell, participation)], totals) in order; the spearhead
        is given on the first measure of each spearhead, to print a group heading."""
        previous = None
        for measure in self.measures:
            spearhead = measure.package.spearhead
            heading = spearhead if spearhead.pk != previous else None
            previous = spearhead.pk
            cells = [
                (m, self.matrix.cells[(measure.pk, m.pk)], self.participations.get((measure.pk, m.pk)))
                for m in self.municipalities
            ]
            yield heading, measure, cells, self.matrix.per_measure[measure.pk]

    def municipality_totals(self):
        return [(m, self.matrix.per_municipality[m.pk]) for m in self.municipalities]


def matrix_view(programme: Programme, *, phase=None, spearhead=None) -> MatrixView:
    measures = measures_of(programme)
    if phase is not None:
        measures = measures.filter(phase=phase)
    if spearhead is not None:
        measures = measures.filter(package__spearhead=spearhead)
    measures = list(measures)
    municipalities = list(programme.region.municipalities.order_by("name"))
    by_pk = {m.pk: m for m in measures}
    participations = {}
    for p in Participation.objects.filter(measure__in=by_pk):
        p.measure = by_pk[p.measure_id]  # already read: a rights check per cell would read it again
        participations[(p.measure_id, p.municipality_id)] = p
    built = matrix.build(
        [matrix.MeasureRow(m.pk, m.is_optional) for m in measures],
        [m.pk for m in municipalities],
        {key: matrix.Decision(p.decision, p.progress_percent) for key, p in participations.items()},
    )
    return MatrixView(programme, measures, municipalities, built, participations)
