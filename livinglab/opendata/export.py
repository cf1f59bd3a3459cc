"""Write the open-data tables, atomically, into a directory.

The tables (``tables.py``) are read from the database first; then every file
is written into a temporary sibling of the target directory, which replaces
the target only at the end (``export``): a failed export leaves the previous
one untouched. An existing target is replaced only when it holds nothing but
open-data files (``FILES``), so a mistyped path cannot wipe other data.
``FILES`` is also the download page's allow-list.
"""

import datetime
import hashlib
import json
import os
import shutil
import tempfile
import uuid
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from wagtail.models import Site

from livinglab.base import spreadsheets
from livinglab.regions.models import Participation
from livinglab.regions.queries import current_register_act

from .tables import LIST_SEPARATOR, build_tables

ZIP_NAME = "livinglab-open-data.zip"
DATAPACKAGE = "datapackage.json"
README = "README.txt"
LICENCE = "LISENSI.txt"
LICENSES = [
    {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0",
    }
]
# Every file an export may hold, in the order the download page lists them.
# The download view serves these names and nothing else.
FILES = (
    ZIP_NAME,
    "inovasi.csv",
    "inovasi.json",
    "wilayah.csv",
    "wilayah.json",
    "spbe_nasional.csv",
    "spbe_kerangka.csv",
    "matriks_adopsi.csv",
    "matriks_adopsi.json",
    DATAPACKAGE,
    README,
    LICENCE,
)


class ExportError(Exception):
    """The export cannot be written where it was asked to go."""


def published_dir() -> Path:
    """Where ``--publish`` writes and ``/data-terbuka/`` reads."""
    configured = getattr(settings, "OPEN_DATA_DIR", None)
    return Path(configured or Path(settings.MEDIA_ROOT) / "open-data")


def _site_root():
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def _utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _cell(value):
    """A CSV value before the shared writer: lists joined with ``|``, times in
    UTC; numbers, booleans and dates stay typed, so that only text is
    neutralised (``spreadsheets.csv_cell``) and every typed column still
    validates against its Table Schema type."""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(spreadsheets.csv_cell(v) for v in value)
    if isinstance(value, datetime.datetime):
        return _utc(value)
    return value


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.datetime):
        return _utc(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _write_csv(path, table):
    """UTF-8 with a BOM, formula-like text neutralised: ``base.spreadsheets``."""
    names = [f.name for f in table.fields]
    with path.open("w", encoding="utf-8", newline="") as fh:
        spreadsheets.write_csv(
            fh, names, ([_cell(row.get(name)) for name in names] for row in table.rows)
        )


def _write_json(path, data):
    with path.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2, default=_json_default)
        fh.write("\n")


def _sha256(path):
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class WrittenFile:
    name: str
    bytes: int
    rows: int | None = None


@dataclass
class ExportResult:
    directory: Path
    created: str
    files: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    @property
    def total_bytes(self):
        return sum(f.bytes for f in self.files)


def register_source():
    """The Data Package ``sources`` entry of the region register: the act it
    follows (``RegisterAct``), with its date; ``None`` if none is recorded."""
    act = current_register_act()
    if act is None:
        return None
    return {
        "title": f"Kode wilayah: {act.citation()}",
        "path": act.url or None,
    }


def _datapackage(resources, created, root_url):
    sources = [
        {"title": "Platform Digital Service Living Lab", "path": root_url or None},
        register_source(),
        {"title": "Evaluasi SPBE (PermenPANRB 59/2020)"},
    ]
    package = {
        "profile": "tabular-data-package",
        "name": "livinglab-open-data",
        "title": "Data Terbuka Digital Service Living Lab",
        "description": (
            "Open data of Indonesia's Digital Service Living Lab: published "
            "innovation case studies, the kabupaten/kota register with pilot "
            "participation and SPBE index, national SPBE averages and the "
            "adoption matrix. Demonstration data shipped with the platform is "
            "synthetic. No personal data."
        ),
        "homepage": root_url or None,
        "created": created,
        "keywords": ["SPBE", "inovasi", "replikasi", "kabupaten", "kota"],
        "licenses": LICENSES,
        "sources": [{k: v for k, v in s.items() if v} for s in sources if s],
        "resources": resources,
    }
    return {key: value for key, value in package.items() if value is not None}


