"""Can this machine reach pip-audit's vulnerability database?

    python scripts/vulndb_probe.py [pypi|osv]   # exit 0 yes, 1 no (one line why)

``make audit`` and CI ask first, because pip-audit cannot tell "no known
vulnerabilities" from "the database did not answer" by its exit code, and a
package mirror that answers the index but not PyPI's per-version JSON (where
the vulnerabilities are) makes it skip every package. The probe asks the
service for one real record: Django 4.2.0's JSON from PyPI, which lists known
vulnerabilities, or the same from OSV. Standard library only.
"""

import json
import sys
import urllib.error
import urllib.request

TIMEOUT_SECONDS = 15
PROBES = {
    # (url, request body or None); Django 4.2.0 has published advisories.
    "pypi": ("https://pypi.org/pypi/Django/4.2/json", None),
    "osv": (
        "https://api.osv.dev/v1/query",
        {"package": {"name": "django", "ecosystem": "PyPI"}, "version": "4.2"},
    ),
}


def reachable(service):
    """``(True, "")`` when ``service`` answers with vulnerability records,
    else ``(False, reason)``."""
    url, body = PROBES[service]
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310 - fixed https URLs above
        url,
        data=data,
        headers={"Content-Type": "application/json", "User-Agent": "livinglab"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            payload = json.load(response)
    except urllib.error.HTTPError as exc:
        return False, f"{url} answered HTTP {exc.code}"
    except (OSError, ValueError) as exc:
        return False, f"{url}: {exc}"
    records = payload.get("vulnerabilities") or payload.get("vulns")
    if not records:
        return False, f"{url} answered without any vulnerability record"
    return True, ""


def main(argv):
    service = argv[0] if argv else "pypi"
    ok, reason = reachable(service)
    if not ok:
        print(
            f"dependency audit NOT RUN: the vulnerability database ({service}) "
            f"cannot be reached from this machine ({reason}); run `make audit` "
            "where it can."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
