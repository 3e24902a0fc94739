"""Imported by the worker processes' forkserver: what every brief needs, loaded once before any worker forks.

Batch workers fork from one forkserver (the local pool's and a LocalCluster's
alike). Importing this module there briefs the demo story with ``--sections
none``: the pipeline's modules (imported lazily by a brief: 0.39 s here), the
sentence splitter, stop words and stemmer. Every worker then starts with them
in memory, shared copy-on-write, and its own warm-up loads only what its
options add (spaCy's NER for every analysis section). A brief with these
options starts no thread, so forking after it is safe; the forkserver stays
single-threaded (``tests/test_batch_dask.py`` checks it).
"""

from __future__ import annotations

from newsbrief.batch import BatchOptions, warm_up

warm_up(BatchOptions(sections="none"))
