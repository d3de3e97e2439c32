"""The planner: from a budget to a model size, a token count, a loss, a time and a price.

:func:`plan` is the one call behind ``scalinglaws plan`` on the command line
and behind chapter 8's worked decisions. It turns the budget into FLOPs
(:mod:`~scalinglaws.planning.budget`), splits it under the chosen law
(:mod:`~scalinglaws.planning.allocation`, or the inference-aware and
data-constrained variants), prices the result on the given hardware, and,
when the law came from a bootstrapped fit, repeats the plan under every
resample to give percentile intervals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from scalinglaws._validation import as_level, as_nonnegative, positive_scalar
from scalinglaws.compute import PF_DAY
from scalinglaws.laws import MUENNIGHOFF_2023_DATA_CONSTRAINED, KaplanLaws
from scalinglaws.planning import _format
from scalinglaws.planning.allocation import (
    compute_optimal_allocation,
    law_label,
    resolve_law,
)
from scalinglaws.planning.budget import Hardware, training_budget
from scalinglaws.planning.data_constrained import (
    data_constrained_law,
    data_constrained_optimum,
)
from scalinglaws.planning.ensemble import bootstrap_laws
from scalinglaws.planning.inference import inference_aware_optimum

COMPUTE_OPTIMAL = "compute-optimal"
INFERENCE_AWARE = "inference-aware"
DATA_CONSTRAINED = "data-constrained"

#: Quantities that get a bootstrap interval, in table order.
INTERVAL_KEYS = ("params", "tokens", "tokens_per_parameter", "loss", "training_flops")


@dataclass(frozen=True)
class Plan:
    """A training plan: what to train, on how much data, what it reaches, what it costs.

    Attributes
    ----------
    law : str
        The law the plan was made under.
    mode : str
        ``"compute-optimal"`` (Hoffmann eq. 4 or Kaplan Table 6),
        ``"inference-aware"`` (Sardana et al. 2024) or ``"data-constrained"``
        (Muennighoff et al. 2023).
    budget_flops : float
        The training budget in FLOPs.
    params, tokens : float
        Parameters N and training tokens D of the plan.
    loss : float
        Predicted loss, nats per token.
    training_flops : float
        6 N D. Equal to the budget except in inference-aware mode, where the
        budget sets the loss to reach and training may cost more.
    loss_comparable : bool
        False for Kaplan's law, whose loss is in other units (see notes).
    accelerator_hours, wall_clock_days, cost : float or None
        Hardware time and price of ``training_flops``; None when the
        hardware (or the accelerator count, or the price) was not given.
    inference_tokens : float
        Tokens the model will serve (0 unless inference-aware).
    unique_tokens : float or None
        Unique tokens available (data-constrained mode only).
    reference_params, reference_tokens, reference_loss : float or None
        The unconstrained compute-optimal plan at the same budget, for
        comparison; set in the inference-aware and data-constrained modes.
    intervals : mapping of str to (float, float)
        Bootstrap percentile intervals of ``params``, ``tokens``,
        ``tokens_per_parameter``, ``loss`` and ``training_flops``; empty
        without a bootstrap ensemble.
    interval_level : float or None
        Coverage of ``intervals`` (0.8: 10th to 90th percentile).
    n_bootstrap : int
        Laws in the ensemble the intervals come from.
    notes : tuple of str
        Caveats that apply to this plan.
    """

    law: str
    mode: str
    budget_flops: float
    params: float
    tokens: float
    loss: float
    training_flops: float
    loss_comparable: bool = True
    accelerator_hours: float | None = None
    wall_clock_days: float | None = None
    cost: float | None = None
    inference_tokens: float = 0.0
    unique_tokens: float | None = None
    reference_params: float | None = None
    reference_tokens: float | None = None
    reference_loss: float | None = None
    intervals: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    interval_level: float | None = None
    n_bootstrap: int = 0
    notes: tuple = ()

    @property
    def tokens_per_parameter(self) -> float:
        """D / N (about 20 for Chinchilla itself)."""
        return self.tokens / self.params

    @property
    def inference_flops(self) -> float:
        """2 N D_inf: the cost of serving the planned model."""
        return 2.0 * self.params * self.inference_tokens

    @property
    def lifetime_flops(self) -> float:
        """Training plus inference FLOPs."""
        return self.training_flops + self.inference_flops

    @property
    def reference_lifetime_flops(self) -> float | None:
        """Lifetime FLOPs of the compute-optimal model serving the same tokens."""
        if self.reference_params is None:
            return None
        return self.budget_flops + 2.0 * self.reference_params * self.inference_tokens

    @property
    def lifetime_compute_saved(self) -> float:
        """Share of lifetime FLOPs saved against the compute-optimal model serving the same tokens.

        Sardana et al. (2024): a smaller model trained on more tokens costs
        more to train and less to serve. 0 for a compute-optimal plan, which
        is its own reference.
        """
        reference = self.reference_lifetime_flops
        return 0.0 if reference is None else 1.0 - self.lifetime_flops / reference

    @property
    def epochs(self) -> float | None:
        """D / U, passes over the unique data (data-constrained mode only)."""
        return None if self.unique_tokens is None else self.tokens / self.unique_tokens

    def to_dict(self) -> dict:
        """Every field and derived quantity as plain Python values (JSON-ready)."""
        out = {
            "law": self.law,
            "mode": self.mode,
            "budget_flops": self.budget_flops,
            "budget_pf_days": self.budget_flops / PF_DAY,
            "params": self.params,
            "tokens": self.tokens,
            "tokens_per_parameter": self.tokens_per_parameter,
            "loss": self.loss,
            "loss_comparable": self.loss_comparable,
            "training_flops": self.training_flops,
            "accelerator_hours": self.accelerator_hours,
            "wall_clock_days": self.wall_clock_days,
            "cost": self.cost,
            "inference_tokens": self.inference_tokens,
            "inference_flops": self.inference_flops,
            "lifetime_flops": self.lifetime_flops,
            "unique_tokens": self.unique_tokens,
            "epochs": self.epochs,
            "reference_params": self.reference_params,
            "reference_tokens": self.reference_tokens,
            "reference_loss": self.reference_loss,
            "reference_lifetime_flops": self.reference_lifetime_flops,
            "intervals": {key: list(pair) for key, pair in self.intervals.items()},
            "interval_level": self.interval_level,
            "n_bootstrap": self.n_bootstrap,
            "notes": list(self.notes),
        }
        return out

    def table_rows(self) -> list[tuple[str, str, str]]:
        """(quantity, value, interval) rows of :meth:`__str__`'s table."""
        rows = []

        def add(label, value, key=None, fmt=_format.count):
            interval = ""
            if key in self.intervals:
                lo, hi = self.intervals[key]
                interval = f"{fmt(lo)} to {fmt(hi)}"
            rows.append(
                (label, value if isinstance(value, str) else fmt(value), interval)
            )

        add(
            "training budget",
            f"{_format.scientific(self.budget_flops)} FLOPs "
            f"({_format.count(self.budget_flops / PF_DAY)} PF-days)",
        )
        add("parameters N", self.params, "params")
        add("training tokens D", self.tokens, "tokens")
        add(
            "tokens per parameter",
            self.tokens_per_parameter,
            "tokens_per_parameter",
            _format.plain,
        )
        loss_text = f"{_format.plain(self.loss)} nats/token"
        if not self.loss_comparable:
            loss_text += " (Kaplan units, see note)"
        add("predicted loss", loss_text, "loss", _format.plain)
        if self.mode == INFERENCE_AWARE:
            add(
                "training compute",
                f"{_format.scientific(self.training_flops)} FLOPs",
                "training_flops",
                _format.scientific,
            )
            add("inference tokens", self.inference_tokens)
            add("lifetime compute", f"{_format.scientific(self.lifetime_flops)} FLOPs")
            add(
                "  vs compute-optimal",
                f"{_format.scientific(self.reference_lifetime_flops)} FLOPs "
                f"({100 * self.lifetime_compute_saved:.1f}% saved)",
            )
        if self.mode == DATA_CONSTRAINED:
            add("unique tokens U", self.unique_tokens)
            add("epochs D/U", self.epochs, fmt=_format.plain)
        if self.reference_params is not None:
            add(
                "compute-optimal N, D",
                f"{_format.count(self.reference_params)}, "
                f"{_format.count(self.reference_tokens)}",
            )
            add(
                "compute-optimal loss",
                f"{_format.plain(self.reference_loss)} nats/token",
            )
        if self.accelerator_hours is not None:
            add("accelerator-hours", self.accelerator_hours)
        if self.wall_clock_days is not None:
            add("wall-clock", f"{_format.plain(self.wall_clock_days, 3)} days")
        if self.cost is not None:
            add("cost", f"{_format.count(self.cost)} (currency of the price)")
        return rows

    def __str__(self) -> str:
        rows = self.table_rows()
        width = max(len(label) for label, _, _ in rows)
        value_width = max(len(value) for _, value, _ in rows)
        lines = [f"{self.mode} plan under {self.law}"]
        if self.intervals:
            level = round(100 * self.interval_level)
            lines.append(
                f"  {'':<{width}}  {'':<{value_width}}  {level}% interval ({self.n_bootstrap} resamples)"
            )
        for label, value, interval in rows:
            lines.append(
                f"  {label:<{width}}  {value:<{value_width}}  {interval}".rstrip()
            )
        lines.extend(f"note: {note}" for note in self.notes)
        return "\n".join(lines)


