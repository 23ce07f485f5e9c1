"""Writes for users and memberships. Keyword-only, atomic, audited in the same transaction."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aanjager.accounts import scoping
from aanjager.accounts.models import Membership, User
from aanjager.audit import services as audit
from aanjager.core.services import apply_changes, ensure_allowed, validated_save

MEMBERSHIP_FIELDS = {"organisation", "role", "region"}
USER_FIELDS = {"first_name", "last_name", "email", "is_active"}


def _user_snapshot(user: User) -> dict:
    values = audit.snapshot(user)
    values.pop("password", None)  # never in the audit trail
    values.pop("last_login", None)
    return values


@transaction.atomic
def create_user(
    *,
    actor,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_demo: bool = False,
) -> User:
    """New accounts are an administrator's job: the same right as granting any role."""
    ensure_allowed(actor, "user", "create")
    user = User(
        username=username.strip(), first_name=first_name, last_name=last_name, email=email, is_demo=is_demo
    )
    if User.objects.filter(username__iexact=user.username).exists():
        raise ValidationError({"username": _("A user with this username already exists.")})
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    validated_save(user)
    audit.record(actor=actor, action="create", instance=user, before=None, after=_user_snapshot(user))
    return user


@transaction.atomic
def update_user(*, actor, user: User, **changes) -> User:
    """Change a user's name, e-mail or active flag. Deactivate rather than delete: the audit trail stays whole."""
    user = User.objects.select_for_update().get(pk=user.pk)
    ensure_allowed(actor, "user", "change", user)
    if actor is not None and actor.pk == user.pk and changes.get("is_active") is False:
        raise ValidationError({"is_active": _("You cannot deactivate your own account.")})
    before = _user_snapshot(user)
    apply_changes(user, changes, USER_FIELDS)
    validated_save(user)
    audit.record(actor=actor, action="update", instance=user, before=before, after=_user_snapshot(user))
    return user


@transaction.atomic
def create_membership(*, actor, user: User, organisation, role: str, region=None) -> Membership:
    membership = Membership(user=user, organisation=organisation, role=role, region=region)
    acting = ensure_allowed(actor, "membership", "create", membership)
    validated_save(membership)
    scoping.forget(user)
    audit.record(
        actor=actor,
        action="create",
        instance=membership,
        before=None,
        after=audit.snapshot(membership),
        organisation=acting,
    )
    return membership


@transaction.atomic
def update_membership(*, actor, membership: Membership, **changes) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    acting = ensure_allowed(actor, "membership", "change", membership)
    before = audit.snapshot(membership)
    apply_changes(membership, changes, MEMBERSHIP_FIELDS)
    ensure_allowed(actor, "membership", "change", membership)
    validated_save(membership)
    scoping.forget(membership.user)
    audit.record(
        actor=actor,
        action="update",
        instance=membership,
        before=before,
        after=audit.snapshot(membership),
        organisation=acting,
    )
    return membership


@transaction.atomic
def delete_membership(*, actor, membership: Membership) -> None:
    acting = ensure_allowed(actor, "membership", "delete", membership)
    before, pk = audit.snapshot(membership), membership.pk
    membership.delete()
    audit.record(
        actor=actor,
        action="delete",
        instance=membership,
        before=before,
        after=None,
        organisation=acting,
        object_id=pk,
    )


@transaction.atomic
def reset_two_factor(*, actor, user: User) -> int:
    """Remove the user's authenticator apps (a lost phone): they set one up again at their next sign-in, which
    their role may require. Returns how many were removed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    acting = ensure_allowed(actor, "user", "change", user)
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    if removed:
        audit.record(
            actor=actor,
            action="update",
            instance=user,
            before={"two_factor": True},
            after={"two_factor": False},
            organisation=acting,
        )
    return removed
