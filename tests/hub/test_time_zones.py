"""Issue 17: times in the viewer's time zone: their own setting, else their
network's, else the default; editable on the profile page."""

import pytest
from django.conf import settings

from hub.models import User
from hub.timezones import time_zone_for
from tests.hub.factories import MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def test_a_member_without_a_setting_follows_the_network(member_a, network_a):
    network_a.time_zone = "Asia/Jakarta"
    network_a.save()
    member_a.time_zone = ""
    member_a.save()
    assert time_zone_for(User.objects.get(pk=member_a.pk)) == "Asia/Jakarta"


def test_a_personal_setting_wins_and_staff_get_the_default(member_a, manager):
    member_a.time_zone = "Europe/Berlin"
    assert time_zone_for(member_a) == "Europe/Berlin"
    manager.time_zone = ""
    assert time_zone_for(manager) == settings.TIME_ZONE


def test_pages_render_times_in_the_viewers_zone(client_as, member_a, network_a):
    network_a.time_zone = "Asia/Jakarta"
    network_a.save()
    member_a.time_zone = ""
    member_a.save()
    page = client_as(member_a).get("/accounts/profile/").content.decode()
    assert "WIB" in page  # the profile page's example time, in Jakarta's zone


def test_the_profile_page_saves_a_time_zone_and_refuses_a_made_up_one(
    client_as, member_a
):
    client = client_as(member_a)
    page = client.get("/accounts/profile/").content.decode()
    assert "Follow my network (Australia/Sydney)" in page
    client.post(
        "/accounts/profile/", {"display_name": "Mia", "time_zone": "Asia/Tokyo"}
    )
    member_a.refresh_from_db()
    assert (member_a.display_name, member_a.time_zone) == ("Mia", "Asia/Tokyo")
    response = client.post(
        "/accounts/profile/", {"display_name": "Mia", "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 200 and "not one of the available" in (
        response.content.decode()
    )
    member_a.refresh_from_db()
    assert member_a.time_zone == "Asia/Tokyo"


def test_the_profile_page_changes_only_ones_own_profile(client_as, member_a, member_b):
    client_as(member_b).post(
        "/accounts/profile/", {"display_name": "Hacked", "time_zone": ""}
    )
    member_a.refresh_from_db()
    assert member_a.display_name != "Hacked"


def test_the_first_network_joined_gives_the_zone(member_a):
    member_a.time_zone = ""
    member_a.save()
    NetworkFactory()  # unrelated
    MembershipFactory(user=member_a)  # a second network: the first joined counts
    assert time_zone_for(member_a) == "Australia/Sydney"
