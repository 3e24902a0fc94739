"""Start the worker processes' forkserver before Dask is imported, so that both load at once.

A ``LocalCluster`` forks its worker processes from a forkserver, which Dask
starts only when its first nanny spawns a worker: after this process has
imported Dask (0.7 s here), and from a server that has not imported newsbrief,
so every worker then imports it again. Started first, the forkserver imports
Dask and newsbrief's pipeline on the other core while this process imports
Dask, and the workers fork with both in memory (and what every brief
loads, ``newsbrief.engines.preload``). Measured on 2 cores: the
first line of a 2-worker ``newsbrief batch --engine dask`` came after about
2.4 s before and 1.8 s after (mean of 4 alternating runs of 300 clusters each).
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing import forkserver

# A forked worker keeps the forkserver's interpreter state: its hash seed, its BLAS thread pool (set when
# numpy was imported) and glibc's malloc settings, all read when the forkserver started. So the server
# starts with what Dask's nannies give their workers (``distributed.nanny.pre-spawn-environ`` and its hash
# seed) for one BLAS thread each, and with glibc's adaptive trimming, since it is started before Dask sets
# MALLOC_TRIM_THRESHOLD_=65536: the workers took 15,500 page faults each for 2,000 clusters instead of
# 21,000 (CPU time within this machine's noise).
WORKER_ENVIRON = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
HASH_SEED = "6640"
PRELOAD = ["distributed", "newsbrief.engines.preload"]


def start_forkserver(preload: list[str] | None = None) -> bool:
    """Launch this process's forkserver now, preloading ``preload``; False where there is no forkserver.

    The server is shared by every process pool of this process that uses the
    ``forkserver`` start method; one already running is left as it is.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    for name, value in WORKER_ENVIRON.items():
        os.environ.setdefault(name, value)
    if os.environ.get("PYTHONHASHSEED") in (None, "0"):
        os.environ["PYTHONHASHSEED"] = HASH_SEED
    multiprocessing.get_context("forkserver").set_forkserver_preload(preload or PRELOAD)
    forkserver.ensure_running()
    return True
