"""Fuzzing the question-set import (JSON): `question_sets.check` on any JSON value, and publishing a file through
`aanjager question_set --publish`.

The clear errors: `check` returns "place: problem" lines (it never raises); the command refuses with a CommandError
naming the file. A refused file stores nothing (question sets and the audit trail keep their counts)."""

import json
from io import StringIO

from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from aanjager.audit.models import AuditEntry
from aanjager.policyscan import question_sets
from aanjager.policyscan.models import QuestionSet
from tests.fuzz.strategies import ODD_VALUES, mutate_bytes, random_bytes
from tests.fuzz.support import fuzz_settings, rolled_back, table_counts, tried

VALID = question_sets.read()

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(ODD_VALUES)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _paths(child, (*path, i))


def _replace(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    copy = list(value)
    copy[head] = _replace(value[head], rest, new)
    return copy


def _delete(value, path):
    if len(path) == 1:
        if isinstance(value, dict):
            return {k: v for k, v in value.items() if k != path[0]}
        return value[: path[0]] + value[path[0] + 1 :]
    return _replace(value, path[:1], _delete(value[path[0]], path[1:]))


def _get(value, path):
    for key in path:
        value = value[key]
    return value


@st.composite
def mutated_sets(draw):
    """The shipped question set (as a new version) with nodes replaced, removed or copied."""
    data = {**VALID, "version": 2}
    for _ in range(draw(st.integers(1, 4))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths))
        how = draw(st.sampled_from(["replace", "replace", "delete", "copy", "long", "nul"]))
        if how == "replace" or (how == "delete" and not path):
            data = _replace(data, path, draw(json_values))
        elif how == "delete":
            data = _delete(data, path)
        elif how == "copy" and path and isinstance(_get(data, path[:-1]), list):
            parent = _get(data, path[:-1])
            data = _replace(data, path[:-1], [*parent, _get(data, path)])
        elif how == "long":
            data = _replace(data, path, "x" * draw(st.sampled_from([41, 81, 201, 100_000])))
        elif how == "nul":
            data = _replace(data, path, "tekst\x00met NUL")
    return data


def test_the_shipped_set_is_valid():
    assert question_sets.check(VALID) == []


@fuzz_settings(300)
@given(data=json_values | mutated_sets())
def test_check_any_json_value(data):
    with tried("question set (check)", "JSON values and mutated sets") as attempt:
        problems = question_sets.check(data)
        assert isinstance(problems, list) and all(isinstance(p, str) and ": " in p for p in problems)
        if problems:
            attempt.refuse()  # the check's way of refusing: "place: problem" lines


@st.composite
def files(draw):
    how = draw(st.sampled_from(["set", "set", "set", "text", "bytes", "deep"]))
    if how == "set":
        return json.dumps(draw(mutated_sets()), ensure_ascii=draw(st.booleans())).encode()
    if how == "text":
        return mutate_bytes(draw, json.dumps({**VALID, "version": 2}).encode(), 3)
    if how == "deep":
        return b"[" * draw(st.sampled_from([900, 5000, 100_000])) + b"]" * draw(st.integers(0, 10))
    return draw(random_bytes(max_size=300))


@fuzz_settings(40)
@given(data=files())
def test_publish_a_file(db, tmp_path, data):
    path = tmp_path / "set.json"
    path.write_bytes(data)

    def clear(exc: CommandError):
        assert str(exc).startswith(f"{path}: ") and str(exc).strip() != f"{path}:"

    with rolled_back(), tried("question set (publish)", "files", (CommandError,), clear):
        before = table_counts(QuestionSet, AuditEntry)
        try:
            call_command("question_set", "--publish", str(path), stdout=StringIO())
        except CommandError:
            assert table_counts(QuestionSet, AuditEntry) == before
            raise
