"""LongSelect writes exactly the HTML of Django's Select, without a template per option."""

import pytest
from django import forms

from aanjager.core.widgets import LongSelect

CHOICES = [
    ("", "---------"),
    (1, "Gemeente <Tiel> & Co"),
    ("b", 'Logies "Het Hof"'),
    (None, "niets"),
    ("1", "dubbel"),
]


@pytest.mark.parametrize("value", [None, "", 1, "1", "b", ["b"], "onbekend"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_x", "required": True, "disabled": False, "data-x": "<y>"}]
)
def test_same_html_as_django_select(value, attrs):
    expected = forms.Select(choices=CHOICES).render("partij-organisation", value, attrs)
    assert LongSelect(choices=CHOICES).render("partij-organisation", value, attrs) == expected


def test_groups_are_left_to_django():
    grouped = [("Noord", [(1, "Groningen"), (2, "Assen")]), (3, "Utrecht")]
    assert LongSelect(choices=grouped).render("g", 2) == forms.Select(choices=grouped).render("g", 2)


@pytest.mark.django_db
def test_same_html_for_a_model_choice_field():
    from aanjager.geo.models import Municipality
    from aanjager.organisations.models import Organisation

    seat = Municipality.objects.order_by("code").first()  # the migrations ship the municipalities
    chosen = Organisation.objects.create(name="Huisvester & Zn", org_type="employer", seat_municipality=seat)
    Organisation.objects.create(name="Gemeente <Test>", org_type="municipality", seat_municipality=seat)

    class Form(forms.Form):
        plain = forms.ModelChoiceField(Organisation.objects.all())
        long = forms.ModelChoiceField(Organisation.objects.all(), widget=LongSelect)

    form = Form(initial={"plain": chosen.pk, "long": chosen.pk})
    assert str(form["long"]).replace("long", "plain") == str(form["plain"])
    assert "selected" in str(form["long"])


def _project_forms():
    import importlib
    import inspect
    import pkgutil

    import aanjager

    for module_info in pkgutil.iter_modules(aanjager.__path__):
        try:
            module = importlib.import_module(f"aanjager.{module_info.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", cls


@pytest.mark.django_db
def test_every_drop_down_of_organisations_is_a_long_select():
    # At national scale a list of every organisation has thousands of options (benchmarks/load_national.py).
    from aanjager.organisations.models import Organisation

    checked, plain = [], []
    for name, form in _project_forms():
        for field_name, field in form.base_fields.items():
            if (
                type(field) is not forms.ModelChoiceField
                or getattr(field.queryset, "model", None) is not Organisation
            ):
                continue
            if isinstance(field.widget, forms.HiddenInput):
                continue
            checked.append(f"{name}.{field_name}")
            if not isinstance(field.widget, LongSelect):
                plain.append(f"{name}.{field_name}")
    assert len(checked) >= 10, checked
    assert plain == []
