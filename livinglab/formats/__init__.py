"""Locale format overrides (``FORMAT_MODULE_PATH``): one date shape in every
language."""
