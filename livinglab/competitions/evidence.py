"""The ZIP of evidence (bukti dukung) for a host's competition entries
(issue 19.5).

It holds only files the requesting person may read, each through the check
that already guards it: the letters of intent received
(``adoptions.AdoptionFile``, private: ``adoptions.view_records`` on their
adoption) and the documents attached to the host's case studies as SPBE
evidence or training material (Wagtail documents:
``policy.may_read_collection_documents`` on their collection, asked once per
collection). Files are read from storage, never fetched by a public
address. A ``daftar-berkas.csv`` lists every file with its case study and
kind; a document attached twice is in the ZIP once.

The ZIP is written into a temporary file (in memory up to
``SPOOL_BYTES``, then on disk) file by file in chunks, never whole in
memory, and streamed from it. The files together may hold at most
``COMPETITIONS_EVIDENCE_MAX_BYTES`` (default 200 MiB, uncompressed): over
that, ``TooLarge`` and no file at all. Downloads are rate limited per person
(``EvidenceThrottle``: ``COMPETITIONS_EVIDENCE_RATE``, default 10/hour).
"""

import tempfile
import zipfile

from django.conf import settings

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


def evidence_files(request, pages):
    """``(path in the ZIP, kind, case-study title, stored file field)`` for
    every evidence file of ``pages`` (prefetched as ``host_case_studies``
    does) that ``request`` may read; each path once. The number of queries
    does not grow with the number of documents (one per collection)."""
    files = []
    seen = set()
    readable = {}  # collection_id -> bool

    def add(path, kind, title, field):
        if path not in seen:
            seen.add(path)
            files.append((path, kind, title, field))

    for adoption in letters_received(pages):
        if request.user.has_perm("adoptions.view_records", adoption):
            add(
                letter_path(adoption),
                "surat minat replikasi",
                adoption.innovation.title,
                adoption.letter_of_intent.file,
            )
    for page in pages:
        parts = [("bukti-dukung", "bukti dukung", e) for e in page.evidence.all()]
        parts += [
            ("materi-pelatihan", "materi pelatihan", m)
            for m in page.training_materials.all()
        ]
        for folder, kind, part in parts:
            document = part.document
            if document is None:
                continue
            if document.collection_id not in readable:
                readable[document.collection_id] = may_read_collection_documents(
                    request, document.collection
                )
            if not readable[document.collection_id]:
                continue
            name = safe_filename(document.filename or f"dokumen-{document.pk}")
            add(
                f"{page.slug}/{folder}/{document.pk}-{name}",
                kind,
                page.title,
                document.file,
            )
    return files


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


def evidence_archive(request, pages):
    """The ZIP in a temporary file (open, at position 0; the caller streams
    and closes it) and the number of files in it. A file missing from
    storage is listed in the manifest as missing instead of failing.
    Raises ``TooLarge`` (the temporary file already closed and gone) when
    the files together are over ``max_bytes()``."""
    limit = max_bytes()
    # Closed here on error, else by the FileResponse that streams it.
    target = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    rows = []
    total = 0
    try:
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path, kind, title, field in evidence_files(request, pages):
                try:
                    handle = field.open("rb")
                except (FileNotFoundError, OSError, ValueError):
                    rows.append([path, kind, title, "berkas tidak ditemukan"])
                    continue
                with handle, archive.open(path, "w", force_zip64=True) as member:
                    total = _copy(handle, member, total, limit)
                rows.append([path, kind, title, ""])
            archive.writestr(
                MANIFEST,
                "".join(
                    spreadsheets.csv_lines(
                        ["berkas", "jenis", "studi kasus", "catatan"], rows
                    )
                ),
            )
    except BaseException:
        target.close()
        raise
    target.seek(0)
    return target, sum(1 for row in rows if not row[3])
