"""gunicorn settings, read from the working directory by ``gunicorn hub.wsgi``.

Command-line flags (``--bind``, ``--workers``) still win over these.
"""

import gc
import os

workers = int(os.environ.get("WEB_CONCURRENCY", "3"))


def post_worker_init(worker):
    """Move everything loaded so far (Django, the URLconf, the apps) out of the
    garbage collector's sight: a full collection then walks only what requests
    allocate. Without it, a full collection every ~100 requests cost ~120 ms on the
    queue page (issue 9; Python's docs recommend freeze() for pre-forked servers)."""
    gc.freeze()
