"""The progress report (voortgangsrapportage) as data: the snapshot of one reference date, and what changed since
the previous one.

Pure: no Django. The service (report_services.py) collects the live data and judges every commitment; this module
only adds up, so that a stored snapshot can be rebuilt, tested and compared without a database. A snapshot is
plain JSON (str, int, list, dict, None) and carries `schema_version`: a later version of this module must still
read every stored snapshot (compare refuses newer versions than it knows).

Definitions (docs/progress-report.md):
- agreed beds: the sum of the targets of the commitments of kind "beds", per stay class;
- delivered beds: per commitment the latest counting update on the reference date (rejected updates do not
  count), capped at its target, so that one party delivering more does not hide another's shortfall; the
  uncapped number reported stays in the commitment rows;
- a party lags in a region when at least one of its commitments there is overdue, at risk or without update.
"""

import datetime as dt
from dataclasses import dataclass

SCHEMA_VERSION = 1
STAY_CLASSES = ("short", "mid", "long")
STATUSES = ("done", "overdue", "no_update", "at_risk", "on_track")  # the order of progress.Status
LAGGING_STATUSES = ("overdue", "at_risk", "no_update")
OTHER_KINDS = ("location", "measure", "policy_step")


@dataclass(frozen=True)
class CommitmentRow:
    """One commitment as judged on the reference date. region_id None: an agreement outside any region."""

    id: int
    region_id: int | None
    region: str
    agreement: str
    organisation_id: int
    organisation: str
    corner: str
    kind: str
    stay_class: str
    description: str
    target: int
    delivered: int
    status: str
    due_on: dt.date


@dataclass(frozen=True)
class EscalationRow:
    """An escalation open on the reference date. Only the organisation is named, never a person."""

    id: int
    region_id: int | None
    region: str
    organisation_id: int
    organisation: str
    level: str
    escalated_on: dt.date


@dataclass(frozen=True)
class PartyRow:
    """An organisation that is a party to an agreement in the region (whether or not it committed anything)."""

    region_id: int | None
    organisation_id: int
    organisation: str
    corner: str
    signed: bool


def _empty_beds() -> dict:
    return {c: {"agreed": 0, "delivered": 0} for c in (*STAY_CLASSES, "total")}


def _region_key(region_id, name) -> str:
    return f"id:{region_id}" if region_id is not None else f"name:{name}"


def _commitment_entry(row: CommitmentRow) -> dict:
    return {
        "id": row.id,
        "agreement": row.agreement,
        "organisation_id": row.organisation_id,
        "organisation": row.organisation,
        "corner": row.corner,
        "kind": row.kind,
        "stay_class": row.stay_class,
        "description": row.description,
        "target": row.target,
        "delivered": row.delivered,
        "counted": min(row.delivered, row.target),
        "status": row.status,
        "due_on": row.due_on.isoformat(),
    }


def lagging(commitments: list[dict]) -> list[dict]:
    """The parties with at least one commitment overdue, at risk or without update, by name."""
    parties: dict[int, dict] = {}
    for c in commitments:
        if c["status"] not in LAGGING_STATUSES:
            continue
        party = parties.setdefault(
            c["organisation_id"],
            {
                "organisation_id": c["organisation_id"],
                "organisation": c["organisation"],
                "corner": c["corner"],
                **dict.fromkeys(LAGGING_STATUSES, 0),
                "commitments": [],
            },
        )
        party[c["status"]] += 1
        party["commitments"].append(c["id"])
    return sorted(parties.values(), key=lambda p: (p["organisation"].casefold(), p["organisation_id"]))


