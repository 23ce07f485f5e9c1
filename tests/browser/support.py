"""Helpers for the browser tests: signing in, running axe-core, crawling links, emptying forms."""

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from axe_playwright_python.sync_playwright import Axe

# The demo accounts of aanjager.demo.rivierenland, one per role.
ROLES = ("beheerder", "coordinator", "beleid", "inspecteur", "huisvester", "werkgever", "lezer")

# axe impacts that fail a test; "minor" and "moderate" ones are left to manual review.
FAILING_IMPACTS = ("serious", "critical")


# --- signing in -----------------------------------------------------------------------------------------------


def submit(page, locator) -> None:
    """Click a submit button and wait for the page that the form leads to."""
    with page.expect_navigation():
        locator.click()


def login(page, username: str, password: str) -> None:
    """Sign in through the real form at /inloggen/, the way a person does, and land on the home page."""
    response = page.goto("/inloggen/")
    assert response is not None and response.status == 200, (
        f"/inloggen/ answered {response and response.status}"
    )
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    submit(page, page.locator("main form").get_by_role("button"))
    if urlsplit(page.url).path == "/inloggen/code/":
        enter_code(page, username)
    assert urlsplit(page.url).path == "/", (
        f"{username} did not land on the home page after signing in: {page.url}"
    )
    assert page.locator(".page-header__user").count() == 1, f"{username} is not shown as signed in"


def enter_code(page, username: str) -> None:
    """The second step for an account with two-factor authentication: the code its app shows now."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from aanjager.accounts.totp import current_code

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # a second sign-in within the same 30 seconds
    device.refresh_from_db()
    page.fill("#id_code", current_code(device))
    submit(page, page.locator("main form").get_by_role("button"))


# --- axe-core -------------------------------------------------------------------------------------------------


@dataclass
class AxeProblem:
    where: str
    rule: str
    impact: str
    help: str
    help_url: str
    targets: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        nodes = "\n".join(f"      - {target}" for target in self.targets)
        return f"  [{self.impact}] {self.rule} on {self.where}: {self.help}\n    {self.help_url}\n{nodes}"


_axe = Axe()


def axe_problems(page, where: str | None = None) -> list[AxeProblem]:
    """Run axe-core on the page as it is now; return its serious and critical violations."""
    results = _axe.run(page)
    problems = []
    for violation in results.response["violations"]:
        if violation.get("impact") not in FAILING_IMPACTS:
            continue
        problems.append(
            AxeProblem(
                where=where or path_of(page.url),
                rule=violation["id"],
                impact=violation["impact"],
                help=violation.get("help", ""),
                help_url=violation.get("helpUrl", ""),
                targets=[" ".join(map(str, node.get("target", []))) for node in violation["nodes"]],
            )
        )
    return problems


def broken_idrefs(page) -> list[str]:
    """aria-describedby / aria-labelledby / label[for] references that point at no element on the page."""
    return page.evaluate(
        """() => {
          const broken = [];
          for (const attr of ["aria-describedby", "aria-labelledby", "aria-controls"]) {
            for (const el of document.querySelectorAll(`[${attr}]`)) {
              for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
                if (!document.getElementById(id)) broken.push(`${el.tagName.toLowerCase()}#${el.id} ${attr}="${id}"`);
              }
            }
          }
          for (const label of document.querySelectorAll("label[for]")) {
            if (!document.getElementById(label.htmlFor)) broken.push(`label for="${label.htmlFor}"`);
          }
          return broken;
        }"""
    )


def format_problems(problems: list[AxeProblem]) -> str:
    return f"{len(problems)} serious or critical axe-core violation(s):\n" + "\n".join(map(str, problems))


def csp_violations(page) -> list[str]:
    """What the page's Content-Security-Policy refused since it loaded (recorded by the context's init script)."""
    return page.evaluate("window.__cspViolations || []")


def assert_accessible(page, where: str | None = None) -> None:
    refused = csp_violations(page)
    assert not refused, f"the Content-Security-Policy refused on {where or page.url}: {refused}"
    problems = axe_problems(page, where)
    assert not problems, format_problems(problems)
    broken = broken_idrefs(page)
    assert not broken, f"references to missing ids on {where or page.url}: {broken}"


# --- crawling -------------------------------------------------------------------------------------------------

SKIP_PREFIXES = ("/uitloggen/", "/i18n/", "/api/", "/static/")


def path_of(url: str) -> str:
    """Path plus query of a URL, without scheme, host and fragment."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def is_crawlable(url: str, origin: str) -> bool:
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return False
    downloads = (".csv", ".xlsx", ".pdf", ".json")
    return not parts.path.startswith(SKIP_PREFIXES) and not parts.path.endswith(downloads)


def pattern_of(path: str) -> str:
    """A URL with its numbers replaced, so /organisaties/3/ and /organisaties/7/ count as one kind of page."""
    return re.sub(r"\d+", "N", path)


def same_origin_links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    urls = (urljoin(page.url, href) for href in hrefs)
    return [path_of(url) for url in urls if is_crawlable(url, origin)]


# --- forms ----------------------------------------------------------------------------------------------------

EDIT_FORM = 'main form.form[method="post"]'


def make_form_invalid(page) -> None:
    """Empty every field of the page's edit form; fill e-mail fields with something that is no address."""
    page.locator(EDIT_FORM).evaluate(
        """form => {
          for (const el of form.elements) {
            if (["hidden", "submit", "button", "checkbox", "radio"].includes(el.type)) continue;
            if (el.tagName === "SELECT") {
              if (el.multiple) { for (const option of el.options) option.selected = false; }
              else {
                const empty = [...el.options].findIndex(option => option.value === "");
                if (empty >= 0) el.selectedIndex = empty;
              }
            } else if (el.type === "email") {
              el.value = "geen-e-mailadres";
            } else {
              el.value = "";
            }
          }
        }"""
    )
