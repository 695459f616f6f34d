"""Every WENKU_* variable the settings read is documented in README's configuration table:
an operator should never have to read settings.py to find a knob."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_variable_is_in_the_readme():
    settings = (ROOT / "wenku" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r'env\.get_\w+\(\s*"([A-Z0-9_]+)"', settings))
    assert len(names) > 40  # the pattern still finds the settings' variables
    for source in (ROOT / "wenku").rglob("*.py"):  # read directly elsewhere (wenku run …)
        names |= set(re.findall(r'environ\.get\(\s*"WENKU_([A-Z0-9_]+)"', source.read_text()))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(n for n in names if not re.search(rf"\bWENKU_{n}\b", readme))
    assert missing == [], f"document these in README.md: {missing}"
