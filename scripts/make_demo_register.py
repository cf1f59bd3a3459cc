"""Regenerate the demonstration cohort and SPBE figures in fixtures/.

The official list of the 62 pilot regions and their SPBE scores are not public
here, so the platform ships a *demonstration* cohort of 62 real regions
(52 study-visit, 10 top SPBE) plus the host Sumedang in a cohort of its own,
with synthetic, deterministic SPBE figures. Every row is marked as
demonstration data. Administrators replace it through the admin or the
loader commands. The national series (fixtures/national_spbe.csv) is real
published data, kept by hand, not written here.

    python scripts/make_demo_register.py   # rewrites participation and scores
    python scripts/make_demo_adoptions.py  # then: levels, and indices from them
"""

import csv
import random
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
YEARS = (2021, 2022, 2023, 2024)
HOST = "32.11"  # Kabupaten Sumedang, the host: its own cohort, not one of the 62
# code: is_host. Listed in the order their figures are drawn (the host first,
# Kota Banjarmasin last: it joined when the host left the 62), so earlier
# regions keep their figures.
TOP_SPBE = {
    "35.10": True,  # Kabupaten Banyuwangi
    "33.74": True,  # Kota Semarang
    "35.78": True,  # Kota Surabaya
    "51.03": False,  # Kabupaten Badung
    "34.04": False,  # Kabupaten Sleman
    "32.73": False,  # Kota Bandung
    "36.71": False,  # Kota Tangerang
    "51.71": False,  # Kota Denpasar
    "34.71": False,  # Kota Yogyakarta
    "63.71": False,  # Kota Banjarmasin
}
ADMINISTRATIVE = {"31.01", "31.71", "31.72", "31.73", "31.74", "31.75"}
STUDY_VISIT = [
    "11.06",
    "11.71",
    "12.07",
    "12.71",
    "13.06",
    "13.71",
    "14.08",
    "14.71",
    "15.05",
    "16.71",
    "17.71",
    "18.71",
    "19.01",
    "21.71",
    "32.04",
    "32.05",
    "32.07",
    "32.08",
    "32.10",
    "32.12",
    "32.13",
    "32.14",
    "32.17",
    "32.77",
    "33.02",
    "33.10",
    "33.22",
    "33.72",
    "35.07",
    "35.15",
    "35.25",
    "36.03",
    "51.04",
    "52.01",
    "52.71",
    "53.71",
    "61.71",
    "62.71",
    "63.72",
    "64.72",
    "65.71",
    "71.71",
    "72.71",
    "73.06",
    "73.71",
    "74.71",
    "75.71",
    "76.04",
    "81.71",
    "82.71",
    "91.71",
    "96.71",
]


def main():
    if (
        len(set(STUDY_VISIT)) != 52
        or len(TOP_SPBE) != 10
        or set(STUDY_VISIT) & set(TOP_SPBE)
        or {HOST} & (set(STUDY_VISIT) | set(TOP_SPBE))
        or ADMINISTRATIVE & (set(STUDY_VISIT) | set(TOP_SPBE) | {HOST})
    ):
        raise SystemExit(
            "the cohort must be 52 distinct study-visit + 10 top-SPBE regions, "
            "apart from the host, with no administrative unit"
        )
    rng = random.Random(62)  # noqa: S311 - demonstration figures, not secrets
    with (FIXTURES / "participation.csv").open("w", newline="") as fh:
        fh.write(
            "# DEMONSTRATION cohort: 62 real regions and the host, not the official "
            "list.\n"
        )
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(
            ["region_code", "cohort", "is_host", "joined_on", "demonstration"]
        )
        writer.writerow([HOST, "host", "ya", "2024-02-20", "ya"])
        top = list(TOP_SPBE.items())
        for code, host in top[:-1]:
            writer.writerow(
                [code, "top_spbe", "ya" if host else "tidak", "2024-02-20", "ya"]
            )
        for code in STUDY_VISIT:
            day = rng.randint(1, 28)
            writer.writerow([code, "study_visit", "tidak", f"2024-03-{day:02d}", "ya"])
        code, host = top[-1]
        writer.writerow(
            [code, "top_spbe", "ya" if host else "tidak", "2024-02-20", "ya"]
        )
    with (FIXTURES / "spbe_scores.csv").open("w", newline="") as fh:
        fh.write("# DEMONSTRATION SPBE indices (synthetic, deterministic).\n")
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["region_code", "year", "index"])
        top = list(TOP_SPBE)
        for code in [HOST, *top[:-1], *STUDY_VISIT, top[-1]]:
            strong = code == HOST or code in TOP_SPBE
            base = rng.uniform(3.4, 4.3) if strong else rng.uniform(1.5, 3.0)
            for year in YEARS:
                base = min(5.0, max(1.0, base + rng.uniform(-0.1, 0.35)))
                writer.writerow([code, year, f"{base:.2f}"])


if __name__ == "__main__":
    main()
