from django.urls import path

from ttcs.core import registry_views, views

app_name = "core"
urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("chuyen-co-quan/", views.switch_agency, name="switch_agency"),
    path("thong-bao/", views.notifications_view, name="notifications"),
    path("co-quan/", views.agency_list, name="agency_list"),
    path("co-quan/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("co-quan/them/", registry_views.agency_create, name="agency_create"),
    path("co-quan/<int:pk>/sua/", registry_views.agency_edit, name="agency_edit"),
    path("co-quan/<int:pk>/ke-thua/", registry_views.succession_create, name="succession_create"),
    path("nhat-ky/", views.audit_log, name="audit_log"),
    path("thanh-vien/", views.members_view, name="members"),
    path("lich-lam-viec/", views.deadline_calculator, name="deadline_calculator"),
]
