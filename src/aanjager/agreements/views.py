"""Agreements, their commitments and progress updates; the backward-planning calculator; notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanjager.accounts import scoping
from aanjager.agreements import planning, progress, selectors, services
from aanjager.agreements.forms import (
    AgreementForm,
    CommitmentForm,
    DocumentForm,
    MilestoneForm,
    PartyForm,
    PlanningForm,
    PreferenceForm,
    ProgressUpdateForm,
    ReviewForm,
)
from aanjager.agreements.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    Commitment,
    CommitmentKind,
    Notification,
    NotificationPreference,
    ProgressUpdate,
)
from aanjager.audit.personal_data import note_request
from aanjager.core.forms import add_service_errors, call_service
from aanjager.core.views import confirm_delete

STATUS_LABELS = selectors.STATUS_LABELS
MILESTONE_LABELS = {
    "permit_applied": gettext_lazy("Permit applied for"),
    "permit_granted": gettext_lazy("Permit granted"),
    "construction_started": gettext_lazy("Construction started"),
    "beds_delivered": gettext_lazy("Beds delivered"),
}


def _agreement_or_404(user, pk) -> Agreement:
    try:
        return selectors.agreements(user=user).get(pk=pk)
    except Agreement.DoesNotExist:
        raise Http404 from None


def _commitment_or_404(user, pk) -> Commitment:
    try:
        return selectors.commitments(user=user).get(pk=pk)
    except Commitment.DoesNotExist:
        raise Http404 from None


def _status_rows(items) -> list[dict]:
    return [
        {"status": key, "label": STATUS_LABELS[key], "count": count}
        for key, count in selectors.status_counts(items).items()
    ]


# ------------------------------------------------------------------ agreements
@login_required
def agreement_list(request):
    user = request.user
    if not scoping.allows(user, "agreement", "view"):
        raise PermissionDenied
    today = timezone.localdate()
    agreements = list(selectors.agreements(user=user).prefetch_related("parties"))
    judged = selectors.judged(selectors.commitments(user=user), today)
    by_agreement: dict[int, list] = {}
    for item in judged:
        by_agreement.setdefault(item.commitment.agreement_id, []).append(item)
    rows = [
        {
            "agreement": a,
            "commitments": len(by_agreement.get(a.pk, [])),
            "statuses": selectors.status_counts(by_agreement.get(a.pk, [])),
        }
        for a in agreements
    ]
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "rows": rows,
            "totals": _status_rows(judged),
            "today": today,
            "status_labels": STATUS_LABELS,
            "can_create": scoping.allows(user, "agreement", "create"),
            "can_see_teams": scoping.allows(user, "team", "view"),
            "can_see_meetings": scoping.allows(user, "meeting", "view"),
            "can_see_reports": scoping.allows(user, "progress_report", "view"),
        },
    )


@login_required
def agreement_detail(request, pk, party_form=None, document_form=None):
    user = request.user
    agreement = _agreement_or_404(user, pk)
    today = timezone.localdate()
    can_change = scoping.allows(user, "agreement", "change", agreement)
    judged = selectors.judged(agreement.commitments.select_related("organisation", "municipality"), today)
    if can_change:
        party_form = party_form or PartyForm(actor=user)
        document_form = document_form or DocumentForm()
    bound = any(f is not None and f.is_bound for f in (party_form, document_form))
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "parties": agreement.parties.select_related("organisation"),
            "documents": agreement.documents.all(),
            "judged": judged,
            "totals": _status_rows(judged),
            "status_labels": STATUS_LABELS,
            "margin": agreement.at_risk_margin,
            "today": today,
            "can_change": can_change,
            "can_delete": scoping.allows(user, "agreement", "delete", agreement),
            "party_form": party_form if can_change else None,
            "document_form": document_form if can_change else None,
            "municipalities": agreement.municipalities.all(),
        },
        status=400 if bound else 200,
    )


def _agreement_data(form) -> tuple[dict, list]:
    data = dict(form.cleaned_data)
    return data, list(data.pop("municipalities", []) or [])


@login_required
def agreement_create(request):
    if not scoping.allows(request.user, "agreement", "create"):
        raise PermissionDenied
    form = AgreementForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data, municipalities = _agreement_data(form)
        agreement = call_service(
            form, services.create_agreement, actor=request.user, municipalities=municipalities, **data
        )
        if agreement:
            messages.success(request, _("The agreement was created. Add its parties and commitments below."))
            return redirect(agreement)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New agreement"), "cancel_url": "agreements:list"},
    )


@login_required
def agreement_edit(request, pk):
    agreement = _agreement_or_404(request.user, pk)
    if not scoping.allows(request.user, "agreement", "change", agreement):
        raise PermissionDenied
    form = AgreementForm(request.POST or None, instance=agreement, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data, municipalities = _agreement_data(form)
        updated = call_service(
            form,
            services.update_agreement,
            actor=request.user,
            agreement=agreement,
            municipalities=municipalities,
            **data,
        )
        if updated:
            messages.success(request, _("The agreement was saved."))
            return redirect(updated)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": agreement.title},
            "cancel_url": "agreements:list",
        },
    )


@login_required
def agreement_delete(request, pk):
    agreement = _agreement_or_404(request.user, pk)
    if not scoping.allows(request.user, "agreement", "delete", agreement):
        raise PermissionDenied
    return confirm_delete(
        request,
        agreement,
        delete=lambda: services.delete_agreement(actor=request.user, agreement=agreement),
        success_message=_("The agreement was deleted."),
        cancel_url="agreements:list",
        success_url="agreements:list",
    )


def _require_change(request, agreement):
    if not scoping.allows(request.user, "agreement", "change", agreement):
        raise PermissionDenied


@login_required
def party_add(request, pk):
    agreement = _agreement_or_404(request.user, pk)
    _require_change(request, agreement)
    if request.method != "POST":
        return redirect(agreement)
    form = PartyForm(request.POST, actor=request.user)
    if form.is_valid() and call_service(
        form, services.add_party, actor=request.user, agreement=agreement, **form.cleaned_data
    ):
        messages.success(request, _("The party was added."))
        return redirect(agreement)
    return agreement_detail(request, pk, party_form=form)


@login_required
def party_remove(request, pk):
    try:
        party = AgreementParty.objects.select_related("agreement", "organisation").get(
            pk=pk, agreement__in=selectors.agreements(user=request.user).values("pk")
        )
    except AgreementParty.DoesNotExist:
        raise Http404 from None
    _require_change(request, party.agreement)
    return confirm_delete(
        request,
        party,
        delete=lambda: services.remove_party(actor=request.user, party=party),
        success_message=_("The party was removed."),
        cancel_url="agreements:list",
        success_url="agreements:list",
    )


@login_required
def document_add(request, pk):
    agreement = _agreement_or_404(request.user, pk)
    _require_change(request, agreement)
    if request.method != "POST":
        return redirect(agreement)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_document(
                actor=request.user,
                agreement=agreement,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The document was added."))
            return redirect(agreement)
    return agreement_detail(request, pk, document_form=form)


def _document_or_404(user, pk) -> AgreementDocument:
    try:
        return AgreementDocument.objects.select_related("agreement").get(
            pk=pk, agreement__in=selectors.agreements(user=user).values("pk")
        )
    except AgreementDocument.DoesNotExist:
        raise Http404 from None


def _private_file(field, content_type: str, filename: str):
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def document_file(request, pk):
    document = _document_or_404(request.user, pk)
    return _private_file(
        document.file, document.content_type, f"afspraak-{document.agreement_id}-{pk}.{document.extension}"
    )


@login_required
def document_delete(request, pk):
    document = _document_or_404(request.user, pk)
    _require_change(request, document.agreement)
    return confirm_delete(
        request,
        document,
        delete=lambda: services.delete_document(actor=request.user, document=document),
        success_message=_("The document was removed."),
        cancel_url="agreements:list",
        success_url="agreements:list",
    )


# ------------------------------------------------------------------ commitments
@login_required
def commitment_create(request, pk):
    agreement = _agreement_or_404(request.user, pk)
    _require_change(request, agreement)
    form = CommitmentForm(request.POST or None, actor=request.user, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        commitment = call_service(
            form, services.create_commitment, actor=request.user, agreement=agreement, **form.service_fields()
        )
        if commitment:
            messages.success(request, _("The commitment was added."))
            return redirect(agreement)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("New commitment in %(name)s") % {"name": agreement.title},
            "cancel_url": "agreements:list",
        },
    )


@login_required
def commitment_edit(request, pk):
    commitment = _commitment_or_404(request.user, pk)
    _require_change(request, commitment.agreement)
    form = CommitmentForm(
        request.POST or None, instance=commitment, actor=request.user, agreement=commitment.agreement
    )
    if request.method == "POST" and form.is_valid():
        updated = call_service(
            form,
            services.update_commitment,
            actor=request.user,
            commitment=commitment,
            **form.service_fields(),
        )
        if updated:
            messages.success(request, _("The commitment was saved."))
            return redirect(updated)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": commitment.description},
            "cancel_url": "agreements:list",
        },
    )


@login_required
def commitment_delete(request, pk):
    commitment = _commitment_or_404(request.user, pk)
    _require_change(request, commitment.agreement)
    return confirm_delete(
        request,
        commitment,
        delete=lambda: services.delete_commitment(actor=request.user, commitment=commitment),
        success_message=_("The commitment was deleted."),
        cancel_url="agreements:list",
        success_url="agreements:list",
    )


def _parameters(agreement) -> dict:
    return {"margin": agreement.at_risk_margin, "interval": agreement.update_interval_days}


@login_required
def commitment_detail(request, pk, update_form=None, milestone_form=None):
    user = request.user
    commitment = _commitment_or_404(user, pk)
    agreement = commitment.agreement
    today = timezone.localdate()
    judgement = selectors.judge(commitment, today)
    probe = ProgressUpdate(commitment=commitment, organisation=commitment.organisation)
    can_report = scoping.allows(user, "progress_update", "create", probe)
    can_review = scoping.allows(user, "progress_update", "change", probe)
    can_change = scoping.allows(user, "agreement", "change", agreement)
    updates = (
        selectors.progress_updates(user=user).filter(commitment=commitment).order_by("-reported_on", "-id")
    )
    if can_report and update_form is None:
        update_form = ProgressUpdateForm(initial={"reported_on": today, "delivered": judgement.delivered})
    milestones = None
    if commitment.kind in (CommitmentKind.BEDS, CommitmentKind.LOCATION):
        achieved = dict(commitment.milestones.values_list("key", "achieved_on"))
        milestones = [
            {"m": m, "label": MILESTONE_LABELS[m.key]}
            for m in planning.plan(commitment.due_on, achieved=achieved, on=today, leads=commitment.lead_days)
        ]
        if can_change and milestone_form is None:
            milestone_form = MilestoneForm(labels=MILESTONE_LABELS)
    bound = any(f is not None and f.is_bound for f in (update_form, milestone_form))
    action_items = list(
        commitment.action_items.filter(meeting__in=selectors.meetings(user=user).values("pk")).select_related(
            "meeting", "owner"
        )
    )
    note_request(request, action_items)
    return render(
        request,
        "agreements/commitment_detail.html",
        {
            "commitment": commitment,
            "agreement": agreement,
            "judgement": judgement,
            "status_label": STATUS_LABELS[judgement.status.value],
            "percent_delivered": round(float(judgement.share_delivered) * 100),
            "percent_elapsed": round(float(judgement.share_elapsed) * 100),
            "behind_points": round(float(judgement.behind) * 100, 1),
            "rules": progress.RULES,
            "parameters": _parameters(agreement),
            "updates": updates,
            "update_form": update_form if can_report else None,
            "review_form": ReviewForm() if can_review else None,
            "can_delete_updates": scoping.allows(user, "progress_update", "delete", probe),
            "can_change": can_change,
            "milestones": milestones,
            "milestone_form": milestone_form if can_change else None,
            "action_items": action_items,
            "today": today,
        },
        status=400 if bound else 200,
    )


@login_required
def update_create(request, pk):
    commitment = _commitment_or_404(request.user, pk)
    probe = ProgressUpdate(commitment=commitment, organisation=commitment.organisation)
    if not scoping.allows(request.user, "progress_update", "create", probe):
        raise PermissionDenied
    if request.method != "POST":
        return redirect(commitment)
    form = ProgressUpdateForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.report_progress,
            actor=request.user,
            commitment=commitment,
            reported_on=data["reported_on"],
            delivered=data["delivered"],
            narrative=data["narrative"],
            evidence=data.get("evidence_file"),
        ):
            messages.success(
                request, _("Thank you: the update was saved and awaits review by the coordinator.")
            )
            return redirect(commitment)
    return commitment_detail(request, pk, update_form=form)


def _update_or_404(user, pk) -> ProgressUpdate:
    try:
        return selectors.progress_updates(user=user).get(pk=pk)
    except ProgressUpdate.DoesNotExist:
        raise Http404 from None


@login_required
def update_review(request, pk):
    update = _update_or_404(request.user, pk)
    if not scoping.allows(request.user, "progress_update", "change", update):
        raise PermissionDenied
    if request.method != "POST":
        return redirect(update.commitment)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_update(
                actor=request.user,
                update=update,
                review=form.cleaned_data["review"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The review was saved."))
    else:
        messages.error(request, _("Choose whether to accept or reject the update."))
    return redirect(update.commitment)


@login_required
def update_delete(request, pk):
    update = _update_or_404(request.user, pk)
    if not scoping.allows(request.user, "progress_update", "delete", update):
        raise PermissionDenied
    return confirm_delete(
        request,
        update,
        delete=lambda: services.delete_update(actor=request.user, update=update),
        success_message=_("The update was deleted."),
        cancel_url="agreements:list",
        success_url="agreements:list",
    )


@login_required
def update_evidence(request, pk):
    update = _update_or_404(request.user, pk)
    if not update.evidence:
        raise Http404
    return _private_file(
        update.evidence, update.evidence_content_type, f"bewijs-{pk}.{update.evidence_extension}"
    )


@login_required
def milestone_set(request, pk):
    commitment = _commitment_or_404(request.user, pk)
    _require_change(request, commitment.agreement)
    if request.method != "POST":
        return redirect(commitment)
    form = MilestoneForm(request.POST, labels=MILESTONE_LABELS)
    if form.is_valid():
        try:
            services.record_milestone(
                actor=request.user,
                commitment=commitment,
                key=form.cleaned_data["key"],
                achieved_on=form.cleaned_data["achieved_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The milestone was saved."))
            return redirect(commitment)
    return commitment_detail(request, pk, milestone_form=form)


# ------------------------------------------------------------------ backward planning
@login_required
def planning_calculator(request):
    form = PlanningForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid():
        leads = planning.lead_days(form.leads())
        today = timezone.localdate()
        milestones = planning.plan(form.cleaned_data["target_date"], on=today, leads=leads)
        result = {
            "milestones": [{"m": m, "label": MILESTONE_LABELS[m.key]} for m in milestones],
            "leads": [(MILESTONE_LABELS[k], v) for k, v in leads.items()],
            "start": planning.start_needed(form.cleaned_data["target_date"], leads),
            "too_late": milestones[0].deadline < today,
            "beds": form.cleaned_data.get("beds"),
            "today": today,
        }
    return render(
        request,
        "agreements/planning.html",
        {"form": form, "result": result, "defaults": planning.DEFAULT_LEAD_DAYS},
        status=400 if form.is_bound and form.errors else 200,
    )


# ------------------------------------------------------------------ notifications
@login_required
def notification_list(request):
    preference, _created = NotificationPreference.objects.get_or_create(user=request.user)
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST":
        if "mark_read" in request.POST:
            Notification.objects.filter(user=request.user, read_at__isnull=True).update(
                read_at=timezone.now()
            )
            messages.success(request, _("All notifications are marked as read."))
            return redirect("notifications")
        if form.is_valid():
            form.save()
            messages.success(request, _("Your choice was saved."))
            return redirect("notifications")
    return render(
        request,
        "agreements/notifications.html",
        {"form": form, "notifications": Notification.objects.filter(user=request.user)[:200]},
        status=400 if form.is_bound and form.errors else 200,
    )
