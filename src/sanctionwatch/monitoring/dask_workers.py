"""A Dask worker plugin that readies workers for screening a book (see ``DaskExecutor``).

Kept apart from ``executors`` so that importing the executors does not import Dask.
"""

from __future__ import annotations

import gc
from typing import Any

from distributed import WorkerPlugin

PLUGIN_NAME = "sanctionwatch-screening"
# Dask's statistical profiler wakes each worker's event loop every 10 ms to walk the
# task thread's stack; both threads then take turns at the GIL. Screening is pure
# Python and GIL-bound, so these are paused while the book is screened.
_PROFILER_CALLBACKS = ("profile", "profile-cycle")


class ScreeningWorkerPlugin(WorkerPlugin):
    """Prepares each Dask worker for a screening run, and undoes it afterwards.

    ``setup`` runs once the index has been broadcast: ``gc.freeze()`` moves the
    unpickled index (a few hundred thousand objects) out of the cyclic garbage
    collector's reach, so full collections no longer walk it, and the worker's
    statistical profiler is paused. ``teardown`` (when the executor unregisters the
    plugin) unfreezes and restarts the profiler, so a shared cluster is left as found.
    """

    name = PLUGIN_NAME
    idempotent = False

    def __init__(self, freeze_gc: bool = True, pause_profiler: bool = True) -> None:
        self.freeze_gc = freeze_gc
        self.pause_profiler = pause_profiler
        self._paused: list[str] = []
        self._froze = False

    def setup(self, worker: Any) -> None:
        if self.freeze_gc:
            gc.freeze()
            self._froze = True
        if self.pause_profiler:
            for name in _PROFILER_CALLBACKS:
                callback = worker.periodic_callbacks.get(name)
                if callback is not None and callback.is_running():
                    callback.stop()
                    self._paused.append(name)

    def teardown(self, worker: Any) -> None:
        for name in self._paused:
            callback = worker.periodic_callbacks.get(name)
            if callback is not None:
                callback.start()
        self._paused = []
        if self._froze:
            gc.unfreeze()
            self._froze = False
