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
