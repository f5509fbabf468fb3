"""What a stored survey holds: surveys, their questions, answer sets and response counts."""

from __future__ import annotations

from dataclasses import dataclass

from skillpulse.errors import SurveyError
from skillpulse.store.base import Store


@dataclass(frozen=True)
class SurveyInfo:
    """One ingested survey."""

    name: str
    file: str
    weight_column: str | None
    respondents: int
    questions: int

    @property
    def weighted(self) -> bool:
        return self.weight_column is not None


@dataclass(frozen=True)
class AnswerCount:
    answer: str
    respondents: int


@dataclass(frozen=True)
class SurveyQuestion:
    """A question: whether it is multi-select, how many answered it, and its answers
    (most frequent first; ``answers`` holds at most the ``max_answers`` asked for)."""

    question: str
    position: int
    multi: bool
    respondents: int
    distinct_answers: int
    answers: tuple[AnswerCount, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "question": self.question,
            "multi_select": self.multi,
            "respondents": self.respondents,
            "distinct_answers": self.distinct_answers,
            "answers": [{"answer": a.answer, "respondents": a.respondents}
                        for a in self.answers],
        }


@dataclass(frozen=True)
class SurveyQuestions:
    """A survey's questions (``skillpulse survey questions``)."""

    survey: SurveyInfo
    questions: tuple[SurveyQuestion, ...]

    def to_dict(self) -> dict[str, object]:
        """The JSON of ``skillpulse survey questions --json``."""
        return {"survey": self.survey.name, "respondents": self.survey.respondents,
                "weight_column": self.survey.weight_column,
                "questions": [q.to_dict() for q in self.questions]}


def list_surveys(store: Store) -> list[SurveyInfo]:
    """Every survey in the store, by name."""
    return [SurveyInfo(str(r["name"]), str(r["file"]), r["weight_column"],
                       int(r["respondents"]), int(r["questions"]))
            for r in store.surveys().to_pylist()]


def get_survey(store: Store, name: str) -> SurveyInfo:
    """The survey ``name``, or :class:`SurveyError` naming the surveys that exist."""
    for info in list_surveys(store):
        if info.name == name:
            return info
    known = [s.name for s in list_surveys(store)]
    hint = f"known surveys: {', '.join(known)}" if known else "no survey has been ingested"
    raise SurveyError(f"no survey named {name!r} ({hint}; run `skillpulse ingest survey`)")


def question_kinds(store: Store, name: str) -> dict[str, bool]:
    """Question -> multi-select? for survey ``name``, in file order."""
    return {str(r["question"]): bool(r["multi"])
            for r in store.survey_questions(name).to_pylist()}


def require_question(store: Store, name: str, question: str) -> bool:
    """Whether ``question`` is multi-select; :class:`SurveyError` if the survey lacks it."""
    kinds = question_kinds(store, name)
    if question not in kinds:
        close = [q for q in kinds if question.lower() in q.lower() or q.lower() in
                 question.lower()][:8]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise SurveyError(f"survey {name!r} has no question {question!r}{hint} "
                          f"(list them with `skillpulse survey questions --name {name}`)")
    return kinds[question]


def answer_set(store: Store, name: str, question: str) -> set[str]:
    return {str(a) for a in store.survey_answers(name, question).column("answer").to_pylist()}


def survey_questions(
    store: Store, *, name: str, max_answers: int | None = 20
) -> list[SurveyQuestion]:
    """The questions of survey ``name`` in file order, with answer counts (respondents who
    gave each answer; a multi-select respondent counts once per answer chosen)."""
    get_survey(store, name)
    questions = [tuple(r.values()) for r in store.survey_questions(name).to_pylist()]
    counts = [tuple(r.values()) for r in store.survey_answer_counts(name).to_pylist()]
    by_question: dict[str, list[AnswerCount]] = {}
    for question, answer, n in counts:
        by_question.setdefault(str(question), []).append(AnswerCount(str(answer), int(n)))
    result = []
    for question, position, multi, respondents in questions:
        answers = by_question.get(str(question), [])
        shown = answers if max_answers is None else answers[:max_answers]
        result.append(SurveyQuestion(str(question), int(position), bool(multi),
                                     int(respondents), len(answers), tuple(shown)))
    return result
