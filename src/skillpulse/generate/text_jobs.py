"""Job types of the synthetic marketplace that have nothing to do with AI.

Each job type has titles, tags, paragraphs, bullets and search queries. None of these
strings may name a generative-AI skill, not even by accident (no "prompt", "chatbot",
"diffusion", "AI", "neural", "automation"); ``tests/generate`` checks every non-AI document
the generator writes against every planted skill form.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class JobType:
    key: str
    category: str
    weight: float
    titles: tuple[str, ...]
    tags: tuple[str, ...]
    overview: tuple[str, ...]
    tasks: tuple[str, ...]
    needs: tuple[str, ...]
    nice: tuple[str, ...]
    queries: tuple[str, ...]
    budget: tuple[float, float]  # median, spread (log-normal sigma)


# One job type per block, one field per line (long lines on purpose: this is data).
# fmt: off
JOB_TYPES: tuple[JobType, ...] = (
    JobType(
        "web", "Web, Mobile & Software Dev", 14.0,
        ("Full-Stack Web Developer for {product}", "React Developer to Build Customer Dashboard", "WordPress Developer Needed for Site Redesign", "PHP/Laravel Developer for {product}", "Fix Bugs and Speed Up Our Django Web App", "Front-End Developer (React, TypeScript)", "Node.js Backend Developer for REST API", "Webflow Expert to Rebuild Marketing Site"),
        ("JavaScript", "React", "Node.js", "PHP", "WordPress", "HTML", "CSS", "TypeScript", "Laravel", "Django", "REST API", "MySQL", "PostgreSQL", "Webflow", "Web Development"),
        ("We need an experienced developer to build a {product} for our {industry} business. The current site was built five years ago and is slow, hard to update and does not work well on phones.", "Our web application lets customers book appointments, pay invoices and track orders. We want to add a customer dashboard, clean up the checkout flow and fix a backlog of small bugs reported by users.", "We are rebuilding our marketing website and customer portal. Designs are ready in Figma; we need someone who can turn them into fast, accessible pages and connect them to our existing backend.", "The project is a web platform for {industry} teams. The first milestone is a working login, account settings and a list of projects with filters and search."),
        ("Build responsive pages from the Figma designs", "Connect the front end to our REST API", "Write clean, documented code with tests", "Fix layout issues on mobile and tablet", "Improve page load time and Core Web Vitals scores", "Set up staging and production deployments", "Migrate the database from MySQL to PostgreSQL", "Integrate Stripe payments and email receipts", "Review pull requests and keep the code base tidy"),
        ("3+ years of experience with modern JavaScript frameworks", "Strong HTML and CSS skills", "Experience with Git and code review", "A portfolio of live websites you built", "Experience with SQL databases", "Good understanding of web security basics"),
        ("Experience with Next.js", "Knowledge of AWS or DigitalOcean", "Experience with Tailwind CSS", "Familiarity with accessibility guidelines (WCAG)"),
        ("wordpress developer", "react developer", "web developer", "shopify developer", "full stack developer", "php developer", "laravel developer", "website redesign", "node js developer", "webflow expert", "django developer", "front end developer"),
        (1500, 0.9),
    ),
    JobType(
        "mobile", "Web, Mobile & Software Dev", 6.0,
        ("Flutter Developer for iOS and Android App", "React Native Developer to Finish MVP", "iOS Developer (Swift) for Fitness App", "Android Developer to Fix Crashes", "Mobile App Developer for {product}"),
        ("Flutter", "React Native", "iOS", "Android", "Swift", "Kotlin", "Firebase", "Mobile App Development", "Dart"),
        ("We are building a mobile app for {industry} customers. Users should be able to sign up, browse a catalogue, save favourites and get push notifications when something changes.", "Our app is live on both stores with about 20,000 monthly users. It crashes on some older Android phones and the onboarding flow needs to be rebuilt.", "We have designs and a working backend. We need a mobile developer to build the app for iOS and Android and take it through store review."),
        ("Build screens from the Figma designs", "Integrate push notifications with Firebase", "Fix crashes reported in Crashlytics", "Publish builds to the App Store and Google Play", "Add in-app purchases and subscriptions", "Write unit and widget tests", "Improve startup time and offline support"),
        ("2+ years building mobile apps", "Published apps you can show us", "Experience with REST APIs and authentication", "Good English for daily updates"),
        ("Experience with Bluetooth devices", "Knowledge of App Store review rules", "Experience with Stripe or RevenueCat"),
        ("flutter developer", "react native developer", "ios developer", "android developer", "mobile app developer", "app developer", "swift developer", "kotlin developer"),
        (2500, 0.9),
    ),
    JobType(
        "design", "Design & Creative", 10.0,
        ("Logo and Brand Identity for {industry} Startup", "Graphic Designer for Social Media Posts", "Packaging Design for New Product Line", "Pitch Deck Designer Needed", "Illustrator for Children's Book", "Brand Guidelines and Business Cards", "Infographic Designer for Annual Report"),
        ("Logo Design", "Graphic Design", "Adobe Illustrator", "Adobe Photoshop", "Brand Identity", "Canva", "Packaging Design", "Illustration", "Adobe InDesign", "Presentation Design"),
        ("We are a young {industry} company and need a logo and a simple brand identity: colours, typography and a few templates for social media and email.", "We are launching a new product line and need packaging that stands out on the shelf. We have the dielines and the copy; we need the artwork and print-ready files.", "We post on Instagram and LinkedIn every day and want a designer who can produce on-brand graphics every week, following our existing style guide.", "Our investor deck has good content but looks dated. We want a designer to rebuild it with a clear visual story, charts and icons."),
        ("Create three logo concepts and refine the chosen one", "Deliver vector files and a style guide", "Design 20 social media templates", "Prepare print-ready files with bleed", "Design icons and simple illustrations", "Rebuild slides with consistent layouts and charts", "Adapt artwork for web, print and merchandise"),
        ("A strong portfolio of brand work", "Excellent command of Adobe Illustrator and Photoshop", "Good eye for typography and colour", "Able to take feedback and iterate quickly"),
        ("Experience with packaging for retail", "Motion graphics skills", "Experience with Figma"),
        ("logo design", "graphic designer", "brand identity", "packaging design", "canva designer", "illustrator", "pitch deck design", "social media graphics", "book cover design", "infographic design", "business card design"),
        (400, 0.8),
    ),
    JobType(
        "uiux", "Design & Creative", 4.0,
        ("UI/UX Designer for SaaS Dashboard", "Figma Designer to Redesign Mobile App", "UX Researcher for Usability Testing", "Product Designer for {product}"),
        ("UI Design", "UX Design", "Figma", "User Research", "Wireframing", "Prototyping", "Mobile UI Design", "Web Design"),
        ("We are redesigning the dashboard of our {product}. Customers find it hard to navigate and our support team gets the same questions every day.", "We need a product designer to run a few interviews with our users, map the main journeys and deliver wireframes and a clickable prototype in Figma."),
        ("Run five to eight user interviews", "Map user journeys and pain points", "Deliver wireframes and a clickable prototype", "Build a small design system in Figma", "Hand off designs to developers with clear specs"),
        ("A portfolio with case studies", "Strong Figma skills", "Experience with B2B products"),
        ("Experience with accessibility", "Basic front-end knowledge"),
        ("ui ux designer", "figma designer", "product designer", "ux researcher", "web designer", "app designer", "dashboard design"),
        (1800, 0.8),
    ),
    JobType(
        "writing", "Writing", 10.0,
        ("Blog Writer for {industry} Company", "SEO Content Writer, 8 Articles per Month", "Ghostwriter for Non-Fiction Book", "Copywriter for Landing Pages", "Technical Writer for Software Documentation", "Newsletter Writer Needed", "Product Description Writer for Online Store"),
        ("Content Writing", "Blog Writing", "SEO Writing", "Copywriting", "Article Writing", "Ghostwriting", "Technical Writing", "Proofreading", "Editing"),
        ("We run a {industry} blog with about 50,000 monthly readers and need a writer who can deliver well-researched, original articles of 1,500 to 2,000 words.", "We need clear, persuasive copy for our landing pages and email sequences. You will work with our marketing lead and get detailed briefs.", "We are looking for a ghostwriter to turn interviews and notes into a non-fiction book of about 40,000 words.", "Our software documentation is out of date. We need a technical writer to restructure the guides, write new tutorials and keep the reference pages accurate."),
        ("Write original, well-researched articles", "Follow our style guide and tone of voice", "Optimise articles for search with our keyword list", "Edit and proofread drafts", "Interview subject-matter experts", "Suggest topics and outlines every month", "Write product descriptions of 150 words each"),
        ("Native or fluent English", "Samples of published work", "Meets deadlines reliably", "Experience with WordPress or a similar editor"),
        ("Experience in the {industry} sector", "Knowledge of Ahrefs or SEMrush", "Experience writing for B2B audiences"),
        ("content writer", "blog writer", "copywriter", "ghostwriter", "seo writer", "technical writer", "article writer", "proofreader", "editor", "resume writer", "product description writer", "newsletter writer"),
        (350, 0.9),
    ),
    JobType(
        "data_entry", "Admin Support", 8.0,
        ("Data Entry Specialist for Product Catalogue", "Copy Information from PDFs to Excel", "Web Research and Lead List Building", "CRM Data Cleanup", "Typing Job: Scanned Forms to Spreadsheet"),
        ("Data Entry", "Microsoft Excel", "Google Sheets", "Web Research", "Lead Generation", "Typing", "CRM", "Copy Paste"),
        ("We have about 3,000 products in PDF catalogues from our suppliers and need them typed into a spreadsheet with name, size, colour, price and supplier code.", "We need a careful person to research companies online and build a list of contacts with name, title, email and company website.", "Our CRM has duplicate and outdated contacts. We need someone to clean, merge and update about 5,000 records following clear rules."),
        ("Enter data accurately into Google Sheets", "Check every row against the source document", "Research missing details on company websites", "Merge duplicate records in the CRM", "Flag unclear entries instead of guessing", "Deliver the file in daily batches"),
        ("High accuracy and attention to detail", "Good typing speed", "Basic Excel skills", "Available for at least 20 hours a week"),
        ("Experience with HubSpot or Salesforce", "Knowledge of Excel formulas"),
        ("data entry", "excel expert", "web research", "lead generation", "typing job", "copy paste", "crm cleanup", "google sheets", "pdf to excel", "data entry clerk"),
        (200, 0.8),
    ),
    JobType(
        "accounting", "Accounting & Consulting", 6.0,
        ("Bookkeeper for Small Business (QuickBooks Online)", "Accountant for Year-End Accounts", "Xero Bookkeeping and Bank Reconciliation", "Financial Model for Seed Round", "Payroll and Sales Tax Filing Support"),
        ("Bookkeeping", "QuickBooks Online", "Xero", "Accounting", "Financial Reporting", "Bank Reconciliation", "Payroll", "Tax Preparation", "Financial Modeling"),
        ("We are a small {industry} business with about 200 transactions a month. We need a bookkeeper to reconcile our accounts, categorise expenses and prepare monthly reports.", "We need an accountant to prepare our year-end accounts, review the books and work with our tax adviser.", "We are raising a seed round and need a clear three-year financial model with revenue, costs, hiring plan and cash flow."),
        ("Reconcile bank and credit card accounts monthly", "Categorise transactions and fix errors", "Prepare profit and loss and balance sheet reports", "Manage accounts payable and receivable", "Run payroll twice a month", "Prepare sales tax filings", "Build a three-statement financial model"),
        ("Experience with QuickBooks Online or Xero", "Strong attention to detail", "Experience with small businesses", "Good communication in English"),
        ("CPA or ACCA qualification", "Experience with Shopify stores", "Knowledge of US sales tax"),
        ("bookkeeper", "quickbooks", "accountant", "xero bookkeeping", "tax preparation", "financial model", "payroll", "cpa", "bank reconciliation", "financial analyst"),
        (600, 0.8),
    ),
    JobType(
        "marketing", "Sales & Marketing", 9.0,
        ("SEO Specialist to Grow Organic Traffic", "Google Ads Manager for {industry} Brand", "Facebook and Instagram Ads Expert", "Email Marketing Specialist (Klaviyo)", "Social Media Manager for Three Channels", "Marketing Strategist for Product Launch"),
        ("Search Engine Optimization", "Google Ads", "Facebook Ads", "Email Marketing", "Klaviyo", "Social Media Marketing", "Digital Marketing", "Google Analytics", "Marketing Strategy"),
        ("We want to grow organic traffic to our {industry} site. We need an audit, a keyword plan and monthly work on pages, links and technical issues.", "We spend about $10,000 a month on paid ads and want a specialist who can improve our return on ad spend and set up clear reporting.", "We need someone to run our social media channels: plan the calendar, write posts, reply to comments and report on growth every month."),
        ("Run a technical SEO audit and fix the issues", "Build a keyword plan for our main pages", "Manage Google Ads and Meta campaigns", "Set up conversion tracking in Google Analytics", "Write and schedule email campaigns in Klaviyo", "Report monthly on traffic and sales", "Plan a content calendar for three channels"),
        ("Proven results you can show with numbers", "Experience with Google Analytics", "Strong written English", "Experience with e-commerce brands"),
        ("Experience with TikTok ads", "Knowledge of Shopify", "Experience in B2B marketing"),
        ("seo expert", "google ads", "facebook ads", "social media manager", "email marketing", "klaviyo expert", "digital marketing", "seo specialist", "ppc manager", "marketing strategist", "instagram marketing", "tiktok ads"),
        (800, 0.9),
    ),
    JobType(
        "video", "Design & Creative", 6.0,
        ("Video Editor for YouTube Channel", "Short-Form Video Editor (Reels, TikTok, Shorts)", "Explainer Video Animator", "Wedding Video Editor", "Podcast Video Editing"),
        ("Video Editing", "Adobe Premiere Pro", "Final Cut Pro", "After Effects", "Motion Graphics", "YouTube", "Video Production", "DaVinci Resolve"),
        ("We publish two long videos a week on YouTube and need an editor who can cut the raw footage, add captions, b-roll and music, and keep viewers watching.", "We need short vertical videos cut from our podcast episodes: strong hooks, captions and a consistent look.", "We want a 90-second animated explainer video for our {product}. The script is ready; we need storyboard, voice direction and animation."),
        ("Edit raw footage into engaging videos", "Add captions, music and sound effects", "Colour correct and balance audio", "Create thumbnails for each video", "Cut five short clips from each long video", "Animate titles and lower thirds"),
        ("A portfolio of edited videos", "Experience with Premiere Pro or Final Cut", "Fast turnaround (48 hours)", "Good sense of pacing and storytelling"),
        ("After Effects skills", "Experience with podcasts", "Colour grading experience"),
        ("video editor", "youtube video editor", "video editing", "reels editor", "animator", "explainer video", "motion graphics", "premiere pro", "tiktok video editor", "wedding video editor"),
        (500, 0.9),
    ),
    JobType(
        "va", "Admin Support", 8.0,
        ("Virtual Assistant for Busy Founder", "Executive Assistant (Part-Time, US Hours)", "Admin Assistant for Email and Calendar", "Customer Support Assistant for Online Store", "Real Estate Virtual Assistant"),
        ("Virtual Assistance", "Administrative Support", "Email Management", "Calendar Management", "Customer Service", "Google Workspace", "Zendesk", "Scheduling"),
        ("I run a small {industry} business and need a reliable virtual assistant to manage my inbox, calendar, travel and a few recurring tasks.", "We need a customer support assistant to answer emails and live chat, process returns and keep our help centre up to date.", "We are looking for a part-time executive assistant who works during US Eastern hours and can handle scheduling, documents and follow-ups."),
        ("Manage the inbox and draft replies", "Schedule meetings across time zones", "Book travel and keep an itinerary", "Answer customer emails within four hours", "Update spreadsheets and trackers", "Prepare simple reports every Friday", "Process refunds and returns"),
        ("Excellent written English", "Organised and proactive", "Reliable internet connection", "Experience with Google Workspace"),
        ("Experience with Zendesk or Gorgias", "Experience in real estate", "Basic bookkeeping"),
        ("virtual assistant", "executive assistant", "admin assistant", "customer service", "customer support", "real estate assistant", "personal assistant", "email management"),
        (300, 0.7),
    ),
    JobType(
        "translation", "Translation", 4.0,
        ("Translate Website from English to Spanish", "German to English Legal Translation", "French Translator for Marketing Materials", "Japanese Translation and Localization of App", "Subtitles Translation for Training Videos"),
        ("Translation", "English to Spanish Translation", "German Translation", "French Translation", "Localization", "Subtitles", "Proofreading"),
        ("We are expanding to new markets and need our website, about 15,000 words, translated by a native speaker who can adapt tone and idioms.", "We need a certified translator for contracts and company documents. Accuracy and confidentiality are essential.", "Our app needs localization into {language}: interface strings, store listing and help articles."),
        ("Translate the source texts accurately", "Keep a glossary of product terms", "Localise dates, currencies and units", "Proofread the final layout", "Translate subtitles and keep timing intact"),
        ("Native speaker of the target language", "Proven translation experience", "Attention to detail"),
        ("Experience with CAT tools", "Certified translator", "Legal or medical background"),
        ("spanish translator", "english to spanish translation", "german translator", "french translation", "translator", "localization", "japanese translator", "portuguese translator", "subtitles"),
        (300, 0.8),
    ),
    JobType(
        "ecommerce", "Web, Mobile & Software Dev", 6.0,
        ("Shopify Expert for Store Setup", "Amazon Listing Optimization", "WooCommerce Developer", "Shopify Theme Customization", "Product Photo Editing for Online Store"),
        ("Shopify", "WooCommerce", "Amazon Seller Central", "E-commerce", "Product Listings", "Photo Editing", "Adobe Photoshop", "Liquid"),
        ("We are moving our store to Shopify and need someone to set up the theme, products, collections, shipping rules and payment options.", "We sell home goods on Amazon and need our listings improved: titles, bullets, images and backend keywords.", "We need 300 product photos cleaned up: white background, consistent crop, colour correction and shadows."),
        ("Set up the theme and customise sections", "Import products and variants", "Configure shipping, taxes and payments", "Optimise product listings for search", "Retouch product photos to a consistent style", "Install and configure apps"),
        ("Shopify or WooCommerce experience", "Examples of stores you built", "Good eye for design"),
        ("Liquid coding skills", "Experience with Amazon A+ content"),
        ("shopify expert", "shopify developer", "amazon listing", "woocommerce", "photo editing", "product photo editing", "amazon seller", "ecommerce manager", "shopify store setup"),
        (700, 0.8),
    ),
    JobType(
        "devops", "IT & Networking", 4.0,
        ("DevOps Engineer for AWS Migration", "Kubernetes Setup and CI/CD Pipeline", "Linux System Administrator", "Terraform and AWS Infrastructure"),
        ("AWS", "DevOps", "Kubernetes", "Docker", "Terraform", "Linux", "CI/CD", "Azure", "GitHub Actions"),
        ("We are moving three services from a single server to AWS and want the infrastructure described in Terraform, with staging and production environments.", "We need a DevOps engineer to set up CI/CD with GitHub Actions, containerise our services and add monitoring and alerts."),
        ("Write Terraform for networks, databases and services", "Set up CI/CD pipelines", "Containerise services with Docker", "Configure monitoring, logging and alerts", "Harden Linux servers and manage backups"),
        ("Hands-on AWS experience", "Terraform and Docker", "Strong Linux skills"),
        ("AWS certification", "Experience with Kubernetes in production"),
        ("devops engineer", "aws expert", "kubernetes", "docker", "terraform", "linux admin", "ci cd pipeline", "azure devops"),
        (2000, 0.8),
    ),
    JobType(
        "analytics", "Data Science & Analytics", 4.0,
        ("Power BI Dashboard for Sales Team", "SQL Analyst for Weekly Reports", "Tableau Developer", "Excel Dashboard and Reporting", "Google Analytics 4 Reporting Setup"),
        ("Power BI", "SQL", "Tableau", "Microsoft Excel", "Data Visualization", "Google Analytics", "Looker Studio", "Data Analysis"),
        ("We want a Power BI dashboard that shows sales by region, product and month, refreshed daily from our database.", "We need an analyst who can write SQL queries against our warehouse and produce weekly reports for the leadership team."),
        ("Build dashboards with clear charts and filters", "Write and optimise SQL queries", "Clean and join data from several sources", "Document every metric and its definition", "Train the team to use the dashboards"),
        ("Strong SQL", "Experience with Power BI or Tableau", "Clear communication"),
        ("Experience with BigQuery", "DAX skills"),
        ("power bi", "sql", "tableau", "excel dashboard", "data analyst", "data visualization", "looker studio", "google analytics 4"),
        (900, 0.8),
    ),
    JobType(
        "voice", "Design & Creative", 2.0,
        ("Voice Over Artist for Explainer Video", "Audiobook Narrator", "Podcast Audio Editing"),
        ("Voice-Over", "Audio Editing", "Podcast Editing", "Audiobook Narration"),
        ("We need a warm, friendly voice for a two-minute explainer video about our {product}.", "We need our weekly podcast edited: remove filler, balance levels, add intro and outro music."),
        ("Record the script in a quiet studio", "Deliver clean WAV and MP3 files", "Edit and master audio", "Offer two revisions"),
        ("Professional home studio", "Samples of past work"),
        ("Experience with audiobooks", "British or Australian accent"),
        ("voice over", "voice actor", "podcast editor", "audiobook narrator", "audio editing"),
        (250, 0.7),
    ),
    JobType(
        "legal", "Legal", 2.0,
        ("Contract Review for SaaS Agreement", "Trademark Registration in the US", "Privacy Policy and Terms of Service"),
        ("Contract Law", "Legal Writing", "Trademark", "Privacy Law", "Business Law"),
        ("We need a lawyer to review our customer agreement and suggest changes that protect us while staying fair to customers.", "We want to register our brand name as a trademark in the US and need guidance through the filing."),
        ("Review the agreement and mark up changes", "Explain the main risks in plain English", "Draft the privacy policy and terms", "File the trademark application"),
        ("Licensed attorney", "Experience with technology companies"),
        ("Experience with GDPR",),
        ("contract lawyer", "trademark attorney", "privacy policy", "legal consultant", "terms of service"),
        (800, 0.8),
    ),
    JobType(
        "cad", "Engineering & Architecture", 3.0,
        ("AutoCAD Drafter for Floor Plans", "3D Rendering of Kitchen Design", "SolidWorks Product Design", "Interior Design Concept for Office"),
        ("AutoCAD", "SolidWorks", "3D Rendering", "SketchUp", "Interior Design", "Revit", "3D Modeling"),
        ("We need floor plans and elevations drawn in AutoCAD from hand sketches and measurements.", "We are developing a small consumer product and need a SolidWorks model ready for prototyping.", "We need photorealistic renders of a kitchen design for a client presentation."),
        ("Draft plans and elevations", "Build the 3D model", "Produce photorealistic renders", "Prepare files for manufacturing"),
        ("AutoCAD or SolidWorks experience", "A portfolio of past projects"),
        ("Revit experience", "Experience with injection moulding"),
        ("autocad drafter", "3d rendering", "solidworks", "interior designer", "sketchup", "floor plan", "3d modeling", "revit"),
        (600, 0.8),
    ),
    JobType(
        "game", "Web, Mobile & Software Dev", 2.0,
        ("Unity Developer for Casual Mobile Game", "Game Artist for 2D Sprites", "Unreal Engine Level Designer"),
        ("Unity", "C#", "Game Development", "Unreal Engine", "2D Art", "Game Design"),
        ("We are building a casual puzzle game for mobile and need a Unity developer to implement levels, menus and in-app purchases.", "We need 2D sprites and animations for a platformer with a hand-drawn look."),
        ("Implement gameplay and menus", "Integrate ads and in-app purchases", "Create sprites and animations", "Fix performance issues on older phones"),
        ("Shipped games you can show", "Strong C# or art portfolio"),
        ("Experience with multiplayer", "Shader skills"),
        ("unity developer", "game developer", "unreal engine", "game artist", "2d artist", "pixel art", "game designer"),
        (1500, 0.9),
    ),
)
INDUSTRIES: tuple[str, ...] = ("healthcare", "real estate", "fitness", "education", "e-commerce", "travel", "logistics", "finance", "hospitality", "fashion", "construction", "legal", "nonprofit", "food and beverage", "beauty", "automotive", "insurance", "manufacturing", "media", "pet care", "solar energy")
PRODUCTS: tuple[str, ...] = ("booking platform", "customer portal", "marketplace", "membership site", "online store", "scheduling tool", "inventory system", "learning platform", "property listing site", "loyalty program", "donation platform", "CRM add-on")
LANGUAGES: tuple[str, ...] = ("Spanish", "German", "French", "Portuguese", "Japanese", "Italian", "Dutch")
#: Non-AI profile titles, per job type (same keys as JOB_TYPES).
PROFILE_TITLES: dict[str, tuple[str, ...]] = {
    "web": ("Full-Stack Web Developer", "React & Node.js Developer", "WordPress Expert", "Senior PHP Developer"),
    "mobile": ("Flutter & React Native Developer", "iOS Developer", "Android Developer"),
    "design": ("Graphic Designer | Logos & Branding", "Brand Identity Designer", "Illustrator"),
    "uiux": ("UI/UX Designer", "Product Designer | Figma"),
    "writing": ("Content Writer & Copywriter", "SEO Blog Writer", "Technical Writer", "Ghostwriter"),
    "data_entry": ("Data Entry Specialist", "Web Research & Lead Lists"),
    "accounting": ("Bookkeeper | QuickBooks & Xero", "Chartered Accountant", "Financial Analyst"),
    "marketing": ("SEO Specialist", "Paid Ads Manager", "Email Marketing Expert", "Social Media Manager"),
    "video": ("Video Editor", "Motion Designer & Video Editor"),
    "va": ("Virtual Assistant", "Executive Assistant", "Customer Support Specialist"),
    "translation": ("English-Spanish Translator", "German Translator", "French Translator"),
    "ecommerce": ("Shopify Expert", "Amazon Listing Specialist"),
    "devops": ("DevOps Engineer | AWS", "Linux System Administrator"),
    "analytics": ("Data Analyst | SQL & Power BI", "Tableau Developer"),
    "voice": ("Voice Over Artist", "Podcast Editor"),
    "legal": ("Contract Lawyer", "Legal Consultant"),
    "cad": ("AutoCAD Drafter", "3D Artist & Renderer"),
    "game": ("Unity Game Developer", "2D Game Artist"),
}
# fmt: on
