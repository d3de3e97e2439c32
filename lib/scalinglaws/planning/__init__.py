"""Planning a training run: compute-optimal, inference-aware and data-constrained allocation.

- :func:`plan` and :class:`Plan`: the one call, from a budget (FLOPs,
  accelerator-hours or money) to N, D, loss, time and cost, with bootstrap
  intervals when the law came from a bootstrapped fit.
- :mod:`~scalinglaws.planning.allocation`: Hoffmann et al. (2022) eq. (4) and
  Kaplan et al. (2020) Table 6 behind one call.
- :mod:`~scalinglaws.planning.inference`: Sardana et al. (2024)'s
  inference-aware optimum and de Vries's compute-overhead curve.
- :mod:`~scalinglaws.planning.data_constrained`: Muennighoff et al. (2023)'s
  allocation with repeated data.
- :mod:`~scalinglaws.planning.budget`: FLOPs from hours or money, and back.
- :mod:`~scalinglaws.planning.reconcile`: the compute-optimal frontier when
  parameters are counted without embeddings (Kaplan's N_opt ~ C^0.73 against
  Hoffmann's 0.50; chapter 6), imported as ``from scalinglaws.planning import reconcile``.

Chapter 8 (*Beyond Chinchilla*) teaches all of it; ``scalinglaws plan`` on
the command line prints a :class:`Plan`.
"""

from scalinglaws.planning.allocation import (
    LAW_NAMES,
    Allocation,
    compute_optimal_allocation,
    resolve_law,
)
from scalinglaws.planning.budget import Hardware, training_budget
from scalinglaws.planning.data_constrained import (
    DataConstrainedAllocation,
    data_constrained_law,
    data_constrained_loss,
    data_constrained_optimum,
)
from scalinglaws.planning.ensemble import bootstrap_laws
from scalinglaws.planning.inference import (
    InferenceAwareAllocation,
    compute_overhead,
    critical_size_ratio,
    data_ratio_for_size,
    implied_inference_tokens,
    inference_aware_optimum,
    inference_flops,
    lifetime_flops,
    tokens_to_reach,
)
from scalinglaws.planning.plan import Plan, plan

__all__ = [
    "LAW_NAMES",
    "Allocation",
    "DataConstrainedAllocation",
    "Hardware",
    "InferenceAwareAllocation",
    "Plan",
    "bootstrap_laws",
    "compute_optimal_allocation",
    "compute_overhead",
    "critical_size_ratio",
    "data_constrained_law",
    "data_constrained_loss",
    "data_constrained_optimum",
    "data_ratio_for_size",
    "implied_inference_tokens",
    "inference_aware_optimum",
    "inference_flops",
    "lifetime_flops",
    "plan",
    "resolve_law",
    "tokens_to_reach",
    "training_budget",
]
