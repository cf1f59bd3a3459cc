"""A host's case studies in the shapes the national competitions ask for
(issue 19.5); the field mapping is documented in docs/COMPETITIONS.md.

* **IID** (Indeks Inovasi Daerah, Kemendagri; Permendagri 104/2018 on the
  assessment of regional innovation): sheet "Profil Inovasi" (one row per
  case study), "Indikator" (one row per case study and indicator, with what
  the platform holds as evidence), "Surat Minat Replikasi" (the letters of
  intent received from replicating regions) and "Petunjuk" (sources, what
  is uncertain, the colour legend).
* **JIPPNas** (Jaringan Informasi dan Pelayanan Publik Nasional,
  KemenPAN-RB): sheet "JIPPNas" (one row per case study) and "Petunjuk".

Column names follow the official forms as best known here and stay in
Indonesian (they are the forms' field names, not interface text). A column
the platform cannot fill is left empty for the host and highlighted
(``TO_COMPLETE_FILL``); the indicator names marked uncertain in ``IID_INDICATORS``
are for the host to check against the year's technical guide (juknis).
Every cell value goes through ``livinglab.base.spreadsheets`` (formula
neutralising); this module only colours the empty cells afterwards.

What a case study holds is read as data from ``innovations/records.py``
(``impact``, ``training``, ``needs``: the same figures the API and open data
publish), never re-derived here; numbers are written the Indonesian way
(``1.234,5``) whatever the interface language, as the forms are Indonesian.
"""

import io
from dataclasses import dataclass

from django.utils import formats, translation

from openpyxl import load_workbook
from openpyxl.styles import PatternFill

from innovations import records
from innovations.models import InnovationPage, TrainingMaterial
from livinglab.adoptions.models import Stage
from livinglab.base import spreadsheets
from livinglab.base.spreadsheets import Sheet
from livinglab.base.uploads import safe_filename

#: The fill of an empty cell the host must complete (light yellow).
TO_COMPLETE_FILL = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
#: Written in the header of a column the host completes.
TO_COMPLETE_MARK = " [isi tuan rumah]"

IID_SOURCE = (
    "Indeks Inovasi Daerah (IID), Kementerian Dalam Negeri (BSKDN); dasar: "
    "Permendagri Nomor 104 Tahun 2018 tentang Penilaian dan Pemberian "
    "Penghargaan dan/atau Insentif Inovasi Daerah. Nama kolom dan indikator "
    "mengikuti formulir IID sejauh diketahui tim Living Lab; cocokkan dengan "
    "petunjuk teknis IID tahun berjalan."
)
JIPPNAS_SOURCE = (
    "JIPPNas (Jaringan Informasi dan Pelayanan Publik Nasional), Kementerian "
    "PANRB. Nama kolom mengikuti isian profil inovasi JIPPNas sejauh diketahui "
    "tim Living Lab; cocokkan dengan formulir di JIPPNas."
)


@dataclass(frozen=True)
class Indicator:
    """One IID indicator: its name, whether the name is uncertain (for the
    host to check) and a function giving what the platform holds for it
    (``str``, ``""`` when nothing)."""

    name: str
    uncertain: bool
    platform: object


def _join(items):
    return "; ".join(i for i in items if i)


def number_id(value):
    """``value`` (``int``, ``float``, ``Decimal``; ``None`` → ``"–"``) written
    the Indonesian way: ``.`` between thousands, ``,`` before decimals, no
    trailing zeros (``records.number``): ``1234.50`` → ``"1.234,5"``."""
    if value is None:
        return "–"
    with translation.override("id"):
        return formats.number_format(
            records.number(value), use_l10n=True, force_grouping=True
        )


def _training(page, kinds=None):
    return _join(
        f"{m['title']} ({m['url']})"
        for m in records.training(page)
        if kinds is None or m["kind"] in kinds
    )


def _impact(page):
    return _join(
        f"{f['measure']}: {number_id(f['before'])} → "
        f"{number_id(f['after'])} {f['unit']}".strip()
        for f in records.impact(page)
    )


