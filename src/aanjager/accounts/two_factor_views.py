"""The pages of two-factor authentication: enter a code after the password, set up an app, switch it off."""

import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from aanjager.accounts import two_factor
from aanjager.audit import services as audit


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        min_length=6,
        max_length=6,
        help_text=gettext_lazy("Six digits; a new code appears every 30 seconds."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("The code is six digits."))
        return code


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return "/"
    return target


@login_required
def verify(request):
    device = two_factor.confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", _("The code is not right or has expired. Enter the code your app shows now."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)})


def _qr_svg(device) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]  # without the XML declaration, to place it in the page


def _secret(device) -> str:
    from base64 import b32encode

    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@login_required
def setup(request):
    user = request.user
    confirmed = two_factor.confirmed_device(user)
    if confirmed is not None:
        return render(
            request,
            "accounts/two_factor_status.html",
            {"device": confirmed, "required": two_factor.required_for(user)},
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=two_factor.DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            otp_login(request, device)
            audit.record(
                actor=user,
                action="update",
                instance=user,
                before={"two_factor": False},
                after={"two_factor": True},
            )
            messages.success(
                request, _("Two-factor authentication is on. From now on you sign in with a code.")
            )
            return redirect(_next(request))
        form.add_error("code", _("The code is not right or has expired. Enter the code your app shows now."))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr": _qr_svg(device),
            "secret": _secret(device),
            "required": two_factor.required_for(user),
            "next": _next(request),
        },
    )


@login_required
@require_POST
def disable(request):
    user = request.user
    if two_factor.required_for(user):
        raise PermissionDenied
    if TOTPDevice.objects.filter(user=user).delete()[0]:
        audit.record(
            actor=user,
            action="update",
            instance=user,
            before={"two_factor": True},
            after={"two_factor": False},
        )
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("two_factor_setup")
