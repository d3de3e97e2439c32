"""Keeping BLAS results bitwise reproducible: thread counts and kernel choice.

numpy hands every matmul to a BLAS library. Two things about it can change
a training run's numbers in the last bits, and a long run amplifies last bits
into visible differences:

* **the kernel**: OpenBLAS built with ``DYNAMIC_ARCH`` (as numpy's wheels are)
  picks a kernel for the CPU it finds (``Haswell``, ``SkylakeX``, ``Zen``,
  ...), and different kernels sum in different orders. Measured on this
  project's machine, a 780-step parity run ended 1.6e-5 nats apart under the
  ``SkylakeX`` and ``Haswell`` kernels. The variable ``OPENBLAS_CORETYPE``
  forces one; ``Haswell`` (AVX2) runs on every x86-64 CPU made since about
  2015, so the book's sweeps are run with it;
* **threads**: OpenBLAS splits a matmul's output between threads, which
  leaves each sum's order unchanged (we measured bitwise equal runs with 1
  and 2 threads), but threads competing for busy cores make runs slow and
  erratic, so sweep workers use one thread each.

Both variables act only when numpy is first imported, so they are set in
the environment of worker processes before they start. The kernel in use
and the thread count of a running process are read and set through
``threadpoolctl``.
"""

from __future__ import annotations

import contextlib
import os

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
CORETYPE_VARIABLE = "OPENBLAS_CORETYPE"

#: The kernel the book's committed sweeps were run with (see the module docstring).
SWEEP_CORETYPE = "Haswell"


def _openblas_pools():
    """threadpoolctl's description of the OpenBLAS libraries numpy has loaded."""
    import numpy  # noqa: F401  (make sure numpy's BLAS is loaded)
    from threadpoolctl import threadpool_info

    return [
        pool for pool in threadpool_info() if pool.get("internal_api") == "openblas"
    ]


def core_name() -> str:
    """The OpenBLAS kernel numpy is using (e.g. ``"Haswell"``), or ``"unknown"`` if it cannot tell.

    Read through ``threadpoolctl`` (its ``architecture`` field); ``"unknown"``
    where numpy's BLAS is not OpenBLAS.
    """
    names = [
        pool.get("architecture")
        for pool in _openblas_pools()
        if pool.get("architecture")
    ]
    return names[0] if names else "unknown"


def pin_threads(n=1) -> str:
    """Limit the BLAS of this process to ``n`` threads, now and for processes it starts.

    Returns
    -------
    str
        How it was done.
    """
    from threadpoolctl import threadpool_limits

    n = int(n)
    os.environ.update({v: str(n) for v in THREAD_VARIABLES})
    threadpool_limits(n)
    return f"threadpoolctl: {n} thread(s)"


@contextlib.contextmanager
def worker_environment(threads=1, coretype=None):
    """Set the BLAS variables for worker processes started inside the ``with`` block.

    Parameters
    ----------
    threads : int
        BLAS threads per worker.
    coretype : str, optional
        An OpenBLAS kernel name to force (e.g. :data:`SWEEP_CORETYPE`); None
        lets OpenBLAS choose for the CPU.
    """
    names = THREAD_VARIABLES + (CORETYPE_VARIABLE,)
    saved = {v: os.environ.get(v) for v in names}
    os.environ.update({v: str(int(threads)) for v in THREAD_VARIABLES})
    if coretype is not None:
        os.environ[CORETYPE_VARIABLE] = str(coretype)
    try:
        yield
    finally:
        for var, value in saved.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value
