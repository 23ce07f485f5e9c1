"""Aanjaagteams: the team per region with its members, role checklist and party engagement board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from aanjager.accounts import scoping
from aanjager.agreements import selectors, team_services
from aanjager.agreements.forms import ContactForm, EscalationForm, RolesForm, TeamForm, TeamMemberForm
from aanjager.agreements.models import DRIEHOEK, TEAM_ROLES, Escalation, Team, TeamMember
from aanjager.audit.personal_data import note_request
from aanjager.core.forms import call_service
from aanjager.core.views import confirm_delete
from aanjager.organisations import selectors as organisation_selectors
from aanjager.organisations.models import Corner


def _team_or_404(user, pk) -> Team:
    try:
        return selectors.teams(user=user).get(pk=pk)
    except Team.DoesNotExist:
        raise Http404 from None


def _require_change(request, team):
    if not scoping.allows(request.user, "team", "change", team):
        raise PermissionDenied


def _board_organisations(user, team):
    return organisation_selectors.organisations(user=user).filter(
        seat_municipality__in=team.region.municipalities.all()
    )


@login_required
def team_list(request):
    user = request.user
    if not scoping.allows(user, "team", "view"):
        raise PermissionDenied
    teams = list(selectors.teams(user=user).prefetch_related("members"))
    corner_labels = dict(Corner.choices)
    rows = [
        {
            "team": t,
            "missing": [corner_labels[c] for c in t.missing_corners()],
            "members": len(t.members.all()),
        }
        for t in teams
    ]
    return render(
        request,
        "agreements/team_list.html",
        {"rows": rows, "can_create": scoping.allows(user, "team", "create")},
    )


@login_required
def team_detail(request, pk, forms=None):
    user = request.user
    team = _team_or_404(user, pk)
    today = timezone.localdate()
    can_change = scoping.allows(user, "team", "change", team)
    forms = forms or {}
    if can_change:
        organisations = _board_organisations(user, team)
        forms.setdefault("member", TeamMemberForm(actor=user))
        forms.setdefault("roles", RolesForm(initial={"roles_done": team.roles_done}))
        forms.setdefault(
            "contact",
            ContactForm(actor=user, team=team, organisations=organisations, initial={"contacted_on": today}),
        )
        forms.setdefault(
            "escalation",
            EscalationForm(actor=user, organisations=organisations, initial={"escalated_on": today}),
        )
    corner_labels = dict(Corner.choices)
    missing = [corner_labels[c] for c in team.missing_corners()]
    board = selectors.engagement_board(user=user, team=team, on=today)
    members = list(team.members.select_related("organisation"))
    note_request(request, members)
    show_all = request.GET.get("alle") == "1"
    return render(
        request,
        "agreements/team_detail.html",
        {
            "team": team,
            "members": members,
            "missing_corners": missing,
            "driehoek": [corner_labels[c] for c in DRIEHOEK],
            "roles": [(key, label, key in team.roles_done) for key, label in TEAM_ROLES],
            "board": board if show_all else [row for row in board if row.needs_attention],
            "board_total": len(board),
            "show_all": show_all,
            "escalations": team.escalations.filter(
                organisation__in=organisation_selectors.organisations(user=user)
            ).select_related("organisation"),
            "can_change": can_change,
            "can_delete": scoping.allows(user, "team", "delete", team),
            "forms": forms if can_change else {},
            "today": today,
        },
        status=400 if any(f.is_bound for f in forms.values()) else 200,
    )


@login_required
def team_create(request):
    if not scoping.allows(request.user, "team", "create"):
        raise PermissionDenied
    form = TeamForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        team = call_service(form, team_services.create_team, actor=request.user, **form.cleaned_data)
        if team:
            messages.success(request, _("The team was created. Add its members below."))
            return redirect(team)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New aanjaagteam"), "cancel_url": "agreements:teams"},
    )


@login_required
def team_edit(request, pk):
    team = _team_or_404(request.user, pk)
    _require_change(request, team)
    form = TeamForm(request.POST or None, instance=team, actor=request.user)
    if request.method == "POST" and form.is_valid():
        updated = call_service(
            form, team_services.update_team, actor=request.user, team=team, **form.cleaned_data
        )
        if updated:
            messages.success(request, _("The team was saved."))
            return redirect(updated)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": team.name}, "cancel_url": "agreements:teams"},
    )


@login_required
def team_delete(request, pk):
    team = _team_or_404(request.user, pk)
    if not scoping.allows(request.user, "team", "delete", team):
        raise PermissionDenied
    return confirm_delete(
        request,
        team,
        delete=lambda: team_services.delete_team(actor=request.user, team=team),
        success_message=_("The team was deleted."),
        cancel_url="agreements:teams",
        success_url="agreements:teams",
    )


def _post_form(request, pk, name, make_form, service, success, **extra):
    """Handle one of the board's forms: on success back to the team, else the page with the form's errors."""
    team = _team_or_404(request.user, pk)
    _require_change(request, team)
    if request.method != "POST":
        return redirect(team)
    form = make_form(request, team)
    if form.is_valid() and call_service(
        form, service, actor=request.user, team=team, **form.cleaned_data, **extra
    ):
        messages.success(request, success)
        return redirect(team)
    return team_detail(request, pk, forms={name: form})


@login_required
def member_add(request, pk):
    return _post_form(
        request,
        pk,
        "member",
        lambda r, t: TeamMemberForm(r.POST, actor=r.user),
        team_services.add_member,
        _("The member was added."),
    )


@login_required
def contact_add(request, pk):
    return _post_form(
        request,
        pk,
        "contact",
        lambda r, t: ContactForm(r.POST, actor=r.user, team=t, organisations=_board_organisations(r.user, t)),
        team_services.add_contact,
        _("The contact moment was saved."),
    )


@login_required
def escalation_add(request, pk):
    return _post_form(
        request,
        pk,
        "escalation",
        lambda r, t: EscalationForm(r.POST, actor=r.user, organisations=_board_organisations(r.user, t)),
        team_services.escalate,
        _("The escalation was recorded; the coordinators are notified."),
    )


@login_required
def roles_save(request, pk):
    team = _team_or_404(request.user, pk)
    _require_change(request, team)
    if request.method != "POST":
        return redirect(team)
    form = RolesForm(request.POST)
    if form.is_valid() and call_service(
        form,
        team_services.update_team,
        actor=request.user,
        team=team,
        roles_done=form.cleaned_data["roles_done"],
    ):
        messages.success(request, _("The checklist was saved."))
        return redirect(team)
    return team_detail(request, pk, forms={"roles": form})


@login_required
def member_remove(request, pk):
    try:
        member = TeamMember.objects.select_related("team").get(
            pk=pk, team__in=selectors.teams(user=request.user).values("pk")
        )
    except TeamMember.DoesNotExist:
        raise Http404 from None
    _require_change(request, member.team)
    return confirm_delete(
        request,
        member,
        delete=lambda: team_services.remove_member(actor=request.user, member=member),
        success_message=_("The member was removed."),
        cancel_url="agreements:teams",
        success_url="agreements:teams",
    )


@login_required
def escalation_resolve(request, pk):
    try:
        escalation = Escalation.objects.select_related("team").get(
            pk=pk, team__in=selectors.teams(user=request.user).values("pk")
        )
    except Escalation.DoesNotExist:
        raise Http404 from None
    _require_change(request, escalation.team)
    if request.method == "POST" and escalation.resolved_on is None:
        try:
            team_services.resolve_escalation(
                actor=request.user, escalation=escalation, resolved_on=timezone.localdate()
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The escalation is marked resolved."))
    return redirect(escalation.team)
