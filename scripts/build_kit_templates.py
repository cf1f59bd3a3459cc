#!/usr/bin/env python3
"""Build the default DOCX templates of the replication kit.

Writes ``livinglab/replication/docx/<kind>.docx`` (surat_minat, pks, perkada,
sop) with python-docx; the placeholders (``{{ region_name }}`` and the others
of ``livinglab.replication.documents.document_context``, listed in
docs/REPLICATION.md) are filled by docxtpl when a kit is downloaded. Run it
after changing the wording below, and commit the .docx files with it:

    .venv/bin/python scripts/build_kit_templates.py

The texts are drafts for the regions' legal and cooperation sections to
review, in Bahasa Indonesia (the language of the documents).
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "livinglab" / "replication" / "docx"

NOTE = (
    "Catatan: draf ini disiapkan otomatis oleh platform Living Lab Layanan "
    "Digital sebagai titik awal. Telaah dan sesuaikan bersama Bagian Hukum dan "
    "Bagian Kerja Sama daerah sebelum digunakan."
)


def _new(title_lines):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    for line in title_lines:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold = True
    return doc


def _paragraphs(doc, lines):
    for line in lines:
        doc.add_paragraph(line)


def letter_of_interest():
    doc = _new(["{{ region_government|upper }}", "{{ region_province }}"])
    _paragraphs(
        doc,
        [
            "{{ region_short_name }}, {{ date_text }}",
            "Nomor\t: ....................",
            "Sifat\t: Biasa",
            "Lampiran\t: -",
            'Perihal\t: Minat Replikasi Inovasi "{{ innovation_title }}"',
            "",
            "Yth. {{ host_head }}",
            "c.q. Kepala {{ innovation_opd }} {{ host_name }}",
            "di tempat",
            "",
            "Dengan hormat,",
            "Menindaklanjuti informasi studi kasus pada platform Living Lab "
            "Layanan Digital ({{ innovation_url }}), {{ region_government }} "
            'menyatakan minat untuk mereplikasi inovasi "{{ innovation_title }}" '
            "yang dikembangkan oleh {{ host_government }} sejak "
            "{{ innovation_year }}.",
            "Sehubungan dengan hal tersebut, kami mohon kesediaan "
            "{{ host_government }} untuk:",
            "1. menyediakan kode sumber dan dokumentasi teknis inovasi tersebut;",
            "2. memberikan pelatihan (bimbingan teknis) bagi perangkat daerah "
            "pelaksana di {{ region_name }};",
            "3. membahas Perjanjian Kerja Sama (PKS) sebagai dasar replikasi.",
            "Inovasi ini diharapkan mendukung indikator SPBE: "
            "{{ innovation_indicators|join('; ') }}.",
            "Demikian surat ini kami sampaikan. Atas perhatian dan kerja sama "
            "Bapak/Ibu, kami ucapkan terima kasih.",
            "",
            "{{ region_head }},",
            "",
            "",
            "(....................................)",
            "",
            NOTE,
        ],
    )
    return doc


def agreement():
    doc = _new(
        [
            "DRAF PERJANJIAN KERJA SAMA",
            "ANTARA",
            "{{ host_government|upper }}",
            "DAN",
            "{{ region_government|upper }}",
            "TENTANG",
            "REPLIKASI INOVASI {{ innovation_title|upper }}",
        ]
    )
    _paragraphs(
        doc,
        [
            "Nomor: .................... (PIHAK KESATU)",
            "Nomor: .................... (PIHAK KEDUA)",
            "",
            "Pada hari ini ........ tanggal ........ bulan ........ tahun "
            "{{ year }}, yang bertanda tangan di bawah ini:",
            "1. {{ host_head }}, dalam hal ini bertindak untuk dan atas nama "
            "{{ host_government }}, selanjutnya disebut PIHAK KESATU;",
            "2. {{ region_head }}, dalam hal ini bertindak untuk dan atas nama "
            "{{ region_government }}, selanjutnya disebut PIHAK KEDUA.",
            "PIHAK KESATU dan PIHAK KEDUA sepakat mengadakan kerja sama replikasi "
            'inovasi "{{ innovation_title }}" dengan ketentuan sebagai berikut.',
        ],
    )
    articles = [
        (
            "Pasal 1 Maksud dan Tujuan",
            "Kerja sama ini dimaksudkan agar PIHAK KEDUA dapat menerapkan inovasi "
            '"{{ innovation_title }}" di {{ region_name }} untuk meningkatkan '
            "kualitas layanan dan keterpaduan SPBE.",
        ),
        (
            "Pasal 2 Ruang Lingkup",
            "a. penyerahan kode sumber dan dokumentasi teknis (lisensi: "
            "{{ innovation_licences|join(', ') }}); b. pelatihan bagi pelaksana "
            "PIHAK KEDUA; c. pendampingan teknis selama pemasangan dan uji coba; "
            "d. pertukaran data dan pengalaman penerapan.",
        ),
        (
            "Pasal 3 Hak dan Kewajiban",
            "Hak dan kewajiban PIHAK KESATU dan PIHAK KEDUA diuraikan sesuai "
            "ruang lingkup pada Pasal 2.",
        ),
        (
            "Pasal 4 Pembiayaan",
            "Biaya pelaksanaan kerja sama dibebankan pada anggaran masing-masing "
            "pihak sesuai ketentuan peraturan perundang-undangan.",
        ),
        (
            "Pasal 5 Jangka Waktu",
            "Perjanjian ini berlaku selama ........ tahun sejak ditandatangani "
            "dan dapat diperpanjang atas kesepakatan para pihak.",
        ),
        (
            "Pasal 6 Keamanan Informasi dan Pelindungan Data Pribadi",
            "Para pihak menjaga keamanan informasi dan memproses data pribadi "
            "sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data "
            "Pribadi.",
        ),
        (
            "Pasal 7 Pemantauan dan Evaluasi",
            "Para pihak memantau dan mengevaluasi pelaksanaan kerja sama paling "
            "sedikit satu kali dalam setahun.",
        ),
        (
            "Pasal 8 Penyelesaian Perselisihan",
            "Perselisihan diselesaikan secara musyawarah untuk mufakat.",
        ),
        (
            "Pasal 9 Penutup",
            "Perjanjian ini dibuat dalam rangkap dua, masing-masing bermeterai "
            "cukup dan mempunyai kekuatan hukum yang sama.",
        ),
    ]
    for heading, text in articles:
        p = doc.add_paragraph()
        p.add_run(heading).bold = True
        doc.add_paragraph(text)
    _paragraphs(
        doc,
        [
            "",
            "PIHAK KESATU,\t\t\t\tPIHAK KEDUA,",
            "{{ host_head }}\t\t\t\t{{ region_head }}",
            "",
            "Dasar penyusunan: ketentuan kerja sama daerah (antara lain PP "
            "Nomor 28 Tahun 2018 tentang Kerja Sama Daerah dan Permendagri Nomor "
            "22 Tahun 2020).",
            NOTE,
        ],
    )
    return doc


def regulation():
    doc = _new(
        [
            "KERANGKA RANCANGAN {{ region_regulation|upper }}",
            "NOMOR ........ TAHUN {{ year }}",
            "TENTANG",
            "PENERAPAN INOVASI {{ innovation_title|upper }}",
            "DENGAN RAHMAT TUHAN YANG MAHA ESA",
            "{{ region_head|upper }},",
        ]
    )
    _paragraphs(
        doc,
        [
            "Menimbang:",
            "a. bahwa untuk meningkatkan kualitas pelayanan publik dan "
            "penerapan Sistem Pemerintahan Berbasis Elektronik di "
            "{{ region_name }} perlu menerapkan inovasi "
            '"{{ innovation_title }}";',
            "b. bahwa inovasi tersebut telah diterapkan oleh {{ host_government }} "
            "dan direplikasi berdasarkan Perjanjian Kerja Sama;",
            "c. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a "
            "dan huruf b, perlu menetapkan {{ region_regulation }} tentang "
            "Penerapan Inovasi {{ innovation_title }};",
            "Mengingat:",
            "1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
            "2. Peraturan Pemerintah Nomor 38 Tahun 2017 tentang Inovasi Daerah;",
            "3. Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem "
            "Pemerintahan Berbasis Elektronik;",
            "4. Peraturan Presiden Nomor 82 Tahun 2023 tentang Percepatan "
            "Transformasi Digital dan Keterpaduan Layanan Digital Nasional;",
            "5. ........ (peraturan daerah terkait).",
            "MEMUTUSKAN:",
            "Menetapkan: {{ region_regulation|upper }} TENTANG PENERAPAN INOVASI "
            "{{ innovation_title|upper }}.",
            "BAB I Ketentuan Umum",
            "BAB II Maksud, Tujuan, dan Ruang Lingkup",
            "BAB III Penyelenggaraan {{ innovation_title }}",
            "BAB IV Tugas dan Tanggung Jawab Perangkat Daerah",
            "BAB V Keamanan Informasi dan Pelindungan Data Pribadi",
            "BAB VI Integrasi dengan Layanan Digital Nasional",
            "BAB VII Pembiayaan",
            "BAB VIII Pemantauan dan Evaluasi",
            "BAB IX Ketentuan Penutup",
            "",
            "Jenis peraturan: {{ region_regulation_short }} ({{ region_regulation }}).",
            "Indikator SPBE yang didukung: {{ innovation_indicators|join('; ') }}.",
            NOTE,
        ],
    )
    return doc


def sop():
    doc = _new(
        [
            "KERANGKA STANDAR OPERASIONAL PROSEDUR (SOP)",
            "PENYELENGGARAAN {{ innovation_title|upper }}",
            "{{ region_government|upper }}",
        ]
    )
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in [
        ("Nomor SOP", "........"),
        ("Tanggal pembuatan", "{{ date_text }}"),
        ("Disahkan oleh", "Kepala perangkat daerah pelaksana, {{ region_name }}"),
        ("Nama SOP", "Penyelenggaraan {{ innovation_title }}"),
        (
            "Dasar hukum",
            "{{ region_regulation }} tentang Penerapan Inovasi "
            "{{ innovation_title }}; Perjanjian Kerja Sama dengan "
            "{{ host_government }}",
        ),
        ("Kualifikasi pelaksana", "........"),
        ("Keterkaitan", "........"),
        ("Peralatan/perlengkapan", "........"),
        ("Peringatan", "........"),
        ("Pencatatan dan pendataan", "........"),
    ]:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value
    doc.add_paragraph("")
    doc.add_paragraph("Uraian prosedur")
    steps = doc.add_table(rows=1, cols=6)
    steps.style = "Table Grid"
    for cell, text in zip(
        steps.rows[0].cells,
        ["No", "Kegiatan", "Pelaksana", "Kelengkapan", "Waktu", "Output"],
        strict=True,
    ):
        cell.text = text
    for number in range(1, 6):
        cells = steps.add_row().cells
        cells[0].text = str(number)
        for cell in cells[1:]:
            cell.text = "...."
    _paragraphs(
        doc,
        [
            "",
            "Materi pelatihan dari tuan rumah: {{ innovation_training|join('; ') }}.",
            "Format mengikuti pedoman penyusunan SOP administrasi pemerintahan "
            "(PermenPAN-RB Nomor 35 Tahun 2012).",
            NOTE,
        ],
    )
    return doc


BUILDERS = {
    "surat_minat": letter_of_interest,
    "pks": agreement,
    "perkada": regulation,
    "sop": sop,
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for kind, build in BUILDERS.items():
        path = OUT / f"{kind}.docx"
        build().save(path)
        print(f"wrote {path.relative_to(OUT.parent.parent.parent)}")


if __name__ == "__main__":
    main()
