"""`aanjager retention [--dry-run]`: delete what is past its retention period (core/retention.py)."""

from django.core.management.base import BaseCommand

from aanjager.core import retention


class Command(BaseCommand):
    help = "Delete what is past its retention period; run daily. --dry-run only counts."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")

    def handle(self, *args, dry_run: bool, **options):
        verb = "would delete" if dry_run else "deleted"
        for rule, count in retention.apply(delete=not dry_run):
            kept = "until no longer needed" if rule.days == 0 else f"kept {rule.days} days"
            self.stdout.write(f"{rule.code}\t{verb} {count}\t{rule.what} ({kept})")