def _write_all(work, tables, created, root_url, zip_archive, progress):
    result = ExportResult(directory=work, created=created)

    def done(name, rows=None):
        written = WrittenFile(name, (work / name).stat().st_size, rows)
        result.files.append(written)
        if progress:
            progress(written)

    resources = []
    for table in tables:
        csv_name = f"{table.name}.csv"
        _write_csv(work / csv_name, table)
        done(csv_name, len(table.rows))
        result.counts[table.name] = len(table.rows)
        resources.append(
            {
                "profile": "tabular-data-resource",
                "name": table.name,
                "path": csv_name,
                "title": table.title,
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": (work / csv_name).stat().st_size,
                "hash": "sha256:" + _sha256(work / csv_name),
                "dialect": {"delimiter": ",", "header": True},
                "schema": table.schema(),
            }
        )
        if table.records is not None:
            json_name = f"{table.name}.json"
            _write_json(
                work / json_name,
                {
                    "name": table.name,
                    "title": table.title,
                    "created": created,
                    "license": LICENSES[0]["name"],
                    "count": len(table.records),
                    "data": table.records,
                },
            )
            done(json_name, len(table.records))
    _write_json(work / DATAPACKAGE, _datapackage(resources, created, root_url))
    done(DATAPACKAGE)
    context = {
        "created": created,
        "counts": result.counts,
        "demonstration": Participation.objects.filter(is_demonstration=True).exists(),
        "root_url": root_url,
        "register_act": current_register_act(),
    }
    for name in (README, LICENCE):
        text = render_to_string(f"opendata/{name}", context)
        (work / name).write_text(text, encoding="utf-8")
        done(name)
    if zip_archive:
        members = [f.name for f in result.files]
        with zipfile.ZipFile(work / ZIP_NAME, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in members:
                archive.write(work / name, arcname=name)
        done(ZIP_NAME)
    return result


def _check_target(target):
    if target.exists() and not target.is_dir():
        raise ExportError(_("%(dir)s exists and is not a directory.") % {"dir": target})
    if target.is_dir():
        strangers = sorted(p.name for p in target.iterdir() if p.name not in FILES)
        if strangers:
            raise ExportError(
                _(
                    "%(dir)s holds files that are not open data (%(names)s); "
                    "choose a new or empty directory."
                )
                % {"dir": target, "names": ", ".join(strangers[:5])}
            )


def _replace(work, target):
    """Put ``work`` where ``target`` is; the old export is removed only after."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        target.rename(old)
    try:
        work.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def export(target, *, zip_archive=False, progress=None, root_url=None):
    """Write the open data into ``target`` and return an ``ExportResult``.

    Raises ``ExportError`` for a target that is not ours to replace and
    ``OSError`` when the file system refuses; in both cases ``target`` is
    left as it was.
    """
    target = Path(target).absolute()
    _check_target(target)
    root_url = _site_root() if root_url is None else root_url
    tables = build_tables()
    created = _utc(timezone.now())
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        os.chmod(work, 0o755)  # noqa: S103 - public data, read by the web server
        result = _write_all(work, tables, created, root_url, zip_archive, progress)
        _replace(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    result.directory = target
    return result


def publish(progress=None):
    """Export to ``published_dir()`` with the zip, for ``/data-terbuka/``."""
    return export(published_dir(), zip_archive=True, progress=progress)


def published_files(directory=None):
    """``[{"name", "bytes", "modified"}]`` of the published export, in
    ``FILES`` order; empty when nothing was published."""
    directory = published_dir() if directory is None else directory
    files = []
    for name in FILES:
        try:
            stat = (directory / name).stat()
        except OSError:
            continue
        files.append(
            {
                "name": name,
                "bytes": stat.st_size,
                "modified": datetime.datetime.fromtimestamp(
                    stat.st_mtime, tz=datetime.UTC
                ),
            }
        )
    return files


def published_created(directory=None):
    """When the published export was made, from its ``datapackage.json``."""
    directory = published_dir() if directory is None else directory
    try:
        with (directory / DATAPACKAGE).open(encoding="utf-8") as fh:
            created = json.load(fh).get("created")
    except (OSError, ValueError, AttributeError):
        return None
    return parse_datetime(created) if isinstance(created, str) else None
