"""A small on-disk store of fitted results, keyed by a content hash of their inputs.

Everything that is a deterministic function of the data bundle and the code (cost-model
coefficients, bootstrap draws, ...) is computed once and kept as a versioned ``.npz`` file in
the user cache folder, so a new process loads it in milliseconds instead of refitting.

- **No pickles.** A result is a ``dict[str, numpy.ndarray]`` of plain numeric/string arrays,
  read back with ``allow_pickle=False``. :func:`encode` / :func:`decode` turn a tree of frozen
  dataclasses, tuples, dicts and scalars into such a dict (with an explicit list of allowed
  dataclass types, so a file can never name a class to load).
- **Keyed by content.** The caller passes a hash of everything the result depends on: the
  bundle's checksums (:func:`bundle_fingerprint`), the code that computes it
  (:func:`code_fingerprint`, a hash of the module sources, so a changed model is a new key),
  library versions and the parameters (:func:`content_hash`). A different input is a different
  file; an existing file whose recorded key, format or checksum does not match is rejected and
  recomputed.
- **Deterministic files.** Arrays are written in sorted order with fixed zip timestamps: the
  same inputs give a byte-identical file.
- **Safe with several processes.** A file is written to a temporary name and renamed into
  place; readers never see half a file.

Where: ``$REGIOKOMPAS_CACHE_DIR/fits`` if set, else the user cache folder
(``platformdirs.user_cache_path("regiokompas")/fits``, on Linux ``~/.cache/regiokompas/fits``
or ``$XDG_CACHE_HOME/regiokompas/fits``). Deleting the folder is always safe.

>>> import numpy as np, tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> key = content_hash({"model": "demo", "version": 1})
>>> out = load_or_compute("demo", key, lambda: {"beta": np.arange(3.0)}, folder=folder)
>>> out["beta"].tolist()
[0.0, 1.0, 2.0]
>>> load_or_compute("demo", key, lambda: {}, folder=folder)["beta"].tolist()  # from disk
[0.0, 1.0, 2.0]
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.util
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "FORMAT_VERSION",
    "StaleFitError",
    "bundle_fingerprint",
    "code_fingerprint",
    "content_hash",
    "dataset_fingerprint",
    "decode",
    "dumps",
    "encode",
    "files_fingerprint",
    "fits_dir",
    "load",
    "loads",
    "load_or_compute",
    "path_for",
    "save",
]

#: Version of the file layout; bump it when the layout changes and old files become unreadable.
FORMAT_VERSION = 1

#: Files kept per result name (older keys are removed when a new one is written).
KEEP_PER_NAME = 8

_META = "__meta__"
_TREE = "__tree__"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

Arrays = dict[str, np.ndarray]


class StaleFitError(ValueError):
    """A stored file does not belong to the requested inputs (other key, format or content)."""


# ---------------------------------------------------------------------------------- keys


def content_hash(*parts: Any) -> str:
    """SHA-256 of a canonical JSON rendering of ``parts`` (dicts sorted, tuples as lists)."""
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_fingerprint(modules: Iterable[str]) -> str:
    """SHA-256 over the source files of ``modules`` (dotted names), so edited code is a new key.

    >>> len(code_fingerprint(["regiokompas._fitstore"]))
    64
    """
    digest = hashlib.sha256()
    for name in sorted(modules):
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin is None or not Path(origin).is_file():
            raise ModuleNotFoundError(f"no source file for {name}")
        digest.update(name.encode("utf-8") + b"\0" + Path(origin).read_bytes() + b"\0")
    return digest.hexdigest()


def bundle_fingerprint(folder: Path, checksums: Mapping[str, str], files: Iterable[str]) -> str:
    """SHA-256 identifying a data bundle by the checksums of its ``files``.

    ``checksums`` are the recorded ones (``metadata.json``; the data layer verifies them on
    load); a file without a recorded checksum is hashed here.
    """
    parts: dict[str, str] = {}
    for name in sorted(files):
        known = checksums.get(name)
        parts[name] = known if known else hashlib.sha256((folder / name).read_bytes()).hexdigest()
    return content_hash(parts)


def dataset_fingerprint(ds: Any) -> str:
    """:func:`bundle_fingerprint` of a loaded :class:`regiokompas.data.Dataset` (its folder
    and the checksums its ``metadata.json`` records)."""
    folder = Path(ds.folder)
    files = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != "metadata.json")
    return bundle_fingerprint(folder, ds.metadata.get("bestanden_sha256", {}), files)


def files_fingerprint(paths: Iterable[Path]) -> str:
    """SHA-256 over the names and contents of ``paths`` (data files a fit reads, such as the
    packaged priors), so an edited file is a new key."""
    digest = hashlib.sha256()
    for path in sorted(Path(p) for p in paths):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


# ---------------------------------------------------------------------------------- files


def fits_dir() -> Path:
    """The folder fitted results are stored in (see the module docstring)."""
    override = os.environ.get("REGIOKOMPAS_CACHE_DIR")
    if override:
        return Path(override) / "fits"
    import platformdirs

    return Path(platformdirs.user_cache_path("regiokompas")) / "fits"


def path_for(name: str, inputs_hash: str, folder: Path | None = None) -> Path:
    """Where the result ``name`` for ``inputs_hash`` lives."""
    if not name.replace("_", "").replace("-", "").isalnum():
        raise ValueError(f"result name must be letters, digits, '-' or '_': {name!r}")
    return (folder or fits_dir()) / f"{name}-{inputs_hash[:20]}.npz"


def _array_digest(arrays: Mapping[str, np.ndarray]) -> str:
    digest = hashlib.sha256()
    for key in sorted(arrays):
        value = np.ascontiguousarray(arrays[key])
        digest.update(f"{key}\0{value.dtype.str}\0{value.shape}\0".encode())
        digest.update(value.tobytes())
    return digest.hexdigest()


def _npz_bytes(arrays: Mapping[str, np.ndarray]) -> bytes:
    buffer = io.BytesIO()
    # Stored, not deflated: float draws hardly compress and inflating them costs more time
    # than reading the bytes.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for key in sorted(arrays):
            info = zipfile.ZipInfo(f"{key}.npy", date_time=_ZIP_DATE)
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asarray(arrays[key]), allow_pickle=False)
            archive.writestr(info, member.getvalue())
    return buffer.getvalue()


def save(
    name: str, inputs_hash: str, arrays: Mapping[str, np.ndarray], folder: Path | None = None
) -> Path:
    """Write ``arrays`` as the result ``name`` for ``inputs_hash``; returns the file's path."""
    for key, value in arrays.items():
        if key == _META or np.asarray(value).dtype.hasobject:
            raise ValueError(f"array {key!r}: reserved name or object dtype (no pickles)")
    meta = {
        "format": FORMAT_VERSION,
        "name": name,
        "inputs": inputs_hash,
        "arrays": _array_digest(arrays),
    }
    payload = dict(arrays)
    payload[_META] = np.array(json.dumps(meta, sort_keys=True))
    path = path_for(name, inputs_hash, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_npz_bytes(payload))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _prune(name, keep=path, folder=path.parent)
    return path


