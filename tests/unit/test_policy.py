from hypothesis import given
from hypothesis import strategies as st

from aanjager.accounts.policy import ACTIONS, OBJECT_TYPES, POLICY, ROLES, Scope, markdown_table
from aanjager.organisations.validators import is_valid_kvk_number


def test_policy_has_a_cell_for_every_role_object_and_action():
    assert set(POLICY) == {(o, a) for o in OBJECT_TYPES for a in ACTIONS}
    assert all(set(row) == set(ROLES) for row in POLICY.values())


def test_only_administrators_read_the_audit_trail_and_nobody_writes_it():
    assert [r for r in ROLES if POLICY[("audit_entry", "view")][r] != Scope.NONE] == ["administrator"]
    assert all(
        POLICY[("audit_entry", a)][r] == Scope.NONE for a in ("create", "change", "delete") for r in ROLES
    )


def test_whoever_may_change_may_also_view():
    order = [Scope.NONE, Scope.OWN, Scope.AREA, Scope.ALL]
    for obj in OBJECT_TYPES:
        for role in ROLES:
            view = order.index(POLICY[(obj, "view")][role])
            for action in ("create", "change", "delete"):
                cell = POLICY[(obj, action)][role]
                assert cell == Scope.NONE or order.index(cell) <= view, (obj, role, action)


def test_markdown_table_has_one_row_per_cell():
    lines = markdown_table().splitlines()
    assert len(lines) == 2 + len(OBJECT_TYPES) * len(ACTIONS)


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_eight_digits_are_a_kvk_number_except_all_zeros(value):
    assert is_valid_kvk_number(value) is (value != "00000000")


@given(st.text(max_size=12).filter(lambda s: not (len(s) == 8 and s.isascii() and s.isdigit())))
def test_anything_else_is_not(value):
    assert not is_valid_kvk_number(value)
