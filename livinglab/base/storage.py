"""Storage for private files: outside MEDIA_ROOT and with no URL at all.

Files in it are reached only through a view that asks
``livinglab.accounts.policy`` (for adoption records:
``livinglab.adoptions.files.serve``); neither the development media route nor
a production web server serves ``PRIVATE_MEDIA_ROOT`` (docs/PRIVATE_FILES.md).
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A FileSystemStorage under ``settings.PRIVATE_MEDIA_ROOT`` (read at each
    use, so tests may point it elsewhere) whose ``url()`` refuses: a private
    file has no address that bypasses the permission check."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; link to their view.")


def private_storage():
    """The storage of private files (a callable, so migrations hold no path)."""
    return PrivateStorage()


def check_private_root(app_configs=None, **kwargs):
    """System check: PRIVATE_MEDIA_ROOT must not lie inside a folder that is
    served as it is (MEDIA_ROOT, STATIC_ROOT) nor contain one."""
    from pathlib import Path

    from django.core.checks import Error

    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    errors = []
    for setting in ("MEDIA_ROOT", "STATIC_ROOT"):
        value = getattr(settings, setting, None)
        if not value:
            continue
        public = Path(value).resolve()
        if (
            private == public
            or private.is_relative_to(public)
            or public.is_relative_to(private)
        ):
            errors.append(
                Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps {setting} ({public}): "
                    "private files would be served without a permission check.",
                    hint="Point PRIVATE_MEDIA_ROOT at a folder of its own "
                    "(docs/PRIVATE_FILES.md).",
                    id="livinglab.E030",
                )
            )
    return errors
