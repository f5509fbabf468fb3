"""Issue 13, recall pass: names the taxonomy implies that free text writes other ways.

Each rule derives names from the taxonomy's own data (vendors of product labels, acronyms
written inside labels, the head noun of "Software X" labels, closed compounds, versions) and
has a test here that fails without it; the sentences are real SkillSpan and HN phrases
(the audit's documents) unless marked otherwise. The negative cases are the precision
guards of each rule.
"""

from __future__ import annotations

import pytest

from skillpulse.extract import Extractor
from skillpulse.extract.names import name_decisions
from skillpulse.extract.sense import (
    SenseModel,
    inner_acronym_base,
    inner_acronyms,
    lightcast_product_names,
)
from skillpulse.taxonomy.model import Concept


def _labels(ex: Extractor, text: str, kind: str = "posting") -> set[str]:
    return {m.label for m in ex(text, kind)}


# -- vendor names stripped from Lightcast product labels -----------------------------------
def test_lightcast_product_names_without_their_vendor() -> None:
    prefixes = frozenset(["apache", "aws", "hp"])
    assert list(lightcast_product_names(Concept("lc.f", "Apache Flink"), prefixes)) == ["Flink"]
    assert list(lightcast_product_names(Concept("lc.c", "AWS CloudFormation"), prefixes)) == [
        "CloudFormation"]
    # a common English word is no product name ("Storm", "Lambda"); nor a vendor's copy of a
    # generic thing ("SDK"), nor English words only
    assert list(lightcast_product_names(Concept("lc.s", "Apache Storm"), prefixes)) == []
    assert list(lightcast_product_names(Concept("lc.l", "AWS Lambda"), prefixes)) == []
    assert list(lightcast_product_names(Concept("lc.d", "HP SDK"), prefixes)) == []
    assert list(lightcast_product_names(Concept("lc.e", "AWS Elastic Container Registry"),
                                        prefixes)) == []
    # only Lightcast labels (O*NET's have their own rule) and only after a vendor
    assert list(lightcast_product_names(Concept("onet.f", "Apache Flink"), prefixes)) == []
    assert list(lightcast_product_names(Concept("lc.v", "Visual Flink"), prefixes)) == []


def test_vendor_prefixes_are_names_not_adjectives(default_extractor: Extractor) -> None:
    model = SenseModel(default_extractor.taxonomy)
    # brands, and the acronym of a vendor's platform written inside an O*NET label
    # ("Amazon Web Services AWS software") that starts labels of its own
    assert {"apache", "oracle", "ibm", "microsoft", "aws", "hp"} <= model.vendor_prefixes
    # English adjectives that start many product labels are no vendor of a product name
    assert not {"visual", "virtual", "digital", "software", "data"} & model.vendor_prefixes


@pytest.mark.parametrize(("text", "label"), [
    # SkillSpan train: stream processing frameworks, infrastructure-as-code tools
    ("Experience working with any stream processing framework (e.g. Kafka Streams, Flink, "
     "Storm) is a plus", "Apache Flink"),
    ("Experience in infrastructure-As-Code (CloudFormation TerraForm etc).",
     "AWS CloudFormation"),
    # SkillSpan dev: load generation tools
    ("Test automation and load generation: e.g. Selenium WebDriver AngularJS Protractor "
     "LoadRunner JMeter", "HP Loadrunner"),
])
def test_vendor_stripped_product_names_are_found(default_extractor: Extractor, text: str,
                                                  label: str) -> None:
    assert label in _labels(default_extractor, text)


def test_a_stripped_name_never_shadows_a_plural(default_extractor: Extractor) -> None:
    # "Digital Dashboards" would leave "Dashboards": the plural of Dashboard stays Dashboard
    labels = _labels(default_extractor,
                     "building self-service analytics dashboards via AWS Redshift")
    assert "Dashboard" in labels and "Digital Dashboards" not in labels


# -- acronyms written inside labels ---------------------------------------------------------
def test_an_acronym_inside_a_label_abbreviates_the_words_before_it() -> None:
    label = "Simple network management protocol SNMP software"
    assert inner_acronym_base("SNMP", label) == "Simple network management protocol"
    assert list(inner_acronyms(Concept("onet.s", label))) == ["SNMP"]
    # a specialised variant ("... (CCNP) Wireless") and three-letter acronyms ("OMS", "EMS"
    # name too many things) give no name
    assert list(inner_acronyms(Concept("lc.c", "Cisco Certified Network Professional CCNP "
                                                "Wireless"))) == []
    assert list(inner_acronyms(Concept("onet.o", "Opportunity management system OMS"))) == []
    assert inner_acronym_base("SNMP", "Secure network SNMP software") is None


def test_inner_acronyms_are_found(default_extractor: Extractor) -> None:
    # SkillSpan train: a comma-less technology list; an HN-style job title
    # (Lightcast's "Simple Network Management Protocols" takes the acronym other labels
    # write for it; O*NET's product label spells it after its words)
    assert {"Simple network management protocol SNMP software",
            "Simple Network Management Protocols"} & _labels(
        default_extractor, "PostgreSQL & PostGIS ViewJS QGIS Python REST API Linux FreeRadius "
                           "SNMP")
    assert "Real time operating system RTOS software" in _labels(
        default_extractor, "Embedded IoT Engineer (C++ / Yocto Linux / RTOS)")
    # SkillSpan train: "Execution Management Systems (EMS)" is not O*NET's Energy EMS
    assert "Energy management system EMS" not in _labels(
        default_extractor, "the new market category of Execution Management Systems (EMS).")


