"""Policy scans: the list, the scan page with its baseline chart, participants, answers and recommendations, the
answer form, completing and reopening, turning a recommendation into a programme measure, and the XLSX export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanjager.accounts import scoping
from aanjager.audit.personal_data import note_request
from aanjager.core.forms import call_service
from aanjager.core.views import confirm_delete
from aanjager.policyscan import charts, maturity, selectors, services
from aanjager.policyscan.forms import AnswersForm, MeasureForm, ParticipantForm, RecommendationForm, ScanForm
from aanjager.policyscan.models import Participant, Recommendation, Scan


def _scan_or_404(user, pk) -> Scan:
    try:
        return selectors.scans(user).get(pk=pk)
    except Scan.DoesNotExist:
        raise Http404 from None


def _part_or_404(model, user, pk):
    try:
        return model.objects.select_related("scan__question_set", "scan__municipality").get(
            pk=pk, scan__in=selectors.scans(user).values("pk")
        )
    except model.DoesNotExist:
        raise Http404 from None


def _require_change(user, scan):
    if not scoping.allows(user, "policy_scan", "change", scan):
        raise PermissionDenied


@login_required
def scan_list(request):
    user = request.user
    if not scoping.allows(user, "policy_scan", "view"):
        raise PermissionDenied
    rows = []
    for scan in selectors.scans(user).prefetch_related("answers"):
        rows.append({"scan": scan, "overall": maturity.rounded(maturity.overall(selectors.scores(scan)))})
    return render(
        request,
        "policyscan/list.html",
        {"rows": rows, "can_create": scoping.allows(user, "policy_scan", "create")},
    )


def _series_labels():
    return {
        "scan": _("this scan"),
        "earlier": _("earlier scan"),
        "region": lambda region: _("average of %(region)s") % {"region": region.name},
    }


def _answer_groups(scan):
    """Per domain the statements with their answer (or None) and the scale label of the score."""
    labels = {s["value"]: s["label"] for s in scan.question_set.scale}
    answers = {a.statement_code: a for a in scan.answers.all()}
    groups = []
    for domain in scan.question_set.domains:
        statements = []
        for statement in domain["statements"]:
            answer = answers.get(statement["code"])
            statements.append(
                {
                    "code": statement["code"],
                    "text": statement["text"],
                    "answer": answer,
                    "label": labels.get(answer.score) if answer else None,
                }
            )
        groups.append({"code": domain["code"], "title": domain["title"], "statements": statements})
    return groups


def _measure_url(user, measure):
    if measure is None:
        return None
    programme = measure.package.spearhead.programme
    if not scoping.allows(user, "programme", "view", programme):
        return None
    if hasattr(measure, "get_absolute_url"):
        return measure.get_absolute_url()
    return programme.get_absolute_url()


@login_required
def scan_detail(request, pk, forms=None):
    user = request.user
    scan = _scan_or_404(user, pk)
    can_change = scoping.allows(user, "policy_scan", "change", scan)
    forms = forms or {}
    if can_change:
        forms.setdefault("participant", ParticipantForm())
    baseline = selectors.baseline(scan)
    titles = scan.question_set.domain_titles()
    recommendations = list(
        scan.recommendations.select_related("measure__package__spearhead__programme").order_by("id")
    )
    can_turn = can_change and selectors.measure_packages(user, scan).exists()
    participants = list(scan.participants.all())
    note_request(request, participants)
    return render(
        request,
        "policyscan/detail.html",
        {
            "scan": scan,
            "baseline": baseline,
            "chart": charts.baseline_chart(baseline, _series_labels()),
            "groups": _answer_groups(scan),
            "scale": scan.question_set.scale,
            "participants": participants,
            "recommendations": [
                {
                    "object": r,
                    "domain": titles.get(r.domain_code, r.domain_code),
                    "measure_url": _measure_url(user, r.measure),
                }
                for r in recommendations
            ],
            "earlier_visible": baseline.earlier_scan is not None
            and scoping.allows(user, "policy_scan", "view", baseline.earlier_scan),
            "can_change": can_change,
            "can_delete": scoping.allows(user, "policy_scan", "delete", scan),
            "can_turn": can_turn,
            "forms": forms,
        },
    )


@login_required
def scan_create(request):
    if not scoping.allows(request.user, "policy_scan", "create"):
        raise PermissionDenied
    form = ScanForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        scan = call_service(form, services.create_scan, actor=request.user, **form.service_fields())
        if scan:
            messages.success(
                request, _("The policy scan was created. Add who took part and fill in the answers.")
            )
            return redirect(scan)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New policy scan"), "cancel_url": "policyscan:list"},
    )


@login_required
def scan_edit(request, pk):
    scan = _scan_or_404(request.user, pk)
    _require_change(request.user, scan)
    form = ScanForm(request.POST or None, instance=scan, actor=request.user)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        if form.fields["question_set"].disabled:
            fields.pop("question_set")
        updated = call_service(form, services.update_scan, actor=request.user, scan=scan, **fields)
        if updated:
            messages.success(request, _("The policy scan was saved."))
            return redirect(updated)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Edit the policy scan of %(name)s") % {"name": scan},
            "cancel_url": "policyscan:list",
        },
    )


@login_required
def scan_delete(request, pk):
    scan = _scan_or_404(request.user, pk)
    if not scoping.allows(request.user, "policy_scan", "delete", scan):
        raise PermissionDenied
    return confirm_delete(
        request,
        scan,
        delete=lambda: services.delete_scan(actor=request.user, scan=scan),
        success_message=_("The policy scan was deleted."),
        cancel_url="policyscan:list",
        success_url="policyscan:list",
    )


@login_required
def answers(request, pk):
    scan = _scan_or_404(request.user, pk)
    _require_change(request.user, scan)
    if scan.status == Scan.Status.COMPLETED:
        messages.info(request, _("This scan is completed. Reopen it to change its answers."))
        return redirect(scan)
    form = AnswersForm(request.POST or None, scan=scan)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_answers(actor=request.user, scan=scan, answers=form.answers())
        except ValidationError as exc:
            form.add_statement_errors(exc)
        else:
            messages.success(request, _("The answers were saved."))
            return redirect(scan)
    answered = sum(1 for d in form.domains for s in d["statements"] if s["score"].value() not in (None, ""))
    return render(
        request,
        "policyscan/answers.html",
        {"scan": scan, "form": form, "scale": scan.question_set.scale, "answered": answered},
    )


@login_required
@require_POST
def complete(request, pk):
    scan = _scan_or_404(request.user, pk)
    _require_change(request.user, scan)
    try:
        services.complete_scan(actor=request.user, scan=scan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The scan is completed: its baseline counts in comparisons now."))
    return redirect(scan)


@login_required
@require_POST
def reopen(request, pk):
    scan = _scan_or_404(request.user, pk)
    _require_change(request.user, scan)
    services.reopen_scan(actor=request.user, scan=scan)
    messages.success(request, _("The scan is open again: its answers can be changed."))
    return redirect(scan)


@login_required
def participant_add(request, pk):
    scan = _scan_or_404(request.user, pk)
    _require_change(request.user, scan)
    if request.method != "POST":
        return redirect(scan)
    form = ParticipantForm(request.POST)
    if form.is_valid() and call_service(
        form, services.add_participant, actor=request.user, scan=scan, **form.service_fields()
    ):
        messages.success(request, _("The participant was added."))
        return redirect(scan)
    return scan_detail(request, pk, forms={"participant": form})


@login_required
def participant_delete(request, pk):
    participant = _part_or_404(Participant, request.user, pk)
    _require_change(request.user, participant.scan)
    return confirm_delete(
        request,
        participant,
        delete=lambda: services.delete_participant(actor=request.user, participant=participant),
        success_message=_("The participant was removed."),
        cancel_url="policyscan:list",
        success_url="policyscan:list",
    )


@login_required
def recommendation_create(request, pk):
    scan = _scan_or_404(request.user, pk)
    _require_change(request.user, scan)
    form = RecommendationForm(request.POST or None, scan=scan)
    if request.method == "POST" and form.is_valid():
        created = call_service(
            form, services.create_recommendation, actor=request.user, scan=scan, **form.service_fields()
        )
        if created:
            messages.success(request, _("The recommendation was added."))
            return redirect(f"{scan.get_absolute_url()}#recommendations-title")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("New recommendation for %(name)s") % {"name": scan},
            "cancel_url": "policyscan:list",
        },
    )


@login_required
def recommendation_edit(request, pk):
    recommendation = _part_or_404(Recommendation, request.user, pk)
    scan = recommendation.scan
    _require_change(request.user, scan)
    form = RecommendationForm(request.POST or None, instance=recommendation, scan=scan)
    if request.method == "POST" and form.is_valid():
        updated = call_service(
            form,
            services.update_recommendation,
            actor=request.user,
            recommendation=recommendation,
            **form.service_fields(),
        )
        if updated:
            messages.success(request, _("The recommendation was saved."))
            return redirect(f"{scan.get_absolute_url()}#recommendations-title")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Edit the recommendation"), "cancel_url": "policyscan:list"},
    )


@login_required
def recommendation_delete(request, pk):
    recommendation = _part_or_404(Recommendation, request.user, pk)
    _require_change(request.user, recommendation.scan)
    return confirm_delete(
        request,
        recommendation,
        delete=lambda: services.delete_recommendation(actor=request.user, recommendation=recommendation),
        success_message=_("The recommendation was deleted."),
        cancel_url="policyscan:list",
        success_url="policyscan:list",
    )


@login_required
def recommendation_measure(request, pk):
    recommendation = _part_or_404(Recommendation, request.user, pk)
    scan = recommendation.scan
    _require_change(request.user, scan)
    if recommendation.measure_id:
        messages.info(request, _("This recommendation is a programme measure already."))
        return redirect(scan)
    packages = selectors.measure_packages(request.user, scan)
    if not packages.exists():
        raise PermissionDenied
    form = MeasureForm(request.POST or None, packages=packages, recommendation=recommendation)
    if request.method == "POST" and form.is_valid():
        measure = call_service(
            form,
            services.turn_into_measure,
            actor=request.user,
            recommendation=recommendation,
            **form.cleaned_data,
        )
        if measure:
            messages.success(request, _("The recommendation is now measure %(name)s.") % {"name": measure})
            return redirect(f"{scan.get_absolute_url()}#recommendations-title")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Turn the recommendation into a programme measure"),
            "cancel_url": "policyscan:list",
        },
    )


@login_required
def scan_xlsx(request, pk):
    from aanjager.policyscan import exports

    scan = _scan_or_404(request.user, pk)
    note_request(request, scan.participants.all())  # the workbook's sheet of participants
    data = exports.workbook(scan, selectors.baseline(scan))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="beleidsscan-{scan.pk}.xlsx"'
    return response
