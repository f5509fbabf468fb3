"""Paragraphs every posting can use: company introductions, ways of working, how to apply.

None of them names a skill of the generative-AI category.
"""

from __future__ import annotations

INTROS: tuple[str, ...] = (
    "We are a {size_word} {industry} company based in {city}. Over the last few years we have grown from a handful of people to a team that serves customers in several countries, and we now need extra help from an experienced freelancer.",
    "Hi! I am the founder of a {industry} business with a small remote team. We have loyal customers and a clear plan for this year, but we are short on hands and want to work with someone who takes ownership.",
    "Our agency works with {industry} clients across North America and Europe. We keep our core team small and bring in trusted freelancers for projects like this one, often for repeat work.",
    "We are a {size_word} team in the {industry} space. Our customers are mostly small businesses, and everything we build has to be simple, reliable and easy to explain.",
    "I run operations for a {industry} company in {city}. We are profitable, growing steadily and looking for a freelancer we can rely on for this project and, if it goes well, for future work.",
    "We are a remote-first {industry} company with people in six time zones. We value clear writing, honest estimates and work that is finished properly.",
    "Our company has served the {industry} market for more than ten years. We are modernising how we work and need a specialist to help with the project described below.",
    "We are an early-stage startup in {industry}. We raised a small pre-seed round this year and are moving quickly, so we need someone who is comfortable with changing priorities.",
)
SIZE_WORDS: dict[str, tuple[str, ...]] = {
    "small": ("small", "family-run", "two-person", "small but busy"),
    "midsize": ("mid-sized", "growing", "150-person", "fast-growing"),
    "large": ("large", "global", "well-established", "multinational"),
}
CITIES: tuple[str, ...] = (
    "Austin",
    "Toronto",
    "London",
    "Sydney",
    "Denver",
    "Berlin",
    "Chicago",
    "Miami",
    "Dublin",
    "Amsterdam",
    "Seattle",
    "Atlanta",
    "Melbourne",
    "Vancouver",
    "Boston",
    "Manchester",
)
CONTEXT: tuple[str, ...] = (
    "To give you some context: the work has been on our list for months, but our own team is busy with day-to-day operations. We have written down what we know, collected examples of what we like, and we are ready to answer questions quickly so you are never blocked.",
    "Some background: we tried to do this in-house last year and learned a lot about what does not work. We would rather pay for experience than repeat those mistakes, so please tell us honestly if you think our plan should change.",
    "This is a defined project with a clear first milestone. If the first milestone goes well, there is more work after it, and we have a history of keeping good freelancers for a long time.",
    "We care about quality more than speed, but we do have a launch date in mind. We would like to see a first version within two to three weeks and then iterate based on feedback from real users.",
    "You will work directly with me and one colleague who knows the details of our business. We keep meetings short, write things down, and prefer a short daily update in writing over long calls.",
    "We already have accounts for the tools mentioned below and can give you access on day one. We will also share the documents and examples we have collected so far.",
)
DETAIL: tuple[str, ...] = (
    "A bit more about the scope: we have already listed the must-haves and the nice-to-haves, and we will prioritise them with you in the first week. Anything that turns out to be harder than expected should be discussed before you spend time on it, not after.",
    "About our customers: most of them are busy owners of small businesses who do not have time to learn new tools. Whatever you deliver has to be simple to use, explained in plain language, and tested with a few real users before we call it done.",
    "What we have today: a handful of documents, a shared drive with examples, and notes from customer calls. They are not perfectly organised, so part of the first week will be reading and asking questions. We will make ourselves available for that.",
    "Why now: our volume has doubled since last year and the way we work no longer scales. This project is one of three priorities for the next quarter, so it will get attention from the leadership team and quick decisions when you need them.",
    "Quality matters to us: we review every deliverable carefully, we will ask questions, and we will sometimes ask for changes. In return we promise clear feedback, quick payment, and a five-star review for good work.",
    "Long-term potential: we have a steady pipeline of similar work for the rest of the year. If this first project goes well, we would like to offer a monthly retainer to the same person rather than starting over with someone new.",
)
TIMELINE: tuple[str, ...] = (
    "Timeline: we would like to start next week. The first milestone should take about two weeks, followed by a review call; the rest of the work is planned over the following month, with a buffer for changes that come out of testing.",
    "Timeline and budget: the first phase is fixed price, paid on delivery. After a short review we will agree on the next phase together. We are flexible on dates for good reasons, but we need to know early if something slips.",
    "Deliverables: the finished work, a short written summary of what was done and why, and a list of open points or risks you noticed along the way. We will ask for a short handover call at the end.",
    "What success looks like: at the end of the project our team can use the result without you in the room, we understand the choices that were made, and we have a short list of ideas for what to improve next.",
    "Communication: we answer messages within a few hours on weekdays. We share feedback in writing with screenshots or examples, and we expect the same level of clarity in your updates.",
)
WORKING: tuple[str, ...] = (
    "How we work: we use Slack for quick questions, a shared board for tasks and a short video call once a week. We pay on time, every time, and we are happy to leave detailed feedback when the work is done.",
    "We expect about 10 to 20 hours a week for the next two months. Please tell us your availability and your time zone; we are flexible as long as there are a few hours of overlap with US Eastern time.",
    "The budget is fixed for the first milestone and hourly after that. If you think the scope or the budget is not realistic, say so in your proposal; we prefer an honest estimate to a low bid.",
    "We will start with a short paid test task to make sure we work well together. After that we plan to continue with a longer contract, with milestones agreed at the start of each month.",
    "All work is done under a simple agreement: you keep your methods and tools, we own the results. We can sign an NDA if you need to see confidential material before you quote.",
)
APPLY: tuple[str, ...] = (
    "To apply, please send a short note about a similar project you finished, what you would do first, and any questions you have. Proposals that start with 'Dear Sir' and a copied template will not be read.",
    "When you apply, include two or three examples of relevant work and tell us which part of this project you find most interesting. Please start your proposal with the word 'orange' so we know you read this far.",
    "Please include your rate, your availability for the next month and links to relevant work. We will reply to every serious proposal within two business days.",
    "Tell us in a few sentences how you would approach this and how long you think it will take. Short, specific proposals get our attention.",
)
COUNTRIES: tuple[str, ...] = (
    "United States",
    "United Kingdom",
    "Canada",
    "Australia",
    "Germany",
    "India",
    "France",
    "Netherlands",
    "Ireland",
    "Spain",
    "Singapore",
    "Israel",
    "Sweden",
    "Brazil",
    "South Africa",
)
COUNTRY_P: tuple[float, ...] = (
    0.46,
    0.09,
    0.07,
    0.05,
    0.04,
    0.04,
    0.03,
    0.03,
    0.02,
    0.03,
    0.02,
    0.02,
    0.02,
    0.05,
    0.03,
)
FREELANCER_COUNTRIES: tuple[str, ...] = (
    "India",
    "Pakistan",
    "Philippines",
    "Ukraine",
    "United States",
    "Bangladesh",
    "Nigeria",
    "Egypt",
    "Kenya",
    "United Kingdom",
    "Brazil",
    "Argentina",
    "Serbia",
    "Poland",
    "Vietnam",
)
FREELANCER_COUNTRY_P: tuple[float, ...] = (
    0.18,
    0.10,
    0.12,
    0.06,
    0.12,
    0.06,
    0.05,
    0.04,
    0.04,
    0.04,
    0.04,
    0.04,
    0.03,
    0.04,
    0.04,
)
PROFILE_OPENINGS: tuple[str, ...] = (
    "Hi, I'm a {title} with {years} years of experience and more than {jobs} completed projects.",
    "I help small and mid-sized businesses as a {title}. I have worked with clients from {years} countries.",
    "{title} with a focus on clear communication and on-time delivery. {years} years in the field.",
    "Top-rated {title}. I have worked with startups and agencies for {years} years.",
)
PROFILE_CLOSINGS: tuple[str, ...] = (
    "I reply within a few hours and work in your time zone when needed. Let's talk about your project.",
    "Send me a message with your goals and deadline, and I will suggest the best way to get there.",
    "I believe in honest estimates, clean deliverables and long-term collaboration.",
    "Available for both short tasks and long-term contracts.",
)
