"""The replication kit of a case study for one requesting region: a ZIP.

Contents (folder ``kit-replikasi-<slug>/``; the Markdown files, ``.md``,
are written in Bahasa Indonesia, the language of the documents, from the
templates ``replication/kit/*.txt``):

* ``README``: what the innovation is, what a region needs (infrastructure,
  staff, regulation, cost) and the source code with its licence, platforms
  and version, as the case study states them (``innovations.records``);
* ``publiccode.yml`` (and ``publiccode-2.yml``… for further source-code
  entries), from ``innovations.publiccode.render``;
* ``materi-pelatihan``: the training material with links;
* ``daftar-periksa-bukti-dukung``: for each SPBE indicator the case study
  lifts, mapped onto the active framework, the criteria and bukti dukung per
  level (``taxonomy.SpbeLevelCriterion``) as a checklist, with the host's
  own evidence for it;
* ``dokumen/*.docx``: the letter of interest, a PKS draft, an outline of a
  Perbup (kabupaten) or Perwal (kota) and an SOP outline, filled with the
  requesting region's and the host's names (``documents``).
"""

import io
import logging
import zipfile
from dataclasses import dataclass, field

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from innovations import publiccode, records
from livinglab.taxonomy.models import SpbeCrosswalk, SpbeFramework, SpbeIndicator

from . import documents

logger = logging.getLogger(__name__)

# The Markdown files of the kit (name without ``.md``, template under
# ``replication/kit/``), the README last: it lists the others.
MARKDOWN_FILES = (
    ("materi-pelatihan", "training"),
    ("daftar-periksa-bukti-dukung", "checklist"),
    ("README", "readme"),
)


@dataclass
class Kit:
    """A built kit: the ZIP ``content`` (bytes), its ``file_name`` and the
    names of its members, which template each document used
    (``{"surat_minat": "default" | "admin" | "default-fallback", ...}``) and
    why an administrator's template was set aside (``errors``, ``{kind:
    message}``), for the audit log."""

    content: bytes
    file_name: str
    members: list = field(default_factory=list)
    templates: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)


def lifted_indicators(page, framework=None) -> list:
    """The active framework's indicators that ``page`` lifts, by number:
    its tagged indicators of that framework, plus those a crosswalk link
    joins to a tagged indicator of another framework. Each comes with its
    ``criteria`` and aspect loaded. Empty when no framework is active
    (``SpbeFramework.objects.active()``)."""
    framework = framework or SpbeFramework.objects.active().first()
    if framework is None:
        return []
    tagged = list(page.spbe_indicators.all())
    own = [i.pk for i in tagged if i.framework_id == framework.pk]
    others = [i.pk for i in tagged if i.framework_id != framework.pk]
    linked = []
    if others:
        for source, target in SpbeCrosswalk.objects.filter(
            Q(source__in=others) | Q(target__in=others)
        ).values_list("source", "target"):
            linked += [source, target]
    return list(
        SpbeIndicator.objects.filter(framework=framework, pk__in=[*own, *linked])
        .select_related("aspect__domain")
        .prefetch_related("criteria")
        .order_by("number")
    )


def checklist_rows(page, framework=None) -> list[dict]:
    """One row per lifted indicator: ``indicator``, ``level_reached`` by the
    host (int or None), ``criteria`` (the ``SpbeLevelCriterion`` rows, level
    1-5) and ``host_evidence`` (``records.evidence`` items tagged with it)."""
    levels = {row["indicator"]: row["level"] for row in records.spbe_levels(page)}
    evidence = records.evidence(page)
    return [
        {
            "indicator": indicator,
            "weight": _percent(indicator.weight),
            "level_reached": levels.get(indicator.number),
            "criteria": list(indicator.criteria.all()),
            "host_evidence": [
                item for item in evidence if indicator.number in item["indicators"]
            ],
        }
        for indicator in lifted_indicators(page, framework)
    ]


def _absolute_evidence(rows, request):
    """``rows`` (``checklist_rows``) with each host evidence ``url`` made
    absolute on the request's address (a document's ``/documents/...``)."""
    for row in rows:
        row["host_evidence"] = [
            {**item, "url": _absolute(request, item["url"])}
            for item in row["host_evidence"]
        ]
    return rows


def _percent(weight):
    """``2,5`` from ``Decimal("2.500")`` (Indonesian decimal comma), or ""."""
    if weight is None:
        return ""
    text = format(weight.normalize(), "f")
    return text.replace(".", ",")


