"""Open data: the platform's public tables as files anyone may reuse.

``export.py`` builds the tables (published case studies, the region register
with SPBE indices, national averages, the adoption matrix) and writes them as
CSV and JSON with a Frictionless Data Package descriptor, README and licence,
replacing the target directory only once everything is written.
``manage.py export_open_data`` runs it; ``--publish`` writes to the location
that ``/data-terbuka/`` (``views.py``) lists and serves. Format:
docs/DATA_FORMATS.md, "Open data export".
"""
