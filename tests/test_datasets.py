"""Tests of scalinglaws.datasets' external data: registry, mirror, cache, hashes and loaders.

Every test reads the dataset mirror (``SCALINGLAWS_DATA_MIRROR``, by default the
project's ``../shared/data/github``) and none may touch the network: the
``offline`` fixture makes any socket connection or DNS lookup raise.
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import urllib.error
from pathlib import Path

import numpy as np
import pytest

from scalinglaws import datasets
from scalinglaws.datasets import fetch, registry

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MIRROR = REPO_ROOT.parent / "shared" / "data" / "github"


class NetworkAccessAttempted(Exception):
    """Raised by the offline guard; deliberately not an OSError, so nothing catches it."""


def _no_network(*args, **kwargs):
    raise NetworkAccessAttempted(f"a test tried to reach the network: {args!r}")


@pytest.fixture(scope="session")
def mirror_dir() -> Path:
    mirror = Path(os.environ.get(fetch.MIRROR_ENV) or DEFAULT_MIRROR).resolve()
    if not mirror.is_dir():
        pytest.fail(
            f"the dataset mirror {mirror} does not exist; set {fetch.MIRROR_ENV} to a folder laid out as "
            "OWNER/REPO/COMMIT/PATH (the project's is ../shared/data/github)."
        )
    return mirror


@pytest.fixture(autouse=True)
def offline(monkeypatch, mirror_dir):
    """Point the loaders at the mirror and make every network attempt fail the test."""
    monkeypatch.setenv(fetch.MIRROR_ENV, str(mirror_dir))
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    monkeypatch.setattr(socket, "getaddrinfo", _no_network)


def _use_cache_instead_of_mirror(monkeypatch, tmp_path) -> Path:
    monkeypatch.delenv(fetch.MIRROR_ENV)
    cache = tmp_path / "cache"
    monkeypatch.setenv(fetch.CACHE_ENV, str(cache))
    return cache


# --- the registry -----------------------------------------------------------------


def test_registry_matches_the_mirror_manifest(mirror_dir):
    manifest = mirror_dir.parent / "MANIFEST.tsv"
    assert manifest.is_file(), (
        f"no MANIFEST.tsv beside the mirror {mirror_dir}: point SCALINGLAWS_DATA_MIRROR at shared/data/github"
    )
    with open(manifest, encoding="utf-8") as handle:
        listed = {
            (r["url"], r["sha256"], int(r["bytes"]))
            for r in csv.DictReader(handle, delimiter="\t")
        }
    registered = {(f.url, f.sha256, f.size) for f in registry.all_remote_files()}
    assert registered == listed
    assert len(registered) == 223


def test_every_registered_file_is_in_the_mirror_with_its_pinned_hash(mirror_dir):
    files = registry.all_remote_files()
    assert len({f.url for f in files}) == len(files) == 223
    for remote in files:
        local = fetch.local_path(remote)
        assert local == mirror_dir / remote.relative_path
        assert local.stat().st_size == remote.size
        assert fetch.sha256_of(local) == remote.sha256


def test_urls_are_pinned_raw_file_urls():
    for remote in registry.all_remote_files():
        assert remote.url.startswith("https://raw.githubusercontent.com/")
        assert len(remote.commit) == 40 and int(remote.commit, 16) >= 0
        assert remote.url.endswith("/" + remote.path)


def test_info_gives_licence_and_citation_for_every_name():
    for name in datasets.available():
        about = datasets.info(name)
        assert about.name == name
        assert (
            about.licence.strip()
            and about.citation.strip()
            and about.description.strip()
        )
    assert "No licence" in datasets.info("epoch_chinchilla").licence
    assert datasets.info("pythia_zero_shot").licence == "Apache-2.0"
    assert datasets.info("cs336_isoflops").licence == "MIT"
    assert "2404.10102" in datasets.info("epoch_chinchilla").citation
    assert len(datasets.info("pythia_zero_shot").urls) == 216
    assert (
        datasets.info("model_zoo").kind == "table"
        and datasets.info("model_zoo").files == ()
    )


def test_available_lists_tables_and_external_data():
    external = datasets.available("external")
    assert external == sorted(
        [
            "epoch_chinchilla",
            "cs336_isoflops",
            "obsscaling_benchmarks",
            "obsscaling_emergent",
            "pythia_zero_shot",
            "revisiting_lang",
            "revisiting_vision",
            "tinyshakespeare",
        ]
    )
    assert "chinchilla_table3" in datasets.available("table")
    assert datasets.available() == sorted(external + datasets.available("table"))
    with pytest.raises(ValueError, match="kind"):
        datasets.available("remote")


def test_unknown_name_lists_the_known_names():
    with pytest.raises(
        ValueError, match="unknown dataset 'chinchila'.*epoch_chinchilla.*model_zoo"
    ):
        datasets.load("chinchila")
    with pytest.raises(ValueError, match="known names"):
        datasets.info("nope")


# --- loaders ----------------------------------------------------------------------


def test_epoch_chinchilla_has_245_runs_with_d_equal_c_over_6n():
    runs = datasets.load("epoch_chinchilla")
    assert list(runs.columns) == ["N", "D", "C", "loss"]
    assert len(runs) == 245
    assert all(runs[c].dtype == np.float64 for c in runs.columns)
    np.testing.assert_allclose(runs["D"], runs["C"] / (6 * runs["N"]), rtol=1e-12)
    # First row of the file, as written there (file order is kept); exact, because
    # parsing a decimal gives the same double everywhere.
    first = runs.iloc[0]
    assert first["N"] == 6795600349.289497
    assert first["C"] == 9.993852799709755e18
    assert first["loss"] == 5.005581996196243
    # The loss is decoded from a colour bar, hence quantised.
    assert runs["loss"].nunique() == 99


def test_epoch_drop_highest_gives_epochs_240_points_in_file_order():
    everything = datasets.load("epoch_chinchilla")
    kept = datasets.load(
        "epoch_chinchilla", drop_highest=datasets.EPOCH_DROPPED_HIGHEST
    )
    assert len(kept) == 240
    # The five highest losses are the first five rows of the file.
    top_five = everything["loss"].nlargest(5).index
    assert sorted(top_five) == [0, 1, 2, 3, 4]
    np.testing.assert_array_equal(kept.to_numpy(), everything.iloc[5:].to_numpy())
    assert kept["loss"].max() < everything["loss"].nlargest(5).min()
    for bad in (-1, 245, 2.5, True, "5"):
        with pytest.raises(ValueError, match="drop_highest"):
            datasets.load("epoch_chinchilla", drop_highest=bad)


def test_cs336_isoflops_is_9_budgets_by_8_sizes():
    runs = datasets.load("cs336_isoflops")
    assert list(runs.columns) == ["N", "C", "loss"]
    assert len(runs) == 72
    per_budget = runs.groupby("C").size()
    assert len(per_budget) == 9 and (per_budget == 8).all()
    assert runs["C"].min() == 6e18 and runs["C"].max() == 3e21
    assert runs.iloc[0].tolist() == [49999999.0, 6e18, 7.192784500319437]


def test_tinyshakespeare_text():
    text = datasets.read_text("tinyshakespeare")
    assert len(text) == 1115394
    assert text.startswith("First Citizen:")
    with pytest.raises(ValueError, match="read_text"):
        datasets.load("tinyshakespeare")
    with pytest.raises(ValueError, match="not a text dataset"):
        datasets.read_text("epoch_chinchilla")


def test_obsscaling_tables_keep_their_published_columns():
    bench = datasets.load("obsscaling_benchmarks")
    assert len(bench) == 148
    assert list(bench.columns[:5]) == [
        "Model",
        "Model Family",
        "Model Size (B)",
        "Pretraining Data Size (T)",
        "FLOPs (1E21)",
    ]
    llama7 = bench.set_index("Model").loc["meta-llama/Llama-2-7b-hf"]
    assert (
        llama7["Model Size (B)"],
        llama7["Pretraining Data Size (T)"],
        llama7["FLOPs (1E21)"],
    ) == (7.0, 2.0, 84.0)
    emergent = datasets.load("obsscaling_emergent")
    assert len(emergent) == 84
    assert (
        "ipa_transliterate_2_bleu" in emergent.columns
        and "arithmetic_2dm_2_acc" in emergent.columns
    )


def test_pythia_zero_shot_is_tidy_8_models_by_27_steps():
    evals = datasets.load("pythia_zero_shot")
    assert list(evals.columns) == [
        "model",
        "params",
        "step",
        "tokens",
        "task",
        "metric",
        "value",
        "stderr",
    ]
    models = evals.drop_duplicates("model").set_index("model")["params"]
    assert models.to_dict() == {
        "pythia-70m": 70e6,
        "pythia-160m": 160e6,
        "pythia-410m": 410e6,
        "pythia-1b": 1e9,
        "pythia-1.4b": 1.4e9,
        "pythia-2.8b": 2.8e9,
        "pythia-6.9b": 6.9e9,
        "pythia-12b": 12e9,
    }
    assert (evals.groupby("model")["step"].nunique() == 27).all()
    assert evals["step"].max() == 143000
    assert evals.loc[evals["step"] == 143000, "tokens"].iloc[0] == 299_892_736_000
    # 87 tasks in every file; no (model, step, task, metric) twice.
    assert (evals.groupby(["model", "step"])["task"].nunique() == 87).all()
    assert not evals.duplicated(["model", "step", "task", "metric"]).any()
    # LAMBADA at the final checkpoint, as in the files: 70M -> 12B, accuracy up, perplexity down.
    final = evals[
        (evals["step"] == 143000) & (evals["task"] == "lambada_openai")
    ].set_index(["model", "metric"])
    assert final.loc[("pythia-70m", "acc"), "value"] == pytest.approx(
        0.18455268775470599
    )
    assert final.loc[("pythia-12b", "acc"), "value"] == pytest.approx(
        0.7046380749078207
    )
    assert final.loc[("pythia-70m", "ppl"), "value"] == pytest.approx(
        142.42891015470678
    )
    assert final.loc[("pythia-12b", "ppl"), "stderr"] == pytest.approx(
        0.08363088465874972
    )
    assert evals["stderr"].notna().all()  # every metric in these files has a stderr


def test_path_and_paths():
    assert datasets.path("cs336_isoflops").name == "isoflops_curves.json"
    assert len(datasets.paths("pythia_zero_shot")) == 216
    with pytest.raises(ValueError, match="paths"):
        datasets.path("pythia_zero_shot")
    table = datasets.path("chinchilla_table3")
    assert table.is_file() and table.name == "chinchilla_table3.csv"


def test_options_are_checked():
    with pytest.raises(ValueError, match="does not accept"):
        datasets.load("cs336_isoflops", drop_highest=5)
    with pytest.raises(ValueError, match="takes no options"):
        datasets.load("model_zoo", drop_highest=5)


# --- failures are loud ------------------------------------------------------------


def test_corrupted_file_raises_naming_both_hashes(tmp_path, monkeypatch, mirror_dir):
    (remote,) = datasets.info("cs336_isoflops").files
    copy = tmp_path / remote.relative_path
    copy.parent.mkdir(parents=True)
    shutil.copyfile(mirror_dir / remote.relative_path, copy)
    with open(copy, "r+b") as handle:  # change one byte
        first = handle.read(1)
        handle.seek(0)
        handle.write(b"{" if first != b"{" else b"[")
    monkeypatch.setenv(fetch.MIRROR_ENV, str(tmp_path))
    with pytest.raises(datasets.DatasetHashMismatch) as error:
        datasets.load("cs336_isoflops")
    message = str(error.value)
    assert (
        remote.sha256 in message
        and fetch.sha256_of(copy) in message
        and remote.url in message
    )


def test_missing_file_in_mirror_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv(fetch.MIRROR_ENV, str(tmp_path))
    with pytest.raises(datasets.DatasetNotAvailable) as error:
        datasets.load("epoch_chinchilla")
    assert isinstance(error.value, FileNotFoundError)
    message = str(error.value)
    (remote,) = datasets.info("epoch_chinchilla").files
    assert "SCALINGLAWS_DATA_MIRROR" in message
    assert remote.url in message and str(remote.relative_path) in message


def test_cache_is_used_when_the_mirror_is_unset(tmp_path, monkeypatch, mirror_dir):
    cache = _use_cache_instead_of_mirror(monkeypatch, tmp_path)
    downloads = []

    def copy_from_mirror(url, destination):
        downloads.append(url)
        relative = url[len(registry.RAW_URL_PREFIX) :]
        shutil.copyfile(mirror_dir / relative, destination)

    monkeypatch.setattr(fetch, "download", copy_from_mirror)
    (remote,) = datasets.info("cs336_isoflops").files
    first = datasets.load("cs336_isoflops")
    assert downloads == [remote.url]
    cached = cache / remote.relative_path
    assert cached.is_file() and fetch.sha256_of(cached) == remote.sha256
    assert datasets.path("cs336_isoflops") == cached
    second = datasets.load(
        "cs336_isoflops"
    )  # served from the cache, no second download
    assert downloads == [remote.url]
    assert first.equals(second) and len(second) == 72
    assert sorted(p.name for p in cached.parent.iterdir()) == [
        "isoflops_curves.json"
    ]  # no leftovers


def test_failed_download_is_a_clear_error_and_leaves_nothing(tmp_path, monkeypatch):
    cache = _use_cache_instead_of_mirror(monkeypatch, tmp_path)

    def unreachable(url, destination):
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(fetch, "download", unreachable)
    with pytest.raises(datasets.DatasetNotAvailable) as error:
        datasets.read_text("tinyshakespeare")
    (remote,) = datasets.info("tinyshakespeare").files
    message = str(error.value)
    assert (
        remote.url in message
        and "SCALINGLAWS_DATA_MIRROR" in message
        and "network" in message
    )
    assert not any(p.is_file() for p in cache.rglob("*"))


def test_corrupted_download_is_rejected_and_not_cached(tmp_path, monkeypatch):
    cache = _use_cache_instead_of_mirror(monkeypatch, tmp_path)
    monkeypatch.setattr(
        fetch,
        "download",
        lambda url, destination: Path(destination).write_text("<html>404</html>"),
    )
    with pytest.raises(datasets.DatasetHashMismatch, match="downloaded"):
        datasets.load("epoch_chinchilla")
    assert not any(p.is_file() for p in cache.rglob("*"))


def test_corrupted_cache_file_is_reported(tmp_path, monkeypatch):
    cache = _use_cache_instead_of_mirror(monkeypatch, tmp_path)
    (remote,) = datasets.info("obsscaling_emergent").files
    stale = cache / remote.relative_path
    stale.parent.mkdir(parents=True)
    stale.write_text("Model\n")
    monkeypatch.setattr(fetch, "download", _no_network)
    with pytest.raises(datasets.DatasetHashMismatch, match="cached"):
        datasets.load("obsscaling_emergent")


def test_real_downloader_reads_a_url(tmp_path, mirror_dir):
    # A file:// URL exercises the urllib code path without any network.
    (remote,) = datasets.info("cs336_isoflops").files
    source = mirror_dir / remote.relative_path
    target = tmp_path / "copy.json"
    fetch.download(source.as_uri(), target)
    assert fetch.sha256_of(target) == remote.sha256


def test_default_cache_location(monkeypatch, tmp_path):
    monkeypatch.delenv(fetch.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert fetch.cache_root() == tmp_path / "scalinglaws"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert fetch.cache_root() == Path.home() / ".cache" / "scalinglaws"
    monkeypatch.setenv(fetch.CACHE_ENV, str(tmp_path / "c"))
    assert fetch.cache_root() == tmp_path / "c"


def test_offline_guard_blocks_the_network():
    # The guard itself must work, or the other tests would prove nothing about the network.
    with pytest.raises(NetworkAccessAttempted):
        socket.create_connection(("example.org", 80), timeout=1)


def test_revisiting_benchmark_has_92_curves_split_for_extrapolation():
    # Alabdulmohsin et al. (2022), README of the benchmark: 72 IC, 5 NMT, 5 LM, 10 BB curves.
    vision = datasets.load("revisiting_vision")
    lang = datasets.load("revisiting_lang")
    assert list(vision.columns) == [
        "curve",
        "domain",
        "task",
        "model",
        "examples",
        "loss",
        "fit",
    ]
    assert list(lang.columns) == list(vision.columns)
    assert (len(vision), len(lang)) == (18883, 1399)
    assert vision.groupby("domain")["curve"].nunique().to_dict() == {"IC": 72}
    assert lang.groupby("domain")["curve"].nunique().to_dict() == {
        "BB": 10,
        "LM": 5,
        "NMT": 5,
    }
    assert set(vision["model"]) == {
        "ViT/S/16",
        "ViT/B/16",
        "BiT/50/1",
        "BiT/101/3",
        "MiX/B/16",
        "MiX/L/16",
    }
    for df in (vision, lang):
        assert (
            df["fit"].dtype == bool
            and df["examples"].dtype == float
            and (df["examples"] > 0).all()
        )
        # every curve has rows to fit and rows to predict, the latter at larger x
        for _, curve in df.groupby("curve"):
            fit, held = curve[curve["fit"]], curve[~curve["fit"]]
            assert len(fit) >= 2 and len(held) >= 1
            assert held["examples"].min() > fit["examples"].max()
    assert (vision["loss"] > 0).all() and (vision["loss"] < 1).all()  # error rates
    assert "2209.06640" in datasets.info("revisiting_vision").citation
