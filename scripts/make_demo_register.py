"""Regenerate the demonstration cohort and SPBE figures in fixtures/.

The official list of the 62 pilot regions and their SPBE scores are not public
here, so the platform ships a *demonstration* cohort of 62 real regions
(52 study-visit, 10 top SPBE including the host Sumedang) with synthetic,
deterministic SPBE figures. Every row is marked as demonstration data.
Administrators replace it through the admin or the loader commands.

    python scripts/make_demo_register.py   # rewrites the three CSV files
"""

import csv
import random
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
YEARS = (2021, 2022, 2023, 2024)
# Demonstration national averages; 2.4 is the reference named at the launch.
NATIONAL = {2021: "2.24", 2022: "2.34", 2023: "2.40", 2024: "2.49"}

# code: is_host
TOP_SPBE = {
    "32.11": True,  # Kabupaten Sumedang, the host
    "35.10": True,  # Kabupaten Banyuwangi
    "33.74": True,  # Kota Semarang
    "35.78": True,  # Kota Surabaya
    "51.03": False,  # Kabupaten Badung
    "34.04": False,  # Kabupaten Sleman
    "32.73": False,  # Kota Bandung
    "36.71": False,  # Kota Tangerang
    "51.71": False,  # Kota Denpasar
    "34.71": False,  # Kota Yogyakarta
}
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
    if len(set(STUDY_VISIT)) != 52 or set(STUDY_VISIT) & set(TOP_SPBE):
        raise SystemExit(
            "the cohort must be 52 distinct study-visit + 10 top-SPBE regions"
        )
    rng = random.Random(62)  # noqa: S311 - demonstration figures, not secrets
    with (FIXTURES / "participation.csv").open("w", newline="") as fh:
        fh.write("# DEMONSTRATION cohort: 62 real regions, not the official list.\n")
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(
            ["region_code", "cohort", "is_host", "joined_on", "demonstration"]
        )
        for code, host in TOP_SPBE.items():
            writer.writerow(
                [code, "top_spbe", "ya" if host else "tidak", "2024-02-20", "ya"]
            )
        for code in STUDY_VISIT:
            day = rng.randint(1, 28)
            writer.writerow([code, "study_visit", "tidak", f"2024-03-{day:02d}", "ya"])
    with (FIXTURES / "spbe_scores.csv").open("w", newline="") as fh:
        fh.write("# DEMONSTRATION SPBE indices (synthetic, deterministic).\n")
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["region_code", "year", "index"])
        for code in [*TOP_SPBE, *STUDY_VISIT]:
            base = rng.uniform(3.4, 4.3) if code in TOP_SPBE else rng.uniform(1.5, 3.0)
            for year in YEARS:
                base = min(5.0, max(0.5, base + rng.uniform(-0.1, 0.35)))
                writer.writerow([code, year, f"{base:.2f}"])
    with (FIXTURES / "national_spbe.csv").open("w", newline="") as fh:
        fh.write(
            "# DEMONSTRATION national SPBE averages; 2.4 is the launch reference.\n"
        )
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["year", "index"])
        for year, index in NATIONAL.items():
            writer.writerow([year, index])


if __name__ == "__main__":
    main()
