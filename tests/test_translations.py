"""Every user-visible string in both languages (issue 16, item 5).

English is written in code and templates inside gettext / {% translate %};
the Indonesian is in locale/id/LC_MESSAGES/django.po. These tests fail when:

* a template carries plain text outside {% translate %} / {% blocktranslate %}
  (text nodes and the visible attributes title, alt, placeholder, aria-label);
* a msgid extracted from our code and templates (Django's makemessages, run
  on a copy of the sources in a temporary folder) has no Indonesian, or a
  fuzzy one;
* an English msgid mixes in Indonesian sentence words ("Attach bukti dukung")
  or a count is put into a message without plural forms;
* a model's verbose name, help text or choice label is not a lazy
  translation;
* a string of the installed Wagtail apps (django and djangojs domains) has
  no Indonesian in Wagtail's id_ID catalogue nor in ours (locale/wagtail/
  fills the gaps), or Wagtail's workflow and task names are left English;
* an English page shows Indonesian headings, or the Indonesian library English.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.template.base import Lexer, TokenType
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
TEMPLATE_DIRS = [ROOT / "templates", ROOT / "livinglab" / "adoptions" / "templates"]
SOURCE_DIRS = ["innovations", "search", "livinglab", "templates"]

# --------------------------------------------------------------------------
# The catalogue, read without a dependency (msgctxt, msgid, plural, flags).


def parse_po(text):
    """Entries of a .po file as dicts: ``msgid``, ``msgid_plural`` (or
    absent), ``msgctxt`` (or absent), ``msgstr`` ({index: text}), ``flags``
    (set) and ``refs`` (list of "path:line"). Obsolete (#~) entries are left
    out; the header (empty msgid) is kept."""
    entries, cur, field = [], None, None

    def flush():
        if cur and "msgid" in cur:
            entries.append(cur)

    for line in text.splitlines():
        if not line.strip():
            flush()
            cur, field = None, None
            continue
        if cur is None:
            cur = {"flags": set(), "refs": [], "msgstr": {}}
        if line.startswith("#,"):
            cur["flags"].update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#:"):
            cur["refs"].extend(line[2:].split())
        elif line.startswith("#"):
            continue
        else:
            m = re.match(
                r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line
            )
            if m:
                value = _unquote(m.group(3))
                if m.group(1).startswith("msgstr"):
                    field = ("msgstr", int(m.group(2) or 0))
                    cur["msgstr"][field[1]] = value
                else:
                    field = (m.group(1), None)
                    cur[m.group(1)] = value
            elif line.startswith('"') and field:
                value = _unquote(line)
                if field[0] == "msgstr":
                    cur["msgstr"][field[1]] += value
                else:
                    cur[field[0]] += value
    flush()
    return entries


def _unquote(quoted):
    body = quoted.strip()[1:-1]
    return re.sub(
        r"\\(.)",
        lambda m: {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(
            m.group(1), m.group(1)
        ),
        body,
    )


def untranslated(entries):
    """The entries (not the header) with an empty or fuzzy Indonesian."""
    return [
        e
        for e in entries
        if e["msgid"]
        and ("fuzzy" in e["flags"] or not all(e["msgstr"].values()) or not e["msgstr"])
    ]


# --------------------------------------------------------------------------
# Templates: plain text outside the translation tags.

VISIBLE_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label", "aria-description")
SKIPPED_BLOCKS = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
    "verbatim": "endverbatim",
}
# Text that is the same in both languages, each with its reason.
TEXT_EXCEPTIONS = {
    "CSV": "file format name",
    "XLSX": "file format name",
    "Rp": "the rupiah sign, written so in both languages",
    "publiccode.yml": "a file name defined by the publiccode.yml standard",
}
# Whole files that are bilingual by design.
FILE_EXCEPTIONS = {
    "500.html": "rendered when everything else failed (no request, possibly no "
    "database): carries both languages side by side, lang-marked",
    "503.html": "the database-unavailable page, like 500.html: both languages",
    "opendata/README.txt": "a file inside the open-data archive, bilingual",
    "opendata/LISENSI.txt": "the licence file inside the archive, bilingual",
}
WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")


def _skeleton(source):
    """The template with every tag and variable replaced by NUL, and the
    text inside skipped blocks (blocktranslate, comment, verbatim) dropped."""
    out, stack = [], []
    for token in Lexer(source).tokenize():
        name = token.contents.split()[0] if token.contents.split() else ""
        if stack:
            if token.token_type == TokenType.BLOCK and name == stack[-1]:
                stack.pop()
            out.append("\x00")
        elif token.token_type == TokenType.TEXT:
            out.append(token.contents)
        else:
            if token.token_type == TokenType.BLOCK and name in SKIPPED_BLOCKS:
                stack.append(SKIPPED_BLOCKS[name])
            out.append("\x00")
    return "".join(out)


def plain_text(source):
    """The pieces of text a reader would see that no translation tag covers:
    text nodes, and the values of visible attributes. Scripts, styles, HTML
    comments, entities, tags and template variables are left out."""
    text = _skeleton(source)
    text = re.sub(r"<(script|style)\b.*?</\1>", "\x00", text, flags=re.S | re.I)
    text = re.sub(r"<!--.*?-->", "\x00", text, flags=re.S)
    attributes = []

    def tag(match):
        names = "|".join(VISIBLE_ATTRIBUTES)
        pattern = rf"\b(?:{names})\s*=\s*\"([^\"]*)\""
        attributes.extend(re.findall(pattern, match.group(0)))
        return "\x00"

    text = re.sub(r"<[^>]*>", tag, text)
    text = re.sub(r"&[#a-zA-Z0-9]+;", " ", text)
    found = []
    for chunk in text.split("\x00") + [a for v in attributes for a in v.split("\x00")]:
        piece = " ".join(chunk.split())
        if WORD.search(piece) and piece not in TEXT_EXCEPTIONS:
            found.append(piece)
    return found


def our_templates():
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".txt"):
                yield folder, path


def test_the_scanner_sees_plain_text():
    source = (
        '{% load i18n %}<h1>{% translate "Library" %}</h1><p>Pustaka {{ x }}</p>'
        '<img alt="Logo daerah"><input placeholder="{% translate \'Search\' %}">'
        "{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}"
        "<script>var s = 'not text';</script>{# a comment #}<!-- html -->"
    )
    assert plain_text(source) == ["Pustaka", "Logo daerah"]


def test_templates_have_no_untranslated_text():
    offenders = []
    for folder, path in our_templates():
        name = path.relative_to(folder).as_posix()
        if name in FILE_EXCEPTIONS:
            continue
        offenders += [f"{name}: {text[:80]}" for text in plain_text(path.read_text())]
    assert not offenders, "text outside {% translate %}:\n" + "\n".join(offenders)


# --------------------------------------------------------------------------
# Every msgid of our code and templates has its Indonesian.


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogue as makemessages would make it now, in a copy of the
    sources (the committed catalogue is never touched)."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("GNU gettext (xgettext) is needed to check the catalogue")
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path_factory.mktemp("messages")
    ignore = shutil.ignore_patterns("__pycache__", "static", "*.pyc", "*.mo")
    for name in SOURCE_DIRS:
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    shutil.copytree(
        ROOT / "locale", copy / "locale", ignore=shutil.ignore_patterns("*.mo")
    )
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "livinglab.settings.test"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    return parse_po((copy / "locale" / "id" / "LC_MESSAGES" / "django.po").read_text())


def _describe(entries):
    return "\n".join(
        f"{e['msgid'][:90]!r} ({', '.join(e['refs'][:2])})" for e in entries
    )


def test_every_msgid_has_its_indonesian(extracted):
    missing = untranslated(extracted)
    assert not missing, "no Indonesian (or fuzzy):\n" + _describe(missing)


def test_the_committed_catalogue_has_no_empty_or_fuzzy_entry():
    missing = untranslated(parse_po(CATALOGUE.read_text()))
    assert not missing, _describe(missing)


# Indonesian sentence words that must not appear in an English msgid. Field
# terms kept as the field uses them (SPBE, OPD, kabupaten/kota, bukti dukung)
# are fine inside parentheses after their English ("SPBE evidence (bukti
# dukung)") or as names.
INDONESIAN_WORDS = re.compile(
    r"\b(bukti dukung|dan|untuk|yang|dengan|tidak|belum|sudah|dari|atau|pada|"
    r"ini|itu|akan|oleh|semua|saring|lampirkan|daerah|wilayah)\b",
    re.I,
)


# English text that keeps a field term first, with its reason.
MIXED_ALLOWED = {
    "bukti dukung (supporting evidence)": "the field's term, glossed; a model "
    "field label (SpbeLevelCriterion.evidence), so rewording it needs a "
    "migration in taxonomy",
}


def test_english_msgids_are_english(extracted):
    mixed = []
    for entry in extracted:
        if entry["msgid"] in MIXED_ALLOWED:
            continue
        for text in (entry["msgid"], entry.get("msgid_plural", "")):
            bare = re.sub(r"\([^)]*\)|“[^”]*”|%\(\w+\)[sd]", "", text)
            bare = re.sub(r"e\.g\. .*", "", bare)  # examples quote real titles
            if INDONESIAN_WORDS.search(bare):
                mixed.append(entry)
    assert not mixed, "Indonesian words in English text:\n" + _describe(mixed)


# A count followed by a plural noun ("%(count)s other regions") reads wrong
# for 1 unless the message has plural forms. These counts are never 1.
NEVER_ONE = {
    "first %(n)s characters": "a length limit (a constant in the hundreds)",
    "first %(n)s results": "the paging limit (a constant in the thousands)",
    "than %(n)s characters": "a length limit",
    "n = %(n)s regions": "shown only when n is at least 3 (a correlation)",
}


COUNTED_NOUN = re.compile(
    r"%\((?:count|counter|n)\)[sd] (?:other |more |new )?(?:[a-z-]+ )?"
    r"(?:regions|innovations|documents|studies|records|adoptions|indicators|"
    r"people|members|results|steps|files|days|months|years|items|pages|"
    r"characters|problems|interests|questions|answers)\b"
)


def test_counted_messages_have_plural_forms(extracted):
    counted = []
    for entry in extracted:
        if "msgid_plural" in entry:
            continue
        if COUNTED_NOUN.search(entry["msgid"]) and not any(
            allowed in entry["msgid"] for allowed in NEVER_ONE
        ):
            counted.append(entry)
    assert not counted, "use ngettext / blocktranslate count:\n" + _describe(counted)
    assert not counted, "use ngettext / blocktranslate count:\n" + _describe(counted)


# --------------------------------------------------------------------------
# Model labels are lazy translations.

OUR_APPS = ("livinglab", "innovations", "search")
# Default labels Django derives from the field name (hence untranslated):
# fixing each changes the field's deconstruction, so it needs a migration in
# an app whose owner writes it. The list may only shrink.
PENDING_MIGRATION = {
    "RegionRole.user",
    "Invitation.accepted_by",
    "ApiToken.user",
    "ApiToken.prefix",
    "ApiToken.key_hash",
    "ApiToken.created_at",
    "SpbeScore.region",
    "SpbeIndicatorScore.region",
    "SpbeLevelCriterion.indicator",
    "Adoption.version",
    "Adoption.created_at",
    "Adoption.updated_at",
    "StageEvent.adoption",
    "StageEvent.created_at",
    "AdoptionFile.adoption",
    "AdoptionEvidence.event",
    "AdoptionFigure.adoption",
    "AdoptionFigure.Meta.verbose_name_plural",
    "HomePage.Meta.verbose_name_plural",
    "InnovationIndexPage.Meta.verbose_name_plural",
    "ImpactFigure.Meta.verbose_name_plural",
    "Mentor.Meta.verbose_name_plural",
    "ImpactFigure.sort_order",
    "ImpactFigure.page",
    "SourceCodeLink.sort_order",
    "SourceCodeLink.page",
    "TrainingMaterial.sort_order",
    "TrainingMaterial.page",
    "SpbeEvidence.sort_order",
    "SpbeEvidence.page",
    "Mentor.sort_order",
    "Mentor.page",
    "SearchDocument.Meta.verbose_name",
    "SearchDocument.Meta.verbose_name_plural",
    "SearchOutbox.Meta.verbose_name",
    "SearchOutbox.Meta.verbose_name_plural",
    "SynonymSet.updated_at",
    "GlossaryEntry.updated_at",
    "SearchOutbox.page_id",
    "SearchOutbox.created_at",
    "SearchOutbox.attempts",
    "SearchOutbox.last_error",
}
PENDING_MIGRATION |= {
    f"SearchDocument.{name}"
    for name in [
        "page_id",
        "slug",
        "title",
        "summary",
        "url",
        "host_region",
        "year_launched",
        "published_at",
        "replication_count",
        "body_text",
        "extra_text",
        "title_norm",
        "title_stemmed",
        "summary_norm",
        "summary_stemmed",
        "body_norm",
        "body_stemmed",
        "extra_norm",
        "extra_stemmed",
        "synonyms",
        "search_text",
        "facets",
        "updated_at",
    ]
}


# Labels that read the same in both languages, with the reason.
SAME_IN_BOTH = {
    **{
        f"InnovationPage.funding_source.choice.{code}": "budget name"
        for code in ("APBD", "APBN", "DAK", "CSR")
    },
    **{
        f"TrainingMaterial.language.choice.{code}": "a language's "
        "name in that language (settings.LANGUAGES, as on the language switcher)"
        for code in ("id", "en")
    },
}


def model_labels():
    """``(key, value)`` for every label of our models: Meta verbose names,
    field verbose names and help texts, choice labels."""
    for model in apps.get_models():
        if not model.__module__.startswith(OUR_APPS):
            continue
        meta = model._meta
        prefix = model.__name__  # apps move models; class names stay
        for attr in ("verbose_name", "verbose_name_plural"):
            yield f"{prefix}.Meta.{attr}", meta.original_attrs.get(attr)
        for field in meta.get_fields(include_parents=False):
            if field.auto_created or field.model is not model:
                continue
            if not (field.concrete or field.many_to_many):
                continue
            yield f"{prefix}.{field.name}", field.verbose_name
            if field.help_text:
                yield f"{prefix}.{field.name}.help_text", field.help_text
            for value, label in field.flatchoices if field.choices else ():
                yield f"{prefix}.{field.name}.choice.{value}", label


def test_model_labels_are_lazy_translations():
    plain = {
        key
        for key, value in model_labels()
        if not isinstance(value, Promise)
        and key not in PENDING_MIGRATION
        and key not in SAME_IN_BOTH
    }
    assert not plain, "not wrapped in gettext_lazy:\n" + "\n".join(sorted(plain))


def test_the_pending_list_only_names_what_is_still_pending():
    still = {k for k, v in model_labels() if not isinstance(v, Promise)}
    assert not (PENDING_MIGRATION - still), "translated now: remove from the list"


# --------------------------------------------------------------------------
# Wagtail's admin, for an Indonesian editor.

# Strings of Wagtail's admin our editors meet (page editor, workflow,
# listings) that Wagtail's id_ID catalogue leaves in English; ours supplies
# them (LOCALE_PATHS come before app catalogues).
WAGTAIL_ADMIN_STRINGS = [
    "Page title",
    "Autosave is paused",
    "Approve with comment",
    "Request changes",
    "Comment",
    "Submit to %(workflow_name)s",
    "%(label)s and Publish",
]


SUPPLEMENT = ROOT / "locale" / "wagtail" / "id" / "LC_MESSAGES"


def _translated(path):
    if not path.exists():
        return set()
    return {
        (e.get("msgctxt"), e["msgid"])
        for e in parse_po(path.read_text())
        if e["msgid"] and not untranslated([e])
    }


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_wagtail_catalogue_is_complete_in_indonesian(domain):
    """Every msgid of the installed Wagtail apps has Indonesian: in Wagtail's
    id_ID catalogue, or in ours (locale/wagtail/ fills the gaps)."""
    ours = _translated(CATALOGUE) | _translated(SUPPLEMENT / f"{domain}.po")
    missing = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wagtail"):
            continue
        folder = Path(config.path) / "locale"
        english = folder / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not english.exists():
            continue
        known = ours | _translated(folder / "id_ID" / "LC_MESSAGES" / f"{domain}.po")
        missing += [
            f"{config.label}: {e['msgid'][:80]!r}"
            for e in parse_po(english.read_text())
            if e["msgid"]
            and (e.get("msgctxt"), e["msgid"]) not in known
            and (None, e["msgid"]) not in ours
        ]
    assert not missing, f"{len(missing)} Wagtail strings in English:\n" + "\n".join(
        missing[:50]
    )


@pytest.mark.django_db
def test_wagtail_admin_javascript_speaks_indonesian(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        email="admin-js@example.test", password="x"
    )
    client.force_login(user)
    script = _get(client, "/admin/jsi18n/")
    assert "Menyimpan otomatis" in script  # "Autosave in progress…"


@pytest.mark.parametrize("msgid", WAGTAIL_ADMIN_STRINGS)
def test_wagtail_admin_strings_are_indonesian(msgid):
    with translation.override("id"):
        assert gettext(msgid) != msgid


def test_workflow_actions_read_in_one_language():
    with translation.override("id"):
        label = gettext("%(label)s and Publish") % {
            "label": gettext("Approve with comment")
        }
    assert label == "Setujui dengan komentar dan Publikasikan"
    with translation.override("id"):
        submit = gettext("Submit to %(workflow_name)s") % {
            "workflow_name": "Persetujuan moderator"
        }
    assert submit == "Ajukan ke Persetujuan moderator"


@pytest.mark.django_db
def test_workflow_and_task_names_are_indonesian():
    """Wagtail renders workflow and task names as stored (no gettext): the
    programme's admin speaks Indonesian, so the data does."""
    from wagtail.models import Task, Workflow

    names = list(Workflow.objects.values_list("name", flat=True)) + list(
        Task.objects.values_list("name", flat=True)
    )
    assert names
    assert not [n for n in names if "approval" in n.lower()], names


def test_group_names_have_indonesian():
    """Group names are identifiers in code (accounts/policy.py, Wagtail's own
    migrations); where we show them, they are translated."""
    with translation.override("id"):
        for name in ("Moderators", "Editors", "Kemendagri analysts"):
            assert gettext(name) != name


# --------------------------------------------------------------------------
# Pages in English and in Indonesian.


@pytest.fixture
def case_study(db, settings):
    from innovations.importer import import_innovations
    from innovations.models import InnovationPage

    settings.ELASTICSEARCH_URL = ""  # the database backend serves /cari/
    import_innovations(
        {
            "innovations": [
                {
                    "slug": "uji-terjemahan-posyandu",
                    "title": "Posyandu Terjemahan Zirkonia",
                    "summary": "Kader posyandu mencatat penimbangan balita.",
                    "host_region": "32.11",
                    "opd": "Dinkes",
                    "year_launched": 2022,
                    "maturity": "operational",
                    "dimensions": ["Smart Living"],
                    "themes": ["Pengentasan Kemiskinan"],
                    "spm_sectors": ["Kesehatan"],
                    "spbe_indicators": [15],
                    "source_code": [
                        {"url": "https://git.example.go.id/posyandu", "license": "MIT"}
                    ],
                }
            ]
        }
    )
    return InnovationPage.objects.get(slug="uji-terjemahan-posyandu")


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _indonesian(*msgids):
    with translation.override("id"):
        return [gettext(m) for m in msgids]


# Template headings and labels of each page: on /en/ their Indonesian must
# not appear (the English must).
HEADINGS = {
    "home": ["Find an innovation to replicate", "How to join", "Open data"],
    "library": ["Filter", "Title or OPD contains", "SPBE aspect", "All"],
    "search": ["Filter", "Smart City dimension", "SPBE domain", "Apply filters"],
    "case_study": [
        "Ready to replicate?",
        "Source code",
        "People to ask",
        "Verified SPBE evidence",
    ],
}


def test_english_pages_have_no_indonesian_headings(client, case_study):
    pages = {
        "home": "/en/",
        "library": "/en/inovasi/",
        "search": "/en/cari/?q=posyandu",
        "case_study": "/en" + case_study.url,
    }
    for name, url in pages.items():
        html = _get(client, url)
        for english, indonesian in zip(
            HEADINGS[name], _indonesian(*HEADINGS[name]), strict=True
        ):
            assert english in html, (url, english)
            assert f">{indonesian}<" not in html, (url, indonesian)


def test_english_facet_values_are_english(client, case_study):
    html = _get(client, "/en/cari/?q=posyandu")
    # the taxonomy's English names, not the stored Indonesian values
    shown = re.sub(r"<[^>]+>", "|", html)  # text only, not attribute values
    assert "Health" in shown and "Kesehatan" not in shown
    assert "Poverty Alleviation" in shown and "Pengentasan Kemiskinan" not in shown
    assert re.search(r">\s*yes\s*<", html) and not re.search(r">\s*ya\s*<", html)
    # the value in the address stays the stored one
    assert 'value="Kesehatan"' in html


def test_indonesian_library_has_no_english_aspects(client, case_study):
    html = _get(client, "/inovasi/")
    assert "Aspek 1:" in html
    assert "Aspect " not in html


def test_english_library_names_aspects_in_english(client, case_study):
    html = _get(client, "/en/inovasi/")
    assert "Aspect 1:" in html
    assert "Aspek " not in html


def test_replication_counts_have_their_indonesian():
    from django.utils.translation import ngettext

    with translation.override("id"):
        assert "daerah" in ngettext(
            "Replicated by %(count)s other region.",
            "Replicated by %(count)s other regions.",
            2,
        )


@pytest.mark.django_db
def test_my_account_names_groups_in_the_page_language(client, django_user_model):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    user = django_user_model.objects.create_user(
        email="penyunting@example.test", password="x"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    with translation.override("id"):  # another test may leave English active
        url = reverse("accounts:home")
    html = _get(client, url)
    assert "<li>Penyunting</li>" in html
    assert "<li>Editors</li>" not in html
