"""Programme writes: structure, participation rules, audit rows, and bad input that saves nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from aanjager.audit.models import AuditEntry
from aanjager.core.services import NotAllowed
from aanjager.programme import services
from aanjager.programme.models import Measure, Participation, Phase


def test_each_write_leaves_an_audit_row_by_its_actor(world):
    services.set_participation(
        actor=world.advisor,
        measure=world.measure,
        municipality=world.tiel,
        decision="in",
        progress_percent=30,
    )
    entry = AuditEntry.objects.filter(object_type="programme.participation").latest("pk")
    assert entry.actor == world.advisor and entry.action == "create"
    services.update_measure(actor=world.coordinator, measure=world.measure, name="Loket")
    entry = AuditEntry.objects.filter(object_type="programme.measure").latest("pk")
    assert entry.actor == world.coordinator and entry.changes["name"] == {
        "before": "Loket op locatie",
        "after": "Loket",
    }


def test_a_municipality_decides_only_for_itself(world):
    with pytest.raises(NotAllowed):
        services.set_participation(
            actor=world.advisor, measure=world.measure, municipality=world.zaltbommel, decision="in"
        )
    services.set_participation(
        actor=world.coordinator, measure=world.measure, municipality=world.zaltbommel, decision="in"
    )
    with pytest.raises(NotAllowed):
        services.set_participation(
            actor=world.employer, measure=world.measure, municipality=world.tiel, decision="in"
        )


def test_setting_twice_changes_the_one_decision(world):
    first = services.set_participation(
        actor=world.advisor, measure=world.measure, municipality=world.tiel, decision="in"
    )
    second = services.set_participation(
        actor=world.advisor,
        measure=world.measure,
        municipality=world.tiel,
        decision="in",
        progress_percent=60,
    )
    assert first.pk == second.pk and Participation.objects.get().progress_percent == 60


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"decision": "out"}, "reason"),  # a reason is required
        ({"decision": "out", "reason": "  "}, "reason"),
        ({"decision": "undecided", "progress_percent": 10}, "progress_percent"),
        ({"decision": "in", "progress_percent": 101}, "progress_percent"),
        (
            {"decision": "in", "planned_start": dt.date(2025, 5, 1), "planned_end": dt.date(2025, 4, 1)},
            "planned_end",
        ),
    ],
)
def test_bad_participation_is_a_field_error_and_saves_nothing(world, fields, field):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        services.set_participation(
            actor=world.advisor, measure=world.measure, municipality=world.tiel, **fields
        )
    assert field in error.value.message_dict
    assert not Participation.objects.exists() and AuditEntry.objects.count() == before


def test_no_opt_out_of_a_measure_for_everyone(world):
    with pytest.raises(ValidationError) as error:
        services.set_participation(
            actor=world.coordinator,
            measure=world.for_all,
            municipality=world.tiel,
            decision="out",
            reason="Nee",
        )
    assert "decision" in error.value.message_dict


def test_a_municipality_outside_the_region_cannot_take_part(world):
    with pytest.raises(ValidationError) as error:
        services.set_participation(
            actor=None, measure=world.measure, municipality=world.amsterdam, decision="in"
        )
    assert "municipality" in error.value.message_dict


def test_structure_codes_are_unique_and_phases_belong_to_the_programme(world):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.add_measure(actor=world.coordinator, package=world.package, code="1.1.a", name="Dubbel")
    assert error.value.messages == ["This package already has a measure with this code."]
    other = services.create_programme(actor=None, region=world.other_region, name="Elders")
    foreign = services.add_phase(actor=None, programme=other, number=1, name="Fase")
    with pytest.raises(ValidationError) as error:
        services.add_measure(actor=None, package=world.package, code="1.1.c", name="X", phase=foreign)
    assert "phase" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.add_phase(
            actor=None,
            programme=world.programme,
            number=3,
            name="Fase 3",
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2024, 1, 1),
        )
    assert "ends_on" in error.value.message_dict
    assert Measure.objects.count() == 2 and Phase.objects.filter(programme=world.programme).count() == 2


def test_only_the_coordinator_changes_the_structure(world):
    with pytest.raises(NotAllowed):
        services.add_measure(actor=world.advisor, package=world.package, code="1.1.c", name="Nieuw")
    services.add_measure(actor=world.coordinator, package=world.package, code="1.1.c", name="Nieuw")


def test_deleting_a_programme_takes_its_structure_and_decisions(world):
    services.set_participation(actor=None, measure=world.measure, municipality=world.tiel, decision="in")
    services.delete_programme(actor=world.coordinator, programme=world.programme)
    assert not Measure.objects.exists() and not Participation.objects.exists()
    entry = AuditEntry.objects.filter(object_type="programme.programme", action="delete").get()
    assert entry.changes["measures"]["before"] == 2
