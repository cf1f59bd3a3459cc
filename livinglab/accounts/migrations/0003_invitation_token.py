"""Adds the secret token of invitation links (unique); existing rows get one."""

import secrets

from django.db import migrations, models

import livinglab.accounts.models


def fill_tokens(apps, schema_editor):
    Invitation = apps.get_model("accounts", "Invitation")
    for invitation in Invitation.objects.filter(token__isnull=True):
        invitation.token = secrets.token_urlsafe(32)
        invitation.save(update_fields=["token"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_auditevent_invitation_regionrole"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="token",
            field=models.CharField(
                editable=False, max_length=64, null=True, verbose_name="token"
            ),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="invitation",
            name="token",
            field=models.CharField(
                default=livinglab.accounts.models.new_invitation_token,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="token",
            ),
        ),
    ]
