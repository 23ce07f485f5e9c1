"""Print the role policy table as Markdown, with the Dutch role names as column headings.

docs/roles-and-scoping.md holds this output between its scoping-table markers; tests/test_docs.py keeps the two
equal. After a change to accounts/policy.py: `aanjager scoping_table` and paste the result there.
"""

from django.core.management.base import BaseCommand

from aanjager.accounts import policy

ROLE_LABELS = {
    "administrator": "beheerder",
    "regional_coordinator": "regiocoördinator",
    "policy_advisor": "beleidsmedewerker",
    "inspector": "inspecteur",
    "housing_provider": "huisvester",
    "employer": "werkgever",
    "reader": "lezer",
}


class Command(BaseCommand):
    help = "Print the role policy table (who may do what, and how far) as Markdown."

    def handle(self, *args, **options):
        self.stdout.write(policy.markdown_table(ROLE_LABELS))
