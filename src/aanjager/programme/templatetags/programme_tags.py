from django import template

register = template.Library()


@register.filter
def percent_or_dash(value) -> str:
    """A mean progress (Fraction or number, in percent) rounded to whole percent; a dash when there is none."""
    if value is None:
        return "–"
    return f"{round(float(value))}%"
