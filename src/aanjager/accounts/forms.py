from django import forms
from django.utils.translation import gettext_lazy as _

from aanjager.accounts import scoping
from aanjager.accounts import selectors as account_selectors
from aanjager.accounts.models import Membership, Role
from aanjager.core.widgets import LongSelect
from aanjager.geo import selectors as geo_selectors
from aanjager.organisations import selectors as org_selectors


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "organisation", "role", "region"]
        widgets = {"organisation": LongSelect}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = account_selectors.users(user=actor)
        self.fields["organisation"].queryset = org_selectors.organisations(user=actor)
        allowed = scoping.grantable_roles(actor)
        self.fields["role"].choices = [(value, label) for value, label in Role.choices if value in allowed]
        self.fields["region"].queryset = scoping.filter_queryset(
            actor, "region", "change", geo_selectors.regions(user=actor)
        )
        self.fields["region"].required = False


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters, not only digits and not a common password."),
    )


class UserChangeForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    is_active = forms.BooleanField(
        label=_("Active"),
        required=False,
        help_text=_("An inactive user cannot sign in. Accounts are never deleted."),
    )
