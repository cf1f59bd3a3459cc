from tests.adoptions.conftest import adopt, dashboard_scenario, no_adoptions  # noqa: F401