def _region_block(region_id, name, commitments, escalations, parties) -> dict:
    beds = _empty_beds()
    statuses = dict.fromkeys(STATUSES, 0)
    other = {k: {"commitments": 0, "target": 0, "delivered": 0, "done": 0} for k in OTHER_KINDS}
    entries = [_commitment_entry(c) for c in sorted(commitments, key=lambda c: (c.due_on, c.id))]
    for c in entries:
        statuses[c["status"]] = statuses.get(c["status"], 0) + 1
        if c["kind"] == "beds":
            for key in (c["stay_class"], "total"):
                if key in beds:
                    beds[key]["agreed"] += c["target"]
                    beds[key]["delivered"] += c["counted"]
        elif c["kind"] in other:
            other[c["kind"]]["commitments"] += 1
            other[c["kind"]]["target"] += c["target"]
            other[c["kind"]]["delivered"] += c["counted"]
            other[c["kind"]]["done"] += c["status"] == "done"
    party_ids = {p.organisation_id for p in parties} | {c["organisation_id"] for c in entries}
    return {
        "id": region_id,
        "name": name,
        "beds": beds,
        "status_counts": statuses,
        "other_kinds": other,
        "commitments": entries,
        "lagging": lagging(entries),
        "escalations": [
            {
                "id": e.id,
                "organisation_id": e.organisation_id,
                "organisation": e.organisation,
                "level": e.level,
                "escalated_on": e.escalated_on.isoformat(),
            }
            for e in sorted(escalations, key=lambda e: (e.escalated_on, e.id))
        ],
        "parties": len(party_ids),
        "parties_unsigned": sorted({p.organisation for p in parties if not p.signed}, key=str.casefold),
    }


def _add_up(blocks: list[dict]) -> dict:
    beds = _empty_beds()
    statuses = dict.fromkeys(STATUSES, 0)
    for block in blocks:
        for key, cell in block["beds"].items():
            beds[key]["agreed"] += cell["agreed"]
            beds[key]["delivered"] += cell["delivered"]
        for key, n in block["status_counts"].items():
            statuses[key] = statuses.get(key, 0) + n
    return {
        "beds": beds,
        "status_counts": statuses,
        "commitments": sum(len(b["commitments"]) for b in blocks),
        "lagging": sum(len(b["lagging"]) for b in blocks),
        "escalations": sum(len(b["escalations"]) for b in blocks),
    }


def build_snapshot(
    *,
    reference_date: dt.date,
    scope_region_id: int | None,
    scope_name: str,
    commitments: list[CommitmentRow],
    escalations: list[EscalationRow] = (),
    parties: list[PartyRow] = (),
    regions: list[tuple[int | None, str]] = (),
) -> dict:
    """The snapshot: per region the figures, and the totals over them. `regions` lists regions to show even
    without rows (e.g. the scope region of an empty report); regions of the rows are added. Parties count only
    in a region that is shown. Rows without a region (region_id None) form one group, named by its rows."""
    names: dict[str, tuple] = {}
    for region_id, name in regions:
        names.setdefault(_region_key(region_id, name), (region_id, name))
    for row in (*commitments, *escalations):
        names.setdefault(_region_key(row.region_id, row.region), (row.region_id, row.region))
    blocks = []
    for key, (region_id, name) in names.items():
        blocks.append(
            _region_block(
                region_id,
                name,
                [c for c in commitments if _region_key(c.region_id, c.region) == key],
                [e for e in escalations if _region_key(e.region_id, e.region) == key],
                [p for p in parties if p.region_id == region_id],
            )
        )
    blocks.sort(key=lambda b: (b["id"] is None, (b["name"] or "").casefold()))
    return {
        "schema_version": SCHEMA_VERSION,
        "reference_date": reference_date.isoformat(),
        "scope": {"region_id": scope_region_id, "name": scope_name},
        "regions": blocks,
        "totals": _add_up(blocks),
    }


# ------------------------------------------------------------------ comparison
def _check_version(snapshot: dict) -> None:
    version = snapshot.get("schema_version")
    if not isinstance(version, int) or version < 1 or version > SCHEMA_VERSION:
        raise ValueError(f"unknown snapshot schema_version {version!r}")


def _beds_delta(before: dict | None, after: dict | None) -> dict:
    before = before or _empty_beds()
    after = after or _empty_beds()
    return {
        key: {
            "agreed": after.get(key, {}).get("agreed", 0) - before.get(key, {}).get("agreed", 0),
            "delivered": after.get(key, {}).get("delivered", 0) - before.get(key, {}).get("delivered", 0),
        }
        for key in (*STAY_CLASSES, "total")
    }


def _short(c: dict) -> dict:
    return {
        "id": c["id"],
        "agreement": c["agreement"],
        "organisation": c["organisation"],
        "description": c["description"],
        "status": c["status"],
    }


