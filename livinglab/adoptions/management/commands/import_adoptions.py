from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from livinglab.adoptions.importer import import_adoptions
from livinglab.base.files import load_json_file
from livinglab.base.imports import ImportFailed


class Command(BaseCommand):
    help = (
        "Load adoption histories from a JSON file through the pipeline rules. "
        "A file with any invalid record imports nothing. Format: docs/DATA_FORMATS.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--actor", help="email of the person the events are attributed to"
        )

    def handle(self, *args, **options):
        actor = None
        if options["actor"]:
            actor = get_user_model().objects.filter(email=options["actor"]).first()
            if actor is None:
                raise CommandError(
                    _("No account with the email %(email)s.")
                    % {"email": options["actor"]}
                )
        data = load_json_file(options["file"])
        try:
            count = import_adoptions(data, actor=actor)
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
                    _("%(count)s adoption(s) imported.") % {"count": count}
                )
            )
