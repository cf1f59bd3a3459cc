import json

from django.core.management.base import BaseCommand

from innovations.importer import export_innovations


class Command(BaseCommand):
    help = "Write the published case studies as JSON in the import format."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", help="file to write (default: standard output)"
        )

    def handle(self, *args, **options):
        text = json.dumps(export_innovations(), ensure_ascii=False, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        else:
            self.stdout.write(text)
