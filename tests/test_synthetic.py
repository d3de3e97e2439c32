"""Tests of the synthetic data sources: their ground truth must be exactly what they claim."""

import numpy as np
import pytest

from scalinglaws.synthetic import (
    CharText,
    MarkovLanguage,
    MultitaskSparseParity,
    binary_entropy,
    per_task_accuracy,
    per_task_mean,
)

# ----------------------------------------------------------------- sparse parity


def test_binary_entropy_values():
    assert binary_entropy(0.5) == pytest.approx(np.log(2), rel=1e-15)
    assert binary_entropy(0.0) == 0.0 and binary_entropy(1.0) == 0.0
    p = 0.1
    assert binary_entropy(p) == pytest.approx(
        -p * np.log(p) - (1 - p) * np.log(1 - p), rel=1e-14
    )
    with pytest.raises(ValueError, match="p must lie in"):
        binary_entropy(1.5)


def test_parity_structure_and_frequencies():
    src = MultitaskSparseParity(n_tasks=20, n_bits=10, k=3, zipf_exponent=1.4, seed=3)
    assert src.input_dim == 30
    assert src.subsets.shape == (20, 3)
    assert all(len(set(row)) == 3 for row in src.subsets)
    assert src.subsets.min() >= 0 and src.subsets.max() < 10
    assert src.task_probabilities.sum() == pytest.approx(1.0, abs=1e-15)
    # Zipf: p_1 / p_i = i^1.4 (Michaud et al. 2023).
    ratio = src.task_probabilities[0] / src.task_probabilities
    np.testing.assert_allclose(ratio, np.arange(1, 21) ** 1.4, rtol=1e-12)
    # The same seed defines the same tasks; another seed, other tasks.
    np.testing.assert_array_equal(
        src.subsets, MultitaskSparseParity(20, 10, 3, 1.4, seed=3).subsets
    )
    assert not np.array_equal(
        src.subsets, MultitaskSparseParity(20, 10, 3, 1.4, seed=4).subsets
    )


def test_parity_samples_are_labelled_by_the_task_subset():
    src = MultitaskSparseParity(n_tasks=8, n_bits=12, k=3, seed=0)
    x, y, tasks = src.sample(5000, np.random.default_rng(1))
    assert x.dtype == np.float32 and x.shape == (5000, 20)
    control, bits = x[:, :8], x[:, 8:].astype(int)
    np.testing.assert_array_equal(control.argmax(axis=1), tasks)
    assert np.all(control.sum(axis=1) == 1)
    assert set(np.unique(bits)) <= {0, 1}
    expected = np.array(
        [bits[i, src.subsets[t]].sum() % 2 for i, t in enumerate(tasks)]
    )
    np.testing.assert_array_equal(y, expected)
    # Same generator state, same examples.
    x2, y2, t2 = src.sample(5000, np.random.default_rng(1))
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)


def test_parity_task_frequencies_and_noise_rate_match_the_spec():
    eps = 0.2
    src = MultitaskSparseParity(
        n_tasks=5, n_bits=6, k=2, zipf_exponent=1.0, label_noise=eps, seed=0
    )
    n = 200_000
    x, y, tasks = src.sample(n, np.random.default_rng(7))
    freq = np.bincount(tasks, minlength=5) / n
    se = np.sqrt(src.task_probabilities * (1 - src.task_probabilities) / n)
    assert np.all(np.abs(freq - src.task_probabilities) < 5 * se)
    bits = x[:, 5:].astype(int)
    clean = np.take_along_axis(bits, src.subsets[tasks], axis=1).sum(axis=1) % 2
    flipped = np.mean(clean != y)
    assert abs(flipped - eps) < 5 * np.sqrt(eps * (1 - eps) / n)


