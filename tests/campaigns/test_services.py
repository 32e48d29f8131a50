from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns import services
from campaigns.loading import RawRow
from campaigns.models import Campaign, CampaignMetric, Enrolment, MetricUpload
from core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from tests.campaigns.factories import CampaignFactory, EnrolmentFactory, GoalFactory

pytestmark = pytest.mark.django_db


def rows(*items):
    return [RawRow(i, *item) for i, item in enumerate(items)]


# --- status moves ---------------------------------------------------------------


def test_a_campaign_walks_draft_setup_live_review_closed(manager):
    campaign = services.campaign_create(
        user=manager,
        name="Summer Cup",
        kind="tournament",
        start_date=date(2026, 6, 1),
        end_date=date(2026, 6, 30),
    )
    assert campaign.status == "draft"
    assert campaign.slug == "summer-cup"
    for step in ["setup", "live", "review", "closed"]:
        campaign = services.campaign_transition(
            campaign=campaign, user=manager, to=step
        )
        assert campaign.status == step
    campaign.refresh_from_db()
    assert campaign.status == "closed"


@pytest.mark.parametrize(
    ("start", "to"),
    [
        ("draft", "live"),
        ("draft", "closed"),
        ("setup", "review"),
        ("live", "setup"),
        ("live", "closed"),
        ("review", "live"),
        ("closed", "review"),
        ("closed", "draft"),
        ("live", "nonsense"),
    ],
)
def test_invalid_moves_are_refused_and_change_nothing(manager, start, to):
    campaign = CampaignFactory(status=start)
    with pytest.raises(ApplicationError, match="cannot move"):
        services.campaign_transition(campaign=campaign, user=manager, to=to)
    campaign.refresh_from_db()
    assert campaign.status == start


def test_setup_may_go_back_to_draft(manager):
    campaign = CampaignFactory(status="setup")
    assert services.campaign_transition(campaign=campaign, user=manager, to="draft")


@pytest.mark.parametrize("who", ["intern", "member_a"])
def test_only_managers_move_campaigns(request, who):
    user = request.getfixturevalue(who)
    campaign = CampaignFactory(status="draft")
    with pytest.raises(PermissionDeniedError):
        services.campaign_transition(campaign=campaign, user=user, to="setup")
    with pytest.raises(PermissionDeniedError):
        services.campaign_create(
            user=user,
            name="X",
            kind="training",
            start_date=date(2026, 1, 1),
            end_date=date(2026, 1, 2),
        )


def test_a_campaign_cannot_end_before_it_starts(manager):
    with pytest.raises(ApplicationError, match="end before"):
        services.campaign_create(
            user=manager,
            name="Backwards",
            kind="training",
            start_date=date(2026, 2, 2),
            end_date=date(2026, 2, 1),
        )


def test_entering_review_drafts_a_summary_from_the_figures(
    campaign, manager, network_a, network_b
):
    GoalFactory(campaign=campaign, metric="live_hours", target=Decimal("20"))
    services.metrics_load(
        campaign=campaign,
        user=manager,
        rows=rows(
            ("alpha-agency", "2026-03-02", "live_hours", "12"),
            ("alpha-agency", "2026-03-03", "live_hours", "3"),
            ("bravo-talent", "2026-03-02", "live_hours", "9.5"),
            ("bravo-talent", "2026-03-02", "diamonds", "5000"),
        ),
    )
    campaign = services.campaign_transition(
        campaign=campaign, user=manager, to="review"
    )
    summary = campaign.review_summary
    assert "Goals: 1 of 1 met." in summary
    assert "Live hours: 24.5 of 20 hours (122%) — met" in summary
    assert "1. Alpha Agency: 15" in summary
    assert "2. Bravo Talent: 9.5" in summary
    assert "Mon 02 Mar (21.5)" in summary
    assert "Diamonds: 5,000" in summary


