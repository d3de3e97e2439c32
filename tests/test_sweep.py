"""Run configs and the sweep runner: validation, resumption after interruption, and any executor."""

import concurrent.futures
import os
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from scalinglaws.train import recipes as book
from scalinglaws.train.config import RunConfig
from scalinglaws.train.results import COLUMNS, learning_curves, load_runs, read_results
from scalinglaws.train.run import describe_model, run
from scalinglaws.train.runner import estimated_cost, keep_only, run_sweep


def tiny(width=4, seed=0, tokens=64 * 20):
    return RunConfig(
        family="parity",
        model={"width": width},
        data={"n_tasks": 4, "n_bits": 6, "k": 2},
        tokens=tokens,
        batch_size=64,
        lr=1e-2,
        eval_at=(0, 320),
        eval_size=256,
        seed=seed,
    )


def tiny_markov():
    return RunConfig(
        family="markov",
        model={"d_model": 8, "n_layers": 1, "n_heads": 2},
        data={"vocab_size": 8, "branching": 3},
        tokens=8 * 16 * 10,
        batch_size=8,
        seq_len=16,
        lr=1e-2,
        eval_size=16,
    )


# ----------------------------------------------------------------- configs


def test_config_is_completed_and_round_trips():
    c = tiny()
    assert (
        c.data["zipf_exponent"] == 1.4 and c.data["label_noise"] == 0.0
    )  # defaults written in
    assert RunConfig.from_dict(c.to_dict()) == c
    assert RunConfig.from_dict(c.to_dict()).run_id == c.run_id
    assert c.replace(seed=1).run_id != c.run_id
    assert c.replace(lr=0.02).run_id != c.run_id
    assert c.tokens_per_step == 64 and tiny_markov().tokens_per_step == 128


@pytest.mark.parametrize(
    "change, field",
    [
        ({"colour": "red"}, "colour"),
        ({"model": {"width": 4, "depth": 2}}, "model.'depth'"),
        ({"data": {"n_tasks": 4, "bits": 6}}, "data.'bits'"),
        ({"model": {"width": 0}}, "model.width"),
        ({"model": {}}, "model.'width'"),
        ({"tokens": 63}, "tokens"),
        ({"tokens": -5}, "tokens"),
        ({"batch_size": 0}, "batch_size"),
        ({"lr": 0.0}, "lr"),
        ({"seq_len": 8}, "seq_len"),
        ({"family": "vision"}, "family"),
        ({"eval_at": [-1]}, "eval_at"),
        ({"warmup_fraction": 1.5}, "warmup_fraction"),
    ],
)
def test_bad_configs_name_the_field(change, field):
    settings = {**tiny().to_dict(), **change}
    with pytest.raises(ValueError, match=field.replace("(", r"\(").replace(".", r"\.")):
        RunConfig.from_dict(settings)


def test_transformer_config_checks():
    with pytest.raises(ValueError, match="tokens"):
        tiny_markov().replace(tokens=100)  # less than one batch of 8 x 16
    with pytest.raises(ValueError, match="dataset_size"):
        tiny_markov().replace(dataset_size=1000)
    with pytest.raises(ValueError, match="model.n_layers"):
        tiny_markov().replace(model={"d_model": 8, "n_layers": 0, "n_heads": 2})


def test_describe_model_matches_the_trained_model():
    info = describe_model(tiny_markov())
    record = run(tiny_markov())
    assert info["n_params"] == record["n_params"]
    assert record["flops_counted"] == pytest.approx(
        info["train_flops_per_token"] * record["tokens"]
    )
    assert (
        record["flops_6nd"] == 6 * record["n_params_non_embedding"] * record["tokens"]
    )
    assert (
        record["irreducible_loss"] > 0
        and abs(record["eval_floor"] - record["irreducible_loss"]) < 0.2
    )


def test_parity_run_records_per_task_metrics_and_a_finite_training_set():
    record = run(tiny(width=8).replace(dataset_size=100))
    assert len(record["per_task_accuracy"]) == 4
    assert len(record["per_task_loss_curve"]) == len(record["curve_loss"]) == 3
    assert len(record["per_task_accuracy_curve"]) == 3
    assert record["curve_tokens"] == [0, 320, 1280]
    # Accuracy read from the losses (right iff loss < ln 2) agrees with the argmax of the logits.
    np.testing.assert_allclose(
        record["per_task_accuracy_curve"][-1], record["per_task_accuracy"], atol=1e-12
    )
    # Per-task losses are means over each task's held-out examples: their spread brackets the mean loss.
    final = np.array(record["per_task_loss_curve"][-1])
    assert final.min() <= record["final_loss"] <= final.max()


# ----------------------------------------------------------------- the runner


class CountingExecutor(concurrent.futures.ThreadPoolExecutor):
    """A thread pool that counts submissions, to see which runs a sweep actually trains."""

    def __init__(self):
        super().__init__(max_workers=2)
        self.submitted = 0

    def submit(self, fn, *args, **kwargs):
        self.submitted += 1
        return super().submit(fn, *args, **kwargs)


