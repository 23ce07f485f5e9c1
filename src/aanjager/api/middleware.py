import logging

from django.conf import settings

from aanjager.api.problems import DATABASE_ERRORS, database_unavailable_response, problem_response

logger = logging.getLogger(__name__)


class ApiMiddleware:
    """For /api/: the API-Version header on every answer, and Problem JSON where Django would answer in HTML."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            if response.status_code in (404, 405) and "json" not in response.get("Content-Type", ""):
                response = problem_response(
                    response.status_code,
                    request,
                    code="not_found" if response.status_code == 404 else "method_not_allowed",
                )
            response["API-Version"] = settings.API_VERSION
        return response

    def process_exception(self, request, exception):
        if not request.path.startswith("/api/"):
            return None
        logger.exception("Unhandled API error on %s", request.path)
        from aanjager.core.files import is_disk_full
        from aanjager.core.views import disk_full_response

        if is_disk_full(exception):
            response = disk_full_response(request)
        elif isinstance(exception, DATABASE_ERRORS):
            response = database_unavailable_response(request)
        else:
            response = problem_response(
                500, request, detail="Er ging iets mis aan onze kant.", code="server_error"
            )
        response["API-Version"] = settings.API_VERSION
        return response
