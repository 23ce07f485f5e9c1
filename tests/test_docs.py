"""The docs cannot go stale: the role table and the environment variables are checked against the code."""

import re
from io import StringIO
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CONF = ROOT / "src" / "aanjager" / "conf"
START, END = "<!-- scoping-table:start -->", "<!-- scoping-table:end -->"


def _scoping_block() -> str:
    text = (DOCS / "roles-and-scoping.md").read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1, "exactly one pair of scoping-table markers"
    return text.split(START, 1)[1].split(END, 1)[0].strip()


def test_roles_and_scoping_doc_shows_the_policy_table():
    out = StringIO()
    call_command("scoping_table", stdout=out)
    assert _scoping_block() == out.getvalue().strip(), (
        "docs/roles-and-scoping.md is stale: paste the output of `.venv/bin/aanjager scoping_table` "
        "between the scoping-table markers"
    )


def _environment_variables() -> set[str]:
    pattern = re.compile(r"\b(AANJAGER_[A-Z_]+|DATABASE_URL)\b")
    names = set()
    for path in sorted(CONF.glob("*.py")):
        names.update(pattern.findall(path.read_text(encoding="utf-8")))
    return names


def test_every_environment_variable_is_documented():
    names = _environment_variables()
    assert "AANJAGER_SECRET_KEY" in names and "DATABASE_URL" in names  # the scan itself works
    documented = (DOCS / "configuration.md").read_text(encoding="utf-8")
    missing = sorted(name for name in names if f"`{name}`" not in documented)
    assert not missing, f"add these to the table in docs/configuration.md: {missing}"


def test_location_import_doc_lists_every_column():
    from aanjager.locations.bulk import COLUMNS

    text = (DOCS / "location-import.md").read_text(encoding="utf-8")
    missing = [c.name for c in COLUMNS if f"| `{c.name}` |" not in text]
    assert not missing, f"docs/location-import.md lacks the columns {missing}"
