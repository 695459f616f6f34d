from django.urls import path

from . import views, views_staff

app_name = "moderation"
urlpatterns = [
    path("report/", views.report, name="report"),
    path("report/<str:kind>/", views.file_complaint, name="file"),
    path("complaints/<int:pk>/", views.complaint, name="complaint"),
    path("notices/<int:pk>/counter/", views.counter_notice, name="counter_notice"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/", views.message, name="message"),
    path("transparency/", views.transparency, name="transparency"),
    # Staff.
    path("queue/", views_staff.queue, name="queue"),
    path("queue/cases/<int:pk>/", views_staff.case, name="case"),
    path("queue/cases/<int:pk>/action/", views_staff.case_action, name="case_action"),
    path("queue/documents/<int:pk>/", views_staff.document, name="document"),
    path("queue/documents/<int:pk>/action/", views_staff.document_action, name="document_action"),
    path("queue/members/<int:pk>/", views_staff.member, name="member"),
    path("queue/members/<int:pk>/action/", views_staff.member_action, name="member_action"),
    path("queue/evidence/<int:pk>/", views_staff.evidence_file, name="evidence"),
    path("queue/audit/", views_staff.audit_log, name="audit"),
]
