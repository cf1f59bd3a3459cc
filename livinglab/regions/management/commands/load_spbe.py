from livinglab.regions.loaders import (
    NationalAverageLoader,
    SpbeIndicatorLoader,
    SpbeScoreLoader,
)

from ._base import LoaderCommand


class Command(LoaderCommand):
    help = (
        "Load or update SPBE indices. CSV columns: region_code, year, index; "
        "with --national: year, index (the national average per year); with "
        "--indicators: region_code, year, indicator, level (maturity 1-5)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--national", action="store_true", help="the file holds national averages"
        )

        parser.add_argument(
            "--indicators",
            action="store_true",
            help="the file holds indicator maturity levels",
        )

    def get_loader(self, options):
        if options["indicators"]:
            return SpbeIndicatorLoader()
        return NationalAverageLoader() if options["national"] else SpbeScoreLoader()
