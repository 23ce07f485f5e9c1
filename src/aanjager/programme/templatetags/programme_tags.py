from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def percent_or_dash(value) -> str:
    """A mean progress (Fraction or number, in percent) rounded to whole percent; a dash when there is none."""
    if value is None:
        return "–"
    return f"{round(float(value))}%"


BAR = (
    '<svg class="bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
    '<rect class="bar__track" width="100" height="4"/><rect class="bar__fill" width="{}" height="4"/></svg>'
)


@register.simple_tag
def decision(cell):
    """A municipality's decision on a measure, with its progress bar when it takes part. Built here rather than
    with an include: the matrix shows hundreds of cells, and an include per cell was most of its render time.
    The markup is that of core/_bar.html."""
    if cell.decision == "in":
        return format_html(
            '<span class="decision decision--in">{}</span> <span>{}%</span>' + BAR,
            _("Takes part"),
            cell.progress,
            cell.progress,
        )
    if cell.decision == "out":
        return format_html('<span class="decision decision--out">{}</span>', _("Does not take part"))
    return format_html('<span class="decision decision--undecided">{}</span>', _("Not decided yet"))
