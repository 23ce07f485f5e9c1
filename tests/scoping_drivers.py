"""Perform one action on one object through the UI or the API, and tell whether it took effect.

Used by test_scoping_matrix.py. "Took effect" is judged from the database (or, for reads, from what the page or
the API returned), never from the status code alone, so a cell cannot pass by answering 200 without doing it.
"""

from aanjager.accounts.models import Membership, User
from aanjager.audit.models import AuditEntry
from aanjager.estimates.models import EstimateRun
from aanjager.geo.models import Municipality, Region
from aanjager.housingtask.models import CompanyPlan
from aanjager.locations.models import BedPlan, Inspection, LocalNormRule, Location
from aanjager.organisations.models import ContactPerson, Organisation
from tests import agreement_drivers_api, agreement_drivers_ui, programme_drivers

DENIED = {403, 404, 405}


def _org_form(org, **overrides):
    data = {
        "name": org.name,
        "org_type": org.org_type,
        "kvk_number": org.kvk_number,
        "seat_municipality": org.seat_municipality_id,
        "corner": org.corner,
        "website": org.website,
        "email": org.email,
        "phone": org.phone,
    }
    data.update(overrides)
    return data


def _seat_of(object_type, target):
    """For creates: the municipality (or organisation) that decides whether the new object is in scope."""
    if object_type in ("organisation", "region"):
        return target.seat_municipality if isinstance(target, Organisation) else target
    return target


# ---------------------------------------------------------------- UI
def ui(client, world, object_type, action, target) -> bool:
    return UI[(object_type, action)](client, world, target)


def _ui_view_org(client, world, org):
    response = client.get(f"/organisaties/{org.pk}/")
    return response.status_code == 200 and org.name in response.content.decode()


def _ui_create_org(client, world, seat_org):
    name = "Nieuw via UI"
    client.post(
        "/organisaties/nieuw/", _org_form(seat_org, name=name, kvk_number="", org_type="employer", corner="")
    )
    return Organisation.objects.filter(name=name).exists()


def _ui_change_org(client, world, org):
    client.post(f"/organisaties/{org.pk}/bewerken/", _org_form(org, phone="0344-123456"))
    return Organisation.objects.get(pk=org.pk).phone == "0344-123456"


def _ui_delete_org(client, world, org):
    BedPlan.objects.filter(provider=org).delete()  # an organisation with plans or locations cannot go
    Location.objects.filter(operator=org).delete()
    client.post(f"/organisaties/{org.pk}/verwijderen/")
    return not Organisation.objects.filter(pk=org.pk).exists()


def _ui_view_region(client, world, region):
    response = client.get(f"/regios/{region.pk}/")
    return response.status_code == 200 and region.name in response.content.decode()


def _region_form(region, municipalities, **overrides):
    data = {
        "name": region.name,
        "region_type": region.region_type,
        "description": region.description,
        "valid_from": region.valid_from.isoformat(),
        "valid_to": "",
        "municipalities": [m.pk for m in municipalities],
    }
    data.update(overrides)
    return data


def _ui_create_region(client, world, region):
    client.post("/regios/nieuw/", _region_form(region, region.municipalities.all(), name="Nieuwe regio UI"))
    return Region.objects.filter(name="Nieuwe regio UI").exists()


def _ui_change_region(client, world, region):
    client.post(
        f"/regios/{region.pk}/bewerken/",
        _region_form(region, region.municipalities.all(), description="Bijgewerkt via UI"),
    )
    return Region.objects.get(pk=region.pk).description == "Bijgewerkt via UI"


def _ui_delete_region(client, world, region):
    Membership.objects.filter(region=region).delete()  # a region in use cannot go; that is tested elsewhere
    EstimateRun.objects.filter(region=region).delete()
    CompanyPlan.objects.filter(region=region).delete()
    client.post(f"/regios/{region.pk}/verwijderen/")
    return not Region.objects.filter(pk=region.pk).exists()


