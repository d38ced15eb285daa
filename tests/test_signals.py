"""Signals turned into an exception, so that a run stops through its finally blocks."""

from __future__ import annotations

import os
import signal
import time

import pytest

from svodka.run.signals import Interrupted, held, interrupting


def wait_for_interrupt() -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_raises_interrupted_through_finally_blocks(signum: int, status: int) -> None:
    before = signal.getsignal(signum)
    cleaned = []
    with pytest.raises(Interrupted) as caught, interrupting():
        try:
            os.kill(os.getpid(), signum)
            wait_for_interrupt()
        finally:
            os.kill(os.getpid(), signal.SIGINT)  # a second signal does not cut the cleaning short
            time.sleep(0.05)
            cleaned.append(True)
    assert (caught.value.signum, caught.value.status, cleaned) == (signum, status, [True])
    assert not isinstance(caught.value, Exception)  # `except Exception` lets it through
    assert signal.getsignal(signum) is before


class Dropper:
    """Receives the signal in __del__, where Python drops exceptions."""

    def __del__(self) -> None:
        signal.raise_signal(signal.SIGTERM)


def test_an_interrupt_python_drops_is_raised_again(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(Interrupted) as caught, interrupting():
        Dropper()
        wait_for_interrupt()
    assert caught.value.signum == signal.SIGTERM
    assert "Exception ignored" not in capsys.readouterr().err


def test_a_held_block_finishes_before_the_interrupt() -> None:
    """Bookkeeping that must not stop half-way (a worker pool's) runs to its end first."""
    steps = []
    with pytest.raises(Interrupted) as caught, interrupting():
        with held():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
            steps.append("held block done")
        steps.append("after the block")
    assert steps == ["held block done"]
    assert caught.value.status == 143
