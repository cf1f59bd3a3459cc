import pytest

from livinglab.opendata import export


@pytest.fixture
def exported(db, tmp_path):
    """A fresh export (with its zip) in a directory of its own."""
    return export.export(tmp_path / "open-data", zip_archive=True)