def _absolute(request, url):
    if not url:
        return ""
    if url.startswith(("http://", "https://")) or request is None:
        return url
    return request.build_absolute_uri(url)


def page_url(page, request=None) -> str:
    """The case study's full address in the active language. With a
    ``request``: its path on the address the request came to
    (``request.build_absolute_uri``; the Wagtail Site's hostname, which has
    no port and may be ``localhost``, is not the address people use);
    without one: Wagtail's full URL. ``build`` calls it under
    ``translation.override("id")``: the kit's documents are Indonesian."""
    if request is None:
        return page.get_full_url() or ""
    path = page.get_url_parts(request)
    if path is None:  # not routable (no Site above it)
        return ""
    return request.build_absolute_uri(path[2])


def _publiccode_files(page) -> list[tuple]:
    files = []
    for number, link in enumerate(page.source_code_links.all(), start=1):
        name = "publiccode.yml" if number == 1 else f"publiccode-{number}.yml"
        files.append((name, publiccode.render(link), link))
    return files


def _fill(template, values, errors) -> tuple[bytes, str]:
    """The document of ``template`` filled with ``values`` and the origin
    to record. An administrator's template that fails for this case study
    (a limit passed, ``{{ innovation_licences[0] }}`` without a licence) is
    set aside for the default of its kind, origin ``"default-fallback"``;
    the reason goes to ``errors`` and to the log (ERROR, for administrators
    to replace the template). A default that fails raises
    ``documents.TemplateError``: that is a bug in the repository."""
    try:
        return documents.render(template.content, values), template.origin
    except documents.TemplateError as exc:
        if template.origin == "default":
            raise
        message = str(exc)[:300]
        errors[template.kind] = message
        logger.error(
            "Replication kit template %r (administrator's upload) failed for "
            "%s; the default was used instead: %s",
            template.kind,
            values.get("innovation_url") or values.get("innovation_title"),
            message,
        )
        default = documents.default_template(template.kind)
        return documents.render(default, values), "default-fallback"


def build(page, region, request=None, today=None) -> Kit:
    """The kit of ``page`` (a published ``InnovationPage`` loaded with
    ``with_parts()``) for the requesting ``region``. An administrator's
    template that fails falls back to the default (``_fill``); raises
    ``documents.TemplateError`` only when a default template fails."""
    folder = f"kit-replikasi-{page.slug}"
    framework = SpbeFramework.objects.active().first()
    # Every URL and label inside the kit in Indonesian, whatever the
    # interface language the kit was downloaded from (/en/...).
    with translation.override("id"):
        url = page_url(page, request)
        training = [
            {"item": item, "url": _absolute(request, item.link)}
            for item in page.training_materials.all()
        ]
        code_files = _publiccode_files(page)
        code_records = records.source_code(page)
        values = documents.document_context(page, region, page_url=url, today=today)
        context = {
            "indicators": values["innovation_indicators"],
            "page": page,
            "url": url,
            "region": region,
            "facts": records.facts(page),
            "needs": records.needs(page),
            "funding_label": page.get_funding_source_display(),
            "source_code": [
                {"file": name, "link": link, **code_records[i]}
                for i, (name, _text, link) in enumerate(code_files)
            ],
            "training": training,
            "framework": framework,
            "checklist": _absolute_evidence(checklist_rows(page, framework), request),
            "documents": [],
        }
        members = []
        used = {}
        errors = {}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for template in documents.templates():
                name = documents.FILE_NAMES[template.kind].format(
                    regulation_file=values["regulation_short"].lower()
                )
                filled, used[template.kind] = _fill(template, values, errors)
                archive.writestr(f"{folder}/dokumen/{name}", filled)
                members.append(f"dokumen/{name}")
                context["documents"].append(name)
            for name, text, _link in code_files:
                archive.writestr(f"{folder}/{name}", text)
                members.append(name)
            for stem, template in MARKDOWN_FILES:
                name = f"{stem}.md"
                text = render_to_string(f"replication/kit/{template}.txt", context)
                archive.writestr(f"{folder}/{name}", text)
                members.append(name)
    return Kit(
        content=buffer.getvalue(),
        file_name=f"{folder}-{region.code}.zip",
        members=sorted(members),
        templates=used,
        errors=errors,
    )
