from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from ttcs.core.models import AgencyKind, Role, SuccessionKind


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


class MemberForm(forms.Form):
    """An administrator adds a person (new or existing login) to one of their agencies."""

    agency = forms.TypedChoiceField(label=_("Cơ quan"), coerce=int)
    username = forms.RegexField(
        label=_("Tên đăng nhập"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Tên đăng nhập chỉ gồm chữ, số và các ký tự . @ + - _")},
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    title = forms.CharField(label=_("Chức vụ"), max_length=120, required=False)
    password = forms.CharField(
        label=_("Mật khẩu ban đầu (với tài khoản mới)"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
    )

    def __init__(self, *args: Any, agency_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["agency"]).choices = agency_choices


DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class AgencyForm(forms.Form):
    """An administrator creates or edits an agency (the registry outside the Django admin)."""

    name = forms.CharField(label=_("Tên"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=80, required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=AgencyKind.choices)
    parent = forms.TypedChoiceField(
        label=_("Cơ quan cấp trên"), coerce=int, required=False, empty_value=None
    )
    admin_unit_code = forms.CharField(
        label=_("Mã đơn vị hành chính"), max_length=16, required=False
    )
    aliases = forms.CharField(
        label=_("Tên gọi khác (mỗi dòng một tên)"), required=False, widget=forms.Textarea
    )
    valid_from = forms.DateField(label=_("Hiệu lực từ"), required=False, input_formats=DATE_FORMATS)
    valid_to = forms.DateField(label=_("Hiệu lực đến"), required=False, input_formats=DATE_FORMATS)
    legal_basis = forms.CharField(label=_("Căn cứ pháp lý"), max_length=255, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)

    def __init__(self, *args: Any, parent_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["parent"]).choices = [("", "—"), *parent_choices]

    def clean_aliases(self) -> list[str]:
        raw = str(self.cleaned_data.get("aliases") or "")
        return [line.strip() for line in raw.splitlines() if line.strip()]


class SuccessionForm(forms.Form):
    """Record that one agency took over another (merger, split, rename, transfer of duties)."""

    successor = forms.TypedChoiceField(label=_("Cơ quan kế thừa"), coerce=int)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=SuccessionKind.choices)
    effective_date = forms.DateField(label=_("Ngày hiệu lực"), input_formats=DATE_FORMATS)
    legal_basis = forms.CharField(label=_("Căn cứ pháp lý"), max_length=255, required=False)
    duties = forms.CharField(
        label=_("Nhiệm vụ chuyển giao (để trống nếu chuyển giao toàn bộ)"),
        max_length=255,
        required=False,
    )
    close_predecessor = forms.BooleanField(
        label=_("Chấm dứt hiệu lực cơ quan cũ từ ngày trước ngày hiệu lực"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, successor_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["successor"]).choices = successor_choices
