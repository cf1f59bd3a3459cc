# The old links to public Wagtail documents go; the new one takes the name.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('adoptions', '0003_move_documents_to_private_files'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='adoption',
            name='letter_of_intent',
        ),
        migrations.RemoveField(
            model_name='adoptionevidence',
            name='document',
        ),
        migrations.RenameField(
            model_name='adoption',
            old_name='letter_of_intent_file',
            new_name='letter_of_intent',
        ),
    ]
