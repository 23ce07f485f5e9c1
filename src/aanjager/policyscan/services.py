"""Writes for policy scans. Keyword-only, atomic, audited in the same transaction; `actor=None` is the system.

Participants, answers and recommendations are parts of their scan: adding, changing or removing one is changing
the scan ("change" on policy_scan)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aanjager.accounts import scoping
from aanjager.audit import services as audit
from aanjager.core.services import (
    NotAllowed,
    apply_changes,
    check_visible_choices,
    ensure_allowed,
    validated_save,
)
from aanjager.policyscan.models import (
    MAX_SCORE,
    RECOMMENDATION_TRANSITIONS,
    Answer,
    Participant,
    QuestionSet,
    Recommendation,
    Scan,
)

SCAN_FIELDS = {"municipality", "organisation", "question_set", "held_on", "facilitator", "notes"}
PARTICIPANT_FIELDS = {"department", "name", "function"}
RECOMMENDATION_FIELDS = {"text", "domain_code", "owner", "priority", "status", "due_on"}
COMMENT_MAX = Answer._meta.get_field("comment").max_length


def default_question_set() -> QuestionSet | None:
    """The newest version of the default question set (the one the data migration loads); else the newest one."""
    from aanjager.policyscan import question_sets

    code = question_sets.read()["code"]
    return (
        QuestionSet.objects.filter(code=code).order_by("-version").first()
        or QuestionSet.objects.order_by("-version", "-pk").first()
    )


def _check_choices(actor, fields: dict) -> None:
    check_visible_choices(actor, fields)
    municipality = fields.get("municipality")
    if actor is not None and municipality is not None:
        if not scoping.allows(actor, "municipality", "view", municipality):
            raise ValidationError({"municipality": _("Choose a municipality you may see.")})


def _locked(scan: Scan) -> Scan:
    return Scan.objects.select_for_update().select_related("question_set", "municipality").get(pk=scan.pk)


# ------------------------------------------------------------------ scans
@transaction.atomic
def create_scan(*, actor, is_demo: bool = False, **fields) -> Scan:
    apply_changes(Scan(), fields, SCAN_FIELDS)
    if fields.get("question_set") is None:
        fields["question_set"] = default_question_set()
    scan = Scan(is_demo=is_demo, **fields)
    acting = ensure_allowed(actor, "policy_scan", "create", scan)
    _check_choices(actor, fields)
    validated_save(scan)
    audit.record_write(actor=actor, action="create", instance=scan, before=None, organisation=acting)
    return scan


@transaction.atomic
def update_scan(*, actor, scan: Scan, **changes) -> Scan:
    scan = _locked(scan)
    ensure_allowed(actor, "policy_scan", "change", scan)
    before = audit.snapshot(scan)
    _check_choices(actor, changes)
    question_set = changes.get("question_set")
    if question_set is not None and question_set.pk != scan.question_set_id and scan.answers.exists():
        raise ValidationError(
            {"question_set": _("This scan has answers already: its question set can no longer change.")}
        )
    apply_changes(scan, changes, SCAN_FIELDS)
    acting = ensure_allowed(actor, "policy_scan", "change", scan)  # not moved out of the actor's reach
    if scan.held_on and scan.recommendations.filter(due_on__lt=scan.held_on).exists():
        raise ValidationError(
            {
                "held_on": _(
                    "A recommendation of this scan is due before this date; change its due date first."
                )
            }
        )
    validated_save(scan)
    audit.record_write(actor=actor, action="update", instance=scan, before=before, organisation=acting)
    return scan


@transaction.atomic
def delete_scan(*, actor, scan: Scan) -> None:
    acting = ensure_allowed(actor, "policy_scan", "delete", scan)
    before = {
        **audit.snapshot(scan),
        "answers": scan.answers.count(),
        "participants": scan.participants.count(),
        "recommendations": scan.recommendations.count(),
    }
    audit.record(actor=actor, action="delete", instance=scan, before=before, after=None, organisation=acting)
    scan.delete()


# ------------------------------------------------------------------ answers
def _answers_snapshot(scan: Scan) -> dict:
    return {f"answer {a.statement_code}": [a.score, a.comment] for a in scan.answers.all()}


def _valid_score(score) -> bool:
    return isinstance(score, int) and not isinstance(score, bool) and 0 <= score <= MAX_SCORE


@transaction.atomic
def save_answers(*, actor, scan: Scan, answers: dict, replace: bool = False) -> Scan:
    """Store answers given as {statement code: (score, comment)}, all or nothing.

    A score of None removes the statement's answer. With replace=True the given answers are the whole set:
    answers to statements not given are removed. Any unknown statement, a score that is not 0–3, or a too long
    comment refuses the lot, with the message under the statement's code. One audit row for the lot."""
    scan = _locked(scan)
    acting = ensure_allowed(actor, "policy_scan", "change", scan)
    if scan.status == Scan.Status.COMPLETED:
        raise ValidationError(_("This scan is completed. Reopen it to change its answers."))
    statements = scan.question_set.statements()
    errors, cleaned = {}, {}
    for code, value in answers.items():
        try:
            score, comment = value
        except (TypeError, ValueError):
            errors[str(code)] = _("Give a maturity and a comment.")
            continue
        comment = (comment or "").strip()
        if code not in statements:
            errors[str(code)] = _("%(code)s is not a statement of this scan's question set.") % {"code": code}
        elif score is not None and not _valid_score(score):
            errors[code] = _("%(code)s: the maturity must be 0, 1, 2 or 3.") % {"code": code}
        elif score is None and comment:
            errors[code] = _("%(code)s: choose a maturity to go with the comment.") % {"code": code}
        elif len(comment) > COMMENT_MAX:
            errors[code] = _("%(code)s: the comment is longer than %(max)s characters.") % {
                "code": code,
                "max": COMMENT_MAX,
            }
        else:
            cleaned[code] = (score, comment)
    if errors:
        raise ValidationError(errors)
    before = _answers_snapshot(scan)
    existing = {a.statement_code: a for a in scan.answers.all()}
    if replace:
        gone = [code for code in existing if code not in cleaned]
        scan.answers.filter(statement_code__in=gone).delete()
    for code, (score, comment) in cleaned.items():
        answer = existing.get(code)
        if score is None:
            if answer is not None:
                answer.delete()
            continue
        if answer is None:
            answer = Answer(scan=scan, statement_code=code)
        if answer.pk and (answer.score, answer.comment) == (score, comment):
            continue
        answer.score, answer.comment = score, comment
        answer.save()
    audit.record(
        actor=actor,
        action="update",
        instance=scan,
        before=before,
        after=_answers_snapshot(scan),
        organisation=acting,
    )
    return scan


