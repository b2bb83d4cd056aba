from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SwitchAgencyForm(forms.Form):
    agency = forms.IntegerField(label=_("Cơ quan"))


class AgencySearchForm(forms.Form):
    q = forms.CharField(label=_("Tên cơ quan"), required=False, max_length=200)
    on = forms.DateField(
        label=_("Tại ngày"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )


class DeadlineForm(forms.Form):
    start = forms.DateField(label=_("Ngày bắt đầu"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    days = forms.IntegerField(label=_("Số ngày làm việc"), min_value=0, max_value=365)


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên."),
    }
