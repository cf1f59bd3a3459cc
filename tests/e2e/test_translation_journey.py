"""Issue 20's browser journey, at 390 px and 1366 px: a translator translates
a case study in wagtail-localize's editor and submits it for moderation (she
cannot publish it), a moderator approves it in Wagtail's "Awaiting your
review", ``/en/`` shows the case study in English and English search finds it.

1. The translator (group Translators, with TOTP like every privileged
   account) opens the to-do list in the Wagtail admin, presses "Translate"
   on an untranslated case study, translates its title and summary segment
   by segment in wagtail-localize's editor (each segment is saved as she
   goes), sees no publish action, and submits the draft from the to-do list.
2. A moderator (with TOTP) approves it from the dashboard; it goes live.
3. A visitor sees the English title and summary at ``/en/...`` (``lang="en"``,
   no "not translated" notice; axe finds no serious violation); the
   Indonesian address still shows the Indonesian text; an untranslated case
   study at ``/en/...`` shows the notice and ``lang="id"`` on its text.
4. ``/en/cari/?q=<a word only in the English summary>`` finds it, with its
   English title.

Each width translates its own case study, one without a demo translation
(fixtures/translations_en.yaml): the setup takes another untranslated one if
the demo data gained it, so both widths start alike.
Steps are photographed into test-artifacts/e2e/translation/<width>/ and, at
390 px, checked for sideways scroll (``Steps`` of test_journeys.py).
docs/TRANSLATION.md.
"""

import json
import re
import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, ROOT
from .helpers import log_in
from .seed import ANALYST_TOTP_SECRET, PASSWORD
from .test_accessibility import AXE, _violations
from .test_journeys import VIEWPORTS, Steps

TRANSLATOR = "penerjemah@kemendagri.go.id"
MODERATOR = "moderator@kemendagri.go.id"

# One case study per width, with its English title and summary. ``word`` is
# in the English summary only (nor in any Indonesian text, nor in the demo
# translations): English search can find it only through the translation.
CASES = {
    390: {
        "slug": "jdih-terintegrasi-sumedang",
        "word": "lighthouse",
        "title": (
            "Integrated JDIH: Regional Legal Products with Electronic "
            "Signatures and Full-Text Search"
        ),
        "summary": (
            "The regional Legal Documentation and Information Network (JDIH) "
            "publishes electronically signed regulations and regent decrees, "
            "searchable down to each article: a lighthouse for anyone looking "
            "for local law."
        ),
    },
    1366: {
        "slug": "renbang-terpadu-sumedang",
        "word": "compass",
        "title": (
            "Integrated Development Planning: Linking Musrenbang Proposals, "
            "the RPJMD and SIPD"
        ),
        "summary": (
            "A planning application that links village Musrenbang proposals "
            "to the RPJMD targets and passes verified proposals on to SIPD: a "
            "compass that keeps plans and budgets in step."
        ),
    },
}

# Runs in the e2e server's environment (manage.py shell); prints KEY=value.
SETUP = """
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from innovations.models import InnovationPage
from livinglab.accounts.policy import TRANSLATORS

email = {email!r}
User = get_user_model()
user = User.objects.filter(email=email).first()
if user is None:
    user = User.objects.create_user(
        email=email, password={password!r}, first_name="Penerjemah"
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
user.groups.add(Group.objects.get(name=TRANSLATORS))
if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
    TOTP.activate(user, {secret!r})

def english(page):
    return (
        InnovationPage.objects.filter(
            translation_key=page.translation_key,
            locale__language_code="en",
            alias_of__isnull=True,
        ).first()
    )

untranslated = [
    page
    for page in InnovationPage.objects.live().originals().order_by("path")
    if english(page) is None
]
assert len(untranslated) >= 2, "fewer than two case studies left untranslated"
# This width's case study if it is still untranslated (the demo data may
# have gained its translation), else another; the fallback is one that
# neither width translates.
case = next((page for page in untranslated if page.slug == {slug!r}), None)
if case is None:
    case = next(page for page in untranslated if page.slug not in {avoid!r})
other = next(page for page in untranslated if page.slug not in {avoid!r} and page != case)
print("SLUG=" + case.slug)
print("ID=" + str(case.pk))
print("URL=" + case.url)
print("TITLE=" + case.title)
print("SUMMARY=" + " ".join(case.summary.split()))
print("OTHER_URL=" + other.url)
print("OTHER_TITLE=" + other.title)
"""


