"""Writes for agreements, their parties, documents, commitments, progress updates and milestones.

Keyword-only, atomic, audited in the same transaction. Parties, documents, commitments and milestones belong to
their agreement: changing them is changing the agreement, so the agreement's rights decide. A progress update is
the committed party's own write (policy `progress_update`), its review the coordinator's."""

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanjager.agreements import notify, planning
from aanjager.agreements.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    Commitment,
    CommitmentMilestone,
    ProgressUpdate,
)
from aanjager.audit import services as audit
from aanjager.core.files import MAX_DOCUMENT_BYTES, disk_full_as_error, sniff_document
from aanjager.core.services import apply_changes, check_visible_choices, ensure_allowed, validated_save

AGREEMENT_FIELDS = {
    "title",
    "agreement_type",
    "region",
    "signed_on",
    "description",
    "at_risk_margin",
    "update_interval_days",
}
COMMITMENT_FIELDS = {
    "organisation",
    "kind",
    "stay_class",
    "description",
    "target",
    "municipality",
    "location",
    "starts_on",
    "due_on",
    "scenario",
    "lead_days",
    "notes",
}


def _set_municipalities(agreement: Agreement, municipalities) -> None:
    if municipalities is None:
        return
    municipalities = list(municipalities)
    if agreement.region_id and municipalities:
        raise ValidationError(
            {"municipalities": _("An agreement covers a region or single municipalities, not both.")}
        )
    agreement.municipalities.set(municipalities)


def _check_covers_something(agreement: Agreement) -> None:
    from aanjager.agreements.models import AgreementType

    if agreement.agreement_type == AgreementType.NATIONAL_DECLARATION:
        return
    if not agreement.region_id and not agreement.municipalities.exists():
        raise ValidationError({"region": _("Choose the region or the municipalities the agreement covers.")})


# ------------------------------------------------------------------ agreements
@transaction.atomic
def create_agreement(*, actor, municipalities=None, is_demo: bool = False, **fields) -> Agreement:
    apply_changes(Agreement(), fields, AGREEMENT_FIELDS)  # refuses unknown fields with their names
    agreement = Agreement(is_demo=is_demo, **fields)
    # Unsaved and without a region it covers nothing yet: then only the general right now, the place below.
    ensure_allowed(actor, "agreement", "create", agreement if agreement.region_id else None)
    validated_save(agreement)
    _set_municipalities(agreement, municipalities)
    _check_covers_something(agreement)
    acting = ensure_allowed(actor, "agreement", "create", agreement)  # with its municipalities known
    audit.record_write(actor=actor, action="create", instance=agreement, before=None, organisation=acting)
    return agreement


@transaction.atomic
def update_agreement(*, actor, agreement: Agreement, municipalities=None, **changes) -> Agreement:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    ensure_allowed(actor, "agreement", "change", agreement)
    before = audit.snapshot(agreement)
    apply_changes(agreement, changes, AGREEMENT_FIELDS)
    validated_save(agreement)
    if "region" in changes and agreement.region_id and municipalities is None:
        municipalities = []
    _set_municipalities(agreement, municipalities)
    _check_covers_something(agreement)
    acting = ensure_allowed(actor, "agreement", "change", agreement)  # not moved out of the actor's reach
    for commitment in agreement.commitments.select_related("location"):
        commitment.agreement = agreement
        try:
            commitment.full_clean()
        except ValidationError as exc:
            raise ValidationError(
                {
                    "signed_on": _("A commitment no longer fits: %(problem)s")
                    % {"problem": " ".join(exc.messages)}
                }
            ) from None
    audit.record_write(actor=actor, action="update", instance=agreement, before=before, organisation=acting)
    return agreement


@transaction.atomic
def delete_agreement(*, actor, agreement: Agreement) -> None:
    acting = ensure_allowed(actor, "agreement", "delete", agreement)
    before = {**audit.snapshot(agreement), "commitments": agreement.commitments.count()}
    files = [doc.file for doc in agreement.documents.all()]
    files += [
        u.evidence for u in ProgressUpdate.objects.filter(commitment__agreement=agreement) if u.evidence
    ]
    audit.record(
        actor=actor, action="delete", instance=agreement, before=before, after=None, organisation=acting
    )
    agreement.delete()
    _remove_files_after_commit(files)


def _remove_files_after_commit(files) -> None:
    pairs = [(f.storage, f.name) for f in files]
    if pairs:
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in pairs])


# ------------------------------------------------------------------ parties
@transaction.atomic
def add_party(
    *, actor, agreement: Agreement, organisation, corner: str = "", signed_on=None
) -> AgreementParty:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    acting = ensure_allowed(actor, "agreement", "change", agreement)
    check_visible_choices(actor, {"organisation": organisation})
    party = AgreementParty(agreement=agreement, organisation=organisation, corner=corner, signed_on=signed_on)
    validated_save(party)
    audit.record_write(actor=actor, action="create", instance=party, before=None, organisation=acting)
    return party


