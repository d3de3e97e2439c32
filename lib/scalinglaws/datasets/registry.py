"""The registry of external datasets: what each one is, its files, licence and citation.

An external dataset is never copied into this repository. The registry pins each
of its files to a commit of the upstream GitHub repository and to a sha256, so
that :mod:`scalinglaws.datasets.fetch` can get the file (from a local mirror or
by download) and prove it is byte-for-byte the file the book was written against.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from . import _manifest

RAW_URL_PREFIX = "https://raw.githubusercontent.com/"


@dataclass(frozen=True)
class RemoteFile:
    """One file pinned to a commit of a GitHub repository.

    Attributes
    ----------
    owner, repo, commit : str
        Where the file lives upstream; ``commit`` is the full 40-hex-digit hash.
    path : str
        The file's path inside the repository (POSIX separators).
    sha256 : str
        Hex digest of the file's bytes.
    size : int
        The file's size in bytes.
    """

    owner: str
    repo: str
    commit: str
    path: str
    sha256: str
    size: int

    @property
    def url(self) -> str:
        """The raw-file URL, ``https://raw.githubusercontent.com/OWNER/REPO/COMMIT/PATH``."""
        return f"{RAW_URL_PREFIX}{self.owner}/{self.repo}/{self.commit}/{self.path}"

    @property
    def relative_path(self) -> PurePosixPath:
        """``OWNER/REPO/COMMIT/PATH``: where the file sits in a mirror or in the cache."""
        return PurePosixPath(self.owner, self.repo, self.commit, self.path)


@dataclass(frozen=True)
class DatasetInfo:
    """What a dataset is, where it comes from, and on what terms it may be used.

    Attributes
    ----------
    name : str
        The name passed to :func:`scalinglaws.datasets.load`.
    kind : str
        ``"external"`` (fetched and hash-checked) or ``"table"`` (typed from a
        paper and shipped in ``scalinglaws/data``).
    description : str
        One or two sentences: what the rows are.
    licence : str
        The licence of the data, or why there is none.
    citation : str
        The work to cite when using the data.
    files : tuple of RemoteFile
        The pinned files (empty for shipped tables).
    """

    name: str
    kind: str
    description: str
    licence: str
    citation: str
    files: tuple[RemoteFile, ...] = ()

    @property
    def urls(self) -> tuple[str, ...]:
        """The raw-file URL of every file of the dataset."""
        return tuple(f.url for f in self.files)


def _single(path: str) -> tuple[RemoteFile, ...]:
    """The one entry of ``_manifest.SINGLE_FILES`` whose repository path is ``path``."""
    matches = [RemoteFile(*row) for row in _manifest.SINGLE_FILES if row[3] == path]
    if len(matches) != 1:  # a broken manifest is a bug in the package, not bad input
        raise RuntimeError(
            f"the shipped manifest has {len(matches)} entries for {path!r}, expected 1"
        )
    return tuple(matches)


def _pythia_files() -> tuple[RemoteFile, ...]:
    """All 216 Pythia evaluation files, expanded from the manifest's path pattern."""
    return tuple(
        RemoteFile(
            _manifest.PYTHIA_OWNER,
            _manifest.PYTHIA_REPO,
            _manifest.PYTHIA_COMMIT,
            _manifest.PYTHIA_PATH_PATTERN.format(folder=folder, stem=stem),
            sha256,
            size,
        )
        for (folder, stem), (sha256, size) in sorted(_manifest.PYTHIA_FILES.items())
    )


_OBSSCALING_CITATION = (
    "Ruan, Y., Maddison, C. J., & Hashimoto, T. (2024). Observational Scaling Laws and the "
    "Predictability of Language Model Performance. NeurIPS 2024. arXiv:2405.10938. "
    "Data: github.com/ryoungj/ObsScaling, eval_results/."
)

_REVISITING_CITATION = (
    "Alabdulmohsin, I., Neyshabur, B., & Zhai, X. (2022). Revisiting Neural Scaling Laws in "
    "Language and Vision. NeurIPS 2022. arXiv:2209.06640. Data: github.com/google-research/"
    "google-research, revisiting_neural_scaling_laws/data/."
)

