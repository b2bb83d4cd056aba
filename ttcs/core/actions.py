"""State changes of the core domain. Each runs atomically and leaves an audit record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from ttcs.core import audit
from ttcs.core.models import (
    Agency,
    AgencyKind,
    AgencySuccession,
    CalendarException,
    Membership,
    Notification,
    Role,
    SuccessionKind,
)
from ttcs.core.permissions import can_administer, forget_cached_permissions

User = get_user_model()


def _require_admin(acting_user: Any | None, agency_id: int | None) -> None:
    # acting_user None means a trusted system path (data migration, CLI run by the operator).
    if acting_user is not None and not can_administer(acting_user, agency_id):
        raise PermissionDenied(_("Bạn không có quyền quản trị cơ quan này."))


@transaction.atomic
def create_agency(
    *,
    name: str,
    kind: str,
    code: str,
    parent: Agency | None = None,
    acting_user: Any | None = None,
    **fields: Any,
) -> Agency:
    """Create an agency under ``parent``; only administrators of the parent may do so."""
    _require_admin(acting_user, parent.pk if parent else None)
    if kind not in AgencyKind.values:
        raise ValidationError(_("Loại cơ quan không hợp lệ: %(kind)s") % {"kind": kind})
    agency = Agency(
        name=name.strip(), kind=kind, code=code or _unique_code(name), parent=parent, **fields
    )
    agency.full_clean()
    agency.save()
    audit.record("agency.created", actor=acting_user, obj=agency, agency_id=agency.pk)
    return agency


def _unique_code(name: str) -> str:
    base = slugify(name.replace("đ", "d").replace("Đ", "D"))[:70] or "co-quan"
    code, n = base, 1
    while Agency.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def record_succession(
    *,
    predecessor: Agency,
    successor: Agency,
    kind: str,
    effective_date: dt.date,
    legal_basis: str = "",
    duties: str = "",
    close_predecessor: bool = True,
    acting_user: Any | None = None,
) -> AgencySuccession:
    """Record that ``successor`` took over (all or some ``duties`` of) ``predecessor``.

    With ``close_predecessor`` a full merger or rename also ends the predecessor's validity the
    day before ``effective_date``. Guarantees no self-succession and no duplicate record.
    """
    _require_admin(acting_user, predecessor.pk)
    if predecessor.pk == successor.pk:
        raise ValidationError(_("Một cơ quan không thể kế thừa chính nó."))
    if kind not in SuccessionKind.values:
        raise ValidationError(_("Hình thức kế thừa không hợp lệ."))
    succession, _created = AgencySuccession.objects.get_or_create(
        predecessor=predecessor,
        successor=successor,
        kind=kind,
        duties=duties,
        defaults={"effective_date": effective_date, "legal_basis": legal_basis},
    )
    if close_predecessor and not duties and kind != SuccessionKind.SPLIT_INTO:
        end = effective_date - dt.timedelta(days=1)
        if predecessor.valid_to is None or predecessor.valid_to > end:
            predecessor.valid_to = end
            predecessor.save(update_fields=["valid_to"])
    audit.record(
        "agency.succession_recorded",
        actor=acting_user,
        obj=succession,
        agency_id=predecessor.pk,
        successor=successor.pk,
        kind=kind,
        effective_date=effective_date.isoformat(),
    )
    return succession


@transaction.atomic
def grant_membership(
    *,
    user: Any,
    agency: Agency,
    role: str,
    title: str = "",
    acting_user: Any | None = None,
) -> Membership:
    """Give ``user`` ``role`` in ``agency`` (re-activating an old membership if one exists)."""
    _require_admin(acting_user, agency.pk)
    if role not in Role.values:
        raise ValidationError(_("Vai trò không hợp lệ."))
    membership, created = Membership.objects.get_or_create(
        user=user, agency=agency, role=role, defaults={"title": title}
    )
    if not created and not membership.active:
        membership.active = True
        membership.save(update_fields=["active"])
    forget_cached_permissions(user)
    audit.record(
        "membership.granted", actor=acting_user, obj=membership, agency_id=agency.pk, role=role
    )
    return membership


@transaction.atomic
def revoke_membership(*, membership: Membership, acting_user: Any | None = None) -> None:
    """End a membership; the record stays for the audit trail."""
    _require_admin(acting_user, membership.agency_id)
    membership.active = False
    membership.save(update_fields=["active"])
    forget_cached_permissions(membership.user)
    audit.record(
        "membership.revoked", actor=acting_user, obj=membership, agency_id=membership.agency_id
    )


@transaction.atomic
def create_user(
    *,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    acting_user: Any | None = None,
) -> Any:
    """Create a login. Membership is granted separately."""
    if User.objects.filter(username=username).exists():
        raise ValidationError(_("Tên đăng nhập %(u)s đã tồn tại.") % {"u": username})
    first, _sep, last = full_name.rpartition(" ")
    user = User.objects.create_user(
        username=username, password=password, email=email, first_name=first, last_name=last
    )
    audit.record("user.created", actor=acting_user, obj=user)
    return user


@transaction.atomic
def add_member(
    *,
    agency: int,
    username: str,
    role: str,
    acting_user: Any | None,
    full_name: str = "",
    email: str = "",
    title: str = "",
    password: str = "",
) -> Membership:
    """Grant ``role`` in ``agency`` to an existing login, or create the login first (a new login
    needs an initial password that passes the password rules)."""
    target = Agency.objects.get(pk=agency)
    _require_admin(acting_user, target.pk)
    user = User.objects.filter(username=username).first()
    if user is None:
        if not password:
            raise ValidationError(_("Tài khoản mới cần mật khẩu ban đầu."))
        from django.contrib.auth.password_validation import validate_password

        validate_password(password)
        user = create_user(
            username=username,
            password=password,
            full_name=full_name,
            email=email,
            acting_user=acting_user,
        )
    return grant_membership(
        user=user, agency=target, role=role, title=title, acting_user=acting_user
    )


@transaction.atomic
def set_calendar_exception(
    *,
    date: dt.date,
    kind: str,
    name: str,
    legal_basis: str = "",
    acting_user: Any | None = None,
) -> CalendarException:
    """Add or change the Government-announced exception for ``date``; deadlines follow at once."""
    if acting_user is not None and not getattr(acting_user, "is_superuser", False):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được sửa lịch làm việc."))
    exception, _created = CalendarException.objects.update_or_create(
        date=date, defaults={"kind": kind, "name": name, "legal_basis": legal_basis}
    )
    update_change_reason(exception, legal_basis or name)
    audit.record(
        "calendar.exception_set", actor=acting_user, obj=exception, date=date.isoformat(), kind=kind
    )
    transaction.on_commit(_invalidate_calendar)
    return exception


@transaction.atomic
def delete_calendar_exception(*, exception: CalendarException, acting_user: Any | None) -> None:
    """Remove an exception; the normal rule (holidays, weekends) applies to that day again."""
    if acting_user is not None and not getattr(acting_user, "is_superuser", False):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được sửa lịch làm việc."))
    audit.record(
        "calendar.exception_deleted",
        actor=acting_user,
        obj=exception,
        date=exception.date.isoformat(),
    )
    exception.delete()
    transaction.on_commit(_invalidate_calendar)


def _invalidate_calendar() -> None:
    from ttcs.core.calendar_db import invalidate_calendar_cache

    invalidate_calendar_cache()


def notify(
    *,
    user: Any,
    subject: str,
    body: str = "",
    url: str = "",
    dedup_key: str = "",
    email: bool = True,
) -> Notification | None:
    """Notify ``user`` in-app (and by mail if they have an address) at most once per dedup_key.

    Returns None when the same ``dedup_key`` was already delivered, so repeated jobs are harmless.
    """
    try:
        with transaction.atomic():
            note = Notification.objects.create(
                user=user, subject=subject[:255], body=body, url=url, dedup_key=dedup_key
            )
    except IntegrityError:
        return None
    if email and user.email:
        transaction.on_commit(
            lambda: send_mail(subject, body, None, [user.email], fail_silently=True)
        )
    return note


def mark_notifications_read(*, user: Any) -> int:
    """Mark every unread notification of ``user`` read; returns how many changed."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


