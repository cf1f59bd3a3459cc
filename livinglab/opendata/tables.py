"""The open-data tables, read from the database, and their Table Schemas.

Each builder returns a ``Table``: CSV ``rows`` (cells by column name), the
JSON ``records`` (native lists and nested objects) and the schema the Data
Package descriptor carries. Only published case studies without view
restrictions are exported, and adoptions only of those, so every foreign key
resolves. No personal data is read: no contact persons, mentors, e-mail
addresses, stage-event actors or notes. Titles are Indonesian, descriptions
English; neither follows the active language, so that every export of the
same data is the same. The case studies carry both languages (issue 20):
``title``/``summary`` are the Indonesian originals', ``title_en``/
``summary_en`` their published English translation's (empty when there is
none; a draft translation never).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from innovations import records as case_study
from innovations.models import InnovationPage
from livinglab.adoptions.models import REPLICATING, Adoption, Stage
from livinglab.base.translation import live_translations
from livinglab.regions.models import (
    NationalSpbeAverage,
    Participation,
    Region,
    SpbePredicate,
    SpbeScore,
)
from livinglab.regions.queries import regions_with_details, spbe_history
from livinglab.taxonomy.models import SpbeIndicator

LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Field:
    """One column, described as a Table Schema field."""

    name: str
    type: str
    title: str
    description: str
    format: str = ""
    required: bool = False
    enum: tuple = ()

    def descriptor(self):
        described = {
            "name": self.name,
            "type": self.type,
            "title": self.title,
            "description": self.description,
        }
        if self.format:
            described["format"] = self.format
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            described["constraints"] = constraints
        return described


@dataclass
class Table:
    """A CSV resource (``rows``) and, when ``records`` is set, its JSON twin."""

    name: str
    title: str
    description: str
    fields: list
    rows: list
    records: list | None = None
    primary_key: list = field(default_factory=list)
    foreign_keys: list = field(default_factory=list)

    def schema(self):
        schema = {"fields": [f.descriptor() for f in self.fields]}
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
        if self.foreign_keys:
            schema["foreignKeys"] = self.foreign_keys
        return schema


def _list(description):
    return f"{description} In CSV, values are separated by '{LIST_SEPARATOR}'."


def _region_fk(column):
    return {"fields": column, "reference": {"resource": "wilayah", "fields": "code"}}


def published_innovations():
    """Live case studies without view restrictions, with their counters."""
    return (
        InnovationPage.objects.published()
        .select_related("host_region__province")
        .prefetch_related(
            "dimensions",
            "spbe_indicators",
            "spm_sectors",
            "themes",
            "technologies",
            "source_code_links__technologies",
        )
        .annotate(
            n_training=Count("training_materials", distinct=True),
            n_evidence=Count("evidence", distinct=True),
            n_replicating=Count(
                "adoptions",
                filter=Q(adoptions__stage__in=REPLICATING),
                distinct=True,
            ),
        )
        .order_by("slug")
    )


INNOVATION_FIELDS = [
    Field("slug", "string", "Slug", "Unique key of the case study.", required=True),
    Field("title", "string", "Judul", "Title of the case study."),
    Field("summary", "string", "Ringkasan", "Summary, plain text."),
    Field(
        "title_en",
        "string",
        "Judul (bahasa Inggris)",
        "Title in English, from the published English translation; empty "
        "when the case study is not translated.",
    ),
    Field(
        "summary_en",
        "string",
        "Ringkasan (bahasa Inggris)",
        "Summary in English, plain text, from the published English "
        "translation; empty when the case study is not translated.",
    ),
    Field("host_region_code", "string", "Kode daerah tuan rumah", "Kemendagri code."),
    Field("host_region_name", "string", "Daerah tuan rumah", "Host kabupaten/kota."),
    Field("province_code", "string", "Kode provinsi", "Host's province code."),
    Field("province_name", "string", "Provinsi", "Host's province."),
    Field("opd", "string", "OPD", "Owning regional office (perangkat daerah)."),
    Field("year_launched", "integer", "Tahun peluncuran", "Year launched."),
    Field(
        "maturity",
        "string",
        "Kematangan",
        "Maturity of the innovation.",
        enum=tuple(InnovationPage.Maturity.values),
    ),
    Field(
        "dimensions", "string", "Dimensi Smart City", _list("Smart City dimensions.")
    ),
    Field(
        "spbe_indicators",
        "string",
        "Indikator SPBE",
        _list(
            "Numbers of the SPBE indicators the innovation lifts (in its "
            "framework, see spbe_kerangka; 1-47 under PermenPANRB 59/2020)."
        ),
    ),
    Field("spm_sectors", "string", "Sektor SPM", _list("SPM basic services.")),
    Field("themes", "string", "Tema prioritas", _list("Thematic priorities.")),
    Field("technologies", "string", "Teknologi", _list("Technology tags.")),
    Field(
        "source_code_urls",
        "string",
        "URL kode sumber",
        _list("Public repositories; code on request has no URL."),
    ),
    Field(
        "source_code_licenses",
        "string",
        "Lisensi kode sumber",
        _list("SPDX identifiers of the source code's licences."),
    ),
    Field("training_count", "integer", "Jumlah materi pelatihan", "Training items."),
    Field("evidence_count", "integer", "Jumlah bukti dukung", "SPBE evidence items."),
    Field(
        "replication_count",
        "integer",
        "Jumlah replikasi",
        "Regions at technology transfer or a later stage (not stopped).",
    ),
    Field("url", "string", "Halaman", "Address of the case study.", format="uri"),
    Field("last_published", "datetime", "Terakhir terbit", "Last published (UTC)."),
]


def innovation_table():
    rows, records = [], []
    pages = list(published_innovations())
    english = live_translations(pages, "en")
    for page in pages:
        region = page.host_region
        facts = case_study.facts(page)
        links = case_study.source_code(page)
        translated = english.get(page.translation_key)
        row = {
            "slug": facts["slug"],
            "title": facts["title"],
            "summary": facts["summary"],
            "title_en": translated.title if translated else "",
            "summary_en": translated.summary if translated else "",
            "host_region_code": facts["host_region"],
            "host_region_name": facts["host_region_name"],
            "province_code": region.province.code,
            "province_name": region.province.name,
            "opd": facts["opd"],
            "year_launched": facts["year_launched"],
            "maturity": facts["maturity"],
            "dimensions": facts["dimensions"],
            "spbe_indicators": facts["spbe_indicators"],
            "spm_sectors": facts["spm_sectors"],
            "themes": facts["themes"],
            "technologies": facts["tech"],
            "source_code_urls": [link["url"] for link in links if link["url"]],
            "source_code_licenses": sorted({link["license"] for link in links}),
            "training_count": page.n_training,
            "evidence_count": page.n_evidence,
            "replication_count": page.n_replicating,
            "url": page.get_full_url(),
            "last_published": page.last_published_at,
        }
        rows.append(row)
        records.append(
            {
                **row,
                "source_code": [
                    {k: link[k] for k in ("name", "url", "license", "visibility")}
                    for link in links
                ],
            }
        )
    return Table(
        name="inovasi",
        title="Studi kasus inovasi",
        description="Published innovation case studies that regions may replicate.",
        fields=INNOVATION_FIELDS,
        rows=rows,
        records=records,
        primary_key=["slug"],
        foreign_keys=[_region_fk("host_region_code")],
    )


def region_table():
    years = sorted(set(SpbeScore.objects.values_list("year", flat=True)))
    predicates = SpbePredicate.table()
    fields = [
        Field("code", "string", "Kode", "Kemendagri code (32.11).", required=True),
        Field("name", "string", "Nama", "Name of the kabupaten/kota."),
        Field(
            "kind",
            "string",
            "Jenis",
            "kabupaten or kota.",
            enum=tuple(Region.Kind.values),
        ),
        Field("province_code", "string", "Kode provinsi", "Province code (32)."),
        Field("province_name", "string", "Provinsi", "Province name."),
        Field(
            "pilot",
            "boolean",
            "Peserta uji coba",
            "One of the pilot's 62 (the host is apart, cohort host).",
        ),
        Field(
            "cohort",
            "string",
            "Kohort",
            "study_visit (visited the host), top_spbe (top SPBE index) or host "
            "(the host region, apart from the 62).",
            enum=tuple(Participation.Cohort.values),
        ),
        Field("is_host", "boolean", "Tuan rumah", "Hosts innovations for others."),
        Field("joined_on", "date", "Bergabung", "Date the region joined the pilot."),
        Field(
            "demonstration",
            "boolean",
            "Data demonstrasi",
            "The participation is demonstration data, not the official list.",
        ),
        *(
            Field(
                f"spbe_{year}",
                "number",
                f"Indeks SPBE {year}",
                f"SPBE index of {year} (0.00-5.00).",
            )
            for year in years
        ),
    ]
    rows, records = [], []
    for region in regions_with_details():
        part = getattr(region, "participation", None)
        history = spbe_history(region, predicates)
        row = {
            "code": region.code,
            "name": region.name,
            "kind": region.kind,
            "province_code": region.province.code,
            "province_name": region.province.name,
            "pilot": part is not None and part.cohort in Participation.PILOT_COHORTS,
            "cohort": part.cohort if part else None,
            "is_host": part.is_host if part else False,
            "joined_on": part.joined_on if part else None,
            "demonstration": part.is_demonstration if part else False,
        }
        by_year = {entry["year"]: entry["index"] for entry in history}
        rows.append({**row, **{f"spbe_{y}": by_year.get(y) for y in years}})
        records.append(
            {
                **row,
                "spbe": [
                    {
                        "year": entry["year"],
                        "index": entry["index"],
                        "predicate": entry["predicate"],
                    }
                    for entry in history
                ],
            }
        )
    return Table(
        name="wilayah",
        title="Kabupaten/kota, keikutsertaan, dan indeks SPBE",
        description=(
            "All kabupaten/kota with province, pilot participation and SPBE "
            "index per evaluation year."
        ),
        fields=fields,
        rows=rows,
        records=records,
        primary_key=["code"],
    )


def national_table():
    predicates = SpbePredicate.table()
    rows = []
    for average in NationalSpbeAverage.objects.order_by("year"):
        predicate = SpbePredicate.for_index(average.index, predicates)
        rows.append(
            {
                "year": average.year,
                "index": average.index,
                "predicate": predicate.name if predicate else None,
                "source": average.source,
            }
        )
    return Table(
        name="spbe_nasional",
        title="Indeks SPBE nasional",
        description=(
            "National SPBE index (all evaluated agencies) per evaluation year, "
            "as published by KemenPAN-RB."
        ),
        fields=[
            Field("year", "integer", "Tahun", "Evaluation year.", required=True),
            Field("index", "number", "Indeks", "National index (1.00-5.00)."),
            Field("predicate", "string", "Predikat", "Predicate of the index."),
            Field("source", "string", "Sumber", "Where the figure is published."),
        ],
        rows=rows,
        primary_key=["year"],
    )


def spbe_framework_table():
    """Every SPBE framework's indicators with their weights (% of the
    index) and the values still to be confirmed."""
    indicators = SpbeIndicator.objects.select_related(
        "framework", "aspect", "aspect__domain"
    ).order_by("framework__code", "number")
    rows = [
        {
            "framework": i.framework.code,
            "status": i.framework.status,
            "regulation": i.framework.regulation,
            "number": i.number,
            "name": i.name,
            "name_en": i.name_en,
            "aspect": i.aspect.name,
            "domain": i.aspect.domain.name if i.aspect.domain else None,
            "weight": i.weight,
            "to_be_confirmed": LIST_SEPARATOR.join(i.to_be_confirmed or []),
        }
        for i in indicators
    ]
    return Table(
        name="spbe_kerangka",
        title="Kerangka evaluasi SPBE",
        description=(
            "Indicators of each SPBE evaluation framework (PermenPANRB 59/2020; "
            "the draft Indeks Pemerintah Digital) with their weights."
        ),
        fields=[
            Field("framework", "string", "Kerangka", "Framework code.", required=True),
            Field("status", "string", "Status", "draft, active or retired."),
            Field("regulation", "string", "Regulasi", "Regulation of the framework."),
            Field("number", "integer", "Nomor", "Indicator number.", required=True),
            Field("name", "string", "Indikator", "Indicator name (Indonesian)."),
            Field("name_en", "string", "Indicator", "Indicator name (English)."),
            Field("aspect", "string", "Aspek", "Aspect of the indicator."),
            Field("domain", "string", "Domain", "Domain of the aspect, if any."),
            Field("weight", "number", "Bobot", "Weight in % of the index."),
            Field(
                "to_be_confirmed",
                "string",
                "Belum dipastikan",
                _list("Values public sources do not yet confirm."),
            ),
        ],
        rows=rows,
        primary_key=["framework", "number"],
    )


def adoption_table():
    adoptions = (
        Adoption.objects.filter(innovation__in=published_innovations().values("pk"))
        .select_related("region__province", "innovation__host_region")
        .order_by("region__code", "innovation__slug")
    )
    rows = [
        {
            "region_code": a.region.code,
            "region_name": a.region.name,
            "province_code": a.region.province.code,
            "province_name": a.region.province.name,
            "innovation_slug": a.innovation.slug,
            "innovation_title": a.innovation.title,
            "host_region_code": a.innovation.host_region.code,
            "host_region_name": a.innovation.host_region.name,
            "stage": a.stage,
            "started_on": a.started_on,
            "last_event_on": a.last_event_on,
        }
        for a in adoptions
    ]
    return Table(
        name="matriks_adopsi",
        title="Matriks adopsi (replikasi) inovasi",
        description="Which region replicates which innovation, and how far it got.",
        fields=[
            Field("region_code", "string", "Kode daerah", "Adopting region's code."),
            Field("region_name", "string", "Daerah", "Adopting kabupaten/kota."),
            Field("province_code", "string", "Kode provinsi", "Its province code."),
            Field("province_name", "string", "Provinsi", "Its province."),
            Field("innovation_slug", "string", "Slug inovasi", "Case study's slug."),
            Field("innovation_title", "string", "Inovasi", "Case study's title."),
            Field("host_region_code", "string", "Kode tuan rumah", "Host's code."),
            Field("host_region_name", "string", "Tuan rumah", "Host region."),
            Field(
                "stage",
                "string",
                "Tahap",
                "Pipeline stage: minat, studi_tiru, kesepakatan, alih_teknologi, "
                "pelatihan, uji_coba, implementasi, dilembagakan, or the exit "
                "dihentikan.",
                enum=tuple(Stage.values),
            ),
            Field("started_on", "date", "Mulai", "Date of the first event."),
            Field("last_event_on", "date", "Peristiwa terakhir", "Latest event."),
        ],
        rows=rows,
        records=rows,
        primary_key=["region_code", "innovation_slug"],
        foreign_keys=[
            _region_fk("region_code"),
            _region_fk("host_region_code"),
            {
                "fields": "innovation_slug",
                "reference": {"resource": "inovasi", "fields": "slug"},
            },
        ],
    )


def build_tables():
    return [
        innovation_table(),
        region_table(),
        national_table(),
        spbe_framework_table(),
        adoption_table(),
    ]
