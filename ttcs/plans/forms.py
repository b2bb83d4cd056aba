from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttcs.plans.models import OccurrenceStatus, Recurrence, TimeframeKind

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
ALLOWED_EXTENSIONS = (".txt", ".docx", ".pdf")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp văn bản (.docx, .pdf, .txt)"), required=False)
    text = forms.CharField(
        label=_("Hoặc dán nội dung văn bản"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    issuer_hint = forms.CharField(
        label=_("Cơ quan ban hành (nếu văn bản không ghi rõ)"), required=False, max_length=200
    )

    def clean_file(self) -> Any:
        f = self.cleaned_data.get("file")
        if f is None:
            return None
        if f.size == 0:
            raise ValidationError(_("Tệp rỗng."))
        if f.size > settings.TTCS_MAX_UPLOAD_BYTES:
            raise ValidationError(_("Tệp lớn hơn 25 MB, không nhận."))
        if not f.name.lower().endswith(ALLOWED_EXTENSIONS):
            raise ValidationError(_("Chỉ nhận tệp .docx, .pdf hoặc .txt."))
        return f

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        empty = not data.get("file") and not (data.get("text") or "").strip()
        if empty and not self.errors:
            raise ValidationError(_("Hãy chọn một tệp hoặc dán nội dung văn bản."))
        return data


class PlanHeaderForm(forms.Form):
    number = forms.CharField(label=_("Số, ký hiệu"), required=False, max_length=80)
    doc_type = forms.CharField(label=_("Loại văn bản"), required=False, max_length=10)
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), required=False, input_formats=DATE_FORMATS
    )
    place = forms.CharField(label=_("Địa danh"), required=False, max_length=120)
    implements = forms.CharField(
        label=_("Thực hiện văn bản (số ký hiệu, cách nhau bởi dấu phẩy)"), required=False
    )


class TaskReviewForm(forms.Form):
    include = forms.BooleanField(label=_("Nhận"), required=False, initial=True)
    ref = forms.CharField(label=_("TT"), max_length=20)
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500)
    content = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lead_raw = forms.CharField(label=_("Chủ trì (nguyên văn)"), required=False, max_length=500)
    lead = forms.TypedChoiceField(
        label=_("Cơ quan chủ trì"), required=False, coerce=int, empty_value=None
    )
    coordinators_raw = forms.CharField(label=_("Phối hợp (nguyên văn)"), required=False)
    coordinators = forms.TypedMultipleChoiceField(
        label=_("Cơ quan phối hợp"), required=False, coerce=int
    )
    timeframe_raw = forms.CharField(
        label=_("Thời gian (nguyên văn)"), required=False, max_length=300
    )
    timeframe_kind = forms.ChoiceField(label=_("Loại thời hạn"), choices=TimeframeKind.choices)
    start = forms.DateField(label=_("Bắt đầu"), required=False, input_formats=DATE_FORMATS)
    due = forms.DateField(label=_("Hạn"), required=False, input_formats=DATE_FORMATS)
    recurrence = forms.ChoiceField(
        label=_("Chu kỳ"), required=False, choices=[("", "—"), *Recurrence.choices]
    )
    form = forms.CharField(
        label=_("Hình thức"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, agency_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["lead"]).choices = [
            ("", _("— chưa xác định —")),
            *agency_choices,
        ]
        cast(forms.ChoiceField, self.fields["coordinators"]).choices = agency_choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, due = data.get("start"), data.get("due")
        if start and due and due < start:
            self.add_error("due", _("Hạn phải sau ngày bắt đầu."))
        if data.get("timeframe_kind") == TimeframeKind.ONCE and not due and data.get("include"):
            self.add_error(
                "due", _("Nhiệm vụ một lần cần có hạn; nếu chưa rõ, chọn 'Chưa xác định'.")
            )
        return data


class TaskEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500)
    content = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    form = forms.CharField(
        label=_("Hình thức"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    timeframe_raw = forms.CharField(
        label=_("Thời gian (nguyên văn)"), required=False, max_length=300
    )
    timeframe_kind = forms.ChoiceField(label=_("Loại thời hạn"), choices=TimeframeKind.choices)
    start = forms.DateField(label=_("Bắt đầu"), required=False, input_formats=DATE_FORMATS)
    due = forms.DateField(label=_("Hạn"), required=False, input_formats=DATE_FORMATS)
    needs_review = forms.BooleanField(label=_("Cần rà soát"), required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files in one input (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ProgressForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        choices=[
            (OccurrenceStatus.IN_PROGRESS, _("Đang thực hiện")),
            ("done", _("Đã hoàn thành, gửi lãnh đạo duyệt")),
        ],
    )
    percent = forms.IntegerField(label=_("Tỷ lệ hoàn thành (%)"), min_value=0, max_value=100)
    narrative = forms.CharField(
        label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 5})
    )
    links = forms.CharField(
        label=_("Liên kết minh chứng (mỗi dòng một địa chỉ)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = MultipleFileField(
        label=_("Tệp minh chứng (có thể chọn nhiều tệp, mỗi tệp tối đa 20 MB)"), required=False
    )

    def clean_links(self) -> list[str]:
        lines = [line.strip() for line in (self.cleaned_data.get("links") or "").splitlines()]
        bad = [x for x in lines if x and not x.startswith(("http://", "https://"))]
        if bad:
            raise ValidationError(_("Liên kết phải bắt đầu bằng http:// hoặc https://"))
        return [x for x in lines if x]


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Duyệt")), ("return", pgettext_lazy("nút", "Trả lại"))]
    )
    note = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReportForm(forms.Form):
    title = forms.CharField(label=_("Trích yếu"), required=False, max_length=300)
    number = forms.CharField(label=_("Số, ký hiệu"), required=False, max_length=60)
    period_start = forms.DateField(label=_("Từ ngày"), input_formats=DATE_FORMATS)
    period_end = forms.DateField(label=_("Đến ngày"), input_formats=DATE_FORMATS)
    summary = forms.CharField(
        label=_("Đánh giá chung"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("period_start")
            and data.get("period_end")
            and data["period_end"] < data["period_start"]
        ):
            self.add_error("period_end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class ParentForm(forms.Form):
    parent = forms.TypedChoiceField(
        label=_("Nhiệm vụ cấp trên"), required=False, coerce=int, empty_value=None
    )
