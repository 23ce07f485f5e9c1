from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from aanjager.accounts import scoping

register = template.Library()


@register.inclusion_tag("agreements/_subnav.html", takes_context=True)
def agreements_subnav(context):
    """The module's sections, only those the user may open, with the current one marked."""
    request = context["request"]
    user = request.user
    links = [
        ("agreement", _("Agreements"), reverse("agreements:list")),
        ("team", _("Aanjaagteams"), reverse("agreements:teams")),
        ("meeting", _("Meetings"), reverse("agreements:agenda")),
        ("progress_report", _("Progress reports"), reverse("agreements:report_list")),
    ]
    items = [
        {"label": label, "url": url, "current": request.path == url}
        for object_type, label, url in links
        if scoping.allows(user, object_type, "view")
    ]
    items.append(
        {
            "label": _("Backward planning"),
            "url": reverse("agreements:planning"),
            "current": request.path == reverse("agreements:planning"),
        }
    )
    return {"items": items}
