"""Hoffmann's eq. (11) objective and its gradient, for many parameter vectors at once.

Hoffmann et al. (2022), eq. (11): with theta = (a, b, e, alpha, beta),

    log L_hat_i = LSE(a - alpha log N_i,  b - beta log D_i,  e)
    objective   = sum_i w_i Huber_delta(log L_hat_i - log L_i)

and A, B, E = exp(a), exp(b), exp(e). The sum runs over runs (not a mean), as
in the paper and in Besiroglu et al. (2024). Weights ``w_i`` are 1 for a plain
fit; a bootstrap resample is the same sum with each point weighted by how many
times it was drawn, which lets one call score many resamples at once.

The gradient is analytic: d LSE / d u_k is the softmax weight of term k, and
d Huber / d r is clip(r, -delta, delta). The Hessian is analytic too
(:meth:`LseHuberObjective.hessian`), for Newton's method near an optimum.

Speed: the objective and gradient are computed in the linear domain,
L_hat = A/N^alpha + B/D^beta + E, which needs two exponentials per point
(E is one number per row) and no max-shift; the few rows where a term over-
or underflows (trial points far from any fit) are redone with the
max-shifted log-sum-exp, so the result is the same as the log-domain form
to rounding. Each step is one numpy operation over a block of rows sized
so that its work arrays stay in a core's cache (about 1 MB): the exponents
of both varying terms come from one matrix product with the exponent
matrix M (theta's a, b, alpha, beta times rows of ones, -log N, -log D),
and since M is also their derivative, the gradient is one product with
M's transpose. The arithmetic is bound by the passes over the block
more than by the exponentials (an exp costs about four adds here), and
each numpy call costs a microsecond or two of its own: about 7 ns per
point and parameter vector on the book's 2-core machine, some 15% less
than the earlier form that built each term in separate passes.
"""

from __future__ import annotations

import numpy as np