def test_sweep_writes_every_run_and_skips_finished_ones(tmp_path):
    path = tmp_path / "sweep.csv"
    configs = [tiny(w) for w in (2, 4, 8)]
    with CountingExecutor() as ex:
        df = run_sweep(configs, path, executor=ex, progress=False)
        assert ex.submitted == 3
        assert list(df["run_id"]) == [c.run_id for c in configs]
        run_sweep(configs, path, executor=ex, progress=False)
        assert ex.submitted == 3  # nothing re-run
        run_sweep(configs + [tiny(16)], path, executor=ex, progress=False)
        assert ex.submitted == 4
    df = read_results(path)
    assert len(df) == 4 and tuple(df.columns) == COLUMNS
    assert df["config"][0]["model"]["width"] in (2, 4, 8, 16)
    assert all(isinstance(curve, list) for curve in df["curve_loss"])
    curves = learning_curves(df)
    assert len(curves) == 4 * 3 and set(curves["tokens"]) == {0, 320, 1280}
    keep_only(path, [configs[1].run_id])
    assert list(read_results(path)["run_id"]) == [configs[1].run_id]
    assert list(load_runs(path)["run_id"]) == [configs[1].run_id]


def test_interrupted_sweep_keeps_finished_runs_and_resumes(tmp_path):
    path = tmp_path / "sweep.csv"
    configs = [tiny(w) for w in (2, 4, 8, 16)]
    seen = []

    def interrupt_after_two(record):
        seen.append(record["run_id"])
        if len(seen) == 2:
            raise KeyboardInterrupt

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as ex:
        with pytest.raises(KeyboardInterrupt):
            run_sweep(
                configs,
                path,
                executor=ex,
                progress=False,
                on_result=interrupt_after_two,
            )
    assert set(read_results(path)["run_id"]) == set(seen)
    # A run killed while its row was being written leaves half a line: it is dropped on resume.
    with open(path, "a") as f:
        f.write("deadbeef,parity,12")
    resumed = []
    with CountingExecutor() as ex:
        df = run_sweep(
            configs,
            path,
            executor=ex,
            progress=False,
            on_result=lambda r: resumed.append(r["run_id"]),
        )
        assert ex.submitted == 2
    assert set(resumed) == {c.run_id for c in configs} - set(seen)
    assert sorted(read_results(path)["run_id"]) == sorted(c.run_id for c in configs)
    # Interrupted or not, each run's numbers are the same.
    assert df["final_loss"].tolist() == [run(c)["final_loss"] for c in configs]


def test_killed_sweep_process_loses_no_finished_run(tmp_path):
    """SIGKILL a sweep (default process pool) once a run is on disk, then resume it."""
    path = tmp_path / "sweep.csv"
    configs = [
        tiny(width=32, tokens=64 * 1500, seed=s) for s in range(3)
    ]  # about a second each
    script = tmp_path / "sweep.py"
    script.write_text(
        textwrap.dedent(f"""
        from scalinglaws.train.runner import run_sweep
        if __name__ == "__main__":
            run_sweep({[c.to_dict() for c in configs]!r}, {str(path)!r}, workers=1, progress=False)
    """)
    )
    proc = subprocess.Popen([sys.executable, str(script)], start_new_session=True)
    try:
        deadline = time.time() + 60
        while time.time() < deadline and not (
            path.exists() and len(path.read_text().splitlines()) >= 2
        ):
            time.sleep(0.02)
    finally:
        os.killpg(
            proc.pid, signal.SIGKILL
        )  # the sweep and its worker, as a crash would
        proc.wait()
    finished = read_results(path)
    assert 1 <= len(finished) < 3, (
        "the kill should land after the first run and before the last"
    )
    with CountingExecutor() as ex:
        df = run_sweep(configs, path, executor=ex, progress=False)
        assert ex.submitted == 3 - len(finished)  # finished runs are not trained again
    assert len(read_results(path)) == 3
    kept = df.set_index("run_id").loc[finished["run_id"], "final_loss"].tolist()
    assert kept == finished["final_loss"].tolist()


def test_default_process_pool_gives_the_same_numbers(tmp_path):
    configs = [tiny(4), tiny(8)]
    df = run_sweep(configs, tmp_path / "pool.csv", workers=2, progress=False)
    assert df["final_loss"].tolist() == [run(c)["final_loss"] for c in configs]


def test_sweep_runs_on_a_dask_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")
    configs = [tiny(4), tiny(8)]
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        df = run_sweep(
            configs,
            tmp_path / "dask.csv",
            executor=client.get_executor(),
            progress=False,
        )
    assert df["final_loss"].tolist() == [run(c)["final_loss"] for c in configs]


def test_duplicate_runs_are_refused(tmp_path):
    with pytest.raises(ValueError, match="same run twice"):
        run_sweep([tiny(), tiny()], tmp_path / "x.csv", progress=False)


def test_book_sweeps_meet_their_design():
    """Sizes and budgets of the committed designs, checked without training anything."""
    iso = book.SWEEPS["parity_isoflop_noisy"]()
    budgets = sorted({c.tags["budget"] for c in iso})
    assert len(budgets) >= 4 and all(
        sum(c.tags["budget"] == b for c in iso) >= 5 for b in budgets
    )
    assert all(c.data["label_noise"] == book.PARITY_NOISE for c in iso)
    markov = book.SWEEPS["markov_isoflop"]()
    assert len({c.tags["budget"] for c in markov}) >= 4 and len(markov) >= 20
    for c in markov:  # D = C / 6N to within one step
        n = describe_model(c)["n_params_non_embedding"]
        assert abs(6 * n * c.tokens - c.tags["budget"]) <= 6 * n * c.tokens_per_step
    quick = book.quick()  # the live subset notebooks re-train: every family, a small fraction of the compute
    assert {c.family for c in quick} == {"parity", "markov", "shakespeare"}
    assert sum(estimated_cost(c) for c in quick) < 0.05 * sum(
        estimated_cost(c) for c in markov
    )
    ids = [c.run_id for build in book.SWEEPS.values() for c in build()]
    assert len(ids) == len(set(ids))
    assert np.all(
        [c.tokens >= 100 * c.tokens_per_step for c in iso]
    )  # every run takes 100+ steps
