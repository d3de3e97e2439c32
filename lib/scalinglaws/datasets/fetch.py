"""Getting a pinned external file onto local disk, and proving it is the right one.

Two places a file can come from, in this order of preference:

1. A **mirror**: if the environment variable ``SCALINGLAWS_DATA_MIRROR`` names a
   folder, the file is read from ``$SCALINGLAWS_DATA_MIRROR/OWNER/REPO/COMMIT/PATH``
   and nothing is downloaded. CI and the tests work this way, offline.
2. A **cache**: otherwise the file is downloaded once from its raw-file URL into
   ``$SCALINGLAWS_CACHE/OWNER/REPO/COMMIT/PATH`` (default cache folder:
   ``$XDG_CACHE_HOME/scalinglaws``, or ``~/.cache/scalinglaws``) and reused after.

Either way the file's sha256 is checked against the registry before it is used.
A file that cannot be found or downloaded raises :class:`DatasetNotAvailable`; a
file whose bytes differ raises :class:`DatasetHashMismatch`. Nothing is skipped
silently.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from .registry import RemoteFile

MIRROR_ENV = "SCALINGLAWS_DATA_MIRROR"
CACHE_ENV = "SCALINGLAWS_CACHE"
DOWNLOAD_TIMEOUT_S = 60


class DatasetError(Exception):
    """Base class of the errors raised when an external dataset cannot be used."""


class DatasetNotAvailable(DatasetError, FileNotFoundError):
    """A registered file is neither in the mirror nor in the cache, and could not be downloaded."""


class DatasetHashMismatch(DatasetError):
    """A file's sha256 differs from the one pinned in the registry."""


def mirror_root() -> Path | None:
    """The mirror folder named by ``SCALINGLAWS_DATA_MIRROR``, or None when it is unset or empty."""
    value = os.environ.get(MIRROR_ENV, "").strip()
    return Path(value).expanduser() if value else None


def cache_root() -> Path:
    """The download cache: ``SCALINGLAWS_CACHE``, else ``$XDG_CACHE_HOME/scalinglaws``, else ``~/.cache/scalinglaws``."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value:
        return Path(value).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "scalinglaws"


def sha256_of(path: Path) -> str:
    """Hex sha256 digest of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# Files already verified in this process, keyed by (path, size, mtime), so that
# loading the 216 Pythia files twice does not hash them twice. A file that is
# rewritten gets a new mtime and is hashed again.
_verified: set[tuple[str, int, int]] = set()


def _verify(path: Path, remote: RemoteFile, where: str) -> None:
    """Raise DatasetHashMismatch unless ``path`` hashes to ``remote.sha256``."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key in _verified:
        return
    actual = sha256_of(path)
    if actual != remote.sha256:
        raise DatasetHashMismatch(
            f"{where} file {path} has sha256 {actual}, but the registry pins {remote.sha256} "
            f"for {remote.url}. The file is corrupted or is a different version: replace it "
            f"with the file at that URL (or delete it to have it downloaded again)."
        )
    _verified.add(key)


def download(url: str, destination: Path) -> None:
    """Download ``url`` into the file ``destination`` (overwritten). Raises OSError on failure.

    Kept as a separate module-level function so that tests can replace it and
    never touch the network.
    """
    with (
        urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response,
        open(destination, "wb") as out,
    ):
        shutil.copyfileobj(response, out)


def _how_to_get(remote: RemoteFile) -> str:
    return (
        f"Either set {MIRROR_ENV} to a folder laid out as OWNER/REPO/COMMIT/PATH that contains "
        f"{remote.relative_path}, or unset it and allow network access so the file can be "
        f"downloaded from {remote.url} into the cache ({CACHE_ENV})."
    )


def local_path(remote: RemoteFile) -> Path:
    """Return the path of a verified local copy of ``remote``.

    Parameters
    ----------
    remote : RemoteFile
        A file from the registry.

    Returns
    -------
    pathlib.Path
        The file in the mirror (when ``SCALINGLAWS_DATA_MIRROR`` is set) or in the cache.

    Raises
    ------
    DatasetNotAvailable
        The mirror is set but lacks the file, or the download failed.
    DatasetHashMismatch
        The file's sha256 is not the pinned one.
    """
    mirror = mirror_root()
    if mirror is not None:
        path = mirror / remote.relative_path
        if not path.is_file():
            raise DatasetNotAvailable(
                f"{remote.path} ({remote.url}) is not in the mirror: {path} does not exist "
                f"({MIRROR_ENV}={mirror}). {_how_to_get(remote)}"
            )
        _verify(path, remote, "mirror")
        return path

    path = cache_root() / remote.relative_path
    if path.is_file():
        _verify(path, remote, "cached")
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    # Download next to the final place and rename only once the hash is right,
    # so an interrupted or corrupted download never sits in the cache.
    handle, partial_name = tempfile.mkstemp(
        dir=path.parent, prefix=path.name, suffix=".part"
    )
    os.close(handle)
    partial = Path(partial_name)
    try:
        try:
            download(remote.url, partial)
        except (OSError, urllib.error.URLError, ValueError) as exc:
            raise DatasetNotAvailable(
                f"could not download {remote.path} from {remote.url}: {exc}. {_how_to_get(remote)}"
            ) from exc
        _verify(partial, remote, "downloaded")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path
