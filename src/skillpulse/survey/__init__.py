"""Survey microdata: ingest (CSV, JSONL, Parquet), shares with 95% intervals, segments and
tests of difference, and a synthetic survey for the demo.

Modules: :mod:`~skillpulse.survey.ingest` (files to the store), :mod:`~skillpulse.survey.questions`
(what a survey holds), :mod:`~skillpulse.survey.share` (estimates and segment tests),
:mod:`~skillpulse.survey.stats` (the formulas), :mod:`~skillpulse.survey.synthetic` (the demo
survey of 1,400 business leaders).
"""

from skillpulse.survey.ingest import SurveyIngestInfo, ingest_survey
from skillpulse.survey.questions import SurveyInfo, SurveyQuestion, list_surveys, survey_questions
from skillpulse.survey.share import (
    DifferenceTest,
    SegmentShares,
    ShareRow,
    SurveyShareResult,
    segment_difference,
    survey_share,
)

__all__ = [
    "DifferenceTest",
    "SegmentShares",
    "ShareRow",
    "SurveyInfo",
    "SurveyIngestInfo",
    "SurveyQuestion",
    "SurveyShareResult",
    "ingest_survey",
    "list_surveys",
    "segment_difference",
    "survey_questions",
    "survey_share",
]
