"""Regional distribution of the housing task (seed 004: spread evenly, close to work, no waterbed effect).
Pure Python with SciPy (HiGHS), no Django.

Two ways to share a regional gap of G beds over the member municipalities:
- a key: in proportion to the jobs held by labour migrants, to the population, to the current effort (beds in use),
  or a weighted mix of these;
- the optimiser: a linear programme that houses the workers of each municipality (G split by where the jobs are)
  in the municipalities, minimising the total home–work distance, subject to each municipality's minimum share,
  maximum share and the beds its available sites can hold.

Any allocation's distance is measured the same way: the least total distance at which the workers can be housed in
the beds it gives each municipality (a transport problem). So the optimiser is never worse than a key that keeps
the same bounds.
"""

import math
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

BASES = ("jobs", "population", "effort")


@dataclass(frozen=True)
class Member:
    code: str
    name: str
    jobs: float  # labour migrants working here (the estimate's workers)
    effort: float = 0.0  # beds in use now
    population: float | None = None  # inhabitants, when imported
    lat: float | None = None
    lon: float | None = None
    min_share: float = 0.0
    max_share: float = 1.0
    capacity: float | None = None  # beds the available sites can hold; None = no limit


class Infeasible(ValueError):
    """The bounds leave no allocation; the message says which bound to relax, in Dutch."""


@dataclass
class Allocation:
    method: str
    beds: dict[str, float]  # per municipality code
    km: float | None = None  # least total home–work distance for these beds (bed-km)
    explanations: list[str] = field(default_factory=list)  # shadow prices in words

    def shares(self) -> dict[str, float]:
        total = sum(self.beds.values())
        return {code: (b / total if total else 0.0) for code, b in self.beds.items()}


def _fmt(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def key_shares(members: list[Member], weights: dict[str, float]) -> dict[str, float]:
    """Each basis normalised over the members, then mixed with the weights (which need not add up to 1)."""
    unknown = set(weights) - set(BASES)
    if unknown:
        raise ValueError(f"Onbekende verdeelsleutel: {', '.join(sorted(unknown))}.")
    used = {basis: w for basis, w in weights.items() if w > 0}
    if not used:
        raise ValueError("Geef minstens één verdeelsleutel een gewicht boven 0.")
    mixed = dict.fromkeys((m.code for m in members), 0.0)
    for basis, weight in used.items():
        values = {m.code: getattr(m, basis) for m in members}
        missing = [m.name for m in members if values[m.code] is None]
        if missing:
            raise ValueError(f"De sleutel '{basis}' mist een waarde voor: {', '.join(missing)}.")
        total = sum(values.values())
        if total <= 0:
            raise ValueError(f"De sleutel '{basis}' is overal 0.")
        for code, value in values.items():
            mixed[code] += weight / sum(used.values()) * value / total
    return mixed


def by_key(gap: float, members: list[Member], weights: dict[str, float]) -> Allocation:
    shares = key_shares(members, weights)
    name = " + ".join(f"{b} {w:g}" for b, w in weights.items() if w > 0)
    return Allocation(f"sleutel: {name}", {code: max(gap, 0) * share for code, share in shares.items()})


def distance_matrix(members: list[Member], table: dict[tuple[str, str], float] | None = None) -> np.ndarray:
    """Kilometres between municipalities: a given table first, else great-circle distance between centroids.
    Housing workers in the municipality where they work counts as 0 km."""
    n = len(members)
    d = np.zeros((n, n))
    for i, a in enumerate(members):
        for j, b in enumerate(members):
            if i == j:
                continue
            if table and (a.code, b.code) in table:
                d[i, j] = table[(a.code, b.code)]
            elif None in (a.lat, a.lon, b.lat, b.lon):
                raise ValueError(f"Geen afstand bekend tussen {a.name} en {b.name}.")
            else:
                d[i, j] = _great_circle((a.lat, a.lon), (b.lat, b.lon))
    return d


def _great_circle(p: tuple[float, float], q: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*p, *q))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _origins(gap: float, members: list[Member]) -> np.ndarray:
    """The gap split by where the jobs are: the workers to be housed, per work municipality."""
    jobs = np.array([max(m.jobs, 0.0) for m in members])
    if jobs.sum() <= 0:
        raise Infeasible("Geen banen van arbeidsmigranten in de regio bekend: de optimalisatie weet niet waar het "
                         "werk is. Kies een verdeelsleutel.")  # fmt: skip
    return gap * jobs / jobs.sum()