def _ui_view_contact(client, world, contact):
    response = client.get(f"/organisaties/{contact.organisation_id}/")
    return response.status_code == 200 and contact.name in response.content.decode()


def _ui_create_contact(client, world, contact):
    client.post(
        f"/organisaties/{contact.organisation_id}/contactpersonen/nieuw/", {"name": "Nieuw contact UI"}
    )
    return ContactPerson.objects.filter(
        name="Nieuw contact UI", organisation_id=contact.organisation_id
    ).exists()


def _ui_change_contact(client, world, contact):
    client.post(
        f"/organisaties/contactpersonen/{contact.pk}/bewerken/",
        {"name": contact.name, "job_title": "Wethouder"},
    )
    return ContactPerson.objects.get(pk=contact.pk).job_title == "Wethouder"


def _ui_delete_contact(client, world, contact):
    client.post(f"/organisaties/contactpersonen/{contact.pk}/verwijderen/")
    return not ContactPerson.objects.filter(pk=contact.pk).exists()


def _ui_view_membership(client, world, membership):
    response = client.get("/lidmaatschappen/")
    return response.status_code == 200 and f"({membership.user.username})" in response.content.decode()


def _ui_create_membership(client, world, membership):
    client.post(
        "/lidmaatschappen/nieuw/",
        {
            "user": world.newcomer.pk,
            "organisation": membership.organisation_id,
            "role": "reader",
            "region": "",
        },
    )
    return Membership.objects.filter(user=world.newcomer, organisation_id=membership.organisation_id).exists()


def _other_role(membership):
    return "employer" if membership.role == "inspector" else "inspector"


def _ui_change_membership(client, world, membership):
    new_role = _other_role(membership)
    client.post(
        f"/lidmaatschappen/{membership.pk}/bewerken/",
        {
            "user": membership.user_id,
            "organisation": membership.organisation_id,
            "role": new_role,
            "region": "",
        },
    )
    return Membership.objects.get(pk=membership.pk).role == new_role


def _ui_delete_membership(client, world, membership):
    client.post(f"/lidmaatschappen/{membership.pk}/verwijderen/")
    return not Membership.objects.filter(pk=membership.pk).exists()


def _ui_view_user(client, world, user):
    response = client.get("/gebruikers/")
    return response.status_code == 200 and f"<td>{user.username}</td>" in response.content.decode()


def _ui_create_user(client, world, _target):
    client.post("/gebruikers/nieuw/", {"username": "aangemaakt-ui", "password": "nog-een-lang-wachtwoord-7"})
    return User.objects.filter(username="aangemaakt-ui").exists()


def _ui_change_user(client, world, user):
    client.post(
        f"/gebruikers/{user.pk}/bewerken/",
        {"first_name": "Gewijzigd", "last_name": user.last_name, "email": user.email, "is_active": "on"},
    )
    return User.objects.get(pk=user.pk).first_name == "Gewijzigd"


def _ui_delete_user(client, world, user):
    # There is no way to delete an account; try the obvious URLs anyway.
    for url in (f"/gebruikers/{user.pk}/verwijderen/", f"/gebruikers/{user.pk}/"):
        client.post(url)
    return not User.objects.filter(pk=user.pk).exists()


def _ui_view_municipality(client, world, municipality):
    response = client.get("/gemeenten/", {"q": municipality.code})
    return response.status_code == 200 and municipality.name in response.content.decode()


def _ui_write_municipality(client, world, municipality):
    before = list(Municipality.objects.order_by("pk").values_list("code", "name", "valid_to"))
    client.post("/gemeenten/", {"code": "GM9999", "name": "Nieuwegemeente"})
    client.post(f"/gemeenten/{municipality.code}/", {"name": "Anders"})
    return list(Municipality.objects.order_by("pk").values_list("code", "name", "valid_to")) != before


def _ui_view_audit(client, world, entry):
    response = client.get("/audit/")
    return response.status_code == 200 and entry.object_label in response.content.decode()