#: Columns of theta = (a, b, e, alpha, beta) that enter the varying log-terms.
_EXPONENT_PARAMETERS = np.array([0, 1, 3, 4])


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
        # Rows per block: its five work arrays of n points each stay near a core's cache.
        self.block = 128
        # The exponent matrix M: row k holds d(exponent)/d(theta_k) of eq. (11)'s
        # varying log-terms, a - alpha log N_i (first n columns) and
        # b - beta log D_i (last n), for theta_k in (a, b, alpha, beta).
        n = self.x.size
        self._exponents = np.zeros((4, 2 * n))
        self._exponents[0, :n] = 1.0
        self._exponents[1, n:] = 1.0
        self._exponents[2, :n] = -self.x
        self._exponents[3, n:] = -self.y
        self._exponents_t = np.ascontiguousarray(self._exponents.T)

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
        f, csum = np.empty(S), np.empty(S)
        grad = np.empty((S, 5))
        g4 = np.empty((S, 4))
        P4 = P.take(_EXPONENT_PARAMETERS, axis=1)
        # Trial points far from the optimum overflow in the linear domain; they are
        # caught below and redone, so numpy's warnings are noise here.
        with np.errstate(
            over="ignore", under="ignore", divide="ignore", invalid="ignore"
        ):
            # Per-row quantities once for the whole batch, outside the blocks: each
            # numpy call costs a microsecond or two, a fair share of a block's work.
            E = np.exp(P[:, 2:3])  # the third term does not vary with the point
            # Work through the batch in blocks small enough for the work arrays to
            # stay in cache.
            for lo in range(0, S, self.block):
                hi = min(S, lo + self.block)
                block_rows = None if rows is None else rows[lo:hi]
                self._block(
                    P4[lo:hi], E[lo:hi], block_rows, f[lo:hi], g4[lo:hi], csum[lo:hi]
                )
            f *= 0.5
            grad[:, :2] = g4[:, :2]
            grad[:, 2] = E[:, 0] * csum
            grad[:, 3:] = g4[:, 2:]
            # Far from the optimum (a line search's trial points) a term can over- or
            # underflow in the linear domain; redo those rows with the log-domain
            # form, which subtracts the largest log-term before exponentiating.
            ok = np.isfinite(grad).all(axis=1)
            ok &= np.isfinite(f)
            if not ok.all():
                bad = ~ok
                w = self.weights
                if w is not None and w.ndim == 2:
                    w = w[np.flatnonzero(bad) if rows is None else rows[bad]]
                f[bad], grad[bad] = self._stable_block(P[bad], w)
                f[~(np.isfinite(f) & np.isfinite(grad).all(axis=1))] = np.inf
        return f, grad

    def _block(self, P4, E, rows, twice_f, g4, csum):
        """Twice the objective, the gradient's (a, b, alpha, beta) part and sum(c / L_hat) of one block.

        They are written into ``twice_f``, ``g4`` and ``csum`` (views).
        ``P4`` holds the rows' (a, b, alpha, beta) and ``E`` their exp(e), shape
        (k, 1). Every step is one numpy operation over the whole block, in place
        in the work arrays; the arithmetic per point is two exponentials, one
        logarithm and about a dozen cheap passes.
        """
        n = self.x.size
        terms, fitted, r, c = self._scratch(P4.shape[0])
        # The two varying terms of eq. (11) in the linear domain, A/N^alpha and
        # B/D^beta, side by side: their exponents a - alpha log N_i and
        # b - beta log D_i are one matrix product, (a, b, alpha, beta) times the
        # exponent matrix M; then one exp over both.
        np.matmul(P4, self._exponents, out=terms)
        np.exp(terms, out=terms)
        np.add(terms[:, :n], terms[:, n:], out=fitted)
        np.add(fitted, E, out=fitted)
        # Residual r = log L_hat - log L and c = psi(r) = clip(r, -delta, delta).
        np.log(fitted, out=r)
        np.subtract(r, self.t, out=r)
        np.clip(r, -self.delta, self.delta, out=c)
        # Huber value c (r - c/2) = c (2r - c) / 2: r becomes 2r - c in place.
        np.add(r, r, out=r)
        np.subtract(r, c, out=r)
        if self.weights is not None:
            w = self.weights if self.weights.ndim == 1 else self.weights[rows]
            np.multiply(c, w, out=c)
        np.einsum("ij,ij->i", c, r, out=twice_f)
        # d r / d(log of term k) is term_k / L_hat (the softmax weight of eq. 11's
        # LSE), so the gradient is M times (term_k c / L_hat) for the varying terms
        # and E sum(c / L_hat) for the constant one.
        np.divide(c, fitted, out=c)
        both = terms.reshape(terms.shape[0], 2, n)
        np.multiply(both, c[:, None, :], out=both)
        np.matmul(terms, self._exponents_t, out=g4)
        np.sum(c, axis=1, out=csum)

    def _stable_block(self, P, w):
        """Objective and gradient by the max-shifted log-sum-exp, for rows the fast path cannot represent."""
        a, b, e, alpha, beta = (P[:, k : k + 1] for k in range(5))
        u = np.stack(
            np.broadcast_arrays(a - alpha * self.x, b - beta * self.y, e + 0.0 * self.x)
        )
        m = u.max(axis=0)
        p = np.exp(u - m)
        total = p.sum(axis=0)
        p /= total
        r = m + np.log(total) - self.t
        c = np.clip(r, -self.delta, self.delta)
        h = c * (r - 0.5 * c)
        if w is not None:
            h, c = h * w, c * w
        g = p * c
        grad = np.stack(
            [g[0].sum(1), g[1].sum(1), g[2].sum(1), -(g[0] @ self.x), -(g[1] @ self.y)],
            axis=1,
        )
        return h.sum(axis=1), grad

    def hessian(self, P, rows=None):
        """Objective, gradient and exact Hessian for each row of ``P`` (for Newton steps near an optimum).

        With p_k the softmax weights of eq. (11)'s three log-terms, the
        residual's gradient is M^T p and its Hessian M^T (diag p - p p^T) M,
        where M maps theta to the log-terms (rows (1,0,0,-log N,0),
        (0,1,0,0,-log D), (0,0,1,0,0)); the Huber loss adds h''(r) = 1 inside
        the band |r| < delta and 0 outside (its kinks at |r| = delta are
        where the Hessian jumps).

        Returns
        -------
        f : ndarray, shape (S,)
        grad : ndarray, shape (S, 5)
        hess : ndarray, shape (S, 5, 5)
        """
        P = np.asarray(P, dtype=float)
        f, grad = self.batch(P, rows)
        S = P.shape[0]
        hess = np.full((S, 5, 5), np.inf)
        ok = np.isfinite(f)
        if np.any(ok):
            with np.errstate(
                over="ignore", under="ignore", divide="ignore", invalid="ignore"
            ):
                hess[ok] = self._hessian_rows(
                    P[ok], None if rows is None else np.asarray(rows)[ok]
                )
        return f, grad, hess

    def _hessian_rows(self, P, rows):
        """The 5 x 5 Hessians of rows where the objective is finite (log-domain softmax weights)."""
        a, b, e, alpha, beta = (P[:, k : k + 1] for k in range(5))
        u1, u2 = a - alpha * self.x, b - beta * self.y
        m = np.maximum(np.maximum(u1, u2), e)
        p1, p2, p3 = np.exp(u1 - m), np.exp(u2 - m), np.exp(e - m)
        total = p1 + p2 + p3
        p1 /= total
        p2 /= total
        p3 /= total
        r = m + np.log(total) - self.t
        c = np.clip(r, -self.delta, self.delta)
        inside = (np.abs(r) < self.delta).astype(float)
        if self.weights is not None:
            w = self.weights if self.weights.ndim == 1 else self.weights[rows]
            c, inside = c * w, inside * w
        # d^2 (w h(r)) / du_k du_l = p_k p_l (h'' - c) + [k = l] c p_k for log-terms k, l;
        # theta's entries are its moments in log N and log D.
        cross = inside - c
        x, y, one = self.x, self.y, np.ones_like(self.x)
        m11 = (p1 * p1 * cross + c * p1) @ np.stack([one, x, x * x], axis=1)
        m22 = (p2 * p2 * cross + c * p2) @ np.stack([one, y, y * y], axis=1)
        m33 = (p3 * p3 * cross + c * p3).sum(axis=1)
        m12 = (p1 * p2 * cross) @ np.stack([one, x, y, x * y], axis=1)
        m13 = (p1 * p3 * cross) @ np.stack([one, x], axis=1)
        m23 = (p2 * p3 * cross) @ np.stack([one, y], axis=1)
        # theta = (a, b, e, alpha, beta) -> (term, sign times moment)
        H = np.empty((P.shape[0], 5, 5))
        H[:, 0, 0], H[:, 0, 3], H[:, 3, 3] = m11[:, 0], -m11[:, 1], m11[:, 2]
        H[:, 1, 1], H[:, 1, 4], H[:, 4, 4] = m22[:, 0], -m22[:, 1], m22[:, 2]
        H[:, 2, 2] = m33
        H[:, 0, 1], H[:, 3, 1], H[:, 0, 4], H[:, 3, 4] = (
            m12[:, 0],
            -m12[:, 1],
            -m12[:, 2],
            m12[:, 3],
        )
        H[:, 0, 2], H[:, 3, 2] = m13[:, 0], -m13[:, 1]
        H[:, 1, 2], H[:, 4, 2] = m23[:, 0], -m23[:, 1]
        upper = np.triu_indices(5, 1)
        lower = (upper[1], upper[0])
        # Filled so far: (0,1) (0,2) (0,3) (0,4) (1,2) (1,4) (3,4) upper and (3,1) (3,2) (4,2) lower.
        H[:, 1, 3] = H[:, 3, 1]
        H[:, 2, 3] = H[:, 3, 2]
        H[:, 2, 4] = H[:, 4, 2]
        H[:, lower[0], lower[1]] = H[:, upper[0], upper[1]]
        return H

    def _scratch(self, S):
        """Work arrays, kept between calls (page-faulting fresh ones costs more than the arithmetic).

        Returns the terms, of shape (S, 2n), and three arrays of shape (S, n),
        each C-contiguous.
        """
        n = self.x.size
        terms = self._buffers.get("terms")
        if terms is None or terms.shape[0] < S:
            terms = self._buffers["terms"] = np.empty((max(S, 1), 2 * n))
            self._buffers["points"] = np.empty((3, max(S, 1), n))
        points = self._buffers["points"]
        return terms[:S], points[0, :S], points[1, :S], points[2, :S]

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
        terms = np.stack(
            [a - alpha * self.x, b - beta * self.y, np.full_like(self.x, e)]
        )
        return np.logaddexp.reduce(terms, axis=0) - self.t
