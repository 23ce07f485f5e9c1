"""List the minimum wages, or record a new one: `aanjager minimum_wage --from 2026-07-01 --hourly 15.00 --source …`."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from aanjager.reference import services
from aanjager.reference.models import MinimumWage


class Command(BaseCommand):
    help = "List the statutory minimum wage per hour by date, or record a new value (--from, --hourly, --source)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="valid_from", help="first day the value applies, YYYY-MM-DD")
        parser.add_argument("--hourly", help="gross per hour in euro, e.g. 14.71")
        parser.add_argument("--source", default="", help="where the value was published")

    def handle(self, *args, valid_from=None, hourly=None, source="", **options):
        if valid_from or hourly:
            if not (valid_from and hourly and source):
                raise CommandError("Give --from, --hourly and --source together.")
            try:
                day = dt.date.fromisoformat(valid_from)
            except ValueError:
                raise CommandError(f"--from: {valid_from!r} is not a date like 2026-07-01.") from None
            try:
                amount = Decimal(hourly.replace(",", "."))
            except InvalidOperation:
                raise CommandError(f"--hourly: {hourly!r} is not an amount like 14.71.") from None
            if amount <= 0:
                raise CommandError("--hourly: the amount must be above 0.")
            try:
                services.set_minimum_wage(actor=None, valid_from=day, hourly_gross=amount, source=source)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from None
        for wage in MinimumWage.objects.order_by("valid_from"):
            self.stdout.write(f"{wage.valid_from.isoformat()}\t{wage.hourly_gross}\t{wage.source}")