def load(name: str, inputs_hash: str, folder: Path | None = None) -> Arrays:
    """Read the result ``name`` for ``inputs_hash``.

    Raises :class:`FileNotFoundError` when there is none and :class:`StaleFitError` when the
    file is of another format, belongs to other inputs or its arrays do not match its checksum.
    """
    path = path_for(name, inputs_hash, folder)
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
    except FileNotFoundError:
        raise
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise StaleFitError(f"{path}: unreadable ({exc})") from exc
    try:
        meta = json.loads(str(arrays.pop(_META)))
    except (KeyError, ValueError) as exc:
        raise StaleFitError(f"{path}: no metadata") from exc
    if meta.get("format") != FORMAT_VERSION:
        raise StaleFitError(f"{path}: format {meta.get('format')}, expected {FORMAT_VERSION}")
    if meta.get("name") != name or meta.get("inputs") != inputs_hash:
        raise StaleFitError(f"{path}: stored for other inputs")
    if meta.get("arrays") != _array_digest(arrays):
        raise StaleFitError(f"{path}: contents do not match their checksum")
    return arrays


def load_or_compute(
    name: str,
    inputs_hash: str,
    compute_fn: Callable[[], Mapping[str, np.ndarray]],
    folder: Path | None = None,
) -> Arrays:
    """The stored result ``name`` for ``inputs_hash``, or ``compute_fn()`` stored and returned.

    A missing, stale or damaged file is recomputed and replaced. When the store cannot be
    written (read-only home, full disk) the computed result is returned all the same.
    """
    try:
        return load(name, inputs_hash, folder)
    except (FileNotFoundError, StaleFitError):
        pass
    arrays = {key: np.asarray(value) for key, value in compute_fn().items()}
    # A cache that cannot be written is not an error: the answer is the same.
    with contextlib.suppress(OSError):
        save(name, inputs_hash, arrays, folder)
    return arrays