@transaction.atomic
def complete_scan(*, actor, scan: Scan) -> Scan:
    """Mark the scan completed: only when every statement of its question set is answered."""
    scan = _locked(scan)
    acting = ensure_allowed(actor, "policy_scan", "change", scan)
    if scan.status == Scan.Status.COMPLETED:
        return scan
    answered = set(scan.answers.values_list("statement_code", flat=True))
    missing = [code for code in scan.question_set.statements() if code not in answered]
    if missing:
        raise ValidationError(
            ngettext(
                "%(n)s statement is not answered yet; answer every statement before completing the scan.",
                "%(n)s statements are not answered yet; answer every statement before completing the scan.",
                len(missing),
            )
            % {"n": len(missing)}
        )
    before = audit.snapshot(scan)
    scan.status = Scan.Status.COMPLETED
    validated_save(scan)
    audit.record_write(actor=actor, action="update", instance=scan, before=before, organisation=acting)
    return scan


@transaction.atomic
def reopen_scan(*, actor, scan: Scan) -> Scan:
    scan = _locked(scan)
    acting = ensure_allowed(actor, "policy_scan", "change", scan)
    if scan.status == Scan.Status.DRAFT:
        return scan
    before = audit.snapshot(scan)
    scan.status = Scan.Status.DRAFT
    validated_save(scan)
    audit.record_write(actor=actor, action="update", instance=scan, before=before, organisation=acting)
    return scan


# ------------------------------------------------------------------ participants
@transaction.atomic
def add_participant(*, actor, scan: Scan, **fields) -> Participant:
    acting = ensure_allowed(actor, "policy_scan", "change", scan)
    apply_changes(Participant(), fields, PARTICIPANT_FIELDS)
    participant = Participant(scan=scan, **fields)
    validated_save(participant)
    audit.record_write(actor=actor, action="create", instance=participant, before=None, organisation=acting)
    return participant


