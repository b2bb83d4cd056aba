"""Plain data produced by the plan parser, and its contract (JSON) form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ttcs.plans.parsing.timeframe import Timeframe

__all__ = [
    "AgencyRef",
    "DocumentInfo",
    "ParseContext",
    "ParsedPlan",
    "ResolvedAgency",
    "Resolver",
    "Task",
]


@dataclass(frozen=True)
class ResolvedAgency:
    """What a resolver says an agency mention names: a name and, when known, a registry id."""

    name: str
    agency_id: int | None = None


@dataclass(frozen=True)
class ParseContext:
    """What the parser knows about the document when it resolves an agency mention."""

    issuer: str | None = None
    province: str | None = None
    date: dt.date | None = None
    places: tuple[str, ...] = ()
    damaged: bool = False

    @property
    def issuer_name(self) -> str | None:
        """Alias of ``issuer``."""
        return self.issuer


Resolver = Callable[[str, ParseContext], ResolvedAgency | None]


@dataclass(frozen=True)
class AgencyRef:
    """An agency as the text names it (``raw``) and as it was resolved."""

    raw: str
    name: str
    agency_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Contract form."""
        return {"raw": self.raw, "name": self.name, "agency_id": self.agency_id}


@dataclass
class Task:
    """One assigned duty of a plan."""

    ref: str
    path: str
    title: str
    content: str
    lead: list[AgencyRef]
    coordinators: list[AgencyRef]
    timeframe: Timeframe
    form: str | None = None
    shape: str = ""
    source: str | None = None  # number of the (nested) document the task comes from

    def to_dict(self) -> dict[str, Any]:
        """Contract form."""
        return {
            "ref": self.ref,
            "path": self.path,
            "title": self.title,
            "content": self.content,
            "lead": [a.to_dict() for a in self.lead],
            "coordinators": [a.to_dict() for a in self.coordinators],
            "timeframe": self.timeframe.to_dict(),
            "form": self.form,
            "shape": self.shape,
            "source_document": self.source,
        }


@dataclass
class DocumentInfo:
    """Header of a document: number, type, issuer, place, date, title, higher documents."""

    number: str | None = None
    type: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: dt.date | None = None
    title: str | None = None
    implements: list[str] = field(default_factory=list)
    raw: dict[str, str | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Contract form, with the printed text of each field under ``raw``."""
        return {
            "number": self.number,
            "type": self.type,
            "issuer": self.issuer,
            "place": self.place,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "implements": list(self.implements),
            "raw": dict(self.raw),
        }


@dataclass
class ParsedPlan:
    """The outermost document, every nested document and all tasks in reading order."""

    document: DocumentInfo
    tasks: list[Task]
    nested: list[DocumentInfo] = field(default_factory=list)
    damaged: bool = False
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The ``ttcs plans parse`` contract object (extra keys are optional additions)."""
        return {
            "document": self.document.to_dict(),
            "tasks": [t.to_dict() for t in self.tasks],
            "nested_documents": [d.to_dict() for d in self.nested],
            "ocr_damaged": self.damaged,
            "warnings": list(self.warnings),
        }
