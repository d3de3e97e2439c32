"""A synthetic language whose entropy rate, and so its irreducible loss, is known exactly.

Real text hides its entropy: the offset ``E`` of a fitted scaling law is an
estimate of it that nobody can check. This module makes a language where
``E`` is computed, not estimated, so the scaling chapters can ask whether a
fit recovers it (Hoffmann et al. 2022, eq. 2, read ``E`` as "the entropy of
natural text").

The language is a sparse Markov chain of order 1 or 2 over ``vocab_size``
tokens. Each context (the previous ``order`` tokens) can be followed by
``branching`` tokens only, with Zipfian probabilities ``r ** -s_c`` by rank
``r`` in a random order; the exponent ``s_c`` of each context is drawn
uniformly from ``[0, 2 * zipf_exponent]``, so some contexts are nearly
deterministic and others nearly uniform, and the entropy rate weighs their
entropies by how often they occur. Which tokens follow is drawn with a Zipf
prior over the vocabulary (``unigram_exponent``), so frequent tokens are
frequent successors and the contexts' frequencies are heavy-tailed, as in
text: rare contexts need more data to learn, which is what makes loss fall as
a power law in data rather than in a single step.

Every sequence starts from the chain's stationary distribution, so every
position has the same statistics and the loss floor is exact:

* the entropy rate ``h = sum_c pi(c) H(P(.|c))`` (Cover & Thomas 2006,
  theorem 4.2.4) bounds every prediction made from at least ``order``
  previous tokens;
* a prediction from fewer tokens (the first target of an order-2 chain, made
  from one token) has the larger floor ``H(X_1 | X_0)``.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse

from scalinglaws._validation import as_count, as_nonnegative

#: Largest number of contexts (vocab_size ** order) the exact computations handle.
MAX_CONTEXTS = 1 << 20


def _entropy(p, axis=-1):
    """Shannon entropy in nats along ``axis``, with 0 log 0 = 0."""
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log(p), 0.0)
    return terms.sum(axis=axis)


class MarkovLanguage:
    """A random sparse Markov chain with Zipfian transition rows and exact entropies.

    Parameters
    ----------
    vocab_size : int
        Number of distinct tokens, >= 2.
    order : int
        How many previous tokens the next one depends on: 1 or 2.
    branching : int
        Number of possible successors of each context, 2 <= branching <= vocab_size.
    zipf_exponent : float
        The ``r``-th most likely successor of context ``c`` has probability
        proportional to ``r ** -s_c``, with ``s_c`` drawn uniformly from
        ``[0, 2 * zipf_exponent]`` (0 gives uniform rows).
    unigram_exponent : float
        Successors are drawn (without replacement) with probability
        proportional to ``rank ** -unigram_exponent`` over a random ranking of
        the vocabulary; 0 draws them uniformly.
    seed : int
        Seeds the construction: the same arguments give the same language.

    Attributes
    ----------
    successors : ndarray of int, shape [n_contexts, branching]
        The tokens that can follow each context. Context ``c`` of an order-2
        chain is the token pair ``(c // vocab_size, c % vocab_size)``, oldest first.
    probabilities : ndarray, shape [n_contexts, branching]
        Their probabilities; rows sum to 1.
    stationary : ndarray, shape [n_contexts]
        Stationary distribution over contexts: the probability that ``order``
        consecutive tokens of a sequence are the context ``c``.
    entropy_rate : float
        ``h`` in nats per token.

    Notes
    -----
    Irreducibility, which makes the stationary distribution unique, is built
    in: a random cyclic permutation ``sigma`` of the vocabulary is always one
    of the successors of a context ending in token ``b`` (namely ``sigma(b)``),
    so from any context the chain can walk along the cycle and reach every
    context on it.
    """

    def __init__(
        self,
        vocab_size=64,
        order=2,
        branching=8,
        zipf_exponent=1.0,
        unigram_exponent=1.0,
        seed=0,
    ):
        self.vocab_size = as_count(
            vocab_size, "vocab_size", minimum=2, allow_integral_float=True
        )
        self.order = as_count(order, "order", allow_integral_float=True)
        if self.order > 2:
            raise ValueError(f"order must be 1 or 2, got {self.order}.")
        self.n_contexts = self.vocab_size**self.order
        if self.n_contexts > MAX_CONTEXTS:
            raise ValueError(
                f"vocab_size ** order = {self.n_contexts} contexts is too many; keep it <= {MAX_CONTEXTS}."
            )
        self.branching = as_count(
            branching, "branching", minimum=2, allow_integral_float=True
        )
        if self.branching > self.vocab_size:
            raise ValueError(
                f"branching must be at most vocab_size = {self.vocab_size}, got {self.branching}."
            )
        self.zipf_exponent = float(as_nonnegative(zipf_exponent, "zipf_exponent"))
        self.unigram_exponent = float(
            as_nonnegative(unigram_exponent, "unigram_exponent")
        )
        self.seed = as_count(seed, "seed", minimum=0, allow_integral_float=True)
        self.successors, self.probabilities = self._draw_transitions(
            np.random.default_rng(self.seed)
        )
        self._cdf = np.cumsum(self.probabilities, axis=1)
        self._cdf[:, -1] = 1.0
        self.stationary = self._solve_stationary()
        self._stationary_cdf = np.cumsum(self.stationary)
        self._stationary_cdf[-1] = 1.0
        self.entropy_rate = float(self.stationary @ _entropy(self.probabilities))

    def _draw_transitions(self, rng):
        V, K, b = self.vocab_size, self.n_contexts, self.branching
        cycle = rng.permutation(V)
        sigma = np.empty(V, dtype=np.int64)
        sigma[cycle] = np.roll(cycle, -1)  # one cycle through all tokens
        forced = sigma[
            np.arange(K) % V
        ]  # the successor that keeps the chain irreducible
        # The other b - 1 successors: Zipf-weighted sampling without replacement
        # over a random ranking of the vocabulary (Gumbel top-k), forced one excluded.
        log_prior = -self.unigram_exponent * np.log(1.0 + rng.permutation(V))
        keys = log_prior[None, :] + rng.gumbel(size=(K, V))
        keys[np.arange(K), forced] = -np.inf
        others = np.argsort(-keys, axis=1, kind="stable")[:, : b - 1]
        successors = np.concatenate([forced[:, None], others], axis=1)
        # Zipf probabilities by rank with a per-context exponent, ranks in a random order.
        exponents = rng.uniform(0.0, 2.0 * self.zipf_exponent, size=(K, 1))
        ranks = 1.0 + np.argsort(rng.random((K, b)), axis=1)
        weights = ranks**-exponents
        return successors, weights / weights.sum(axis=1, keepdims=True)

    def _next_context(self, context, token):
        """Index of the context that follows ``context`` when ``token`` comes next."""
        return (context * self.vocab_size + token) % self.n_contexts

    def _solve_stationary(self):
        K, b = self.n_contexts, self.branching
        rows = np.repeat(np.arange(K), b)
        cols = self._next_context(rows, self.successors.ravel())
        P_T = scipy.sparse.csr_matrix(
            (self.probabilities.ravel(), (cols, rows)), shape=(K, K)
        )
        # Power iteration on the lazy chain (P + I) / 2: it has the same
        # stationary distribution, and being aperiodic it converges to it
        # from any start (the chain has a single closed class, see Notes).
        pi = np.full(K, 1.0 / K)
        for _ in range(200_000):
            new = 0.5 * (pi + P_T @ pi)
            new /= new.sum()
            change = np.abs(new - pi).sum()
            pi = new
            if change < 1e-15:
                break
        residual = np.abs(P_T @ pi - pi).max()
        if residual > 1e-13:
            raise RuntimeError(
                f"stationary distribution not converged (residual {residual:.1e}); this is a bug."
            )
        return pi

    def transition_matrix(self):
        """Dense next-token distribution of every context, shape [n_contexts, vocab_size]."""
        dense = np.zeros((self.n_contexts, self.vocab_size))
        np.put_along_axis(dense, self.successors, self.probabilities, axis=1)
        return dense

    def block_entropy(self, m):
        """Entropy in nats of ``m <= order`` consecutive tokens under the stationary distribution."""
        m = as_count(m, "m", minimum=0, allow_integral_float=True)
        if m > self.order:
            raise ValueError(f"m must be at most order = {self.order}, got {m}.")
        if m == 0:
            return 0.0
        joint = self.stationary.reshape((self.vocab_size,) * self.order)
        marginal = joint.sum(axis=tuple(range(m, self.order)))
        return float(_entropy(marginal.ravel()))

    def loss_floor_per_position(self, T, predict_first=False):
        """Exact minimum expected cross-entropy (nats) of each predicted token.

        Parameters
        ----------
        T : int
            Number of predicted tokens.
        predict_first : bool
            False (the convention of this library's trainer): the inputs are
            tokens ``x_0..x_{T-1}`` and the targets ``x_1..x_T``, so target
            ``t`` is predicted from ``t + 1`` tokens. True: the targets are
            ``x_0..x_{T-1}`` and the first is predicted from nothing (as with
            a beginning-of-sequence token).

        Returns
        -------
        ndarray, shape [T]
            ``H(X_j | X_0..X_{j-1})`` for each target ``x_j``: the entropy rate
            once ``j >= order``, and ``H(X_0..X_j) - H(X_0..X_{j-1})`` before.
        """
        T = as_count(T, "T", allow_integral_float=True)
        first = 0 if predict_first else 1
        floors = np.full(T, self.entropy_rate)
        for t in range(min(T, max(self.order - first, 0))):
            j = t + first  # the index of the token predicted at position t
            floors[t] = self.block_entropy(j + 1) - self.block_entropy(j)
        return floors

    def irreducible_loss(self, T, predict_first=False):
        """Mean of :meth:`loss_floor_per_position`: the floor of a loss averaged over ``T`` targets."""
        return float(self.loss_floor_per_position(T, predict_first).mean())

    def true_losses(self, inputs, targets):
        """Per-token loss in nats of the true model on given sequences (trainer convention).

        ``-ln p(targets[i, t] | inputs[i, :t+1])`` under the chain started from
        its stationary distribution. The mean over a held-out set is that set's
        own floor, which differs from :meth:`irreducible_loss` (the
        expectation) by sampling noise.

        Parameters
        ----------
        inputs, targets : ndarray of int, shape [n, T]

        Returns
        -------
        ndarray, shape [n, T]
        """
        inputs, targets = np.asarray(inputs), np.asarray(targets)
        if inputs.shape != targets.shape or inputs.ndim != 2:
            raise ValueError(
                f"inputs and targets must be [n, T] arrays of one shape, got {inputs.shape} and {targets.shape}."
            )
        dense = self.transition_matrix()
        V = self.vocab_size
        probs = np.empty(inputs.shape)
        if self.order == 1:
            probs[:] = dense[inputs, targets]
        else:
            joint = self.stationary.reshape(V, V)
            marginal = joint.sum(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                first = joint / marginal[:, None]
            probs[:, 0] = first[inputs[:, 0], targets[:, 0]]
            if inputs.shape[1] > 1:
                probs[:, 1:] = dense[inputs[:, :-1] * V + inputs[:, 1:], targets[:, 1:]]
        with np.errstate(divide="ignore"):
            return -np.log(probs)

    def sample(self, n, length, rng):
        """Draw ``n`` sequences of ``length`` tokens, each started from the stationary distribution.

        Returns
        -------
        ndarray of int64, shape [n, length]
        """
        n, length = (
            as_count(n, "n", allow_integral_float=True),
            as_count(length, "length", allow_integral_float=True),
        )
        rng = np.random.default_rng(rng)
        out = np.empty((n, max(length, self.order)), dtype=np.int64)
        context = np.searchsorted(self._stationary_cdf, rng.random(n), side="right")
        for j in range(
            self.order
        ):  # unpack the first context into its tokens, oldest first
            out[:, j] = (
                context // self.vocab_size ** (self.order - 1 - j)
            ) % self.vocab_size
        uniforms = rng.random((n, out.shape[1] - self.order))
        for t in range(self.order, out.shape[1]):
            pick = (self._cdf[context] < uniforms[:, t - self.order, None]).sum(axis=1)
            token = self.successors[context, pick]
            out[:, t] = token
            context = self._next_context(context, token)
        return out[:, :length]

    def sample_batch(self, n, T, rng):
        """Inputs ``x_0..x_{T-1}`` and next-token targets ``x_1..x_T`` of ``n`` fresh sequences.

        Returns
        -------
        inputs, targets : ndarray of int64, shape [n, T]
        """
        seq = self.sample(n, as_count(T, "T", allow_integral_float=True) + 1, rng)
        return seq[:, :-1], seq[:, 1:]
