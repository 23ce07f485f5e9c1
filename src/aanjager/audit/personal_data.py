"""The log of who viewed personal data. Pages and API responses that show people's names or contact details call
`note_viewed` with the objects they showed; one row per response, one item per person-object.

Which objects count as personal data is this table; `label` says what an administrator sees in the log."""

from django.db import transaction

from aanjager.audit.models import PersonalDataView, PersonalDataViewItem
from aanjager.core import channel

PERSONAL_DATA_TYPES = {
    "accounts.user": lambda user: user.get_full_name() or user.username,
    "organisations.contactperson": str,
    "agreements.teammember": str,
    "policyscan.participant": lambda participant: participant.name,
    "agreements.actionitem": lambda item: item.owner_name,
}


def _people(objects):
    seen = set()
    for obj in objects:
        kind = obj._meta.label_lower
        label = PERSONAL_DATA_TYPES.get(kind)
        if label is None or obj.pk is None:
            continue
        text = label(obj)
        if (
            not text or (kind, obj.pk) in seen
        ):  # a participant without a name, an action item without an owner
            continue
        seen.add((kind, obj.pk))
        yield kind, str(obj.pk), str(text)[:300]


def note_viewed(*, actor, objects, path: str) -> PersonalDataView | None:
    """Record that `actor` was shown these objects' personal data at `path`. Nothing for an empty list."""
    people = list(_people(objects))
    if not people or actor is None or not actor.is_authenticated:
        return None
    with transaction.atomic():
        view = PersonalDataView.objects.create(
            actor=actor,
            actor_label=actor.username[:200],
            channel=channel.current(),
            path=path[:300],
            count=len(people),
        )
        PersonalDataViewItem.objects.bulk_create(
            PersonalDataViewItem(view=view, object_type=kind, object_id=pk, object_label=label)
            for kind, pk, label in people
        )
    return view


def note_request(request, *groups) -> PersonalDataView | None:
    """`note_viewed` for a page: the signed-in user, the page's address, the objects of all groups."""
    return note_viewed(
        actor=request.user, objects=[obj for group in groups for obj in group], path=request.get_full_path()
    )
