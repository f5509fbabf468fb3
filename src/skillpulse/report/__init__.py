"""The report: figures assembled from the store (``build_report``), charts (Altair), and
rendering to one self-contained HTML page, Markdown with SVG charts, or JSON."""

from skillpulse.report.assemble import LISTS, build_report
from skillpulse.report.model import Report, SurveyQuestionSpec
from skillpulse.report.render import ReportFiles, write_report

__all__ = ["LISTS", "Report", "ReportFiles", "SurveyQuestionSpec", "build_report",
           "write_report"]
