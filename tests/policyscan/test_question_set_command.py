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
        (lambda d: d.update(version=0), "version: a whole number from 1 to 32767"),
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


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # A list or object as a code was a TypeError (unhashable) in the check.
        (lambda d: d["domains"][0].update(code=["reg"]), "domains[1].code: required and unique"),
        (lambda d: d["domains"][0]["statements"][0].update(code={"a": 1}), "domains[1].statements[1].code"),
        # Beyond what the table holds: PostgreSQL refused the insert (SQLite kept it silently).
        (lambda d: d.update(version=40000), "version: a whole number from 1 to 32767"),
        (lambda d: d.update(code="x" * 81), "code: letters, digits, - and _ only, at most 80 characters"),
        (lambda d: d.update(code="met spatie"), "code: letters, digits, - and _ only"),
        (lambda d: d.update(title="t" * 201), "title: at most 200 characters"),
        (lambda d: d.update(description=["a"]), "description: text"),
        # PostgreSQL's JSON holds no NUL character and no NaN.
        (lambda d: d["domains"][2].update(title="a\x00b"), "domains[3].title: text with a NUL character"),
        (lambda d: d["scale"][0].update(weight=float("nan")), "scale[1].weight: not a finite number"),
    ],
)
def test_what_the_database_cannot_hold_is_refused_by_place(db, tmp_path, change, message):
    data = question_sets.read()
    data["version"] = 3
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("question_set", "--publish", str(path), stdout=StringIO())
    assert message in str(error.value)
    assert QuestionSet.objects.count() == 1


def test_json_nested_too_deeply_is_a_clear_error(db, tmp_path):
    path = tmp_path / "diep.json"
    path.write_bytes(b"[" * 100_000)
    with pytest.raises(CommandError, match="nested too deeply"):
        call_command("question_set", "--publish", str(path), stdout=StringIO())
