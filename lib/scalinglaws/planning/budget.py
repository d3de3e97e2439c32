"""Turning a budget into FLOPs, and FLOPs back into accelerator time and money.

A training budget arrives in one of three currencies: FLOPs, accelerator-hours
(at some peak throughput and utilisation), or money (at some price per
accelerator-hour). The planner works in FLOPs; :class:`Hardware` converts both
ways with

    FLOPs = hours x 3600 s/h x peak FLOP/s x utilisation,    hours = money / price.

The time itself comes from :func:`scalinglaws.compute.training_time_seconds`.
Chapter 8 (*Beyond Chinchilla*) uses it for its "buy data or GPUs?" decision.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws import compute
from scalinglaws._validation import positive_scalar

SECONDS_PER_HOUR = 3600.0
SECONDS_PER_DAY = 86400.0


@dataclass(frozen=True)
class Hardware:
    """The accelerators a model is trained on.

    Parameters
    ----------
    peak_flops : float
        Peak throughput of one accelerator in FLOP/s (e.g. 989e12 for an
        H100's dense BF16).
    utilisation : float
        Model FLOPs utilisation in (0, 1]: the fraction of peak the training
        run achieves (Chowdhery et al. 2022 report 0.462 for PaLM 540B).
    price_per_hour : float, optional
        Price of one accelerator-hour, in any currency; costs come out in it.
    n_accelerators : int, optional
        Accelerators working in parallel; needed only for wall-clock time.
    """

    peak_flops: float
    utilisation: float
    price_per_hour: float | None = None
    n_accelerators: int | None = None

    def __post_init__(self):
        object.__setattr__(
            self, "peak_flops", positive_scalar(self.peak_flops, "peak_flops")
        )
        utilisation = positive_scalar(self.utilisation, "utilisation")
        if utilisation > 1:
            raise ValueError(
                f"utilisation is a fraction of peak throughput and must be in (0, 1], got {utilisation!r}."
            )
        object.__setattr__(self, "utilisation", utilisation)
        if self.price_per_hour is not None:
            object.__setattr__(
                self,
                "price_per_hour",
                positive_scalar(self.price_per_hour, "price_per_hour"),
            )
        if self.n_accelerators is not None:
            count = self.n_accelerators
            if (
                isinstance(count, bool)
                or not isinstance(count, (int, float, np.integer, np.floating))
                or not float(count).is_integer()
                or count < 1
            ):
                raise ValueError(
                    f"n_accelerators must be a whole number >= 1, got {count!r}."
                )
            object.__setattr__(self, "n_accelerators", int(count))

    @property
    def flops_per_hour(self) -> float:
        """FLOPs one accelerator delivers in an hour at this utilisation."""
        return SECONDS_PER_HOUR * self.peak_flops * self.utilisation

    def flops_from_hours(self, accelerator_hours) -> float:
        """Training FLOPs bought by ``accelerator_hours`` hours of one accelerator each."""
        return (
            positive_scalar(accelerator_hours, "accelerator_hours")
            * self.flops_per_hour
        )

    def flops_from_money(self, money) -> float:
        """Training FLOPs bought by ``money`` at :attr:`price_per_hour`."""
        if self.price_per_hour is None:
            raise ValueError(
                "a budget given as money needs a price per accelerator-hour; pass price_per_hour."
            )
        return self.flops_from_hours(
            positive_scalar(money, "money") / self.price_per_hour
        )

    def accelerator_hours(self, flops) -> float:
        """Accelerator-hours needed to spend ``flops`` FLOPs."""
        seconds = compute.training_time_seconds(
            flops, self.peak_flops, self.utilisation, 1
        )
        return float(np.asarray(seconds)) / SECONDS_PER_HOUR

    def wall_clock_days(self, flops) -> float | None:
        """Days of wall-clock time on :attr:`n_accelerators` devices; None when that is unset."""
        if self.n_accelerators is None:
            return None
        seconds = compute.training_time_seconds(
            flops, self.peak_flops, self.utilisation, self.n_accelerators
        )
        return float(np.asarray(seconds)) / SECONDS_PER_DAY

    def cost(self, flops) -> float | None:
        """Price of spending ``flops`` FLOPs; None when no price was given."""
        if self.price_per_hour is None:
            return None
        return self.accelerator_hours(flops) * self.price_per_hour


def training_budget(
    flops=None, *, accelerator_hours=None, money=None, hardware: Hardware | None = None
) -> float:
    """The training budget in FLOPs, from exactly one of three ways of stating it.

    Parameters
    ----------
    flops : float, optional
        The budget in FLOPs.
    accelerator_hours : float, optional
        The budget in accelerator-hours; needs ``hardware`` (peak and utilisation).
    money : float, optional
        The budget in money; needs ``hardware`` with a price per hour.
    hardware : Hardware, optional

    Returns
    -------
    float
        FLOPs.

    Raises
    ------
    ValueError
        If not exactly one budget is given, a value is not a positive number,
        or the hardware needed to convert it is missing.
    """
    given = [
        name
        for name, value in (
            ("flops", flops),
            ("accelerator_hours", accelerator_hours),
            ("money", money),
        )
        if value is not None
    ]
    if len(given) != 1:
        described = "none" if not given else " and ".join(given)
        raise ValueError(
            f"give the budget exactly one way (flops, accelerator_hours or money); got {described}."
        )
    if flops is not None:
        return positive_scalar(flops, "flops")
    if hardware is None:
        raise ValueError(
            f"a budget given as {given[0]} needs the hardware's peak FLOP/s and utilisation to become FLOPs."
        )
    if accelerator_hours is not None:
        return hardware.flops_from_hours(accelerator_hours)
    return hardware.flops_from_money(money)
