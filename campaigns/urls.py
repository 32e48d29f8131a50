from django.urls import path

from campaigns.views import manage, metrics, portal

app_name = "campaigns"

urlpatterns = [
    path("", portal.campaign_list_view, name="list"),
    path("new/", manage.campaign_create, name="create"),
    path("<int:pk>/", portal.campaign_detail, name="detail"),
    path("<int:pk>/edit/", manage.campaign_edit, name="edit"),
    path("<int:pk>/transition/", manage.campaign_transition, name="transition"),
    path("<int:pk>/export.csv", portal.export_csv, name="export"),
    path("<int:pk>/goals/new/", manage.goal_add, name="goal_add"),
    path(
        "<int:pk>/goals/<int:goal_id>/delete/", manage.goal_delete, name="goal_delete"
    ),
    path("<int:pk>/tasks/new/", manage.task_add, name="task_add"),
    path(
        "<int:pk>/tasks/<int:task_id>/toggle/", manage.task_toggle, name="task_toggle"
    ),
    path("<int:pk>/networks/invite/", manage.enrolment_invite, name="invite"),
    path(
        "<int:pk>/enrolments/<int:enrolment_id>/respond/",
        portal.enrolment_respond,
        name="respond",
    ),
    path("<int:pk>/materials/new/", manage.material_add, name="material_add"),
    path(
        "<int:pk>/materials/<int:material_id>/",
        portal.material_download,
        name="material",
    ),
    path(
        "<int:pk>/materials/<int:material_id>/delete/",
        manage.material_delete,
        name="material_delete",
    ),
    path("<int:pk>/review/", manage.review_edit, name="review"),
    path("<int:pk>/figures/upload/", metrics.upload, name="upload"),
    path(
        "<int:pk>/figures/upload/<int:upload_id>/",
        metrics.upload_preview,
        name="upload_preview",
    ),
    path("<int:pk>/figures/template.csv", metrics.template_csv, name="template"),
]
