"""Retag JDIH case studies from SPBE indicator 43 to 44.

PermenPANRB 59/2020 numbers Layanan Data Terbuka 43 and Layanan JDIH 44;
the platform had them mislabelled, so a JDIH case study was tagged 43. A
live page tagged 43 whose title names JDIH moves to 44 (its latest revision
too, so publishing it again keeps the fix). Other tags are left alone.
"""

from django.db import migrations

OLD, NEW = 43, 44


def forwards(apps, schema_editor):
    Page = apps.get_model("innovations", "InnovationPage")
    Indicator = apps.get_model("taxonomy", "SpbeIndicator")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = Indicator._default_manager.filter(
        framework__code="permenpanrb-59-2020", number=OLD
    ).first()
    new = Indicator._default_manager.filter(
        framework__code="permenpanrb-59-2020", number=NEW
    ).first()
    if old is None or new is None:
        return
    content_type = ContentType.objects.filter(
        app_label="innovations", model="innovationpage"
    ).first()
    for page in Page.objects.filter(title__icontains="JDIH", spbe_indicators=old):
        page.spbe_indicators.remove(old)
        page.spbe_indicators.add(new)
        if content_type is None:
            continue
        revision = (
            Revision.objects.filter(content_type=content_type, object_id=str(page.pk))
            .order_by("-created_at")
            .first()
        )
        tags = (revision.content or {}).get("spbe_indicators") if revision else None
        if isinstance(tags, list) and old.pk in tags:
            revision.content["spbe_indicators"] = [
                new.pk if pk == old.pk else pk for pk in tags
            ]
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("innovations", "0002_sourcecodelink_other_descriptions"),
        ("taxonomy", "0003_spbe_59_2020_framework"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
