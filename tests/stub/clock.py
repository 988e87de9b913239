"""A clock the stub tests move by hand, standing in for wall time in the stub."""

from __future__ import annotations

import threading


class FakeClock:
    """`clock()` is the time the stub reads (for code expiry and lockouts). It moves only by
    `advance()` and by `sleep()`, which the stub calls for injected delays: `slept` records
    those. `hold()` makes the next sleeps block until `release()`, to catch a call mid-delay."""

    def __init__(self, start: float = 1_000_000.0):
        self.now = start
        self.slept: list[float] = []
        self.sleeping = threading.Event()  # set once a held sleep has begun
        self._released: threading.Event | None = None
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds

    def sleep(self, seconds: float) -> None:
        released = self._released
        with self._lock:
            self.slept.append(seconds)
        if released is not None:
            self.sleeping.set()
            if not released.wait(timeout=30):  # only a guard: the test releases it
                raise RuntimeError("FakeClock.sleep was held and never released")
        self.advance(seconds)

    def hold(self) -> None:
        self.sleeping.clear()
        self._released = threading.Event()

    def release(self) -> None:
        released, self._released = self._released, None
        if released is not None:
            released.set()

    def restart(self) -> None:
        """Forget recorded sleeps and let go of any held one (between tests)."""
        self.release()
        with self._lock:
            self.slept.clear()
