import threading

import pytest
from django.db import connection

from core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from insights.models import FeedbackItem
from programmes import services
from programmes.models import Application, CheckIn, FeatureTest
from tests.hub.factories import MembershipFactory, NetworkFactory, RegionFactory
from tests.programmes.factories import documented, feature_test, running_test
from tickets.models import Ticket

pytestmark = pytest.mark.django_db


# --- the state machine --------------------------------------------------------------


def test_the_transitions_live_in_one_table_and_only_go_forward():
    assert FeatureTest.TRANSITIONS == {
        "recruiting": ("running",),
        "running": ("closed",),
        "closed": (),
    }


def test_a_manager_moves_recruiting_to_running_to_closed(manager, network_a):
    test = feature_test(owner=manager)
    Application.objects.create(feature_test=test, network=network_a, status="accepted")
    test = services.feature_test_transition(
        feature_test=test, user=manager, to="running"
    )
    assert test.status == "running" and test.started_at is not None
    documented(test)
    test = services.feature_test_transition(
        feature_test=test, user=manager, to="closed"
    )
    assert test.status == "closed" and test.closed_at is not None


@pytest.mark.parametrize(
    ("status", "to"),
    [("recruiting", "closed"), ("running", "recruiting"), ("closed", "running")],
)
def test_invalid_moves_are_refused_with_a_field_error(manager, status, to):
    test = feature_test(owner=manager, status=status)
    with pytest.raises(ApplicationError) as refused:
        services.feature_test_transition(feature_test=test, user=manager, to=to)
    assert "status" in refused.value.extra["fields"]
    test.refresh_from_db()
    assert test.status == status


def test_starting_needs_an_accepted_network(manager):
    test = feature_test(owner=manager)
    with pytest.raises(ApplicationError, match="Accept at least one network"):
        services.feature_test_transition(feature_test=test, user=manager, to="running")


def test_closing_needs_the_guide_drafted_reviewed_and_published(manager, network_a):
    test = running_test(network_a, owner=manager)
    with pytest.raises(ApplicationError, match="Guide drafted, Guide reviewed"):
        services.feature_test_transition(feature_test=test, user=manager, to="closed")
    documented(test, published=False)
    with pytest.raises(ApplicationError, match="Guide published"):
        services.feature_test_transition(feature_test=test, user=manager, to="closed")
    test.guide.status = "published"
    test.guide.save()
    services.feature_test_transition(feature_test=test, user=manager, to="closed")


def test_reviewed_comes_after_drafted_and_unticking_drafted_unticks_reviewed(
    manager, network_a
):
    test = documented(running_test(network_a, owner=manager))
    services.documentation_mark(
        feature_test=test, user=manager, step="drafted", done=False
    )
    test.refresh_from_db()
    assert test.guide_drafted_at is None and test.guide_reviewed_at is None
    with pytest.raises(ApplicationError, match="after it is drafted"):
        services.documentation_mark(
            feature_test=test, user=manager, step="reviewed", done=True
        )


def test_interns_and_networks_cannot_change_tests(intern, member_a):
    test = feature_test()
    for person in (intern, member_a):
        with pytest.raises(PermissionDeniedError):
            services.feature_test_transition(
                feature_test=test, user=person, to="running"
            )


def test_create_refuses_bad_dates_and_capacity_with_field_errors(manager):
    from datetime import date

    with pytest.raises(ApplicationError) as refused:
        services.feature_test_create(
            user=manager,
            name="X",
            start_date=date(2026, 5, 2),
            end_date=date(2026, 5, 1),
            capacity=3,
        )
    assert "end_date" in refused.value.extra["fields"]
    with pytest.raises(ApplicationError) as refused:
        services.feature_test_create(
            user=manager,
            name="X",
            start_date=date(2026, 5, 1),
            end_date=date(2026, 5, 2),
            capacity=0,
        )
    assert "capacity" in refused.value.extra["fields"]
    assert not FeatureTest.objects.exists()


# --- networks: apply, invite, accept up to capacity --------------------------------


def test_eligibility_by_region_and_tier(member_a, network_a):
    other = RegionFactory(code="sea", name="Southeast Asia")
    test = feature_test(tiers=["premier"])
    with pytest.raises(ApplicationError, match="not eligible"):
        services.application_apply(feature_test=test, user=member_a)
    test.tiers = []
    test.save()
    test.regions.set([other])
    with pytest.raises(ApplicationError, match="not eligible"):
        services.application_apply(feature_test=test, user=member_a)
    test.regions.set([network_a.region])
    application = services.application_apply(feature_test=test, user=member_a)
    assert (application.network, application.status) == (network_a, "applied")
    with pytest.raises(ApplicationError, match="already applied"):
        services.application_apply(feature_test=test, user=member_a)


def test_an_invited_network_accepts_but_cannot_decide_another_networks(
    manager, member_a, member_b, network_a, network_b
):
    test = feature_test(owner=manager)
    made = services.application_invite(
        feature_test=test, user=manager, networks=[network_a, network_b]
    )
    a = next(x for x in made if x.network == network_a)
    with pytest.raises(NotFoundError):
        services.application_decide(application=a, user=member_b, status="accepted")
    a = services.application_decide(application=a, user=member_a, status="accepted")
    assert a.status == "accepted" and a.decided_by == member_a
    # inviting again leaves answered networks alone
    assert (
        services.application_invite(
            feature_test=test, user=manager, networks=[network_a]
        )
        == []
    )


