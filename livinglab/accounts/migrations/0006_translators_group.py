"""The role "Translators" is a Wagtail group (issue 20, see policy.py).

Translators reach the Wagtail admin and make translations with
wagtail-localize (its ``submit_translation`` permission). Their page
permissions (add and change, never publish, on the English home) need the
English tree, which pages are: ``livinglab.translations.setup``
``ensure_english_tree`` grants them where the site is set up
(``load_initial_data``).
"""

from django.db import migrations

TRANSLATORS = "Translators"
PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
)


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=TRANSLATORS)
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


def remove_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=TRANSLATORS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_audit_case_study_confirmed"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
