"""Tests for scalinglaws.plotting: the book's style and its log-log helpers."""

import matplotlib

matplotlib.use("Agg")  # no display in CI; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from scalinglaws import plotting  # noqa: E402


@pytest.fixture
def ax():
    fig, axes = plt.subplots()
    yield axes
    plt.close(fig)


@pytest.mark.parametrize(
    "value, expected",
    [
        (1.4e12, "1.4T"),
        (70e9, "70B"),
        (175e9, "175B"),
        (1.5e9, "1.5B"),
        (8.63e9, "8.63B"),
        (299_892_736_000, "300B"),  # Pythia's token count rounds to 3 digits
        (999.96e9, "1T"),  # rounding carries into the next suffix
        (15.6e12, "15.6T"),
        (22e6, "22M"),
        (1e3, "1k"),
        (768, "768"),
        (0.5, "0.5"),
        (0, "0"),
        (-2.5e6, "-2.5M"),
        (5.76e23, "5.76e23"),
        (1e15, "1e15"),
    ],
)
def test_format_si(value, expected):
    assert plotting.format_si(value) == expected


def test_format_si_digits():
    assert plotting.format_si(1.23456e9, digits=2) == "1.2B"
    assert plotting.format_si(1.23456e9, digits=5) == "1.2346B"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), [1.0, 2.0], "ten"])
def test_format_si_rejects_non_scalars_and_non_finite(bad):
    with pytest.raises(ValueError):
        plotting.format_si(bad)


@pytest.mark.parametrize("digits", [0, -1, 2.5, True])
def test_format_si_rejects_bad_digits(digits):
    with pytest.raises(ValueError, match="digits"):
        plotting.format_si(1e9, digits=digits)


@pytest.mark.parametrize(
    "value, expected",
    [
        (1e21, "$10^{21}$"),
        (5.76e23, "$5.76\\times10^{23}$"),
        (6e18, "$6\\times10^{18}$"),
        (3.1e-8, "$3.1\\times10^{-8}$"),
    ],
)
def test_format_sci(value, expected):
    assert plotting.format_sci(value) == expected


def test_format_sci_rejects_zero():
    with pytest.raises(ValueError, match="non-zero"):
        plotting.format_sci(0.0)


def test_use_book_style_sets_rcparams_and_context_restores():
    with matplotlib.rc_context():
        plotting.use_book_style()
        assert matplotlib.rcParams["axes.grid"] is True
        assert (
            matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][0]
            == plotting.BOOK_COLOURS[0]
        )
    before = matplotlib.rcParams["font.size"]
    with plotting.book_style():
        assert matplotlib.rcParams["font.size"] == plotting.BOOK_STYLE["font.size"]
        assert matplotlib.rcParams["legend.frameon"] is False
    assert matplotlib.rcParams["font.size"] == before


def test_loglog_axes_sets_log_scales_and_labels(ax):
    plotting.loglog_axes(ax, "parameters N", "loss (nats/token)", si_x=True)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert ax.get_xlabel() == "parameters N"
    assert ax.get_ylabel() == "loss (nats/token)"
    assert ax.xaxis.get_major_formatter() is plotting.SI_FORMATTER
    assert ax.yaxis.get_major_formatter() is not plotting.SI_FORMATTER
    assert plotting.SI_FORMATTER(1e9, 0) == "1B"
    assert plotting.SI_FORMATTER(0.0, 0) == ""


@pytest.mark.parametrize("label", ["", "   ", None])
def test_loglog_axes_requires_labels(ax, label):
    with pytest.raises(ValueError, match="xlabel"):
        plotting.loglog_axes(ax, label, "loss")


def test_plot_power_law_draws_the_function_on_log_spaced_points(ax):
    plotting.loglog_axes(ax, "N", "L")
    line = plotting.plot_power_law(
        ax, lambda x: (8.8e13 / x) ** 0.076, (1e3, 1e9), "Kaplan", n_points=7
    )
    x, y = line.get_data()
    np.testing.assert_allclose(x, np.logspace(3, 9, 7))
    np.testing.assert_allclose(y, (8.8e13 / x) ** 0.076)
    assert line.get_label() == "Kaplan"
    ax.figure.canvas.draw()  # renders without error


