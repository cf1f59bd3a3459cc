"""Who may do what: every authorisation rule of the platform, in one place.

Views, API endpoints and forms ask ``user.has_perm(name, obj)`` (through
django-rules' object permission backend) or use ``rules.contrib.views``'
decorators; none of them decides by itself. The roles (see the accounts issue):

* anonymous: reads published pages, search and the public API;
* regency team member (``RegionRole.Role.MEMBER``, bound to one region):
  manages that region's adoption records and evidence only;
* region coordinator: as a member, plus invites members of the same region;
* host publisher (bound to a host region): writes case studies under the
  host's section of the page tree (Wagtail page permissions on a group per
  host, see ``livinglab.accounts.roles``) and answers replicating regions;
* moderator (group "Moderators"): approves submissions, verifies evidence;
* Kemendagri analyst (group "Kemendagri analysts"): national dashboards and
  exports, read-only on regional records;
* administrator (superuser).
"""

from django.utils.translation import gettext_noop

import rules

# Group names are identifiers (Wagtail's own migrations create "Moderators"
# and "Editors"); gettext_noop marks them for the catalogue, and templates
# that show a group translate it ({% translate name %}).
MODERATORS = gettext_noop("Moderators")
ANALYSTS = gettext_noop("Kemendagri analysts")
EDITORS = gettext_noop("Editors")
# Translators (issue 20, docs/TRANSLATION.md): make and edit English
# translations and submit them for moderation; never publish, never edit an
# Indonesian original. The group is made by accounts migration 0006; its page
# permissions (add and change on the English home) by
# ``livinglab.translations.setup.ensure_english_tree``.
TRANSLATORS = gettext_noop("Translators")

# Global roles that must have two-factor authentication (with superusers and
# host publishers; see ``is_privileged``).
PRIVILEGED_GROUPS = (MODERATORS, ANALYSTS, TRANSLATORS)


def _region_id(obj):
    """The region an object belongs to: a Region, or anything with .region_id."""
    if obj is None:
        return None
    if obj.__class__.__name__ == "Region":
        return obj.pk
    return getattr(obj, "region_id", None)


def _host_region_id(obj):
    """The host region of an innovation, or of an adoption's innovation."""
    if obj is None:
        return None
    if obj.__class__.__name__ == "Region":
        return obj.pk
    innovation = getattr(obj, "innovation", obj)
    return getattr(innovation, "host_region_id", None)


def region_ids(user, *roles):
    """Ids of the regions where the user holds one of ``roles`` (cached per user
    object, so a page asking many times costs one query)."""
    if not user.is_authenticated:
        return frozenset()
    cache = getattr(user, "_region_roles_cache", None)
    if cache is None:
        cache = {}
        for region_id, role in user.region_roles.values_list("region_id", "role"):
            cache.setdefault(role, set()).add(region_id)
        user._region_roles_cache = cache
    return frozenset().union(*(cache.get(role, ()) for role in roles))


def team_region_ids(user):
    from .models import RegionRole

    return region_ids(user, RegionRole.Role.MEMBER, RegionRole.Role.COORDINATOR)


def host_region_ids(user):
    from .models import RegionRole

    return region_ids(user, RegionRole.Role.HOST_PUBLISHER)


@rules.predicate
def is_region_team(user, obj):
    return _region_id(obj) in team_region_ids(user)


@rules.predicate
def is_region_coordinator(user, obj):
    from .models import RegionRole

    return _region_id(obj) in region_ids(user, RegionRole.Role.COORDINATOR)


@rules.predicate
def is_host_publisher_of(user, obj):
    return _host_region_id(obj) in host_region_ids(user)


@rules.predicate
def is_any_host_publisher(user):
    return bool(host_region_ids(user))


@rules.predicate
def is_any_region_team(user):
    return bool(team_region_ids(user))


is_moderator = rules.is_group_member(MODERATORS)
is_analyst = rules.is_group_member(ANALYSTS)
is_admin = rules.is_superuser
is_translator = rules.is_group_member(TRANSLATORS)


