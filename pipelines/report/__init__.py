"""The researchers' report: index.html with PNG charts, written from the published warehouse."""

from pipelines.report.build import Report, ReportError, write_report

__all__ = ["Report", "ReportError", "write_report"]
