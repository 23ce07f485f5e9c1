import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from aanjager.accounts import services
from aanjager.accounts.models import Role
from aanjager.geo.models import Municipality
from aanjager.organisations import services as org_services
from aanjager.organisations.models import Organisation, OrganisationType


class Command(BaseCommand):
    help = (
        "Create the first administrator of a fresh installation, with the organisation they work for. "
        "Rights come only from memberships, so Django's createsuperuser is not enough. "
        "The password comes from --password or the environment variable AANJAGER_ADMIN_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument(
            "--password", help="Prefer AANJAGER_ADMIN_PASSWORD: a flag ends up in shell history"
        )
        parser.add_argument(
            "--organisation", required=True, help="Name of the organisation (made if missing)"
        )
        parser.add_argument(
            "--municipality", required=True, help="CBS code of the organisation's seat, GMxxxx"
        )
        parser.add_argument("--email", default="")

    @transaction.atomic
    def handle(self, *args, username, password, organisation, municipality, email, **options):
        password = password or os.environ.get("AANJAGER_ADMIN_PASSWORD")
        if not password:
            raise CommandError("Give a password with --password or AANJAGER_ADMIN_PASSWORD.")
        seat = Municipality.objects.filter(code=municipality.upper(), valid_to__isnull=True).first()
        if seat is None:
            raise CommandError(f"Unknown or ended municipality code: {municipality}")
        try:
            org = Organisation.objects.filter(name=organisation).first() or org_services.create_organisation(
                actor=None, name=organisation, org_type=OrganisationType.GOVERNMENT, seat_municipality=seat
            )
            user = services.create_user(actor=None, username=username, password=password, email=email)
            services.create_membership(actor=None, user=user, organisation=org, role=Role.ADMINISTRATOR)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
        self.stdout.write(f"Administrator {username} created for {org.name}.")
