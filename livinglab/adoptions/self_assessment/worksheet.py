"""The self-assessment as an XLSX laid out like the evaluation worksheet:
a row per domain, per aspect and per indicator (in that nesting), with the
level, the level's name, the weight (%), the weighted value (weight × level /
100, the indicator's share of the index) and the bukti dukung; the index and
predicate at the bottom. Written through ``livinglab.base.spreadsheets`` (text
neutralised, never a formula)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from livinglab.base.spreadsheets import Sheet, xlsx_response

from .figures import weighted_value


def _evidence_text(answer, base_url):
    if answer is None:
        return ""
    parts = []
    if answer.evidence_url:
        parts.append(answer.evidence_url)
    if answer.evidence_file_id:
        parts.append(
            f"{answer.evidence_file.original_name} ({base_url}{answer.evidence_file.url})"
        )
    for item in answer.adoption_evidence.all():
        parts.append(
            f"{item.title} ({item.link if item.url else base_url + item.link})"
        )
    return "\n".join(parts)


def rows(assessment, indicators, answers, summary, base_url=""):
    """The worksheet's rows (lists of cell values) under ``header()``."""
    framework = assessment.framework
    levels = {i: a.level for i, a in answers.items()}
    by_domain = {}
    for ind in indicators:
        by_domain.setdefault(ind.aspect.domain, {}).setdefault(ind.aspect, []).append(
            ind
        )

    def weighted_sum(items):
        values = [weighted_value(i.weight, levels.get(i.pk)) for i in items]
        if any(v is None for v in values):
            return None
        return float(sum(values, Decimal(0)))

    out = []
    for domain, aspects in by_domain.items():
        all_items = [i for items in aspects.values() for i in items]
        if domain is not None:
            out.append(
                [
                    f"{_('Domain')} {domain.number}. {domain.label}",
                    "",
                    "",
                    "",
                    "",
                    "",
                    float(sum(Decimal(str(i.weight)) for i in all_items)),
                    weighted_sum(all_items),
                    "",
                ]
            )
        for aspect, items in aspects.items():
            out.append(
                [
                    "",
                    f"{_('Aspect')} {aspect.number}. {aspect.label}",
                    "",
                    "",
                    "",
                    "",
                    float(sum(Decimal(str(i.weight)) for i in items)),
                    weighted_sum(items),
                    "",
                ]
            )
            for ind in items:
                level = levels.get(ind.pk)
                value = weighted_value(ind.weight, level)
                out.append(
                    [
                        "",
                        "",
                        ind.number,
                        ind.label,
                        level,
                        framework.level_name(level) if level else "",
                        float(ind.weight),
                        float(value) if value is not None else None,
                        _evidence_text(answers.get(ind.pk), base_url),
                    ]
                )
    predicate = summary.predicate
    out.append(
        [
            _("SPBE index"),
            "",
            "",
            "",
            "",
            "",
            100.0,
            float(summary.index) if summary.index is not None else None,
            (predicate.get("name", "") if predicate else ""),
        ]
    )
    return out


def header():
    return [
        _("Domain"),
        _("Aspect"),
        _("Indicator"),
        _("Indicator name"),
        _("Level"),
        _("Level name"),
        f"{_('Weight')} (%)",
        _("Weighted value"),
        _("Supporting evidence"),
    ]


def response(assessment, indicators, answers, summary, base_url=""):
    """An XLSX download of the worksheet."""
    name = f"spbe-{assessment.region.code}-{assessment.year}.xlsx"
    return xlsx_response(
        name,
        [
            Sheet(
                title=_("Self-assessment %(year)s") % {"year": assessment.year},
                header=header(),
                rows=rows(assessment, indicators, answers, summary, base_url),
            )
        ],
    )
