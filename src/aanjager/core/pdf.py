"""PDF from an HTML template with WeasyPrint. The template carries its own styles (no network, no static files);
WeasyPrint needs the Pango library of the system, which Debian's chromium package brings along."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


class PdfUnavailable(RuntimeError):
    pass


def render_pdf(template: str, context: dict) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as exc:  # the system lacks Pango
        raise PdfUnavailable(str(exc)) from exc
    return HTML(string=render_to_string(template, context)).write_pdf()


def pdf_response(template: str, context: dict, filename: str) -> HttpResponse:
    try:
        data = render_pdf(template, context)
    except PdfUnavailable:
        return HttpResponse(
            _(
                "PDF is not available on this server (the Pango library is missing). Download the XLSX instead."
            ),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