def _ui_write_audit(client, world, entry):
    before = AuditEntry.objects.count(), AuditEntry.objects.filter(pk=entry.pk).values_list("changes").first()
    client.post("/audit/", {"object_label": "vervalst"})
    client.post(f"/audit/{entry.pk}/verwijderen/")
    after = AuditEntry.objects.count(), AuditEntry.objects.filter(pk=entry.pk).values_list("changes").first()
    return before != after


def _tiny_microdata():
    from django.core.files.uploadedfile import SimpleUploadedFile

    persons = (
        "person_id,nationality,registration,residence_municipality,registered_on,deregistered_on,"
        "birth_year\nx,PL,RNI,,2025-01-01,,1990\n"
    )
    jobs = "person_id,month,employer_id,sector,work_municipality,temp_agency\nx,2025-03,E1,A,GM0281,0\n"
    return (
        SimpleUploadedFile("persons.csv", persons.encode(), "text/csv"),
        SimpleUploadedFile("jobs.csv", jobs.encode(), "text/csv"),
    )


def _run_form(region, title):
    persons, jobs = _tiny_microdata()
    return {
        "title": title,
        "region": region.pk,
        "year": 2025,
        "definition_code": "eu11",
        "persons_file": persons,
        "jobs_file": jobs,
        "short_max": 3,
        "mid_max": 11,
        "registration_rate_low": 0.33,
        "registration_rate_central": 0.4,
        "registration_rate_high": 0.5,
        "rni_assignment": "work",
    }


def _ui_view_run(client, world, run):
    response = client.get(f"/schattingen/{run.pk}/")
    return response.status_code == 200 and run.title in response.content.decode()


def _ui_create_run(client, world, run):
    client.post("/schattingen/nieuw/", _run_form(run.region, "Nieuw via UI"))
    created = EstimateRun.objects.filter(title="Nieuw via UI").first()
    return created is not None and created.status == EstimateRun.Status.DONE


def _ui_change_run(client, world, run):
    client.post(f"/schattingen/{run.pk}/publiceren/", {"publish": "1"})
    return EstimateRun.objects.get(pk=run.pk).is_published


def _ui_delete_run(client, world, run):
    client.post(f"/schattingen/{run.pk}/verwijderen/")
    return not EstimateRun.objects.filter(pk=run.pk).exists()


def _location_form(location, **overrides):
    data = {
        "name": location.name,
        "street": location.street,
        "house_number": location.house_number,
        "postcode": location.postcode,
        "place": location.place,
        "municipality": location.municipality_id,
        "housing_form": location.housing_form,
        "beds": location.beds,
        "operator": location.operator_id,
        "permit": location.permit,
        "status": location.status,
        "effective": "2025-01-01",
    }
    data.update(overrides)
    return data


def _ui_view_location(client, world, location):
    response = client.get(f"/locaties/{location.pk}/")
    return response.status_code == 200 and location.name in response.content.decode()


def _ui_create_location(client, world, location):
    client.post("/locaties/nieuw/", _location_form(location, name="Nieuw via UI"))
    return Location.objects.filter(name="Nieuw via UI").exists()


def _ui_change_location(client, world, location):
    client.post(f"/locaties/{location.pk}/bewerken/", _location_form(location, place="Gewijzigd"))
    return Location.objects.get(pk=location.pk).place == "Gewijzigd"


def _ui_delete_location(client, world, location):
    client.post(f"/locaties/{location.pk}/verwijderen/")
    return not Location.objects.filter(pk=location.pk).exists()


def _ui_view_inspection(client, world, inspection):
    response = client.get(f"/locaties/inspecties/{inspection.pk}/")
    return response.status_code == 200 and inspection.notes in response.content.decode()