def test_bayes_predictor_reaches_the_irreducible_loss():
    """Predicting the true parity with probability 1 - eps scores H(eps) in expectation."""
    eps = 0.1
    src = MultitaskSparseParity(n_tasks=4, n_bits=8, k=3, label_noise=eps, seed=1)
    assert src.irreducible_loss == pytest.approx(binary_entropy(eps), rel=1e-15)
    x, y, tasks = src.sample(100_000, np.random.default_rng(0))
    bits = x[:, 4:].astype(int)
    clean = np.take_along_axis(bits, src.subsets[tasks], axis=1).sum(axis=1) % 2
    losses = np.where(clean == y, -np.log(1 - eps), -np.log(eps))
    se = losses.std() / np.sqrt(losses.size)
    assert abs(losses.mean() - src.irreducible_loss) < 5 * se
    # The quantization-model loss interpolates between chance and the floor.
    assert src.loss_if_learned(0) == pytest.approx(np.log(2))
    assert src.loss_if_learned(4) == pytest.approx(src.irreducible_loss)
    mask = np.array([True, False, True, False])
    expected = (
        src.irreducible_loss
        + (np.log(2) - src.irreducible_loss) * src.task_probabilities[[1, 3]].sum()
    )
    assert src.loss_if_learned(mask) == pytest.approx(expected)


def test_per_task_metrics():
    tasks = np.array([0, 0, 1, 2, 2, 2])
    values = np.array([1.0, 3.0, 5.0, 0.0, 0.0, 3.0])
    np.testing.assert_allclose(per_task_mean(values, tasks, 4)[:3], [2.0, 5.0, 1.0])
    assert np.isnan(per_task_mean(values, tasks, 4)[3])
    logits = np.array([[1, 0], [0, 1], [0, 1], [1, 0], [0, 1], [1, 0]], dtype=float)
    labels = np.array([0, 0, 1, 0, 0, 1])
    np.testing.assert_allclose(
        per_task_accuracy(logits, labels, tasks, 3), [0.5, 1.0, 1 / 3]
    )
    with pytest.raises(ValueError, match="tasks must be integers"):
        per_task_mean(values, tasks + 2, 4)
    with pytest.raises(ValueError, match="same length"):
        per_task_mean(values[:3], tasks, 4)


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"n_tasks": 0}, "n_tasks"),
        ({"n_bits": -1}, "n_bits"),
        ({"k": 9, "n_bits": 8}, "k must be at most"),
        ({"label_noise": 0.6}, "label_noise"),
        ({"zipf_exponent": -1.0}, "zipf_exponent"),
        ({"n_tasks": 2.5}, "n_tasks"),
    ],
)
def test_parity_rejects_bad_sizes(kwargs, field):
    with pytest.raises(ValueError, match=field):
        MultitaskSparseParity(**kwargs)


# ----------------------------------------------------------------- Markov language


@pytest.fixture(scope="module")
def order2():
    return MarkovLanguage(
        vocab_size=12, order=2, branching=4, zipf_exponent=1.0, seed=5
    )


def test_markov_rows_and_stationary_distribution(order2):
    lang = order2
    assert lang.successors.shape == (144, 4) and lang.probabilities.shape == (144, 4)
    assert all(len(set(row)) == 4 for row in lang.successors)
    np.testing.assert_allclose(lang.probabilities.sum(axis=1), 1.0, atol=1e-14)
    P = lang.transition_matrix()
    # Context chain: (a, b) -> (b, c) with probability P[(a, b), c].
    chain = np.zeros((144, 144))
    for ctx in range(144):
        for c in range(12):
            chain[ctx, (ctx % 12) * 12 + c] += P[ctx, c]
    np.testing.assert_allclose(lang.stationary @ chain, lang.stationary, atol=1e-13)
    assert lang.stationary.sum() == pytest.approx(1.0, abs=1e-13)
    # Entropy rate: stationary weights times row entropies, computed independently here.
    rows = -(lang.probabilities * np.log(lang.probabilities)).sum(axis=1)
    assert lang.entropy_rate == pytest.approx(lang.stationary @ rows, rel=1e-12)
    assert 0 < lang.entropy_rate < np.log(4)


def _true_log_probs(lang, seqs):
    """-log p(x_{t+1} | x_0..x_t) under the true chain, for t = 0..L-2, shape [n, L-1]."""
    V = lang.vocab_size
    P = lang.transition_matrix()
    out = np.empty((seqs.shape[0], seqs.shape[1] - 1))
    if lang.order == 2:
        joint = lang.stationary.reshape(V, V)
        first = joint / joint.sum(
            axis=1, keepdims=True
        )  # p(x_1 | x_0) under stationarity
        out[:, 0] = -np.log(first[seqs[:, 0], seqs[:, 1]])
        ctx = seqs[:, :-2] * V + seqs[:, 1:-1]
        out[:, 1:] = -np.log(P[ctx, seqs[:, 2:]])
    else:
        out[:] = -np.log(P[seqs[:, :-1], seqs[:, 1:]])
    return out