# What the editor's "Publish in English" would post (wagtail-localize's
# edit view, action=publish), sent by hand from the translator's editor page;
# returns the status and address of the answer (redirects followed).
PUBLISH_BY_HAND = """async () => {
  const body = new FormData();
  body.append("csrfmiddlewaretoken",
    document.querySelector("input[name=csrfmiddlewaretoken]").value);
  body.append("action", "publish");
  const response = await fetch(window.location.href, {
    method: "POST", body, credentials: "same-origin"});
  return {status: response.status, url: response.url};
}"""


def _setup(e2e_server, slug):
    code = SETUP.format(
        email=TRANSLATOR,
        password=PASSWORD,
        secret=ANALYST_TOTP_SECRET,
        slug=slug,
        avoid=sorted(case["slug"] for case in CASES.values()),
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=e2e_server["env"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)


def _context(browser, e2e_server, width, **options):
    context = browser.new_context(
        base_url=e2e_server["url"],
        locale="id-ID",
        viewport=VIEWPORTS[width],
        **options,
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    return context, page


def _failed(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"FAILED-{name}.png"), full_page=True)
    (ARTIFACTS / f"FAILED-{name}.html").write_text(page.content(), encoding="utf-8")


def _segment(page, source):
    """The segment of wagtail-localize's editor whose source text is ``source``
    (an ``<li>`` marked incomplete, complete or errored)."""
    return page.locator("li.incomplete, li.complete, li.errored").filter(
        has_text=source
    )


def _translate_segment(page, source, text):
    segment = _segment(page, source)
    expect(segment).to_have_count(1)
    segment.get_by_role("button", name=re.compile(r"^(Translate|Terjemahkan)$")).click()
    segment.locator("textarea").fill(text)
    segment.get_by_role("button", name=re.compile(r"^(Save|Simpan)$")).click()
    # Saved through the editor's API: the segment shows the English text and
    # offers "Edit" instead of "Translate".
    expect(segment).to_have_class(re.compile(r"\bcomplete\b"))
    expect(segment).to_contain_text(text)
    expect(
        segment.get_by_role("button", name=re.compile(r"^(Edit|Sunting|Ubah)$"))
    ).to_be_visible()


@pytest.mark.parametrize("width", sorted(VIEWPORTS), ids=lambda w: f"{w}px")
def test_translator_translates_moderator_publishes_english_search_finds(
    browser, e2e_server, shot, width
):
    case = CASES[width]
    data = _setup(e2e_server, case["slug"])
    if data["SLUG"] != case["slug"]:
        # The demo data translated this width's case study: another one,
        # with a plain English title and summary holding the same word.
        word = case["word"]
        case = {
            "slug": data["SLUG"],
            "word": word,
            "title": f"Case study translated in the browser ({width} px)",
            "summary": f"An English summary with a {word} that only it contains.",
        }
    step = Steps("translation", width)
    english_url = "/en" + data["URL"]

    # 1. The translator translates and submits.
    context, tr = _context(browser, e2e_server, width)
    try:
        log_in(tr, TRANSLATOR, with_totp=True)
        tr.goto("/admin/")
        expect(tr.locator("a[href$='/admin/translations/']").first).to_be_attached()
        step(tr, "translator-admin")
        tr.goto("/admin/translations/")
        original = tr.locator("li", has=tr.get_by_text(data["TITLE"], exact=True))
        expect(original).to_have_count(1)
        step(tr, "todo-untranslated")
        original.get_by_role(
            "button", name=re.compile(r"^(Translate|Terjemahkan)$")
        ).click()
        # wagtail-localize's editor (React) on the new English draft.
        expect(tr).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
        translation_id = re.search(r"/admin/pages/(\d+)/", tr.url).group(1)
        expect(_segment(tr, data["TITLE"])).to_have_count(1)
        step(tr, "editor")
        _translate_segment(tr, data["TITLE"], case["title"])
        _translate_segment(tr, data["SUMMARY"], case["summary"])
        _segment(tr, data["TITLE"]).scroll_into_view_if_needed()
        step(tr, "editor-translated")
        # A translator has no way to publish: no "Publish in English".
        expect(
            tr.get_by_role("button", name=re.compile(r"Publish|Terbitkan"))
        ).to_have_count(0)
        expect(tr.locator("button[name=action][value=publish]")).to_have_count(0)
        # ... and the editor refuses the publish a hand-made form would send
        # (Wagtail's admin answers PermissionDenied with its dashboard; the
        # visitor below still gets the fallback, so nothing was published).
        refused = tr.evaluate(PUBLISH_BY_HAND)
        assert refused["status"] == 200, refused
        assert refused["url"] == e2e_server["url"] + "/admin/", refused

        # Submitted from the to-do list ("Drafts not yet submitted").
        tr.goto("/admin/translations/")
        draft = tr.locator(f"li#translation-{translation_id}")
        expect(draft).to_contain_text(case["title"])
        # The admin scrolls inside its own container: bring the line in view.
        draft.scroll_into_view_if_needed()
        step(tr, "todo-draft")
        draft.get_by_role(
            "button", name=re.compile(r"Submit for moderation|Ajukan")
        ).click()
        expect(tr.locator(".messages, [role=status]").first).to_contain_text(
            re.compile(r"submitted for moderation|diajukan", re.IGNORECASE)
        )
        in_moderation = tr.locator(f"li#translation-{translation_id}")
        expect(in_moderation).to_have_count(1)
        expect(in_moderation.locator("form")).to_have_count(0)
        in_moderation.scroll_into_view_if_needed()
        step(tr, "submitted")
    except Exception:
        _failed(tr, f"translator-{width}")
        raise
    finally:
        context.close()

    # Submitted is not published: readers still get the fallback.
    context, visitor = _context(browser, e2e_server, width)
    try:
        visitor.goto(english_url)
        expect(visitor.locator("main h1")).to_have_text(data["TITLE"])
        expect(visitor.locator(".content-language-notice")).to_be_visible()
    finally:
        context.close()

    # 2. A moderator approves it from "Awaiting your review".
    context, mod = _context(browser, e2e_server, width)
    try:
        log_in(mod, MODERATOR, with_totp=True)
        mod.goto("/admin/")
        row = mod.locator("tr, li, .w-listing__row", has_text=case["title"]).last
        expect(row).to_be_visible()
        step(mod, "moderator-dashboard")
        row.locator(
            "[data-w-dropdown-target='toggle'], button[aria-label]"
        ).last.click()
        mod.get_by_text(re.compile(r"^(Menyetujui|Approve)$")).first.click()
        expect(
            mod.locator("tr, li, .w-listing__row", has_text=case["title"])
        ).to_have_count(0)
        step(mod, "approved")
    except Exception:
        _failed(mod, f"moderator-{width}")
        raise
    finally:
        context.close()

    # 3. A visitor reads it in English; the fallback elsewhere.
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: run `make e2e-deps`")
    context, visitor = _context(browser, e2e_server, width, bypass_csp=True)
    try:
        visitor.goto(english_url)
        expect(visitor.locator("html")).to_have_attribute("lang", "en")
        h1 = visitor.locator("main h1")
        expect(h1).to_have_text(case["title"])
        expect(h1).not_to_have_attribute("lang", "id")
        expect(visitor.locator("main .lead")).to_have_text(case["summary"])
        expect(visitor.locator(".content-language-notice")).to_have_count(0)
        step(visitor, "english-case-study")
        found = _violations(visitor, shot, f"translation-english-case-study-{width}")
        assert not found, json.dumps(found, indent=1, ensure_ascii=False)

        visitor.goto(data["URL"])
        expect(visitor.locator("html")).to_have_attribute("lang", "id")
        expect(visitor.locator("main h1")).to_have_text(data["TITLE"])
        expect(visitor.locator(".content-language-notice")).to_have_count(0)
        step(visitor, "indonesian-original")

        visitor.goto("/en" + data["OTHER_URL"])
        expect(visitor.locator("html")).to_have_attribute("lang", "en")
        expect(visitor.locator(".content-language-notice")).to_be_visible()
        h1 = visitor.locator("main h1")
        expect(h1).to_have_text(data["OTHER_TITLE"])
        expect(h1).to_have_attribute("lang", "id")
        step(visitor, "untranslated-fallback")

        # 4. English search finds it through the English summary only. The
        # outbox worker indexes the approved translation a moment later.
        results = visitor.locator(".result-list")
        deadline = time.monotonic() + 45
        while True:
            visitor.goto(f"/en/cari/?q={case['word']}")
            expect(visitor.locator("main h1")).to_be_visible()
            if results.filter(has_text=case["title"]).count():
                break
            assert time.monotonic() < deadline, (
                f"English search for {case['word']!r} never found the translation"
            )
            time.sleep(1)
        expect(visitor.locator("html")).to_have_attribute("lang", "en")
        hit = results.locator("li", has_text=case["title"]).first
        expect(hit).to_be_visible()
        expect(hit.locator("a").first).to_have_attribute("href", re.compile(r"^/en/"))
        step(visitor, "english-search")
    except Exception:
        _failed(visitor, f"visitor-{width}")
        raise
    finally:
        context.close()