def _hardware(
    peak_flops, utilisation, price_per_hour, n_accelerators
) -> Hardware | None:
    if peak_flops is None and utilisation is None:
        extras = [
            name
            for name, value in (
                ("price_per_hour", price_per_hour),
                ("n_accelerators", n_accelerators),
            )
            if value is not None
        ]
        if extras:
            raise ValueError(
                f"{' and '.join(extras)} needs the hardware's peak_flops and utilisation "
                "to turn FLOPs into accelerator-hours."
            )
        return None
    if peak_flops is None or utilisation is None:
        missing = "peak_flops" if peak_flops is None else "utilisation"
        raise ValueError(
            f"hardware needs both peak_flops and utilisation; {missing} is missing."
        )
    return Hardware(peak_flops, utilisation, price_per_hour, n_accelerators)


def _allocate(law, C, mode, inference_tokens, unique_tokens):
    """(N, D, loss, training FLOPs) of one plan under one law."""
    if mode == INFERENCE_AWARE:
        target = float(compute_optimal_allocation(law, C).loss)
        opt = inference_aware_optimum(law, target, inference_tokens)
        return opt.params, opt.training_tokens, opt.target_loss, opt.training_flops
    if mode == DATA_CONSTRAINED:
        opt = data_constrained_optimum(law, C, unique_tokens)
        return opt.params, opt.tokens, opt.loss, opt.flops
    opt = compute_optimal_allocation(law, C)
    return opt.params, opt.tokens, opt.loss, opt.flops