@pytest.mark.parametrize(
    "bad_range", [(1e9, 1e3), (0, 10), (-1, 10), (1, 2, 3), (5, 5)]
)
def test_plot_power_law_rejects_bad_ranges(ax, bad_range):
    with pytest.raises(ValueError, match="x_range"):
        plotting.plot_power_law(ax, np.sqrt, bad_range)


def test_plot_power_law_rejects_values_a_log_axis_cannot_show(ax):
    with pytest.raises(ValueError, match="non-positive"):
        plotting.plot_power_law(ax, lambda x: 1.0 - x, (0.5, 2.0))
    with pytest.raises(ValueError, match="one value per x"):
        plotting.plot_power_law(ax, lambda x: 1.0, (0.5, 2.0))
    with pytest.raises(ValueError, match="n_points"):
        plotting.plot_power_law(ax, np.sqrt, (0.5, 2.0), n_points=1)


def test_add_isoflop_lines_follow_c_equals_6nd(ax):
    plotting.loglog_axes(ax, "N", "D", si_x=True, si_y=True)
    ax.set_xlim(1e7, 1e13)
    ax.set_ylim(1e9, 1e14)
    budgets = [1e19, 1e21, 1e23]
    lines = plotting.add_isoflop_lines(ax, budgets)
    assert len(lines) == 3
    for budget, line in zip(budgets, lines):
        n, d = line.get_data()
        np.testing.assert_allclose(6 * n * d, budget, rtol=1e-12)
        np.testing.assert_allclose([n.min(), n.max()], [1e7, 1e13])
    assert lines[0].get_label().startswith("isoFLOP")
    assert lines[1].get_label().startswith("_")  # only one legend entry
    labels = [t for t in ax.texts if "FLOPs" in t.get_text()]
    assert len(labels) == 3
    for text in labels:
        n, d = text.xy
        assert 1e9 <= d <= 1e14
    ax.figure.canvas.draw()


def test_add_isoflop_lines_skips_labels_outside_the_view(ax):
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(1e7, 1e8)
    ax.set_ylim(1e9, 1e10)
    plotting.add_isoflop_lines(ax, [1e30])  # D = 1e30/6N is far above the view
    assert not ax.texts


@pytest.mark.parametrize("bad", [[1e21, 0.0], [float("nan")], []])
def test_add_isoflop_lines_rejects_bad_budgets(ax, bad):
    ax.set_xlim(1e7, 1e13)
    with pytest.raises(ValueError, match="C_values"):
        plotting.add_isoflop_lines(ax, bad)


def test_add_tokens_per_parameter_line(ax):
    ax.set_xscale("log")
    ax.set_yscale("log")
    line = plotting.add_tokens_per_parameter_line(ax, 20, n_range=(1e8, 1e12))
    n, d = line.get_data()
    np.testing.assert_allclose(d / n, 20.0)
    np.testing.assert_allclose(n, [1e8, 1e12])
    assert line.get_label() == "D = 20 N"
    with pytest.raises(ValueError, match="tokens_per_parameter"):
        plotting.add_tokens_per_parameter_line(ax, -20)


def test_annotate_points(ax):
    notes = plotting.annotate_points(
        ax,
        [175e9, 70e9],
        [300e9, 1.4e12],
        ["GPT-3", "Chinchilla"],
        offsets=[(4, 3), (-40, 5)],
    )
    assert [n.get_text() for n in notes] == ["GPT-3", "Chinchilla"]
    assert notes[1].xy == (70e9, 1.4e12)
    assert notes[1].xyann == (-40, 5)
    with pytest.raises(ValueError, match="same length"):
        plotting.annotate_points(ax, [1.0, 2.0], [1.0], ["a", "b"])
    with pytest.raises(ValueError, match="same length"):
        plotting.annotate_points(ax, [1.0], [1.0], ["a"], offsets=[(1, 1), (2, 2)])


