"""Tests for scalinglaws.emergence's per-example metrics and the batched token edit distance."""

import doctest
import importlib

import numpy as np
import pytest

from scalinglaws import emergence as em

MODULES = [
    "metrics",
    "edit_distance",
    "mirage",
    "resolution",
    "score",
    "sigmoid",
    "forecast",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    module = importlib.import_module(f"scalinglaws.emergence.{name}")
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def _levenshtein_reference(a, b):
    """The textbook O(len a * len b) recursion, one cell at a time."""
    previous = list(range(len(b) + 1))
    for i, token_a in enumerate(a, 1):
        current = [i]
        for j, token_b in enumerate(b, 1):
            current.append(
                min(
                    previous[j] + 1,
                    current[j - 1] + 1,
                    previous[j - 1] + (token_a != token_b),
                )
            )
        previous = current
    return previous[-1]


@pytest.mark.parametrize(
    "prediction, target, distance",
    [
        ("kitten", "sitting", 3),  # two substitutions and an insertion
        ("flaw", "lawn", 2),
        ("", "abc", 3),
        ("abc", "", 3),
        ("", "", 0),
        ("12345", "12345", 0),
        (
            "12345",
            "12354",
            2,
        ),  # a transposition costs two edits in Levenshtein's metric
        ("1000", "999", 4),
    ],
)
def test_token_edit_distance_known_answers(prediction, target, distance):
    assert em.token_edit_distance([prediction], [target]).tolist() == [distance]


def test_token_edit_distance_matches_the_cell_by_cell_recursion_on_random_batches():
    rng = np.random.default_rng(7)
    predictions = [list(rng.integers(0, 4, rng.integers(0, 12))) for _ in range(300)]
    targets = [list(rng.integers(0, 4, rng.integers(0, 12))) for _ in range(300)]
    got = em.token_edit_distance(predictions, targets)
    want = [_levenshtein_reference(p, t) for p, t in zip(predictions, targets)]
    assert got.tolist() == want


def test_token_edit_distance_counts_words_when_given_word_lists():
    got = em.token_edit_distance(
        [["the", "cat", "sat"], ["a", "b"]], [["the", "cat"], ["b", "a"]]
    )
    assert got.tolist() == [1.0, 2.0]


def test_token_edit_distance_is_a_metric_on_samples():
    rng = np.random.default_rng(1)
    words = ["".join(rng.choice(list("xyz"), rng.integers(0, 7))) for _ in range(60)]
    a, b, c = words[:20], words[20:40], words[40:]
    d_ab, d_ba = em.token_edit_distance(a, b), em.token_edit_distance(b, a)
    np.testing.assert_array_equal(d_ab, d_ba)
    assert np.all(d_ab <= em.token_edit_distance(a, c) + em.token_edit_distance(c, b))
    lengths = np.array([max(len(x), len(y)) for x, y in zip(a, b)])
    assert np.all(d_ab <= lengths)


def test_exact_match_is_all_or_nothing():
    got = em.exact_match(
        ["1234", "1234", "123", ["1", "2"]], ["1234", "1235", "1234", ["1", "2"]]
    )
    assert got.tolist() == [1.0, 0.0, 0.0, 1.0]


def test_exact_match_and_edit_distance_agree_on_what_is_perfect():
    rng = np.random.default_rng(3)
    predictions = ["".join(rng.choice(list("01"), 4)) for _ in range(200)]
    targets = ["".join(rng.choice(list("01"), 4)) for _ in range(200)]
    np.testing.assert_array_equal(
        em.exact_match(predictions, targets) == 1,
        em.token_edit_distance(predictions, targets) == 0,
    )


@pytest.mark.parametrize("metric", [em.exact_match, em.token_edit_distance])
def test_sequence_metrics_reject_bad_batches(metric):
    with pytest.raises(ValueError, match="single string"):
        metric("1234", "1234")
    with pytest.raises(ValueError, match="same|one sequence per example"):
        metric(["1", "2"], ["1"])
    with pytest.raises(ValueError, match="empty"):
        metric([], [])
    with pytest.raises(ValueError, match=r"predictions\[1\]"):
        metric(["1", 2], ["1", "2"])


def test_multiple_choice_grade_known_answers_and_ties_share_credit():
    scores = np.array(
        [[0.1, 0.7, 0.2], [0.5, 0.5, 0.0], [1.0, 1.0, 1.0], [3.0, 2.0, 1.0]]
    )
    got = em.multiple_choice_grade(scores, [1, 0, 2, 1])
    np.testing.assert_allclose(got, [1.0, 0.5, 1 / 3, 0.0])


def test_multiple_choice_grade_of_a_uniform_guess_is_chance():
    k = 4
    grade = em.multiple_choice_grade(np.zeros((10, k)), np.arange(10) % k)
    np.testing.assert_allclose(grade, 1 / k)


def test_multiple_choice_grade_depends_only_on_the_order_of_scores():
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(50, 5))
    labels = rng.integers(0, 5, 50)
    probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    np.testing.assert_array_equal(
        em.multiple_choice_grade(logits, labels),
        em.multiple_choice_grade(probabilities, labels),
    )


