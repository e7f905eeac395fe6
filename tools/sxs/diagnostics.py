"""Diagnostics: what went wrong, where (file, line, segment ID), how bad."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One finding about an input file."""

    severity: str  # ERROR or WARNING
    code: str  # short machine-readable name, e.g. "unpaired-segment"
    path: str
    line: int
    message: str
    segment_id: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        seg = f" [{self.segment_id}]" if self.segment_id else ""
        return f"{where}: {self.severity}{seg}: {self.message} ({self.code})"


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    """True when any diagnostic is an error."""
    return any(d.severity == ERROR for d in diagnostics)
