"""The pure progress-report module: the snapshot's sums and the comparison with the previous snapshot."""

import datetime as dt
import json

import pytest

from aanjager.agreements.reporting import (
    SCHEMA_VERSION,
    CommitmentRow,
    EscalationRow,
    PartyRow,
    beds_chart,
    build_snapshot,
    compare,
)

D = dt.date
ON = D(2025, 9, 30)
REGION = (1, "Rivierenland")


def row(id, org_id, org, kind="beds", stay="mid", target=10, delivered=0, status="on_track", region=REGION):
    return CommitmentRow(
        id=id,
        region_id=region[0],
        region=region[1],
        agreement="Convenant",
        organisation_id=org_id,
        organisation=org,
        corner="housing_provider",
        kind=kind,
        stay_class=stay if kind == "beds" else "",
        description=f"Toezegging {id}",
        target=target,
        delivered=delivered,
        status=status,
        due_on=D(2026, 1, id),
    )


def escalation(id, org_id, org, region=REGION):
    return EscalationRow(
        id=id,
        region_id=region[0],
        region=region[1],
        organisation_id=org_id,
        organisation=org,
        level="portfolio_holder",
        escalated_on=D(2025, 8, id),
    )


def snap(rows, escalations=(), parties=(), regions=(REGION,), on=ON):
    return build_snapshot(
        reference_date=on,
        scope_region_id=1,
        scope_name="Rivierenland",
        commitments=list(rows),
        escalations=list(escalations),
        parties=list(parties),
        regions=list(regions),
    )


def test_snapshot_is_plain_json_with_a_schema_version():
    s = snap([row(1, 10, "Flex", delivered=3)], [escalation(1, 11, "Fruit")])
    assert s["schema_version"] == SCHEMA_VERSION
    assert json.loads(json.dumps(s)) == s
    assert s["reference_date"] == "2025-09-30"


@pytest.mark.parametrize(
    "rows, expected",
    [
        pytest.param([], {"short": (0, 0), "mid": (0, 0), "long": (0, 0), "total": (0, 0)}, id="nothing"),
        pytest.param(
            [
                row(1, 10, "A", stay="short", target=60, delivered=30),
                row(2, 10, "A", stay="mid", target=40, delivered=5),
            ],
            {"short": (60, 30), "mid": (40, 5), "long": (0, 0), "total": (100, 35)},
            id="two-classes",
        ),
        pytest.param(
            [
                row(1, 10, "A", stay="long", target=20, delivered=25, status="done"),
                row(2, 11, "B", stay="long", target=20),
            ],
            {"short": (0, 0), "mid": (0, 0), "long": (40, 20), "total": (40, 20)},
            id="over-delivery-capped-at-target",
        ),
        pytest.param(
            [
                row(1, 10, "A", kind="location", target=2, delivered=1),
                row(2, 10, "A", kind="policy_step", target=1),
            ],
            {"short": (0, 0), "mid": (0, 0), "long": (0, 0), "total": (0, 0)},
            id="only-beds-count-as-beds",
        ),
    ],
)
def test_beds_agreed_and_delivered_per_stay_class(rows, expected):
    beds = snap(rows)["regions"][0]["beds"]
    assert {k: (v["agreed"], v["delivered"]) for k, v in beds.items()} == expected


def test_over_delivery_is_kept_in_the_commitment_row():
    c = snap([row(1, 10, "A", target=20, delivered=25, status="done")])["regions"][0]["commitments"][0]
    assert (c["delivered"], c["counted"]) == (25, 20)


@pytest.mark.parametrize(
    "statuses, lagging",
    [
        pytest.param(["on_track", "done"], [], id="none"),
        pytest.param(["overdue"], ["A"], id="overdue"),
        pytest.param(["at_risk", "on_track"], ["A"], id="at-risk"),
        pytest.param(["no_update"], ["A"], id="no-update"),
        pytest.param(["done", "done"], [], id="all-done"),
    ],
)
def test_a_party_lags_with_one_commitment_overdue_at_risk_or_without_update(statuses, lagging):
    rows = [row(i + 1, 10, "A", status=s) for i, s in enumerate(statuses)]
    rows.append(row(9, 11, "B", status="on_track"))
    region = snap(rows)["regions"][0]
    assert [p["organisation"] for p in region["lagging"]] == lagging


def test_lagging_counts_per_status_and_names_the_commitments():
    rows = [
        row(1, 10, "A", status="overdue"),
        row(2, 10, "A", status="at_risk"),
        row(3, 10, "A", status="at_risk"),
    ]
    (party,) = snap(rows)["regions"][0]["lagging"]
    assert (party["overdue"], party["at_risk"], party["no_update"], party["commitments"]) == (
        1,
        2,
        0,
        [1, 2, 3],
    )


def test_status_counts_cover_every_status_and_add_up():
    rows = [
        row(1, 10, "A", status="done"),
        row(2, 10, "A", status="overdue"),
        row(3, 11, "B", status="overdue"),
    ]
    s = snap(rows)
    assert s["regions"][0]["status_counts"] == {
        "done": 1,
        "overdue": 2,
        "no_update": 0,
        "at_risk": 0,
        "on_track": 0,
    }
    assert s["totals"]["status_counts"] == s["regions"][0]["status_counts"]
    assert s["totals"]["commitments"] == 3


def test_national_snapshot_has_a_block_per_region_and_totals_over_them():
    other = (2, "Achterhoek")
    rows = [row(1, 10, "A", target=10, delivered=4), row(2, 20, "C", target=30, delivered=6, region=other)]
    s = build_snapshot(
        reference_date=ON,
        scope_region_id=None,
        scope_name="Nationaal",
        commitments=rows,
        escalations=[escalation(1, 20, "C", region=other)],
    )
    assert [b["name"] for b in s["regions"]] == ["Achterhoek", "Rivierenland"]
    assert s["totals"]["beds"]["total"] == {"agreed": 40, "delivered": 10}
    assert s["totals"]["escalations"] == 1
    assert s["regions"][0]["escalations"][0]["organisation"] == "C"


