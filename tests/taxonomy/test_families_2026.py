"""Every skill family of 2024-2026 that issue 19 lists resolves (issue 19, catalog current to
2026): a short sentence naming the skill, the way clients write it (bare product names too:
"S3", "o3", "Looker", "Power Query"), extracts the concept a reader expects. The names were
chosen by hand from the issue's families, the public reports in ../shared/data/published, the
Stack Overflow 2024 survey's AI columns and the HN stack field (docs/taxonomy.md)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from skillpulse.extract import Mention
from skillpulse.taxonomy import Taxonomy

#: (family, name as written, label of the concept a reader expects)
FAMILIES = [
    # -- agent frameworks and protocols
    ('agent frameworks and protocols', 'LangChain', 'LangChain'),
    ('agent frameworks and protocols', 'LangGraph', 'LangGraph'),
    ('agent frameworks and protocols', 'CrewAI', 'CrewAI'),
    ('agent frameworks and protocols', 'AutoGen', 'AutoGen'),
    ('agent frameworks and protocols', 'Semantic Kernel', 'Semantic Kernel'),
    ('agent frameworks and protocols', 'Agno', 'Agno'),
    ('agent frameworks and protocols', 'Mastra', 'Mastra'),
    ('agent frameworks and protocols', 'OpenAI Agents SDK', 'OpenAI Agents SDK'),
    ('agent frameworks and protocols', 'Google ADK', 'Google Agent Development Kit'),
    ('agent frameworks and protocols', 'Strands Agents', 'Strands Agents'),
    ('agent frameworks and protocols', 'Pydantic AI', 'Pydantic AI'),
    ('agent frameworks and protocols', 'smolagents', 'smolagents'),
    ('agent frameworks and protocols', 'LlamaIndex', 'LlamaIndex'),
    ('agent frameworks and protocols', 'Haystack', 'Haystack'),
    ('agent frameworks and protocols', 'DSPy', 'DSPy'),
    ('agent frameworks and protocols', 'Letta', 'Letta'),
    ('agent frameworks and protocols', 'Mem0', 'Mem0'),
    ('agent frameworks and protocols', 'MCP', 'Model Context Protocol'),
    ('agent frameworks and protocols', 'Model Context Protocol', 'Model Context Protocol'),
    ('agent frameworks and protocols', 'A2A', 'Agent2Agent protocol'),
    ('agent frameworks and protocols', 'Agent2Agent', 'Agent2Agent protocol'),
    # -- model families and versions
    ('model families and versions', 'ChatGPT', 'ChatGPT'),
    ('model families and versions', 'GPT-4', 'GPT-4'),
    ('model families and versions', 'GPT-4o', 'GPT-4o'),
    ('model families and versions', 'GPT-4o mini', 'GPT-4o'),
    ('model families and versions', 'GPT-4.1', 'GPT-4.1'),
    ('model families and versions', 'GPT-5', 'GPT-5'),
    ('model families and versions', 'GPT-5 mini', 'GPT-5'),
    ('model families and versions', 'o1', 'OpenAI o1'),
    ('model families and versions', 'o3', 'OpenAI o1'),
    ('model families and versions', 'o3-mini', 'OpenAI o1'),
    ('model families and versions', 'o4-mini', 'OpenAI o1'),
    ('model families and versions', 'o3-pro', 'OpenAI o1'),
    ('model families and versions', 'Claude', 'Claude'),
    ('model families and versions', 'Claude 3.7 Sonnet', 'Claude 3.7 Sonnet'),
    ('model families and versions', 'Claude Opus 4', 'Claude 4'),
    ('model families and versions', 'Gemini', 'Gemini'),
    ('model families and versions', 'Gemini 2.5 Pro', 'Gemini 2.5 Pro'),
    ('model families and versions', 'Gemini 2.5 Flash', 'Gemini 2.5 Pro'),
    ('model families and versions', 'Gemma 3', 'Gemma'),
    ('model families and versions', 'Llama 4', 'Llama'),
    ('model families and versions', 'Mistral', 'Mistral'),
    ('model families and versions', 'Mixtral', 'Mistral'),
    ('model families and versions', 'Codestral', 'Codestral'),
    ('model families and versions', 'DeepSeek', 'DeepSeek'),
    ('model families and versions', 'DeepSeek R1', 'DeepSeek'),
    ('model families and versions', 'Qwen3', 'Qwen'),
    ('model families and versions', 'Grok', 'Grok'),
    ('model families and versions', 'Phi-4', 'Microsoft Phi'),
    ('model families and versions', 'Command R+', 'Cohere'),
    ('model families and versions', 'Kimi K2', 'Kimi'),
    # -- coding assistants
    ('coding assistants', 'GitHub Copilot', 'GitHub Copilot'),
    ('coding assistants', 'Cursor', 'Cursor'),
    ('coding assistants', 'Windsurf', 'Windsurf'),
    ('coding assistants', 'Claude Code', 'Claude Code'),
    ('coding assistants', 'Codex', 'OpenAI Codex'),
    ('coding assistants', 'Codex CLI', 'OpenAI Codex'),
    ('coding assistants', 'Gemini CLI', 'Gemini Code Assist'),
    ('coding assistants', 'Cline', 'Cline'),
    ('coding assistants', 'Roo Code', 'Cline'),
    ('coding assistants', 'Aider', 'Aider'),
    ('coding assistants', 'Tabnine', 'Tabnine'),
    ('coding assistants', 'Cody', 'Cody'),
    ('coding assistants', 'Devin', 'Devin'),
    ('coding assistants', 'Replit', 'Replit'),
    ('coding assistants', 'Replit Agent', 'Replit Agent'),
    ('coding assistants', 'Lovable', 'Lovable'),
    ('coding assistants', 'Bolt.new', 'Bolt.new'),
    ('coding assistants', 'v0', 'v0.dev'),
    ('coding assistants', 'Amazon Q Developer', 'Amazon Q Developer'),
    ('coding assistants', 'JetBrains AI Assistant', 'JetBrains AI Assistant'),
    ('coding assistants', 'Zed', 'Zed editor'),
    ('coding assistants', 'Kiro', 'Kiro'),
    ('coding assistants', 'Jules', 'Google Jules'),
    ('coding assistants', 'Gemini Code Assist', 'Gemini Code Assist'),
    # -- video generators
    ('video generators', 'Sora', 'Sora'),
    ('video generators', 'Veo', 'Google Veo'),
    ('video generators', 'Veo 3', 'Google Veo'),
    ('video generators', 'Runway', 'Runway'),
    ('video generators', 'Runway Gen-3', 'Runway'),
    ('video generators', 'Pika', 'Pika Labs'),
    ('video generators', 'Kling', 'Kling AI'),
    ('video generators', 'Kling AI', 'Kling AI'),
    ('video generators', 'Luma Dream Machine', 'Luma Dream Machine'),
    ('video generators', 'Hailuo', 'Hailuo AI'),
    ('video generators', 'Synthesia', 'Synthesia'),
    ('video generators', 'HeyGen', 'HeyGen'),
    ('video generators', 'D-ID', 'D-ID'),
    ('video generators', 'Descript', 'Descript'),
    ('video generators', 'Opus Clip', 'Opus Clip'),
    ('video generators', 'InVideo', 'InVideo AI'),
    # -- voice generators
    ('voice generators', 'ElevenLabs', 'ElevenLabs'),
    ('voice generators', 'PlayHT', 'PlayHT'),
    ('voice generators', 'Murf AI', 'Murf AI'),
    ('voice generators', 'WellSaid Labs', 'WellSaid Labs'),
    ('voice generators', 'Resemble AI', 'Resemble AI'),
    ('voice generators', 'Deepgram', 'Deepgram'),
    ('voice generators', 'AssemblyAI', 'AssemblyAI'),
    ('voice generators', 'Whisper', 'Whisper'),
    ('voice generators', 'Vapi', 'Vapi'),
    ('voice generators', 'Retell AI', 'Retell AI'),
    ('voice generators', 'Bland AI', 'Bland AI'),
    # -- music generators
    ('music generators', 'Suno', 'Suno'),
    ('music generators', 'Udio', 'Udio'),
    ('music generators', 'AIVA', 'AIVA'),
    ('music generators', 'Soundraw', 'Soundraw'),
    ('music generators', 'Stable Audio', 'Stable Audio'),
    # -- automation platforms
    ('automation platforms', 'Zapier', 'Zapier'),
    ('automation platforms', 'Make.com', 'Make.com'),
    ('automation platforms', 'n8n', 'n8n'),
    ('automation platforms', 'Power Automate', 'Microsoft Power Automate'),
    ('automation platforms', 'Power Apps', 'Power Apps'),
    ('automation platforms', 'UiPath', 'UiPath (RPA Software)'),
    ('automation platforms', 'Pipedream', 'Pipedream'),
    ('automation platforms', 'Activepieces', 'Activepieces'),
    ('automation platforms', 'Relay.app', 'Relay.app'),
    ('automation platforms', 'Gumloop', 'Gumloop'),
    ('automation platforms', 'Lindy', 'Lindy AI'),
    ('automation platforms', 'Copilot Studio', 'Microsoft Copilot Studio'),
    # -- evaluation
    ('evaluation', 'LangSmith', 'LangSmith'),
    ('evaluation', 'Langfuse', 'Langfuse'),
    ('evaluation', 'Ragas', 'Ragas'),
    ('evaluation', 'DeepEval', 'DeepEval'),
    ('evaluation', 'promptfoo', 'promptfoo'),
    ('evaluation', 'Arize Phoenix', 'Arize Phoenix'),
    ('evaluation', 'TruLens', 'TruLens'),
    ('evaluation', 'Braintrust', 'Braintrust'),
    ('evaluation', 'Helicone', 'Helicone'),
    ('evaluation', 'OpenAI Evals', 'OpenAI Evals'),
    ('evaluation', 'LLM evaluation', 'LLM evaluation'),
    ('evaluation', 'LLM-as-a-judge', 'LLM-as-a-judge'),
    ('evaluation', 'Weights & Biases', 'Weights & Biases'),
    ('evaluation', 'MLflow', 'MLflow'),
    # -- guardrails
    ('guardrails', 'Guardrails AI', 'Guardrails AI'),
    ('guardrails', 'NeMo Guardrails', 'NeMo Guardrails'),
    ('guardrails', 'Llama Guard', 'Llama Guard'),
    ('guardrails', 'Lakera Guard', 'Lakera Guard'),
    ('guardrails', 'prompt injection', 'Prompt injection defense'),
    ('guardrails', 'AI red teaming', 'AI red teaming'),
    # -- data annotation and RLHF
    ('data annotation and RLHF', 'RLHF', 'RLHF'),
    ('data annotation and RLHF', 'DPO', 'Direct preference optimization'),
    ('data annotation and RLHF', 'reward modeling', 'Reward modeling'),
    ('data annotation and RLHF', 'data annotation', 'Data annotation and labeling'),
    ('data annotation and RLHF', 'Scale AI', 'Scale AI'),
    ('data annotation and RLHF', 'Outlier AI', 'Outlier AI'),
    ('data annotation and RLHF', 'DataAnnotation', 'DataAnnotation.tech'),
    ('data annotation and RLHF', 'Remotasks', 'Remotasks'),
    ('data annotation and RLHF', 'Surge AI', 'Surge AI'),
    ('data annotation and RLHF', 'Labelbox', 'Labelbox'),
    ('data annotation and RLHF', 'Label Studio', 'Label Studio'),
    ('data annotation and RLHF', 'SuperAnnotate', 'SuperAnnotate'),
    ('data annotation and RLHF', 'Appen', 'Appen'),
    ('data annotation and RLHF', 'Toloka', 'Toloka'),
    # -- AI-assisted testing
    ('AI-assisted testing', 'testRigor', 'testRigor'),
    ('AI-assisted testing', 'Mabl', 'mabl'),
    ('AI-assisted testing', 'Testim', 'Testim'),
    ('AI-assisted testing', 'Applitools', 'Applitools'),
    ('AI-assisted testing', 'Functionize', 'Functionize'),
    ('AI-assisted testing', 'Katalon', 'Katalon Studio'),
    ('AI-assisted testing', 'QA Wolf', 'QA Wolf'),
    ('AI-assisted testing', 'Playwright', 'Playwright'),
    # -- BI tools
    ('BI tools', 'Power BI', 'Power BI'),
    ('BI tools', 'Copilot in Power BI', 'Copilot in Power BI'),
    ('BI tools', 'Power Query', 'Power Query'),
    ('BI tools', 'DAX', 'DAX'),
    ('BI tools', 'Tableau', 'Tableau'),
    ('BI tools', 'Tableau Pulse', 'Tableau Pulse'),
    ('BI tools', 'ThoughtSpot', 'ThoughtSpot'),
    ('BI tools', 'Looker', 'Looker'),
    ('BI tools', 'Looker Studio', 'Looker Studio'),
    ('BI tools', 'Microsoft Fabric', 'Microsoft Fabric'),
    ('BI tools', 'Databricks Genie', 'Databricks AI/BI Genie'),
    ('BI tools', 'Julius AI', 'Julius AI'),
    # -- cloud and data names
    ('cloud and data names', 'S3', 'Amazon S3'),
    ('cloud and data names', 'Amazon S3', 'Amazon S3'),
    ('cloud and data names', 'Redshift', 'Amazon Redshift'),
    ('cloud and data names', 'DynamoDB', 'Amazon DynamoDB'),
    ('cloud and data names', 'PowerShell', 'Microsoft PowerShell'),
    ('cloud and data names', 'BigQuery', 'BigQuery'),
    ('cloud and data names', 'Snowflake', 'Snowflake'),
    ('cloud and data names', 'dbt', 'dbt'),
]


@pytest.fixture(scope="module")
def extract() -> Callable[[str], list[Mention]]:
    from skillpulse.extract.store import build_extractor

    return build_extractor(Taxonomy.default())


@pytest.fixture(scope="module")
def default() -> Taxonomy:
    return Taxonomy.default()


def test_every_family_is_in_the_table() -> None:
    families = {f for f, _, _ in FAMILIES}
    assert len(families) == 13 and len(FAMILIES) >= 180


@pytest.mark.parametrize(("family", "name", "label"), FAMILIES)
def test_family_name_resolves(family: str, name: str, label: str,
                              extract: Callable[[str], list[Mention]],
                              default: Taxonomy) -> None:
    found = [m for m in extract(f"Skills: Python, {name}, SQL")
             if m.skill_id not in ("sp.python", "sp.sql")]
    assert found, f"{family}: {name!r} resolves to nothing"
    assert default.get(found[0].skill_id).label == label, (family, name)


def test_openai_models_sit_under_gpt(default: Taxonomy) -> None:
    # version concepts of the GPT family (and the o-series, written as aliases of OpenAI o1)
    # have GPT as parent, as Claude and Gemini versions have theirs
    under = {c.id for c in default.descendants("sp.gpt")}
    assert {"sp.gpt-3", "sp.gpt-3-5", "sp.gpt-4", "sp.gpt-4o", "sp.gpt-4-1", "sp.gpt-5",
            "sp.openai-o1"} <= under
    assert default.resolve("o3").id == "sp.openai-o1"


@pytest.mark.parametrize("prose", [
    "The headset delivers stable audio and clear video for calls.",
    "Open the relay app on your phone.",
    "We need a looker who can spot talent.",
    "Zed was late. Jules and Lindy joined the call about the v0 draft.",
    "Season S3 episodes air in May; the o3 sensor reads oxygen.",
    "A pika lives in the mountains.",
])
def test_new_names_are_not_ordinary_words_in_prose(
        prose: str, extract: Callable[[str], list[Mention]]) -> None:
    # the third pass's names that are English words or short tokens count only in a list
    # of skills or near a technical cue
    assert [m.text for m in extract(prose) if m.skill_id.startswith("sp.")] == []
