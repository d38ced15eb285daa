"""Tests never autoload installed plugins: each registers what it needs."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_plugin_autoload(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SVODKA_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.delenv("SVODKA_DISABLE_PLUGINS", raising=False)
    monkeypatch.delenv("SVODKA_STRICT_PLUGINS", raising=False)
