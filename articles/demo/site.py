"""The frame of the demo site: verticals, site settings, editorial staff and the series they run.

Days are offsets from the day of the first load: negative is in the past, positive in the future.
"""

AI = "ai-model-post-training"
LEARNING = "corporate-learning"
SPORT = "sports-science"

LAUNCH_IN_DAYS = 30

VERTICALS = [
    {
        "slug": AI,
        "name": "AI model post-training",
        "short_description": (
            "How a pretrained language model becomes a useful, safe assistant: fine-tuning, preference "
            "optimisation, reasoning rewards, the platforms that sell them and the rules that govern them."
        ),
        "intro": (
            '<h2 id="what-we-cover">What we cover</h2>'
            "<p>A freshly pretrained model can continue text but cannot yet hold a conversation, follow a brief or "
            "refuse a harmful request. Everything that closes that gap happens after pretraining, and it has become "
            "the part of model building where most of the visible progress now comes from.</p>"
            "<p>This vertical follows that work end to end: the techniques (SFT, RLHF, DPO and its many successors, "
            "RLVR), the companies and tools that package them for enterprises, the economics of customising a model "
            "rather than building one, and the regulators who increasingly want every step written down.</p>"
        ),
    },
    {
        "slug": LEARNING,
        "name": "Corporate learning & development",
        "short_description": (
            "What happens after the course ends: measuring whether employee training was remembered, applied "
            "and worth the money."
        ),
        "intro": (
            '<h2 id="after-the-course">After the course</h2>'
            "<p>Companies spend heavily on training and rarely know what it bought them. In workplace learning, "
            "post-training means the evaluation that follows a programme: did people like it, did they learn, do "
            "they work differently now, and did the business notice?</p>"
            "<p>We cover the evaluation frameworks that L&amp;D teams rely on, the science of forgetting and how to "
            "counter it, and the analytics platforms that promise to link a completed module to a change on the "
            "job.</p>"
        ),
    },
    {
        "slug": SPORT,
        "name": "Sports science",
        "short_description": (
            "Recovery, monitoring and analytics after the session: how athletes and their support staff turn "
            "physiological data into better training."
        ),
        "intro": (
            '<h2 id="between-sessions">Between sessions</h2>'
            "<p>Adaptation happens after the work, not during it. Sports scientists call the hours and days that "
            "follow a session the post-training window, and they now measure it closely: heart rhythm, sleep, "
            "movement quality, fuel and fluids.</p>"
            "<p>This vertical looks at the evidence behind recovery protocols, the wearables that collect the "
            "data, and the analytics teams in professional sport who try to turn it into decisions a coach will "
            "act on.</p>"
        ),
    },
]

HEADLINE = "What happens after training decides what a model, a team or an athlete can do"

PITCH = (
    "PostTrain is a new publication about post-training in three worlds that share the word: the methods that "
    "turn pretrained AI models into capable assistants, the evaluation of workplace learning, and recovery and "
    "analytics in sport. Long-form series, a plain-English glossary and a newsletter that respects your time. "
    "Sign up and we will write when full coverage begins."
)

CONTACT_EMAIL = "editors@posttrainai.com"

POSTAL_ADDRESS = "PostTrain Media Ltd\nUnit 4, 18 Ropewalk Lane\nBristol BS1 5QT\nUnited Kingdom"

ABOUT = (
    '<h2 id="why-posttrain">Why PostTrain</h2>'
    "<p>Post-training used to be a footnote in how AI models were made. It is now where much of a model's "
    "character, usefulness and safety is decided, and where a growing share of the industry's compute goes. "
    "Few publications explain it carefully for the engineers, product leads and compliance teams who depend on "
    "it. PostTrain sets out to do that.</p>"
    "<p>The same word has older meanings. Learning and development professionals use it for everything that "
    "follows a training course; sports scientists use it for the recovery and analysis that follow a session. "
    "We cover all three, because each has lessons for the others about measurement, feedback and what "
    "improvement really looks like.</p>"
    '<h2 id="how-we-work">How we work</h2>'
    "<ul>"
    "<li>Every article lists its sources, and we link to primary papers and official texts where they exist.</li>"
    "<li>Figures that come from estimates are labelled as estimates.</li>"
    "<li>Each article shows when an editor last checked that its facts still hold, and corrections are printed "
    "at the foot of the page.</li>"
    "<li>We take no payment for coverage and publish no sponsored articles.</li>"
    "</ul>"
    '<h2 id="contact">Contact</h2>'
    "<p>Tips, corrections and pitches are welcome at editors@posttrainai.com.</p>"
)

SOCIAL_LINKS = [
    ("Mastodon", "https://mastodon.social/@posttrainai"),
    ("Bluesky", "https://bsky.app/profile/posttrainai.com"),
    ("LinkedIn", "https://www.linkedin.com/company/posttrainai"),
]

