"""Writes for organisations and their contact persons. Keyword-only, atomic, audited in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from aanjager.audit import services as audit
from aanjager.core.services import apply_changes, ensure_allowed, validated_save
from aanjager.organisations.models import ContactPerson, Organisation

ORGANISATION_FIELDS = {
    "name",
    "org_type",
    "kvk_number",
    "seat_municipality",
    "corner",
    "website",
    "email",
    "phone",
}
CONTACT_FIELDS = {"name", "job_title", "email", "phone"}


@transaction.atomic
def create_organisation(
    *,
    actor,
    name: str,
    org_type: str,
    seat_municipality,
    kvk_number: str = "",
    corner: str = "",
    website: str = "",
    email: str = "",
    phone: str = "",
    is_demo: bool = False,
) -> Organisation:
    organisation = Organisation(
        name=name.strip(),
        org_type=org_type,
        seat_municipality=seat_municipality,
        kvk_number=kvk_number.strip(),
        corner=corner,
        website=website,
        email=email,
        phone=phone,
        is_demo=is_demo,
    )
    acting = ensure_allowed(actor, "organisation", "create", organisation)
    validated_save(organisation)
    audit.record(
        actor=actor,
        action="create",
        instance=organisation,
        before=None,
        after=audit.snapshot(organisation),
        organisation=acting or organisation,
    )
    return organisation


@transaction.atomic
def update_organisation(*, actor, organisation: Organisation, **changes) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    acting = ensure_allowed(actor, "organisation", "change", organisation)
    before = audit.snapshot(organisation)
    apply_changes(organisation, changes, ORGANISATION_FIELDS)
    if "kvk_number" in changes:
        organisation.kvk_number = (organisation.kvk_number or "").strip()
    # A seat moved out of the actor's area would hand the organisation to someone else: check the result too.
    ensure_allowed(actor, "organisation", "change", organisation)
    validated_save(organisation)
    audit.record(
        actor=actor,
        action="update",
        instance=organisation,
        before=before,
        after=audit.snapshot(organisation),
        organisation=acting,
    )
    return organisation


@transaction.atomic
def delete_organisation(*, actor, organisation: Organisation) -> None:
    acting = ensure_allowed(actor, "organisation", "delete", organisation)
    # Contacts and memberships go with the organisation; each leaves its own audit row.
    for dependant in [*organisation.contacts.all(), *organisation.memberships.select_related("user")]:
        audit.record(
            actor=actor,
            action="delete",
            instance=dependant,
            before=audit.snapshot(dependant),
            after=None,
            organisation=acting,
        )
    before, pk = audit.snapshot(organisation), organisation.pk
    try:
        organisation.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("This organisation is still referred to by %(count)d record(s); remove those first.")
            % {"count": len(exc.protected_objects)}
        ) from exc
    audit.record(
        actor=actor,
        action="delete",
        instance=organisation,
        before=before,
        after=None,
        organisation=acting,
        object_id=pk,
    )


@transaction.atomic
def create_contact_person(
    *,
    actor,
    organisation: Organisation,
    name: str,
    job_title: str = "",
    email: str = "",
    phone: str = "",
    is_demo: bool = False,
) -> ContactPerson:
    contact = ContactPerson(
        organisation=organisation,
        name=name.strip(),
        job_title=job_title,
        email=email,
        phone=phone,
        is_demo=is_demo,
    )
    acting = ensure_allowed(actor, "contact_person", "create", contact)
    validated_save(contact)
    audit.record(
        actor=actor,
        action="create",
        instance=contact,
        before=None,
        after=audit.snapshot(contact),
        organisation=acting,
    )
    return contact


@transaction.atomic
def update_contact_person(*, actor, contact: ContactPerson, **changes) -> ContactPerson:
    contact = ContactPerson.objects.select_for_update().get(pk=contact.pk)
    acting = ensure_allowed(actor, "contact_person", "change", contact)
    before = audit.snapshot(contact)
    apply_changes(contact, changes, CONTACT_FIELDS)
    validated_save(contact)
    audit.record(
        actor=actor,
        action="update",
        instance=contact,
        before=before,
        after=audit.snapshot(contact),
        organisation=acting,
    )
    return contact


@transaction.atomic
def delete_contact_person(*, actor, contact: ContactPerson) -> None:
    acting = ensure_allowed(actor, "contact_person", "delete", contact)
    before, pk = audit.snapshot(contact), contact.pk
    contact.delete()
    audit.record(
        actor=actor,
        action="delete",
        instance=contact,
        before=before,
        after=None,
        organisation=acting,
        object_id=pk,
    )
