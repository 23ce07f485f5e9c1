from django import template

register = template.Library()


@register.filter
def need(cell, scenario):
    return cell.need[scenario]


@register.filter
def gap(cell, scenario):
    return cell.gap(scenario)


@register.filter
def demand(cell, scenario):
    return cell.demand(scenario)


@register.filter
def add_float(a, b):
    return (a or 0) + (b or 0)


@register.filter
def get_item(mapping, key):
    """mapping[key], also for integer years stored as JSON string keys."""
    if not mapping:
        return None
    if key in mapping:
        return mapping[key]
    return mapping.get(str(key))
