from django.urls import path

from ttcs.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.feed, name="feed"),
    path("su-viec/<int:pk>/", views.story_detail, name="story"),
    path("tin/<int:pk>/nhan/", views.label_article, name="label"),
    path("bieu-do/", views.charts, name="charts"),
    path("canh-bao/", views.alert_list, name="alerts"),
    path("canh-bao/<int:pk>/", views.alert_detail, name="alert"),
    path("quy-tac/", views.rules, name="rules"),
    path("nguon/", views.sources, name="sources"),
    path("nguon/nhap/", views.import_file, name="import"),
    path("ban-tin/", views.digest, name="digest"),
    path("ban-tin/<int:pk>/docx/", views.digest_docx, name="digest_docx"),
    path("xuat/", views.export_start, name="export_start"),
    path("xuat/<int:pk>/", views.export_status, name="export"),
]
