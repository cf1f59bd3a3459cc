"""Regenerate the demonstration adoptions and SPBE indicator levels in fixtures/.

Synthetic and deterministic (seeded), like scripts/make_demo_register.py:
each non-host region of the demonstration cohort takes up one to four of the
demonstration case studies and moves them along the pipeline, with a few
stops, one step back and some stalled records, dated between 2025-01 and
2026-10. Indicator maturity levels (1-5) are drawn around each region's SPBE
index for its two latest evaluation years; the index of those years is then
recomputed from the levels with the weights of fixtures/spbe/
permenpanrb-59-2020.json (Σ weight × level / 100, two decimals), so demo
indices equal their levels.

    python scripts/make_demo_register.py    # first (participation, scores)
    python scripts/make_demo_adoptions.py   # rewrites levels, scores, adoptions
"""

import csv
import datetime
import json
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FRAMEWORK = FIXTURES / "spbe" / "permenpanrb-59-2020.json"
SEED = 20261123
# Gaussian draws the levels once took from the adoptions' generator (62
# regions x 2 years x 47 indicators): skipped so the adoption records stay
# as they were when the levels got a generator of their own.
LEGACY_LEVEL_DRAWS = 62 * 2 * 47
PIPELINE = [
    "minat",
    "studi_tiru",
    "kesepakatan",
    "alih_teknologi",
    "pelatihan",
    "uji_coba",
    "implementasi",
    "dilembagakan",
]
NOTES = {
    "minat": "Surat minat replikasi dikirim ke daerah tuan rumah.",
    "studi_tiru": "Studi tiru daring bersama tim Diskominfo tuan rumah.",
    "kesepakatan": "PKS ditandatangani kedua kepala daerah.",
    "alih_teknologi": "Kode sumber dan dokumentasi diterima.",
    "pelatihan": "Bimtek tiga hari untuk operator OPD.",
    "uji_coba": "Uji coba di dua kecamatan.",
    "implementasi": "Layanan berjalan di seluruh kecamatan.",
    "dilembagakan": "Perbup ditetapkan dan anggaran APBD dialokasikan.",
}
STOP_REASONS = [
    "Anggaran APBD perubahan tidak disetujui.",
    "Aplikasi serupa sudah dibangun oleh pemerintah provinsi.",
]
START = datetime.date(2025, 1, 6)
END = datetime.date(2026, 10, 31)


def _rows(path):
    with open(path, encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


def weights():
    """``{indicator number: weight (%)}`` of PermenPANRB 59/2020."""
    data = json.loads(FRAMEWORK.read_text("utf-8"))
    return {
        indicator["number"]: Decimal(indicator["weight"])
        for domain in data["domains"]
        for aspect in domain["aspects"]
        for indicator in aspect["indicators"]
    }


def indicator_levels(rng, scores, weight):
    """Levels around each region's index for the two latest years."""
    years = sorted({int(r["year"]) for r in scores})[-2:]
    out = []
    for row in scores:
        if int(row["year"]) not in years:
            continue
        index = float(row["index"])
        for number in sorted(weight):
            level = round(index + rng.gauss(0, 0.9))
            out.append((row["region_code"], row["year"], number, min(5, max(1, level))))
    return out


def indices_from_levels(scores, levels, weight):
    """``scores`` with the index of every region-year that has levels
    replaced by Σ weight × level / 100 (two decimals, half up)."""
    totals = {}
    for code, year, number, level in levels:
        key = (code, str(year))
        totals[key] = totals.get(key, Decimal(0)) + weight[number] * level
    out = []
    for row in scores:
        total = totals.get((row["region_code"], row["year"]))
        if total is not None:
            index = (total / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            row = {**row, "index": f"{index}"}
        out.append(row)
    return out


def adoptions(rng):
    participants = _rows(FIXTURES / "participation.csv")
    innovations = json.loads((FIXTURES / "innovations.json").read_text("utf-8"))
    pages = [(i["slug"], i["host_region"]) for i in innovations["innovations"]]
    records = []
    for row in participants:
        code = row["region_code"]
        if row["is_host"] == "ya":
            continue
        choices = [slug for slug, host in pages if host != code]
        for slug in rng.sample(choices, rng.randint(1, 4)):
            day = START + datetime.timedelta(days=rng.randint(0, 420))
            reach = rng.choices(range(len(PIPELINE)), weights=[3, 3, 3, 3, 3, 2, 2, 1])[
                0
            ]
            events = []
            stages = [PIPELINE[0]] + [
                s for s in PIPELINE[1 : reach + 1] if rng.random() > 0.15
            ]
            for stage in stages:
                events.append(
                    {"stage": stage, "date": day.isoformat(), "note": NOTES[stage]}
                )
                day += datetime.timedelta(days=rng.randint(10, 70))
                if day > END:
                    break
            if rng.random() < 0.06 and day <= END:
                events.append(
                    {
                        "stage": "dihentikan",
                        "date": day.isoformat(),
                        "note": rng.choice(STOP_REASONS),
                    }
                )
            records.append(
                {
                    "region": code,
                    "innovation": slug,
                    "responsible_opd": rng.choice(
                        ["Diskominfo", "Disdukcapil", "Bappeda", "DPMPTSP", "Dinkes"]
                    ),
                    "events": [e for e in events if e["date"] <= END.isoformat()],
                }
            )
    return records


def add_costs(records, rng):
    """Give the adoptions that reached "implementasi" an APBD cost (whole
    rupiah, Rp 150-900 million in steps of a million) from their own
    generator, so the other records stay as they were; the peers' median cost
    on the case-study page then has data (issue 19.3)."""
    for record in records:
        if any(e["stage"] == "implementasi" for e in record["events"]):
            record["apbd_cost"] = rng.randint(150, 900) * 1_000_000


def main():
    weight = weights()
    scores = _rows(FIXTURES / "spbe_scores.csv")
    level_rng = random.Random(SEED)  # noqa: S311 - demonstration data
    levels = indicator_levels(level_rng, scores, weight)
    with open(
        FIXTURES / "spbe_indicators.csv", "w", encoding="utf-8", newline=""
    ) as fh:
        fh.write("# DEMONSTRATION SPBE indicator levels (synthetic, deterministic).\n")
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["region_code", "year", "indicator", "level"])
        writer.writerows(levels)
    with open(FIXTURES / "spbe_scores.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# DEMONSTRATION SPBE indices (synthetic, deterministic); where the "
            "region-year has\n# indicator levels, the index is computed from them "
            "(scripts/make_demo_adoptions.py).\n"
        )
        writer = csv.DictWriter(
            fh, fieldnames=["region_code", "year", "index"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(indices_from_levels(scores, levels, weight))
    rng = random.Random(SEED)  # noqa: S311 - demonstration data, not secrets
    for _ in range(LEGACY_LEVEL_DRAWS):
        rng.gauss(0, 0.9)
    records = adoptions(rng)
    add_costs(records, random.Random(SEED + 19))  # noqa: S311 - demonstration data
    data = {
        "_comment": "DEMONSTRATION adoptions (synthetic); scripts/make_demo_adoptions.py",
        "adoptions": records,
    }
    (FIXTURES / "adoptions.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