def plan(
    flops=None,
    *,
    accelerator_hours=None,
    money=None,
    peak_flops=None,
    utilisation=None,
    price_per_hour=None,
    n_accelerators=None,
    law="hoffmann",
    bootstrap=None,
    inference_tokens=0.0,
    unique_tokens=None,
    level: float = 0.8,
) -> Plan:
    """Plan a training run: N_opt, D_opt, tokens per parameter, loss, time and cost.

    Parameters
    ----------
    flops : float, optional
        Training budget in FLOPs. Give the budget exactly one way: ``flops``,
        ``accelerator_hours`` or ``money``.
    accelerator_hours : float, optional
        Budget in accelerator-hours; FLOPs = hours x 3600 x peak_flops x utilisation.
    money : float, optional
        Budget in money; hours = money / price_per_hour.
    peak_flops : float, optional
        Peak FLOP/s of one accelerator (e.g. 989e12 for an H100 in dense BF16).
    utilisation : float, optional
        Model FLOPs utilisation in (0, 1].
    price_per_hour : float, optional
        Price of one accelerator-hour; gives the plan's cost.
    n_accelerators : int, optional
        Accelerators in parallel; gives the wall-clock time.
    law : str, ChinchillaLaw, KaplanLaws or fit result, default "hoffmann"
        ``"hoffmann"`` (Hoffmann et al. 2022 eq. 10, rounded),
        ``"hoffmann-unrounded"``, ``"epoch"`` (Besiroglu et al. 2024),
        ``"muennighoff"`` (Muennighoff et al. 2023, C4), ``"kaplan"``
        (Kaplan et al. 2020 Table 6), a law object, or a fit result with a
        ``.law`` (its bootstrap, if any, gives intervals).
    bootstrap : optional
        A bootstrap ensemble (a sequence of ChinchillaLaw, or a table of
        samples; see :func:`~scalinglaws.planning.bootstrap_laws`), overriding
        the one carried by ``law``.
    inference_tokens : float, default 0
        Tokens the model will serve. When > 0 the plan is inference-aware
        (Sardana et al. 2024): it reaches the loss the compute-optimal model
        reaches at this budget, at the least training-plus-inference compute,
        with a smaller model trained on more tokens than the budget buys.
    unique_tokens : float, optional
        Unique tokens available. When given the plan is data-constrained
        (Muennighoff et al. 2023): the (N, D) with 6 N D = budget that
        minimise the loss with repeated data, R_N* = 5.3, R_D* = 15.4.
    level : float, default 0.8
        Coverage of the bootstrap intervals (0.8: 10th to 90th percentile,
        as in Hoffmann et al. 2022 Table 2).

    Returns
    -------
    Plan

    Raises
    ------
    ValueError
        If the budget is not given exactly one way, a number is not positive
        and finite, the hardware needed for a conversion is missing, the law
        is unknown, or a mode is asked of Kaplan's law (which has no loss
        surface for the inference-aware or data-constrained variants).

    Notes
    -----
    For ``law="kaplan"``, N_opt = 1.3e9 C_min^0.73 with C_min in PF-days
    (Kaplan et al. 2020, Table 6) and D = C / (6 N_opt); N counts non-embedding
    parameters and the loss is L(C_min) of eq. (1.3), in nats per token on
    WebText2 with GPT-2's tokenizer. It is not comparable with the losses
    of the Chinchilla-form laws, which were measured on other data with
    other tokenizers.

    Examples
    --------
    >>> from scalinglaws.planning import plan
    >>> p = plan(5.76e23, law="muennighoff")
    >>> round(p.params / 1e9, 1), round(p.tokens / 1e12, 2)
    (70.0, 1.37)
    """
    hardware = _hardware(peak_flops, utilisation, price_per_hour, n_accelerators)
    C = training_budget(
        flops, accelerator_hours=accelerator_hours, money=money, hardware=hardware
    )
    resolved = resolve_law(law)
    mode, demand, unique_tokens = _mode(resolved, inference_tokens, unique_tokens)
    is_kaplan = isinstance(resolved, KaplanLaws)
    ensemble = _ensemble(law, bootstrap, is_kaplan)

    N, D, loss, training = (
        float(x) for x in _allocate(resolved, C, mode, demand, unique_tokens)
    )
    reference = {}
    if mode != COMPUTE_OPTIMAL:
        ref = compute_optimal_allocation(resolved, C)
        reference = {
            "reference_params": float(ref.params),
            "reference_tokens": float(ref.tokens),
            "reference_loss": float(ref.loss),
        }
    notes = _notes(resolved, mode, D, unique_tokens)
    intervals, level_used = {}, None
    if ensemble:
        level_used = as_level(level)
        intervals = _intervals(ensemble, C, mode, demand, unique_tokens, level_used)

    time_and_cost = {}
    if hardware is not None:
        time_and_cost = {
            "accelerator_hours": hardware.accelerator_hours(training),
            "wall_clock_days": hardware.wall_clock_days(training),
            "cost": hardware.cost(training),
        }
    return Plan(
        law=law_label(resolved),
        mode=mode,
        budget_flops=C,
        params=N,
        tokens=D,
        loss=loss,
        training_flops=training,
        loss_comparable=not is_kaplan,
        inference_tokens=demand,
        unique_tokens=unique_tokens,
        intervals=MappingProxyType(intervals),
        interval_level=level_used,
        n_bootstrap=len(ensemble),
        notes=tuple(notes),
        **reference,
        **time_and_cost,
    )


