"""Small-cell suppression: counts between 1 and the threshold are not shown to those who see figures only because
they are published. Pure Python; a suppressed cell is None and is shown as "<10".

Primary suppression hides every count from 1 to threshold − 1. Secondary (complementary) suppression then hides
more cells of the same row, so that a hidden count cannot be worked back from the cells shown next to it by the
row's equations: workers = short + mid + long, and each estimate = max(BRP + RNI, BRP / registration rate),
rounded (engine/run.py `estimates`). The rules, against an attacker who knows these equations, the run's rates
and these rules themselves (tests/unit/test_suppression.py checks it by brute force):

1. Stay split: when a stay class is hidden, every positive stay class of the row is hidden; workers stays shown.
   (Hiding only one more class leaves edge cases — equal classes, a 9 next to a 10 — where the choice of the extra
   class itself gives the small one away.)
2. BRP small: RNI is hidden too. The estimates stay shown only when each equals BRP + RNI (the floor) and a BRP of
   2 would also leave them at the floor under the run's rates — then they tell only BRP + RNI. Otherwise (an
   estimate driven by BRP / rate reveals BRP; unknown rates) the three estimates are hidden.
3. RNI small, BRP shown: BRP and the estimates stay shown when each estimate is at least BRP + threshold — it is
   then BRP / rate and says nothing of RNI. Otherwise the estimates and BRP are hidden.
Zeros are never hidden; a cell not given (None) is never a reason to show another. Totals over municipalities are
made by the callers from the shown cells only."""

import math
from collections.abc import Mapping
from types import SimpleNamespace

from aanjager.estimates.engine.parameters import EstimateParameters
from aanjager.estimates.engine.run import RESULT_COLUMNS, estimates

COUNT_FIELDS = RESULT_COLUMNS[1:]  # every column of the result contract but the municipality code
STAY_FIELDS = ("workers_short", "workers_mid", "workers_long")
ESTIMATE_FIELDS = ("estimate_low", "estimate_central", "estimate_high")
SPLIT_FIELDS = ("workers", *STAY_FIELDS)


def hide(value, threshold: int):
    return None if value is not None and 0 < value < threshold else value


def _parameters(parameters) -> EstimateParameters | None:
    if parameters is None or isinstance(parameters, EstimateParameters):
        return parameters
    if isinstance(parameters, Mapping):
        known = EstimateParameters.__dataclass_fields__
        try:
            return EstimateParameters(**{k: v for k, v in parameters.items() if k in known})
        except (TypeError, ValueError):
            return None
    return None


def _positive(value) -> bool:
    return value is not None and value > 0


def _floor_tells_only_the_sum(brp, rni, given: list, parameters: EstimateParameters | None) -> bool:
    """True when every given estimate is BRP + RNI and would stay so with a BRP of 2: the estimates then fix the
    sum but not BRP (1 or 2, or more, are all possible)."""
    if rni is None or parameters is None or not given:
        return not given
    total = brp + rni
    floor = math.floor(total + 0.5)
    if any(value != floor for value in given) or total < 2:
        return False
    return all(value == floor for value in estimates(2, total - 2, parameters))


def hidden_cells(values: Mapping, threshold: int, parameters=None) -> set[str]:
    """The count fields of one row to hide: small ones, and those that would give a small one away (module doc)."""
    hidden = {f for f in COUNT_FIELDS if hide(values.get(f), threshold) is None and values.get(f) is not None}
    if hidden & set(STAY_FIELDS):
        hidden |= {f for f in STAY_FIELDS if _positive(values.get(f))}
    brp, rni = values.get("residents_brp"), values.get("residents_rni_assigned")
    given = [f for f in ESTIMATE_FIELDS if values.get(f) is not None]
    if "residents_brp" in hidden:
        if _positive(rni):
            hidden.add("residents_rni_assigned")
        if not _floor_tells_only_the_sum(brp, rni, [values[f] for f in given], _parameters(parameters)):
            hidden.update(given)
    elif "residents_rni_assigned" in hidden:
        if brp is None or any(values[f] < brp + threshold for f in given):
            hidden.update(given)
            if _positive(brp):
                hidden.add("residents_brp")
    return hidden


def suppress(rows, threshold: int, parameters=None) -> list:
    """Copies of the rows (objects with a `municipality` and the count fields) with small cells, and the cells that
    would give them away, set to None; `hidden_fields` names them, so that a hidden cell can be told from one that
    was never given (also None). `parameters`: the run's EstimateParameters (or their dict); without them an
    estimate next to a hidden BRP is always hidden."""
    copies = []
    for row in rows:
        values = {field: getattr(row, field) for field in COUNT_FIELDS}
        hidden = hidden_cells(values, threshold, parameters)
        copies.append(
            SimpleNamespace(
                municipality=row.municipality,
                not_in_table=getattr(row, "not_in_table", False),
                hidden_fields=hidden,
                **{field: None if field in hidden else value for field, value in values.items()},
            )
        )
    return copies


def estimates_hidden(row) -> bool:
    """Whether a suppressed row hides any of its estimates (its need in the housing task is then hidden too)."""
    return bool(set(ESTIMATE_FIELDS) & getattr(row, "hidden_fields", set()))


def split_hidden(row) -> bool:
    """Whether a suppressed row hides its workers or stay split (its need per stay class is then hidden too)."""
    return bool(set(SPLIT_FIELDS) & getattr(row, "hidden_fields", set()))


def shown(row, field: str, hidden_label: str, empty: str = "–"):
    """A cell for display: its value, the hidden label for a suppressed cell, `empty` for one never given."""
    value = getattr(row, field)
    if value is None:
        return hidden_label if field in getattr(row, "hidden_fields", ()) else empty
    return value


def label(threshold: int) -> str:
    return f"<{threshold}"
