"""Test-wide set-up. The data directory is a fresh temporary folder (see tests/testenv.py)."""
