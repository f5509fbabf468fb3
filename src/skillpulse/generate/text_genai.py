"""Sentences for generative-AI work, per planted skill.

``{f}`` stands for one surface form of the skill (see ``vocab.py``). A sentence names only its
own skill: the filler around gen-AI work (``TECH``, ``CONTENT``, ``CREATIVE``) names none.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SkillText:
    flavor: str  # tech | content | creative
    titles: tuple[str, ...]
    overview: tuple[str, ...]
    tasks: tuple[str, ...]
    needs: tuple[str, ...]
    #: suffixes of search queries ("" = the form alone)
    qsuffix: tuple[str, ...] = ("", "", " expert", " developer", " specialist", " freelancer")
    #: profile titles
    ptitles: tuple[str, ...] = ()


def _x(
    flavor: str,
    titles: tuple[str, ...],
    overview: tuple[str, ...],
    tasks: tuple[str, ...],
    needs: tuple[str, ...],
    qsuffix: tuple[str, ...] = ("", "", " expert", " developer", " specialist", " freelancer"),
    ptitles: tuple[str, ...] = (),
) -> SkillText:
    return SkillText(flavor, titles, overview, tasks, needs, qsuffix, ptitles)


TEXT: dict[str, SkillText] = {
    "sp.chatgpt": _x(
        "content",
        (
            "{f} Expert to Speed Up Our Content Workflow",
            "Help Us Use {f} Across the Team",
            "{f} Specialist for Customer Emails and Docs",
            "Integrate {f} into Our Support Process",
            "{f} Consultant for a {industry} Business",
        ),
        (
            "We want to use {f} to draft emails, summarise calls and answer routine customer questions, with a human reviewing everything before it goes out.",
            "Our team already pays for {f} but nobody uses it well. We need someone to set up good workflows and train five people.",
            "We are looking for a person who knows {f} inside out and can turn it into a reliable daily tool for our {industry} team.",
        ),
        (
            "Set up {f} workflows for drafting and editing",
            "Write reusable instructions and templates for {f}",
            "Train our staff to use {f} safely",
            "Review {f} drafts for accuracy and tone",
        ),
        ("Hands-on experience with {f} for business work", "Examples of {f} workflows you built"),
        ("", "", " expert", " writer", " content", " integration", " consultant", " for business"),
        ("{f} Specialist", "Content Writer | {f}"),
    ),
    "sp.bert": _x(
        "tech",
        (
            "{f} Text Classifier for Support Tickets",
            "Train {f} to Sort Customer Reviews",
            "{f} Engineer for Document Search",
        ),
        (
            "We want to classify incoming support tickets into twelve categories with {f}, trained on about 40,000 labelled examples.",
            "We need a {f} pipeline that reads customer reviews and tags the product features they mention.",
        ),
        (
            "Train and evaluate {f} on our labelled data",
            "Serve {f} behind a small REST endpoint",
            "Compare {f} against our keyword rules",
        ),
        ("Production experience with {f}", "Python and PyData stack"),
        ("",),
        ("{f} Engineer",),
    ),
    "sp.stable-diffusion": _x(
        "creative",
        (
            "{f} Artist for Product Images",
            "Create Marketing Visuals with {f}",
            "{f} Expert for Consistent Character Art",
            "{f} Setup on Our Own Server",
        ),
        (
            "We sell furniture online and want lifestyle images of our products generated with {f}, then touched up by hand.",
            "We need someone experienced with {f} to create a consistent set of characters for a mobile game.",
            "We want {f} running on our own GPU server so the design team can create concept art without uploading anything.",
        ),
        (
            "Create image sets with {f} from our briefs",
            "Keep a consistent style across {f} outputs",
            "Install and configure {f} on our server",
        ),
        ("A portfolio of {f} work", "Experience with {f} workflows and extensions"),
        ("", "", " artist", " expert", " images", " developer"),
        ("{f} Artist", "Digital Artist | {f}"),
    ),
    "sp.tensorflow": _x(
        "tech",
        (
            "{f} Developer for Retail Demand Project",
            "{f} Engineer to Optimise Training",
            "Port Our {f} Model to Mobile",
            "{f} Expert Needed",
        ),
        (
            "We have a {f} model that estimates weekly sales of 2,000 products and want it retrained, cleaned up and moved to a scheduled pipeline.",
            "Our {f} training runs take two days. We need an engineer who can profile and speed them up.",
            "We want our {f} model converted for on-device use in our Android app.",
        ),
        (
            "Refactor the {f} training code",
            "Profile and speed up {f} training",
            "Export the {f} model for serving",
        ),
        ("Strong {f} experience in production", "Experience with GPUs and cloud training"),
        ("", "", " developer", " expert", " engineer"),
        ("Machine Learning Engineer | {f}",),
    ),
    "sp.ai-chatbot": _x(
        "tech",
        (
            "Build an {f} for Our Website",
            "{f} Developer for Customer Support",
            "{f} for Appointment Booking",
            "Improve Our Existing {f}",
        ),
        (
            "We want an {f} on our website that answers questions about orders, returns and delivery, and hands over to a person when it is unsure.",
            "Our clinic needs an {f} that books, moves and cancels appointments through our scheduling system.",
            "We already have an {f} but it gives wrong answers too often. We need someone to audit it and fix it.",
        ),
        (
            "Design the conversation flows of the {f}",
            "Connect the {f} to our help centre and order system",
            "Test the {f} with real customer questions",
            "Monitor and improve the {f} every week",
        ),
        ("Experience building an {f} for business", "Python or Node.js"),
        ("", "", " developer", " for website", " expert", " builder"),
        ("{f} Developer", "Conversational Designer | {f}"),
    ),
    "sp.generative-ai": _x(
        "content",
        (
            "{f} Consultant for {industry} Company",
            "{f} Strategy and Pilot Projects",
            "{f} Developer for Internal Tools",
            "Help Us Adopt {f}",
        ),
        (
            "We want to understand where {f} can save time in our {industry} business and run two small pilot projects this quarter.",
            "We are looking for a consultant to map our processes, pick the best {f} use cases and build a first prototype.",
            "Our leadership wants a practical {f} plan: what to try, what it costs and what the risks are.",
        ),
        (
            "Run workshops to find {f} use cases",
            "Build a {f} prototype for the best use case",
            "Write a {f} usage policy for staff",
        ),
        ("Practical {f} project experience", "Able to explain {f} to non-technical people"),
        ("", "", " expert", " consultant", " developer", " specialist"),
        ("{f} Consultant", "{f} Engineer"),
    ),
    "sp.image-processing": _x(
        "tech",
        (
            "{f} Engineer for Scanned Documents",
            "{f} Pipeline for Product Photos",
            "Python {f} Expert",
            "{f} for Medical Scans",
        ),
        (
            "We receive thousands of scanned invoices a week and need an {f} pipeline that straightens, cleans and crops them before review.",
            "We need {f} that removes backgrounds and normalises lighting on product photos before they go to our store.",
            "Our research group needs {f} tools to measure regions in microscope images.",
        ),
        (
            "Build the {f} pipeline in Python",
            "Measure {f} quality on sample sets",
            "Speed up {f} for large batches",
        ),
        ("Experience with {f} in Python", "NumPy and Pillow"),
        ("", "", " python", " expert", " engineer"),
        ("{f} Engineer",),
    ),
    "sp.pytorch": _x(
        "tech",
        (
            "{f} Engineer for Research Prototype",
            "{f} Developer to Train Custom Model",
            "Migrate Training Code to {f}",
            "{f} Expert for GPU Optimisation",
        ),
        (
            "We have a research prototype in {f} and need it turned into clean, tested code that our team can extend.",
            "We need a {f} developer to train a custom model on our data and package it for inference.",
            "Our training code is old and slow; we want it rewritten in modern {f}.",
        ),
        (
            "Write clean {f} training and evaluation code",
            "Package the {f} model for inference",
            "Profile GPU memory and speed in {f}",
        ),
        ("Strong {f} experience", "Comfortable with Linux and GPUs"),
        ("", "", " developer", " expert", " engineer"),
        ("{f} Engineer", "Machine Learning Engineer | {f}"),
    ),
    "sp.natural-language-processing": _x(
        "tech",
        (
            "{f} Engineer for Contract Analysis",
            "{f} Expert to Extract Fields from Emails",
            "{f} Specialist for Multilingual Reviews",
            "{f} Developer Needed",
        ),
        (
            "We want to use {f} to pull parties, dates and amounts out of contracts so our legal team can search them.",
            "We need an {f} expert to analyse customer reviews in five languages and group them by topic.",
            "Our support inbox gets 3,000 emails a day; we want {f} to route them to the right team.",
        ),
        (
            "Build the {f} pipeline end to end",
            "Evaluate {f} accuracy on labelled samples",
            "Handle several languages in the {f} pipeline",
        ),
        ("Proven {f} experience", "Python and text data at scale"),
        ("",),
        ("{f} Engineer", "Data Scientist | {f}"),
    ),
    "sp.bard": _x(
        "content",
        (
            "{f} Expert for Research Summaries",
            "Compare {f} with Our Current Tools",
            "{f} Integration for Content Team",
        ),
        (
            "We want to test {f} for research summaries and compare its answers with the tools our analysts already use.",
            "Our content team wants to try {f} for first drafts; we need someone to set up and document good practices.",
        ),
        ("Test {f} on our real research questions", "Document where {f} helps and where it fails"),
        ("Experience using {f} for real work",),
        ("", " expert", " help"),
        ("{f} Specialist",),
    ),
    "sp.ai-content-creation": _x(
        "content",
        (
            "{f} Specialist for Blog and Social",
            "Writer Skilled in {f}",
            "{f} for E-commerce Product Pages",
            "{f} and Human Editing",
        ),
        (
            "We publish 60 articles a month and want to scale with {f}, with an experienced editor making every piece accurate and readable.",
            "We need someone skilled in {f} to produce product descriptions for 4,000 items in our brand voice.",
            "We want a writer who combines {f} with careful research and editing for our {industry} blog.",
        ),
        (
            "Produce drafts with {f} and edit them thoroughly",
            "Set up a {f} workflow with quality checks",
            "Fact-check and rewrite {f} where needed",
        ),
        ("Samples of {f} you edited", "Excellent English writing"),
        ("", "", " writer", " specialist", " expert", " for blog"),
        ("{f} Specialist", "Writer & Editor | {f}"),
    ),
    "sp.gradio": _x(
        "tech",
        (
            "{f} Developer for Demo App",
            "Build a {f} Interface for Our Model",
            "{f} App on Our Server",
        ),
        (
            "We need a {f} app so our sales team can demo our model to customers without touching code.",
            "We want a simple {f} interface where reviewers upload files and see the results side by side.",
        ),
        ("Build the {f} app with upload and results views", "Deploy the {f} app behind our login"),
        ("Experience building {f} apps", "Python"),
        ("", "", " app", " developer"),
        ("Python Developer | {f}",),
    ),
    "sp.azure-openai": _x(
        "tech",
        (
            "{f} Developer for Internal Knowledge Assistant",
            "{f} Integration in Our Microsoft Stack",
            "{f} Architect Needed",
        ),
        (
            "We are a Microsoft shop and want to build an internal assistant on {f} that answers questions from our policies and manuals.",
            "We need an architect to design a secure {f} setup for three teams, with logging and cost controls.",
        ),
        (
            "Set up {f} resources and access control",
            "Build the first {f} application end to end",
            "Monitor {f} usage and cost",
        ),
        ("Hands-on {f} experience", "Azure and .NET or Python"),
        ("", "", " developer", " consultant"),
        ("{f} Developer",),
    ),
    "sp.convolutional-neural-network": _x(
        "tech",
        (
            "{f} for Defect Detection",
            "Train a {f} on Our Image Data",
            "{f} Engineer for Quality Control",
        ),
        (
            "We inspect metal parts on a production line and want a {f} that flags scratches and dents from camera images.",
            "We need a {f} trained on 60,000 labelled images of plant leaves to recognise common diseases.",
        ),
        ("Train and evaluate the {f}", "Deploy the {f} on an edge device"),
        ("Experience training a {f} in production", "Python"),
        ("", "", " training", " engineer"),
        ("Engineer | {f}",),
    ),
    "sp.large-language-models": _x(
        "tech",
        (
            "{f} Engineer for Internal Search",
            "Build Product Features with {f}",
            "{f} Consultant for {industry} Company",
            "{f} Developer Needed",
        ),
        (
            "We want to build features on {f} that answer questions from our product documentation and cite the pages they used.",
            "We are looking for an engineer who has shipped products with {f} and can help us avoid the usual mistakes.",
            "We want to evaluate several {f} for summarising customer calls and pick the best one on cost and quality.",
        ),
        (
            "Design and build the {f} application",
            "Evaluate {f} answers on a test set",
            "Control cost and latency of {f} calls",
        ),
        ("Shipped products using {f}", "Strong Python"),
        ("", "", " developer", " engineer", " expert", " consultant"),
        ("{f} Engineer", "Engineer | {f}"),
    ),
    "sp.midjourney": _x(
        "creative",
        (
            "{f} Artist for Book Covers",
            "{f} Images for Our Campaign",
            "{f} Expert for Logo Ideas",
            "{f} Designer for Social Media",
        ),
        (
            "We want a designer who uses {f} to create covers for a series of six novels, finished in Photoshop.",
            "We need campaign images made with {f} that match our brand colours and look like real photography.",
            "We want logo and mascot ideas from {f} that a designer then turns into clean vector files.",
        ),
        ("Create image sets in {f} from our briefs", "Retouch {f} images in Photoshop"),
        ("A portfolio of {f} work", "Good design sense"),
        ("", "", " artist", " logo", " expert", " designer", " images"),
        ("{f} Artist", "Graphic Designer | {f}"),
    ),
    "sp.prompt-engineering": _x(
        "content",
        (
            "Experienced Prompt Engineer for Marketing Team",
            "{f} for Customer Support Replies",
            "{f} and Quality Review",
        ),
        (
            "We are hiring a specialist in {f} to design and test instructions that give consistent, on-brand results for our marketing team.",
            "We need help with {f} for our support replies: clear, accurate answers that follow our policies.",
        ),
        ("Design and test instructions ({f})", "Document {f} best practices for the team"),
        ("Proven {f} results", "Very good written English"),
        ("", "", " jobs", " course", " freelancer"),
        ("{f} Specialist",),
    ),
    "sp.model-tuning": _x(
        "tech",
        ("{f} Expert to Improve Accuracy", "{f} for Our Pricing Pipeline"),
        (
            "Our model works but plateaued; we need {f} to get the last few points of accuracy without overfitting.",
            "We want systematic {f} with proper validation and a report of what mattered.",
        ),
        ("Run systematic {f} with cross-validation", "Report the results of {f} clearly"),
        ("Experience with {f}",),
        ("", "", " expert", " service"),
        ("Engineer | {f}",),
    ),
    "sp.yolo": _x(
        "tech",
        ("{f} Developer for People Counting", "Train {f} on Custom Dataset", "{f} on Edge Devices"),
        (
            "We want {f} to count people entering our stores from existing camera feeds.",
            "We need {f} trained on our own images of pallets and forklifts in a warehouse.",
        ),
        ("Train {f} on our labelled images", "Run {f} in real time on an edge box"),
        ("Experience training {f}",),
        ("", "", " developer", " training", " expert"),
        ("{f} Developer",),
    ),
    "sp.object-detection": _x(
        "tech",
        ("{f} for Retail Shelves", "{f} Engineer for Drone Footage", "{f} Project"),
        (
            "We need {f} that finds missing products on supermarket shelves from phone photos.",
            "We want {f} on drone footage to find damaged solar panels.",
        ),
        ("Build and evaluate the {f} model", "Measure {f} precision and recall on real footage"),
        ("Proven {f} projects",),
        ("", "", " engineer", " python", " expert"),
        ("{f} Engineer",),
    ),
    "sp.ai-text-to-speech": _x(
        "creative",
        (
            "{f} Voices for E-learning Course",
            "{f} Setup for Audiobook Production",
            "{f} Integration for Our App",
        ),
        (
            "We want natural {f} narration for 40 short lessons, with a person checking pronunciation of technical terms.",
            "We need {f} built into our reading app so users can listen to articles.",
        ),
        ("Produce narration with {f} and check every file", "Integrate {f} into our app"),
        ("Experience with {f} tools",),
        ("", "", " expert", " voice", " integration"),
        ("Audio Producer | {f}",),
    ),
    "sp.computer-vision": _x(
        "tech",
        ("{f} Engineer for Inspection System", "{f} Consultant"),
        (
            "Our inspection system needs better {f} for parts that are shiny or partly hidden.",
            "We are planning a {f} product and need an expert to review our approach.",
        ),
        ("Design the {f} pipeline", "Review our {f} data and results"),
        ("Years of {f} experience",),
        ("", "", " engineer", " expert", " python"),
        ("{f} Engineer",),
    ),
    "sp.gpt-4": _x(
        "tech",
        ("{f} Integration for Report Writing", "{f} Developer"),
        (
            "We want {f} to draft first versions of our monthly client reports from structured data.",
            "We are testing {f} for summarising long documents and need careful evaluation.",
        ),
        ("Integrate {f} into our reporting tool", "Evaluate {f} output quality"),
        ("Experience building with {f}",),
        ("", "", " developer", " integration"),
        ("{f} Developer",),
    ),
    "sp.langchain": _x(
        "tech",
        ("{f} Developer for Document Assistant", "{f} Expert"),
        (
            "Our prototype uses {f} and needs to be made reliable and observable.",
            "We want a developer experienced with {f} to connect our document store.",
        ),
        ("Refactor the {f} code", "Add tests and tracing to the {f} app"),
        ("Production experience with {f}",),
        ("", "", " developer", " expert"),
        ("{f} Developer",),
    ),
    "sp.dall-e": _x(
        "creative",
        ("{f} Images for Blog Posts",),
        (
            "We also use {f} for quick illustrations of blog posts.",
            "Some of the images can be made with {f} and then edited.",
        ),
        ("Create illustrations with {f}",),
        ("Experience with {f}",),
        ("", "", " images", " artist"),
        ("Illustrator | {f}",),
    ),
    "sp.openai-api": _x(
        "tech",
        ("Integrate the {f} into Our Web App",),
        (
            "The application calls {f} from our backend.",
            "We already have an account with {f} and want usage logged per customer.",
        ),
        ("Integrate {f} calls with retries and logging", "Track {f} costs per customer"),
        ("Experience with {f}",),
        ("", "", " integration", " developer"),
        ("{f} Developer",),
    ),
    "sp.hugging-face": _x(
        "tech",
        ("{f} Model Deployment",),
        (
            "We would like to use open models from {f} where they are good enough.",
            "Our models are published on {f} and need proper model cards.",
        ),
        ("Select and benchmark models from {f}", "Publish our models on {f}"),
        ("Experience with {f}",),
        ("", "", " models", " developer"),
        ("Engineer | {f}",),
    ),
    "sp.data-annotation": _x(
        "tech",
        ("{f} Team Lead for Image Dataset",),
        (
            "We also need {f} for about 20,000 images, with clear guidelines and quality checks.",
            "Part of the project is {f} of our own images by a small team.",
        ),
        ("Organise {f} with written guidelines", "Review {f} quality on samples"),
        ("Experience managing {f}",),
        ("", "", " jobs", " specialist"),
        ("{f} Specialist",),
    ),
    "sp.gans": _x(
        "tech",
        ("Research Engineer for {f}",),
        (
            "We also want to test {f} to create synthetic training images.",
            "An earlier prototype used {f} to restore old photos.",
        ),
        ("Train {f} on our images",),
        ("Experience with {f}",),
        ("", "", " expert"),
        ("Research Engineer | {f}",),
    ),
}

#: Filler for gen-AI documents by flavor: names no planted skill.
TECH_TASKS: tuple[str, ...] = (
    "Write clean Python code with tests",
    "Deploy the service on AWS with Docker",
    "Document the setup so our team can maintain it",
    "Build a small web interface with FastAPI",
    "Evaluate quality on a held-out set of real examples",
    "Keep the cost per request under control",
    "Set up logging and error alerts",
    "Hand over the code with a short walkthrough call",
)
TECH_NEEDS: tuple[str, ...] = (
    "Strong Python",
    "Experience deploying to AWS or GCP",
    "Good written English",
    "Able to explain trade-offs clearly",
    "Available for a weekly call",
    "Experience with Git",
)
CONTENT_TASKS: tuple[str, ...] = (
    "Keep our brand voice consistent",
    "Fact-check every claim and cite sources",
    "Deliver work in weekly batches",
    "Write short guides for the team",
    "Track time saved and report it monthly",
    "Edit drafts so they read naturally",
)
CONTENT_NEEDS: tuple[str, ...] = (
    "Excellent written English",
    "Experience in marketing or communications",
    "Organised and reliable",
    "Samples of published work",
)
CREATIVE_TASKS: tuple[str, ...] = (
    "Follow our brand colours and style guide",
    "Retouch final images in Photoshop",
    "Deliver high-resolution files",
    "Offer two rounds of revisions",
    "Keep a shared folder of finished work",
)
CREATIVE_NEEDS: tuple[str, ...] = (
    "Strong portfolio",
    "Good eye for composition",
    "Fast turnaround",
    "Adobe Photoshop",
)
FLAVOR_CATEGORY: dict[str, str] = {
    "tech": "Data Science & Analytics",
    "content": "Writing",
    "creative": "Design & Creative",
}
FLAVOR_TAGS: dict[str, tuple[str, ...]] = {
    "tech": ("Python", "API Integration", "Docker", "AWS", "Data Science", "FastAPI"),
    "content": ("Content Writing", "Copywriting", "Editing", "Marketing Strategy"),
    "creative": ("Graphic Design", "Adobe Photoshop", "Illustration", "Art Direction"),
}
#: Profile overview openings for freelancers with gen-AI skills.
AI_PROFILE_SENTENCES: tuple[str, ...] = (
    "I recently added {f} to the way I work and use it on most projects.",
    "Clients hire me for {f} work, from first idea to delivery.",
    "I have completed several projects with {f} this year.",
    "Skilled in {f}.",
)