def _ui_create_inspection(client, world, inspection):
    client.post(
        f"/locaties/{inspection.location_id}/inspecties/nieuw/",
        {"visited_on": "2025-06-01", "notes": "Nieuw via UI", "found_occupancy": 3},
    )
    return Inspection.objects.filter(notes="Nieuw via UI").exists()


def _ui_change_inspection(client, world, inspection):
    client.post(
        f"/locaties/inspecties/{inspection.pk}/bewerken/",
        {"visited_on": inspection.visited_on.isoformat(), "notes": "Gewijzigd"},
    )
    return Inspection.objects.get(pk=inspection.pk).notes == "Gewijzigd"


def _ui_delete_inspection(client, world, inspection):
    client.post(f"/locaties/inspecties/{inspection.pk}/verwijderen/")
    return not Inspection.objects.filter(pk=inspection.pk).exists()


def _bed_plan_form(plan, **overrides):
    data = {
        "name": plan.name,
        "provider": plan.provider_id,
        "municipality": plan.municipality_id,
        "notes": plan.notes,
    }
    data.update(overrides)
    return data


def _ui_view_bed_plan(client, world, plan):
    response = client.get(f"/locaties/bed-voor-bed/{plan.pk}/")
    return response.status_code == 200 and plan.name in response.content.decode()


def _ui_create_bed_plan(client, world, plan):
    client.post("/locaties/bed-voor-bed/nieuw/", _bed_plan_form(plan, name="Nieuw plan via UI"))
    return BedPlan.objects.filter(name="Nieuw plan via UI").exists()


def _ui_change_bed_plan(client, world, plan):
    client.post(f"/locaties/bed-voor-bed/{plan.pk}/bewerken/", _bed_plan_form(plan, notes="Gewijzigd"))
    return BedPlan.objects.get(pk=plan.pk).notes == "Gewijzigd"


def _ui_delete_bed_plan(client, world, plan):
    client.post(f"/locaties/bed-voor-bed/{plan.pk}/verwijderen/")
    return not BedPlan.objects.filter(pk=plan.pk).exists()


def _company_plan_form(plan, **overrides):
    data = {
        "name": plan.name,
        "organisation": plan.organisation_id or "",
        "sector": plan.sector,
        "municipality": plan.municipality_id,
        "region": plan.region_id,
        "distribution": plan.distribution,
        "headcount_per_fte": "1.2",
        "shift_factor": "1",
        "share_operational": "0.8",
        "already_housed": "0",
        "seasonal_peak": "1",
        "share_long_regular": "0.3",
        "target_occupancy": "0.9",
        "split_short": "0.3",
        "split_mid": "0.4",
        "split_long": "0.3",
        "notes": plan.notes,
        "first_starts_on": "2027-01-01",
        "first_amount": "50",
        "first_unit": "fte",
    }
    data.update(overrides)
    return data


def _ui_view_company_plan(client, world, plan):
    response = client.get(f"/woonopgave/bedrijven/{plan.pk}/")
    return response.status_code == 200 and plan.name in response.content.decode()


def _ui_create_company_plan(client, world, plan):
    client.post("/woonopgave/bedrijven/nieuw/", _company_plan_form(plan, name="Nieuw bedrijf via UI"))
    return CompanyPlan.objects.filter(name="Nieuw bedrijf via UI").exists()


def _ui_change_company_plan(client, world, plan):
    client.post(f"/woonopgave/bedrijven/{plan.pk}/bewerken/", _company_plan_form(plan, notes="Gewijzigd"))
    return CompanyPlan.objects.get(pk=plan.pk).notes == "Gewijzigd"


def _ui_delete_company_plan(client, world, plan):
    client.post(f"/woonopgave/bedrijven/{plan.pk}/verwijderen/")
    return not CompanyPlan.objects.filter(pk=plan.pk).exists()


def _norm_rule_form(rule, **overrides):
    data = {
        "municipality": rule.municipality_id,
        "label": rule.label,
        "kind": rule.kind,
        "threshold": "14",
        "valid_from": "2025-01-01",
        "source": rule.source,
    }
    data.update(overrides)
    return data


