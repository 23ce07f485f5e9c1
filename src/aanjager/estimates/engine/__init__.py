"""The estimation engine: pure Python and DuckDB, no Django. See docs/methodology-estimates.md.

`run(...)` reads pseudonymised microdata (persons, jobs), validates them all-or-nothing and returns the counts
per municipality. Microdata live only in a temporary DuckDB file that is removed when the run ends.
"""

from aanjager.estimates.engine.definitions import DEFINITIONS, Definition, StayThresholds
from aanjager.estimates.engine.errors import InputError, Problem
from aanjager.estimates.engine.parameters import EstimateParameters
from aanjager.estimates.engine.run import RESULT_COLUMNS, EstimateResult, run

__all__ = [
    "DEFINITIONS",
    "RESULT_COLUMNS",
    "Definition",
    "EstimateParameters",
    "EstimateResult",
    "InputError",
    "Problem",
    "StayThresholds",
    "run",
]
