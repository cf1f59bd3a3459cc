import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tqdm import tqdm

from innovations.models import InnovationPage
from search import indexer
from search.models import SearchDocument
from search.sync import refresh_document

logger = logging.getLogger("search.indexer")


class Command(BaseCommand):
    help = (
        "Search index: `rebuild` (new index, then swap the alias: no downtime), "
        "`check` (compare the database and the index), `drain [--watch]` "
        "(push queued changes; --watch keeps running as the worker), "
        "`refresh-documents` (re-analyse every live case study)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "action", choices=["rebuild", "check", "drain", "refresh-documents"]
        )
        parser.add_argument("--watch", action="store_true", help="drain: keep polling")
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="drain --watch: seconds between polls",
        )

    def handle(self, *args, **options):
        try:
            getattr(self, "action_" + options["action"].replace("-", "_"))(options)
        except indexer.SearchUnavailable as exc:
            raise CommandError(str(exc)) from None

    def action_refresh_documents(self, options):
        ids = list(InnovationPage.objects.published().values_list("pk", flat=True))
        stale = SearchDocument.objects.exclude(page_id__in=ids)
        removed = stale.count()
        stale.delete()
        for page_id in tqdm(
            ids,
            desc=_("analysing"),
            unit="page",
            disable=options["verbosity"] < 1,
            file=self.stderr._out,
        ):
            refresh_document(page_id)
        self.stdout.write(
            ngettext(
                "%(n)s document refreshed, %(r)s removed.",
                "%(n)s documents refreshed, %(r)s removed.",
                len(ids),
            )
            % {"n": len(ids), "r": removed}
        )

    def action_rebuild(self, options):
        bar = tqdm(
            total=SearchDocument.objects.count(),
            desc=_("indexing"),
            unit="doc",
            disable=options["verbosity"] < 1,
            file=self.stderr._out,
        )

        def progress(done, total):
            bar.update(done - bar.n)

        result = indexer.rebuild(progress=progress)
        bar.close()
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Indexed %(n)s document into %(index)s in %(s).1f s; "
                    "the alias now points to it.",
                    "Indexed %(n)s documents into %(index)s in %(s).1f s; "
                    "the alias now points to it.",
                    result["indexed"],
                )
                % {
                    "n": result["indexed"],
                    "index": result["index"],
                    "s": result["seconds"],
                }
            )
        )

    def action_check(self, options):
        report = indexer.check()
        for key, value in report.items():
            shown = (
                value
                if not isinstance(value, list)
                else (", ".join(map(str, value[:50])) or "-")
            )
            self.stdout.write(f"{key}: {shown}")
        if (
            report["missing_from_index"]
            or report["not_in_database"]
            or report["live_without_document"]
        ):
            raise CommandError(_("The index and the database differ (see above)."))
        if report["schema_outdated"]:
            raise CommandError(
                _(
                    "The index was built with an older document schema: run "
                    "search_index refresh-documents, then search_index rebuild."
                )
            )
        self.stdout.write(self.style.SUCCESS(_("The index matches the database.")))

    def action_drain(self, options):
        while True:
            try:
                result = indexer.drain()
            except DatabaseError as exc:
                if not options["watch"]:
                    raise
                # The worker outlives a database restart: drop the broken
                # connection, wait, and poll again (the rows are still queued).
                logger.warning(
                    "search outbox: database unavailable, retrying: %s: %s",
                    type(exc).__name__,
                    (str(exc).strip().splitlines() or [""])[0][:200],
                )
                connection.close()
                time.sleep(max(options["interval"], 5))
                continue
            if (
                result.pushed
                or result.deleted
                or result.error
                or options["verbosity"] >= 2
            ):
                self.stdout.write(
                    _("pushed %(p)s, deleted %(d)s, remaining %(r)s%(e)s")
                    % {
                        "p": result.pushed,
                        "d": result.deleted,
                        "r": result.remaining,
                        "e": f"; {result.error}" if result.error else "",
                    }
                )
            if not options["watch"]:
                if result.error:
                    raise CommandError(
                        _("Elasticsearch did not accept the changes; they stay queued.")
                    )
                return
            time.sleep(
                options["interval"] if not result.error else max(options["interval"], 5)
            )