def test_an_edited_summary_is_not_overwritten(campaign, manager):
    campaign.review_summary = "Written by hand"
    campaign.save()
    campaign = services.campaign_transition(
        campaign=campaign, user=manager, to="review"
    )
    assert campaign.review_summary == "Written by hand"


def test_review_notes_only_once_in_review(campaign, manager):
    with pytest.raises(ApplicationError, match="in review"):
        services.campaign_review_update(
            campaign=campaign, user=manager, review_summary="x"
        )
    campaign.status = "review"
    services.campaign_review_update(
        campaign=campaign,
        user=manager,
        review_summary="Good",
        review_worked="Battles",
        review_change="Timing",
        review_next_actions="Repeat",
    )
    campaign.refresh_from_db()
    assert campaign.review_worked == "Battles"


# --- goals, checklist, enrolments, materials -------------------------------------


def test_setting_a_goal_twice_changes_its_target(campaign, manager):
    services.goal_set(
        campaign=campaign, user=manager, metric="gifts", target=Decimal(5)
    )
    services.goal_set(
        campaign=campaign, user=manager, metric="gifts", target=Decimal(9)
    )
    assert list(campaign.goals.values_list("metric", "target")) == [
        ("gifts", Decimal("9.00"))
    ]
    with pytest.raises(ApplicationError):
        services.goal_set(
            campaign=campaign, user=manager, metric="x", target=Decimal(1)
        )


def test_checklist_tasks_are_done_and_undone(campaign, manager, member_a):
    task = services.task_create(
        campaign=campaign, user=manager, title="Brief", owner=manager
    )
    assert services.task_set_done(task=task, user=manager, done=True).done
    assert not services.task_set_done(task=task, user=manager, done=False).done
    with pytest.raises(ApplicationError, match="staff"):
        services.task_create(campaign=campaign, user=manager, title="X", owner=member_a)


def test_inviting_twice_keeps_one_enrolment_and_the_answer(manager, network_a):
    campaign = CampaignFactory(status="setup")
    services.enrolment_invite(campaign=campaign, user=manager, networks=[network_a])
    enrolment = campaign.enrolments.get()
    enrolment.status = "accepted"
    enrolment.save()
    services.enrolment_invite(campaign=campaign, user=manager, networks=[network_a])
    assert campaign.enrolments.get().status == "accepted"


def test_a_member_accepts_or_declines_for_their_network(member_a, network_a):
    enrolment = EnrolmentFactory(
        network=network_a, status="invited", campaign__status="setup"
    )
    services.enrolment_respond(enrolment=enrolment, user=member_a, accept=False)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.DECLINED
    assert enrolment.responded_at is not None
    assert enrolment.responded_by == member_a
    services.enrolment_respond(enrolment=enrolment, user=member_a, accept=True)
    enrolment.refresh_from_db()
    assert enrolment.status == "accepted"


def test_another_network_cannot_answer_an_invitation(member_b, network_a):
    enrolment = EnrolmentFactory(network=network_a, status="invited")
    with pytest.raises(NotFoundError):
        services.enrolment_respond(enrolment=enrolment, user=member_b, accept=True)
    enrolment.refresh_from_db()
    assert enrolment.status == "invited"


def test_material_is_a_link_or_a_file_of_an_accepted_type(campaign, manager):
    link = services.material_create(
        campaign=campaign, user=manager, title="Guide", url="https://example.com/g"
    )
    assert link.url
    pdf = SimpleUploadedFile("rules.pdf", b"%PDF-1.4 rules")
    assert services.material_create(
        campaign=campaign, user=manager, title="Rules", file=pdf
    ).file
    with pytest.raises(ApplicationError, match="exactly one"):
        services.material_create(campaign=campaign, user=manager, title="Nothing")
    with pytest.raises(ApplicationError, match="not accepted"):
        services.material_create(
            campaign=campaign,
            user=manager,
            title="Bad",
            file=SimpleUploadedFile("run.exe", b"MZ"),
        )


# --- loading figures ------------------------------------------------------------


