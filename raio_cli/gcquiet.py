"""Fewer, cheaper garbage collections while many dossier files are read or checked.

Reading and checking allocate millions of small containers that die young and acyclic (reference
counting frees them); Python's cyclic collector would otherwise walk everything that lives long
(the history, the rules, the applications read so far) again and again: a fifth of a large
check. Within :func:`quiet`, what exists is frozen out of the collector's sight and it runs ten
times less often; both are undone afterwards. Forked workers inherit this, which also spares
them copying the parent's pages just to mark them.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

#: Below this many applications the collector is left alone (nothing to gain).
MIN_APPS = 50


@contextmanager
def quiet(apps: int):
    """Within this block, fewer collections, when ``apps`` applications are at stake (and no
    outer block did it already)."""
    if apps < MIN_APPS or gc.get_freeze_count():
        yield
        return
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], 7000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
