"""Only translators hold wagtail-localize's ``submit_translation`` (issue 20,
review finding M2).

wagtail-localize's own migration 0006 gives it to Wagtail's Editors and
Moderators groups, which would let host publishers and moderators create
translations through its "Translate this page" view. Our rule
(``policy.may_translate``) is translators and administrators; the guard on
that view enforces it too. Reversing gives the permission back."""

from django.db import migrations

GROUPS = ("Editors", "Moderators")


def _permission(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()


def keep_to_translators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = _permission(apps)
    if permission is not None:
        for group in Group.objects.filter(name__in=GROUPS):
            group.permissions.remove(permission)


def give_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = _permission(apps)
    if permission is not None:
        for group in Group.objects.filter(name__in=GROUPS):
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_translators_group"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(keep_to_translators, give_back)]
