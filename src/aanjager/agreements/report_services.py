"""Writes for progress reports (voortgangsrapportage): generate from live data, publish, delete.

A report is an immutable snapshot: its figures (JSON) and its PDF are made once, when it is generated, and
nothing changes them afterwards; only publication sets `published_at`. The XLSX is built from the stored
snapshot, so it always shows the same figures as the PDF. Keyword-only, atomic, audited in the same transaction.
"""

import datetime as dt
import hashlib
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanjager.agreements import reporting, selectors
from aanjager.agreements.models import (
    Agreement,
    AgreementParty,
    Commitment,
    CommitmentKind,
    Escalation,
    ProgressReport,
    StayClass,
)
from aanjager.audit import services as audit
from aanjager.core.pdf import PdfUnavailable, render_pdf
from aanjager.core.services import ensure_allowed
from aanjager.core.spreadsheets import safe_cell
from aanjager.organisations.models import Corner

EARLIEST = dt.date(2000, 1, 1)
REPORT_LANGUAGE = "nl"  # the PDF and the XLSX are Dutch, whatever the language of the page
STATUS_LABELS = selectors.STATUS_LABELS
LEVEL_LABELS = dict(Escalation.Level.choices)
NO_REGION = gettext_lazy("Agreements between municipalities")


# ------------------------------------------------------------------ collecting the live data
def _agreements(actor, region, on: dt.date):
    """Signed agreements on the reference date, in the scope, that the actor may see (all for the system)."""
    qs = Agreement.objects.all() if actor is None else selectors.agreements(user=actor)
    qs = qs.filter(signed_on__isnull=False, signed_on__lte=on)
    if region is not None:
        qs = qs.filter(pk__in=selectors.region_agreements(region).values("pk"))
    return qs.select_related("region")


def _places(agreements: dict, region) -> dict[int, tuple[int | None, str]]:
    """Where each agreement is counted: the report's region; nationally its own region or, for one between single
    municipalities, the (first by name) region that contains them all — as a regional report would count it."""
    from aanjager.geo.models import Region

    if region is not None:
        return dict.fromkeys(agreements, (region.pk, region.name))
    places = {pk: (a.region_id, a.region.name) for pk, a in agreements.items() if a.region_id}
    loose = [pk for pk in agreements if pk not in places]
    if loose:
        covered: dict[int, set] = {pk: set() for pk in loose}
        for agreement_id, municipality_id in Agreement.municipalities.through.objects.filter(
            agreement_id__in=loose
        ).values_list("agreement_id", "municipality_id"):
            covered[agreement_id].add(municipality_id)
        regions = [
            (r, {m.pk for m in r.municipalities.all()})
            for r in Region.objects.order_by("name").prefetch_related("municipalities")
        ]
        for pk in loose:
            home = next((r for r, ids in regions if covered[pk] and covered[pk] <= ids), None)
            places[pk] = (home.pk, home.name) if home else (None, str(NO_REGION))
    return places


def collect(*, actor, region, on: dt.date) -> dict:
    """The snapshot of the live data on `on`: every commitment judged with the review state of today."""
    agreements = {a.pk: a for a in _agreements(actor, region, on)}
    places = _places(agreements, region)
    corners = {
        (p.agreement_id, p.organisation_id): p.corner
        for p in AgreementParty.objects.filter(agreement_id__in=agreements)
    }
    commitments = Commitment.objects.filter(agreement_id__in=agreements).select_related(
        "agreement", "organisation"
    )
    rows = []
    for item in selectors.judged(commitments, on):
        c = item.commitment
        region_id, region_name = places[c.agreement_id]
        rows.append(
            reporting.CommitmentRow(
                id=c.pk,
                region_id=region_id,
                region=region_name,
                agreement=c.agreement.title,
                organisation_id=c.organisation_id,
                organisation=c.organisation.name,
                corner=corners.get((c.agreement_id, c.organisation_id)) or c.organisation.corner or "",
                kind=c.kind,
                stay_class=c.stay_class,
                description=c.description,
                target=c.target,
                delivered=item.judgement.delivered,
                status=item.status.value,
                due_on=c.due_on,
            )
        )
    parties = [
        reporting.PartyRow(
            region_id=places[p.agreement_id][0],
            organisation_id=p.organisation_id,
            organisation=p.organisation.name,
            corner=p.corner,
            signed=p.signed_on is not None and p.signed_on <= on,
        )
        for p in AgreementParty.objects.filter(agreement_id__in=agreements).select_related("organisation")
    ]
    escalations = Escalation.objects.filter(escalated_on__lte=on).filter(
        Q(resolved_on__isnull=True) | Q(resolved_on__gt=on)
    )
    if actor is not None:
        escalations = escalations.filter(team__in=selectors.teams(user=actor).values("pk"))
    if region is not None:
        escalations = escalations.filter(team__region=region)
    escalation_rows = [
        reporting.EscalationRow(
            id=e.pk,
            region_id=e.team.region_id,
            region=e.team.region.name,
            organisation_id=e.organisation_id,
            organisation=e.organisation.name,
            level=e.level,
            escalated_on=e.escalated_on,
        )
        for e in escalations.select_related("team__region", "organisation")
    ]
    return reporting.build_snapshot(
        reference_date=on,
        scope_region_id=region.pk if region is not None else None,
        scope_name=region.name if region is not None else _("National"),
        commitments=rows,
        escalations=escalation_rows,
        parties=parties,
        regions=[(region.pk, region.name)] if region is not None else [],
    )