def _replications(page):
    return _join(
        f"{a.region.name} ({a.get_stage_display()})"
        for a in page.adoptions.all()
        if a.stage != Stage.INTEREST
    )


def _letters(page):
    return _join(
        f"{a.region.name}: {a.letter_of_intent.original_name}"
        for a in page.adoptions.all()
        if a.letter_of_intent_id
    )


def _cost(page):
    needs = records.needs(page)
    if needs["cost"] is None:
        return ""
    funding = f" ({needs['funding_source']})" if needs["funding_source"] else ""
    return f"Rp {number_id(needs['cost'])}{funding}"


IID_INDICATORS = [
    Indicator("Regulasi inovasi daerah", False, lambda p: p.needs_regulation),
    Indicator(
        "Ketersediaan SDM terhadap inovasi daerah", False, lambda p: p.needs_staff
    ),
    Indicator("Dukungan anggaran", False, _cost),
    Indicator(
        "Bimtek inovasi",
        False,
        lambda p: _training(p, {TrainingMaterial.Kind.BIMTEK}),
    ),
    Indicator("Integrasi program dan kegiatan inovasi dalam RKPD", False, lambda p: ""),
    Indicator("Keterlibatan aktor inovasi", False, lambda p: ""),
    Indicator("Pelaksana inovasi daerah", False, lambda p: p.opd),
    Indicator("Jejaring inovasi", False, _replications),
    Indicator("Sosialisasi inovasi daerah", False, lambda p: ""),
    Indicator(
        "Pedoman teknis",
        False,
        lambda p: _training(
            p, {TrainingMaterial.Kind.MANUAL, TrainingMaterial.Kind.MODULE}
        ),
    ),
    Indicator("Kemudahan informasi layanan", False, lambda p: ""),
    Indicator("Kemudahan proses inovasi yang dihasilkan", False, lambda p: ""),
    Indicator("Penyelesaian layanan pengaduan", False, lambda p: ""),
    Indicator(
        "Online sistem",
        False,
        lambda p: _join(link.url for link in p.source_code_links.all()),
    ),
    Indicator(
        "Replikasi",
        False,
        lambda p: _join(
            [_replications(p), _letters(p) and f"Surat minat: {_letters(p)}"]
        ),
    ),
    Indicator(
        "Kecepatan penciptaan inovasi",
        False,
        lambda p: f"Diluncurkan {p.year_launched}",
    ),
    Indicator("Kemanfaatan inovasi", False, _impact),
    Indicator("Monitoring dan evaluasi inovasi daerah", False, lambda p: ""),
    # Named in some years' forms; not sure of the current list.
    Indicator("Alat kerja / penggunaan TI", True, lambda p: ""),
    Indicator("Kualitas inovasi daerah", True, lambda p: ""),
]

#: The platform's maturity as an IID stage (tahapan); our reading, to check.
IID_STAGE = {
    InnovationPage.Maturity.IDEA: "Inisiatif",
    InnovationPage.Maturity.PILOT: "Uji coba",
    InnovationPage.Maturity.OPERATIONAL: "Penerapan",
    InnovationPage.Maturity.INSTITUTIONALISED: "Penerapan",
}


def host_case_studies(region):
    """Every case study of host ``region``: published ones and the host's
    drafts (they are its own work; the status column says which), with the
    parts the exports read, ordered by title. Restricted pages are included
    for the same reason."""
    return (
        InnovationPage.objects.originals()
        .filter(host_region=region)
        .select_related("host_region")
        .prefetch_related(
            "spm_sectors",
            "themes",
            "technologies",
            "source_code_links",
            "training_materials__document__collection",
            "evidence__indicators",
            "evidence__document__collection",
            "impact_figures",
            "adoptions__region",
            "adoptions__letter_of_intent",
        )
        .order_by("title", "pk")
    )


def status(page):
    """``"Terbit"`` (live) or ``"Draf"``."""
    return "Terbit" if page.live else "Draf"


def _url(page, base_url):
    url = page.get_url() if page.live else ""
    if url and url.startswith("/"):
        url = base_url.rstrip("/") + url
    return url or ""


