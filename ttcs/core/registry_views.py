"""Agency registry pages for administrators: create, edit, move and record a succession.

These replace editing the registry in the Django admin: every change goes through the actions in
``ttcs.core.actions``, so it is permission-checked and audited, and a succession closes the old
agency exactly as ``record_succession`` does.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ttcs.core import actions
from ttcs.core.forms import AgencyForm, SuccessionForm
from ttcs.core.http import AuthenticatedHttpRequest
from ttcs.core.models import Agency
from ttcs.core.permissions import administrable_agency_ids, can_administer

CHOICE_LIMIT = 3000


def _administered(request: AuthenticatedHttpRequest) -> Any:
    ids = administrable_agency_ids(request.user)
    if ids is not None and not ids:
        raise Http404
    qs = Agency.objects.order_by("path")
    return qs if ids is None else qs.filter(pk__in=ids)


def _choices(qs: Any) -> list[tuple[int, str]]:
    return list(qs.values_list("pk", "name")[:CHOICE_LIMIT])


def _get_administered(request: AuthenticatedHttpRequest, pk: int) -> Agency:
    agency = Agency.objects.filter(pk=pk).first()
    if agency is None or not can_administer(request.user, agency.pk):
        raise Http404(_("Không tìm thấy cơ quan."))
    return agency


@login_required
def agency_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    administered = _administered(request)
    initial = {}
    if request.GET.get("parent", "").isdigit():
        initial["parent"] = int(request.GET["parent"])
    form = AgencyForm(request.POST or None, parent_choices=_choices(administered), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        parent_id = data.pop("parent")
        parent = administered.filter(pk=parent_id).first() if parent_id else None
        if parent_id and parent is None:
            form.add_error("parent", _("Bạn không quản trị cơ quan cấp trên này."))
        else:
            try:
                agency = actions.create_agency(
                    name=data.pop("name"),
                    kind=data.pop("kind"),
                    code="",
                    parent=parent,
                    acting_user=request.user,
                    **data,
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, exc if isinstance(exc, ValidationError) else str(exc))
            else:
                messages.success(request, _("Đã tạo cơ quan %(n)s.") % {"n": agency.name})
                return redirect("core:agency_detail", agency.pk)
    return render(
        request, "core/agency_form.html", {"form": form, "title": _("Thêm cơ quan"), "agency": None}
    )


@login_required
def agency_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    agency = _get_administered(request, pk)
    administered = _administered(request).exclude(path__startswith=agency.path)
    initial = {
        **{f: getattr(agency, f) for f in actions.AGENCY_EDITABLE_FIELDS},
        "aliases": "\n".join(agency.aliases or []),
        "parent": agency.parent_id,
    }
    choices = _choices(administered)
    if agency.parent_id and agency.parent_id not in {pk for pk, _n in choices} and agency.parent:
        choices.insert(0, (agency.parent_id, agency.parent.name))
    form = AgencyForm(request.POST or None, parent_choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        parent_id = data.pop("parent")
        try:
            actions.update_agency(agency=agency, acting_user=request.user, **data)
            if parent_id != agency.parent_id:
                parent = Agency.objects.filter(pk=parent_id).first() if parent_id else None
                actions.move_agency(agency=agency, parent=parent, acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("core:agency_detail", agency.pk)
        agency.refresh_from_db()
    return render(
        request,
        "core/agency_form.html",
        {"form": form, "title": _("Sửa thông tin cơ quan"), "agency": agency},
    )


@login_required
def succession_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    predecessor = _get_administered(request, pk)
    successors = Agency.objects.exclude(pk=predecessor.pk).order_by("path")
    form = SuccessionForm(request.POST or None, successor_choices=_choices(successors))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        successor = Agency.objects.filter(pk=data.pop("successor")).first()
        if successor is None:
            form.add_error("successor", _("Không tìm thấy cơ quan kế thừa."))
        else:
            try:
                actions.record_succession(
                    predecessor=predecessor,
                    successor=successor,
                    acting_user=request.user,
                    **data,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Đã ghi nhận quan hệ kế thừa."))
                return redirect("core:agency_detail", predecessor.pk)
    return render(request, "core/succession_form.html", {"form": form, "predecessor": predecessor})
