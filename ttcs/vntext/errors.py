"""Errors raised by the Vietnamese text package; it never returns None in place of a failure."""

from __future__ import annotations


class VietnameseTextError(Exception):
    """A Vietnamese text tool could not do what it was asked (missing data, bad input)."""
