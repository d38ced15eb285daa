"""Tests never autoload installed plugins: each registers what it needs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property-based tests: reproducible in CI (the same examples on every run, no example
# database), a little wider on a developer's machine; never a wall-clock deadline.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# Runs keep no store unless a test asks for one (tests/test_store*.py), module-scoped fixtures
# included: the tests of the output folder see only its outputs, and no developer's
# SVODKA_STORE is ever written.
os.environ.pop("SVODKA_STORE", None)
os.environ["SVODKA_NO_STORE"] = "1"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="write tests/golden/*.jsonl anew from the current code (see tests/test_golden.py)",
    )


SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """The shared corpus beside this checkout (``../shared/corpus``); without it the test
    is skipped."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"{SHARED_CORPUS} is not beside this checkout")
    return SHARED_CORPUS


@pytest.fixture(autouse=True)
def _no_plugin_autoload(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SVODKA_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.delenv("SVODKA_DISABLE_PLUGINS", raising=False)
    monkeypatch.delenv("SVODKA_STRICT_PLUGINS", raising=False)
    # Nothing reaches outside the machine: the command line fetches no link unless a test
    # (against its own server on 127.0.0.1) says otherwise.
    monkeypatch.setenv("SVODKA_OFFLINE", "1")