@pytest.mark.parametrize("order", [1, 2])
def test_true_model_loss_matches_the_exact_floor_at_every_position(order):
    lang = MarkovLanguage(
        vocab_size=16, order=order, branching=5, zipf_exponent=1.2, seed=order
    )
    T = 6
    inputs, targets = lang.sample_batch(40_000, T, np.random.default_rng(11))
    np.testing.assert_array_equal(inputs[:, 1:], targets[:, :-1])
    seqs = np.concatenate([inputs, targets[:, -1:]], axis=1)
    losses = _true_log_probs(lang, seqs)
    floors = lang.loss_floor_per_position(T)
    se = losses.std(axis=0) / np.sqrt(losses.shape[0])
    assert np.all(np.abs(losses.mean(axis=0) - floors) < 5 * se)
    if order == 2:
        assert floors[0] > floors[1] == pytest.approx(lang.entropy_rate)
    else:
        np.testing.assert_allclose(floors, lang.entropy_rate)
    assert lang.irreducible_loss(T) == pytest.approx(floors.mean())


def test_sequences_start_from_the_stationary_distribution(order2):
    seqs = order2.sample(60_000, 3, np.random.default_rng(2))
    contexts = seqs[:, 0] * 12 + seqs[:, 1]
    freq = np.bincount(contexts, minlength=144) / seqs.shape[0]
    se = np.sqrt(order2.stationary * (1 - order2.stationary) / seqs.shape[0]) + 1e-12
    assert np.all(np.abs(freq - order2.stationary) < 5 * se + 1e-4)


def test_first_token_floor_with_a_beginning_of_sequence_convention(order2):
    floors = order2.loss_floor_per_position(4, predict_first=True)
    joint = order2.stationary.reshape(12, 12)
    marginal = joint.sum(axis=1)
    h0 = -(marginal[marginal > 0] * np.log(marginal[marginal > 0])).sum()
    assert floors[0] == pytest.approx(h0)
    assert floors[1] == pytest.approx(order2.block_entropy(2) - order2.block_entropy(1))
    np.testing.assert_allclose(floors[2:], order2.entropy_rate)


def test_markov_is_deterministic_given_its_seed(order2):
    again = MarkovLanguage(
        vocab_size=12, order=2, branching=4, zipf_exponent=1.0, seed=5
    )
    np.testing.assert_array_equal(order2.successors, again.successors)
    assert order2.entropy_rate == again.entropy_rate


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"vocab_size": 1}, "vocab_size"),
        ({"order": 3}, "order"),
        ({"branching": 1}, "branching"),
        ({"branching": 70}, "branching must be at most"),
        ({"zipf_exponent": float("nan")}, "zipf_exponent"),
    ],
)
def test_markov_rejects_bad_settings(kwargs, field):
    with pytest.raises(ValueError, match=field):
        MarkovLanguage(**kwargs)


# ----------------------------------------------------------------- character text


def test_char_text_split_and_windows():
    text = "abcdefghij" * 100
    data = CharText(text, validation_fraction=0.1)
    assert data.vocab == "abcdefghij" and data.vocab_size == 10
    assert data.train_tokens.size == 900 and data.validation_tokens.size == 100
    assert data.decode(data.encode("jab")) == "jab"
    x, y = data.sample_batch(8, 16, np.random.default_rng(0))
    assert x.shape == y.shape == (8, 16)
    np.testing.assert_array_equal((x + 1) % 10, y)  # each target is the next letter
    vx, vy = data.evaluation_windows(16)
    assert vx.shape == (99 // 16, 16)
    assert data.decode(vx[0]) == text[900:916]
    with pytest.raises(ValueError, match="validation_fraction"):
        CharText(text, validation_fraction=1.0)
    with pytest.raises(ValueError, match="split"):
        data.sample_batch(1, 4, 0, split="test")
    with pytest.raises(ValueError, match="not in this text"):
        data.encode("z")


def test_tiny_shakespeare_through_the_dataset_loader():
    data = CharText.from_dataset("tinyshakespeare")
    assert data.vocab_size == 65
    assert data.train_tokens.size + data.validation_tokens.size == 1_115_394
    assert data.validation_tokens.size == round(0.1 * 1_115_394)
    assert data.decode(data.train_tokens[:14]) == "First Citizen:"
