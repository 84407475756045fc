"""Articles of the series on regulation and post-training compliance."""

# Article bodies are prose: one paragraph per line reads and diffs better than hard-wrapped HTML.
# ruff: noqa: E501

from .site import AI, REGULATION

EU_AI_ACT = {
    "title": "Regulation (EU) 2024/1689 laying down harmonised rules on artificial intelligence (Artificial Intelligence Act)",
    "url": "https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
    "authors": "European Parliament and Council of the European Union",
    "year": 2024,
}
NIST_AI_RMF = {
    "title": "Artificial Intelligence Risk Management Framework (AI RMF 1.0), NIST AI 100-1",
    "url": "https://www.nist.gov/itl/ai-risk-management-framework",
    "authors": "National Institute of Standards and Technology",
    "year": 2023,
}
NIST_GENAI_PROFILE = {
    "title": "Artificial Intelligence Risk Management Framework: Generative Artificial Intelligence Profile, NIST AI 600-1",
    "url": "https://doi.org/10.6028/NIST.AI.600-1",
    "authors": "National Institute of Standards and Technology",
    "year": 2024,
}

ARTICLES = [
    {
        "slug": "eu-ai-act-post-training",
        "title": "The EU AI Act reaches into post-training",
        "standfirst": (
            "Europe's AI law does not stop at the original model. Teams that fine-tune and align a foundation "
            "model for regulated uses inherit duties of documentation, data governance and transparency."
        ),
        "vertical": AI,
        "series": REGULATION,
        "part": 1,
        "authors": ["tobias-lindqvist"],
        "tags": ["regulation", "EU AI Act", "compliance"],
        "state": "published",
        "days": -10,
        "references": [
            EU_AI_ACT,
            {
                "title": "Model Cards for Model Reporting",
                "url": "https://arxiv.org/abs/1810.03993",
                "authors": "Margaret Mitchell et al.",
                "year": 2019,
            },
        ],
        "body": """
<p>The European Union's Artificial Intelligence Act is the first comprehensive law to regulate AI systems across sectors, and it is the first to touch the post-training stage directly. Its timetable set August 2026 as the compliance deadline for general-purpose AI, and every organisation that adapts a foundation model for the European market has had to ask what that means for its fine-tuning work.</p>
<h2 id="what-the-act-asks">What the Act asks of high-risk systems</h2>
<p>The Act sorts AI uses by risk. For systems classed as high-risk, such as those used in hiring, credit scoring, education or critical infrastructure, it sets out obligations that read like a specification for a well-run post-training pipeline:</p>
<ul>
<li><strong>Technical documentation</strong> describing how the system was trained, validated and tested;</li>
<li><strong>Data governance</strong> covering the relevance, representativeness and quality of training data, a duty that extends to the datasets used for fine-tuning and for alignment, including preference data;</li>
<li><strong>Transparency</strong> about how the model was modified or customised, so that those deploying it understand what they are using;</li>
<li><strong>Record-keeping</strong> that makes it possible to trace how the system behaves and why.</li>
</ul>
<h2 id="modifying-a-model">When you modify a model</h2>
<p>The most consequential point for post-training teams is that adapting a model is not a neutral act. An organisation that fine-tunes a foundation model and deploys it in a regulated sector must be able to show that its changes have not eroded the safety properties established by the original developer. A round of SFT on customer transcripts, or preference tuning that rewards more assertive answers, could weaken refusal behaviour or introduce bias, and the burden of demonstrating otherwise falls on the team that made the change.</p>
<p>In practice that means running the same safety evaluations before and after each round of post-training, and keeping the results.</p>
<h2 id="general-purpose-ai">General-purpose models</h2>
<p>Separate rules apply to the providers of general-purpose AI models, the large foundation models themselves. They must maintain technical documentation, share information with the companies that build on their models, publish a summary of the content used for training and respect EU copyright law. Providers of the most capable models, those deemed to pose systemic risk, face extra duties including model evaluation, adversarial testing and incident reporting.</p>
<h2 id="what-to-do">What compliance looks like in practice</h2>
<ol>
<li>Inventory every post-training run on models that serve EU users: data, method, configuration, results.</li>
<li>Record the provenance of fine-tuning and preference datasets, including how annotators were instructed.</li>
<li>Define a fixed suite of safety and fairness evaluations and run it after every modification.</li>
<li>Publish or hand over documentation, such as a model card, that explains what post-training changed.</li>
</ol>
<p>None of this is exotic. Good machine learning teams already keep most of these records for their own debugging. What the Act changes is that the records must be complete, durable and ready to show a regulator. The following parts of this series look at the American frameworks that cover similar ground, at red-teaming and at the tools that make the paperwork manageable.</p>
""",
    },
    {
        "slug": "nist-frameworks-post-training",
        "title": "NIST's frameworks and the governance of fine-tuning",
        "standfirst": (
            "The US standards body treats post-training as a point where risk enters and must be controlled. "
            "Its guidance centres on one habit: test again after every change."
        ),
        "vertical": AI,
        "series": REGULATION,
        "part": 2,
        "authors": ["tobias-lindqvist"],
        "tags": ["regulation", "NIST", "governance"],
        "state": "scheduled",
        "days": 18,
        "references": [NIST_AI_RMF, NIST_GENAI_PROFILE],
        "body": """
<p>The United States has no equivalent of the EU AI Act, but it does have the National Institute of Standards and Technology. NIST's voluntary frameworks have become the common vocabulary for AI risk management in American companies and in many outside the country, and they say a good deal about post-training.</p>
<h2 id="the-ai-rmf">The AI Risk Management Framework</h2>
<p>Published in January 2023, the AI RMF organises risk management into four functions: govern, map, measure and manage. It is deliberately general, written to apply to any AI system. Read with post-training in mind, however, it singles out alignment as a critical control point. Fine-tuning and preference optimisation are where a developer most directly shapes how a system behaves, so they are also where behaviour can go wrong.</p>
<h2 id="the-generative-ai-profile">The Generative AI Profile</h2>
<p>In July 2024 NIST added a profile for generative AI, published as NIST AI 600-1. It translates the general framework into actions for teams that build or adapt generative models, and it speaks to practices such as RLHF, fine-tuning and preference optimisation specifically. Among the risks it catalogues are confabulation, dangerous or harmful content, data privacy, intellectual property and the integrity of information. NIST's AI work now also runs through its Center for AI Standards and Innovation, which focuses on testing and evaluating frontier models.</p>
<h2 id="continuous-monitoring">Monitoring as a continuous duty</h2>
<p>The thread running through both documents is continuous monitoring. A base model that passed its evaluations is not a guarantee that a modified version will. Each round of post-training can introduce failure modes the original never had:</p>
<ul>
<li>a fine-tune on narrow data that quietly degrades general safety behaviour;</li>
<li>preference tuning that rewards confident tone and increases fabricated answers;</li>
<li>reinforcement learning that finds an unintended shortcut in its reward.</li>
</ul>
<p>NIST's answer is an evaluation pipeline that runs after every modification and looks specifically for regressions: does the model still refuse what it refused before, still answer what it answered correctly before, still treat groups of users consistently?</p>
<h2 id="building-the-pipeline">Building the pipeline</h2>
<p>For a post-training team, following the guidance comes down to a few concrete habits:</p>
<ol>
<li>Keep a frozen regression suite covering safety, accuracy and fairness, and version it alongside the model.</li>
<li>Run it automatically at the end of every training job, and block promotion when scores fall below agreed thresholds.</li>
<li>Record who approved each release and on what evidence.</li>
<li>Repeat the suite on deployed models as usage and threats change.</li>
</ol>
<p>Because the frameworks are voluntary, nobody is fined for ignoring them. But they increasingly appear in procurement requirements and contracts, and auditors use them as a yardstick. For many organisations they are the most practical route to the evidence that binding rules, including Europe's, now demand.</p>
""",
    },
    {
        "slug": "red-teaming-post-training-evaluation",
        "title": "Red-teaming: attacking your own model after every change",
        "standfirst": (
            "Dedicated teams that try to make a model misbehave have become a standard step in post-training. "
            "Governments and industry commitments now expect it."
        ),
        "vertical": AI,
        "series": REGULATION,
        "part": 3,
        "authors": ["tobias-lindqvist", "maren-okafor"],
        "tags": ["red-teaming", "safety", "evaluation"],
        "state": "review",
        "days": 26,
        "references": [
            {
                "title": "Red Teaming Language Models to Reduce Harms: Methods, Scaling Behaviors, and Lessons Learned",
                "url": "https://arxiv.org/abs/2209.07858",
                "authors": "Deep Ganguli et al.",
                "year": 2022,
            },
            {
                "title": "Red Teaming Language Models with Language Models",
                "url": "https://arxiv.org/abs/2202.03286",
                "authors": "Ethan Perez et al.",
                "year": 2022,
            },
            {
                "title": "Executive Order 14110: Safe, Secure, and Trustworthy Development and Use of Artificial Intelligence",
                "authors": "The White House",
                "year": 2023,
            },
            EU_AI_ACT,
        ],
        "body": """
<p>The term comes from military exercises, in which a red team plays the adversary. In AI, red-teaming means assigning people, and increasingly other models, to make a system produce harmful, false or otherwise unwanted output before real users do. It has moved from an occasional research exercise to a routine step in evaluating each post-trained model.</p>
<h2 id="why-after-post-training">Why it belongs after post-training</h2>
<p>Post-training is where a model's safety behaviour is installed, and also where it can be lost. A fine-tune aimed at making a model more helpful can make it easier to talk into things it should refuse. Red-teaming after each round checks three things:</p>
<ul>
<li><strong>Capability regression:</strong> has the model become worse at tasks it used to handle?</li>
<li><strong>Jailbreak susceptibility:</strong> can known and novel prompting tricks get round its refusals?</li>
<li><strong>Alignment preservation:</strong> does it still behave according to its intended guidelines under pressure?</li>
</ul>
<h2 id="the-rules">What governments and companies committed to</h2>
<p>Red-teaming acquired official standing in 2023. In July of that year several leading AI companies made voluntary commitments to the White House that included adversarial testing of their models before release. In October, Executive Order 14110 on AI safety set red-teaming requirements for developers of frontier systems. That order was revoked in January 2025, but the practice it described has persisted in company policies and in international agreements.</p>
<p>In Europe, the AI Act requires adversarial testing from the providers of general-purpose models with systemic risk, so red-teaming is now a legal obligation for the largest developers serving the EU.</p>
<h2 id="how-labs-do-it">How the labs do it</h2>
<p>Google DeepMind, Microsoft and other frontier developers run permanent internal red teams. Rather than a single exercise before launch, they test each post-training iteration against threat models that are revised as new attacks appear. A typical programme combines several approaches:</p>
<ol>
<li>expert testers with backgrounds in security, biology, chemistry or child safety probing specific high-stakes harms;</li>
<li>automated red-teaming, in which one model generates thousands of attack prompts against another;</li>
<li>external testers and bug-bounty style programmes that bring in perspectives the internal team lacks;</li>
<li>regression suites that replay every successful past attack against each new checkpoint.</li>
</ol>
<h2 id="closing-the-loop">Closing the loop</h2>
<p>The findings do not stop at a report. Successful attacks become training data: prompts the model should have refused are added to the next round of preference or safety tuning, and the attack is added to the regression suite. Red-teaming is therefore both an evaluation of post-training and an input to it, a cycle that repeats for the life of a model.</p>
""",
    },
    {
        "slug": "post-training-audit-documentation",
        "title": "The audit trail: documenting every post-training run",
        "standfirst": (
            "Regulated industries must be able to show what was done to a model, with which data and with what "
            "result. Experiment trackers and model cards are becoming compliance tools."
        ),
        "vertical": AI,
        "series": REGULATION,
        "part": 4,
        "authors": ["tobias-lindqvist"],
        "tags": ["compliance", "documentation", "tools"],
        "state": "draft",
        "days": 33,
        "references": [
            {
                "title": "Model Cards for Model Reporting",
                "url": "https://arxiv.org/abs/1810.03993",
                "authors": "Margaret Mitchell et al.",
                "year": 2019,
            },
            {"title": "MLflow", "url": "https://mlflow.org/", "authors": "MLflow project"},
            {"title": "Weights & Biases", "url": "https://wandb.ai/", "authors": "Weights & Biases"},
            EU_AI_ACT,
        ],
        "body": """
<p>Ask a machine learning engineer how a production model was trained and you may get a confident answer that turns out to be half remembered. For internal projects that is an annoyance. For a model deployed in banking, health or hiring it is becoming a compliance failure, because regulators expect a precise and complete record of every change.</p>
<h2 id="what-to-record">What has to be recorded</h2>
<p>For each post-training modification, an auditable record covers at least:</p>
<ul>
<li>the datasets used for fine-tuning, with versions and provenance;</li>
<li>the sources of preference data and the annotation protocol: who labelled it, under what instructions, with what quality checks;</li>
<li>the evaluation benchmarks run on each iteration, and their results;</li>
<li>the exact algorithmic configuration, from the method (SFT, DPO, PPO, GRPO) to learning rates, seeds and code version.</li>
</ul>
<p>The aim is reproducibility in the legal sense: an outsider should be able to see what was done and why the team believed the result was safe to ship.</p>
<p>Retention matters as much as completeness. A model may stay in service for years, passing through many rounds of tuning, and the record for its earliest run can be requested long after the engineers who ran it have moved on.</p>
<h2 id="the-tools">The tools</h2>
<p>Experiment tracking platforms, built originally to help researchers compare runs, turn out to be well suited to the job. Weights &amp; Biases, MLflow and Neptune each log configurations, metrics, datasets and artefacts for every training run, at a level of detail that can satisfy an auditor. The difference between research use and compliance use lies mainly in discipline: every run must be logged, records must be retained, and nobody may edit history after the fact.</p>
<h2 id="model-and-system-cards">Model cards and system cards</h2>
<p>Logs are written for engineers. Regulators, customers and the public need a summary. The model card, proposed by researchers at Google in 2019, is a short structured document describing a model's intended uses, its training and evaluation data, its performance across groups and its known limitations. Frontier developers now also publish system cards, which describe a deployed system as a whole, including the post-training and safety work applied to it and the results of red-teaming.</p>
<p>A good card for a post-trained model explains what post-training changed: which behaviours were added, which were suppressed, and what evaluations showed before and after.</p>
<h2 id="where-practice-meets-accountability">Where practice meets accountability</h2>
<p>Documentation is where the technical work of post-training meets regulatory accountability. Teams that build the habit early find it cheap, because most of the information already exists in their tooling. Teams that try to reconstruct it when an auditor calls find it very expensive, and sometimes impossible.</p>
""",
    },
]