def is_privileged(user):
    """Whether ``user`` must use two-factor authentication: the one definition.

    Administrators, moderators, Kemendagri analysts and host publishers. Host
    publishers count because they reach the Wagtail admin and write public
    content under a region's name (see docs/ACCOUNTS.md, "Two-factor
    authentication"); regency teams and coordinators do not (their reach is
    one region's records). The region roles are cached on the user object
    (``region_ids``), so asking costs at most one query for the groups.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser or host_region_ids(user):
        return True
    return user.groups.filter(name__in=PRIVILEGED_GROUPS).exists()


# Adoption records (object: a Region or an Adoption).
rules.add_perm("adoptions.record_step", is_region_team | is_admin)
rules.add_perm(
    "adoptions.view_records",
    is_region_team | is_host_publisher_of | is_analyst | is_moderator | is_admin,
)
rules.add_perm("adoptions.confirm_as_host", is_host_publisher_of | is_admin)
# The host confirms an adopter's before/after figures (issue 18.6).
rules.add_perm("adoptions.confirm_figures", is_host_publisher_of | is_admin)
rules.add_perm("adoptions.verify_evidence", is_moderator | is_admin)
rules.add_perm("adoptions.use_workspace", is_any_region_team | is_admin)
rules.add_perm("adoptions.use_host_view", is_any_host_publisher | is_admin)

# National views.
rules.add_perm("adoptions.view_dashboard", is_analyst | is_admin)
rules.add_perm("adoptions.export", is_analyst | is_admin)

# People (object: a Region).
rules.add_perm("accounts.invite", is_region_coordinator | is_admin)
# Administrators act for every region: the workspace lists every pilot region,
# the host view every case study, the invitation form every region.
rules.add_perm("accounts.act_for_every_region", is_admin)

# SPBE indicator levels of a region-year (object: a Region). The indices are
# published by KemenPAN-RB and public; the levels per indicator are the
# region's evaluation detail: its team, Kemendagri analysts, administrators.
rules.add_perm("regions.view_spbe_levels", is_region_team | is_analyst | is_admin)


@rules.predicate
def is_published(user, obj):
    """The object (a self-assessment) has been published by its region."""
    return getattr(obj, "status", None) == "published"


# A region's SPBE self-assessment (object: a SelfAssessment, saved or not).
# Its team, Kemendagri analysts and administrators until the region publishes
# it; then everyone signed in (not the public: a self-assessment is not
# KemenPAN-RB's evaluation, and the levels per indicator are the region's
# evaluation detail, see regions.view_spbe_levels). The uploaded documents
# stay with the team, analysts and administrators even when published.
rules.add_perm(
    "regions.view_self_assessment",
    is_region_team | is_analyst | is_admin | (rules.is_authenticated & is_published),
)
rules.add_perm(
    "regions.view_self_assessment_files", is_region_team | is_analyst | is_admin
)
rules.add_perm("regions.edit_self_assessment", is_region_team | is_admin)
rules.add_perm("regions.publish_self_assessment", is_region_coordinator | is_admin)


@rules.predicate
def grants_member_only(user, obj):
    """Coordinators hand out the member role only."""
    from .models import RegionRole

    return getattr(obj, "role", None) == RegionRole.Role.MEMBER


# Which role may be handed out with an invitation (object: an unsaved
# Invitation or RegionRole whose region and role are set).
rules.add_perm(
    "accounts.invite_with_role",
    is_admin | (is_region_coordinator & grants_member_only),
)
rules.add_perm("accounts.view_audit_log", is_admin)
rules.add_perm("accounts.view_contact_data", rules.is_authenticated)
# Following a case study, a region or an SPBE indicator (object: the one
# followed, already found among what the public may see: a published case
# study, a region, an indicator of the current framework): anyone signed in.
rules.add_perm("notifications.follow", rules.is_authenticated & rules.is_active)


@rules.predicate
def is_recipient(user, obj):
    """The object (a Notification) was written to this person."""
    return obj is not None and getattr(obj, "recipient_id", None) == user.pk


# The in-app inbox: anyone signed in has one; a notification is read and
# marked read by its recipient only.
rules.add_perm("notifications.use_inbox", rules.is_authenticated & rules.is_active)
rules.add_perm("notifications.read_notification", rules.is_authenticated & is_recipient)


@rules.predicate
def is_mentor_of(user, obj):
    """The person's e-mail is one of the case study's mentors' (object: an
    InnovationPage, or anything with ``.innovation``: a Question)."""
    email = getattr(user, "email", "") if user.is_authenticated else ""
    innovation = getattr(obj, "innovation", obj)
    mentors = getattr(innovation, "mentors", None)
    if not email or mentors is None:
        return False
    return mentors.filter(email__iexact=email).exists()


def answering_user_ids(innovation):
    """Ids (a set of ints) of the active accounts that answer for a case
    study (``innovation``: an InnovationPage): the publishers of its host
    region (``is_host_publisher_of``) and its mentors with an account
    (``is_mentor_of``: the mentor's e-mail, case-insensitive). The one rule
    for "the host side" of every host event (interest, questions:
    ``notifications.events.host_side_ids``); inactive accounts are left out,
    as every permission above asks ``rules.is_active``."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from .models import RegionRole

    users = get_user_model().objects.filter(is_active=True)
    who = Q(
        pk__in=RegionRole.objects.filter(
            region_id=innovation.host_region_id, role=RegionRole.Role.HOST_PUBLISHER
        ).values("user_id")
    )
    for email in innovation.mentors.exclude(email="").values_list("email", flat=True):
        who |= Q(email__iexact=email)
    return set(users.filter(who).values_list("pk", flat=True))


# Questions and answers on a case study (issue 18.1). Asking (object: an
# unsaved Question whose innovation is a published case study and whose
# region is the asker's team region; a token must be scoped to that region):
# regency teams and administrators. Reading every non-hidden question:
# anyone signed in (the public reads the FAQ: public answers only).
# Answering (object: a Question): the asking region's team, the host's
# publishers, the case study's mentors (matched by e-mail), moderators,
# administrators. Publishing an answer as FAQ: the host's publishers and
# administrators. Hiding any entry and seeing hidden ones: moderators and
# administrators. Lists of unanswered questions: hosts (their own case
# studies), moderators (all). Median response times: as the dashboard, and
# moderators.
@rules.predicate
def is_asking_team(user, obj):
    """The person is a team member or coordinator of the region that asked
    (object: a Question, whose ``region`` is the asking region). Any other
    region's team, including the host region's, is not."""
    if obj is None or not hasattr(obj, "innovation_id"):
        return False
    region_id = getattr(obj, "region_id", None)
    return region_id is not None and region_id in team_region_ids(user)


rules.add_perm("questions.ask", rules.is_active & (is_region_team | is_admin))
rules.add_perm("questions.view", rules.is_authenticated & rules.is_active)
rules.add_perm(
    "questions.answer",
    rules.is_active
    & (is_asking_team | is_host_publisher_of | is_mentor_of | is_moderator | is_admin),
)
rules.add_perm("questions.publish_answer", is_host_publisher_of | is_admin)
rules.add_perm("questions.moderate", is_moderator | is_admin)
rules.add_perm(
    "questions.view_unanswered", is_any_host_publisher | is_moderator | is_admin
)
rules.add_perm("questions.view_all_unanswered", is_moderator | is_admin)
rules.add_perm("questions.view_response_times", is_analyst | is_moderator | is_admin)

# The freshness loop (issue 18.5). A case study (object: an InnovationPage)
# is confirmed as current by a publisher of its host (the one-click link of
# the reconfirmation e-mail names that publisher) or an administrator. The
# link checker's broken links: host publishers (their own case studies),
# moderators and administrators (every case study).
rules.add_perm("freshness.confirm_case_study", is_host_publisher_of | is_admin)
rules.add_perm(
    "freshness.view_broken_links", is_any_host_publisher | is_moderator | is_admin
)
rules.add_perm("freshness.view_every_broken_link", is_moderator | is_admin)

# What a case study still lacks for replication, as advice to its authors
# (object: an InnovationPage); the public sees a neutral "not yet".
rules.add_perm(
    "innovations.see_readiness_hints", is_host_publisher_of | is_moderator | is_admin
)

# The replication kit (issue 19.1; object: the requesting Region, whose name
# fills the kit's letters and drafts). A regency team (member or
# coordinator) for its own region, by session or by a token scoped to that
# region; administrators for any region they name. Moderators, analysts and
# host publishers replicate nothing themselves: they read the case study.
# The view shows only published case studies (404 otherwise) and audits
# every download.
rules.add_perm(
    "replication.download_kit", rules.is_active & (is_region_team | is_admin)
)

# Competition exports (issue 19.5; object: the host Region): a publisher of
# that host, or an administrator. The host's drafts are its own work and are
# exported too; another host's case studies never.
rules.add_perm("competitions.export_for_host", is_host_publisher_of | is_admin)
rules.add_perm("competitions.use_exports", is_any_host_publisher | is_admin)


# Translations (issue 20, docs/TRANSLATION.md "Translating and moderation").
# The translator's to-do list: translators, moderators (they review the
# translations) and administrators. Making a translation: translators and
# administrators, who also hold wagtail-localize's ``submit_translation``
# (its own views ask only that). Submitting a translation for moderation
# (object: the English page): a translator or administrator who may edit
# that page under Wagtail's page permissions (translators: the English tree
# only). Publishing stays with Wagtail's publish permission (moderators,
# administrators): a translator never publishes, an original is never a
# translator's to edit.
@rules.predicate
def is_editable_translation(user, obj):
    """The object is a page in a language other than the originals' that
    ``user`` may edit under Wagtail's page permissions."""
    from django.conf import settings

    locale = getattr(obj, "locale", None)
    if locale is None or not hasattr(obj, "permissions_for_user"):
        return False
    if locale.language_code == settings.LANGUAGE_CODE:
        return False
    return obj.permissions_for_user(user).can_edit()


@rules.predicate
def holds_submit_translation(user):
    """The person holds wagtail-localize's ``submit_translation`` permission
    (the Translators group; administrators hold every permission)."""
    return user.has_perm("wagtail_localize.submit_translation")


rules.add_perm(
    "translations.view_todo",
    rules.is_active & (is_translator | is_moderator | is_admin),
)
rules.add_perm(
    "translations.translate",
    rules.is_active & (is_translator | is_admin) & holds_submit_translation,
)
rules.add_perm(
    "translations.submit",
    rules.is_active & (is_translator | is_admin) & is_editable_translation,
)


def may_translate(user):
    """Whether ``user`` may make English translations (to-do list's
    "Translate"): translators and administrators."""
    return user.has_perm("translations.translate")


def may_submit_translation(user, page):
    """Whether ``user`` may submit the translation ``page`` (an English Page)
    for moderation: a translator or administrator who may edit it."""
    return user.has_perm("translations.submit", page)


def may_publish_page(user, page):
    """Whether ``user`` may publish ``page`` under Wagtail's page permissions
    (moderators and administrators; never a translator): used to refuse
    wagtail-localize's "publish immediately" on sync to anyone else."""
    return page.permissions_for_user(user).can_publish()


def may_read_collection_documents(request, collection):
    """Whether ``request`` may read the Wagtail documents of ``collection``:
    every view restriction of the collection and its ancestors
    (``get_view_restrictions()``) accepts the request (signed in, in a
    group, or the collection's password in the session), as Wagtail's own
    document view decides. Takes the request, not only the user, because a
    password restriction is held in the session. One query per collection
    (callers cache the answer by ``collection_id``), e.g. the competitions'
    evidence ZIP."""
    return all(
        restriction.accept_request(request)
        for restriction in collection.get_view_restrictions()
    )


def require(perm, fn=None):
    """View decorator: the one way views ask the rules above.

    ``fn(request, *args, **kwargs)`` returns the object checked (it may raise
    Http404). Anonymous visitors are sent to log in; a signed-in person
    without the permission gets 403 and nothing happens.
    """
    from functools import wraps

    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            obj = fn(request, *args, **kwargs) if fn else None
            if request.user.has_perm(perm, obj):
                if obj is not None:
                    request.authorized_object = obj
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied

        return wrapped

    return decorator


def token_allows(token, obj):
    """A personal API token acts only for the region it was issued for (and
    never beyond what its owner may do, which ``has_perm`` checks)."""
    if token is None or not hasattr(token, "region_id"):
        return True  # a session, not a token
    return _region_id(obj) == token.region_id


def allows(request, perm, obj=None):
    """Whether the request may use ``perm`` on ``obj``: the person's rules
    and, for a personal API token, the token's region scope. The one check
    for API views, which are reached by session or by token alike."""
    return request.user.has_perm(perm, obj) and token_allows(
        getattr(request, "auth", None), obj
    )


def admin_visible_pages(user, pages):
    """Narrow ``pages`` (a Wagtail page queryset) to what ``user`` may see in
    the admin's page chooser, its search and the bulk-action pages.

    A user sees the published pages (live, no view restriction on them or an
    ancestor), which anyone may read, and the pages their Wagtail page
    permissions let them explore (the sections they may edit, with the pages
    above them to navigate down). Another host's drafts and restricted pages
    stay out: their titles and ids are not shown. Administrators see all.
    Returns a queryset of the same model.
    """
    if user.is_superuser:
        return pages
    from django.db.models import Q

    from wagtail.models import Page
    from wagtail.permission_policies.pages import PagePermissionPolicy

    published = Page.objects.live().public().values("pk")
    explorable = PagePermissionPolicy().explorable_instances(user).values("pk")
    return pages.filter(Q(pk__in=published) | Q(pk__in=explorable))


def may_use_admin(user):
    """Whether ``user`` may open the Wagtail admin (``/admin/``): Wagtail's
    ``wagtailadmin.access_admin`` permission, which the Moderators and
    Editors groups and host publishers' groups carry, and administrators.
    Someone signed in without it is sent to the page of their role instead
    of Wagtail's sign-in form (``accounts.middleware.AdminAccessMiddleware``)."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def landing_page_name(user):
    """The URL name of the page a signed-in ``user``'s role works in: the
    workspace for a regency team, the host view for a host publisher, the
    dashboard for an analyst, else their account page."""
    for perm, name in (
        ("adoptions.use_workspace", "adoptions:workspace"),
        ("adoptions.use_host_view", "adoptions:host"),
        ("adoptions.view_dashboard", "adoptions:dashboard"),
    ):
        if user.has_perm(perm):
            return name
    return "accounts:home"
