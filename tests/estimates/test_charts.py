"""The estimate charts: the map's classes are round and the largest value is always in the darkest shade."""

from types import SimpleNamespace

import pytest

from aanjager.estimates import charts

CODES = ["GM0214", "GM0216", "GM0263", "GM0281"]  # Zaltbommel, Culemborg, Maasdriel, Tiel


def rows(values):
    return [
        SimpleNamespace(municipality=SimpleNamespace(code=code, name=code), estimate_central=value)
        for code, value in zip(CODES, values, strict=True)
    ]


@pytest.mark.parametrize(
    ("values", "legend"),
    [
        ([745, 874, 624, 3510], [(0, 1000), (1000, 2000), (2000, 3000), (3000, 4000)]),
        ([5, 6, 7, 9], [(0, 2), (2, 4), (4, 6), (6, 8), (8, 10)]),
        ([0, 0, 0, 0], [(0, 1)]),
    ],
)
def test_map_classes_are_round_and_the_largest_is_darkest(values, legend):
    drawing = charts.choropleth(rows(values))
    assert [(item["low"], item["high"]) for item in drawing["legend"]] == legend
    shades = {path["code"]: path["klass"] for path in drawing["paths"]}
    biggest = CODES[values.index(max(values))]
    assert shades[biggest] == (charts.CLASSES - 1 if max(values) else 0)
    for path in drawing["paths"]:  # each value lies in its class
        low, high = legend[[i["klass"] for i in drawing["legend"]].index(path["klass"])]
        assert low <= path["value"] <= high
