"""gunicorn settings for production: ``gunicorn -c livinglab/gunicorn.py livinglab.wsgi``.

The application is loaded once in the master (``preload_app``) and the
objects it built are frozen out of the garbage collector's reach before the
workers fork: full collections then stop scanning Django's and Wagtail's
import-time objects, which removed a ~120 ms pause every few dozen requests
on the dashboard (docs/BENCHMARKS.md), and the workers share those pages.
"""

import gc
import os

# Loopback by default: the TLS proxy in front is the only way in, so nobody
# can reach the app server directly and write their own X-Forwarded-For.
# GUNICORN_BIND=10.0.0.5:8000 (say) when the proxy runs on another host; then
# list that proxy in TRUSTED_PROXIES.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
preload_app = True
accesslog = "-"


def when_ready(server):
    gc.freeze()
