"""Problem JSON (RFC 9457) for every API error, with the offending fields in `invalid-params`."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

CONTENT_TYPE = "application/problem+json"
TITLES = {
    400: "Ongeldige invoer",
    401: "Niet ingelogd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Formaat niet beschikbaar",
    415: "Mediatype niet ondersteund",
    429: "Te veel verzoeken",
    500: "Interne fout",
    503: "Tijdelijk niet beschikbaar",
    507: "Niet genoeg schijfruimte",
}


def _flatten(detail, prefix="") -> list[dict]:
    params = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            params.extend(_flatten(value, name))
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            for item in detail:
                params.append(
                    {
                        "name": prefix or "nonFieldErrors",
                        "code": getattr(item, "code", "invalid"),
                        "reason": str(item),
                    }
                )
        else:
            for index, item in enumerate(detail):
                params.extend(_flatten(item, f"{prefix}[{index}]"))
    else:
        params.append(
            {
                "name": prefix or "nonFieldErrors",
                "code": getattr(detail, "code", "invalid"),
                "reason": str(detail),
            }
        )
    return params


def problem(
    status_code: int, *, detail: str = "", instance: str = "", code: str = "", invalid_params=None
) -> dict:
    body = {
        "type": f"https://aanjager.nl/problems/{code or status_code}",
        "title": TITLES.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail,
        "instance": instance,
    }
    if code:
        body["code"] = code
    if invalid_params:
        body["invalid-params"] = invalid_params
    return body


def _to_drf(exc):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"nonFieldErrors": exc.messages}
        return exceptions.ValidationError(detail)
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        return exceptions.NotFound()
    return exc


def exception_handler(exc, context):
    exc = _to_drf(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    instance = request.get_full_path() if request else ""
    if isinstance(exc, exceptions.ValidationError):
        body = problem(
            400,
            detail="Een of meer velden zijn ongeldig.",
            instance=instance,
            code="invalid",
            invalid_params=_flatten(exc.detail),
        )
    else:
        code = getattr(exc, "default_code", "error")
        body = problem(
            response.status_code, detail=str(getattr(exc, "detail", "")), instance=instance, code=code
        )
    headers = {k: v for k, v in response.items() if k.lower() in {"www-authenticate", "retry-after", "allow"}}
    result = Response(body, status=response.status_code, headers=headers)
    result.content_type = CONTENT_TYPE
    return result


def problem_response(status_code: int, request, *, detail: str = "", code: str = "") -> JsonResponse:
    return JsonResponse(
        problem(status_code, detail=detail, instance=request.get_full_path(), code=code),
        status=status_code,
        content_type=CONTENT_TYPE,
    )


NOT_FOUND = status.HTTP_404_NOT_FOUND


DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = "60"


def database_unavailable_response(request) -> JsonResponse:
    """503 as Problem JSON when the database cannot be reached (shared by the API middleware and handler500)."""
    response = problem_response(
        503,
        request,
        detail="De database is tijdelijk niet bereikbaar. Probeer het over een minuut opnieuw.",
        code="database_unavailable",
    )
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response