def test_loading_the_same_rows_twice_changes_nothing(campaign, manager):
    batch = rows(
        ("alpha-agency", "2026-03-02", "live_hours", "12.5"),
        ("alpha-agency", "2026-03-02", "diamonds", 4000),
        ("bravo-talent", "2026-03-03", "engagement_rate", 4.2),
    )
    first = services.metrics_load(campaign=campaign, user=manager, rows=batch)
    assert (first.new, first.changed, first.unchanged) == (3, 0, 0)
    stamps = dict(CampaignMetric.objects.values_list("metric", "updated_at"))
    second = services.metrics_load(campaign=campaign, user=manager, rows=batch)
    assert (second.new, second.changed, second.unchanged) == (0, 0, 3)
    assert CampaignMetric.objects.count() == 3
    assert dict(CampaignMetric.objects.values_list("metric", "updated_at")) == stamps


def test_changed_values_are_updated_in_place(campaign, manager):
    services.metrics_load(
        campaign=campaign,
        user=manager,
        rows=rows(
            ("alpha-agency", "2026-03-02", "live_hours", "12.5"),
            ("alpha-agency", "2026-03-03", "live_hours", "1"),
        ),
    )
    result = services.metrics_load(
        campaign=campaign,
        user=manager,
        rows=rows(
            ("alpha-agency", "2026-03-02", "live_hours", "14"),
            ("alpha-agency", "2026-03-03", "live_hours", "1.00"),
            ("alpha-agency", "2026-03-04", "live_hours", "2"),
        ),
    )
    assert (result.new, result.changed, result.unchanged) == (1, 1, 1)
    assert CampaignMetric.objects.count() == 3
    assert CampaignMetric.objects.get(date=date(2026, 3, 2)).value == Decimal("14.00")


def test_a_batch_with_bad_rows_is_refused_whole_with_each_row_named(
    campaign, manager, network_a
):
    outsider_network = network_a.__class__.objects.create(
        name="Not Enrolled", slug="not-enrolled", region=network_a.region
    )
    batch = rows(
        ("alpha-agency", "2026-03-02", "live_hours", "12"),  # 0 fine
        ("nobody", "2026-03-02", "live_hours", "1"),  # 1 unknown network
        ("alpha-agency", "2026-03-02", "hugs", "1"),  # 2 unknown metric
        ("alpha-agency", "2026-02-30", "live_hours", "1"),  # 3 bad date
        ("alpha-agency", "2026-03-05", "live_hours", "lots"),  # 4 not numeric
        ("alpha-agency", "2026-04-01", "live_hours", "1"),  # 5 outside campaign
        (outsider_network.slug, "2026-03-02", "live_hours", "1"),  # 6 not enrolled
        ("alpha-agency", "2026-03-02", "live_hours", "13"),  # 7 repeats row 0
        ("alpha-agency", "2026-03-06", "engagement_rate", "140"),  # 8 over 100 %
        ("alpha-agency", "2026-03-06", "gifts", "-3"),  # 9 negative
    )
    with pytest.raises(services.MetricBatchError) as caught:
        services.metrics_load(campaign=campaign, user=manager, rows=batch)
    errors = caught.value.row_errors
    assert sorted(errors) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert "unknown network 'nobody'" in errors[1][0]
    assert "unknown metric 'hugs'" in errors[2][0]
    assert "not a date" in errors[3][0]
    assert "not a number" in errors[4][0]
    assert "outside the campaign" in errors[5][0]
    assert "not enrolled" in errors[6][0]
    assert "repeats the figure of 0" in errors[7][0]
    assert "at most 100" in errors[8][0]
    assert "negative" in errors[9][0]
    assert caught.value.message == "9 rows are invalid; nothing was loaded."
    assert CampaignMetric.objects.count() == 0


def test_declined_and_invited_networks_are_not_enrolled(campaign, manager, network_b):
    campaign.enrolments.filter(network=network_b).update(status="declined")
    with pytest.raises(services.MetricBatchError):
        services.metrics_load(
            campaign=campaign,
            user=manager,
            rows=rows(("bravo-talent", "2026-03-02", "gifts", "1")),
        )


