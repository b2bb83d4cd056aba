from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from ttcs.api.api import api
from ttcs.core.forms import LoginForm

admin.site.site_header = _("TTCS — Quản trị")
admin.site.site_title = "TTCS"
admin.site.index_title = _("Quản trị hệ thống")

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("api/", api.urls),
    path("ke-hoach/", include("ttcs.plans.urls")),
    path("theo-doi/", include("ttcs.monitoring.urls")),
    path("", include("ttcs.core.urls")),
]
