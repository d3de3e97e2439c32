"""Parameter and FLOP accounting for transformer language models.

Kaplan et al. (2020) section 2.1 and Table 1 count parameters and
forward-pass FLOPs per token; training costs about three forward passes, so
C = 6 N D for N parameters and D tokens. Chapters 1, 3 and 5 use these.
"""

from __future__ import annotations

import numpy as np

from scalinglaws._validation import as_positive, scalar_or_array

#: One PF-day in FLOPs: 10^15 FLOP/s for a day (Kaplan et al. 2020, section 1.3).
PF_DAY = 1e15 * 24 * 3600

#: Pearce & Song (2024): total minus non-embedding parameters of Chinchilla's
#: model configurations is fitted by 47491 * N_E^(1/3).
PEARCE_SONG_GAMMA = 47491.0

#: The vocabulary Pearce & Song (2024) assume for Chinchilla's models (their
#: analysis script), which with the model's width gives its embedding parameters.
PEARCE_SONG_VOCAB = 32_000

#: Peak dense BF16 throughput of an NVIDIA H100 SXM, in FLOP/s (NVIDIA's H100
#: datasheet: 989 TFLOPS without sparsity).
H100_BF16_PEAK_FLOPS = 989e12


def training_flops(N, D):
    """Training compute C = 6 N D in FLOPs (Kaplan et al. 2020, section 2.1).

    Parameters
    ----------
    N : array_like
        Parameters.
    D : array_like
        Training tokens.
    """
    N, D = as_positive(N, "N"), as_positive(D, "D")
    return scalar_or_array(6.0 * N * D)


def flops_to_pf_days(C):
    """Convert FLOPs to PF-days (1 PF-day = 8.64e19 FLOPs)."""
    return scalar_or_array(as_positive(C, "C") / PF_DAY)


def pf_days_to_flops(pf_days):
    """Convert PF-days to FLOPs."""
    return scalar_or_array(as_positive(pf_days, "pf_days") * PF_DAY)


def _attention_and_ff(d_model, d_attn, d_ff):
    d_model = as_positive(d_model, "d_model")
    d_attn = d_model if d_attn is None else as_positive(d_attn, "d_attn")
    d_ff = 4 * d_model if d_ff is None else as_positive(d_ff, "d_ff")
    return d_model, d_attn, d_ff


def non_embedding_params(n_layer, d_model, d_attn=None, d_ff=None):
    """Non-embedding parameters N = 2 d_model n_layer (2 d_attn + d_ff), Kaplan eq. (2.1).

    With the standard d_attn = d_ff / 4 = d_model this is 12 n_layer d_model^2.
    Biases and layer norms are excluded, as in the paper.
    """
    n_layer = as_positive(n_layer, "n_layer")
    d_model, d_attn, d_ff = _attention_and_ff(d_model, d_attn, d_ff)
    return scalar_or_array(2.0 * d_model * n_layer * (2.0 * d_attn + d_ff))


def embedding_params(n_vocab, n_ctx, d_model):
    """Token plus positional embedding parameters (n_vocab + n_ctx) d_model (Kaplan Table 1)."""
    n_vocab, n_ctx = as_positive(n_vocab, "n_vocab"), as_positive(n_ctx, "n_ctx")
    d_model = as_positive(d_model, "d_model")
    return scalar_or_array((n_vocab + n_ctx) * d_model)


def total_params(n_layer, d_model, n_vocab, n_ctx, d_attn=None, d_ff=None):
    """Non-embedding plus embedding parameters (Kaplan Table 1 with the embedding row)."""
    return scalar_or_array(
        np.asarray(non_embedding_params(n_layer, d_model, d_attn, d_ff))
        + np.asarray(embedding_params(n_vocab, n_ctx, d_model))
    )


def forward_flops_per_token(n_layer, d_model, n_ctx, d_attn=None, d_ff=None):
    """Forward FLOPs per token C_forward = 2N + 2 n_layer n_ctx d_attn, Kaplan eq. (2.2).

    N is the non-embedding parameter count of eq. (2.1); the second term is the
    attention over the context. Embedding and de-embedding FLOPs are excluded,
    as in the paper.
    """
    n_ctx = as_positive(n_ctx, "n_ctx")
    d_model, d_attn, _ = _attention_and_ff(d_model, d_attn, d_ff)
    N = np.asarray(non_embedding_params(n_layer, d_model, d_attn, d_ff))
    return scalar_or_array(
        2.0 * N + 2.0 * np.asarray(n_layer, dtype=float) * n_ctx * d_attn
    )


def training_flops_per_token(n_layer, d_model, n_ctx, d_attn=None, d_ff=None):
    """Training FLOPs per token: the forward pass plus a backward pass of twice its cost.

    This is 6N plus the context term 6 n_layer n_ctx d_attn; Kaplan et al. drop
    the latter when d_model >> n_ctx / 12, giving C = 6N per token.
    """
    return scalar_or_array(
        3.0 * np.asarray(forward_flops_per_token(n_layer, d_model, n_ctx, d_attn, d_ff))
    )


def total_from_non_embedding(N_non_embedding, gamma=PEARCE_SONG_GAMMA):
    """Total parameters from non-embedding ones, N_T = N_E + gamma N_E^(1/3) (Pearce & Song 2024).

    The relation was fitted to Chinchilla's model configurations (vocabulary
    32k, context 2048); chapter 6 uses it to reconcile Kaplan's and Hoffmann's
    exponents.
    """
    N = as_positive(N_non_embedding, "N_non_embedding")
    return scalar_or_array(N + gamma * N ** (1.0 / 3.0))


def training_time_seconds(flops, peak_flops_per_second, utilisation, n_devices=1):
    """Wall-clock seconds to spend ``flops`` on ``n_devices`` accelerators.

    Parameters
    ----------
    flops : array_like
        Training compute in FLOPs.
    peak_flops_per_second : float
        Peak throughput of one device (e.g. 989e12 for an H100's dense BF16).
    utilisation : float
        Model FLOPs utilisation in (0, 1] (PaLM 540B reached 0.462).
    n_devices : int
        Number of devices working in parallel.
    """
    flops = as_positive(flops, "flops")
    peak = as_positive(peak_flops_per_second, "peak_flops_per_second")
    u = as_positive(utilisation, "utilisation")
    if np.any(u > 1):
        raise ValueError(f"utilisation must be in (0, 1], got {float(np.max(u))!r}.")
    n = as_positive(n_devices, "n_devices")
    return scalar_or_array(flops / (peak * u * n))
