from django.core.management.base import BaseCommand, CommandError

from aanjager.estimates import estimate_cli
from aanjager.geo.models import Municipality


class Command(BaseCommand):
    help = estimate_cli.HELP
    # The system checks load every URLconf and view (most of a second); this command needs none of them.
    requires_system_checks = []

    def add_arguments(self, parser):
        estimate_cli.add_arguments(parser)

    def handle(self, *args, **options):
        try:
            estimate_cli.execute(
                options,
                known_municipalities=set(Municipality.objects.values_list("code", flat=True)),
                write=self.stdout.write,
                warn=self.stderr.write,
            )
        except estimate_cli.EstimateError as exc:
            raise CommandError(str(exc)) from exc