EXTERNAL: dict[str, DatasetInfo] = {
    info.name: info
    for info in (
        DatasetInfo(
            name="epoch_chinchilla",
            kind="external",
            description=(
                "245 training runs (model size N, training FLOPs C, final loss) extracted by Epoch AI "
                "from the SVG of Hoffmann et al. (2022) Fig. 4; tokens D = C / (6N)."
            ),
            licence=(
                "No licence stated by the upstream repository: download it from the source, "
                "never redistribute a copy."
            ),
            citation=(
                "Besiroglu, T., Erdil, E., Barnett, M., & You, J. (2024). Chinchilla Scaling: "
                "A replication attempt. arXiv:2404.10102. Data: github.com/epoch-research/"
                "analyzing-chinchilla, data/svg_extracted_data.csv."
            ),
            files=_single("data/svg_extracted_data.csv"),
        ),
        DatasetInfo(
            name="cs336_isoflops",
            kind="external",
            description=(
                "72 synthetic isoFLOP runs (parameters, compute budget, final loss): 9 budgets "
                "from 6e18 to 3e21 FLOPs x 8 model sizes."
            ),
            licence="MIT",
            citation=(
                "Stanford CS336, Language Modeling from Scratch, Assignment 3 (Scaling). "
                "github.com/stanford-cs336/assignment3-scaling, data/isoflops_curves.json."
            ),
            files=_single("data/isoflops_curves.json"),
        ),
        DatasetInfo(
            name="obsscaling_benchmarks",
            kind="external",
            description=(
                "148 public base models: family, size (B parameters), pretraining tokens (T), "
                "FLOPs (1e21) and scores on 8 standard benchmarks."
            ),
            licence="Apache-2.0",
            citation=_OBSSCALING_CITATION,
            files=_single("eval_results/base_llm_benchmark_eval.csv"),
        ),
        DatasetInfo(
            name="obsscaling_emergent",
            kind="external",
            description=(
                "84 public base models scored on BIG-bench emergent tasks (arithmetic, word "
                "unscrambling, IPA transliteration by exact match and by BLEU, ParsiNLU QA)."
            ),
            licence="Apache-2.0",
            citation=_OBSSCALING_CITATION,
            files=_single("eval_results/base_llm_emergent_capability_eval.csv"),
        ),
        DatasetInfo(
            name="pythia_zero_shot",
            kind="external",
            description=(
                "lm-evaluation-harness zero-shot results of the 8 Pythia models (70M to 12B) at "
                "27 checkpoints each (step 0 to 143000), one JSON file per model and checkpoint."
            ),
            licence="Apache-2.0",
            citation=(
                "Biderman, S., et al. (2023). Pythia: A Suite for Analyzing Large Language Models "
                "Across Training and Scaling. ICML 2023. arXiv:2304.01373. Data: "
                "github.com/EleutherAI/pythia, evals/pythia-v1/."
            ),
            files=_pythia_files(),
        ),
        DatasetInfo(
            name="revisiting_vision",
            kind="external",
            description=(
                "72 few-shot learning curves (Alabdulmohsin et al. 2022's benchmark): n-shot error "
                "rate against examples seen for ViT, BiT and MLP-Mixer models on Birds, CIFAR-100, "
                "Caltech-101 and ImageNet at 5, 10 and 25 shots, each split into rows to fit and "
                "later rows to predict."
            ),
            licence="Apache-2.0",
            citation=_REVISITING_CITATION,
            files=_single("revisiting_neural_scaling_laws/data/benchmark.vision.csv"),
        ),
        DatasetInfo(
            name="revisiting_lang",
            kind="external",
            description=(
                "20 language learning curves (Alabdulmohsin et al. 2022's benchmark): 5 neural machine "
                "translation (log-perplexity), 5 language modelling (validation log-loss) and 10 "
                "BIG-bench 1- and 2-shot curves, against examples or tokens seen, each split into rows "
                "to fit and later rows to predict."
            ),
            licence="Apache-2.0",
            citation=_REVISITING_CITATION,
            files=_single("revisiting_neural_scaling_laws/data/benchmark.lang.csv"),
        ),
        DatasetInfo(
            name="tinyshakespeare",
            kind="external",
            description="Tiny Shakespeare: 1,115,394 characters of Shakespeare's plays as plain text.",
            licence=(
                "No licence file upstream; the text is Shakespeare's and in the public domain."
            ),
            citation=(
                "Karpathy, A. (2015). char-rnn. github.com/karpathy/char-rnn, "
                "data/tinyshakespeare/input.txt."
            ),
            files=_single("data/tinyshakespeare/input.txt"),
        ),
    )
}


def all_remote_files() -> tuple[RemoteFile, ...]:
    """Every pinned file of every external dataset (223 files)."""
    return tuple(f for info in EXTERNAL.values() for f in info.files)
