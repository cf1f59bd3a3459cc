"""gunicorn settings for production: ``gunicorn -c livinglab/gunicorn.py livinglab.wsgi``.

The application is loaded once in the master (``preload_app``) and the
objects it built are frozen out of the garbage collector's reach before the
workers fork: full collections then stop scanning Django's and Wagtail's
import-time objects, which removed a ~120 ms pause every few dozen requests
on the dashboard (docs/BENCHMARKS.md), and the workers share those pages.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
preload_app = True
accesslog = "-"


def when_ready(server):
    gc.freeze()