def _header(columns):
    return [name + (TO_COMPLETE_MARK if host else "") for name, host in columns]


PROFILE_COLUMNS = [
    ("Nama Inovasi", False),
    ("Status di Living Lab", False),
    ("Pemerintah Daerah", False),
    ("Perangkat Daerah (OPD)", False),
    ("Tahapan Inovasi", False),
    ("Inisiator Inovasi", True),
    ("Jenis Inovasi (digital/non digital)", True),
    ("Bentuk Inovasi", True),
    ("Urusan Pemerintahan", True),
    ("Tahun Diluncurkan", False),
    ("Waktu Uji Coba", True),
    ("Waktu Penerapan", True),
    ("Rancang Bangun (masalah dan solusi)", False),
    ("Tujuan Inovasi", True),
    ("Manfaat Inovasi", False),
    ("Hasil Inovasi", False),
    ("Anggaran", False),
    ("Tautan Studi Kasus", False),
]

INDICATOR_COLUMNS = [
    ("Nama Inovasi", False),
    ("No", False),
    ("Indikator", False),
    ("Nama indikator perlu dicek", False),
    ("Data dari Living Lab", False),
    ("Parameter / pilihan", True),
    ("Bukti dukung", True),
]

LETTER_COLUMNS = [
    ("Nama Inovasi", False),
    ("Daerah Pengirim", False),
    ("Kode Wilayah", False),
    ("Tanggal Minat", False),
    ("Tahap Sekarang", False),
    ("Nama Berkas Surat", False),
    ("Berkas di ZIP Bukti", False),
]

JIPPNAS_COLUMNS = [
    ("Nama Inovasi", False),
    ("Status di Living Lab", False),
    ("Instansi", False),
    ("Unit Pelaksana", False),
    ("Kategori", True),
    ("Tahun Inovasi Dimulai", False),
    ("Deskripsi Singkat", False),
    ("Latar Belakang / Masalah", False),
    ("Solusi / Kebaruan", False),
    ("Manfaat / Hasil", False),
    ("Keberlanjutan", True),
    ("Replikasi", False),
    ("Tema / Sektor", False),
    ("Tautan", False),
    ("Narahubung", False),
]


def letter_path(adoption):
    """Where the letter of intent of ``adoption`` is in the evidence ZIP; the
    stored original name is passed through ``safe_filename`` again (no
    directories, ``..`` or control characters in a ZIP member name)."""
    name = safe_filename(adoption.letter_of_intent.original_name or "surat-minat.pdf")
    return f"{adoption.innovation.slug}/surat-minat/{adoption.region.code}-{name}"


def _profile_rows(pages, base_url):
    for p in pages:
        yield [
            p.title,
            status(p),
            p.host_region.name,
            p.opd,
            IID_STAGE.get(p.maturity, ""),
            "",
            "",
            "",
            "",
            p.year_launched,
            "",
            "",
            "\n\n".join(t for t in (p.problem, p.solution) if t),
            "",
            p.summary,
            _impact(p),
            _cost(p),
            _url(p, base_url),
        ]


def _indicator_rows(pages):
    for p in pages:
        for number, indicator in enumerate(IID_INDICATORS, start=1):
            yield [
                p.title,
                number,
                indicator.name,
                "ya" if indicator.uncertain else "",
                indicator.platform(p) or "",
                "",
                "",
            ]


def letters_received(pages):
    """The adoptions of ``pages`` with a letter of intent, by title, region."""
    return sorted(
        (a for p in pages for a in p.adoptions.all() if a.letter_of_intent_id),
        key=lambda a: (a.innovation.title, a.region.code),
    )


def _letter_rows(pages):
    for a in letters_received(pages):
        yield [
            a.innovation.title,
            a.region.name,
            a.region.code,
            a.started_on,
            a.get_stage_display(),
            a.letter_of_intent.original_name,
            letter_path(a),
        ]


