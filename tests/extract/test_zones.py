"""Issue 13: mentions in parts of a posting that are not about the job are dropped.

The texts are real job-ad passages (SkillSpan train/dev, MIT) from the audit set, where each
of these mentions was judged wrong (a perk, boilerplate, the hiring process) or right.
"""

from __future__ import annotations

import pytest

from skillpulse.extract import Extractor
from skillpulse.extract.zones import non_job_zones, outside_zones

BENEFITS_LIST = (
    "Experience with TDD/BDD\n"
    "Job benefits: Healthcare and Insurance Plans Wellness Programs Maternity and Paternity "
    "Leave Adoption Assistance Retirement Savings Programs Paid Time Off Tuition Assistance\n"
    "Stock Purchase Plan\nCharitable Contribution Matching\nLearning & Development Resources\n"
)
EEO = ("We are an equal opportunity employer and place a high value on diversity and "
       "inclusion at our company.")
HIRING = ("<ORGANIZATION> serves as recruitment partner on this position and if you have "
          "any questions you are welcome to contact recruitment consultant <NAME> at "
          "<CONTACT>.")
PERK_SENTENCE = ("We offer you 'freedom with responsibility' opportunities for training and "
                 "career development and a wide range of staff benefits.")


def _labels(ex: Extractor, text: str) -> set[str]:
    return {m.label for m in ex(text, "posting", field="description")}


@pytest.mark.parametrize(("text", "label"), [
    (BENEFITS_LIST, "Training and development"),
    (EEO, "Diversity And Inclusion"),
    (HIRING, "Recruiting"),
    (PERK_SENTENCE, "Career Development"),
])
def test_a_skill_named_in_a_zone_not_about_the_job_is_dropped(default_extractor: Extractor,
                                                              text: str, label: str) -> None:
    assert label not in _labels(default_extractor, text)
    # the name is matched: only the zone rule drops it
    keep = Extractor(default_extractor.taxonomy, zones=False)
    assert label in _labels(keep, text)


@pytest.mark.parametrize("text", [
    # SkillSpan train: the heading inside a run-on line, after the last requirement
    "Desire to learn modern technologies Fluency in English Job benefits: Free parking spaces "
    "for cars motorcycles and bicycles",
    "Solution-driven Open-minded Feedback oriented What we offer Employer-funded pension Up to "
    "10 Child-Sickness-Days per year Internal career development programs",
])
def test_a_benefits_heading_inside_a_run_on_line_opens_a_zone(default_extractor: Extractor,
                                                             text: str) -> None:
    keep = Extractor(default_extractor.taxonomy, zones=False)
    perks = {"Bicycles", "Motorcycles", "Career Development"}
    assert perks & _labels(keep, text)
    assert not perks & _labels(default_extractor, text)
    # the requirement before the heading stays
    if "English" in text:
        assert "English" in _labels(default_extractor, text)


def test_requirements_before_and_after_a_benefits_zone_are_kept(default_extractor: Extractor
                                                                 ) -> None:
    text = (BENEFITS_LIST + "Requirements:\nExperience building REST API applications with "
            "Java and Spring Boot. Learning and development of junior engineers.")
    found = _labels(default_extractor, text)
    assert {"Java", "Spring Boot", "Training and development"} <= found
    # the perk list is one zone: it starts at the heading and ends at the next job heading
    zones = non_job_zones(text)
    assert len(zones) == 1
    start, end = zones[0]
    assert text[start:end].lstrip().startswith("Job benefits")
    assert text[end:].lstrip().startswith("Requirements")


def test_a_zone_opened_by_a_heading_is_bounded(default_extractor: Extractor) -> None:
    # no job heading follows the perks: the zone still ends after ZONE_CHARS characters, so a
    # later requirement outside any heading keeps its skill
    text = "Benefits\nFree lunch\n" + "Great team spirit. " * 40 + "\nYou know Kubernetes."
    assert "Kubernetes" in _labels(default_extractor, text)


def test_a_long_run_on_line_is_not_dropped_for_one_cue(default_extractor: Extractor) -> None:
    # SkillSpan lines can hold a whole section: a benefits word in it does not drop its skills
    text = ("We'd like to meet someone with the following experience: HTML CSS JavaScript "
            "Creating reusable components across micro frontends Identifying site issues and "
            "customer journeys using analytics Modern JavaScript frameworks Bonus points for "
            "React/Redux Node.js server-side rendering TDD GitHub Docker cloud technologies "
            "Azure Kubernetes and a salary that matches your experience level and skills")
    assert len(text) > 300
    assert {"Kubernetes", "Docker"} <= _labels(default_extractor, text)


def test_titles_queries_and_tags_have_no_zones(default_extractor: Extractor) -> None:
    assert "Recruiting" in {m.label for m in default_extractor("Recruitment consultant",
                                                               "posting", field="title")}
    assert "Recruiting" in {m.label for m in default_extractor("recruitment process",
                                                               "search")}


def test_outside_zones_keeps_mentions_outside_every_zone(default_extractor: Extractor
                                                              ) -> None:
    text = "Python\n" + EEO
    found = Extractor(default_extractor.taxonomy, zones=False)(text, "posting",
                                                               field="description")
    kept = outside_zones(text, found)
    assert [m.label for m in kept] == ["Python"]
    assert outside_zones(text, []) == []


def test_the_windowed_scan_gives_the_whole_text_answers() -> None:
    """The zones found around the automaton's trigger words are those of running the
    regular expressions over the whole text, on the 698 real audit documents."""
    import json
    from pathlib import Path

    from skillpulse.extract.zones import _zones_full

    path = Path(__file__).parents[1] / "data" / "extract" / "audit" / "docs.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    found = 0
    for text in texts:
        zones = non_job_zones(text)
        assert zones == _zones_full(text), text[:80]
        found += bool(zones)
    assert found >= 100
    # a text whose lower case changes length is scanned whole
    odd = "İstanbul office. We offer a pension plan.\nPython"
    assert non_job_zones(odd) == _zones_full(odd) != []