def _previous(region, on: dt.date):
    """The latest report of the same scope on an earlier reference date, or the same date but made earlier."""
    qs = ProgressReport.objects.filter(reference_date__lte=on)
    qs = qs.filter(region=region) if region is not None else qs.filter(region__isnull=True)
    return qs.order_by("-reference_date", "-created_at", "-id").first()


# ------------------------------------------------------------------ presentation (page, PDF, XLSX)
def _label(choices, key) -> str:
    return str(dict(choices).get(key, key or "–"))


def document_context(report: ProgressReport) -> dict:
    """The stored snapshot with labels in the active language, for the page, the PDF and the XLSX."""
    snapshot = report.snapshot
    stay_labels = {key: str(label) for key, label in StayClass.choices}
    regions = []
    for block in snapshot.get("regions", []):
        commitments = [
            {
                **c,
                "status_label": str(STATUS_LABELS.get(c["status"], c["status"])),
                "kind_label": _label(CommitmentKind.choices, c["kind"]),
                "stay_label": stay_labels.get(c["stay_class"], ""),
                "corner_label": _label(Corner.choices, c["corner"]),
                "due": dt.date.fromisoformat(c["due_on"]),
            }
            for c in block["commitments"]
        ]
        regions.append(
            {
                **block,
                "commitments": commitments,
                "bed_rows": _bed_rows(block["beds"], stay_labels),
                "status_rows": _status_rows(block["status_counts"]),
                "other_rows": [
                    {"kind": k, "label": _label(CommitmentKind.choices, k), **v}
                    for k, v in block["other_kinds"].items()
                    if v["commitments"]
                ],
                "lagging": [
                    {**p, "corner_label": _label(Corner.choices, p["corner"])} for p in block["lagging"]
                ],
                "escalations": [
                    {
                        **e,
                        "level_label": str(LEVEL_LABELS.get(e["level"], e["level"])),
                        "date": dt.date.fromisoformat(e["escalated_on"]),
                    }
                    for e in block["escalations"]
                ],
                "chart": reporting.beds_chart(block["beds"], stay_labels),
            }
        )
    changes = snapshot.get("changes")
    if changes:
        changes = {
            **changes,
            "previous_date": dt.date.fromisoformat(changes["previous_reference_date"]),
            "bed_rows": _bed_rows(changes["beds"], stay_labels),
            "regions": [
                {
                    **r,
                    "bed_rows": _bed_rows(r["beds"], stay_labels),
                    "status_changes": [
                        {
                            **c,
                            "before_label": str(STATUS_LABELS.get(c["before"], c["before"])),
                            "after_label": str(STATUS_LABELS.get(c["after"], c["after"])),
                        }
                        for c in r["status_changes"]
                    ],
                }
                for r in changes["regions"]
            ],
        }
    totals = snapshot.get("totals", {})
    return {
        "report": report,
        "snapshot": snapshot,
        "reference_date": report.reference_date,
        "scope_name": snapshot.get("scope", {}).get("name", ""),
        "is_national": report.region_id is None,
        "regions": regions,
        "totals": totals,
        "total_bed_rows": _bed_rows(totals.get("beds", reporting._empty_beds()), stay_labels),
        "total_status_rows": _status_rows(totals.get("status_counts", {})),
        "total_chart": reporting.beds_chart(totals.get("beds", {}), stay_labels),
        "changes": changes,
        "previous": snapshot.get("previous"),
    }


def _bed_rows(beds: dict, stay_labels: dict) -> list[dict]:
    rows = []
    for key in (*reporting.STAY_CLASSES, "total"):
        cell = beds.get(key, {"agreed": 0, "delivered": 0})
        agreed, delivered = cell["agreed"], cell["delivered"]
        rows.append(
            {
                "key": key,
                "label": stay_labels.get(key) or _("Total"),
                "agreed": agreed,
                "delivered": delivered,
                "open": agreed - delivered,
                "share": round(100 * delivered / agreed) if agreed > 0 else None,
            }
        )
    return rows


def _status_rows(counts: dict) -> list[dict]:
    return [
        {"status": key, "label": str(STATUS_LABELS[key]), "count": counts.get(key, 0)}
        for key in reporting.STATUSES
    ]


