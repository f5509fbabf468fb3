"""The planted trends: volumes per month, and the rate of every generative-AI topic.

A *topic* is the set of planted skills one document carries (``("sp.chatgpt",
"sp.prompt-engineering")``). Each topic has a rate per 100,000 documents of its kind for the
three anchor quarters 2022Q4, 2023Q1 and 2023Q2 (the quarter's average), and the month the
skill appeared (ChatGPT in December 2022, Bard in February 2023 ...). Monthly rates are
interpolated between the anchors, rescaled so each anchor quarter keeps its average, and
extended outside the anchors (flat before, gently rising after). A topic's count in a month is
``rate * documents_in_month / 100000``, rounded cumulatively over the months (so a topic's
running total never drifts by more than half a document): counts follow the scale and do not
depend on the seed, so the planted rankings hold for every seed.

Profiles are planted per quarter as shares of the freelancers observed in the quarter (see
``profiles.py``). Change a trend by editing these tables; ``docs/generator.md`` explains how.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

#: Month indexes are months since 2022-10 (0 = October 2022, 8 = June 2023).
ANCHOR_YEAR, ANCHOR_MONTH = 2022, 10

#: Documents per month at scale 1.0 for the default nine months (postings, searches, hires).
MONTHLY_VOLUME: dict[str, float] = {
    "postings": 50_000 / 9,
    "searches": 300_000 / 9,
    "hires": 10_000 / 9,
}
#: Profile snapshots at scale 1.0 over the default nine months.
PROFILE_SNAPSHOTS = 20_000
#: Mean snapshots per freelancer (so about 6,700 freelancers at scale 1.0).
SNAPSHOTS_PER_FREELANCER = 3.0
#: Monthly growth of rates after 2023Q2 (``--end`` past June 2023).
GROWTH_AFTER = 1.03


@dataclass(frozen=True)
class Topic:
    """One planted skill set with its anchor-quarter rates per 100,000 documents."""

    skills: tuple[str, ...]
    q4: float
    q1: float
    q2: float
    #: first month (index since 2022-10) the topic can appear
    launch: int = 0


def _t(skills: str, q4: float, q1: float, q2: float, launch: int = 0) -> Topic:
    return Topic(tuple(f"sp.{s}" for s in skills.split()), q4, q1, q2, launch)


DEC, JAN, FEB, MAR = 2, 3, 4, 5

#: Searches: short queries, one skill each, a few pairs.
SEARCH_TOPICS: tuple[Topic, ...] = (
    _t("chatgpt", 250, 3350, 3480, DEC),
    _t("bert", 60, 1300, 1290),
    _t("stable-diffusion", 80, 1080, 1110),
    _t("tensorflow", 60, 950, 940),
    _t("ai-chatbot", 25, 500, 1150),
    _t("generative-ai", 10, 400, 1100),
    _t("image-processing", 40, 625, 620),
    _t("pytorch", 30, 440, 640),
    _t("natural-language-processing", 35, 440, 450),
    _t("bard", 0, 380, 440, FEB),
    _t("ai-content-creation", 2, 50, 620, DEC),
    _t("gradio", 2, 40, 360),
    _t("azure-openai", 0, 65, 440, JAN),
    _t("convolutional-neural-network", 6, 80, 400),
    _t("large-language-models", 5, 140, 520),
    _t("midjourney", 25, 190, 430),
    _t("prompt-engineering", 3, 150, 300, DEC),
    _t("model-tuning", 6, 100, 110),
    _t("yolo", 10, 110, 120),
    _t("object-detection", 12, 140, 150),
    _t("ai-text-to-speech", 10, 120, 140),
    _t("computer-vision", 30, 300, 310),
    _t("gpt-4", 0, 90, 105, MAR),
    _t("langchain", 0, 40, 48, JAN),
    _t("dall-e", 12, 100, 108),
    _t("openai-api", 5, 150, 165, DEC),
    _t("hugging-face", 8, 90, 98),
    _t("data-annotation", 10, 150, 150),
    _t("gans", 8, 70, 70),
    # pairs (the core skill first)
    _t("chatgpt prompt-engineering", 0, 20, 35, DEC),
    _t("large-language-models langchain", 0, 15, 20, JAN),
    _t("stable-diffusion dall-e", 4, 30, 30),
    _t("natural-language-processing bert", 4, 30, 30),
)

#: Postings: projects, often several planted skills together.
POSTING_TOPICS: tuple[Topic, ...] = (
    _t("chatgpt", 150, 1300, 1700, DEC),
    _t("chatgpt prompt-engineering", 0, 200, 450, DEC),
    _t("chatgpt ai-content-creation", 20, 350, 700, DEC),
    _t("ai-content-creation", 10, 150, 500),
    _t("ai-chatbot chatgpt", 20, 300, 500, DEC),
    _t("ai-chatbot large-language-models langchain", 0, 60, 250, JAN),
    _t("ai-chatbot natural-language-processing", 30, 150, 200),
    _t("generative-ai", 10, 250, 600),
    _t("generative-ai large-language-models openai-api", 0, 150, 350, DEC),
    _t("large-language-models gpt-4", 0, 60, 250, MAR),
    _t("azure-openai large-language-models", 0, 40, 200, JAN),
    _t("natural-language-processing bert", 40, 120, 150),
    _t("natural-language-processing", 50, 150, 180),
    _t("stable-diffusion", 40, 200, 300),
    _t("stable-diffusion midjourney dall-e", 10, 80, 120),
    _t("midjourney", 25, 200, 350),
    _t("midjourney ai-content-creation", 0, 40, 120, DEC),
    _t("tensorflow convolutional-neural-network", 30, 80, 120),
    _t("tensorflow", 50, 130, 160),
    _t("pytorch model-tuning", 20, 60, 110),
    _t("pytorch hugging-face large-language-models", 5, 50, 160),
    _t("pytorch", 30, 100, 140),
    _t("image-processing computer-vision", 40, 120, 150),
    _t("image-processing", 40, 110, 130),
    _t("object-detection yolo computer-vision", 30, 100, 160),
    _t("ai-text-to-speech", 15, 70, 140),
    _t("bard", 0, 30, 60, FEB),
    _t("gradio hugging-face", 3, 25, 60),
    _t("object-detection data-annotation", 20, 60, 80),
    _t("image-processing gans", 10, 30, 40),
    _t("tensorflow model-tuning", 10, 40, 60),
)

#: Hires (contracts): the projects clients hired for.
HIRE_TOPICS: tuple[Topic, ...] = (
    _t("chatgpt", 200, 2600, 3400, DEC),
    _t("natural-language-processing", 400, 2300, 2500),
    _t("tensorflow", 400, 2000, 2050),
    _t("image-processing", 350, 1550, 1700),
    _t("pytorch", 300, 1300, 1500),
    _t("ai-content-creation", 20, 1000, 1760, DEC),
    _t("midjourney", 150, 1100, 1330),
    _t("ai-chatbot", 150, 1000, 1160),
    _t("model-tuning", 150, 900, 1020),
    _t("stable-diffusion", 150, 680, 740),
    _t("bert", 150, 600, 650),
    _t("generative-ai", 10, 400, 700),
    _t("large-language-models", 0, 250, 450, DEC),
    _t("prompt-engineering", 0, 300, 550, DEC),
    _t("computer-vision object-detection yolo", 100, 250, 300),
    _t("ai-text-to-speech", 50, 300, 400),
    _t("azure-openai", 0, 150, 350, JAN),
    _t("gradio", 0, 80, 200),
    _t("convolutional-neural-network", 50, 200, 300),
    _t("bard", 0, 100, 200, FEB),
    _t("large-language-models gpt-4", 0, 60, 180, MAR),
    _t("large-language-models langchain openai-api", 0, 50, 150, JAN),
    _t("stable-diffusion dall-e", 50, 150, 150),
    _t("pytorch hugging-face", 20, 150, 170),
    _t("object-detection data-annotation", 100, 200, 200),
    _t("image-processing gans", 30, 150, 140),
)


@dataclass(frozen=True)
class ProfileSkill:
    """Share (per 100,000 freelancers observed in the quarter) listing a skill."""

    skill: str
    q4: float
    q1: float
    q2: float
    launch: int = 0


def _p(skill: str, q4: float, q1: float, q2: float, launch: int = 0) -> ProfileSkill:
    return ProfileSkill(f"sp.{skill}", q4, q1, q2, launch)


#: Profiles: the skills freelancers list, as the share of freelancers per quarter.
PROFILE_SKILLS: tuple[ProfileSkill, ...] = (
    _p("large-language-models", 150, 1500, 12000),
    _p("generative-ai", 200, 2000, 12000),
    _p("yolo", 300, 1200, 5400),
    _p("object-detection", 400, 1500, 5250),
    _p("stable-diffusion", 600, 2000, 5600),
    _p("prompt-engineering", 50, 1800, 4300, DEC),
    _p("chatgpt", 600, 5000, 9750, DEC),
    _p("azure-openai", 0, 1200, 2400, JAN),
    _p("ai-chatbot", 1000, 3000, 4800),
    _p("ai-text-to-speech", 800, 2000, 2900),
    _p("tensorflow", 2500, 3000, 3300),
    _p("pytorch", 2200, 2600, 2900),
    _p("natural-language-processing", 2000, 2500, 2800),
    _p("image-processing", 1500, 1800, 2000),
    _p("midjourney", 600, 1500, 1650),
    _p("ai-content-creation", 300, 1200, 1350),
    _p("bert", 800, 1000, 1100),
    _p("computer-vision", 1200, 1500, 1650),
    _p("gpt-4", 0, 300, 330, MAR),
    _p("langchain", 0, 200, 220, JAN),
    _p("gradio", 100, 300, 330),
    _p("convolutional-neural-network", 600, 800, 880),
    _p("model-tuning", 500, 700, 770),
    _p("dall-e", 300, 500, 550),
    _p("openai-api", 200, 600, 660),
    _p("hugging-face", 400, 600, 660),
    _p("data-annotation", 500, 700, 770),
    _p("gans", 300, 400, 440),
    _p("bard", 0, 300, 330, FEB),
)

#: Company sizes of clients, and how gen-AI postings are spread over them by quarter: midsize
#: clients adopt fastest (their share of gen-AI postings rises from 0.30 to 0.50).
COMPANY_SIZES: tuple[str, ...] = ("small", "midsize", "large")
CLIENT_SIZE_P: tuple[float, ...] = (0.55, 0.30, 0.15)
GENAI_SIZE_P: dict[str, tuple[float, ...]] = {
    "q4": (0.55, 0.30, 0.15),
    "q1": (0.46, 0.40, 0.14),
    "q2": (0.38, 0.50, 0.12),
}


def month_index(year: int, month: int) -> int:
    """Months since October 2022."""
    return (year - ANCHOR_YEAR) * 12 + (month - ANCHOR_MONTH)


def month_label(index: int) -> str:
    total = ANCHOR_YEAR * 12 + ANCHOR_MONTH - 1 + index
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def volume_multiplier(index: int) -> float:
    """Seasonality and slow growth of marketplace activity (1.0 on average over the anchors)."""
    month = (ANCHOR_MONTH - 1 + index) % 12 + 1
    season = {12: 0.88, 1: 1.04, 7: 0.95, 8: 0.95}.get(month, 1.0)
    return float(1.008**index * season / 0.996)


def quarter_of(index: int) -> int:
    """Quarter number since 2022Q4 (0 = 2022Q4, 1 = 2023Q1, 2 = 2023Q2; may be negative)."""
    return index // 3


def monthly_rates(
    q4: float, q1: float, q2: float, launch: int, months: list[int]
) -> npt.NDArray[np.float64]:
    """Rate per 100,000 documents for each month index in ``months``.

    Anchor quarters keep their average: the linear interpolation through the quarter
    mid-points is rescaled per quarter, months before ``launch`` are zero.
    """
    anchors_x = np.array([1.0, 4.0, 7.0])
    anchors_y = np.array([q4, q1, q2], dtype=np.float64)
    floor = 0.25 * float(anchors_y[anchors_y > 0].min()) if (anchors_y > 0).any() else 0.0

    def raw(m: int) -> float:
        if m <= 1:
            slope = (q1 - q4) / 3.0
            v = q4 + slope * (m - 1)
        elif m >= 7:
            slope = (q2 - q1) / 3.0
            v = q2 + slope * (m - 7)
        else:
            v = float(np.interp(m, anchors_x, anchors_y))
        return max(v, floor)

    anchor = np.zeros(9)
    for q, avg in enumerate((q4, q1, q2)):
        ms = [m for m in range(3 * q, 3 * q + 3) if m >= launch]
        vals = np.array([raw(m) for m in ms])
        if len(ms) and vals.sum() > 0:
            anchor[ms] = vals * (avg * 3.0 / vals.sum())
    out = np.zeros(len(months))
    for i, m in enumerate(months):
        if m < launch:
            out[i] = 0.0
        elif 0 <= m <= 8:
            out[i] = anchor[m]
        elif m > 8:
            out[i] = anchor[8] * GROWTH_AFTER ** (m - 8)
        else:
            out[i] = anchor[0]
    return out


def profile_share(skill: ProfileSkill, quarter: int) -> float:
    """Planted share (per 100,000 freelancers) for a quarter since 2022Q4."""
    if 3 * quarter + 2 < skill.launch:
        return 0.0
    if quarter < 0:
        return skill.q4 * 0.8
    if quarter <= 2:
        return (skill.q4, skill.q1, skill.q2)[quarter]
    return skill.q2 * GROWTH_AFTER ** (3 * (quarter - 2))