def _ui_view_norm_rule(client, world, rule):
    response = client.get("/locaties/normen/")
    return response.status_code == 200 and rule.label in response.content.decode()


def _ui_create_norm_rule(client, world, rule):
    client.post("/locaties/normen/lokaal/nieuw/", _norm_rule_form(rule, label="Nieuwe regel via UI"))
    return LocalNormRule.objects.filter(label="Nieuwe regel via UI").exists()


def _ui_change_norm_rule(client, world, rule):
    client.post(f"/locaties/normen/lokaal/{rule.pk}/bewerken/", _norm_rule_form(rule, source="Gewijzigd"))
    return LocalNormRule.objects.get(pk=rule.pk).source == "Gewijzigd"


def _ui_delete_norm_rule(client, world, rule):
    client.post(f"/locaties/normen/lokaal/{rule.pk}/verwijderen/")
    return not LocalNormRule.objects.filter(pk=rule.pk).exists()


UI = {
    ("norm_rule", "view"): _ui_view_norm_rule,
    ("norm_rule", "create"): _ui_create_norm_rule,
    ("norm_rule", "change"): _ui_change_norm_rule,
    ("norm_rule", "delete"): _ui_delete_norm_rule,
    ("company_plan", "view"): _ui_view_company_plan,
    ("company_plan", "create"): _ui_create_company_plan,
    ("company_plan", "change"): _ui_change_company_plan,
    ("company_plan", "delete"): _ui_delete_company_plan,
    ("bed_plan", "view"): _ui_view_bed_plan,
    ("bed_plan", "create"): _ui_create_bed_plan,
    ("bed_plan", "change"): _ui_change_bed_plan,
    ("bed_plan", "delete"): _ui_delete_bed_plan,
    ("inspection", "view"): _ui_view_inspection,
    ("inspection", "create"): _ui_create_inspection,
    ("inspection", "change"): _ui_change_inspection,
    ("inspection", "delete"): _ui_delete_inspection,
    ("location", "view"): _ui_view_location,
    ("location", "create"): _ui_create_location,
    ("location", "change"): _ui_change_location,
    ("location", "delete"): _ui_delete_location,
    ("estimate_run", "view"): _ui_view_run,
    ("estimate_run", "create"): _ui_create_run,
    ("estimate_run", "change"): _ui_change_run,
    ("estimate_run", "delete"): _ui_delete_run,
    ("organisation", "view"): _ui_view_org,
    ("organisation", "create"): _ui_create_org,
    ("organisation", "change"): _ui_change_org,
    ("organisation", "delete"): _ui_delete_org,
    ("region", "view"): _ui_view_region,
    ("region", "create"): _ui_create_region,
    ("region", "change"): _ui_change_region,
    ("region", "delete"): _ui_delete_region,
    ("contact_person", "view"): _ui_view_contact,
    ("contact_person", "create"): _ui_create_contact,
    ("contact_person", "change"): _ui_change_contact,
    ("contact_person", "delete"): _ui_delete_contact,
    ("membership", "view"): _ui_view_membership,
    ("membership", "create"): _ui_create_membership,
    ("membership", "change"): _ui_change_membership,
    ("membership", "delete"): _ui_delete_membership,
    ("user", "view"): _ui_view_user,
    ("user", "create"): _ui_create_user,
    ("user", "change"): _ui_change_user,
    ("user", "delete"): _ui_delete_user,
    ("municipality", "view"): _ui_view_municipality,
    ("municipality", "create"): _ui_write_municipality,
    ("municipality", "change"): _ui_write_municipality,
    ("municipality", "delete"): _ui_write_municipality,
    ("audit_entry", "view"): _ui_view_audit,
    ("audit_entry", "create"): _ui_write_audit,
    ("audit_entry", "change"): _ui_write_audit,
    ("audit_entry", "delete"): _ui_write_audit,
}

