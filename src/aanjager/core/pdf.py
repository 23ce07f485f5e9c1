"""PDF from an HTML template with WeasyPrint. The template carries its own styles (no network, no static files);
WeasyPrint needs the Pango library of the system, which Debian's chromium package brings along."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


class PdfUnavailable(RuntimeError):
    pass


def render_pdf(template: str, context: dict, *, pdf_variant: str | None = None) -> bytes:
    """pdf_variant: e.g. "pdf/ua-1" for a tagged, accessible PDF (the template then needs lang and a title)."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # the system lacks Pango
        raise PdfUnavailable(str(exc)) from exc
    options = {"pdf_variant": pdf_variant} if pdf_variant else {}
    return HTML(string=render_to_string(template, context)).write_pdf(**options)


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
