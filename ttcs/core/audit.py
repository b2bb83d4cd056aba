"""Writing audit records. Call only from inside an action's transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from ttcs.core.models import AuditEvent


def record(
    verb: str,
    *,
    actor: Any | None,
    obj: models.Model | None = None,
    agency_id: int | None = None,
    **data: Any,
) -> AuditEvent:
    """Store one audit event; guarantees the event commits or rolls back with the caller."""
    actor_id = getattr(actor, "pk", None) if actor is not None and actor.is_authenticated else None
    event = AuditEvent(
        actor_id=actor_id,
        agency_id=agency_id,
        verb=verb,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        data=_jsonable(data),
    )
    event.save()
    return event


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)}
    return str(value)
