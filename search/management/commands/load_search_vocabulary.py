"""Load the shipped search vocabulary into the moderators' snippets.

    python manage.py load_search_vocabulary

search/data/synonyms_id.txt and synonyms_en.txt become SynonymSet rows (of
language "id" and "en") and
search/data/glossary_en_id.txt GlossaryEntry rows. Idempotent: a line whose
first phrase is already in a synonym set, or an English term already in the
glossary, is left as the moderators keep it. Run by ``load_initial_data``.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from search import analysis
from search.models import GlossaryEntry, SynonymSet


class Command(BaseCommand):
    help = "Load the shipped synonym sets and English glossary (idempotent)."

    def handle(self, *args, **options):
        created_sets = created_terms = 0
        with transaction.atomic():
            for language in analysis.LANGUAGES:
                known = set()
                for row in SynonymSet.objects.filter(language=language):
                    known.update(row.phrase_list())
                for line in analysis._data_lines(f"synonyms_{language}.txt"):
                    phrases = [p.strip() for p in line.split(",") if p.strip()]
                    if len(phrases) < 2 or analysis.normalize(phrases[0]) in known:
                        continue
                    SynonymSet.objects.create(
                        phrases=", ".join(phrases), language=language
                    )
                    known.update(analysis.normalize(p) for p in phrases)
                    created_sets += 1
            existing = set(GlossaryEntry.objects.values_list("english", flat=True))
            for line in analysis._data_lines("glossary_en_id.txt"):
                english, _sep, indonesian = (x.strip() for x in line.partition("="))
                if not english or not indonesian or english in existing:
                    continue
                GlossaryEntry.objects.create(english=english, indonesian=indonesian)
                existing.add(english)
                created_terms += 1
        analysis.reload()
        if options["verbosity"]:
            self.stdout.write(
                f"search vocabulary: {created_sets} synonym sets and "
                f"{created_terms} glossary entries added"
            )
