from django.core.management.base import BaseCommand

from aanjager.agreements import notify


class Command(BaseCommand):
    help = (
        "Daily job: notify about commitments that are at risk, overdue or without a recent update, and send the "
        "daily digests. Safe to run more than once a day: each event is notified once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-digest", action="store_true", help="Only check the commitments.")

    def handle(self, *args, **options):
        made = notify.check_commitments()
        sent = 0 if options["no_digest"] else notify.send_daily_digests()
        self.stdout.write(f"notifications: {made} new; digests sent: {sent}")