def test_brier_score_known_answers():
    got = em.brier_score(
        [[0.25, 0.75], [0.5, 0.5], [1.0, 0.0], [0.0, 1.0]], [1, 0, 0, 0]
    )
    np.testing.assert_allclose(got, [0.125, 0.5, 0.0, 2.0])
    k = 4  # a uniform guess over k choices scores 1 - 1/k
    np.testing.assert_allclose(
        em.brier_score(np.full((3, k), 1 / k), [0, 1, 3]), 1 - 1 / k
    )


def test_brier_score_moves_smoothly_while_the_grade_jumps():
    # Probability q on the correct one of two choices: the grade is a step at 1/2,
    # the Brier score 2 (1 - q)^2 a smooth parabola.
    q = np.linspace(0.0, 1.0, 11)
    table = np.stack([1 - q, q], axis=1)
    labels = np.ones(q.size, dtype=int)
    np.testing.assert_allclose(em.brier_score(table, labels), 2 * (1 - q) ** 2)
    np.testing.assert_allclose(
        em.multiple_choice_grade(table, labels),
        np.where(q > 0.5, 1.0, np.where(q == 0.5, 0.5, 0.0)),
    )


@pytest.mark.parametrize(
    "probabilities, labels, message",
    [
        ([[0.5, 0.6]], [0], "sum to 1"),
        ([[1.5, -0.5]], [0], r"\[0, 1\]"),
        ([[0.5, 0.5]], [2], "labels"),
        ([[0.5, 0.5]], [0.5], "labels"),
        ([[0.5, 0.5]], [0, 1], "one class index per example"),
        ([0.5, 0.5], [0], "shape"),
        ([[1.0]], [0], "at least 2 choices"),
        ([[np.nan, 1.0]], [0], "NaN"),
    ],
)
def test_brier_score_rejects_bad_input(probabilities, labels, message):
    with pytest.raises(ValueError, match=message):
        em.brier_score(probabilities, labels)


def test_multiple_choice_grade_rejects_bad_labels():
    with pytest.raises(ValueError, match="labels"):
        em.multiple_choice_grade([[0.1, 0.2]], [-1])


def test_per_token_probability_is_exp_of_minus_the_mean_cross_entropy():
    log_probs = np.log([[0.5, 0.5, 0.5], [0.9, 0.1, 1.0]])
    got = em.per_token_probability(log_probs)
    np.testing.assert_allclose(got, [0.5, 0.09 ** (1 / 3)])
    ragged = em.per_token_probability([np.log([0.8]), np.log([0.8, 0.2])])
    np.testing.assert_allclose(ragged, [0.8, 0.4])
    # the L-th power of the per-token probability is the probability of the whole answer
    np.testing.assert_allclose(got**3, np.exp(log_probs.sum(axis=1)))


@pytest.mark.parametrize(
    "bad, message",
    [
        ([[0.1, -0.2]], "above 0"),
        (np.log([0.5]), "2-D"),
        ([], "non-empty"),
        ([[np.nan]], "NaN"),
    ],
)
def test_per_token_probability_rejects_bad_input(bad, message):
    with pytest.raises(ValueError, match=message):
        em.per_token_probability(bad)
