"""Replace Wagtail's welcome page with our HomePage as the default site root."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("base.HomePage")

    Page.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page", slug="home", depth=2
    ).delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="base")
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="Living Lab Layanan Digital",
        draft_title="Living Lab Layanan Digital",
        slug="beranda",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/beranda/",
        locale=locale,
        introduction=(
            "Ruang berbagi pengetahuan, pengalaman, dan bukti inovasi layanan publik "
            "digital antar-kabupaten/kota untuk bersama menaikkan indeks SPBE."
        ),
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Living Lab"},
    )


def remove_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage = apps.get_model("base.HomePage")
    HomePage.objects.filter(slug="beranda", depth=2).delete()
    ContentType.objects.filter(model="homepage", app_label="base").delete()


class Migration(migrations.Migration):
    dependencies = [("base", "0001_initial")]
    operations = [migrations.RunPython(create_homepage, remove_homepage)]
