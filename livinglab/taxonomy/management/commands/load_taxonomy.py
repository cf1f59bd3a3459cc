from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from livinglab.taxonomy.frameworks import FrameworkError
from livinglab.taxonomy.loader import load_frameworks, load_taxonomy


class Command(BaseCommand):
    help = (
        "Add the taxonomies of fixtures/taxonomy.json and the SPBE frameworks of "
        "fixtures/spbe/ that are missing (keeps edits; a framework file loads "
        "all or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            default=str(settings.BASE_DIR / "fixtures" / "taxonomy.json"),
        )
        parser.add_argument(
            "--frameworks",
            default=str(settings.BASE_DIR / "fixtures" / "spbe"),
            help="Directory of SPBE framework files (JSON, docs/SPBE.md).",
        )

    def handle(self, *args, **options):
        created = load_taxonomy(options["file"])
        try:
            created += load_frameworks(options["frameworks"])
        except FrameworkError as error:
            raise CommandError("\n".join(error.problems)) from None
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"taxonomy: {created} new terms"))
