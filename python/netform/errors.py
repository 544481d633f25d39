"""The exception netform raises for bad input."""

from __future__ import annotations

from typing import Optional


class NetformError(ValueError):
    """A network, parameter file, point or domain netform could not use.

    ``str(error)`` is the message the command line prints: the source name,
    line and column, the source line and a caret under the mistake. ``code``
    is a short stable code (``parse``, ``missing-parameter``, ``undefined``,
    ...); ``line`` and ``column`` are 1-based (columns count characters) and
    ``None`` when the error is about the input as a whole.
    """

    def __init__(self, message: str, code: str, line: Optional[int] = None, column: Optional[int] = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"NetformError(code={self.code!r}, line={self.line!r}, column={self.column!r})"
