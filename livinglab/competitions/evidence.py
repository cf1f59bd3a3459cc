"""The ZIP of evidence (bukti dukung) for a host's competition entries
(issue 19.5).

It holds only files the requesting person may read, each through the check
that already guards it: the letters of intent received
(``adoptions.AdoptionFile``, private: ``adoptions.view_records`` on their
adoption) and the documents attached to the host's case studies as SPBE
evidence or training material (Wagtail documents:
``policy.may_read_collection_documents`` on their collection, asked once per
collection). Files are read from storage, never fetched by a public
address. A ``daftar-berkas.csv`` lists every bukti dukung (title, SPBE
indicator numbers, year, verification status, and its file in the ZIP or its
link when it is only a link), letter and training document with its case
study; a document attached twice is in the ZIP once. Members are dated with
their file's upload time, and everything is in Indonesian whatever the
interface language.

The ZIP is written into a temporary file (in memory up to
``SPOOL_BYTES``, then on disk) file by file in chunks, never whole in
memory, and streamed from it. The files together may hold at most
``COMPETITIONS_EVIDENCE_MAX_BYTES`` (default 200 MiB, uncompressed): over
that, ``TooLarge`` and no file at all. Downloads are rate limited per person
(``EvidenceThrottle``: ``COMPETITIONS_EVIDENCE_RATE``, default 10/hour).
"""

import datetime
import tempfile
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation

from livinglab.accounts.policy import may_read_collection_documents
from livinglab.base import spreadsheets
from livinglab.base.uploads import safe_filename
from livinglab.replication.service import KitThrottle

from .exports import letter_path, letters_received

MANIFEST = "daftar-berkas.csv"
#: The default of ``COMPETITIONS_EVIDENCE_MAX_BYTES`` (200 MiB).
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
#: The default of ``COMPETITIONS_EVIDENCE_RATE``.
DEFAULT_RATE = "10/hour"
#: The ZIP stays in memory up to this size (bytes), then goes to disk.
SPOOL_BYTES = 8 * 1024 * 1024
CHUNK_BYTES = 64 * 1024


class TooLarge(Exception):
    """The evidence files together are over ``limit`` bytes
    (``max_bytes()``); nothing is given."""

    def __init__(self, limit):
        super().__init__(f"evidence over {limit} bytes")
        self.limit = limit


class EvidenceThrottle(KitThrottle):
    """Evidence ZIPs per person (or per address, as ``KitThrottle``):
    ``COMPETITIONS_EVIDENCE_RATE`` (default 10/hour), counted in the shared
    cache apart from the kits."""

    scope = "competitions-evidence"

    def get_rate(self):
        return getattr(settings, "COMPETITIONS_EVIDENCE_RATE", DEFAULT_RATE)