def test_a_network_cannot_accept_its_own_uninvited_application(member_a, network_a):
    test = feature_test()
    application = services.application_apply(feature_test=test, user=member_a)
    with pytest.raises(NotFoundError):
        services.application_decide(
            application=application, user=member_a, status="accepted"
        )


def test_acceptance_stops_at_capacity_in_order(manager):
    test = feature_test(owner=manager, capacity=2)
    apps = [
        Application.objects.create(feature_test=test, network=NetworkFactory())
        for _ in range(3)
    ]
    for application in apps[:2]:
        services.application_decide(
            application=application, user=manager, status="accepted"
        )
    with pytest.raises(ApplicationError, match="full"):
        services.application_decide(
            application=apps[2], user=manager, status="accepted"
        )
    # declining one frees a place
    services.application_decide(application=apps[0], user=manager, status="declined")
    services.application_decide(application=apps[2], user=manager, status="accepted")
    assert test.applications.filter(status="accepted").count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_acceptances_at_once_cannot_both_take_the_last_place(manager):
    test = feature_test(owner=manager, capacity=1)
    apps = [
        Application.objects.create(feature_test=test, network=NetworkFactory())
        for _ in range(2)
    ]
    barrier = threading.Barrier(2)
    results: list = []

    def accept(application):
        barrier.wait()
        try:
            services.application_decide(
                application=application, user=manager, status="accepted"
            )
            results.append("accepted")
        except ApplicationError:
            results.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(a,)) for a in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["accepted", "full"]
    assert test.applications.filter(status="accepted").count() == 1


# --- check-ins -----------------------------------------------------------------------


def test_a_participant_checks_in_once_per_week_and_may_correct_it(member_a, network_a):
    test = running_test(network_a)
    first = services.checkin_submit(
        feature_test=test, user=member_a, rating=4, works=True
    )
    again = services.checkin_submit(
        feature_test=test, user=member_a, rating=2, works=True, comment="Slower now"
    )
    assert first.pk == again.pk
    assert CheckIn.objects.get().rating == 2
    assert first.week == str(services.current_week())


def test_check_ins_are_refused_outside_a_running_test_or_for_non_participants(
    member_a, member_b, network_a
):
    test = running_test(network_a)
    with pytest.raises(NotFoundError):
        services.checkin_submit(feature_test=test, user=member_b, rating=4, works=True)
    with pytest.raises(ApplicationError) as refused:
        services.checkin_submit(feature_test=test, user=member_a, rating=9, works=True)
    assert "rating" in refused.value.extra["fields"]
    with pytest.raises(ApplicationError) as refused:
        services.checkin_submit(feature_test=test, user=member_a, rating=2, works=False)
    assert "issues" in refused.value.extra["fields"]
    FeatureTest.objects.filter(pk=test.pk).update(status="closed")
    with pytest.raises(ApplicationError, match="running"):
        services.checkin_submit(feature_test=test, user=member_a, rating=4, works=True)
    assert not CheckIn.objects.exists()


def test_issues_become_one_feedback_board_item_counting_the_networks(
    manager, member_a, member_b, network_a, network_b
):
    from insights.selectors import feedback_items

    test = running_test(network_a, network_b, owner=manager)
    a = services.checkin_submit(
        feature_test=test,
        user=member_a,
        rating=2,
        works=False,
        issues="Guest audio drops after 20 minutes",
    )
    b = services.checkin_submit(
        feature_test=test,
        user=member_b,
        rating=3,
        works=False,
        issues="Gift split shows 0%",
    )
    test.refresh_from_db()
    item = test.feedback_item
    assert item is not None and item.title == "Feature test: Multi-guest rooms"
    assert f"/programmes/{test.pk}/" in item.note
    assert set(item.tickets.all()) == {a.ticket, b.ticket}
    assert a.ticket.kind == Ticket.Kind.FEEDBACK and a.ticket.network == network_a
    assert a.ticket.description == "Guest audio drops after 20 minutes"
    # the board's own selector shows it with both networks asking
    [row] = [i for i in feedback_items() if i.pk == item.pk]
    assert row.network_count == 2
    assert FeedbackItem.objects.count() == 1


def test_a_check_in_without_issues_files_nothing(member_a, network_a):
    test = running_test(network_a)
    services.checkin_submit(feature_test=test, user=member_a, rating=5, works=True)
    assert not Ticket.objects.exists() and not FeedbackItem.objects.exists()


def test_a_member_of_two_networks_says_which_one(network_a, network_b):
    person = MembershipFactory(network=network_a).user
    MembershipFactory(network=network_b, user=person)
    test = running_test(network_a, network_b)
    with pytest.raises(ApplicationError) as refused:
        services.checkin_submit(feature_test=test, user=person, rating=4, works=True)
    assert "network" in refused.value.extra["fields"]
    checkin = services.checkin_submit(
        feature_test=test, user=person, network=network_b, rating=4, works=True
    )
    assert checkin.network == network_b
