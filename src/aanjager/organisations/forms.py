from django import forms
from django.utils.translation import gettext_lazy as _

from aanjager.geo.models import Municipality
from aanjager.organisations.models import ContactPerson, Organisation


class OrganisationForm(forms.ModelForm):
    seat_municipality = forms.ModelChoiceField(
        label=_("Seat municipality"),
        queryset=Municipality.objects.filter(valid_to__isnull=True).order_by("name"),
    )

    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "org_type",
            "kvk_number",
            "seat_municipality",
            "corner",
            "website",
            "email",
            "phone",
        ]
        help_texts = {"corner": _("Leave empty to derive it from the type.")}
        widgets = {
            "website": forms.URLInput(),
            "kvk_number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corner"].required = False


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "job_title", "email", "phone"]
