"""Every page each demo role can reach passes axe-core, and so does every form it may open, also in its error state.

Per role: sign in through the login form, crawl the same-origin links from the home page (at most MAX_PAGES
pages, at most MAX_PER_PATTERN pages per URL pattern such as /organisaties/N/), add the create and edit forms
the policy table allows the role, run axe-core on each, then submit each form emptied and run axe-core on the
error state. One test per role; it reports every problem it found, not just the first.
"""

import warnings
from collections import Counter
from urllib.parse import urljoin

import pytest
from django.urls import reverse

from .support import (
    EDIT_FORM,
    ROLES,
    axe_problems,
    broken_idrefs,
    csp_violations,
    format_problems,
    make_form_invalid,
    path_of,
    pattern_of,
    same_origin_links,
    submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAX_PAGES = 120  # every page pattern of the demo, even for the administrator (about 110 today)
MAX_PER_PATTERN = 1

# Links a role is shown that lead to a refusal, known and reported, each with why. They are reported as
# warnings, not failures; any other link that does not open fails the test.
KNOWN_DEAD_LINKS = {
    ("coordinator", "/lidmaatschappen/N/bewerken/"): (
        "the membership list shows Edit on every row to whoever may create memberships, but a regional "
        "coordinator may not change an administrator's or coordinator's membership (403)"
    ),
}

# Form kinds (URL patterns) whose error state was checked already in this run: each form kind once.
_error_states_checked: set[str] = set()


def allowed_form_pages(username: str) -> list[str]:
    """The create and edit forms that the policy table lets this demo user open, one of each kind."""
    from aanjager.accounts import scoping
    from aanjager.accounts.models import Membership, User
    from aanjager.geo.models import Region
    from aanjager.organisations.models import ContactPerson, Organisation

    user = User.objects.get(username=username)
    own = Membership.objects.filter(user=user).select_related("organisation").first().organisation
    region = Region.objects.get(name="Regio Rivierenland")
    other = Organisation.objects.exclude(pk=own.pk).filter(is_demo=True).order_by("name").first()
    pages = []

    def add(allowed: bool, name: str, *args) -> None:
        if allowed:
            pages.append(reverse(name, args=args))

    add(scoping.allows(user, "region", "create"), "geo:region_create")
    add(scoping.allows(user, "region", "change", region), "geo:region_update", region.pk)
    add(scoping.allows(user, "organisation", "create"), "organisations:create")
    # One organisation of each kind of form: the role's own one or, failing that, another in the region.
    for organisation in (own, other):
        if scoping.allows(user, "organisation", "change", organisation):
            add(True, "organisations:update", organisation.pk)
            break
    for organisation in (own, other):
        if scoping.allows(user, "contact_person", "create", ContactPerson(organisation=organisation)):
            add(True, "organisations:contact_create", organisation.pk)
            contact = organisation.contacts.order_by("pk").first()
            add(
                scoping.allows(user, "contact_person", "change", contact),
                "organisations:contact_update",
                contact.pk,
            )
            break
    add(scoping.allows(user, "membership", "create"), "accounts:membership_create")
    membership = next(
        (
            m
            for m in Membership.objects.exclude(user=user).order_by("pk")
            if scoping.allows(user, "membership", "change", m)
        ),
        None,
    )
    add(membership is not None, "accounts:membership_update", membership and membership.pk)
    add(scoping.allows(user, "user", "create"), "accounts:user_create")
    target = next(
        (
            u
            for u in User.objects.exclude(pk=user.pk).order_by("pk")
            if scoping.allows(user, "user", "change", u)
        ),
        None,
    )
    add(target is not None, "accounts:user_update", target and target.pk)
    return list(dict.fromkeys(pages))


def dead_link(username: str, path: str, status) -> list[str]:
    """A link shown to the role did not open: a failure, or a warning when it is a known issue."""
    known = KNOWN_DEAD_LINKS.get((username, pattern_of(path)))
    if known and status in (403, 404):
        warnings.warn(f"{username}: {path} answered {status}; known issue: {known}", stacklevel=2)
        return []
    return [f"{path} answered {status}, but {username} is shown a link to it"]


def check_error_state(page, path: str) -> tuple[list, list[str]]:
    """Submit the form at path emptied; it must come back with an error summary and pass axe-core."""
    page.goto(path)
    action = page.locator(EDIT_FORM).get_attribute("action")
    expected = path_of(urljoin(page.url, action)) if action else path  # a form may post to its own URL
    make_form_invalid(page)
    submit(page, page.locator(EDIT_FORM).locator('button[type="submit"]'))
    where = f"{path} (submitted empty)"
    if path_of(page.url) != expected or page.locator("#form-errors").count() != 1:
        return [], [f"{where}: expected the form again with an error summary, got {path_of(page.url)}"]
    failures = [f"{where}: reference to a missing id: {ref}" for ref in broken_idrefs(page)]
    if not page.title().startswith(("Fout:", "Error:")):
        failures.append(f"{where}: the page title does not say there is an error: {page.title()!r}")
    if not page.locator('[aria-invalid="true"]').count():
        failures.append(f"{where}: no field is marked aria-invalid")
    return axe_problems(page, where), failures


@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_role_can_reach_passes_axe(login_as, live_server, username):
    page = login_as(username)
    forms = allowed_form_pages(username)
    queue = ["/", *forms]
    enqueued = set(queue)
    per_pattern = Counter(pattern_of(path) for path in queue)
    visited, form_pages, problems, failures = [], [], [], []
    linked = set()  # every same-origin link on the pages visited

    while queue and len(visited) < MAX_PAGES:
        path = queue.pop(0)
        response = page.goto(path)
        visited.append(path)
        status = response.status if response else None
        if status != 200:
            failures += dead_link(username, path, status)
            continue
        if path_of(page.url) != path:
            failures.append(f"{path} redirected to {path_of(page.url)}")
            continue
        problems += axe_problems(page)
        failures += [f"{path}: reference to a missing id: {ref}" for ref in broken_idrefs(page)]
        failures += [f"{path}: the Content-Security-Policy refused {what}" for what in csp_violations(page)]
        if page.locator(EDIT_FORM).count():
            form_pages.append(path)
        links = same_origin_links(page, live_server.url)
        linked.update(links)
        for link in links:
            pattern = pattern_of(link.split("?")[0])  # /audit/?page=2 counts as one more /audit/
            if link not in enqueued and per_pattern[pattern] < MAX_PER_PATTERN:
                enqueued.add(link)
                per_pattern[pattern] += 1
                queue.append(link)

    if queue:
        warnings.warn(
            f"{username}: the crawl stopped at {MAX_PAGES} pages; not checked: {queue}", stacklevel=1
        )

    # Links left out of the crawl (same kind of page) must open too; plain requests with the session suffice.
    for path in sorted(linked - set(visited)):
        status = page.request.get(path).status
        if status != 200:
            failures += dead_link(username, path, status)

    failures += [
        f"{path} is allowed by the policy table but shows no form" for path in forms if path not in form_pages
    ]

    error_states = 0
    for path in form_pages:
        if pattern_of(path) not in _error_states_checked:
            _error_states_checked.add(pattern_of(path))
            more_problems, more_failures = check_error_state(page, path)
            problems += more_problems
            failures += more_failures
            error_states += 1

    summary = f"{username}: {len(visited)} pages ({len(form_pages)} forms), {error_states} error states"
    print(summary)
    report = [summary]
    if failures:
        report.append("Pages that misbehaved:\n" + "\n".join(f"  {f}" for f in failures))
    if problems:
        report.append(format_problems(problems))
    assert not failures and not problems, "\n".join(report)
    assert len(visited) > 3, f"the crawl for {username} found only {visited}"