# Fictional editorial staff.
AUTHORS = [
    {
        "slug": "maren-okafor",
        "name": "Maren Okafor",
        "bio": (
            "Editor-in-chief. Maren spent eight years building training pipelines for speech and language models "
            "before moving into technical journalism. She edits the AI vertical and writes about alignment methods."
        ),
    },
    {
        "slug": "tobias-lindqvist",
        "name": "Tobias Lindqvist",
        "bio": (
            "Policy and industry editor. Tobias covers AI regulation, standards bodies and the business of model "
            "customisation. He previously reported on financial regulation from Brussels and Stockholm."
        ),
    },
    {
        "slug": "ines-achterberg",
        "name": "Ines Achterberg",
        "bio": (
            "Learning and development editor. Ines ran evaluation for a large retailer's training academy and "
            "writes about how organisations measure what their courses change."
        ),
    },
    {
        "slug": "kofi-mensah-hart",
        "name": "Kofi Mensah-Hart",
        "bio": (
            "Sports science contributor. Kofi is a former strength and conditioning coach with a master's degree "
            "in exercise physiology; he writes about recovery, monitoring and performance data."
        ),
    },
]

STACK = "post-training-stack"
ENTERPRISE = "enterprise-fine-tuning-economy"
REGULATION = "post-training-regulation"
WORKPLACE = "workplace-learning-after-the-course"
RECOVERY = "sports-recovery-and-analytics"

# "upcoming": parts announced before anyone has written them, as (part, working title, days ahead).
SERIES = [
    {
        "slug": STACK,
        "title": "The post-training stack, from RLHF to RLVR",
        "vertical": AI,
        "summary": (
            "A guided tour of the techniques that turn a pretrained model into an assistant, from human "
            "feedback to rewards a computer can check."
        ),
        "intro": (
            "<p>This series takes the modern post-training pipeline apart one layer at a time. We start with the "
            "order of the stages and why it matters, move through reinforcement learning from human feedback and "
            "the preference methods that simplified it, and end with the verifiable rewards behind today's "
            "reasoning models and what the new recipes mean for compute budgets.</p>"
            "<p>Each part stands alone, but they read best in order.</p>"
        ),
        "status": "running",
        "start_in_days": -45,
        "upcoming": [
            (6, "Tool use and agents: post-training for models that act", 25),
            (7, "How do you know it worked? Evaluating a post-trained model", 39),
        ],
    },
    {
        "slug": ENTERPRISE,
        "title": "Enterprise platforms and the fine-tuning economy",
        "vertical": AI,
        "summary": (
            "Who sells post-training to companies, what domain-specific tuning delivers, and why customising a "
            "model beats building one for most organisations."
        ),
        "intro": (
            "<p>Most companies will never pretrain a model, but many will post-train one. This series maps the "
            "market that has grown up around that fact: the frameworks and hosted platforms, the data vendors "
            "and annotators, the new labs that put post-training first, and the cost arithmetic that makes "
            "fine-tuning the default choice.</p>"
        ),
        "status": "running",
        "start_in_days": -24,
        "upcoming": [
            (5, "Building a preference-data pipeline without a frontier budget", 30),
        ],
    },
    {
        "slug": REGULATION,
        "title": "Regulation and post-training compliance",
        "vertical": AI,
        "summary": (
            "The EU AI Act, NIST's frameworks, red-teaming and audit trails: what rule-makers now expect from "
            "teams that fine-tune and align models."
        ),
        "intro": (
            "<p>Rules written for AI systems increasingly reach into the stage where models are adapted and "
            "aligned. This series reads the texts closely, explains what they ask of teams that modify a "
            "foundation model, and looks at the tooling that turns those obligations into daily practice.</p>"
        ),
        "status": "running",
        "start_in_days": -12,
        "upcoming": [
            (5, "Model cards and system cards: what a good one discloses", 45),
        ],
    },
    {
        "slug": WORKPLACE,
        "title": "After the course: evaluating workplace learning",
        "vertical": LEARNING,
        "summary": (
            "From reaction forms to business results: how learning teams find out whether training was "
            "remembered, used and worth paying for."
        ),
        "intro": (
            "<p>Learning and development has measured the aftermath of training for far longer than machine "
            "learning has. This series looks at the frameworks that structure that measurement, the research on "
            "memory that shapes follow-up, and the software that now automates both.</p>"
        ),
        "status": "running",
        "start_in_days": -6,
        "upcoming": [
            (3, "Measuring behaviour change on the job", 40),
            (4, "What level-four results really cost to measure", 54),
        ],
    },
    {
        "slug": RECOVERY,
        "title": "Recovery and performance analytics in sport",
        "vertical": SPORT,
        "summary": (
            "What elite sport measures between sessions, which signals stand up to scrutiny, and how data "
            "teams turn them into advice coaches use."
        ),
        "intro": (
            "<p>Training is the stimulus; recovery is where the body adapts. This series examines how "
            "professional sport monitors the period after training and competition, from heart-rate variability "
            "and sleep to load models and nutrition, and where the evidence is firmer or weaker than the "
            "marketing suggests.</p>"
        ),
        "status": "planned",
        "start_in_days": 32,
        "upcoming": [
            (3, "Refuelling after the session: carbohydrate, protein and fluids", 46),
            (4, "Injury-risk models: their promise and their limits", 60),
        ],
    },
]