def test_plain_y_labels_a_loss_axis_with_plain_numbers(ax):
    plotting.loglog_axes(ax, "N", "loss (nats/token)", plain_y=True)
    ax.plot([1e3, 1e9], [2.2, 6.5])
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    shown = [label for label in labels if 2.2 <= float(label) <= 6.5]
    assert shown == ["3", "4", "5", "6"]
    with pytest.raises(ValueError, match="plain_y"):
        plotting.loglog_axes(ax, "N", "loss", si_y=True, plain_y=True)


def test_annotations_sit_on_a_white_box_unless_told_otherwise(ax):
    (boxed,) = plotting.annotate_points(ax, [1.0], [1.0], ["a"])
    (bare,) = plotting.annotate_points(ax, [1.0], [1.0], ["b"], bbox=None)
    assert boxed.get_bbox_patch() is not None
    assert bare.get_bbox_patch() is None


def test_plot_models_over_time_draws_every_model_with_tokens():
    import matplotlib.pyplot as plt

    from scalinglaws import datasets

    zoo = datasets.load("model_zoo").set_index("model")
    fig, (ax_size, ax_ratio) = plt.subplots(1, 2)
    plotting.plot_models_over_time(ax_size, ax_ratio, zoo)
    with_tokens = zoo["tokens"].notna().sum()
    ratios = sum(len(c.get_offsets()) for c in ax_ratio.collections)
    assert ratios == with_tokens
    assert ax_ratio.get_yscale() == "log" and ax_size.get_yscale() == "log"
    with pytest.raises(ValueError, match="not models of the table"):
        plotting.plot_models_over_time(ax_size, ax_ratio, zoo, turn="GPT-5")
    with pytest.raises(ValueError, match="not models of the table"):
        plotting.plot_models_over_time(ax_size, ax_ratio, zoo, labelled=["GPT-5"])
    with pytest.raises(ValueError, match="columns"):
        plotting.plot_models_over_time(ax_size, ax_ratio, zoo.drop(columns="released"))
    plt.close(fig)


def test_kaplan_figure1_spans_eight_decades_ending_at_the_largest_run():
    from scalinglaws import compute, laws

    K = laws.KAPLAN_2020
    low, high = plotting.kaplan_compute_range(K)
    largest = compute.flops_to_pf_days(6 * 1.5e9 * 2.5e5 * 2**19)
    assert high == pytest.approx(largest, rel=1e-12) and high / low == pytest.approx(
        1e8
    )
    fig, axes = plt.subplots(1, 3, sharey=True)
    plotting.plot_kaplan_figure1(axes, K)
    assert axes[0].get_xlim() == pytest.approx((low, high))
    assert [len(ax.get_lines()) for ax in axes] == [1, 1, 1]
    plt.close(fig)
    fig, axes = plt.subplots(1, 3, sharey=True)
    C = np.geomspace(low, high, 5)
    plotting.plot_kaplan_figure1(
        axes,
        K,
        curves=([C, C], [K.loss_c(C) + 1, K.loss_c(C) + 0.5]),
        envelope=(C, K.loss_c(C)),
    )
    assert (
        len(axes[0].get_lines()) == 5
    )  # two curves, their legend entry, envelope, law
    with pytest.raises(ValueError, match="three axes"):
        plotting.plot_kaplan_figure1(axes[:2], K)
    plt.close(fig)


def test_semilogx_axes_is_log_x_linear_y():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    assert plotting.semilogx_axes(ax, "parameters N", "accuracy", si_x=True) is ax
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "linear")
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("parameters N", "accuracy")
    assert ax.xaxis.get_major_formatter() is plotting.SI_FORMATTER
    with pytest.raises(ValueError, match="xlabel"):
        plotting.semilogx_axes(ax, "")
    plt.close(fig)