def test_a_closed_campaigns_figures_are_final(campaign, manager):
    campaign.status = "closed"
    campaign.save()
    with pytest.raises(ApplicationError, match="closed"):
        services.metrics_load(
            campaign=campaign,
            user=manager,
            rows=rows(("alpha-agency", "2026-03-02", "gifts", "1")),
        )


CSV = (
    "network,date,metric,value\n"
    "alpha-agency,2026-03-02,live_hours,12\n"
    "bravo-talent,2026-03-02,live_hours,7\n"
)


def test_a_csv_is_staged_previewed_and_confirmed_once(campaign, manager):
    upload, preview = services.metric_upload_stage(
        campaign=campaign, user=manager, content=CSV.encode(), filename="march.csv"
    )
    assert (preview.new, preview.changed, preview.unchanged) == (2, 0, 0)
    assert CampaignMetric.objects.count() == 0  # nothing loaded before confirming
    result = services.metric_upload_confirm(upload=upload, user=manager)
    assert result.new == 2
    assert CampaignMetric.objects.count() == 2
    with pytest.raises(ApplicationError, match="already loaded"):
        services.metric_upload_confirm(upload=upload, user=manager)
    upload2, preview2 = services.metric_upload_stage(
        campaign=campaign,
        user=manager,
        content=CSV.replace(",7\n", ",8\n").encode(),
    )
    assert (preview2.new, preview2.changed, preview2.unchanged) == (0, 1, 1)
    services.metric_upload_confirm(upload=upload2, user=manager)
    assert CampaignMetric.objects.count() == 2
    assert MetricUpload.objects.filter(status="applied").count() == 2


def test_bad_csv_lines_are_named_by_line_number(campaign, manager):
    content = (
        "\ufeffNetwork,Date,Metric,Value\n"
        "alpha-agency,2026-03-02,live_hours,12\n"
        "\n"
        "alpha-agency,03/02/2026,live_hours,12\n"
        "alpha-agency,2026-03-02,diamonds,1e3x\n"
    ).encode()
    with pytest.raises(services.MetricBatchError) as caught:
        services.metric_upload_stage(campaign=campaign, user=manager, content=content)
    assert sorted(caught.value.row_errors) == [4, 5]
    assert caught.value.lines()[0].startswith("Line 4: date '03/02/2026'")
    assert not MetricUpload.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"net,day,value\nx,y,z\n", "missing: network, date, metric"),
        (b"\xff\xfe\x00bad", "UTF-8"),
        (b"network,date,metric,value\n", "no rows"),
    ],
)
def test_unreadable_csv_files_are_refused_with_a_reason(
    campaign, manager, content, message
):
    with pytest.raises(ApplicationError, match=message):
        services.metric_upload_stage(campaign=campaign, user=manager, content=content)


def test_a_confirmed_upload_rechecks_enrolments(campaign, manager, network_b):
    upload, _ = services.metric_upload_stage(
        campaign=campaign, user=manager, content=CSV.encode()
    )
    campaign.enrolments.filter(network=network_b).update(status="declined")
    with pytest.raises(services.MetricBatchError):
        services.metric_upload_confirm(upload=upload, user=manager)
    assert CampaignMetric.objects.count() == 0


