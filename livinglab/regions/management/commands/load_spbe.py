from livinglab.regions.loaders import NationalAverageLoader, SpbeScoreLoader

from ._base import LoaderCommand


class Command(LoaderCommand):
    help = (
        "Load or update SPBE indices. CSV columns: region_code, year, index; "
        "with --national: year, index (the national average per year)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--national", action="store_true", help="the file holds national averages"
        )

    def get_loader(self, options):
        return NationalAverageLoader() if options["national"] else SpbeScoreLoader()
