"""Writes of the policy scan: all-or-nothing answers, completing, status changes of recommendations, audit rows,
rights and bad input."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from aanjager.audit.models import AuditEntry
from aanjager.core.services import NotAllowed
from aanjager.policyscan import question_sets, services
from aanjager.policyscan.models import Answer, Participant, QuestionSet, Recommendation, Scan

from .conftest import ALL, HELD_ON


def _answers(**scores):
    return {code.replace("_", "-"): (score, f"toelichting {code}") for code, score in scores.items()}


def test_the_default_question_set_is_loaded_and_valid(db):
    default = services.default_question_set()
    assert default.code == question_sets.read()["code"]
    assert question_sets.check({"code": default.code, "version": default.version, "title": default.title,
                                **default.content}) == []  # fmt: skip
    domains = [d["code"] for d in default.domains]
    assert domains == ["registration", "housing", "care", "safety", "enforcement", "communication", "economy",
                       "participation"]  # fmt: skip


def test_create_scan_without_question_set_takes_the_default(scene):
    scan = services.create_scan(
        actor=scene.advisor, municipality=scene.tiel, organisation=scene.gemeente, held_on=HELD_ON
    )
    assert scan.question_set == services.default_question_set()
    entry = AuditEntry.objects.get(object_type="policyscan.scan", object_id=str(scan.pk), action="create")
    assert entry.actor == scene.advisor


def test_a_scan_outside_the_area_or_for_an_unseen_organisation_is_refused(scene):
    with pytest.raises(NotAllowed):
        services.create_scan(
            actor=scene.advisor, municipality=scene.amsterdam, organisation=scene.gemeente, held_on=HELD_ON
        )
    with pytest.raises(ValidationError) as error:
        services.create_scan(
            actor=scene.advisor, municipality=scene.tiel, organisation=scene.far, held_on=HELD_ON
        )
    assert "organisation" in error.value.message_dict
    with pytest.raises(NotAllowed):
        services.create_scan(
            actor=scene.employer_user, municipality=scene.tiel, organisation=scene.employer, held_on=HELD_ON
        )
    assert Scan.objects.count() == 1


def test_answers_are_saved_with_one_audit_row(scene):
    before = AuditEntry.objects.count()
    services.save_answers(actor=scene.advisor, scan=scene.scan, answers=_answers(reg_1=2, hou_1=0))
    assert {(a.statement_code, a.score, a.comment) for a in scene.scan.answers.all()} == {
        ("reg-1", 2, "toelichting reg_1"),
        ("hou-1", 0, "toelichting hou_1"),
    }
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("pk")
    assert entry.object_type == "policyscan.scan" and entry.action == "update"
    assert entry.changes["answer reg-1"] == {"before": None, "after": [2, "toelichting reg_1"]}
    # the same answers again change nothing and leave no row; None removes an answer
    services.save_answers(actor=scene.advisor, scan=scene.scan, answers=_answers(reg_1=2))
    assert AuditEntry.objects.count() == before + 1
    services.save_answers(actor=scene.advisor, scan=scene.scan, answers={"hou-1": (None, "")})
    assert list(scene.scan.answers.values_list("statement_code", flat=True)) == ["reg-1"]


@pytest.mark.parametrize(
    ("bad", "key", "words"),
    [
        ({"reg-2": (4, "")}, "reg-2", "0, 1, 2 or 3"),
        ({"reg-2": (-1, "")}, "reg-2", "0, 1, 2 or 3"),
        ({"onbekend-9": (1, "")}, "onbekend-9", "not a statement"),
        ({"reg-2": (None, "alleen tekst")}, "reg-2", "choose a maturity"),
        ({"reg-2": (1, "x" * 2001)}, "reg-2", "2000"),
    ],
)
def test_answers_are_all_or_nothing(scene, bad, key, words):
    services.save_answers(actor=None, scan=scene.scan, answers={"hou-3": (1, "al bewaard")})
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        services.save_answers(
            actor=scene.advisor, scan=scene.scan, answers={"reg-1": (3, "goed"), "hou-3": (2, ""), **bad}
        )
    assert key in error.value.message_dict
    assert words in " ".join(error.value.message_dict[key])
    assert list(Answer.objects.values_list("statement_code", "score", "comment")) == [
        ("hou-3", 1, "al bewaard")
    ]
    assert AuditEntry.objects.count() == before


def test_replace_removes_the_answers_not_given(scene):
    services.save_answers(actor=None, scan=scene.scan, answers=_answers(reg_1=1, reg_2=2))
    services.save_answers(actor=None, scan=scene.scan, answers=_answers(hou_1=3), replace=True)
    assert list(scene.scan.answers.values_list("statement_code", "score")) == [("hou-1", 3)]


def test_complete_refuses_until_every_statement_is_answered(scene):
    services.save_answers(actor=None, scan=scene.scan, answers=_answers(reg_1=1, reg_2=2, hou_1=3))
    with pytest.raises(ValidationError) as error:
        services.complete_scan(actor=scene.advisor, scan=scene.scan)
    assert "2 statements are not answered yet" in " ".join(error.value.messages)
    scene.scan.refresh_from_db()
    assert scene.scan.status == Scan.Status.DRAFT
    services.save_answers(actor=None, scan=scene.scan, answers=_answers(hou_2=0, hou_3=0))
    services.complete_scan(actor=scene.advisor, scan=scene.scan)
    scene.scan.refresh_from_db()
    assert scene.scan.status == Scan.Status.COMPLETED
    entry = AuditEntry.objects.latest("pk")
    assert entry.changes["status"] == {"before": "draft", "after": "completed"}
    # a completed scan's answers are frozen until it is reopened
    with pytest.raises(ValidationError, match="Reopen"):
        services.save_answers(actor=scene.advisor, scan=scene.scan, answers=_answers(reg_1=3))
    services.reopen_scan(actor=scene.advisor, scan=scene.scan)
    services.save_answers(actor=scene.advisor, scan=scene.scan, answers=_answers(reg_1=3))
    assert scene.scan.answers.get(statement_code="reg-1").score == 3


def test_one_unanswered_statement_is_named_in_the_singular(scene):
    services.save_answers(
        actor=None, scan=scene.scan, answers={k: (v, "") for k, v in ALL.items() if k != "hou-3"}
    )
    with pytest.raises(ValidationError, match="1 statement is not answered yet"):
        services.complete_scan(actor=None, scan=scene.scan)


def test_a_reader_may_not_answer_and_an_outsider_not_at_all(scene):
    for user in (scene.reader, scene.far_advisor, scene.employer_user):
        with pytest.raises(NotAllowed):
            services.save_answers(actor=user, scan=scene.scan, answers=_answers(reg_1=1))
        with pytest.raises(NotAllowed):
            services.complete_scan(actor=user, scan=scene.scan)
    assert not Answer.objects.exists()


def test_the_question_set_cannot_change_once_answered(scene):
    other = QuestionSet.objects.create(
        code="test-set", version=2, title="Nieuw", content=scene.question_set.content
    )
    services.update_scan(actor=scene.advisor, scan=scene.scan, question_set=other)  # no answers yet: fine
    services.save_answers(actor=None, scan=scene.scan, answers=_answers(reg_1=1))
    with pytest.raises(ValidationError) as error:
        services.update_scan(actor=scene.advisor, scan=scene.scan, question_set=scene.question_set)
    assert "question_set" in error.value.message_dict


def test_participants_are_added_and_removed_with_audit(scene):
    participant = services.add_participant(
        actor=scene.advisor, scan=scene.scan, department="Openbare orde en veiligheid", name="A. Jansen"
    )
    assert AuditEntry.objects.filter(object_type="policyscan.participant", action="create").count() == 1
    with pytest.raises(ValidationError) as error:
        services.add_participant(actor=scene.advisor, scan=scene.scan, department="")
    assert "department" in error.value.message_dict
    with pytest.raises(NotAllowed):
        services.delete_participant(actor=scene.reader, participant=participant)
    services.delete_participant(actor=scene.advisor, participant=participant)
    assert not Participant.objects.exists()
    assert AuditEntry.objects.filter(object_type="policyscan.participant", action="delete").count() == 1


def _recommendation(scene, **overrides):
    fields = {"text": "Stel een regionaal RNI-loket in", "domain_code": "registration", "owner": "Burgerzaken",
              "priority": "high", "due_on": dt.date(2025, 12, 31), **overrides}  # fmt: skip
    return services.create_recommendation(actor=scene.advisor, scan=scene.scan, **fields)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": ""}, "text"),
        ({"owner": ""}, "owner"),
        ({"domain_code": "weather"}, "domain_code"),
        ({"due_on": HELD_ON - dt.timedelta(days=1)}, "due_on"),
        ({"priority": "urgent"}, "priority"),
        ({"status": "finished"}, "status"),
    ],
)
def test_bad_recommendation_input_names_the_field_and_saves_nothing(scene, overrides, field):
    with pytest.raises(ValidationError) as error:
        _recommendation(scene, **overrides)
    assert field in error.value.message_dict
    assert not Recommendation.objects.exists()


def test_recommendation_status_follows_the_transitions(scene):
    recommendation = _recommendation(scene)
    assert recommendation.status == "open"
    services.update_recommendation(actor=scene.advisor, recommendation=recommendation, status="done")
    with pytest.raises(ValidationError) as error:
        services.update_recommendation(actor=scene.advisor, recommendation=recommendation, status="dropped")
    assert error.value.message_dict["status"] == ["Going from done to dropped is not allowed."]
    recommendation.refresh_from_db()
    assert recommendation.status == "done"
    services.update_recommendation(actor=scene.advisor, recommendation=recommendation, status="in_progress")
    services.update_recommendation(actor=scene.advisor, recommendation=recommendation, status="dropped")
    with pytest.raises(ValidationError, match="dropped to done"):
        services.update_recommendation(actor=scene.advisor, recommendation=recommendation, status="done")
    updates = AuditEntry.objects.filter(object_type="policyscan.recommendation", action="update")
    assert [e.changes["status"]["after"] for e in updates.order_by("pk")] == [
        "done",
        "in_progress",
        "dropped",
    ]


def test_moving_the_scan_date_past_a_due_date_is_refused(scene):
    _recommendation(scene, due_on=dt.date(2025, 4, 1))
    with pytest.raises(ValidationError) as error:
        services.update_scan(actor=scene.advisor, scan=scene.scan, held_on=dt.date(2025, 5, 1))
    assert "held_on" in error.value.message_dict
    scene.scan.refresh_from_db()
    assert scene.scan.held_on == HELD_ON


def test_delete_scan_needs_delete_rights_and_is_audited(scene):
    _recommendation(scene)
    with pytest.raises(NotAllowed):
        services.delete_scan(actor=scene.reader, scan=scene.scan)
    services.delete_scan(actor=scene.advisor, scan=scene.scan)
    assert not Scan.objects.exists() and not Recommendation.objects.exists()
    entry = AuditEntry.objects.get(object_type="policyscan.scan", action="delete")
    assert entry.changes["recommendations"] == {"before": 1, "after": None}
