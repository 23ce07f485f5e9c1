"""OpenAPI post-processing: every operation documents its Problem JSON errors and the API-Version header."""

import re

from rest_framework.permissions import AllowAny

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 Problem Details",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "code": {"type": "string"},
        "invalid-params": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
                "required": ["name", "reason"],
            },
        },
    },
    "required": ["type", "title", "status"],
}
API_VERSION_HEADER = {"API-Version": {"schema": {"type": "string"}, "description": "Version of this API"}}
DESCRIPTIONS = {
    "400": "Invalid input; `invalid-params` names the fields",
    "401": "Not signed in",
    "403": "Your role does not allow this",
    "404": "Not found, or not visible to you",
    "429": "Too many requests; try again later",
    "503": "The database cannot be reached; nothing was changed. Try again after `Retry-After` seconds",
    "507": "Not enough disk space on the server to store the upload; nothing was saved",
}
# Per method and situation, where the general description above does not say what happened.
FILTER_400 = (
    "Invalid query parameter (a filter value of the wrong type or unknown); `invalid-params` names it"
)
DELETE_400 = "Cannot be deleted now (for instance: still in use); `invalid-params` says why"
PAGE_404 = "No such page (past the last page, or not a page number)"
PAGINATION_PARAMETERS = {"page", "page_size"}


def _view_classes(generator) -> dict:
    """(path with its parameters blanked, method) → the view's callback; path parameter names differ (pk, id)."""
    views = {}
    for path, _regex, method, callback in getattr(generator, "endpoints", None) or []:
        views[(re.sub(r"{[^}]*}", "{}", path), method.lower())] = callback
    return views


def _has_filterset(view) -> bool:
    """django-filter refuses a wrong filter value with a 400, also on the detail actions (get_object filters)."""
    return bool(getattr(view, "filterset_class", None) or getattr(view, "filterset_fields", None))


def _codes(path: str, method: str, operation: dict, callback) -> dict:
    """The Problem responses this operation can give, with their descriptions."""
    view = getattr(callback, "cls", None)
    initkwargs = getattr(callback, "initkwargs", {})
    authentication = initkwargs.get("authentication_classes", getattr(view, "authentication_classes", [None]))
    permissions = initkwargs.get("permission_classes", getattr(view, "permission_classes", [None]))
    throttles = initkwargs.get("throttle_classes", getattr(view, "throttle_classes", []))
    codes = {}
    if authentication:
        codes["401"] = DESCRIPTIONS["401"]
    if authentication or not all(permission is AllowAny for permission in permissions):
        codes["403"] = DESCRIPTIONS["403"]
    query = {parameter["name"] for parameter in operation.get("parameters", []) if parameter["in"] == "query"}
    if "{" in path:
        codes["404"] = DESCRIPTIONS["404"]
    elif "page" in query:
        codes["404"] = PAGE_404
    if method in ("post", "put", "patch"):
        codes["400"] = DESCRIPTIONS["400"]
    elif method == "delete":
        codes["400"] = DELETE_400
    elif query - PAGINATION_PARAMETERS and _has_filterset(view):
        codes["400"] = FILTER_400
    if throttles:
        codes["429"] = DESCRIPTIONS["429"]
    codes["503"] = DESCRIPTIONS["503"]  # any operation, when the database is down (api.problems)
    if method in ("post", "put", "patch"):  # a large request body is spooled to disk before the view runs
        codes["507"] = DESCRIPTIONS["507"]
    return codes


def add_problem_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    views = _view_classes(generator)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            callback = views.get((re.sub(r"{[^}]*}", "{}", path), method))
            for code, description in _codes(path, method, operation, callback).items():
                responses.setdefault(code, {"description": description, "content": problem})
            for response in responses.values():
                response.setdefault("headers", {}).update(API_VERSION_HEADER)
    return result
