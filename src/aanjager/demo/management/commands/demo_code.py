"""`aanjager demo_code USERNAME`: the current two-factor code of a demo account (demo accounts only)."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from aanjager.accounts.models import User
from aanjager.accounts.totp import current_code


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo account, as its authenticator app would show it."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = User.objects.filter(username=username, is_demo=True).first()
        if user is None:
            raise CommandError(f"{username} is not a demo account: codes are only printed for demo accounts.")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            raise CommandError(f"{username} has no two-factor app set up.")
        self.stdout.write(current_code(device))
