from django.urls import path

from onboarding.views import announcements, checklists, emails, members

app_name = "onboarding"

urlpatterns = [
    path("", checklists.index, name="index"),
    path("preferences/", emails.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", emails.unsubscribe_view, name="unsubscribe"),
    path(
        "invitations/<str:token>/",
        members.invitation_accept_view,
        name="invitation_accept",
    ),
    path("steps/<int:step_id>/toggle/", checklists.step_toggle, name="step_toggle"),
    path(
        "announcements/<int:pk>/",
        announcements.announcement_detail,
        name="announcement_detail",
    ),
    path(
        "announcements/<int:pk>/acknowledge/",
        announcements.announcement_ack,
        name="announcement_ack",
    ),
    path(
        "announcements/<int:pk>/report/",
        announcements.announcement_report,
        name="announcement_report",
    ),
    path("<slug:slug>/", checklists.detail, name="detail"),
    path("<slug:slug>/members/", members.members, name="members"),
    path(
        "<slug:slug>/members/<int:membership_id>/remove/",
        members.member_remove,
        name="member_remove",
    ),
    path(
        "<slug:slug>/invitations/<int:invitation_id>/resend/",
        members.invitation_resend_view,
        name="invitation_resend",
    ),
    path(
        "<slug:slug>/invitations/<int:invitation_id>/revoke/",
        members.invitation_revoke_view,
        name="invitation_revoke",
    ),
]
