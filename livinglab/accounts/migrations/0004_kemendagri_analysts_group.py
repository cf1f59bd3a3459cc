"""The global role "Kemendagri analysts" is a Django group (see policy.py).

Moderators and Editors come from Wagtail's own migrations; this adds the
analysts' group so the role exists on every installation. Analysts read the
national dashboards; they get no admin or editing permission here.
"""

from django.db import migrations

ANALYSTS = "Kemendagri analysts"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=ANALYSTS)


def remove_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=ANALYSTS, user__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_invitation_token"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
