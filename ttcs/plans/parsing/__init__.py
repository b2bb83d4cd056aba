"""Parser for plan documents (Directive 07/CT-TTg plans, directives, dispatches).

Pure Python, no Django: ``parse_text(text)`` returns the ``ttcs plans parse`` contract object;
``extract_text(path)`` reads .txt/.docx/.pdf files (OCR for scans); ``parse_timeframe`` reads
"Thời gian thực hiện" phrases. Agency mentions are resolved through an optional callback
``resolve_agency(mention, ParseContext) -> ResolvedAgency | None``.
"""

from ttcs.plans.parsing.extract import (
    DocumentError,
    ExtractedText,
    OcrUnavailableError,
    extract_text,
)
from ttcs.plans.parsing.model import (
    AgencyRef,
    DocumentInfo,
    ParseContext,
    ParsedPlan,
    ResolvedAgency,
    Resolver,
    Task,
)
from ttcs.plans.parsing.parser import parse_file, parse_plan, parse_text
from ttcs.plans.parsing.timeframe import Timeframe, adjust_due, find_timeframe, parse_timeframe

__all__ = [
    "AgencyRef",
    "DocumentError",
    "DocumentInfo",
    "ExtractedText",
    "OcrUnavailableError",
    "ParseContext",
    "ParsedPlan",
    "ResolvedAgency",
    "Resolver",
    "Task",
    "Timeframe",
    "adjust_due",
    "extract_text",
    "find_timeframe",
    "parse_file",
    "parse_plan",
    "parse_text",
    "parse_timeframe",
]
