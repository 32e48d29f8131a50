from django.urls import path

from programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.feature_test_list_view, name="list"),
    path("new/", views.feature_test_create, name="create"),
    path("<int:pk>/", views.feature_test_detail, name="detail"),
    path("<int:pk>/edit/", views.feature_test_edit, name="edit"),
    path("<int:pk>/transition/", views.feature_test_transition, name="transition"),
    path("<int:pk>/documentation/", views.documentation_mark, name="documentation"),
    path("<int:pk>/invite/", views.application_invite, name="invite"),
    path("<int:pk>/apply/", views.application_apply, name="apply"),
    path(
        "<int:pk>/applications/<int:application_id>/decide/",
        views.application_decide,
        name="decide",
    ),
    path("<int:pk>/checkin/", views.checkin_submit, name="checkin"),
    path("<int:pk>/export.csv", views.export_csv, name="export"),
]