AGENCY_EDITABLE_FIELDS = (
    "name",
    "short_name",
    "kind",
    "admin_unit_code",
    "aliases",
    "valid_from",
    "valid_to",
    "legal_basis",
    "email",
)


@transaction.atomic
def update_agency(*, agency: Agency, acting_user: Any, **changes: Any) -> Agency:
    """Change an agency's own fields (not its place in the tree: see ``move_agency``)."""
    _require_admin(acting_user, agency.pk)
    unknown = set(changes) - set(AGENCY_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Không sửa được trường: %(f)s") % {"f": ", ".join(sorted(unknown))})
    before = {f: getattr(agency, f) for f in changes}
    for field, value in changes.items():
        setattr(agency, field, value.strip() if isinstance(value, str) else value)
    agency.full_clean()
    if agency.valid_from and agency.valid_to and agency.valid_to < agency.valid_from:
        raise ValidationError(_("Ngày hết hiệu lực không được trước ngày có hiệu lực."))
    after = {f: getattr(agency, f) for f in changes}
    changed = {f: [before[f], after[f]] for f in changes if before[f] != after[f]}
    agency.save()
    audit.record("agency.updated", actor=acting_user, obj=agency, agency_id=agency.pk, **changed)
    return agency


@transaction.atomic
def move_agency(*, agency: Agency, parent: Agency | None, acting_user: Any) -> Agency:
    """Put ``agency`` (and everything below it) under ``parent``.

    The acting user must administer the agency and the new parent; an agency cannot go under
    itself or one of its own descendants.
    """
    _require_admin(acting_user, agency.pk)
    _require_admin(acting_user, parent.pk if parent else None)
    if parent is not None and parent.path.startswith(agency.path):
        raise ValidationError(_("Không thể đặt một cơ quan dưới chính nó hoặc cơ quan cấp dưới."))
    old_parent = agency.parent_id
    agency.parent = parent
    agency.save()
    audit.record(
        "agency.moved",
        actor=acting_user,
        obj=agency,
        agency_id=agency.pk,
        old_parent=old_parent,
        new_parent=parent.pk if parent else None,
    )
    return agency