def test_the_group_without_region_comes_last():
    rows = [row(1, 10, "A"), row(2, 10, "A", region=(None, "Tussen gemeenten"))]
    s = build_snapshot(reference_date=ON, scope_region_id=None, scope_name="Nationaal", commitments=rows)
    assert [b["id"] for b in s["regions"]] == [1, None]


def test_an_empty_region_still_shows():
    s = snap([])
    assert [b["name"] for b in s["regions"]] == ["Rivierenland"]
    assert s["regions"][0]["lagging"] == [] and s["totals"]["commitments"] == 0


def test_parties_counted_and_unsigned_named():
    parties = [PartyRow(1, 10, "A", "housing_provider", True), PartyRow(1, 12, "Z", "employer", False)]
    block = snap([row(1, 10, "A")], parties=parties)["regions"][0]
    assert block["parties"] == 2
    assert block["parties_unsigned"] == ["Z"]


def test_escalations_carry_no_reason_or_person():
    (e,) = snap([], [escalation(3, 11, "Fruit")])["regions"][0]["escalations"]
    assert set(e) == {"id", "organisation_id", "organisation", "level", "escalated_on"}


# ------------------------------------------------------------------ compare
def test_no_previous_snapshot_no_comparison():
    assert compare(None, snap([])) is None


def test_compare_same_snapshot_changes_nothing():
    s = snap([row(1, 10, "A", status="at_risk")], [escalation(1, 10, "A")])
    result = compare(s, s)
    assert result["changed"] is False
    assert result["regions"][0]["beds"]["total"] == {"agreed": 0, "delivered": 0}


@pytest.mark.parametrize(
    "before, after, key, expected",
    [
        pytest.param(
            [row(1, 10, "A", status="at_risk", delivered=2)],
            [row(1, 10, "A", status="on_track", delivered=8)],
            "status_changes",
            [("A", "at_risk", "on_track")],
            id="status-changed",
        ),
        pytest.param(
            [row(1, 10, "A", status="on_track")],
            [row(1, 10, "A", status="overdue")],
            "newly_lagging",
            ["A"],
            id="newly-lagging",
        ),
        pytest.param(
            [row(1, 10, "A", status="no_update")],
            [row(1, 10, "A", status="done", delivered=10)],
            "no_longer_lagging",
            ["A"],
            id="no-longer-lagging",
        ),
        pytest.param(
            [row(1, 10, "A", status="overdue")],
            [row(1, 10, "A", status="at_risk")],
            "newly_lagging",
            [],
            id="still-lagging-is-not-new",
        ),
        pytest.param([], [row(1, 10, "A")], "new_commitments", [1], id="new-commitment"),
        pytest.param([row(1, 10, "A")], [], "removed_commitments", [1], id="removed-commitment"),
    ],
)
def test_compare_table(before, after, key, expected):
    region = compare(snap(before), snap(after))["regions"][0]
    items = region[key]
    if key == "status_changes":
        items = [(c["organisation"], c["before"], c["after"]) for c in items]
    elif key in ("new_commitments", "removed_commitments"):
        items = [c["id"] for c in items]
    assert items == expected
    assert region["changed"] is True


def test_compare_bed_deltas_per_stay_class():
    before = snap([row(1, 10, "A", stay="short", target=60, delivered=30)])
    after = snap(
        [
            row(1, 10, "A", stay="short", target=60, delivered=40),
            row(2, 11, "B", stay="long", target=20, delivered=2),
        ]
    )
    result = compare(before, after)
    assert result["beds"]["short"] == {"agreed": 0, "delivered": 10}
    assert result["beds"]["long"] == {"agreed": 20, "delivered": 2}
    assert result["beds"]["total"] == {"agreed": 20, "delivered": 12}
    assert result["previous_reference_date"] == "2025-09-30"


def test_compare_escalations_new_and_resolved():
    before = snap([], [escalation(1, 10, "A")])
    after = snap([], [escalation(2, 11, "B")])
    region = compare(before, after)["regions"][0]
    assert [e["organisation"] for e in region["new_escalations"]] == ["B"]
    assert [e["organisation"] for e in region["resolved_escalations"]] == ["A"]


def test_compare_regions_that_come_and_go():
    other = (2, "Achterhoek")
    before = build_snapshot(
        reference_date=ON, scope_region_id=None, scope_name="NL", commitments=[row(1, 10, "A", region=other)]
    )
    after = build_snapshot(
        reference_date=ON, scope_region_id=None, scope_name="NL", commitments=[row(2, 10, "A")]
    )
    regions = {r["name"]: r for r in compare(before, after)["regions"]}
    assert regions["Rivierenland"]["is_new"] and regions["Achterhoek"]["is_gone"]
    assert regions["Achterhoek"]["beds"]["total"]["agreed"] == -10


@pytest.mark.parametrize("version", [None, 0, SCHEMA_VERSION + 1, "1"])
def test_compare_refuses_an_unknown_schema_version(version):
    old = {**snap([]), "schema_version": version}
    with pytest.raises(ValueError):
        compare(old, snap([]))


def test_chart_geometry():
    beds = snap([row(1, 10, "A", stay="short", target=60, delivered=30)])["regions"][0]["beds"]
    chart = beds_chart(beds, {"short": "Kort"})
    (item,) = chart["items"]
    assert item["name"] == "Kort" and item["agreed_w"] == 2 * item["delivered_w"]
    assert beds_chart(snap([])["regions"][0]["beds"], {}) is None
