"""The arithmetic of the policy scan: maturity per domain, overall, region average and comparison."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aanjager.policyscan import maturity

DOMAINS = {"reg": ["reg-1", "reg-2", "reg-3"], "hou": ["hou-1", "hou-2"], "car": ["car-1"]}


def test_domain_score_is_the_exact_mean_of_the_answered_statements():
    scores = maturity.domain_scores(DOMAINS, {"reg-1": 1, "reg-2": 2, "hou-1": 3, "hou-2": 0, "elsewhere": 3})
    assert scores["reg"] == maturity.DomainScore("reg", Fraction(3, 2), answered=2, total=3)
    assert scores["hou"] == maturity.DomainScore("hou", Fraction(3, 2), answered=2, total=2)
    assert scores["car"] == maturity.DomainScore("car", None, answered=0, total=1)  # no score, not 0
    assert list(scores) == ["reg", "hou", "car"]
    assert maturity.overall(scores) == Fraction(3, 2)  # mean of the domains that have a score


def test_overall_weighs_domains_equally():
    scores = maturity.domain_scores(DOMAINS, {"reg-1": 0, "reg-2": 0, "reg-3": 0, "car-1": 3})
    assert maturity.overall(scores) == Fraction(3, 2)  # not 3/4: one domain of three statements, one of one


def test_overall_without_answers_is_none():
    assert maturity.overall(maturity.domain_scores(DOMAINS, {})) is None


@pytest.mark.parametrize("bad", [4, -1, 1.5, "2", True, None])
def test_a_score_outside_the_scale_is_refused(bad):
    with pytest.raises(ValueError, match="reg-1"):
        maturity.domain_scores(DOMAINS, {"reg-1": bad})


def test_region_average_counts_only_scans_that_answered_the_domain():
    a = {"reg": Fraction(1), "hou": None}
    b = {"reg": Fraction(2), "hou": Fraction(3)}
    c = maturity.domain_scores(DOMAINS, {"reg-1": 3, "hou-1": 1, "hou-2": 2})  # DomainScores work too
    result = maturity.region_average([a, b, c])
    assert result["reg"] == maturity.Average(Fraction(2), 3)
    assert result["hou"] == maturity.Average(Fraction(9, 4), 2)  # (3 + 3/2) / 2
    assert result["car"] == maturity.Average(None, 0)


def test_compare_gives_the_change_per_domain():
    now = {"reg": Fraction(2), "hou": Fraction(1), "car": None}
    then = {"reg": Fraction(1, 2), "hou": Fraction(3, 2)}
    assert maturity.compare(now, then) == {"reg": Fraction(3, 2), "hou": Fraction(-1, 2), "car": None}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(1, 8), Decimal("0.13")),  # half up
        (Fraction(-1, 8), Decimal("-0.13")),
        (Fraction(2, 3), Decimal("0.67")),
        (Fraction(3), Decimal("3.00")),
        (None, None),
    ],
)
def test_rounded_for_display(value, expected):
    assert maturity.rounded(value) == expected


scores_st = st.integers(min_value=0, max_value=3)
answers_st = st.dictionaries(
    st.sampled_from([s for statements in DOMAINS.values() for s in statements]), scores_st
)


@given(answers_st)
def test_every_score_lies_on_the_scale(answers):
    scores = maturity.domain_scores(DOMAINS, answers)
    for score in scores.values():
        assert 0 <= score.answered <= score.total
        assert (score.score is None) == (score.answered == 0)
        if score.score is not None:
            assert 0 <= score.score <= 3
    total = maturity.overall(scores)
    assert total is None or 0 <= total <= 3


@given(answers_st, st.integers(min_value=1, max_value=6))
def test_the_average_of_identical_scans_is_that_scan(answers, copies):
    scores = maturity.domain_scores(DOMAINS, answers)
    average = maturity.region_average([scores] * copies)
    for code, score in scores.items():
        assert average[code].score == score.score
        assert average[code].n == (copies if score.score is not None else 0)


@given(st.lists(answers_st, min_size=1, max_size=6))
def test_the_average_lies_between_the_lowest_and_highest_scan(many):
    scans = [maturity.domain_scores(DOMAINS, answers) for answers in many]
    average = maturity.region_average(scans)
    for code in DOMAINS:
        values = [s[code].score for s in scans if s[code].score is not None]
        if values:
            assert min(values) <= average[code].score <= max(values)
        else:
            assert average[code].score is None


@given(answers_st, answers_st)
def test_compare_is_antisymmetric_and_zero_against_itself(first, second):
    a, b = maturity.domain_scores(DOMAINS, first), maturity.domain_scores(DOMAINS, second)
    forward, backward = maturity.compare(a, b), maturity.compare(b, a)
    for code in DOMAINS:
        assert (forward[code] is None) == (backward[code] is None)
        if forward[code] is not None:
            assert forward[code] == -backward[code]
            assert -3 <= forward[code] <= 3
    assert all(d in (0, None) for d in maturity.compare(a, a).values())
