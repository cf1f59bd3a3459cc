"""Fixtures shared by the translation tests: the Indonesian original of
tte-sumedang, a translator and a moderator (defined in test_workflow.py)."""

from .test_workflow import moderator, original, translator  # noqa: F401
