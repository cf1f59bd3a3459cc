from livinglab.regions.loaders import ParticipationLoader

from ._base import LoaderCommand


class Command(LoaderCommand):
    help = (
        "Load or update pilot participation. CSV columns: region_code, cohort "
        "(study_visit|top_spbe), is_host, joined_on (YYYY-MM-DD), demonstration."
    )
    loader_class = ParticipationLoader
