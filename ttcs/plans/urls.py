from django.urls import path

from ttcs.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("nhap/", views.import_view, name="import"),
    path("van-ban/<int:pk>/", views.review_view, name="review"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/goi-y/", views.plan_suggest_parents, name="suggest_parents"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task_detail"),
    path("viec/", views.my_tasks, name="my_tasks"),
    path("viec/<int:pk>/", views.occurrence_detail, name="occurrence"),
    path("tong-quan/", views.plans_dashboard, name="dashboard"),
    path("lich/", views.calendar_view, name="calendar"),
    path("minh-chung/<int:pk>/", views.evidence_file, name="evidence"),
    path("van-ban/<int:pk>/tep/", views.document_file, name="document_file"),
    path("bao-cao/", views.report_list, name="report_list"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/tai/<str:fmt>/", views.report_download, name="report_download"),
]