def _mode(resolved, inference_tokens, unique_tokens):
    """(mode, inference tokens, unique tokens) of a plan, validated."""
    demand = as_nonnegative(inference_tokens, "inference_tokens")
    if demand.ndim != 0:
        raise ValueError(
            f"inference_tokens must be a single number, got an array of shape {demand.shape}."
        )
    demand = float(demand)
    if unique_tokens is not None:
        unique_tokens = positive_scalar(unique_tokens, "unique_tokens")
    if demand > 0 and unique_tokens is not None:
        raise ValueError(
            "give inference_tokens or unique_tokens, not both: the planner does not combine "
            "inference-aware and data-constrained allocation."
        )
    mode = (
        INFERENCE_AWARE
        if demand > 0
        else DATA_CONSTRAINED
        if unique_tokens is not None
        else COMPUTE_OPTIMAL
    )
    if isinstance(resolved, KaplanLaws) and mode != COMPUTE_OPTIMAL:
        raise ValueError(
            f"the {mode} planner needs a Chinchilla-form law; Kaplan's law gives only the "
            "compute-optimal allocation. Choose hoffmann, hoffmann-unrounded, epoch or muennighoff."
        )
    return mode, demand, unique_tokens


def _ensemble(law, bootstrap, is_kaplan):
    """The bootstrap laws to plan under: from ``bootstrap``, else from a fitted ``law``."""
    if bootstrap is not None:
        ensemble = bootstrap_laws(bootstrap)
    elif isinstance(law, (str, KaplanLaws)):
        ensemble = ()  # a published law by name carries no bootstrap
    else:
        ensemble = bootstrap_laws(law)
    if is_kaplan and ensemble:
        raise ValueError(
            "bootstrap intervals need a Chinchilla-form law, not Kaplan's."
        )
    return ensemble