UI.update(agreement_drivers_ui.UI)
UI.update(programme_drivers.UI)


# ---------------------------------------------------------------- API
ENDPOINT = {
    "organisation": "organisations",
    "region": "regions",
    "contact_person": "contact-persons",
    "membership": "memberships",
    "user": "users",
    "municipality": "municipalities",
    "audit_entry": "audit-entries",
    "estimate_run": "estimate-runs",
    "location": "locations",
    "inspection": "inspections",
    "bed_plan": "bed-plans",
    "norm_rule": "local-norm-rules",
    "company_plan": "company-plans",
}


def _key(object_type, obj):
    return obj.code if object_type == "municipality" else obj.pk


def api(client, world, object_type, action, target) -> bool:
    if object_type in agreement_drivers_api.OBJECT_TYPES:
        return agreement_drivers_api.api(client, world, object_type, action, target)
    if object_type in programme_drivers.OBJECT_TYPES:
        return programme_drivers.api(client, world, object_type, action, target)
    base = f"/api/v1/{ENDPOINT[object_type]}"
    if action == "view":
        response = client.get(f"{base}/{_key(object_type, target)}")
        assert response.status_code in DENIED | {200}, response.content
        if response.status_code != 200:
            return False
        listed = client.get(base, {"page_size": 500})
        keys = {str(item.get("code", item.get("id"))) for item in listed.json()["results"]}
        assert str(_key(object_type, target)) in keys, "visible in detail but missing from the list"
        return True
    if action == "create" and object_type == "estimate_run":
        response = client.post(base, _run_form(target.region, "Nieuw via API"), format="multipart")
        assert response.status_code in DENIED | {201}, response.content
        return EstimateRun.objects.filter(title="Nieuw via API", status=EstimateRun.Status.DONE).exists()
    if action == "create":
        response = client.post(base, _api_create_payload(world, object_type, target), format="json")
        assert response.status_code in DENIED | {201}, response.content
        return _created(world, object_type, target)
    if action == "change":
        payload = _api_change_payload(object_type)
        if object_type == "membership":
            payload = {"role": _other_role(target)}
        response = client.patch(f"{base}/{_key(object_type, target)}", payload, format="json")
        assert response.status_code in DENIED | {200}, response.content
        return _changed(object_type, target, payload)
    if action == "delete":
        if object_type == "region":
            Membership.objects.filter(region=target).delete()
            EstimateRun.objects.filter(region=target).delete()
            CompanyPlan.objects.filter(region=target).delete()
        if object_type == "organisation":
            BedPlan.objects.filter(provider=target).delete()
            Location.objects.filter(operator=target).delete()
        response = client.delete(f"{base}/{_key(object_type, target)}")
        assert response.status_code in DENIED | {204}, response.content
        return not type(target).objects.filter(pk=target.pk).exists()
    raise AssertionError(action)


def _api_create_payload(world, object_type, target):
    if object_type == "organisation":
        return {
            "name": "Nieuw via API",
            "org_type": "employer",
            "seat_municipality": target.seat_municipality.code,
        }
    if object_type == "region":
        return {
            "name": "Nieuwe regio API",
            "region_type": "custom",
            "municipalities": [m.code for m in target.municipalities.all()],
        }
    if object_type == "contact_person":
        return {"organisation": target.organisation_id, "name": "Nieuw contact API"}
    if object_type == "membership":
        return {"user": world.newcomer.username, "organisation": target.organisation_id, "role": "reader"}
    if object_type == "user":
        return {"username": "aangemaakt-api", "password": "nog-een-lang-wachtwoord-8"}
    if object_type == "municipality":
        return {"code": "GM9999", "name": "Nieuwegemeente", "province": "PV25"}
    if object_type == "inspection":
        return {"location": target.location_id, "visited_on": "2025-06-01", "notes": "Nieuw via API"}
    if object_type == "company_plan":
        return {
            "name": "Nieuw bedrijf via API",
            "organisation": target.organisation_id,
            "sector": "glasshouse_horticulture",
            "municipality": target.municipality.code,
            "region": target.region_id,
            "phases": [{"starts_on": "2027-01-01", "amount": "10", "unit": "jobs"}],
        }
    if object_type == "norm_rule":
        return {
            "municipality": target.municipality.code,
            "label": "Nieuwe regel via API",
            "kind": "no_bunk_beds",
            "valid_from": "2025-01-01",
            "source": "Verordening",
        }
    if object_type == "bed_plan":
        return {
            "name": "Nieuw plan via API",
            "provider": target.provider_id,
            "municipality": target.municipality.code,
        }
    if object_type == "location":
        return {
            "name": "Nieuw via API",
            "street": "Dorpsstraat",
            "house_number": 5,
            "postcode": "4001AB",
            "place": "Ergens",
            "municipality": target.municipality.code,
            "housing_form": "regular_dwelling",
            "beds": 4,
            "operator": target.operator_id,
        }
    return {"object_label": "vervalst"}


