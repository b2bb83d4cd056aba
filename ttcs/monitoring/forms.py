from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ttcs.monitoring.models import AlertRule, Sentiment, SourceKind, Tier

DT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_('Từ khóa (có hoặc không dấu; "cụm từ", OR, -loại trừ)'),
        required=False,
        max_length=300,
    )
    since = forms.DateField(label=_("Từ ngày"), required=False, input_formats=DT_FORMATS)
    until = forms.DateField(label=_("Đến ngày"), required=False, input_formats=DT_FORMATS)
    tier = forms.ChoiceField(
        label=_("Nhóm nguồn"), required=False, choices=[("", _("Tất cả")), *Tier.choices]
    )
    sentiment = forms.ChoiceField(
        label=_("Sắc thái"), required=False, choices=[("", _("Tất cả")), *Sentiment.choices]
    )
    topic = forms.CharField(label=_("Chủ đề"), required=False, max_length=80)
    locality = forms.CharField(label=_("Địa bàn"), required=False, max_length=80)


class SourceForm(forms.Form):
    name = forms.CharField(label=_("Tên nguồn"), max_length=200)
    kind = forms.ChoiceField(label=_("Loại"), choices=SourceKind.choices)
    url = forms.URLField(label=_("Địa chỉ"), required=False, max_length=1000, assume_scheme="https")
    tier = forms.ChoiceField(label=_("Nhóm nguồn"), choices=Tier.choices)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp CSV hoặc JSONL (tin công khai)"))


class AlertRuleForm(forms.ModelForm):  # type: ignore[type-arg]
    webhook_url = forms.URLField(label=_("webhook"), required=False, assume_scheme="https")

    class Meta:
        model = AlertRule
        fields = ["name", "query", "sentiment", "min_count", "email", "webhook_url", "active"]


class LabelForm(forms.Form):
    label = forms.ChoiceField(choices=Sentiment.choices)
