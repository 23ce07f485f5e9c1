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
from aanjager.audit.personal_data import PERSONAL_DATA_TYPES
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


def _filtered(request, make_form, select):
    """The form's filters applied by `select`; both the trail and the view log are for those who may read the
    audit trail."""
    if not scoping.allows(request.user, "audit_entry", "view"):
        raise PermissionDenied
    form = make_form()
    filters = form.cleaned_data if form.is_valid() else {}
    return form, select(user=request.user, **{k: v for k, v in filters.items() if v})


def _entries(request):
    def make_form():
        return AuditFilterForm(request.GET or None, object_types=selectors.object_types(user=request.user))

    return _filtered(request, make_form, selectors.audit_entries)


def _page_context(request, form, rows) -> dict:
    """Page 50 rows at a time; `query` is the filter without the page, for the export link."""
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return {"form": form, "page": page, "query": query.urlencode()}


@login_required
def audit_list(request):
    return render(request, "audit/list.html", _page_context(request, *_entries(request)))


class _Echo:
    def write(self, value):
        return value


@login_required
def audit_export(request):
    """The filtered audit trail as CSV (UTF-8 with BOM and `;`, so Excel in Dutch opens it as columns)."""
    _form, entries = _entries(request)
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


PERSON_KINDS = {
    "accounts.user": _("Accounts"),
    "organisations.contactperson": _("Contact persons"),
    "agreements.teammember": _("Team members"),
    "policyscan.participant": _("Scan participants"),
    "agreements.actionitem": _("Owners of action items"),
}
assert set(PERSON_KINDS) == set(PERSONAL_DATA_TYPES)  # a new kind of personal data needs a label here


class PersonalDataFilterForm(forms.Form):
    actor = forms.CharField(label=_("Viewer"), required=False)
    object_type = forms.ChoiceField(
        label=_("Whose data"), required=False, choices=[("", _("All kinds")), *PERSON_KINDS.items()]
    )
    object_id = forms.CharField(
        label=_("Number of the person"),
        required=False,
        max_length=64,
        help_text=_("The number in the address of the person's page, e.g. 12 in /gebruikers/12/bewerken/."),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


def _views(request):
    return _filtered(
        request, lambda: PersonalDataFilterForm(request.GET or None), selectors.personal_data_views
    )


@login_required
def personal_data_list(request):
    """Who saw whose personal data, when and where: for answering a data subject's question (AVG art. 15)."""
    context = _page_context(request, *_views(request))
    return render(request, "audit/personal_data_list.html", {**context, "kinds": PERSON_KINDS})


@login_required
def personal_data_export(request):
    """The filtered log as CSV, one line per person shown (UTF-8 with BOM and `;`)."""
    _form, views = _views(request)
    writer = csv.writer(_Echo(), delimiter=";")

    def rows():
        yield "\ufeff" + writer.writerow(
            ["tijdstip", "gebruiker", "kanaal", "adres", "soort", "persoon_id", "persoon"]
        )
        for view in views.iterator(chunk_size=500):
            for item in view.items.all():
                yield writer.writerow(
                    [
                        safe_cell(value)
                        for value in (
                            timezone.localtime(view.timestamp).isoformat(timespec="seconds"),
                            view.actor_label,
                            view.channel,
                            view.path,
                            item.object_type,
                            item.object_id,
                            item.object_label,
                        )
                    ]
                )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="inzage-persoonsgegevens-{stamp}.csv"'
    return response