def max_bytes():
    """The most the files of one evidence ZIP may hold together, in bytes
    before compression (``COMPETITIONS_EVIDENCE_MAX_BYTES``)."""
    return int(getattr(settings, "COMPETITIONS_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


@dataclass
class Entry:
    """One row of ``daftar-berkas.csv``: a letter of intent, a bukti dukung
    (with or without a file) or a training document. ``path`` is its member
    in the ZIP (``""`` when no file is included: a link, a closed
    collection), ``field`` the stored file to copy (``None``: none),
    ``modified`` the file's upload time (aware ``datetime`` or ``None``)."""

    kind: str
    case_study: str
    title: str
    path: str = ""
    field: object = None
    modified: datetime.datetime | None = None
    indicators: str = ""
    year: object = ""
    status: str = ""
    link: str = ""
    note: str = ""


def evidence_entries(request, pages) -> list[Entry]:
    """Every ``Entry`` of ``pages`` (prefetched as ``host_case_studies``
    does), in order: the letters of intent ``request`` may read, every bukti
    dukung (a link-only one too; a file ``request`` may not read is listed
    without it) and the training documents ``request`` may read. Several
    entries may share a ``path`` (a document attached twice). The number of
    queries does not grow with the number of documents (one per
    collection). Labels are in the active language: call it under
    ``translation.override("id")``."""
    entries = []
    readable = {}  # collection_id -> bool

    def may_read(document):
        if document.collection_id not in readable:
            readable[document.collection_id] = may_read_collection_documents(
                request, document.collection
            )
        return readable[document.collection_id]

    def document_path(page, folder, document):
        name = safe_filename(document.filename or f"dokumen-{document.pk}")
        return f"{page.slug}/{folder}/{document.pk}-{name}"

    for adoption in letters_received(pages):
        if request.user.has_perm("adoptions.view_records", adoption):
            letter = adoption.letter_of_intent
            entries.append(
                Entry(
                    kind="surat minat replikasi",
                    case_study=adoption.innovation.title,
                    title=f"Surat minat {adoption.region.name}",
                    path=letter_path(adoption),
                    field=letter.file,
                    modified=letter.created_at,
                    year=adoption.started_on.year if adoption.started_on else "",
                )
            )
    for page in pages:
        for item in page.evidence.all():
            entry = Entry(
                kind="bukti dukung",
                case_study=page.title,
                title=item.title,
                indicators=", ".join(
                    str(n) for n in sorted(i.number for i in item.indicators.all())
                ),
                year=item.year,
                status=str(item.get_verification_status_display()),
                link=item.url,
            )
            document = item.document
            if document is not None and may_read(document):
                entry.path = document_path(page, "bukti-dukung", document)
                entry.field = document.file
                entry.modified = document.created_at
            elif document is not None:
                entry.note = "berkas tidak disertakan: koleksi dokumennya tertutup"
            elif not item.url:
                entry.note = "tanpa berkas dan tanpa tautan"
            entries.append(entry)
        for item in page.training_materials.all():
            document = item.document
            if document is None or not may_read(document):
                continue
            entries.append(
                Entry(
                    kind="materi pelatihan",
                    case_study=page.title,
                    title=item.title,
                    path=document_path(page, "materi-pelatihan", document),
                    field=document.file,
                    modified=document.created_at,
                    link=item.url,
                )
            )
    return entries


def evidence_files(request, pages):
    """``(path in the ZIP, kind, case-study title, stored file field)`` for
    every evidence file of ``pages`` that ``request`` may read (from
    ``evidence_entries``); each path once."""
    files = {}
    for entry in evidence_entries(request, pages):
        if entry.path and entry.path not in files:
            files[entry.path] = (entry.path, entry.kind, entry.case_study, entry.field)
    return list(files.values())


def zip_time(moment, default) -> tuple:
    """``ZipInfo.date_time`` (local time, ``settings.TIME_ZONE``) of the
    aware ``moment``, or of ``default`` when it is ``None``; never before
    1980 (the ZIP format's first year)."""
    local = timezone.localtime(moment or default)
    return max(local.timetuple()[:6], (1980, 1, 1, 0, 0, 0))


def _member(path, moment, default):
    info = zipfile.ZipInfo(path, date_time=zip_time(moment, default))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _copy(handle, member, total, limit):
    """Copy the open file ``handle`` into ZIP ``member`` in chunks; returns
    the new running ``total`` of bytes; raises ``TooLarge`` past ``limit``
    (counted as read, whatever size the storage claims)."""
    while chunk := handle.read(CHUNK_BYTES):
        total += len(chunk)
        if total > limit:
            raise TooLarge(limit)
        member.write(chunk)
    return total


MANIFEST_HEADER = [
    "studi kasus",
    "jenis",
    "judul",
    "indikator SPBE",
    "tahun",
    "status verifikasi",
    "berkas di ZIP",
    "tautan",
    "catatan",
]


def evidence_archive(request, pages):
    """The ZIP in a temporary file (open, at position 0; the caller streams
    and closes it) and the number of files in it. ``daftar-berkas.csv``
    (``MANIFEST_HEADER``) lists every ``evidence_entries`` row: a link-only
    bukti dukung with its link, a file with its member name; a file missing
    from storage is listed as missing instead of failing. Each member is
    dated with its file's upload time (the manifest: the export time).
    Built in Indonesian whatever the interface language. Raises
    ``TooLarge`` (the temporary file already closed and gone) when the
    files together are over ``max_bytes()``."""
    limit = max_bytes()
    now = timezone.now()
    # Closed here on error, else by the FileResponse that streams it.
    target = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    rows = []
    written = {}  # path -> "" (in the ZIP) or the note why not
    total = 0
    try:
        with (
            translation.override("id"),
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            for entry in evidence_entries(request, pages):
                if entry.path and entry.path not in written:
                    try:
                        handle = entry.field.open("rb")
                    except (FileNotFoundError, OSError, ValueError):
                        written[entry.path] = "berkas tidak ditemukan"
                    else:
                        info = _member(entry.path, entry.modified, now)
                        with (
                            handle,
                            archive.open(info, "w", force_zip64=True) as member,
                        ):
                            total = _copy(handle, member, total, limit)
                        written[entry.path] = ""
                missing = written.get(entry.path, "")
                rows.append(
                    [
                        entry.case_study,
                        entry.kind,
                        entry.title,
                        entry.indicators,
                        entry.year,
                        entry.status,
                        entry.path if entry.path and not missing else "",
                        entry.link,
                        missing and f"{missing}: {entry.path}" or entry.note,
                    ]
                )
            archive.writestr(
                _member(MANIFEST, now, now),
                "".join(spreadsheets.csv_lines(MANIFEST_HEADER, rows)),
            )
    except BaseException:
        target.close()
        raise
    target.seek(0)
    return target, sum(1 for note in written.values() if not note)
