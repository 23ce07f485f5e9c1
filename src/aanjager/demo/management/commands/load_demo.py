from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from aanjager.demo import agreements as demo_agreements
from aanjager.demo import businesscase as demo_businesscase
from aanjager.demo import locations as demo_locations
from aanjager.demo import policyscan as demo_policyscan
from aanjager.demo import programme as demo_programme
from aanjager.demo import rivierenland


class Command(BaseCommand):
    help = "Load the demo region Rivierenland (real municipalities, synthetic organisations and accounts)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the demo logins.")

    def handle(self, *args, **options):
        if getattr(settings, "AANJAGER_FORBID_DEMO", False):
            raise CommandError("Demo data is switched off here (AANJAGER_FORBID_DEMO).")
        created = rivierenland.load()
        created["estimate runs"] = int(rivierenland.load_estimate())
        created["scenarios"] = int(rivierenland.load_scenario())
        created["company plans"] = int(rivierenland.load_company_plan())
        created["locations"] = demo_locations.load()
        created["commitments"] = demo_agreements.load()
        created["programme participations"] = demo_programme.load()
        created["business-case variants"] = demo_businesscase.load()
        created["policy scans"] = demo_policyscan.load()
        self.stdout.write(
            "Demo region Rivierenland: "
            + ", ".join(f"{count} {what} created" for what, count in created.items())
        )
        if not options["quiet_logins"]:
            self.stdout.write(
                f"Demo logins (synthetic accounts, password for all: {rivierenland.DEMO_PASSWORD}):"
            )
            for username, _first, _last, role, organisation in rivierenland.USERS:
                self.stdout.write(f"  {username:<12} {role.label:<22} {organisation}")
            self.stdout.write(
                "Two-factor authentication is mandatory for administrators and coordinators. Add the key to an "
                "authenticator app, or print the current code with `.venv/bin/aanjager demo_code USERNAME`:"
            )
            for username in rivierenland.DEMO_TOTP_KEYS:
                self.stdout.write(f"  {username:<12} key {rivierenland.demo_totp_secret(username)}")
