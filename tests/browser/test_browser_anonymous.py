"""What a visitor sees before signing in: the landing page, the login form and its error state, the 404 page."""

import pytest

from .support import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_landing_page_is_accessible(page, demo):
    response = page.goto("/")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator('a[href="/inloggen/"]').count() >= 1, "the landing page links to the login page"
    assert_accessible(page)


def test_login_page_is_accessible(page, demo):
    response = page.goto("/inloggen/")
    assert response.status == 200
    assert page.locator("#id_username").count() == 1
    assert page.locator("#id_password").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize(
    ("username", "password"),
    [("", ""), ("lezer", "niet-het-goede-wachtwoord")],
    ids=["empty", "wrong-password"],
)
def test_login_error_state_is_accessible(page, demo, username, password):
    page.goto("/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main form").get_by_role("button").click()
    assert page.url.endswith("/inloggen/"), "a failed sign-in stays on the login page"
    assert page.locator('main [role="alert"], main .form-error').count() >= 1, "the error is shown"
    assert page.locator(".page-header__user").count() == 0, "nobody is signed in"
    assert page.title().startswith(("Fout:", "Error:")), f"the title says there is an error: {page.title()!r}"
    assert_accessible(page, where=f"{page.url} (after a failed sign-in: {username or 'empty'})")


def test_not_found_page_is_accessible(page, demo):
    response = page.goto("/bestaat-niet/")
    assert response.status == 404
    assert_accessible(page)


def test_protected_pages_send_visitors_to_the_login_page(page, demo):
    response = page.goto("/organisaties/")
    assert response.status == 200
    assert page.url.split("?")[0].endswith("/inloggen/"), page.url
    assert "next=" in page.url


def test_english_pages_are_accessible_too(page, demo):
    """The footer's language switch (a form button, no script) gives English pages with lang="en"."""
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator('a[href="#main"]').inner_text() == "Skip to main content"
    assert_accessible(page, "/ (English)")
    page.goto("/inloggen/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page, "/inloggen/ (English)")
