"""How the synthetic marketplace phrases each planted skill.

Every planted skill has a fixed ID (``sp.<slug>``, the shared contract with the built-in
catalog), the surface forms that postings, hires and profiles use for it, the tag a client or
freelancer picks for it, and the short lower-case forms (and misspellings) that searches use.

Surface forms are chosen so that each one names exactly one planted skill: a document that
uses a form of ChatGPT mentions ChatGPT and nothing else of the generative-AI category. The
tests check this property against the forms of every other skill, and that no form of any
skill ever appears in a document without that skill planted.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SkillForms:
    """The ways one planted skill is written."""

    skill_id: str
    label: str
    #: forms used in titles, descriptions and overviews (case as written)
    text: tuple[str, ...]
    #: the skill tag clients and freelancers pick
    tag: str
    #: lower-case forms used in search queries
    query: tuple[str, ...]
    #: misspelt query forms (a realistic minority of searches)
    typos: tuple[str, ...] = ()


def _s(
    skill_id: str,
    label: str,
    text: tuple[str, ...],
    tag: str,
    query: tuple[str, ...],
    typos: tuple[str, ...] = (),
) -> SkillForms:
    return SkillForms(skill_id, label, text, tag, query, typos)


#: Every planted generative-AI skill, in a fixed order (the order of truth.json).
SKILLS: tuple[SkillForms, ...] = (
    _s(
        "sp.chatgpt",
        "ChatGPT",
        ("ChatGPT", "ChatGPT", "ChatGPT", "Chat GPT", "OpenAI ChatGPT", "chatGPT", "ChatGPT Plus"),
        "ChatGPT",
        ("chatgpt", "chat gpt", "chatgpt", "chat-gpt"),
        ("chatgtp",),
    ),
    _s(
        "sp.bert",
        "BERT",
        ("BERT", "BERT", "a BERT model"),
        "BERT",
        (
            "bert model",
            "bert model",
            "bert models",
            "bert developer",
            "bert engineer",
            "bert model expert",
            "bert model training",
        ),
        ("bert modle",),
    ),
    _s(
        "sp.stable-diffusion",
        "Stable Diffusion",
        ("Stable Diffusion", "Stable Diffusion", "stable-diffusion", "SDXL", "Stable Diffusion XL"),
        "Stable Diffusion",
        ("stable diffusion", "stable diffusion", "sdxl", "stable-diffusion"),
        ("stable difusion", "stable diffussion", "stabel diffusion"),
    ),
    _s(
        "sp.tensorflow",
        "TensorFlow",
        ("TensorFlow", "TensorFlow", "Tensorflow", "TensorFlow 2"),
        "TensorFlow",
        ("tensorflow", "tensor flow"),
        ("tensorflwo", "tenserflow"),
    ),
    _s(
        "sp.ai-chatbot",
        "AI chatbot",
        ("AI chatbot", "AI chatbot", "chatbot", "AI chat bot"),
        "AI Chatbot",
        ("ai chatbot", "chatbot", "chat bot", "ai chatbot"),
        ("chatbott", "ai chatbto"),
    ),
    _s(
        "sp.generative-ai",
        "Generative AI",
        ("Generative AI", "generative AI", "gen AI", "GenAI", "generative artificial intelligence"),
        "Generative AI",
        ("generative ai", "gen ai", "genai", "generative ai"),
        ("generativ ai",),
    ),
    _s(
        "sp.image-processing",
        "Image processing",
        ("image processing", "image processing", "Image Processing"),
        "Image Processing",
        ("image processing",),
        ("image procesing", "imag processing"),
    ),
    _s(
        "sp.pytorch",
        "PyTorch",
        ("PyTorch", "PyTorch", "Pytorch"),
        "PyTorch",
        ("pytorch", "py torch"),
        ("pytorh",),
    ),
    _s(
        "sp.natural-language-processing",
        "Natural language processing",
        (
            "natural language processing",
            "natural language processing (NLP)",
            "Natural Language Processing (NLP)",
            "Natural Language Processing",
        ),
        "Natural Language Processing",
        ("natural language processing", "nlp engineer", "nlp developer"),
        ("natural langauge processing", "natural language procesing"),
    ),
    _s(
        "sp.bard",
        "Bard",
        ("Google Bard", "Google Bard", "Google's Bard"),
        "Google Bard",
        ("google bard", "bard ai"),
        ("gogle bard",),
    ),
    _s(
        "sp.ai-content-creation",
        "AI content creation",
        ("AI content creation", "AI content creation", "AI-generated content", "AI content"),
        "AI Content Creation",
        ("ai content creation", "ai content", "ai generated content", "ai content creation"),
        ("ai content creaton", "ai contnet"),
    ),
    _s(
        "sp.gradio",
        "Gradio",
        ("Gradio", "Gradio"),
        "Gradio",
        ("gradio",),
    ),
    _s(
        "sp.azure-openai",
        "Azure OpenAI",
        ("Azure OpenAI", "Azure OpenAI Service", "Azure OpenAI"),
        "Azure OpenAI",
        ("azure openai", "azure open ai"),
    ),
    _s(
        "sp.convolutional-neural-network",
        "Convolutional neural network",
        (
            "convolutional neural network",
            "convolutional neural network (CNN)",
            "ConvNet",
            "convolutional neural network",
        ),
        "Convolutional Neural Network",
        ("convolutional neural network", "cnns", "convnet", "convolutional neural networks"),
        ("convolutional nueral network",),
    ),
    _s(
        "sp.large-language-models",
        "Large language models",
        ("large language models", "LLMs", "LLM", "large language model"),
        "Large Language Model",
        ("llm", "large language model", "llms", "large language models"),
        ("large languge model",),
    ),
    _s(
        "sp.midjourney",
        "Midjourney",
        ("Midjourney", "Midjourney", "MidJourney"),
        "Midjourney",
        ("midjourney", "mid journey"),
        ("midjorney", "midjourny"),
    ),
    _s(
        "sp.prompt-engineering",
        "Prompt engineering",
        ("prompt engineering", "prompt design", "prompt engineering"),
        "Prompt Engineering",
        ("prompt engineering", "prompt engineering", "prompt design", "ai prompt writing"),
        ("promt engineering", "prompt engeneering"),
    ),
    _s(
        "sp.model-tuning",
        "Model tuning",
        ("model tuning", "model tuning", "model optimization"),
        "Model Tuning",
        ("model tuning", "model optimization", "ml model tuning"),
        ("model tunning",),
    ),
    _s(
        "sp.yolo",
        "You Only Look Once",
        ("YOLOv8", "YOLO", "YOLOv5", "You Only Look Once (YOLO)"),
        "YOLO",
        ("yolov8", "yolo", "yolov5"),
        ("yolov 8",),
    ),
    _s(
        "sp.object-detection",
        "Object detection",
        ("object detection", "object detection"),
        "Object Detection",
        ("object detection",),
        ("object detecton", "objet detection"),
    ),
    _s(
        "sp.ai-text-to-speech",
        "AI text-to-speech",
        ("text-to-speech", "AI text-to-speech", "TTS", "text to speech"),
        "AI Text-to-Speech",
        ("text to speech", "tts", "ai text to speech", "text-to-speech"),
        ("text to speach",),
    ),
    _s(
        "sp.computer-vision",
        "Computer vision",
        ("computer vision", "computer vision", "Computer Vision"),
        "Computer Vision",
        ("computer vision",),
        ("computer vison",),
    ),
    _s(
        "sp.gpt-4",
        "GPT-4",
        ("GPT-4", "GPT-4", "GPT-4 Turbo"),
        "GPT-4",
        ("gpt-4", "gpt 4", "gpt-4 api"),
    ),
    _s(
        "sp.langchain",
        "LangChain",
        ("LangChain", "LangChain", "Langchain"),
        "LangChain",
        ("langchain", "lang chain"),
        ("langchian",),
    ),
    _s(
        "sp.dall-e",
        "DALL-E",
        ("DALL-E", "DALL·E", "DALL-E 2"),
        "DALL-E",
        ("dall-e", "dalle", "dall e"),
    ),
    _s(
        "sp.openai-api",
        "OpenAI API",
        ("OpenAI API", "OpenAI API", "the OpenAI API"),
        "OpenAI API",
        ("openai api", "open ai api"),
    ),
    _s(
        "sp.hugging-face",
        "Hugging Face",
        ("Hugging Face", "Hugging Face", "HuggingFace"),
        "Hugging Face",
        ("hugging face", "huggingface"),
    ),
    _s(
        "sp.data-annotation",
        "Data annotation and labeling",
        ("data annotation", "data labeling", "data annotation and labeling"),
        "Data Annotation",
        ("data annotation", "data labeling"),
        ("data anotation",),
    ),
    _s(
        "sp.gans",
        "Generative adversarial networks",
        ("generative adversarial networks", "GANs", "generative adversarial network (GAN)"),
        "Generative Adversarial Network",
        ("gans", "generative adversarial network"),
    ),
)

#: Skill ID -> forms.
BY_ID: dict[str, SkillForms] = {s.skill_id: s for s in SKILLS}

#: The skills of the four published lists. Every posting and hire that plants a gen-AI skill
#: plants at least one of these (searches and profiles may name only a neighbour such as
#: GPT-4 or computer vision, which the built-in catalog also files under generative-ai).
CORE: frozenset[str] = frozenset(
    {
        "sp.chatgpt", "sp.bert", "sp.stable-diffusion", "sp.tensorflow", "sp.ai-chatbot",
        "sp.generative-ai", "sp.image-processing", "sp.pytorch",
        "sp.natural-language-processing", "sp.bard", "sp.ai-content-creation", "sp.gradio",
        "sp.azure-openai", "sp.convolutional-neural-network", "sp.large-language-models",
        "sp.midjourney", "sp.prompt-engineering", "sp.model-tuning", "sp.yolo",
        "sp.object-detection", "sp.ai-text-to-speech",
    }
)  # fmt: skip


def skill_index() -> dict[str, int]:
    """Skill ID -> position in :data:`SKILLS` (the column of the planted-skill matrix)."""
    return {s.skill_id: i for i, s in enumerate(SKILLS)}