def _prune(name: str, keep: Path, folder: Path) -> None:
    others = [p for p in folder.glob(f"{name}-*.npz") if p != keep]
    others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[KEEP_PER_NAME - 1 :]:
        old.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------- codec


def _to_tree(obj: Any, arrays: Arrays) -> Any:
    """The JSON-able tree of ``obj``; numpy arrays go into ``arrays`` and are referenced."""

    def walk(value: Any) -> Any:
        if isinstance(value, np.ndarray):
            key = f"a{len(arrays)}"
            arrays[key] = value
            return {"$a": key}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = {f.name: walk(getattr(value, f.name)) for f in dataclasses.fields(value)}
            return {"$d": type(value).__name__, "f": fields}
        if isinstance(value, dict):
            return {"$m": [[walk(k), walk(v)] for k, v in value.items()]}
        if isinstance(value, tuple):
            return {"$t": [walk(v) for v in value]}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, np.generic):
            return value.item()
        if value is None or isinstance(value, bool | int | float | str):
            return value
        raise TypeError(f"cannot store a {type(value).__name__}")

    return walk(obj)


def _from_tree(tree: Any, arrays: Mapping[str, np.ndarray], types: Iterable[type]) -> Any:
    allowed = {t.__name__: t for t in types}

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(v) for v in node]
        if not isinstance(node, dict):
            return node
        if "$a" in node:
            return np.asarray(arrays[node["$a"]])
        if "$d" in node:
            cls = allowed.get(node["$d"])
            if cls is None:
                raise StaleFitError(f"stored type {node['$d']!r} is not allowed here")
            return cls(**{k: walk(v) for k, v in node["f"].items()})
        if "$m" in node:
            return {walk(k): walk(v) for k, v in node["$m"]}
        if "$t" in node:
            return tuple(walk(v) for v in node["$t"])
        raise StaleFitError(f"unknown node {sorted(node)}")

    return walk(tree)


def encode(obj: Any) -> Arrays:
    """Turn a tree of dataclasses, dicts, tuples, lists, scalars and arrays into arrays.

    The structure goes into one JSON string; every array is stored as its own member.
    """
    arrays: Arrays = {}
    tree = _to_tree(obj, arrays)
    arrays[_TREE] = np.array(json.dumps(tree, sort_keys=True, allow_nan=True))
    return arrays


def decode(arrays: Mapping[str, np.ndarray], types: Iterable[type]) -> Any:
    """Rebuild what :func:`encode` stored; dataclasses only of the given ``types``."""
    return _from_tree(json.loads(str(arrays[_TREE])), arrays, types)


def dumps(obj: Any) -> str:
    """A tree of dataclasses, dicts, tuples, lists and scalars (no arrays) as JSON text, for
    results shared as text (the web app's shared cache); :func:`loads` reads it back.

    >>> @dataclasses.dataclass(frozen=True)
    ... class P:
    ...     x: tuple[int, ...]
    ...     y: dict[str, float]
    >>> loads(dumps(P((1, 2), {"a": 0.5})), [P])
    P(x=(1, 2), y={'a': 0.5})
    """
    arrays: Arrays = {}
    tree = _to_tree(obj, arrays)
    if arrays:
        raise TypeError("dumps stores no arrays; use encode")
    return json.dumps(tree, sort_keys=True, allow_nan=True)


def loads(text: str, types: Iterable[type]) -> Any:
    """Rebuild what :func:`dumps` wrote; dataclasses only of the given ``types``."""
    return _from_tree(json.loads(text), {}, types)
