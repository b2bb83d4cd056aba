"""The one permission rule of TTCS.

- An officer, spokesperson or viewer acts for their own agency only (viewers read, never write).
- A leader or administrator also acts for every agency below theirs.
- A superuser acts everywhere. Nobody else sees anything.

Every app filters its objects with ``readable_agency_ids`` / ``writable_agency_ids`` (usually via
``Agency.objects.readable_by``) and checks single objects with ``can_read`` / ``can_write``;
``rules`` predicates expose the same rule to templates and ``user.has_perm``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from django.db.models import Q

from ttcs.core.models import Agency, Membership, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser

WRITE_ROLES = {Role.ADMINISTRATOR, Role.LEADER, Role.OFFICER, Role.SPOKESPERSON}
TREE_ROLES = {Role.ADMINISTRATOR, Role.LEADER}
APPROVE_ROLES = {Role.ADMINISTRATOR, Role.LEADER}


def _agency_ids(user: AnyUser, roles: set[Role] | None) -> set[int] | None:
    """Ids of agencies reachable by ``user`` through memberships with ``roles`` (None: all roles).

    Returns None for superusers, meaning "every agency". Cached per user object and role set.
    """
    if not user.is_authenticated or not user.is_active:
        return set()
    if getattr(user, "is_superuser", False):
        return None
    cache: dict[Any, set[int]] = user.__dict__.setdefault("_ttcs_agency_ids", {})
    key = frozenset(roles) if roles is not None else None
    if key in cache:
        return cache[key]
    memberships = Membership.objects.current().filter(user_id=user.pk).select_related("agency")
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    ids: set[int] = set()
    tree_paths: list[str] = []
    for m in memberships:
        ids.add(m.agency_id)
        if m.role in TREE_ROLES:
            tree_paths.append(m.agency.path)
    if tree_paths:
        cond = Q()
        for path in tree_paths:
            cond |= Q(path__startswith=path)
        ids.update(Agency.objects.filter(cond).values_list("pk", flat=True))
    cache[key] = ids
    return ids


def readable_agency_ids(user: AnyUser) -> set[int] | None:
    """Agencies whose objects ``user`` may read; None means all (superuser)."""
    return _agency_ids(user, None)


def writable_agency_ids(user: AnyUser) -> set[int] | None:
    """Agencies whose objects ``user`` may create or change; None means all (superuser)."""
    return _agency_ids(user, WRITE_ROLES)


def approvable_agency_ids(user: AnyUser) -> set[int] | None:
    """Agencies whose reports ``user`` may approve (leaders and administrators)."""
    return _agency_ids(user, APPROVE_ROLES)


def administrable_agency_ids(user: AnyUser) -> set[int] | None:
    """Agencies whose members ``user`` may manage (administrators)."""
    return _agency_ids(user, {Role.ADMINISTRATOR})


def _allowed(ids: set[int] | None, agency_id: int | None) -> bool:
    return ids is None or (agency_id is not None and agency_id in ids)


def can_read(user: AnyUser, agency_id: int | None) -> bool:
    return _allowed(readable_agency_ids(user), agency_id)


def can_write(user: AnyUser, agency_id: int | None) -> bool:
    return _allowed(writable_agency_ids(user), agency_id)


def can_approve(user: AnyUser, agency_id: int | None) -> bool:
    return _allowed(approvable_agency_ids(user), agency_id)


def can_administer(user: AnyUser, agency_id: int | None) -> bool:
    return _allowed(administrable_agency_ids(user), agency_id)


def owning_agency_id(obj: Any) -> int | None:
    """The agency an object belongs to: the agency itself, or its ``agency_id`` (or kin)."""
    if isinstance(obj, Agency):
        return obj.pk
    for attr in ("agency_id", "owner_agency_id", "lead_agency_id"):
        value = getattr(obj, attr, None)
        if value is not None:
            return int(value)
    return None


@rules.predicate
def _reads(user: AnyUser, obj: Any) -> bool:
    return obj is not None and can_read(user, owning_agency_id(obj))


@rules.predicate
def _writes(user: AnyUser, obj: Any) -> bool:
    return obj is not None and can_write(user, owning_agency_id(obj))


@rules.predicate
def _approves(user: AnyUser, obj: Any) -> bool:
    return obj is not None and can_approve(user, owning_agency_id(obj))


rules.add_perm("ttcs.read", _reads)
rules.add_perm("ttcs.write", _writes)
rules.add_perm("ttcs.approve", _approves)


def forget_cached_permissions(user: Any) -> None:
    """Drop the per-request cache after memberships change."""
    user.__dict__.pop("_ttcs_agency_ids", None)