def _guide(source, sheets):
    rows = [["Sumber", source]]
    rows.append(
        [
            "Kolom kuning",
            "Kolom bertanda" + TO_COMPLETE_MARK + " tidak ada di Living Lab: "
            "tuan rumah melengkapinya sebelum mengunggah.",
        ]
    )
    rows.append(
        [
            "Draf",
            "Studi kasus yang belum terbit ikut diekspor (milik tuan rumah "
            "sendiri); kolom Status menandainya.",
        ]
    )
    for title, columns in sheets:
        todo = [name for name, host in columns if host]
        rows.append([f"Diisi tuan rumah: {title}", ", ".join(todo) or "tidak ada"])
    uncertain = [i.name for i in IID_INDICATORS if i.uncertain]
    if any(title == "Indikator" for title, _c in sheets):
        rows.append(["Indikator perlu dicek", ", ".join(uncertain)])
    return Sheet("Petunjuk", ["Catatan", "Isi"], rows)


def highlight(data, columns_by_sheet):
    """Fill the empty cells of the host-completed columns of each sheet
    (``{title: [(name, host_completes), ...]}``) with ``TO_COMPLETE_FILL``;
    returns the new XLSX bytes. Values are not touched."""
    workbook = load_workbook(io.BytesIO(data))
    for title, columns in columns_by_sheet.items():
        sheet = workbook[title]
        for index, (_name, host) in enumerate(columns, start=1):
            if not host:
                continue
            for row in range(1, sheet.max_row + 1):
                cell = sheet.cell(row=row, column=index)
                if row == 1 or cell.value in (None, ""):
                    cell.fill = TO_COMPLETE_FILL
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def iid_workbook(region, base_url=""):
    """The IID workbook of host ``region`` as XLSX bytes; returns
    ``(bytes, number of case studies)``. Built in Indonesian (labels such
    as the stage, the case studies' URLs) whatever the interface language:
    it is the national competition's Indonesian form."""
    with translation.override("id"):
        return _iid_workbook(region, base_url)


def _iid_workbook(region, base_url):
    pages = list(host_case_studies(region))
    layout = {
        "Profil Inovasi": PROFILE_COLUMNS,
        "Indikator": INDICATOR_COLUMNS,
        "Surat Minat Replikasi": LETTER_COLUMNS,
    }
    data = spreadsheets.xlsx_bytes(
        [
            Sheet(
                "Profil Inovasi",
                _header(PROFILE_COLUMNS),
                _profile_rows(pages, base_url),
            ),
            Sheet("Indikator", _header(INDICATOR_COLUMNS), _indicator_rows(pages)),
            Sheet(
                "Surat Minat Replikasi", _header(LETTER_COLUMNS), _letter_rows(pages)
            ),
            _guide(IID_SOURCE, list(layout.items())),
        ]
    )
    return highlight(data, layout), len(pages)


def _jippnas_rows(pages, base_url):
    for p in pages:
        yield [
            p.title,
            status(p),
            f"Pemerintah {p.host_region.name}",
            p.opd,
            "",
            p.year_launched,
            p.summary,
            p.problem,
            p.solution,
            _impact(p),
            "",
            _replications(p),
            _join(
                [t.name for t in p.themes.all()] + [s.name for s in p.spm_sectors.all()]
            ),
            _url(p, base_url),
            _join([p.contact_name, p.contact_email]),
        ]


def jippnas_workbook(region, base_url=""):
    """The JIPPNas workbook of host ``region`` as XLSX bytes; returns
    ``(bytes, number of case studies)``. Built in Indonesian whatever the
    interface language, as ``iid_workbook``."""
    with translation.override("id"):
        return _jippnas_workbook(region, base_url)


def _jippnas_workbook(region, base_url):
    pages = list(host_case_studies(region))
    layout = {"JIPPNas": JIPPNAS_COLUMNS}
    data = spreadsheets.xlsx_bytes(
        [
            Sheet("JIPPNas", _header(JIPPNAS_COLUMNS), _jippnas_rows(pages, base_url)),
            _guide(JIPPNAS_SOURCE, list(layout.items())),
        ]
    )
    return highlight(data, layout), len(pages)
