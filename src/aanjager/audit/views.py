import csv
import json

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aanjager.accounts import scoping
from aanjager.audit import selectors
from aanjager.audit.models import AuditEntry
from aanjager.core.spreadsheets import safe_cell


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Actor"), required=False)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *AuditEntry.Action.choices]
    )
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("All channels")), ("ui", "UI"), ("api", "API"), ("cli", "CLI")],
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, object_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("All object types")), *[(t, t) for t in object_types]]


def _filtered(request):
    if not scoping.allows(request.user, "audit_entry", "view"):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None, object_types=selectors.object_types(user=request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    return form, selectors.audit_entries(user=request.user, **{k: v for k, v in filters.items() if v})


@login_required
def audit_list(request):
    form, entries = _filtered(request)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/list.html", {"form": form, "page": page, "query": query.urlencode()})


class _Echo:
    def write(self, value):
        return value


@login_required
def audit_export(request):
    """The filtered audit trail as CSV (UTF-8 with BOM and `;`, so Excel in Dutch opens it as columns)."""
    _form, entries = _filtered(request)
    writer = csv.writer(_Echo(), delimiter=";")
    header = [
        "tijdstip",
        "gebruiker",
        "organisatie",
        "kanaal",
        "actie",
        "objecttype",
        "object_id",
        "object",
        "wijzigingen",
    ]

    def rows():
        yield "\ufeff" + writer.writerow(header)
        for entry in entries.iterator(chunk_size=1000):
            yield writer.writerow(
                [
                    safe_cell(value)
                    for value in (
                        timezone.localtime(entry.timestamp).isoformat(timespec="seconds"),
                        entry.actor_label,
                        entry.organisation_label,
                        entry.channel,
                        entry.action,
                        entry.object_type,
                        entry.object_id,
                        entry.object_label,
                        json.dumps(entry.changes, ensure_ascii=False, sort_keys=True),
                    )
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audittrail-{stamp}.csv"'
    return response