def transport_km(gap: float, members: list[Member], beds: dict[str, float], d: np.ndarray) -> float:
    """The least total distance at which the workers (by work municipality) fit the given beds per municipality."""
    if gap <= 0:
        return 0.0
    n = len(members)
    supply = _origins(gap, members)
    target = np.array([beds.get(m.code, 0.0) for m in members])
    # Every worker housed (rows 0..n-1), every bed filled (rows n..2n-2; the last follows from the totals).
    a_eq = sparse.vstack([_row_sums(n), _column_sums(n)[: n - 1]], format="csr")
    b_eq = np.concatenate([supply, target[: n - 1]])
    result = linprog(d.ravel(), A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    if result.status != 0:
        raise Infeasible("De afstand van deze verdeling kon niet worden berekend.")
    return float(result.fun)


def _row_sums(n: int) -> sparse.csr_matrix:
    """Row i adds up x[i, 0..n-1]: everything housed for the workers of municipality i (x flattened by row)."""
    return sparse.kron(sparse.identity(n, format="csr"), np.ones((1, n)), format="csr")


def _column_sums(n: int) -> sparse.csr_matrix:
    """Row j adds up x[0..n-1, j]: everything housed in municipality j."""
    return sparse.kron(np.ones((1, n)), sparse.identity(n, format="csr"), format="csr")


def _bounds(gap: float, members: list[Member]) -> tuple[np.ndarray, np.ndarray]:
    low = np.array([m.min_share * gap for m in members])
    high = np.array(
        [min(m.max_share * gap, m.capacity if m.capacity is not None else math.inf) for m in members]
    )
    return low, high


def check_bounds(gap: float, members: list[Member]) -> None:
    """Raise Infeasible with what to relax when the minimum shares, maximum shares and capacities rule out every
    allocation of the gap."""
    for m in members:
        if not 0 <= m.min_share <= m.max_share <= 1:
            raise Infeasible(f"{m.name}: het minimumaandeel moet tussen 0 en het maximumaandeel liggen.")
    low, high = _bounds(gap, members)
    for m, lo, hi in zip(members, low, high, strict=True):
        if lo > hi + 1e-9:
            raise Infeasible(
                f"{m.name}: het minimum ({_fmt(lo, 0)} bedden) is meer dan de capaciteit van de beschikbare "
                f"locaties ({_fmt(hi, 0)}). Verlaag het minimumaandeel of verhoog de capaciteit."
            )
    if low.sum() > gap + 1e-6:
        biggest = sorted(members, key=lambda m: -m.min_share)[:3]
        raise Infeasible(
            f"De minimumaandelen tellen op tot {_fmt(low.sum() / gap * 100, 0)}% van de opgave, meer dan 100%. "
            f"Verlaag het minimum van bijvoorbeeld {', '.join(m.name for m in biggest)}."
        )
    if high.sum() < gap - 1e-6:
        tight = sorted(members, key=lambda m: m.max_share)[:3]
        raise Infeasible(
            f"De maximumaandelen en capaciteiten bieden plaats aan {_fmt(high.sum(), 0)} van de "
            f"{_fmt(gap, 0)} bedden. Verhoog het maximum of de capaciteit van bijvoorbeeld "
            f"{', '.join(m.name for m in tight)}."
        )


def optimise(gap: float, members: list[Member], d: np.ndarray) -> Allocation:
    """Least total home–work distance within every municipality's bounds, with shadow prices in words."""
    if gap <= 0:
        return Allocation("optimalisatie", dict.fromkeys((m.code for m in members), 0.0), 0.0,
                          ["Er is geen tekort om te verdelen: het aanbod dekt de vraag."])  # fmt: skip
    check_bounds(gap, members)
    n = len(members)
    supply = _origins(gap, members)
    low, high = _bounds(gap, members)
    columns = _column_sums(n)
    finite = [j for j in range(n) if math.isfinite(high[j])]
    required = [j for j in range(n) if low[j] > 0]
    a_ub = sparse.vstack([columns[finite], -columns[required]], format="csr") if finite or required else None
    b_ub = np.concatenate([high[finite], -low[required]]) if a_ub is not None else None
    kinds = [("max", j) for j in finite] + [("min", j) for j in required]
    result = linprog(
        d.ravel(), A_ub=a_ub, b_ub=b_ub, A_eq=_row_sums(n), b_eq=supply, bounds=(0, None), method="highs"
    )
    if result.status != 0:
        raise Infeasible(f"De optimalisatie vond geen oplossing ({result.message}). Verruim de grenzen.")
    x = result.x.reshape(n, n)
    beds = {m.code: float(x[:, j].sum()) for j, m in enumerate(members)}
    explanations = []
    marginals = result.ineqlin.marginals if a_ub is not None else []
    for (kind, j), marginal in zip(kinds, marginals, strict=True):
        if abs(marginal) < 1e-6:
            continue
        name = members[j].name
        if kind == "max":  # ∂km/∂(upper bound) ≤ 0: more room here shortens the commute
            explanations.append(
                f"Eén bed meer toegestaan in {name} verlaagt de totale woon-werkafstand met {_fmt(-marginal)} km."
            )
        else:  # the bound is −beds ≤ −minimum: one bed more required changes the distance by −marginal
            explanations.append(
                f"Eén bed meer verplicht in {name} verhoogt de totale woon-werkafstand met {_fmt(-marginal)} km."
            )
    return Allocation("optimalisatie", beds, float(result.fun), explanations)


def within_bounds(allocation: Allocation, gap: float, members: list[Member], tolerance: float = 1e-6) -> bool:
    low, high = _bounds(max(gap, 0), members)
    return all(
        lo - tolerance <= allocation.beds.get(m.code, 0.0) <= hi + tolerance
        for m, lo, hi in zip(members, low, high, strict=True)
    )
