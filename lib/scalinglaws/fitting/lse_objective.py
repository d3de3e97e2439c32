"""Hoffmann's eq. (11) objective and its gradient, for many parameter vectors at once.

Hoffmann et al. (2022), eq. (11): with theta = (a, b, e, alpha, beta),

    log L_hat_i = LSE(a - alpha log N_i,  b - beta log D_i,  e)
    objective   = sum_i w_i Huber_delta(log L_hat_i - log L_i)

and A, B, E = exp(a), exp(b), exp(e). The sum runs over runs (not a mean), as
in the paper and in Besiroglu et al. (2024). Weights ``w_i`` are 1 for a plain
fit; a bootstrap resample is the same sum with each point weighted by how many
times it was drawn, which lets one call score many resamples at once.

The gradient is analytic: d LSE / d u_k is the softmax weight of term k, and
d Huber / d r is clip(r, -delta, delta).
"""

from __future__ import annotations

import numpy as np

class LseHuberObjective:
    """Eq. (11) objective on fixed data, evaluated for a batch of parameter vectors.

    Parameters
    ----------
    log_N, log_D, log_L : ndarray, shape (n,)
        Natural logs of parameters, tokens and loss of each run (already validated).
    delta : float
        Huber threshold on log-loss residuals (Hoffmann et al. use 1e-3).
    weights : ndarray, shape (n,) or (S, n), optional
        Multiplicity of each point; one row per batch member when 2-D (a
        bootstrap resample per row). Defaults to all ones.
    """

    def __init__(self, log_N, log_D, log_L, delta, weights=None):
        self.x = np.ascontiguousarray(log_N, dtype=float)
        self.y = np.ascontiguousarray(log_D, dtype=float)
        self.t = np.ascontiguousarray(log_L, dtype=float)
        self.delta = float(delta)
        self.weights = None if weights is None else np.asarray(weights, dtype=float)
        self._buffers = {}
        self.block = 256

    # -- batched ------------------------------------------------------------
    def batch(self, P, rows=None):
        """Objective and gradient for each row of ``P``.

        Parameters
        ----------
        P : ndarray, shape (S, 5)
            Parameter vectors (a, b, e, alpha, beta).
        rows : ndarray of int, shape (S,), optional
            Which rows of a 2-D ``weights`` each parameter vector belongs to.

        Returns
        -------
        f : ndarray, shape (S,)
        grad : ndarray, shape (S, 5)
            Non-finite values mark parameters where the model under- or overflows.
        """
        P = np.asarray(P, dtype=float)
        S = P.shape[0]
        f = np.empty(S)
        grad = np.empty((S, 5))
        # Work through the batch in blocks small enough for the six work arrays
        # to stay in cache; the arithmetic is memory-bound otherwise.
        for lo in range(0, S, self.block):
            hi = min(S, lo + self.block)
            block_rows = None if rows is None else rows[lo:hi]
            self._block(P[lo:hi], block_rows, f[lo:hi], grad[lo:hi])
        bad = ~np.isfinite(f) | ~np.all(np.isfinite(grad), axis=1)
        f[bad] = np.inf
        return f, grad

    def _block(self, P, rows, f, grad):
        """Fill ``f`` and ``grad`` (views) for one block of parameter vectors."""
        S = P.shape[0]
        u1, u2, u3, m, work, h = self._scratch(S)
        a, b, e, alpha, beta = (P[:, k : k + 1] for k in range(5))
        # u_k are the three log-terms of eq. (11); subtract their maximum so the
        # exponentials cannot overflow however far a line search wanders.
        np.multiply(alpha, self.x, out=u1)
        np.subtract(a, u1, out=u1)
        np.multiply(beta, self.y, out=u2)
        np.subtract(b, u2, out=u2)
        np.maximum(u1, u2, out=m)
        np.maximum(m, e, out=m)
        np.subtract(u1, m, out=u1)
        np.exp(u1, out=u1)
        np.subtract(u2, m, out=u2)
        np.exp(u2, out=u2)
        np.subtract(e, m, out=u3)
        np.exp(u3, out=u3)
        np.add(u1, u2, out=work)
        np.add(work, u3, out=work)  # work = sum of exp(u_k - m) >= 1
        np.divide(1.0, work, out=work)
        np.multiply(u1, work, out=u1)  # u1..u3 now hold the softmax weights
        np.multiply(u2, work, out=u2)
        np.multiply(u3, work, out=u3)
        np.log(work, out=work)
        np.subtract(m, work, out=m)
        np.subtract(m, self.t, out=m)  # m = residual r = log L_hat - log L
        np.clip(m, -self.delta, self.delta, out=work)  # work = psi(r) = clip(r)
        # Huber value c (r - c/2) with c = clip(r), built in h.
        np.multiply(work, -0.5, out=h)
        np.add(h, m, out=h)
        np.multiply(h, work, out=h)
        if self.weights is not None:
            w = self.weights if self.weights.ndim == 1 else self.weights[rows]
            np.multiply(h, w, out=h)
            np.multiply(work, w, out=work)
        h.sum(axis=1, out=f)
        np.multiply(u1, work, out=u1)
        np.multiply(u2, work, out=u2)
        np.multiply(u3, work, out=u3)
        grad[:, 0] = u1.sum(axis=1)
        grad[:, 1] = u2.sum(axis=1)
        grad[:, 2] = u3.sum(axis=1)
        grad[:, 3] = -(u1 @ self.x)
        grad[:, 4] = -(u2 @ self.y)

    def _scratch(self, S):
        """Six (S, n) work arrays, kept between calls: page-faulting fresh ones costs more than the arithmetic."""
        n = self.x.size
        buf = self._buffers.get("work")
        if buf is None or buf.shape[1] < S:
            buf = np.empty((6, max(S, 1), n))
            self._buffers["work"] = buf
        return tuple(buf[k, :S] for k in range(6))

    # -- one parameter vector (for scipy) -------------------------------------
    def value_and_grad(self, theta, row=None):
        """Objective and gradient at a single parameter vector, for scipy's L-BFGS-B."""
        rows = None if row is None else np.array([row])
        f, g = self.batch(np.asarray(theta, dtype=float)[None, :], rows)
        return float(f[0]), g[0].copy()

    def value(self, theta, row=None):
        """Objective at a single parameter vector."""
        return self.value_and_grad(theta, row)[0]

    def residuals(self, theta):
        """log L_hat - log L at ``theta`` for every point, shape (n,)."""
        a, b, e, alpha, beta = np.asarray(theta, dtype=float)
        terms = np.stack([a - alpha * self.x, b - beta * self.y, np.full_like(self.x, e)])
        return np.logaddexp.reduce(terms, axis=0) - self.t
