"""Keyboard use: the skip link comes first and moves focus to the main content; signing in needs no mouse."""

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SKIP_LINK = 'a[href="#main"]'
MAX_TABS = 15


def focused(page) -> dict:
    """What has the keyboard focus: tag, id, href, name, and whether it is on screen."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const box = el.getBoundingClientRect();
          return {
            tag: el.tagName.toLowerCase(), id: el.id, href: el.getAttribute("href"), name: el.getAttribute("name"),
            type: el.getAttribute("type"), text: (el.textContent || "").trim(),
            visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
              && box.top < window.innerHeight && box.left < window.innerWidth,
            outline: getComputedStyle(el).outlineStyle,
          };
        }"""
    )


def tab_until(page, predicate, what: str) -> dict:
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = focused(page)
        if predicate(element):
            return element
        seen.append(element["id"] or element["href"] or element["tag"])
    raise AssertionError(f"{what} got no focus within {MAX_TABS} presses of Tab; focus went to {seen}")


def assert_skip_link_works(page) -> None:
    page.keyboard.press("Tab")
    element = focused(page)
    assert element["href"] == "#main", f"the first Tab should reach the skip link, it reached {element}"
    assert element["text"], "the skip link has a text"
    assert element["visible"], "the skip link shows on screen when it has focus"
    assert element["outline"] != "none", "the focused skip link has a visible focus outline"
    page.keyboard.press("Enter")
    # A same-page jump reaches page.url through a navigation event: wait for it rather than read it at once.
    page.wait_for_function("() => location.hash === '#main'", timeout=5000)
    after = focused(page)
    assert (after["tag"], after["id"]) == ("main", "main"), f"after the skip link, focus is on {after}"
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    inside = page.evaluate("() => document.getElementById('main').contains(document.activeElement)")
    assert inside, f"Tab after the skip link should stay in main, focus went to {focused(page)}"


def test_skip_link_on_the_landing_page(page, demo):
    page.goto("/")
    assert page.locator(SKIP_LINK).count() == 1
    assert_skip_link_works(page)


def test_skip_link_on_a_signed_in_page(login_as):
    page = login_as("lezer")
    page.goto("/organisaties/")
    assert_skip_link_works(page)


def test_sign_in_with_the_keyboard_only(page, demo):
    page.goto("/inloggen/")
    tab_until(page, lambda el: el["id"] == "id_username", "the username field")
    page.keyboard.type("lezer")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_password", "Tab goes from the username to the password field"
    page.keyboard.type(demo.DEMO_PASSWORD)
    page.keyboard.press("Tab")
    button = focused(page)
    assert (button["tag"], button["type"]) == ("button", "submit"), (
        f"Tab then reaches the sign-in button: {button}"
    )
    assert button["outline"] != "none", "the focused button has a visible focus outline"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/", page.url
    assert page.locator(".page-header__user").count() == 1, "the reader is signed in"


def test_enter_in_the_password_field_submits_the_login_form(page, demo):
    page.goto("/inloggen/")
    tab_until(page, lambda el: el["id"] == "id_username", "the username field")
    page.keyboard.type("werkgever")
    page.keyboard.press("Tab")
    page.keyboard.type(demo.DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/", page.url
    assert page.locator(".page-header__user").count() == 1, "the employer is signed in"


def test_after_a_failed_save_focus_goes_to_the_error_summary_and_its_links_lead_to_the_fields(login_as):
    page = login_as("beheerder")
    page.goto("/organisaties/nieuw/")
    submit_button = page.locator('main form button[type="submit"]')
    submit_button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#form-errors").count() == 1, "the emptied form comes back with an error summary"
    page.wait_for_function("() => document.activeElement.id === 'form-errors'", timeout=5_000)
    page.keyboard.press("Tab")
    link = focused(page)
    assert link["tag"] == "a" and link["href"].startswith("#id_"), (
        f"Tab from the summary reaches its first link: {link}"
    )
    page.keyboard.press("Enter")
    assert focused(page)["id"] == link["href"][1:], f"following {link['href']} puts focus on that field"
