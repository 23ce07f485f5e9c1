"""KvK numbers: 8 digits (Kamer van Koophandel). Pure functions, also used by the API serializers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def is_valid_kvk_number(value: str) -> bool:
    return bool(re.fullmatch(r"\d{8}", value)) and value != "00000000"


def validate_kvk_number(value: str) -> None:
    if not is_valid_kvk_number(value):
        raise ValidationError(
            _("A KvK number has exactly 8 digits, for example 12345678."),
            code="invalid_kvk",
            params={"value": value},
        )