def _compare_region(before: dict | None, after: dict | None) -> dict:
    block = after or before
    old_c = {c["id"]: c for c in (before or {}).get("commitments", [])}
    new_c = {c["id"]: c for c in (after or {}).get("commitments", [])}
    status_changes = [
        {**_short(new_c[i]), "before": old_c[i]["status"], "after": new_c[i]["status"]}
        for i in new_c
        if i in old_c and old_c[i]["status"] != new_c[i]["status"]
    ]
    delivered_changes = [
        {**_short(new_c[i]), "before": old_c[i]["delivered"], "after": new_c[i]["delivered"]}
        for i in new_c
        if i in old_c and old_c[i]["delivered"] != new_c[i]["delivered"]
    ]
    old_lag = {p["organisation_id"]: p["organisation"] for p in (before or {}).get("lagging", [])}
    new_lag = {p["organisation_id"]: p["organisation"] for p in (after or {}).get("lagging", [])}
    old_esc = {e["id"]: e for e in (before or {}).get("escalations", [])}
    new_esc = {e["id"]: e for e in (after or {}).get("escalations", [])}

    def names(ids, table):
        return sorted((table[i] for i in ids), key=str.casefold)

    result = {
        "id": block["id"],
        "name": block["name"],
        "is_new": before is None,
        "is_gone": after is None,
        "beds": _beds_delta((before or {}).get("beds"), (after or {}).get("beds")),
        "status_changes": status_changes,
        "delivered_changes": delivered_changes,
        "new_commitments": [_short(c) for i, c in new_c.items() if i not in old_c],
        "removed_commitments": [_short(c) for i, c in old_c.items() if i not in new_c],
        "newly_lagging": names(set(new_lag) - set(old_lag), new_lag),
        "no_longer_lagging": names(set(old_lag) - set(new_lag), old_lag),
        "new_escalations": [e for i, e in new_esc.items() if i not in old_esc],
        "resolved_escalations": [e for i, e in old_esc.items() if i not in new_esc],
    }
    result["changed"] = bool(
        result["is_new"]
        or result["is_gone"]
        or any(v["agreed"] or v["delivered"] for v in result["beds"].values())
        or any(
            result[k]
            for k in (
                "status_changes",
                "delivered_changes",
                "new_commitments",
                "removed_commitments",
                "newly_lagging",
                "no_longer_lagging",
                "new_escalations",
                "resolved_escalations",
            )
        )
    )
    return result


def compare(previous: dict | None, snapshot: dict) -> dict | None:
    """What changed from the previous snapshot to this one, per region (matched by id, or by name for the group
    without a region). None when there is no previous snapshot."""
    if previous is None:
        return None
    _check_version(previous)
    _check_version(snapshot)
    old = {_region_key(b["id"], b["name"]): b for b in previous.get("regions", [])}
    new = {_region_key(b["id"], b["name"]): b for b in snapshot.get("regions", [])}
    keys = list(new) + [k for k in old if k not in new]
    regions = [_compare_region(old.get(k), new.get(k)) for k in keys]
    return {
        "previous_reference_date": previous["reference_date"],
        "reference_date": snapshot["reference_date"],
        "beds": _beds_delta(previous.get("totals", {}).get("beds"), snapshot.get("totals", {}).get("beds")),
        "regions": regions,
        "changed": any(r["changed"] for r in regions),
    }


# ------------------------------------------------------------------ chart
def beds_chart(
    beds: dict, labels: dict[str, str], width: int = 560, bar: int = 14, gap: int = 10
) -> dict | None:
    """Horizontal bars, agreed against delivered, per stay class (server-drawn SVG geometry)."""
    rows = [c for c in STAY_CLASSES if beds.get(c, {}).get("agreed") or beds.get(c, {}).get("delivered")]
    if not rows:
        return None
    x0, right = 110, 60
    top = max(max(beds[c]["agreed"], beds[c]["delivered"]) for c in rows) or 1
    span = width - x0 - right
    items, y = [], gap
    for c in rows:
        agreed, delivered = beds[c]["agreed"], beds[c]["delivered"]
        items.append(
            {
                "key": c,
                "name": labels.get(c, c),
                "agreed": agreed,
                "delivered": delivered,
                "y": y,
                "delivered_y": y + bar,
                "label_y": y + bar + 4,
                "agreed_w": round(agreed / top * span, 1),
                "delivered_w": round(delivered / top * span, 1),
                "agreed_x": round(x0 + agreed / top * span + 4, 1),
                "delivered_x": round(x0 + delivered / top * span + 4, 1),
                "agreed_text_y": y + bar - 3,
                "delivered_text_y": y + 2 * bar - 3,
            }
        )
        y += 2 * bar + gap
    return {"width": width, "height": y, "x0": x0, "bar": bar, "items": items}
