"""Who does what: the matrix of measures × municipalities, and its totals. Pure: no Django imports.

A measure that is not optional applies to every municipality: without a decision it counts as taking part.
Progress averages are over the municipalities that take part only."""

from dataclasses import dataclass, field
from fractions import Fraction

IN, OUT, UNDECIDED = "in", "out", "undecided"


@dataclass(frozen=True)
class MeasureRow:
    key: int
    optional: bool = True


@dataclass(frozen=True)
class Decision:
    decision: str
    progress: int = 0  # percent, 0..100


@dataclass
class Cell:
    decision: str
    progress: int
    recorded: bool  # False: no decision recorded (shown as the default)


@dataclass
class Totals:
    taking_part: int = 0
    opted_out: int = 0
    undecided: int = 0
    progress_sum: int = field(default=0, repr=False)

    @property
    def mean_progress(self) -> Fraction | None:
        return Fraction(self.progress_sum, self.taking_part) if self.taking_part else None

    def add(self, cell: Cell) -> None:
        if cell.decision == IN:
            self.taking_part += 1
            self.progress_sum += cell.progress
        elif cell.decision == OUT:
            self.opted_out += 1
        else:
            self.undecided += 1


@dataclass
class Matrix:
    cells: dict[tuple[int, int], Cell]  # (measure key, municipality key) → cell
    per_measure: dict[int, Totals]
    per_municipality: dict[int, Totals]


def cell_for(measure: MeasureRow, decision: Decision | None) -> Cell:
    if decision is None or decision.decision == UNDECIDED:
        if not measure.optional:
            return Cell(IN, 0, recorded=decision is not None)
        return Cell(UNDECIDED, 0, recorded=decision is not None)
    if decision.decision == OUT and not measure.optional:  # cannot be stored; shown as taking part
        return Cell(IN, 0, recorded=True)
    progress = max(0, min(100, decision.progress)) if decision.decision == IN else 0
    return Cell(decision.decision, progress, recorded=True)


def build(
    measures: list[MeasureRow], municipalities: list[int], decisions: dict[tuple[int, int], Decision]
) -> Matrix:
    cells, per_measure, per_municipality = {}, {}, {m: Totals() for m in municipalities}
    for measure in measures:
        totals = per_measure[measure.key] = Totals()
        for municipality in municipalities:
            cell = cell_for(measure, decisions.get((measure.key, municipality)))
            cells[(measure.key, municipality)] = cell
            totals.add(cell)
            per_municipality[municipality].add(cell)
    return Matrix(cells, per_measure, per_municipality)
