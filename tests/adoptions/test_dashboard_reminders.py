"""``manage.py remind_stalled``: who is written to, with what link, once a day."""

import re
from io import StringIO
from urllib.parse import parse_qs, urlparse

from django.core import mail, signing
from django.core.management import CommandError, call_command

import pytest

from livinglab.adoptions import reminders
from livinglab.adoptions.models import Adoption


def run(*args):
    out = StringIO()
    call_command("remind_stalled", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def garut_team(team_member, coordinator, django_user_model):
    """Garut's member and coordinator; an inactive member is left out."""
    from livinglab.accounts.models import RegionRole

    gone = django_user_model.objects.create_user(
        email="pensiun@garutkab.go.id", password="x", is_active=False
    )
    RegionRole.objects.create(
        user=gone, region=team_member.region_roles.get().region, role="member"
    )
    return {team_member.email, coordinator.email}


def test_reminds_the_team_or_else_the_contact(
    dashboard_scenario, garut_team, fresh_cache, settings
):
    settings.ADOPTION_STALLED_DAYS = 60
    output = run()
    assert len(mail.outbox) == 2
    by_region = {m.subject: m for m in mail.outbox}
    garut = next(m for s, m in by_region.items() if "Garut" in s)
    assert set(garut.to) == garut_team  # the team, not the inactive member
    other = next(m for m in mail.outbox if m is not garut)
    assert other.to == ["kontak@pemda33-02.go.id"]  # no team: the contact
    assert "2 stalled adoption(s)" in output
    assert "2 email(s) sent to 3 address(es)" in output


def test_the_link_is_signed_and_leads_to_the_workspace(
    dashboard_scenario, garut_team, fresh_cache
):
    run("--days", "90")
    (message,) = mail.outbox
    links = re.findall(r"https?://\S+", message.body)
    link = next(url for url in links if "konfirmasi=" in url)
    parsed = urlparse(link)
    assert parsed.path == "/adopsi/"
    token = parse_qs(parsed.query)["konfirmasi"][0]
    adoption = Adoption.objects.get(region__code="32.05", stage="kesepakatan")
    assert reminders.read_reminder_token(token) == (adoption.pk, adoption.region_id)
    with pytest.raises(signing.BadSignature):
        reminders.read_reminder_token(token[:-2] + "xx")
    assert "100" in message.body  # days since the last step


def test_idempotent_per_day(dashboard_scenario, garut_team, fresh_cache):
    run()
    assert len(mail.outbox) == 2
    output = run()
    assert len(mail.outbox) == 2
    assert "0 email(s) sent" in output
    assert "2 already reminded today" in output


def test_dry_run_sends_and_notes_nothing(dashboard_scenario, garut_team, fresh_cache):
    output = run("--dry-run")
    assert mail.outbox == []
    assert output.startswith("Dry run")
    assert "2 email(s) would be sent" in output
    run()
    assert len(mail.outbox) == 2


def test_days_option(dashboard_scenario, garut_team, fresh_cache):
    assert "0 stalled adoption(s)" in run("--days", "365")
    assert mail.outbox == []
    with pytest.raises(CommandError):
        run("--days", "0")
    with pytest.raises(CommandError):
        run("--days", "3651")


def test_without_anyone_to_write_to(adopt, fresh_cache):
    adopt("35.07", "tte-sumedang", [("minat", 400, "")])
    output = run()
    assert mail.outbox == []
    assert "1 without anyone to write to" in output
