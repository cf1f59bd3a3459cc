"""Dependencies that ``/healthz`` reports besides the database.

An app above the core registers a check in its ``AppConfig.ready``
(``register("search", search.client.search_status)``), so the core's
view asks every dependency without importing the apps that own them.
A check is a callable without arguments returning a dict with at least
``"ok": bool``; a check that is not ``ok`` makes the status "degraded".
"""

_checks = {}


def register(name, check):
    """Add (or replace) the check reported under ``name``."""
    _checks[name] = check


def run_checks():
    """``{name: result}`` of every registered check, in registration order."""
    return {name: check() for name, check in _checks.items()}
