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
