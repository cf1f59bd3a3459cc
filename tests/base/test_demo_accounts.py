"""make run's demo accounts: one per role, only with DEBUG on."""

from django.contrib.auth import get_user_model
from django.core.management import call_command

from livinglab.accounts.policy import team_region_ids


def test_demo_accounts_only_with_debug(db, settings):
    User = get_user_model()
    settings.DEBUG = False
    call_command("load_initial_data", verbosity=0)
    assert not User.objects.filter(email="tim@garutkab.go.id").exists()
    settings.DEBUG = True
    call_command("load_initial_data", verbosity=0)
    team = User.objects.get(email="tim@garutkab.go.id")
    assert team.check_password("livinglab-demo")
    assert team.has_perm("adoptions.use_workspace")
    assert team_region_ids(team)
    analyst = User.objects.get(email="analis@kemendagri.go.id")
    assert analyst.has_perm("adoptions.view_dashboard")
    host = User.objects.get(email="penerbit@sumedangkab.go.id")
    assert host.has_perm("adoptions.use_host_view")
    assert host.groups.filter(name__startswith="Host publishers").exists()
    translator = User.objects.get(email="penerjemah@kemenpan.go.id")
    assert translator.has_perm("translations.view_todo")
    assert translator.has_perm("wagtail_localize.submit_translation")
