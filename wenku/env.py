"""Typed readers for the WENKU_* environment variables (and `.env`)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from dotenv import load_dotenv

# `.env` in the working directory fills in what the real environment does not set.
load_dotenv(Path.cwd() / ".env", override=False)

PREFIX = "WENKU_"


def get_str(name: str, default: str = "") -> str:
    return os.environ.get(PREFIX + name, default)


def get_int(name: str, default: int) -> int:
    raw = os.environ.get(PREFIX + name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{PREFIX}{name} must be an integer, got {raw!r}") from exc


def get_float(name: str, default: float) -> float:
    raw = os.environ.get(PREFIX + name)
    if raw is None or raw.strip() == "":
        return default
    return float(raw)


def get_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(PREFIX + name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def get_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(PREFIX + name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    """All embedded state (database, files, queue, caches) lives under this directory."""
    default = Path.home() / ".local" / "share" / "wenku"
    path = Path(get_str("DATA_DIR", str(default))).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(data: Path) -> str:
    """WENKU_SECRET_KEY, or a random key generated once and kept in the data directory."""
    key = get_str("SECRET_KEY")
    if key:
        return key
    key_file = data / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