@transaction.atomic
def delete_participant(*, actor, participant: Participant) -> None:
    acting = ensure_allowed(actor, "policy_scan", "change", participant.scan)
    audit.record(
        actor=actor,
        action="delete",
        instance=participant,
        before=audit.snapshot(participant),
        after=None,
        organisation=acting,
    )
    participant.delete()


# ------------------------------------------------------------------ recommendations
def _status_label(status: str) -> str:
    try:
        return str(Recommendation.Status(status).label).lower()
    except ValueError:
        return status


@transaction.atomic
def create_recommendation(*, actor, scan: Scan, **fields) -> Recommendation:
    acting = ensure_allowed(actor, "policy_scan", "change", scan)
    apply_changes(Recommendation(), fields, RECOMMENDATION_FIELDS)
    recommendation = Recommendation(scan=scan, **fields)
    validated_save(recommendation)
    audit.record_write(
        actor=actor, action="create", instance=recommendation, before=None, organisation=acting
    )
    return recommendation


@transaction.atomic
def update_recommendation(*, actor, recommendation: Recommendation, **changes) -> Recommendation:
    recommendation = (
        Recommendation.objects.select_for_update().select_related("scan").get(pk=recommendation.pk)
    )
    acting = ensure_allowed(actor, "policy_scan", "change", recommendation.scan)
    before = audit.snapshot(recommendation)
    new_status = changes.get("status", recommendation.status)
    if new_status != recommendation.status and new_status not in RECOMMENDATION_TRANSITIONS.get(
        recommendation.status, set()
    ):
        raise ValidationError(
            {
                "status": _("Going from %(current)s to %(new)s is not allowed.")
                % {"current": _status_label(recommendation.status), "new": _status_label(new_status)}
            }
        )
    apply_changes(recommendation, changes, RECOMMENDATION_FIELDS)
    validated_save(recommendation)
    audit.record_write(
        actor=actor, action="update", instance=recommendation, before=before, organisation=acting
    )
    return recommendation


@transaction.atomic
def delete_recommendation(*, actor, recommendation: Recommendation) -> None:
    acting = ensure_allowed(actor, "policy_scan", "change", recommendation.scan)
    audit.record(
        actor=actor,
        action="delete",
        instance=recommendation,
        before=audit.snapshot(recommendation),
        after=None,
        organisation=acting,
    )
    recommendation.delete()


def package_fits(package, scan: Scan) -> bool:
    """A measure package fits a scan when its programme's region contains the scan's municipality."""
    return package.spearhead.programme.region.municipalities.filter(pk=scan.municipality_id).exists()


@transaction.atomic
def turn_into_measure(*, actor, recommendation: Recommendation, package, code: str, name: str):
    """Make a programme measure of a recommendation (in a package of a programme of the scan's region) and link
    it. Changing the scan and adding to the programme are both checked; all in one transaction."""
    from aanjager.programme.services import add_measure

    recommendation = (
        Recommendation.objects.select_for_update().select_related("scan").get(pk=recommendation.pk)
    )
    acting = ensure_allowed(actor, "policy_scan", "change", recommendation.scan)
    if recommendation.measure_id:
        raise ValidationError(_("This recommendation is a programme measure already."))
    if package is None or not package_fits(package, recommendation.scan):
        raise ValidationError({"package": _("Choose a package of a programme of the scan's region.")})
    before = audit.snapshot(recommendation)
    measure = add_measure(actor=actor, package=package, code=code, name=name, description=recommendation.text)
    recommendation.measure = measure
    validated_save(recommendation)
    audit.record_write(
        actor=actor, action="update", instance=recommendation, before=before, organisation=acting
    )
    return measure


# ------------------------------------------------------------------ question sets
@transaction.atomic
def publish_question_set(*, actor, data) -> QuestionSet:
    """Store a new version of a question set from its JSON data, checked first; a version is never overwritten.
    Only the system (the command line) publishes question sets."""
    from aanjager.policyscan import question_sets

    if actor is not None:
        raise NotAllowed("Question sets are published from the command line.")
    problems = question_sets.check(data)
    if problems:
        raise ValidationError(problems)
    fields = question_sets.model_fields(data)
    if QuestionSet.objects.filter(code=fields["code"], version=fields["version"]).exists():
        raise ValidationError(
            _("Version %(version)s of %(code)s exists already; give the new set a higher version.")
            % {"version": fields["version"], "code": fields["code"]}
        )
    question_set = validated_save(QuestionSet(**fields))
    audit.record_write(actor=None, action="create", instance=question_set, before=None)
    return question_set