def _notes(resolved, mode, D, unique_tokens):
    """The caveats a plan prints with its numbers."""
    notes = []
    if isinstance(resolved, KaplanLaws):
        notes.append(
            "Kaplan et al. (2020) count non-embedding parameters and measure loss on WebText2 with "
            "GPT-2's tokenizer: this loss is not comparable with the Chinchilla-form laws' losses."
        )
    if resolved == MUENNIGHOFF_2023_DATA_CONSTRAINED.base:
        notes.append(
            "Muennighoff et al.'s law was fitted on C4: its losses are on C4's scale, so compare "
            "differences in loss with the other laws, not values."
        )
    if mode == INFERENCE_AWARE:
        notes.append(
            "The budget sets the quality: the plan reaches the loss of the compute-optimal model at "
            "this budget with a smaller model, trained on more tokens, that is cheaper to serve."
        )
    if mode == DATA_CONSTRAINED:
        repeated = data_constrained_law(resolved)
        if repeated.base != MUENNIGHOFF_2023_DATA_CONSTRAINED.base:
            notes.append(
                "R_N* and R_D* were fitted with Muennighoff et al.'s C4 law; with this law they are an extrapolation."
            )
        if D / unique_tokens > 1.0 + repeated.R_D_star:
            notes.append(
                f"{D / unique_tokens:.0f} epochs: beyond about 1 + R_D* = {1 + repeated.R_D_star:.1f} epochs "
                "repeated tokens are worth little: compare with a plan that has more unique data."
            )
    return notes


def _intervals(ensemble, C, mode, demand, unique_tokens, level):
    """Percentile intervals {key: (lo, hi)} of the plan's numbers across the bootstrap laws."""
    samples = np.array(
        [_allocate(member, C, mode, demand, unique_tokens) for member in ensemble],
        dtype=float,
    )
    by_key = {
        "params": samples[:, 0],
        "tokens": samples[:, 1],
        "tokens_per_parameter": samples[:, 1] / samples[:, 0],
        "loss": samples[:, 2],
        "training_flops": samples[:, 3],
    }
    tail = 50.0 * (1.0 - level)
    intervals = {}
    for key in INTERVAL_KEYS:
        if key == "training_flops" and mode != INFERENCE_AWARE:
            continue  # 6 N D equals the budget for every member
        lo, hi = np.percentile(by_key[key], [tail, 100.0 - tail])
        intervals[key] = (float(lo), float(hi))
    return intervals


__all__ = ["Plan", "plan", "COMPUTE_OPTIMAL", "INFERENCE_AWARE", "DATA_CONSTRAINED"]
