"""A Dask worker plugin that readies workers for screening a book (see ``DaskExecutor``).

Kept apart from ``executors`` so that importing the executors does not import Dask.
"""

from __future__ import annotations

import gc
import uuid
from dataclasses import dataclass, field
from typing import Any

from distributed import WorkerPlugin

PLUGIN_NAME = "sanctionwatch-screening"
# Dask's statistical profiler wakes each worker's event loop every 10 ms to walk the
# task thread's stack; both threads then take turns at the GIL. Screening is pure
# Python and GIL-bound, so these are paused while the book is screened.
_PROFILER_CALLBACKS = ("profile", "profile-cycle")
# Where a worker keeps the tuning shared by the screening runs it is serving.
_TUNING_ATTR = "_sanctionwatch_screening_tuning"


def plugin_name() -> str:
    """A name for one run's plugin: runs sharing a cluster must not replace each other's."""
    return f"{PLUGIN_NAME}-{uuid.uuid4().hex[:12]}"


@dataclass
class _Tuning:
    runs: int = 0
    paused: list[str] = field(default_factory=list)
    froze: bool = False


class ScreeningWorkerPlugin(WorkerPlugin):
    """Prepares each Dask worker for a screening run, and undoes it afterwards.

    ``setup`` runs once the index has been broadcast: ``gc.freeze()`` moves the
    unpickled index (a few hundred thousand objects) out of the cyclic garbage
    collector's reach, so full collections no longer walk it, and the worker's
    statistical profiler is paused. ``teardown`` (when the executor unregisters the
    plugin) unfreezes and restarts the profiler, so a shared cluster is left as found.
    Runs that overlap on one worker share the tuning: the first tunes it, the last
    to finish undoes it.
    """

    idempotent = False

    def __init__(self, freeze_gc: bool = True, pause_profiler: bool = True) -> None:
        self.freeze_gc = freeze_gc
        self.pause_profiler = pause_profiler

    def setup(self, worker: Any) -> None:
        tuning = getattr(worker, _TUNING_ATTR, None)
        if tuning is None:
            tuning = _Tuning()
            setattr(worker, _TUNING_ATTR, tuning)
        tuning.runs += 1
        if self.freeze_gc:
            # Freezing again also covers an index that a later run just unpickled.
            gc.freeze()
            tuning.froze = True
        if self.pause_profiler:
            for name in _PROFILER_CALLBACKS:
                callback = worker.periodic_callbacks.get(name)
                if callback is not None and callback.is_running():
                    callback.stop()
                    tuning.paused.append(name)

    def teardown(self, worker: Any) -> None:
        tuning = getattr(worker, _TUNING_ATTR, None)
        if tuning is None:
            return
        tuning.runs -= 1
        if tuning.runs > 0:
            return  # another run is still screening on this worker
        for name in tuning.paused:
            callback = worker.periodic_callbacks.get(name)
            if callback is not None:
                callback.start()
        if tuning.froze:
            gc.unfreeze()
        delattr(worker, _TUNING_ATTR)
