"""Allocation when the model will also be used: inference-aware scaling.

Chinchilla's allocation minimises *training* compute for a given loss. A model
that then serves D_inf tokens costs about 2 N FLOPs per token more (one forward
pass, Kaplan et al. 2020 eq. 2.2), so Sardana et al. (2024), "Beyond
Chinchilla-Optimal", minimise the lifetime compute

    6 N D_train + 2 N D_inf    subject to    L(N, D_train) = target loss.

A smaller model trained on more tokens reaches the same loss; it costs more to
train and less to serve. How much more to train is the compute-overhead curve
of Harm de Vries's "Go smol or go home" (2023): for a model of k N_opt
parameters it depends only on the law's exponents. Chapter 8 uses both.

Derivations (for L = E + A/N^alpha + B/D^beta)
----------------------------------------------
On the level set L = l, write the reducible loss l - E as a parameter term
x = A/N^alpha and a data term r = B/D^beta, and let y = r / (l - E). Setting
the derivative of 6 N D + 2 N D_inf along the level set to zero gives

    (alpha/beta)(1 - y) = y + y D_inf / (3 D(y)),   D(y) = (B / ((l - E) y))^(1/beta).

The left side minus the right falls strictly as y grows; it is alpha/beta > 0
as y -> 0 and -y D_inf / (3 D) <= 0 at y = alpha/(alpha+beta), which is the
Chinchilla optimum (alpha x = beta r, Hoffmann eq. 4). So there is exactly one
root, at or below the Chinchilla split, found here by bisection in log y.

For the overhead curve, the compute-optimal point satisfies
A/N_opt^alpha = (beta/alpha) B/D_opt^beta, so keeping the loss fixed with
N = k N_opt needs D/D_opt = [1 + (beta/alpha)(1 - k^-alpha)]^(-1/beta), and
the compute ratio is k times that. No model smaller than
k_c = (1 + alpha/beta)^(-1/alpha) N_opt reaches the loss at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_nonnegative, as_positive, scalar_or_array
from scalinglaws.laws import ChinchillaLaw
from scalinglaws.planning.allocation import resolve_law

#: Forward-pass FLOPs per parameter per token served (Kaplan et al. 2020, eq. 2.2;
#: Sardana et al. 2024 use the same 2N).
INFERENCE_FLOPS_PER_PARAM_TOKEN = 2.0
#: Training FLOPs per parameter per token (C = 6 N D, Kaplan et al. 2020, section 2.1).
TRAINING_FLOPS_PER_PARAM_TOKEN = 6.0


def _chinchilla_law(law) -> ChinchillaLaw:
    law = resolve_law(law)
    if not isinstance(law, ChinchillaLaw):
        raise ValueError(
            "inference-aware allocation needs a Chinchilla-form law L = E + A/N^alpha + B/D^beta; "
            "Kaplan's Table 6 allocation has no loss surface to trade along. Choose another law."
        )
    return law


def inference_flops(N, tokens):
    """FLOPs to serve ``tokens`` tokens with an ``N``-parameter model: 2 N tokens."""
    N = as_positive(N, "N")
    tokens = as_nonnegative(tokens, "tokens")
    return scalar_or_array(INFERENCE_FLOPS_PER_PARAM_TOKEN * N * tokens)


def lifetime_flops(N, training_tokens, inference_tokens):
    """Training plus inference compute, 6 N D_train + 2 N D_inf (Sardana et al. 2024)."""
    N = as_positive(N, "N")
    D = as_positive(training_tokens, "training_tokens")
    D_inf = as_nonnegative(inference_tokens, "inference_tokens")
    return scalar_or_array(
        TRAINING_FLOPS_PER_PARAM_TOKEN * N * D
        + INFERENCE_FLOPS_PER_PARAM_TOKEN * N * D_inf
    )


def tokens_to_reach(law, target_loss, N):
    """Training tokens an ``N``-parameter model needs to reach ``target_loss``.

    Solves E + A/N^alpha + B/D^beta = target_loss for D; ``inf`` where the
    model is too small to reach the loss with any amount of data
    (A/N^alpha >= target_loss - E).

    Raises
    ------
    ValueError
        If ``target_loss`` is not above the law's irreducible loss E.
    """
    law = _chinchilla_law(law)
    loss = _reachable_loss(law, target_loss)
    N = as_positive(N, "N")
    data_term = loss - law.E - law.A / N**law.alpha
    with np.errstate(divide="ignore", invalid="ignore"):
        D = np.where(
            data_term > 0,
            (law.B / np.where(data_term > 0, data_term, 1.0)) ** (1.0 / law.beta),
            np.inf,
        )
    return scalar_or_array(D)


def _reachable_loss(law: ChinchillaLaw, target_loss):
    loss = as_positive(target_loss, "target_loss")
    if np.any(loss <= law.E):
        raise ValueError(
            f"target_loss must be above the law's irreducible loss E = {law.E:.4g} nats/token; "
            f"got {float(np.min(loss))!r}, which no model reaches."
        )
    return loss


@dataclass(frozen=True)
class InferenceAwareAllocation:
    """The cheapest way, over training and serving, to reach a loss.

    Attributes
    ----------
    params : float or ndarray
        Parameters N.
    training_tokens : float or ndarray
        Training tokens D_train.
    inference_tokens : float or ndarray
        Tokens the model will serve, D_inf.
    target_loss : float or ndarray
        The loss reached (nats per token).
    """

    params: float
    training_tokens: float
    inference_tokens: float
    target_loss: float

    @property
    def training_flops(self):
        """6 N D_train."""
        return scalar_or_array(
            TRAINING_FLOPS_PER_PARAM_TOKEN
            * np.asarray(self.params)
            * self.training_tokens
        )

    @property
    def inference_flops(self):
        """2 N D_inf."""
        return scalar_or_array(
            INFERENCE_FLOPS_PER_PARAM_TOKEN
            * np.asarray(self.params)
            * self.inference_tokens
        )

    @property
    def lifetime_flops(self):
        """Training plus inference FLOPs."""
        return scalar_or_array(
            np.asarray(self.training_flops) + np.asarray(self.inference_flops)
        )

    @property
    def tokens_per_parameter(self):
        """D_train / N."""
        return scalar_or_array(
            np.asarray(self.training_tokens) / np.asarray(self.params)
        )


def _data_share(law: ChinchillaLaw, reducible: float, inference_tokens: float) -> float:
    """The root y of the optimality condition in the module docstring (one loss, one demand)."""
    alpha, beta = law.alpha, law.beta
    log_y_chinchilla = math.log(alpha / (alpha + beta))
    if inference_tokens == 0:
        return alpha / (alpha + beta)
    log_demand = math.log(inference_tokens / 3.0)
    log_scale = math.log(law.B / reducible)

    def condition(log_y: float) -> float:
        y = math.exp(log_y)
        log_D = (log_scale - log_y) / beta
        # y * D_inf / (3 D), in logs so that huge D or D_inf cannot overflow.
        serving = math.exp(min(log_y + log_demand - log_D, 700.0))
        return (alpha / beta) * (1.0 - y) - y - serving

    # The condition falls strictly in y, is <= 0 at the Chinchilla split and
    # positive for small enough y: find such a y, then bisect.
    low, high = log_y_chinchilla - 1.0, log_y_chinchilla
    while condition(low) <= 0:
        high, low = low, low - 2.0
        if low < -700:  # y below e^-700: D would exceed any float
            raise ValueError(
                f"inference_tokens = {inference_tokens:.3g} is too large for the optimum to be represented."
            )
    for _ in range(200):  # ample: each halving gains a bit, and a float has 53
        middle = 0.5 * (low + high)
        if not low < middle < high:  # the bracket is down to adjacent floats
            break
        if condition(middle) > 0:
            low = middle
        else:
            high = middle
    return math.exp(0.5 * (low + high))


def inference_aware_optimum(
    law, target_loss, inference_tokens
) -> InferenceAwareAllocation:
    """Minimise 6 N D_train + 2 N D_inf subject to L(N, D_train) = ``target_loss``.

    The objective of Sardana et al. (2024), "Beyond Chinchilla-Optimal"
    (they solve it numerically with Newton's method; here it is reduced to
    the one-dimensional condition derived in this module's docstring and
    solved by bisection, which its monotonicity makes safe).

    Parameters
    ----------
    law : str, ChinchillaLaw or fit result
        A Chinchilla-form law (see :func:`~scalinglaws.planning.resolve_law`).
    target_loss : float or array_like
        Loss to reach, nats per token; above the law's E.
    inference_tokens : float or array_like
        Tokens the model will serve over its life, >= 0. With 0 the answer
        is the compute-optimal model for the target loss (Hoffmann eq. 4).

    Returns
    -------
    InferenceAwareAllocation
        Arrays broadcast from ``target_loss`` and ``inference_tokens``.

    Raises
    ------
    ValueError
        For a Kaplan law, a loss at or below E, or negative or non-finite demand.

    Examples
    --------
    >>> from scalinglaws.planning import inference_aware_optimum
    >>> opt = inference_aware_optimum("hoffmann", 2.0, 1e13)
    >>> bool(opt.tokens_per_parameter > 20)
    True
    """
    law = _chinchilla_law(law)
    loss = _reachable_loss(law, target_loss)
    demand = as_nonnegative(inference_tokens, "inference_tokens")
    loss, demand = np.broadcast_arrays(loss, demand)
    N = np.empty(loss.shape)
    D = np.empty(loss.shape)
    for index in np.ndindex(loss.shape):
        reducible = float(loss[index]) - law.E
        y = _data_share(law, reducible, float(demand[index]))
        N[index] = (law.A / (reducible * (1.0 - y))) ** (1.0 / law.alpha)
        D[index] = (law.B / (reducible * y)) ** (1.0 / law.beta)
    if not np.all(np.isfinite(D)):
        raise ValueError(
            "the optimum needs more training tokens than a float can hold; "
            "ask for less inference demand or a higher target loss."
        )
    return InferenceAwareAllocation(
        params=scalar_or_array(N),
        training_tokens=scalar_or_array(D),
        inference_tokens=scalar_or_array(np.array(demand, dtype=float)),
        target_loss=scalar_or_array(np.array(loss, dtype=float)),
    )


def implied_inference_tokens(law, N, D):
    """The lifetime inference demand for which training ``N`` parameters on ``D`` tokens is optimal.

    Read the optimality condition of the module docstring backwards: a model
    of N parameters trained on D tokens minimises 6 N D + 2 N D_inf at its
    own loss when

        D_inf = 3 D [ (alpha A / N^alpha) / (beta B / D^beta) - 1 ].

    Parameters
    ----------
    law : str, ChinchillaLaw or fit result
    N, D : float or array_like
        Parameters and training tokens of a model (e.g. Llama 3 8B: 8e9, 15e12).

    Returns
    -------
    float or ndarray
        Tokens to serve; 0 for a compute-optimal model, and NaN for a model
        larger than compute-optimal for its loss, which no amount of
        inference makes optimal (Sardana et al. 2024's objective only ever
        shrinks the model).
    """
    law = _chinchilla_law(law)
    N, D = as_positive(N, "N"), as_positive(D, "D")
    balance = (law.alpha * law.A / N**law.alpha) / (law.beta * law.B / D**law.beta)
    demand = 3.0 * D * np.maximum(balance - 1.0, 0.0)
    # A balance a rounding error below 1 is a compute-optimal model, not an oversized one.
    return scalar_or_array(np.where(balance >= 1.0 - 1e-9, demand, np.nan))


def critical_size_ratio(law) -> float:
    """The smallest model, as a fraction of N_opt, that can reach the compute-optimal loss.

    k_c = (1 + alpha/beta)^(-1/alpha): below it the parameter term alone
    exceeds the optimum's reducible loss, whatever the data. Independent of
    the budget (see the module docstring).
    """
    law = _chinchilla_law(law)
    return (1.0 + law.alpha / law.beta) ** (-1.0 / law.alpha)


def data_ratio_for_size(law, size_ratio):
    """D / D_opt for a model of ``size_ratio`` x N_opt to match the compute-optimal loss.

    ``inf`` at or below :func:`critical_size_ratio`. Independent of the budget.
    """
    law = _chinchilla_law(law)
    k = as_positive(size_ratio, "size_ratio")
    base = 1.0 + (law.beta / law.alpha) * (1.0 - k ** (-law.alpha))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(
            base > 0, np.where(base > 0, base, 1.0) ** (-1.0 / law.beta), np.inf
        )
    return scalar_or_array(ratio)


def compute_overhead(law, size_ratio):
    """Extra training compute, as a fraction, to reach the compute-optimal loss at k N_opt.

    The curve of Harm de Vries's "Go smol or go home" (2023), in closed form:
    k [1 + (beta/alpha)(1 - k^-alpha)]^(-1/beta) - 1. Zero at k = 1, positive
    elsewhere, ``inf`` at or below :func:`critical_size_ratio`. It depends
    only on alpha and beta, not on the budget.

    Parameters
    ----------
    law : str, ChinchillaLaw or fit result
    size_ratio : float or array_like
        k = N / N_opt, > 0.
    """
    k = as_positive(size_ratio, "size_ratio")
    return scalar_or_array(k * np.asarray(data_ratio_for_size(law, k)) - 1.0)
