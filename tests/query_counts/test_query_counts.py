"""Queries per page must not grow with the number of rows shown (issue 8): each list, dashboard and API list is
counted on a small data set and again with GROWTH more rows of everything (see conftest.py and data.py).

The counts must be equal: no page needed an allowance. An N+1 shows as at least GROWTH (8) more queries.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from tests.query_counts import pages

# The package fixture builds its data in the test database, which pytest-django sets up only for marked tests.
pytestmark = pytest.mark.django_db

# Pages whose rows do not grow with the larger set, so their answer need not either: the fixed lists of
# municipalities and provinces, the question set, and a progress report (a snapshot taken when it was made).
SAME_ROWS = {"municipalities", "report", "api-provinces", "api-municipalities", "api-question-sets"}


def _check(query_counts, page_id):
    count = query_counts[page_id]
    assert not count.error, count.error
    assert set(count.status) == {200}, f"{page_id} answered {count.status}"
    if page_id not in SAME_ROWS:  # else the test would pass without the larger set reaching the page
        assert count.sizes[1] > count.sizes[0], f"{page_id} shows no more with the larger set: {count.sizes}"
    assert count.large <= count.small, (
        f"{page_id}: {count.small} queries with the small set, {count.large} with more rows"
    )


@pytest.mark.parametrize("page_id", [page_id for page_id, _who, _url in pages.UI])
def test_page_queries_do_not_grow_with_rows(query_counts, page_id):
    _check(query_counts, page_id)


@pytest.mark.parametrize("page_id", [page_id for page_id, _who, _url in pages.API])
def test_api_list_queries_do_not_grow_with_rows(query_counts, page_id):
    _check(query_counts, page_id)


class _AnyObject:
    """Stands in for the data set when only the names of the pages are wanted: every attribute is 1."""

    def __getattr__(self, name):
        return self

    def __format__(self, spec):
        return "1"


def _names_without_parameters(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from _names_without_parameters(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name and "<" not in str(entry.pattern):
            if not prefix.startswith("api/"):
                yield namespace + entry.name


def test_every_list_page_without_parameters_is_counted():
    """A new list page is counted here too: add it to pages.UI (or, when it lists nothing, to NOT_LISTS)."""
    counted = {resolve(url(_AnyObject()).split("?")[0]).view_name for _id, _who, url in pages.UI}
    missing = {
        name
        for name in _names_without_parameters(get_resolver().url_patterns)
        if name not in pages.NOT_LISTS and not name.endswith(("create", "_new"))  # forms for a new object
    } - counted
    assert not missing, f"not counted: {sorted(missing)}"
