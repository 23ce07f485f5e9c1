"""Progress reports (voortgangsrapportage): list, generate, the report page, PDF and XLSX, publish, delete; and the
public list of published reports. Thin: the figures come from the stored snapshot (report_services)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from aanjager.accounts import scoping
from aanjager.agreements import report_services, selectors
from aanjager.agreements.models import ProgressReport
from aanjager.core.forms import call_service
from aanjager.core.views import confirm_delete
from aanjager.geo.models import Region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report_or_404(user, pk) -> ProgressReport:
    try:
        return selectors.reports(user=user).get(pk=pk)
    except ProgressReport.DoesNotExist:
        raise Http404 from None


def _may(user, action: str, region) -> bool:
    return scoping.allows(user, "progress_report", action, ProgressReport(region=region))


def creatable_regions(user):
    """The regions the user may make a report for (by the same rule as the service)."""
    ids = [region.pk for region in Region.objects.all() if _may(user, "create", region)]
    return Region.objects.filter(pk__in=ids).order_by("name")


class ReportForm(forms.Form):
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region"),
        queryset=Region.objects.none(),
        help_text=gettext_lazy("The report covers the agreements of this region."),
    )
    reference_date = forms.DateField(
        label=gettext_lazy("Reference date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("The figures as on this date: commitments are judged on it."),
        error_messages={
            "required": gettext_lazy("Give the reference date."),
            "invalid": gettext_lazy("Give the reference date as a date."),
        },
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Leave empty for a title with the region and the reference date."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["region"]
        field.queryset = creatable_regions(actor)
        field.error_messages["required"] = _("Choose the region.")
        field.error_messages["invalid_choice"] = _("Choose a region you may make a report for.")
        if _may(actor, "create", None):  # administrators: empty means national
            field.required = False
            field.empty_label = _("National (all regions)")
            field.help_text = _("Leave on national for a report over every region with agreements.")
        if not self.is_bound:
            self.initial.setdefault("reference_date", timezone.localdate())
            regions = list(field.queryset[:2])
            if len(regions) == 1 and field.required:  # a coordinator of one region: that region
                self.initial.setdefault("region", regions[0].pk)


@login_required
def report_list(request):
    user = request.user
    if not scoping.allows(user, "progress_report", "view"):
        raise PermissionDenied
    return render(
        request,
        "agreements/report_list.html",
        {
            "reports": selectors.reports(user=user).defer("pdf"),
            "can_create": scoping.allows(user, "progress_report", "create"),
        },
    )


@login_required
def report_new(request):
    user = request.user
    if not scoping.allows(user, "progress_report", "create"):
        raise PermissionDenied
    form = ReportForm(request.POST or None, actor=user)
    if request.method == "POST" and form.is_valid():
        report = call_service(
            form,
            report_services.generate_report,
            actor=user,
            region=form.cleaned_data["region"],
            reference_date=form.cleaned_data["reference_date"],
            title=form.cleaned_data["title"],
        )
        if report:
            messages.success(request, _("The report was made. Its figures stay as they are now."))
            return redirect(report)
    return render(
        request,
        "agreements/report_form.html",
        {"form": form, "title": _("New progress report")},
        status=400 if form.is_bound else 200,
    )


@login_required
def report_detail(request, pk):
    user = request.user
    report = _report_or_404(user, pk)
    return render(
        request,
        "agreements/report_detail.html",
        {
            **report_services.document_context(report),
            "has_pdf": bool(report.pdf),
            "can_publish": report.published_at is None
            and scoping.allows(user, "progress_report", "change", report),
            "can_delete": scoping.allows(user, "progress_report", "delete", report),
        },
    )


def _filename(report: ProgressReport, extension: str) -> str:
    scope = report.region.name if report.region_id else "nationaal"
    return f"voortgangsrapportage-{slugify(scope)}-{report.reference_date.isoformat()}.{extension}"


def _pdf_response(report: ProgressReport, *, inline: bool = False) -> HttpResponse:
    data = bytes(report.pdf or b"")
    if not data:
        return HttpResponse(
            _(
                "PDF is not available on this server (the Pango library is missing). Download the XLSX instead."
            ),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{_filename(report, "pdf")}"'
    return response


@login_required
def report_pdf(request, pk):
    return _pdf_response(_report_or_404(request.user, pk))


@login_required
def report_xlsx(request, pk):
    report = _report_or_404(request.user, pk)
    response = HttpResponse(report_services.report_xlsx(report), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "xlsx")}"'
    return response


@login_required
@require_POST
def report_publish(request, pk):
    report = _report_or_404(request.user, pk)
    if not scoping.allows(request.user, "progress_report", "change", report):
        raise PermissionDenied
    try:
        report_services.publish_report(actor=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report is published: its PDF is now public."))
    return redirect(report)


@login_required
def report_delete(request, pk):
    report = _report_or_404(request.user, pk)
    if not scoping.allows(request.user, "progress_report", "delete", report):
        raise PermissionDenied
    return confirm_delete(
        request,
        report,
        delete=lambda: report_services.delete_report(actor=request.user, report=report),
        success_message=_("The report was deleted."),
        cancel_url="agreements:report_list",
        success_url="agreements:report_list",
    )


# ------------------------------------------------------------------ public
def _published():
    return ProgressReport.objects.filter(published_at__isnull=False).select_related("region")


def public_reports(request):
    """Published reports, for everyone: only their PDF, nothing else of the agreements module."""
    return render(
        request,
        "agreements/report_public_list.html",
        {
            "reports": _published()
            .defer("pdf", "snapshot")
            .order_by("-reference_date", "-published_at", "-id")
        },
    )


def public_report_pdf(request, pk):
    try:
        report = _published().get(pk=pk)
    except ProgressReport.DoesNotExist:
        raise Http404 from None
    return _pdf_response(report, inline=True)
