"""Move letters of intent and evidence out of public Wagtail documents.

Each Wagtail document linked from ``Adoption.letter_of_intent`` or
``AdoptionEvidence.document`` is copied to private storage under a random
token (``AdoptionFile``), the new link is set, and the document (row and
public file) is deleted. Plain ORM and storage calls only, so it runs the
same on SQLite and PostgreSQL. Not reversible: the files stay private.
"""

import secrets

from django.db import migrations

from livinglab.base.uploads import safe_filename


def move_document(document, *, adoption, kind, file_model, storage=None):
    """Copy ``document``'s content into a new private ``file_model`` row of
    ``adoption`` and return it; the document itself is left to the caller.
    A document whose file is missing gives ``None``."""
    name = safe_filename(document.file.name.rpartition("/")[2] or document.title)
    try:
        document.file.open("rb")
        content = document.file.read()
        document.file.close()
    except (FileNotFoundError, OSError, ValueError):
        return None
    from django.core.files.base import ContentFile

    token = secrets.token_urlsafe(32)
    record = file_model(
        adoption=adoption,
        kind=kind,
        token=token,
        original_name=name,
        size=len(content),
        uploaded_by_id=getattr(document, "uploaded_by_user_id", None),
    )
    record.file.save(name, ContentFile(content), save=False)
    record.save()
    return record


def _delete_document(document):
    """Delete the row now and its public file once the migration commits: a
    failure later in the migration rolls the rows back with their files."""
    from django.db import transaction

    storage, name = document.file.storage, document.file.name
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.exists(name) and storage.delete(name))


def move_files(apps, schema_editor):
    """The data migration: every linked document becomes a private file."""
    Adoption = apps.get_model("adoptions", "Adoption")
    AdoptionEvidence = apps.get_model("adoptions", "AdoptionEvidence")
    AdoptionFile = apps.get_model("adoptions", "AdoptionFile")
    moved = []
    for adoption in Adoption.objects.filter(
        letter_of_intent__isnull=False
    ).select_related("letter_of_intent"):
        document = adoption.letter_of_intent
        record = move_document(
            document, adoption=adoption, kind="surat_minat", file_model=AdoptionFile
        )
        adoption.letter_of_intent_file = record
        adoption.letter_of_intent = None
        adoption.save(update_fields=["letter_of_intent_file", "letter_of_intent"])
        moved.append(document)
    for evidence in AdoptionEvidence.objects.filter(
        document__isnull=False
    ).select_related("document", "event__adoption"):
        document = evidence.document
        record = move_document(
            document,
            adoption=evidence.event.adoption,
            kind="bukti_dukung",
            file_model=AdoptionFile,
        )
        evidence.file = record
        evidence.document = None
        if record is None and not evidence.url:
            evidence.title = f"{evidence.title} (berkas hilang)"[:200]
        evidence.save(update_fields=["file", "document", "title"])
        moved.append(document)
    for document in {d.pk: d for d in moved}.values():
        _delete_document(document)


class Migration(migrations.Migration):
    dependencies = [
        ("adoptions", "0002_adoptionfile"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        # Irreversible on purpose: going back would drop the private files'
        # table while the public documents are already gone.
        migrations.RunPython(move_files, elidable=False),
    ]
