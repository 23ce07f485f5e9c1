"""Meetings: the agenda per region, the meeting page with its decisions and action items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from aanjager.accounts import scoping
from aanjager.agreements import meeting_services, selectors
from aanjager.agreements.forms import ActionItemForm, ActionStatusForm, MeetingForm
from aanjager.agreements.models import ACTION_TRANSITIONS, ActionItem, Meeting
from aanjager.audit.personal_data import note_request
from aanjager.core.forms import call_service
from aanjager.core.views import confirm_delete
from aanjager.geo.models import Region


def _meeting_or_404(user, pk) -> Meeting:
    try:
        return selectors.meetings(user=user).get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def _require_change(request, meeting):
    if not scoping.allows(request.user, "meeting", "change", meeting):
        raise PermissionDenied


@login_required
def agenda(request):
    """Upcoming and past meetings per region, with the open action items."""
    user = request.user
    if not scoping.allows(user, "meeting", "view"):
        raise PermissionDenied
    today = timezone.localdate()
    meetings = selectors.meetings(user=user)
    regions = Region.objects.filter(pk__in=meetings.values("region_id")).order_by("name")
    region = None
    if request.GET.get("regio"):
        region = (
            regions.filter(pk=request.GET["regio"]).first()
            if request.GET["regio"].isascii() and request.GET["regio"].isdigit()
            else None
        )
        if region is None:
            raise Http404
        meetings = meetings.filter(region=region)
    open_items = (
        ActionItem.objects.filter(meeting__in=meetings.values("pk"))
        .exclude(status__in=[ActionItem.Status.DONE, ActionItem.Status.CANCELLED])
        .select_related("meeting", "owner", "commitment")
        .order_by("due_on")
    )
    visible = set(selectors.commitments(user=user).values_list("pk", flat=True))
    open_items = [
        {"item": a, "commitment": a.commitment if a.commitment_id in visible else None} for a in open_items
    ]
    note_request(request, [row["item"] for row in open_items])
    return render(
        request,
        "agreements/agenda.html",
        {
            "upcoming": meetings.filter(held_on__gte=today).order_by("held_on"),
            "past": meetings.filter(held_on__lt=today).order_by("-held_on"),
            "open_items": open_items,
            "regions": regions,
            "region": region,
            "today": today,
            "can_create": scoping.allows(user, "meeting", "create"),
        },
    )


@login_required
def meeting_detail(request, pk, action_form=None):
    user = request.user
    meeting = _meeting_or_404(user, pk)
    can_change = scoping.allows(user, "meeting", "change", meeting)
    if can_change and action_form is None:
        action_form = ActionItemForm(actor=user, meeting=meeting, initial={"due_on": meeting.held_on})
    items = list(meeting.action_items.select_related("owner", "commitment"))
    note_request(request, items)
    visible = set(selectors.commitments(user=user).values_list("pk", flat=True))
    return render(
        request,
        "agreements/meeting_detail.html",
        {
            "meeting": meeting,
            "participants": meeting.participants.all(),
            "items": [
                {
                    "item": i,
                    "commitment": i.commitment if i.commitment_id in visible else None,
                    "next": [
                        (s, label)
                        for s, label in ActionItem.Status.choices
                        if s in ACTION_TRANSITIONS[i.status]
                    ],
                }
                for i in items
            ],
            "today": timezone.localdate(),
            "can_change": can_change,
            "can_delete": scoping.allows(user, "meeting", "delete", meeting),
            "action_form": action_form if can_change else None,
        },
        status=400 if action_form is not None and action_form.is_bound else 200,
    )


def _meeting_data(form) -> tuple[dict, list]:
    data = dict(form.cleaned_data)
    return data, list(data.pop("participants", []) or [])


@login_required
def meeting_create(request):
    if not scoping.allows(request.user, "meeting", "create"):
        raise PermissionDenied
    form = MeetingForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data, participants = _meeting_data(form)
        meeting = call_service(
            form, meeting_services.create_meeting, actor=request.user, participants=participants, **data
        )
        if meeting:
            messages.success(request, _("The meeting was saved. Add its action items below."))
            return redirect(meeting)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New meeting"), "cancel_url": "agreements:agenda"},
    )


@login_required
def meeting_edit(request, pk):
    meeting = _meeting_or_404(request.user, pk)
    _require_change(request, meeting)
    form = MeetingForm(request.POST or None, instance=meeting, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data, participants = _meeting_data(form)
        updated = call_service(
            form,
            meeting_services.update_meeting,
            actor=request.user,
            meeting=meeting,
            participants=participants,
            **data,
        )
        if updated:
            messages.success(request, _("The meeting was saved."))
            return redirect(updated)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": meeting.title},
            "cancel_url": "agreements:agenda",
        },
    )


@login_required
def meeting_delete(request, pk):
    meeting = _meeting_or_404(request.user, pk)
    if not scoping.allows(request.user, "meeting", "delete", meeting):
        raise PermissionDenied
    return confirm_delete(
        request,
        meeting,
        delete=lambda: meeting_services.delete_meeting(actor=request.user, meeting=meeting),
        success_message=_("The meeting was deleted."),
        cancel_url="agreements:agenda",
        success_url="agreements:agenda",
    )


@login_required
def action_add(request, pk):
    meeting = _meeting_or_404(request.user, pk)
    _require_change(request, meeting)
    if request.method != "POST":
        return redirect(meeting)
    form = ActionItemForm(request.POST, actor=request.user, meeting=meeting)
    if form.is_valid() and call_service(
        form, meeting_services.add_action_item, actor=request.user, meeting=meeting, **form.cleaned_data
    ):
        messages.success(request, _("The action item was added."))
        return redirect(meeting)
    return meeting_detail(request, pk, action_form=form)


def _item_or_404(user, pk) -> ActionItem:
    try:
        return ActionItem.objects.select_related("meeting").get(
            pk=pk, meeting__in=selectors.meetings(user=user).values("pk")
        )
    except ActionItem.DoesNotExist:
        raise Http404 from None


@login_required
def action_status(request, pk):
    item = _item_or_404(request.user, pk)
    _require_change(request, item.meeting)
    if request.method == "POST":
        form = ActionStatusForm(request.POST)
        if form.is_valid():
            try:
                meeting_services.update_action_item(
                    actor=request.user, item=item, status=form.cleaned_data["status"]
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("The status was changed."))
        else:
            messages.error(request, _("Choose a status."))
    return redirect(item.meeting)


@login_required
def action_delete(request, pk):
    item = _item_or_404(request.user, pk)
    _require_change(request, item.meeting)
    return confirm_delete(
        request,
        item,
        delete=lambda: meeting_services.delete_action_item(actor=request.user, item=item),
        success_message=_("The action item was deleted."),
        cancel_url="agreements:agenda",
        success_url="agreements:agenda",
    )