def _created(world, object_type, target):
    return {
        "organisation": lambda: Organisation.objects.filter(name="Nieuw via API").exists(),
        "region": lambda: Region.objects.filter(name="Nieuwe regio API").exists(),
        "contact_person": lambda: ContactPerson.objects.filter(name="Nieuw contact API").exists(),
        "membership": lambda: Membership.objects.filter(user=world.newcomer).exists(),
        "user": lambda: User.objects.filter(username="aangemaakt-api").exists(),
        "municipality": lambda: Municipality.objects.filter(code="GM9999").exists(),
        "audit_entry": lambda: AuditEntry.objects.filter(object_label="vervalst").exists(),
        "location": lambda: Location.objects.filter(name="Nieuw via API").exists(),
        "inspection": lambda: Inspection.objects.filter(notes="Nieuw via API").exists(),
        "bed_plan": lambda: BedPlan.objects.filter(name="Nieuw plan via API").exists(),
        "norm_rule": lambda: LocalNormRule.objects.filter(label="Nieuwe regel via API").exists(),
        "company_plan": lambda: CompanyPlan.objects.filter(name="Nieuw bedrijf via API").exists(),
    }[object_type]()


def _api_change_payload(object_type):
    return {
        "organisation": {"phone": "0344-654321"},
        "region": {"description": "Bijgewerkt via API"},
        "contact_person": {"job_title": "Directeur"},
        "membership": {},
        "user": {"first_name": "Gewijzigd"},
        "municipality": {"name": "Anders"},
        "audit_entry": {"object_label": "vervalst"},
        "estimate_run": {"is_published": True},
        "location": {"place": "Gewijzigd"},
        "inspection": {"notes": "Gewijzigd"},
        "bed_plan": {"notes": "Gewijzigd"},
        "norm_rule": {"source": "Gewijzigd"},
        "company_plan": {"notes": "Gewijzigd"},
    }[object_type]


def _changed(object_type, target, payload):
    fresh = type(target).objects.get(pk=target.pk)
    return {
        "organisation": lambda: fresh.phone == "0344-654321",
        "region": lambda: fresh.description == "Bijgewerkt via API",
        "contact_person": lambda: fresh.job_title == "Directeur",
        "membership": lambda: fresh.role == payload["role"],
        "user": lambda: fresh.first_name == "Gewijzigd",
        "municipality": lambda: fresh.name == "Anders",
        "audit_entry": lambda: fresh.object_label == "vervalst",
        "estimate_run": lambda: fresh.is_published,
        "location": lambda: fresh.place == "Gewijzigd",
        "inspection": lambda: fresh.notes == "Gewijzigd",
        "bed_plan": lambda: fresh.notes == "Gewijzigd",
        "norm_rule": lambda: fresh.source == "Gewijzigd",
        "company_plan": lambda: fresh.notes == "Gewijzigd",
    }[object_type]()
