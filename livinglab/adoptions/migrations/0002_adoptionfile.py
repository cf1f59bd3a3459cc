# Private files of adoptions (security issue, finding 2): the new table and
# the new links, beside the old Wagtail-document links until 0003 has moved
# the files and 0004 drops the old links.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import livinglab.adoptions.models
import livinglab.base.storage


class Migration(migrations.Migration):

    dependencies = [
        ('adoptions', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AdoptionFile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('surat_minat', 'Letter of intent'), ('bukti_dukung', 'Evidence')], max_length=20, verbose_name='kind')),
                ('token', models.CharField(default=livinglab.adoptions.models.new_file_token, editable=False, max_length=64, unique=True)),
                ('file', models.FileField(max_length=200, storage=livinglab.base.storage.private_storage, upload_to=livinglab.adoptions.models.private_file_name, verbose_name='file')),
                ('original_name', models.CharField(max_length=150, verbose_name='file name')),
                ('size', models.PositiveBigIntegerField(default=0, verbose_name='size (bytes)')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('adoption', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='files', to='adoptions.adoption')),
                ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'adoption file',
                'verbose_name_plural': 'adoption files',
                'ordering': ['pk'],
            },
        ),
        migrations.AddField(
            model_name='adoption',
            name='letter_of_intent_file',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='adoptions.adoptionfile', verbose_name='letter of intent (surat minat replikasi)'),
        ),
        migrations.AddField(
            model_name='adoptionevidence',
            name='file',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='adoptions.adoptionfile', verbose_name='file'),
        ),
    ]
