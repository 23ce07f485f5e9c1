"""`{{ row|cell:"workers" }}`: a count as shown in tables: the hidden label for a suppressed small cell, a dash for
a figure the input did not give (an aggregated table without stay classes or without this municipality)."""

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat

from aanjager.estimates import suppression

register = template.Library()


@register.filter
def cell(row, field: str):
    value = suppression.shown(row, field, suppression.label(settings.AANJAGER_SMALL_CELL_THRESHOLD))
    return floatformat(value, 0) if isinstance(value, float) else value
