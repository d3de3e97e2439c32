"""scalinglaws.units: nats and bits, per token and per character."""

import math

import numpy as np
import pytest

from scalinglaws import units


def test_one_bit_is_ln2_nats():
    assert units.NATS_PER_BIT == pytest.approx(math.log(2))
    assert units.nats_to_bits(math.log(2)) == pytest.approx(1.0)
    assert units.bits_to_nats(1.0) == pytest.approx(math.log(2))


def test_bits_round_trip_on_arrays_and_scalars():
    losses = np.array([0.0, 1.69, 1.8172, 3.5])
    back = units.bits_to_nats(units.nats_to_bits(losses))
    assert isinstance(back, np.ndarray)
    np.testing.assert_allclose(back, losses, rtol=1e-15)
    assert isinstance(units.nats_to_bits(2.0), float)


def test_per_token_and_per_character_are_inverse():
    # Kaplan et al. (2020), footnote 7: 4.3 characters per token on WebText2.
    per_char = units.per_token_to_per_character(1.69, 4.3)
    assert per_char == pytest.approx(1.69 / 4.3)
    assert units.per_character_to_per_token(per_char, 4.3) == pytest.approx(1.69)


def test_conversion_is_the_same_total_loss_cut_differently():
    # A character-level model's losses on a text, grouped into tokens of 1-6 characters:
    # the total is the same, so loss per character = loss per token / characters per token.
    rng = np.random.default_rng(0)
    per_character_losses = rng.exponential(1.5, size=1200)
    lengths = []
    while sum(lengths) < per_character_losses.size:
        lengths.append(int(rng.integers(1, 7)))
    lengths[-1] -= sum(lengths) - per_character_losses.size
    per_token_losses = np.add.reduceat(
        per_character_losses, np.cumsum([0] + lengths[:-1])
    )
    ratio = units.characters_per_token(per_character_losses.size, len(lengths))
    assert units.per_token_to_per_character(
        per_token_losses.mean(), ratio
    ) == pytest.approx(per_character_losses.mean(), rel=1e-12)


def test_characters_per_token_is_a_ratio_of_counts():
    assert units.characters_per_token(10, 4) == 2.5
    with pytest.raises(ValueError, match="single counts"):
        units.characters_per_token([10, 20], 4)
    with pytest.raises(ValueError, match="n_tokens must be positive"):
        units.characters_per_token(10, 0)


def test_perplexity_round_trip():
    assert units.perplexity(0.0) == 1.0
    assert units.loss_from_perplexity(units.perplexity(1.94)) == pytest.approx(1.94)
    np.testing.assert_allclose(units.perplexity(np.log([2.0, 16.0])), [2.0, 16.0])


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: units.nats_to_bits(-0.1), "loss_nats must be >= 0"),
        (lambda: units.bits_to_nats(float("nan")), "NaN"),
        (
            lambda: units.per_token_to_per_character(1.0, 0.0),
            "characters_per_token must be positive",
        ),
        (
            lambda: units.per_character_to_per_token(-1.0, 4.0),
            "loss_per_character must be >= 0",
        ),
        (lambda: units.loss_from_perplexity(0.5), "perplexity must be >= 1"),
        (lambda: units.perplexity("a lot"), "loss_nats must be a number"),
    ],
)
def test_bad_input_is_refused_with_a_sentence(call, message):
    with pytest.raises(ValueError, match=message):
        call()
