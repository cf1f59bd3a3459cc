from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from innovations.importer import import_innovations
from livinglab.base.files import load_json_file
from livinglab.base.imports import ImportFailed


class Command(BaseCommand):
    help = (
        "Create or update case studies (by slug) from a JSON file and publish them. "
        "A file with any invalid record imports nothing. Format: docs/DATA_FORMATS.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        data = load_json_file(options["file"])
        try:
            created, updated = import_innovations(data)
        except ImportFailed as exc:
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
