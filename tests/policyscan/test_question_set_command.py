"""Publishing a new version of the question set from the command line: checked, never overwriting."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from aanjager.audit.models import AuditEntry
from aanjager.policyscan import question_sets
from aanjager.policyscan.models import QuestionSet


def test_the_default_set_is_listed(db):
    out = StringIO()
    call_command("question_set", stdout=out)
    assert "beleid-in-een-dag-v1\tv1\t8 domains\t27 statements\t0 scans" in out.getvalue()


def test_a_new_version_is_published_and_audited(db, tmp_path):
    data = question_sets.read()
    data["version"] = 2
    data["domains"][0]["statements"].append({"code": "reg-5", "text": "Een nieuwe stelling."})
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = StringIO()
    call_command("question_set", "--publish", str(path), stdout=out)
    assert "Published beleid-in-een-dag-v1 version 2." in out.getvalue()
    assert "v2\t8 domains\t28 statements" in out.getvalue()
    assert AuditEntry.objects.filter(object_type="policyscan.questionset", action="create").count() == 1
    with pytest.raises(CommandError, match="exists already"):
        call_command("question_set", "--publish", str(path), stdout=StringIO())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(version=0), "version: a whole number of 1 or more"),
        (lambda d: d["domains"][1]["statements"][0].update(code="reg-1"), "domains[2].statements[1].code"),
        (lambda d: d["scale"].pop(), "scale: four entries"),
        (lambda d: d.update(domains=[]), "domains: at least one domain"),
    ],
)
def test_a_bad_set_is_refused_by_place_and_nothing_is_stored(db, tmp_path, change, message):
    data = question_sets.read()
    data["version"] = 3
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("question_set", "--publish", str(path), stdout=StringIO())
    assert message in str(error.value)
    assert QuestionSet.objects.count() == 1


def test_not_json_is_a_clear_error(db, tmp_path):
    path = tmp_path / "kapot.json"
    path.write_bytes(b"{niet json")
    with pytest.raises(CommandError, match="not JSON in UTF-8"):
        call_command("question_set", "--publish", str(path), stdout=StringIO())