# -- generic words of technical concepts in a list of distinctive skills --------------------
@pytest.mark.parametrize(("text", "label"), [
    # written for this test from the description ("testing", "debugging" in a
    # technical list), and SkillSpan train / dev phrases
    ("Experience with Python, testing, debugging and Docker", "Software Testing"),
    ("Experience with Python, testing, debugging and Docker", "Debugging"),
    ("Proven experience with JavaScript and frontend frameworks", "Front End (Software "
                                                                 "Engineering)"),
    ("Solution architecture (Scalability, Event-Driven); Testing with Jasmine",
     "Scalability"),
])
def test_generic_words_count_in_a_list_of_distinctive_skills(
        default_extractor: Extractor, text: str, label: str) -> None:
    assert label in _labels(default_extractor, text)


@pytest.mark.parametrize(("text", "label"), [
    ("We value testing new ideas with customers.", "Software Testing"),
    ("debugging is half the fun", "Debugging"),
    ("new Kubernetes features", "Software Features"),
    ("deliver on product requirements and features", "Software Features"),
    ("We value scalability", "Scalability"),
])
def test_generic_words_alone_stay_words(default_extractor: Extractor, text: str,
                                        label: str) -> None:
    assert label not in _labels(default_extractor, text)


def test_a_generic_word_is_no_skill_in_a_search_query(default_extractor: Extractor) -> None:
    assert "Software Testing" not in _labels(default_extractor, "python, testing", "search")


def test_the_decision_is_shown_per_name(default_extractor: Extractor) -> None:
    tax = default_extractor.taxonomy
    cid = next(c.id for c in tax if c.label == "Software Testing")
    rows = {r["name"]: r for r in name_decisions(tax, cid, default_extractor.matcher.names)}
    assert rows["testing"]["free_text"] == "context"
    assert rows["testing"]["rule"] == "tech_list"
    assert "list of distinctive skills" in str(rows["testing"]["why"])


# -- spaced versions -------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "label"), [
    ("Unity 3D game developer", "Unity (digital game creation systems)"),
    ("Prince 2 or similar qualification.", "PRINCE2  (PRojects IN Controlled Environments 2)"),
])
def test_a_version_written_apart_is_the_same_name(default_extractor: Extractor, text: str,
                                                  label: str) -> None:
    assert label in _labels(default_extractor, text)


def test_an_english_word_and_a_number_are_no_spaced_name(default_extractor: Extractor) -> None:
    # "HER2" (a gene) is no name for "her 2 children"
    assert "HER2" not in _labels(default_extractor, "She took her 2 children to work.")


# -- catalog: agile working -----------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "A collaborative mindset with the approach to work in an agile team",
    "Experience working in agile and/or SAFe agile environments.",
    "Agile working experience",
])
def test_agile_ways_of_working_are_agile(default_extractor: Extractor, text: str) -> None:
    assert "Agile methodology" in _labels(default_extractor, text)



# -- acronyms the taxonomy writes for a label; a vendor's platform acronym ------------------
@pytest.mark.parametrize(("text", "label"), [
    # SkillSpan train: JSON RPC; an ASP.NET MVC stack; HN title "Software Engineer - SDK"
    ("Experience with REST API WebSockets JSON RPC", "Remote Procedure Call"),
    ("Expert knowledge of ASP.NET and ASP.NET MVC 3 or up", "Model View Controller"),
    ("Software Engineer - SDK", "Software Development Kits"),
    # SkillSpan train: "AWS S3", "AWS Redshift" for Amazon's labels
    ("Our data lake holds hundreds of terabytes of data in AWS S3", "Amazon S3"),
    ("dashboards via AWS Redshift Apache Druid Redash and Tableau", "Amazon Redshift"),
])
def test_acronyms_in_use_reach_their_labels(default_extractor: Extractor, text: str,
                                            label: str) -> None:
    assert label in _labels(default_extractor, text)


def test_an_acronym_several_labels_spell_names_none(default_extractor: Extractor) -> None:
    # "ORM" spells Object-Relational Mapping, Operational Risk Management, Operating Room
    # Management, Object-Role Modeling: none of them gets it as a name
    names = {n.key: n for n in default_extractor.matcher.names}
    orm = names.get("orm")
    assert orm is None or orm.label not in {"Object-Relational Mapping",
                                            "Operational Risk Management",
                                            "Operating Room Management", "Object-Role Modeling"}


def test_the_vendor_acronym_is_learnt_from_the_labels(default_extractor: Extractor) -> None:
    model = SenseModel(default_extractor.taxonomy)
    # "Amazon Web Services AWS software" (O*NET) spells AWS; "AWS ..." labels use it
    assert model.vendor_acronyms.get("aws") == "amazon"


@pytest.mark.parametrize("text", [
    # agent phrasings of 2025 posts (written for this test): "voice AI" must not take the
    # "AI" of "voice AI agent" (leftmost of two equally long names)
    "We build a voice AI agent for restaurants",
    "Set up an AI calling agent for appointment reminders",
    "AI phone agents that answer inbound calls",
])
def test_more_agent_phrasings_are_ai_agents(default_extractor: Extractor, text: str) -> None:
    assert "AI agents" in _labels(default_extractor, text)