@transaction.atomic
def update_party(*, actor, party: AgreementParty, **changes) -> AgreementParty:
    party = AgreementParty.objects.select_for_update().select_related("agreement").get(pk=party.pk)
    acting = ensure_allowed(actor, "agreement", "change", party.agreement)
    before = audit.snapshot(party)
    apply_changes(party, changes, {"corner", "signed_on"})
    validated_save(party)
    audit.record_write(actor=actor, action="update", instance=party, before=before, organisation=acting)
    return party


@transaction.atomic
def remove_party(*, actor, party: AgreementParty) -> None:
    acting = ensure_allowed(actor, "agreement", "change", party.agreement)
    if party.agreement.commitments.filter(organisation_id=party.organisation_id).exists():
        raise ValidationError(
            {"organisation": _("This party has commitments in the agreement; remove those first.")}
        )
    audit.record(
        actor=actor,
        action="delete",
        instance=party,
        before=audit.snapshot(party),
        after=None,
        organisation=acting,
    )
    party.delete()


# ------------------------------------------------------------------ documents
def _check_document(upload, field: str) -> tuple[str, str, str]:
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({field: _("The file is larger than 20 MB.")})
    kind = sniff_document(upload)
    if kind is None:
        raise ValidationError(
            {
                field: _(
                    "This file type is not accepted: choose a PDF, Word, Excel, OpenDocument or image file."
                )
            }
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return kind[0], kind[1], digest.hexdigest()


@transaction.atomic
def add_document(*, actor, agreement: Agreement, upload, title: str) -> AgreementDocument:
    acting = ensure_allowed(actor, "agreement", "change", agreement)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the document a title.")})
    content_type, extension, sha256 = _check_document(upload, "file")
    document = AgreementDocument(
        agreement=agreement,
        title=title[:200],
        content_type=content_type,
        extension=extension,
        size=upload.size,
        sha256=sha256,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    with disk_full_as_error("file"):
        document.file.save(f"document.{extension}", upload, save=False)
    try:
        document.save()
        audit.record_write(actor=actor, action="create", instance=document, before=None, organisation=acting)
    except Exception:
        document.file.delete(save=False)
        raise
    return document


@transaction.atomic
def delete_document(*, actor, document: AgreementDocument) -> None:
    acting = ensure_allowed(actor, "agreement", "change", document.agreement)
    audit.record(
        actor=actor,
        action="delete",
        instance=document,
        before=audit.snapshot(document),
        after=None,
        organisation=acting,
    )
    document.delete()
    _remove_files_after_commit([document.file])


# ------------------------------------------------------------------ commitments
def _clean_lead_days(fields: dict) -> None:
    if "lead_days" not in fields:
        return
    try:
        fields["lead_days"] = {
            key: value
            for key, value in planning.lead_days(fields["lead_days"] or {}).items()
            if (fields["lead_days"] or {}).get(key) is not None
        }
    except (ValueError, TypeError):
        raise ValidationError(
            {"lead_days": _("Lead times are whole numbers of days from 0 to 3650, for the known milestones.")}
        ) from None


@transaction.atomic
def create_commitment(*, actor, agreement: Agreement, is_demo: bool = False, **fields) -> Commitment:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    acting = ensure_allowed(actor, "agreement", "change", agreement)
    apply_changes(Commitment(), fields, COMMITMENT_FIELDS)
    check_visible_choices(actor, fields)
    _clean_lead_days(fields)
    if fields.get("starts_on") is None:
        fields["starts_on"] = agreement.signed_on or dt.date.today()
    commitment = Commitment(agreement=agreement, is_demo=is_demo, **fields)
    validated_save(commitment)
    audit.record_write(actor=actor, action="create", instance=commitment, before=None, organisation=acting)
    return commitment


@transaction.atomic
def update_commitment(*, actor, commitment: Commitment, **changes) -> Commitment:
    commitment = Commitment.objects.select_for_update().select_related("agreement").get(pk=commitment.pk)
    acting = ensure_allowed(actor, "agreement", "change", commitment.agreement)
    before = audit.snapshot(commitment)
    check_visible_choices(actor, changes)
    _clean_lead_days(changes)
    new_party = changes.get("organisation")
    if new_party is not None and new_party.pk != commitment.organisation_id and commitment.updates.exists():
        raise ValidationError(
            {
                "organisation": _(
                    "This party has reported progress on the commitment; it cannot be handed to another."
                )
            }
        )
    apply_changes(commitment, changes, COMMITMENT_FIELDS)
    validated_save(commitment)
    audit.record_write(actor=actor, action="update", instance=commitment, before=before, organisation=acting)
    notify.check_commitments_after_commit([commitment.pk])
    return commitment


@transaction.atomic
def delete_commitment(*, actor, commitment: Commitment) -> None:
    acting = ensure_allowed(actor, "agreement", "change", commitment.agreement)
    files = [u.evidence for u in commitment.updates.all() if u.evidence]
    before = {**audit.snapshot(commitment), "updates": commitment.updates.count()}
    audit.record(
        actor=actor, action="delete", instance=commitment, before=before, after=None, organisation=acting
    )
    commitment.delete()
    _remove_files_after_commit(files)


@transaction.atomic
def record_milestone(*, actor, commitment: Commitment, key: str, achieved_on: dt.date | None) -> None:
    """Set (or with None, clear) the date a milestone of the backward planning was reached."""
    acting = ensure_allowed(actor, "agreement", "change", commitment.agreement)
    if key not in planning.MILESTONES:
        raise ValidationError({"key": _("Unknown milestone.")})
    existing = CommitmentMilestone.objects.filter(commitment=commitment, key=key).first()
    before = audit.snapshot(existing) if existing else None
    if achieved_on is None:
        if existing:
            audit.record(
                actor=actor,
                action="delete",
                instance=existing,
                before=before,
                after=None,
                organisation=acting,
            )
            existing.delete()
        return
    if achieved_on > dt.date.today():
        raise ValidationError({"achieved_on": _("A milestone cannot be reached in the future.")})
    milestone = existing or CommitmentMilestone(commitment=commitment, key=key)
    milestone.achieved_on = achieved_on
    validated_save(milestone)
    audit.record_write(
        actor=actor,
        action="update" if existing else "create",
        instance=milestone,
        before=before,
        organisation=acting,
    )


# ------------------------------------------------------------------ progress updates
@transaction.atomic
def report_progress(
    *, actor, commitment: Commitment, reported_on: dt.date, delivered: int, narrative: str = "", evidence=None
) -> ProgressUpdate:
    """The committed party reports the running total delivered so far."""
    commitment = Commitment.objects.select_for_update().select_related("agreement").get(pk=commitment.pk)
    update = ProgressUpdate(
        commitment=commitment,
        reported_on=reported_on,
        delivered=delivered,
        narrative=(narrative or "").strip(),
        organisation=commitment.organisation,
        submitted_by=actor if getattr(actor, "pk", None) else None,
    )
    acting = ensure_allowed(actor, "progress_update", "create", update)  # a party reports only its own
    if delivered is not None and delivered < 0:
        raise ValidationError({"delivered": _("The number delivered cannot be negative.")})
    if evidence is not None:
        content_type, extension, _sha = _check_document(evidence, "evidence")
        update.evidence_content_type, update.evidence_extension = content_type, extension
        update.full_clean(exclude=["evidence"])
        with disk_full_as_error("evidence"):
            update.evidence.save(f"evidence.{extension}", evidence, save=False)
    try:
        validated_save(update)
        audit.record_write(actor=actor, action="create", instance=update, before=None, organisation=acting)
    except Exception:
        if update.evidence:
            update.evidence.delete(save=False)
        raise
    notify.update_submitted_after_commit(update.pk)
    notify.check_commitments_after_commit([commitment.pk])
    return update


@transaction.atomic
def review_update(*, actor, update: ProgressUpdate, review: str, comment: str = "") -> ProgressUpdate:
    update = (
        ProgressUpdate.objects.select_for_update().select_related("commitment__agreement").get(pk=update.pk)
    )
    acting = ensure_allowed(actor, "progress_update", "change", update)
    if review not in (ProgressUpdate.Review.ACCEPTED, ProgressUpdate.Review.REJECTED):
        raise ValidationError({"review": _("Accept or reject the update.")})
    if review == ProgressUpdate.Review.REJECTED and not (comment or "").strip():
        raise ValidationError({"review_comment": _("Say why the update is rejected.")})
    before = audit.snapshot(update)
    update.review = review
    update.review_comment = (comment or "").strip()
    update.reviewed_by = actor if getattr(actor, "pk", None) else None
    update.reviewed_at = timezone.now()
    validated_save(update)
    audit.record_write(actor=actor, action="update", instance=update, before=before, organisation=acting)
    notify.check_commitments_after_commit([update.commitment_id])
    return update


@transaction.atomic
def delete_update(*, actor, update: ProgressUpdate) -> None:
    acting = ensure_allowed(actor, "progress_update", "delete", update)
    audit.record(
        actor=actor,
        action="delete",
        instance=update,
        before=audit.snapshot(update),
        after=None,
        organisation=acting,
    )
    update.delete()
    if update.evidence:
        _remove_files_after_commit([update.evidence])
