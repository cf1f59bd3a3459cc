import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from innovations.importer import ImportProblems, import_innovations


class Command(BaseCommand):
    help = (
        "Create or update case studies (by slug) from a JSON file and publish them. "
        "A file with any invalid record imports nothing. Format: docs/DATA_FORMATS.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        try:
            with open(options["file"], encoding="utf-8") as fh:
                data = json.load(fh)
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s")
                % {"file": options["file"], "error": exc.strerror}
            ) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(
                _("%(file)s is not valid JSON: %(error)s")
                % {"file": options["file"], "error": exc}
            ) from None
        try:
            created, updated = import_innovations(data)
        except ImportProblems as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(count)s record(s) have problems; nothing was imported.")
                % {"count": len(exc.problems)}
            ) from None
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Innovations: %(created)s created, %(updated)s updated, all published."
                    )
                    % {"created": created, "updated": updated}
                )
            )
