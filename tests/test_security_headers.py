"""Security headers on every kind of response: pages, API, errors, static files and downloads."""

import pytest

from aanjager.accounts import services as account_services

CSP = "Content-Security-Policy"


@pytest.fixture
def signed_in(client, db):
    user = account_services.create_user(actor=None, username="iemand", password="een-lang-test-wachtwoord-42")
    client.force_login(user)
    return client


def _assert_headers(response):
    policy = response[CSP]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                      "object-src 'none'", "form-action 'self'"):  # fmt: skip
        assert directive in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "path",
    ["/", "/inloggen/", "/register/", "/register/register.csv", "/bestaat-niet/", "/api/v1/public/locations"],
)
def test_anonymous_responses_carry_the_headers(client, db, path):
    _assert_headers(client.get(path))


@pytest.mark.parametrize("path", ["/programmas/", "/beleidsscans/", "/api/v1/regions", "/afspraken/"])
def test_signed_in_responses_carry_the_headers(signed_in, path):
    _assert_headers(signed_in.get(path))


def test_no_template_has_inline_style_script_or_handler():
    """What the policy would refuse, found before a browser does: inline style attributes, inline scripts and
    event handler attributes in any template served as HTML (the PDF templates are rendered on the server)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "src" / "aanjager"
    offending = []
    pattern = re.compile(r"""\sstyle=|<script(?![^>]*\ssrc=)|\son[a-z]+=["']|javascript:""", re.IGNORECASE)
    for template in root.rglob("templates/**/*.html"):
        if "pdf" in template.name:
            continue
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offending.append(f"{template.relative_to(root)}:{number}")
    assert not offending, offending