def test_a_50000_row_csv_loads(manager, network_a, capsys):
    """50 networks × 8 metrics × 125 days; reports the time it took."""
    import time

    from campaigns.vocabulary import METRICS
    from tests.campaigns.factories import enrolled_campaign
    from tests.hub.factories import NetworkFactory

    networks = [NetworkFactory(slug=f"bulk-{i:02d}") for i in range(50)]
    campaign = enrolled_campaign(
        *networks, start_date=date(2026, 1, 1), end_date=date(2026, 5, 5)
    )
    days = [date.fromordinal(date(2026, 1, 1).toordinal() + d) for d in range(125)]
    lines = ["network,date,metric,value"]
    for network in networks:
        for day in days:
            for code in METRICS:
                lines.append(f"{network.slug},{day.isoformat()},{code},{day.day}.5")
    content = ("\n".join(lines) + "\n").encode()
    assert len(lines) - 1 == 50_000

    started = time.perf_counter()
    upload, preview = services.metric_upload_stage(
        campaign=campaign, user=manager, content=content
    )
    staged = time.perf_counter()
    result = services.metric_upload_confirm(upload=upload, user=manager)
    loaded = time.perf_counter()
    again = services.metrics_load(
        campaign=campaign,
        user=manager,
        rows=[RawRow(i, *line.split(",")) for i, line in enumerate(lines[1:])],
    )
    reloaded = time.perf_counter()

    assert preview.new == 50_000
    assert result.new == 50_000
    assert again.unchanged == 50_000
    assert CampaignMetric.objects.filter(campaign=campaign).count() == 50_000
    with capsys.disabled():
        print(
            f"\n50,000-row CSV: validate+stage {staged - started:.2f}s, "
            f"confirm {loaded - staged:.2f}s, reload unchanged {reloaded - loaded:.2f}s"
        )


def test_campaign_dates_cannot_shrink_past_loaded_figures(campaign, manager):
    services.metrics_load(
        campaign=campaign,
        user=manager,
        rows=rows(("alpha-agency", "2026-03-20", "gifts", "1")),
    )
    with pytest.raises(ApplicationError, match="outside the new dates"):
        services.campaign_update(
            campaign=campaign, user=manager, end_date=date(2026, 3, 10)
        )
    services.campaign_update(campaign=campaign, user=manager, name="Renamed")
    assert Campaign.objects.get(pk=campaign.pk).name == "Renamed"


def test_material_files_are_judged_by_content_and_stored_under_random_names(
    campaign, manager
):
    with pytest.raises(ApplicationError, match="not accepted"):
        services.material_create(
            campaign=campaign,
            user=manager,
            title="Fake",
            file=SimpleUploadedFile("fake.pdf", b"just text pretending"),
        )
    with pytest.raises(ApplicationError, match="not accepted"):
        services.material_create(
            campaign=campaign,
            user=manager,
            title="Archive",
            file=SimpleUploadedFile("notes.txt", b"PK\x03\x04" + b"\x00" * 40),
        )
    notes = services.material_create(
        campaign=campaign,
        user=manager,
        title="Host notes",
        file=SimpleUploadedFile("../../etc/notes.txt", "Café rules\n".encode()),
    )
    assert notes.file.name.startswith(f"campaigns/{campaign.pk}/materials/")
    assert "etc" not in notes.file.name and "notes" not in notes.file.name
    assert notes.download_name() == "host-notes.txt"


@pytest.mark.parametrize(
    ("kind", "status", "audience", "accepted"),
    [
        ("guide", "published", "everyone", True),
        ("guide", "published", "networks", True),
        ("guide", "draft", "everyone", False),
        ("guide", "published", "staff", False),
        ("article", "published", "everyone", False),
    ],
)
def test_materials_link_only_published_guides_networks_may_read(
    campaign, manager, kind, status, audience, accepted
):
    from tests.faq.factories import ArticleFactory

    guide = ArticleFactory(
        title="Guide: joining a campaign", kind=kind, status=status, audience=audience
    )
    if accepted:
        material = services.material_create(
            campaign=campaign, user=manager, title="Joining", guide=guide
        )
        assert material.guide == guide
    else:
        with pytest.raises(ApplicationError, match="published guides"):
            services.material_create(
                campaign=campaign, user=manager, title="Joining", guide=guide
            )


def test_a_material_is_exactly_one_of_guide_link_or_file(campaign, manager):
    from tests.faq.factories import ArticleFactory

    guide = ArticleFactory(kind="guide")
    with pytest.raises(ApplicationError, match="exactly one"):
        services.material_create(
            campaign=campaign,
            user=manager,
            title="Both",
            guide=guide,
            url="https://example.com",
        )
