"""Weekly digest benchmark (issue 18, "Bad input and load"): the digest to
5,000 people, in a throwaway database.

    DATABASE_URL=postgres://livinglab:livinglab@127.0.0.1:5433/ll_digest \
        .venv/bin/python bench/digest.py [--sizes 500 5000] [--notes 3] [--keep]

Creates the database ``livinglab_bench_digest`` with Django's test-database
machinery (migrations), so nothing touches the database ``DATABASE_URL``
names; it is dropped at the end unless ``--keep``.

For each size N (deterministic, seeded): N active people (``bulk_create``,
no password), ``--notes`` unread, not yet e-mailed notifications each, of
mixed kinds; one person in ten wants one kind immediately and one in twenty
turned another off (``EmailPreference``), so the digest reads preferences
as it does in production. Then it runs the weekly digest
(``livinglab.notifications.emails.send_weekly_digests``, what the job
``send_weekly_digests`` runs) once, with the locmem e-mail backend, and
reports: digests sent, seconds, milliseconds per recipient, queries and
queries per recipient. The people of one size are deleted before the next.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "livinglab.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

BENCH_DB = "livinglab_bench_digest"
EMAIL_DOMAIN = "digest-bench.test"


def load(size, notes, rng):
    """``size`` people with ``notes`` notifications each; returns their ids."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from livinglab.notifications.models import EmailPreference, Notification

    User = get_user_model()
    UNUSABLE = make_password(None)
    kinds = list(Notification.Kind.values)
    users = User.objects.bulk_create(
        User(email=f"p{i:05d}@{EMAIL_DOMAIN}", password=UNUSABLE, is_active=True)
        for i in range(size)
    )
    Notification.objects.bulk_create(
        (
            Notification(
                recipient_id=user.pk,
                kind=rng.choice(kinds),
                title=f"Kabar {n + 1} untuk {user.email}",
                link=f"/studi-kasus/bench-{rng.randrange(2000)}/",
            )
            for user in users
            for n in range(notes)
        ),
        batch_size=5000,
    )
    prefs = []
    for i, user in enumerate(users):
        if i % 10 == 0:
            prefs.append(
                EmailPreference(user_id=user.pk, kind=kinds[0], frequency="immediately")
            )
        if i % 20 == 0:
            prefs.append(
                EmailPreference(user_id=user.pk, kind=kinds[1], frequency="off")
            )
    EmailPreference.objects.bulk_create(prefs, batch_size=5000)
    return [u.pk for u in users]


def clear():
    """Delete the bench people (their notifications and preferences cascade)
    and the digest claims."""
    from django.contrib.auth import get_user_model

    from livinglab.notifications.models import EmailDelivery, Notification

    Notification.objects.all().delete()
    get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()
    EmailDelivery.objects.filter(kind="digest").delete()


def measure(size):
    """Run the weekly digest once; returns the figures of the run."""
    from livinglab.notifications import emails

    mail.outbox = []
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(1)  # every query (Django's own log keeps only 9,000)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        start = time.perf_counter()
        summary = emails.send_weekly_digests()
        seconds = time.perf_counter() - start
    sent = summary["emails"]
    if len(mail.outbox) != sent:
        raise RuntimeError(f"{sent} digests counted, {len(mail.outbox)} in the outbox")
    return {
        "size": size,
        "emails": sent,
        "notifications": summary["notifications"],
        "seconds": seconds,
        "ms_per_recipient": 1000 * seconds / max(sent, 1),
        "queries": len(queries),
        "queries_per_recipient": len(queries) / max(sent, 1),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--notes", type=int, default=3)
    parser.add_argument(
        "--keep", action="store_true", help="keep the bench database afterwards"
    )
    args = parser.parse_args()
    rng = random.Random(2026)
    if connection.vendor != "postgresql":
        print("warning: not PostgreSQL; set DATABASE_URL for the figures that count")
    setup_test_environment()
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = BENCH_DB
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keep)
    rows = []
    try:
        for size in args.sizes:
            clear()
            load(size, args.notes, rng)
            rows.append(measure(size))
            clear()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=args.keep)
    print(
        f"{'recipients':>10} {'digests':>8} {'notes':>7} {'seconds':>8} "
        f"{'ms/recip.':>9} {'queries':>8} {'q/recip.':>8}"
    )
    for r in rows:
        print(
            f"{r['size']:>10} {r['emails']:>8} {r['notifications']:>7} "
            f"{r['seconds']:>8.2f} {r['ms_per_recipient']:>9.2f} "
            f"{r['queries']:>8} {r['queries_per_recipient']:>8.2f}"
        )


if __name__ == "__main__":
    main()
