import pytest

from aanjager.core.spreadsheets import safe_cell


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 6 123", "'+31 6 123"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Flexwonen B.V.", "Flexwonen B.V."),
        (12, 12),
        ("", ""),
    ],
)
def test_text_that_starts_a_formula_gets_a_quote(value, shown):
    assert safe_cell(value) == shown
