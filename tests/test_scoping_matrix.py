"""Every cell of the policy table (accounts/policy.py), through the UI and through the API.

For each role, object type and action the cell's scope decides which objects must be reachable:
ALL → an object outside the actor's region; AREA → one in the region but not their own (and not one outside);
OWN → their own (and not one elsewhere in the region); NONE → not even their own.
"""

import pytest

from aanjager.accounts.policy import ACTIONS, OBJECT_TYPES, POLICY, ROLES, Scope
from tests import scoping_drivers

EXPECTATIONS = {
    Scope.ALL: [("out", True)],
    Scope.AREA: [("in", True), ("out", False)],
    Scope.OWN: [("own", True), ("in", False)],
    Scope.NONE: [("own", False), ("in", False)],
}

CASES = [
    pytest.param(role, obj, action, where, allowed, id=f"{role}-{obj}-{action}-{where}")
    for role in ROLES
    for obj in OBJECT_TYPES
    for action in ACTIONS
    for where, allowed in EXPECTATIONS[POLICY[(obj, action)][role]]
]


@pytest.mark.parametrize(("role", "obj", "action", "where", "allowed"), CASES)
def test_ui(client, make_world, role, obj, action, where, allowed):
    world = make_world(role)
    client.force_login(world.actor)
    target = world.targets(obj)[where]
    assert scoping_drivers.ui(client, world, obj, action, target) is allowed


@pytest.mark.parametrize(("role", "obj", "action", "where", "allowed"), CASES)
def test_api(make_world, api_client_for, role, obj, action, where, allowed):
    world = make_world(role)
    client = api_client_for(world.actor)
    target = world.targets(obj)[where]
    assert scoping_drivers.api(client, world, obj, action, target) is allowed


def test_every_cell_is_covered():
    covered = {(c.values[0], c.values[1], c.values[2]) for c in CASES}
    assert covered == {(r, o, a) for r in ROLES for o in OBJECT_TYPES for a in ACTIONS}
