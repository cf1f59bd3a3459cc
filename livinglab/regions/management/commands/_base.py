"""Shared shape of the loader commands: problems listed, nothing written, exit 1.

Messages are Indonesian; ``--lang en`` gives them in English.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from livinglab.base.imports import ImportFailed


class LoaderCommand(BaseCommand):
    loader_class = None

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file (UTF-8, header row)")
        self.add_lang_argument(parser)

    def add_lang_argument(self, parser):
        parser.add_argument(
            "--lang",
            choices=["id", "en"],
            default="id",
            help="Language of the messages (default: id, Indonesian)",
        )

    def get_loader(self, options):
        return self.loader_class()

    def get_source(self, options):
        return options["file"]

    def handle(self, *args, **options):
        with translation.override(options.get("lang") or "id"):
            return self.load(options)

    def load(self, options):
        loader = self.loader = self.get_loader(options)
        try:
            count = loader.load(
                self.get_source(options),
                progress=options["verbosity"] >= 1,
                stream=self.stderr._out,
            )
        except ImportFailed as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(count)s problem(s) found; nothing was loaded.")
                % {"count": len(exc.problems)}
            ) from None
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s")
                % {"file": options.get("file"), "error": exc.strerror}
            ) from None
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Loaded %(count)s %(noun)s.")
                    % {"count": count, "noun": loader.noun}
                )
            )
        return None