def render_report_pdf(report: ProgressReport) -> bytes:
    """The PDF of the stored snapshot: tagged (PDF/UA-1), with real text, in Dutch."""
    with translation.override(REPORT_LANGUAGE):
        context = {**document_context(report), "generated": timezone.localdate()}
        return render_pdf("agreements/report_pdf.html", context, pdf_variant="pdf/ua-1")


def report_xlsx(report: ProgressReport) -> bytes:
    """The workbook of the stored snapshot: one sheet per section, Dutch headers, text cells made safe."""
    from openpyxl import Workbook

    with translation.override(REPORT_LANGUAGE):
        data = document_context(report)
        book = Workbook()
        summary = book.active
        summary.title = _("Summary")[:31]
        summary.append([_("Report"), safe_cell(report.title)])
        summary.append([_("Reference date"), report.reference_date])
        summary.append([_("Scope"), safe_cell(data["scope_name"])])
        if data["previous"]:
            summary.append(
                [_("Compared with the report of"), dt.date.fromisoformat(data["previous"]["reference_date"])]
            )
        summary.append([])
        summary.append(
            [_("Region"), _("Stay class"), _("Beds agreed"), _("Beds delivered"), _("Beds still to come")]
        )
        for region in data["regions"]:
            for row in region["bed_rows"]:
                summary.append(
                    [safe_cell(region["name"]), row["label"], row["agreed"], row["delivered"], row["open"]]
                )
        summary.append([])
        summary.append([_("Region"), *(str(STATUS_LABELS[s]) for s in reporting.STATUSES)])
        for region in data["regions"]:
            summary.append(
                [safe_cell(region["name"]), *(region["status_counts"].get(s, 0) for s in reporting.STATUSES)]
            )

        sheet = book.create_sheet(_("Commitments")[:31])
        sheet.append(
            [_("Region"), _("Agreement"), _("Party"), _("Corner"), _("What"), _("Stay class"),
             _("Description"), _("Target"), _("Delivered (reported)"), _("Delivered (counted)"), _("Status"),
             _("Due on")]
        )  # fmt: skip
        for region in data["regions"]:
            for c in region["commitments"]:
                sheet.append(
                    [safe_cell(region["name"]), safe_cell(c["agreement"]), safe_cell(c["organisation"]),
                     c["corner_label"], c["kind_label"], c["stay_label"], safe_cell(c["description"]), c["target"],
                     c["delivered"], c["counted"], c["status_label"], c["due"]]
                )  # fmt: skip

        sheet = book.create_sheet(_("Laggards")[:31])
        sheet.append(
            [_("Region"), _("Party"), _("Corner"), str(STATUS_LABELS["overdue"]), str(STATUS_LABELS["at_risk"]),
             str(STATUS_LABELS["no_update"])]
        )  # fmt: skip
        for region in data["regions"]:
            for p in region["lagging"]:
                sheet.append(
                    [safe_cell(region["name"]), safe_cell(p["organisation"]), p["corner_label"], p["overdue"],
                     p["at_risk"], p["no_update"]]
                )  # fmt: skip

        sheet = book.create_sheet(_("Escalations")[:31])
        sheet.append([_("Region"), _("Party"), _("Escalated to"), _("Date")])
        for region in data["regions"]:
            for e in region["escalations"]:
                sheet.append(
                    [safe_cell(region["name"]), safe_cell(e["organisation"]), e["level_label"], e["date"]]
                )

        sheet = book.create_sheet(_("Changes")[:31])
        changes = data["changes"]
        if not changes:
            sheet.append([_("There is no earlier report of this scope to compare with.")])
        else:
            sheet.append([_("Compared with the report of"), changes["previous_date"]])
            sheet.append([_("Region"), _("Change"), _("Subject"), _("Before"), _("After")])
            for r in changes["regions"]:
                name = safe_cell(r["name"])
                for row in r["bed_rows"]:
                    if row["agreed"] or row["delivered"]:
                        sheet.append([name, _("Beds agreed"), row["label"], None, row["agreed"]])
                        sheet.append([name, _("Beds delivered"), row["label"], None, row["delivered"]])
                for c in r["status_changes"]:
                    sheet.append(
                        [name, _("Status"), safe_cell(f"{c['organisation']}: {c['description']}"),
                         c["before_label"], c["after_label"]]
                    )  # fmt: skip
                for org in r["newly_lagging"]:
                    sheet.append([name, _("Now lagging"), safe_cell(org), None, None])
                for org in r["no_longer_lagging"]:
                    sheet.append([name, _("No longer lagging"), safe_cell(org), None, None])
                for e in r["new_escalations"]:
                    sheet.append([name, _("New escalation"), safe_cell(e["organisation"]), None, None])
                for e in r["resolved_escalations"]:
                    sheet.append([name, _("Escalation resolved"), safe_cell(e["organisation"]), None, None])
        for ws in book.worksheets:
            for column in ws.columns:
                for cell in column:
                    if isinstance(cell.value, dt.date):
                        cell.number_format = "yyyy-mm-dd"
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


