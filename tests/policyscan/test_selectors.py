"""The baseline of a scan: its own scores, the earlier completed scan and the region's average, worked out by hand."""

import datetime as dt
from decimal import Decimal

from aanjager.geo import services as geo_services
from aanjager.policyscan import selectors, services

from .conftest import ALL

D = Decimal


def _all(score):
    return dict.fromkeys(ALL, score)


def _world(scene):
    s = scene
    s.new_scan(s.tiel, dt.date(2023, 1, 1), _all(3), complete=True)  # older than the earlier one
    s.earlier = s.new_scan(s.tiel, dt.date(2024, 1, 1), {**_all(0), "reg-1": 1, "reg-2": 1}, complete=True)
    s.new_scan(s.tiel, dt.date(2024, 6, 1), _all(2))  # a draft is never the earlier scan
    services.save_answers(
        actor=None, scan=s.scan, answers={"reg-1": (2, ""), "reg-2": (3, ""), "hou-1": (1, "")}
    )
    s.new_scan(
        s.tiel, dt.date(2026, 1, 1), {**_all(3), "reg-1": 2, "reg-2": 2}, complete=True
    )  # Tiel's latest
    s.new_scan(s.zaltbommel, dt.date(2020, 1, 1), _all(0), complete=True)  # not Zaltbommel's latest
    s.new_scan(s.zaltbommel, dt.date(2025, 1, 1), {**_all(2), "reg-1": 3, "reg-2": 3}, complete=True)
    s.new_scan(s.culemborg, dt.date(2025, 2, 1), {**_all(1), "reg-1": 0, "reg-2": 1}, complete=True)
    s.new_scan(s.west_betuwe, dt.date(2025, 2, 1), _all(3))  # draft: does not count
    s.new_scan(s.amsterdam, dt.date(2025, 2, 1), _all(3), complete=True)  # another region
    return s


def test_baseline_against_the_earlier_scan_and_the_region(scene):
    _world(scene)
    baseline = selectors.baseline(scene.scan)
    assert baseline.earlier_scan == scene.earlier
    assert [r.region.name for r in baseline.regions] == ["Scanregio"]
    assert (
        baseline.regions[0].municipalities == 3
    )  # Tiel, Zaltbommel, Culemborg; not the draft of West Betuwe
    registration, housing = baseline.rows
    assert (registration.code, registration.title) == ("registration", "Registratie")
    # this scan: (2 + 3) / 2 and 1 / 1 (two of three housing statements unanswered)
    assert (registration.score, registration.answered, registration.total) == (D("2.50"), 2, 2)
    assert (housing.score, housing.answered, housing.total) == (D("1.00"), 1, 3)
    # the earlier completed scan of 2024: registration (1 + 1) / 2, housing 0
    assert (registration.earlier, registration.delta) == (D("1.00"), D("1.50"))
    assert (housing.earlier, housing.delta) == (D("0.00"), D("1.00"))
    # the region: Tiel 2026 (2; 3), Zaltbommel 2025 (3; 2), Culemborg (0.5; 1)
    assert (registration.regions[0].score, registration.regions[0].n) == (D("1.83"), 3)  # 5.5 / 3
    assert (housing.regions[0].score, housing.regions[0].n) == (D("2.00"), 3)  # 6 / 3
    assert baseline.overall == D("1.75")  # (2.5 + 1) / 2
    assert baseline.earlier_overall == D("0.50")
    assert (baseline.answered, baseline.total) == (3, 5)


def test_a_region_average_of_fewer_than_three_municipalities_is_not_shown(scene):
    scene.new_scan(scene.zaltbommel, dt.date(2025, 1, 1), _all(3), complete=True)
    baseline = selectors.baseline(scene.scan)  # only Zaltbommel has a completed scan: its own scores
    cell = baseline.rows[0].regions[0]
    assert (cell.score, cell.n) == (None, 1)
    scene.new_scan(scene.culemborg, dt.date(2025, 1, 1), _all(1), complete=True)
    assert selectors.baseline(scene.scan).rows[0].regions[0].score is None  # two: still one minus the other
    scene.new_scan(scene.west_betuwe, dt.date(2025, 1, 1), _all(2), complete=True)
    cell = selectors.baseline(scene.scan).rows[0].regions[0]
    assert (cell.score, cell.n) == (D("2.00"), 3)


def test_every_region_of_the_municipality_gets_its_average(scene):
    geo_services.create_region(actor=None, name="Arbeidsmarktregio", municipalities=[scene.tiel])
    baseline = selectors.baseline(scene.scan)
    assert [r.region.name for r in baseline.regions] == ["Arbeidsmarktregio", "Scanregio"]
    assert baseline.earlier_scan is None
    assert all(row.earlier is None and row.delta is None for row in baseline.rows)


def test_scans_are_scoped(scene):
    far = scene.new_scan(scene.amsterdam, dt.date(2025, 1, 1))
    assert set(selectors.scans(scene.advisor)) == {scene.scan}
    assert set(selectors.scans(scene.far_advisor)) == {far}
    assert not selectors.scans(scene.employer_user).exists()
    assert set(selectors.scans(scene.reader, "change")) == set()
