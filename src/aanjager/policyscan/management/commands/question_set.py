"""List the question sets of the policy scan, or publish a new version: `aanjager question_set --publish set.json`."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from aanjager.policyscan import services
from aanjager.policyscan.models import QuestionSet


class Command(BaseCommand):
    help = (
        "List the question sets (code, version, domains, statements, scans), or publish a new version from a JSON "
        "file with --publish (format: docs/policy-scan.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--publish", metavar="FILE", help="a question set as JSON")

    def handle(self, *args, publish=None, **options):
        if publish:
            path = Path(publish)
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                raise CommandError(f"{path}: no such file.") from None
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise CommandError(f"{path}: not JSON in UTF-8 ({exc}).") from None
            except RecursionError:
                raise CommandError(f"{path}: not a question set (nested too deeply).") from None
            try:
                created = services.publish_question_set(actor=None, data=data)
            except ValidationError as exc:
                raise CommandError(f"{path}: " + "; ".join(exc.messages)) from None
            self.stdout.write(f"Published {created.code} version {created.version}.")
        for question_set in QuestionSet.objects.order_by("code", "version"):
            statements = sum(len(d["statements"]) for d in question_set.domains)
            self.stdout.write(
                f"{question_set.code}\tv{question_set.version}\t{len(question_set.domains)} domains\t"
                f"{statements} statements\t{question_set.scans.count()} scans\t{question_set.title}"
            )