# ------------------------------------------------------------------ writes
def _audit_values(report: ProgressReport) -> dict:
    """What the audit row keeps: not the snapshot or the PDF themselves, but their size and fingerprint."""
    pdf = bytes(report.pdf or b"")
    return {
        "region_id": report.region_id,
        "reference_date": report.reference_date.isoformat(),
        "title": report.title,
        "previous_id": report.previous_id,
        "published_at": report.published_at.isoformat() if report.published_at else None,
        "is_demo": report.is_demo,
        "pdf_bytes": len(pdf),
        "pdf_sha256": hashlib.sha256(pdf).hexdigest() if pdf else None,
    }


def _check_date(reference_date) -> dt.date:
    if reference_date in (None, ""):
        raise ValidationError({"reference_date": _("Give the reference date.")})
    if isinstance(reference_date, str):
        try:
            reference_date = dt.date.fromisoformat(reference_date)
        except ValueError:
            raise ValidationError({"reference_date": _("Give the reference date as a date.")}) from None
    if isinstance(reference_date, dt.datetime) or not isinstance(reference_date, dt.date):
        raise ValidationError({"reference_date": _("Give the reference date as a date.")})
    if reference_date > timezone.localdate():
        raise ValidationError({"reference_date": _("The reference date cannot lie in the future.")})
    if reference_date < EARLIEST:
        raise ValidationError({"reference_date": _("The reference date lies too far in the past.")})
    return reference_date


def default_title(region, reference_date: dt.date) -> str:
    with translation.override(REPORT_LANGUAGE):
        scope = region.name if region is not None else _("National")
        return _("Progress report %(scope)s, %(date)s") % {
            "scope": scope,
            "date": formats.date_format(reference_date, "j F Y"),
        }


@transaction.atomic
def generate_report(*, actor, region, reference_date, title=None, is_demo: bool = False) -> ProgressReport:
    """Freeze the live data of the scope (a region, or None: national) on the reference date into a report."""
    reference_date = _check_date(reference_date)
    report = ProgressReport(region=region, reference_date=reference_date, is_demo=is_demo)
    acting = ensure_allowed(actor, "progress_report", "create", report)
    title = (title or "").strip() or default_title(region, reference_date)
    if len(title) > 200:
        raise ValidationError({"title": _("The title is longer than 200 characters.")})
    with translation.override(
        REPORT_LANGUAGE
    ):  # the group without a region is named in the report's language
        snapshot = collect(actor=actor, region=region, on=reference_date)
    previous = _previous(region, reference_date)
    if previous is not None:
        snapshot["previous"] = {
            "id": previous.pk,
            "reference_date": previous.reference_date.isoformat(),
            "title": previous.title,
        }
        snapshot["changes"] = reporting.compare(previous.snapshot, snapshot)
    report.title = title
    report.snapshot = snapshot
    report.previous = previous
    report.created_by = actor if getattr(actor, "pk", None) else None
    report.pdf = b""
    report.full_clean(exclude=["pdf"])
    report.save()
    try:
        pdf = render_report_pdf(report)
    except PdfUnavailable:
        pdf = b""  # the page and the XLSX still work; the PDF link answers 503
    ProgressReport.objects.filter(pk=report.pk).update(pdf=pdf)
    report.pdf = pdf
    audit.record(
        actor=actor,
        action="create",
        instance=report,
        before=None,
        after=_audit_values(report),
        organisation=acting,
    )
    return report


@transaction.atomic
def publish_report(*, actor, report: ProgressReport) -> ProgressReport:
    """Make the report's PDF public. Once published it stays published: the public may have cited it."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    acting = ensure_allowed(actor, "progress_report", "change", report)
    if report.published_at is not None:
        raise ValidationError(_("This report is already published."))
    if not report.pdf:
        raise ValidationError(
            _("This report has no PDF (the server could not make one); it cannot be published.")
        )
    before = _audit_values(report)
    report.published_at = timezone.now()
    ProgressReport.objects.filter(pk=report.pk).update(published_at=report.published_at)
    audit.record(
        actor=actor,
        action="update",
        instance=report,
        before=before,
        after=_audit_values(report),
        organisation=acting,
    )
    return report


@transaction.atomic
def delete_report(*, actor, report: ProgressReport) -> None:
    acting = ensure_allowed(actor, "progress_report", "delete", report)
    audit.record(
        actor=actor,
        action="delete",
        instance=report,
        before=_audit_values(report),
        after=None,
        organisation=acting,
    )
    report.delete()
