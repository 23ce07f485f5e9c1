from django.urls import reverse
from django.utils.translation import gettext as _

from aanjager.accounts import scoping


def navigation(request):
    """The module navigation: only what the signed-in user may open."""
    user = request.user
    if not user.is_authenticated:
        return {"nav_items": []}
    items = [
        (_("Home"), reverse("home")),
        (_("Regions"), reverse("geo:region_list")),
        (_("Municipalities"), reverse("geo:municipality_list")),
        (_("Organisations"), reverse("organisations:list")),
        (_("Estimates"), reverse("estimates:list")),
    ]
    if scoping.allows(user, "location", "view"):
        items.append((_("Locations"), reverse("locations:list")))
    items.append((_("Housing task"), reverse("housingtask:list")))  # like the estimates: published ones too
    if any(scoping.allows(user, kind, "view") for kind in ("agreement", "team", "meeting")):
        items.append((_("Agreements"), reverse("agreements:list")))
    if scoping.allows(user, "business_case", "view"):
        items.append((_("Business cases"), reverse("businesscase:list")))
    if scoping.allows(user, "policy_scan", "view"):
        items.append((_("Policy scans"), reverse("policyscan:list")))
    if scoping.allows(user, "programme", "view"):
        items.append((_("Programmes"), reverse("programme:list")))
    items += [
        (_("Memberships"), reverse("accounts:membership_list")),
    ]
    if scoping.allows(user, "user", "view"):
        items.append((_("Users"), reverse("accounts:user_list")))
    if scoping.allows(user, "audit_entry", "view"):
        items.append((_("Audit trail"), reverse("audit:list")))
    current = request.path
    from aanjager.agreements.models import Notification

    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    return {
        "unread_notifications": unread,
        "nav_items": [
            {
                "label": label,
                "url": url,
                "current": current == url or (url != "/" and current.startswith(url)),
            }
            for label, url in items
        ],
    }
