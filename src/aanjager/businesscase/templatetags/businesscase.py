from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def percent(share, digits=1):
    """A share as a percentage with a decimal comma in Dutch: 0.0812 → "8,1%"."""
    if share is None:
        return "–"
    return f"{floatformat(float(share) * 100, digits)}%"
