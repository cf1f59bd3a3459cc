"""Kemendagri's dashboard of the replication across the pilot regions.

``filters`` (one filtered set every figure reads), ``figures`` (the numbers),
``charts`` (server-side SVG), ``views`` and ``urls`` (``/adopsi/dasbor/``).
"""
