from django.conf import settings
from django.core.management.base import BaseCommand

from livinglab.taxonomy.loader import load_taxonomy


class Command(BaseCommand):
    help = (
        "Add the taxonomies of fixtures/taxonomy.json that are missing (keeps edits)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            default=str(settings.BASE_DIR / "fixtures" / "taxonomy.json"),
        )

    def handle(self, *args, **options):
        created = load_taxonomy(options["file"])
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"taxonomy: {created} new terms"))
