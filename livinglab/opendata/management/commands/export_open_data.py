from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from livinglab.opendata import export


def _size(n):
    return filesizeformat(n).replace("\xa0", " ")


class Command(BaseCommand):
    help = (
        "Write the open data (CSV, JSON, datapackage.json, README, licence) into "
        "DIR, or with --publish to the location /data-terbuka/ serves."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            metavar="DIR",
            help="directory to write (created if missing, replaced as a whole)",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="write to OPEN_DATA_DIR (default MEDIA_ROOT/open-data) with a zip",
        )
        parser.add_argument(
            "--zip", action="store_true", help=f"also write {export.ZIP_NAME}"
        )

    def handle(self, *args, **options):
        directory, publish = options["directory"], options["publish"]
        if bool(directory) == publish:
            raise CommandError(_("Give either a directory or --publish."))
        target = export.published_dir() if publish else directory
        verbose = options["verbosity"] >= 1

        def progress(written):
            if not verbose:
                return
            if written.rows is None:
                line = _("%(name)s: %(size)s")
            else:
                line = _("%(name)s: %(rows)s rows, %(size)s")
            self.stdout.write(
                line
                % {
                    "name": written.name,
                    "rows": written.rows,
                    "size": _size(written.bytes),
                }
            )

        try:
            result = export.export(
                target, zip_archive=publish or options["zip"], progress=progress
            )
        except export.ExportError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(
                _("Cannot write the open data to %(dir)s: %(error)s")
                % {"dir": target, "error": exc.strerror or exc}
            ) from None
        if verbose:
            counts = result.counts
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Open data written to %(dir)s: %(files)s files, %(size)s "
                        "(%(innovations)s case studies, %(regions)s regions, "
                        "%(adoptions)s adoptions)."
                    )
                    % {
                        "dir": result.directory,
                        "files": len(result.files),
                        "size": _size(result.total_bytes),
                        "innovations": counts.get("inovasi", 0),
                        "regions": counts.get("wilayah", 0),
                        "adoptions": counts.get("matriks_adopsi", 0),
                    }
                )
            )
