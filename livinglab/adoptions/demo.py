"""Demonstration letters of intent and evidence files (synthetic).

``attach_demo_files()`` gives a few demonstration adoptions a letter of
intent (PDF) and evidence on their steps (PDF attendance list, PDF
agreement, PNG photo), generated in code, so a fresh ``make run`` shows the
private-file rule: Garut's team and Sumedang's host publisher download
Garut's files; Garut's team gets 403 on Bandung's. Idempotent: an adoption
with a letter, or a step with evidence, is left as it is.
"""

from django.core.files.base import ContentFile

from livinglab.base.files import minimal_pdf, minimal_png

from .models import Adoption, AdoptionEvidence, AdoptionFile

# (region code, innovation slug): the demo accounts' regions and host.
DEMO_FILES = [
    ("32.05", "renbang-terpadu-sumedang"),
    ("32.73", "jdih-terintegrasi-sumedang"),
]
EVIDENCE = {
    # stage: (title, file name, kind of file)
    "studi_tiru": ("Daftar hadir studi tiru", "daftar-hadir-studi-tiru.pdf", "pdf"),
    "kesepakatan": ("Perjanjian kerja sama (PKS)", "pks-ditandatangani.pdf", "pdf"),
    "pelatihan": ("Foto kegiatan bimtek", "foto-bimtek.png", "png"),
}


def _upload(name, content):
    upload = ContentFile(content, name=name)
    upload.size = len(content)
    return upload


def _pdf(title, adoption):
    return minimal_pdf(
        [
            "DOKUMEN DEMONSTRASI (sintetis) - bukan dokumen resmi.",
            f"Daerah: {adoption.region.name} ({adoption.region.code})",
            f"Inovasi: {adoption.innovation.title}",
        ],
        title=title,
    )


def attach_demo_files():
    """Attach the demonstration files that are missing; returns how many
    files were created."""
    created = 0
    for code, slug in DEMO_FILES:
        adoption = (
            Adoption.objects.select_related("region", "innovation")
            .filter(region__code=code, innovation__slug=slug)
            .first()
        )
        if adoption is None:
            continue
        if adoption.letter_of_intent_id is None:
            adoption.letter_of_intent = AdoptionFile.store(
                adoption=adoption,
                kind=AdoptionFile.Kind.LETTER_OF_INTENT,
                uploaded=_upload(
                    "surat-minat-replikasi.pdf",
                    _pdf("Surat minat replikasi", adoption),
                ),
            )
            adoption.save(update_fields=["letter_of_intent"])
            created += 1
        for event in adoption.events.filter(to_stage__in=EVIDENCE):
            if event.evidence.exists():
                continue
            title, name, kind = EVIDENCE[event.to_stage]
            content = minimal_png() if kind == "png" else _pdf(title, adoption)
            stored = AdoptionFile.store(
                adoption=adoption,
                kind=AdoptionFile.Kind.EVIDENCE,
                uploaded=_upload(name, content),
            )
            AdoptionEvidence.objects.create(
                event=event, title=title, year=event.date.year, file=stored
            )
            created += 1
    return created
