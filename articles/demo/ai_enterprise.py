"""Articles of the series on enterprise post-training platforms and the fine-tuning economy."""

# Article bodies are prose: one paragraph per line reads and diffs better than hard-wrapped HTML.
# ruff: noqa: E501

from .site import AI, ENTERPRISE

ARTICLES = [
    {
        "slug": "post-training-infrastructure-market",
        "title": "Picks and shovels: the market for post-training infrastructure",
        "standfirst": (
            "Companies want models tuned to their own work without building an alignment team. NVIDIA, Hugging "
            "Face, Red Hat and a wave of hosted platforms are competing to sell them the tools."
        ),
        "vertical": AI,
        "series": ENTERPRISE,
        "part": 1,
        "authors": ["tobias-lindqvist"],
        "tags": ["enterprise AI", "tools", "fine-tuning"],
        "state": "published",
        "days": -21,
        "references": [
            {"title": "NVIDIA NeMo (source repository)", "url": "https://github.com/NVIDIA/NeMo", "authors": "NVIDIA"},
            {
                "title": "TRL: Transformer Reinforcement Learning (documentation)",
                "url": "https://huggingface.co/docs/trl",
                "authors": "Hugging Face",
            },
            {
                "title": "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
                "url": "https://arxiv.org/abs/2305.18290",
                "authors": "Rafael Rafailov et al.",
                "year": 2023,
            },
        ],
        "body": """
<p>A bank that wants a model fluent in its own products has two options. It can hire a team that understands reward models, preference data and the stability tricks of reinforcement learning, or it can buy that knowledge packaged as software. A growing number of vendors are betting on the second option, because post-training is now what separates a generic model from a useful one.</p>
<h2 id="nvidia">NVIDIA: the full stack, tied to the hardware</h2>
<p>NVIDIA's NeMo framework covers the whole sequence in one toolkit. It supports SFT, RLHF with PPO, DPO and the training of custom reward models, and it is tuned to run efficiently on the company's own GPUs. The pitch to enterprises is that everything from data preparation to alignment lives in a single supported product.</p>
<p>NVIDIA also uses its tools in public. The Nemotron family of models, released over the course of 2025, served as a demonstration of what its post-training pipeline can do, and rivals conceded that several of those models raised the bar for performance per unit of compute. Few arguments sell a toolkit better than the vendor's own results.</p>
<h2 id="open-source">The open-source layer</h2>
<p>Hugging Face's TRL library, short for Transformer Reinforcement Learning, plays a different role. It offers open implementations of nearly every algorithm in the post-training family, from SFT and reward modelling to PPO, DPO and GRPO, built on the widely used Transformers library. For researchers and smaller teams it is often the first stop, and many commercial products use it underneath.</p>
<p>Red Hat has approached the problem from the enterprise IT side. Its Training Hub is an abstraction layer: a consistent Python interface through which teams can run SFT, RLHF or preference optimisation without learning each algorithm's individual quirks. The goal is to make post-training look like any other managed workload in a corporate data centre.</p>
<h2 id="hosted">Hosted platforms</h2>
<p>A further group, including Together AI, Fireworks AI and Anyscale, sells post-training as a service. Customers upload data, choose a base model and a method, and receive a tuned model they can serve on the same platform. For organisations without spare GPU capacity, that removes the largest practical obstacle.</p>
<h2 id="how-to-choose">How buyers choose</h2>
<p>The right tool depends mostly on where a team's constraints lie:</p>
<ul>
<li><strong>Compute already owned:</strong> a framework such as NeMo makes the most of existing NVIDIA hardware.</li>
<li><strong>Research flexibility:</strong> TRL exposes the algorithms directly and tracks new methods quickly.</li>
<li><strong>Governance and standard operations:</strong> a layer like Training Hub fits existing platform teams.</li>
<li><strong>No infrastructure at all:</strong> hosted services trade control for speed.</li>
</ul>
<p>Whatever the choice, the underlying shift is the same. Alignment tooling has moved from research code to a product category, and enterprise buyers now compare post-training platforms the way they once compared databases.</p>
""",
    },
    {
        "slug": "domain-specific-post-training",
        "title": "Tuned for the trade: domain-specific post-training and the data market",
        "standfirst": (
            "Hospitals, banks and law firms are each adapting models to their own language and rules. Behind "
            "them stands a fast-growing industry that supplies expert feedback by the hour."
        ),
        "vertical": AI,
        "series": ENTERPRISE,
        "part": 2,
        "authors": ["tobias-lindqvist", "maren-okafor"],
        "tags": ["enterprise AI", "preference data", "fine-tuning"],
        "state": "published",
        "days": -7,
        "references": [
            {
                "title": "Llama 2: Open Foundation and Fine-Tuned Chat Models",
                "url": "https://arxiv.org/abs/2307.09288",
                "authors": "Hugo Touvron et al.",
                "year": 2023,
            },
            {
                "title": "Training language models to follow instructions with human feedback",
                "url": "https://arxiv.org/abs/2203.02155",
                "authors": "Long Ouyang et al.",
                "year": 2022,
            },
        ],
        "body": """
<p>General-purpose models know a little about everything. Enterprises need them to know a great deal about one thing, to use its vocabulary correctly and to respect its rules. That is why so much corporate post-training is now specific to a single sector.</p>
<h2 id="three-sectors">Three sectors, three kinds of tuning</h2>
<ul>
<li><strong>Healthcare.</strong> Providers fine-tune models on the conventions of clinical notes and on diagnostic terminology, so that summaries and letters read as a clinician would write them and codes are used correctly.</li>
<li><strong>Finance.</strong> Banks and insurers align models with their compliance obligations and risk frameworks. A good answer is not only accurate but one the compliance department would sign off.</li>
<li><strong>Law.</strong> Legal technology firms post-train on case law and statutes from particular jurisdictions, teaching models how courts in a given system interpret legislation.</li>
</ul>
<p>In each case the base model supplies general language ability, and post-training supplies the judgement that makes an answer acceptable to a professional.</p>
<h2 id="data-is-the-bottleneck">Data is the bottleneck</h2>
<p>The methods are widely available; the data is not. Effective domain tuning needs three kinds of material: expert demonstrations for SFT, preference data labelled by people who actually know the field, and evaluation sets that test what matters in that domain rather than general trivia. A radiologist's judgement of two draft reports is worth far more than a generalist's, and it costs far more.</p>
<p>An industry has grown up to supply it. Scale AI, valued at about $29 billion after Meta's investment in the company, runs the human-feedback operations on which several frontier labs rely for preference collection. Surge AI, Invisible Technologies and Labelbox are among the specialists serving enterprise clients, recruiting annotators with professional backgrounds in finance, medicine and law.</p>
<h2 id="what-buyers-should-ask">What buyers should ask</h2>
<p>For a company commissioning domain data, the important questions are about people and process rather than volume:</p>
<ol>
<li>Who are the annotators, and how is their expertise verified?</li>
<li>How are disagreements between experts resolved and recorded?</li>
<li>Is the evaluation set kept strictly separate from the training data?</li>
<li>Can the vendor document where each example came from, for the auditors who will eventually ask?</li>
</ol>
<p>That last question matters more every year. As our regulation series explains, rules such as the EU AI Act extend data-governance duties to the datasets used for fine-tuning and alignment.</p>
<h2 id="a-moat-of-judgement">A moat made of judgement</h2>
<p>The lesson from the sector-specific projects we have looked at is consistent. Two companies starting from the same open model can end up with very different products, and the difference lies almost entirely in the quality of the expert feedback each one collected. In domain AI, the scarce asset is no longer the model but the people who can tell a good answer from a plausible one.</p>
""",
    },
    {
        "slug": "post-training-first-labs",
        "title": "Reasoning models and the rise of post-training-first labs",
        "standfirst": (
            "Models that think at length before answering need their own training methods. A new class of "
            "companies treats that work as the main event rather than the finishing touch."
        ),
        "vertical": AI,
        "series": ENTERPRISE,
        "part": 3,
        "authors": ["tobias-lindqvist"],
        "tags": ["reasoning models", "industry", "RLVR"],
        "state": "scheduled",
        "days": 11,
        "references": [
            {
                "title": "DeepSeek-R1: Incentivizing Reasoning Capability in LLMs via Reinforcement Learning",
                "url": "https://arxiv.org/abs/2501.12948",
                "authors": "DeepSeek-AI",
                "year": 2025,
            },
            {
                "title": "DAPO: An Open-Source LLM Reinforcement Learning System at Scale",
                "url": "https://arxiv.org/abs/2503.14476",
                "authors": "Qiying Yu et al.",
                "year": 2025,
            },
            {"title": "Learning to reason with LLMs", "authors": "OpenAI", "year": 2024},
        ],
        "body": """
<p>A reasoning model does not answer straight away. It first writes out a chain of thought, sometimes thousands of tokens long, in which it explores approaches, checks its work and corrects mistakes, and only then gives a final answer. OpenAI's o-series and DeepSeek-R1 made this style of model mainstream, and in doing so created a distinct branch of post-training.</p>
<h2 id="why-new-methods">Why reasoning needs new methods</h2>
<p>Techniques designed for short conversational replies struggle with very long outputs. When the only signal is whether a ten-thousand-token solution ended with the right answer, optimisation at the level of the whole sequence gives each individual step almost no credit or blame. Training becomes unstable, output diversity can collapse, and long answers can dominate or vanish from the gradient.</p>
<p>The fixes are specific to the setting. RLVR supplies rewards from automatic checkers; GRPO compares each answer with others sampled for the same prompt; DAPO adds changes such as token-level losses and dynamic sampling so that long chains of thought train reliably. Teams building reasoning models now maintain pipelines that look quite different from those used for chat assistants.</p>
<h2 id="new-labs">A new kind of lab</h2>
<p>Capital has followed the technical shift. Two young companies illustrate it:</p>
<ul>
<li><strong>Thinking Machines Lab</strong>, founded by former OpenAI chief technology officer Mira Murati, counts among its founders John Schulman, a co-creator of PPO who helped lead the reinforcement learning work behind ChatGPT. It raised a seed round of $2 billion to build infrastructure for post-training reasoning models.</li>
<li><strong>Safe Superintelligence</strong>, co-founded by Ilya Sutskever, formerly OpenAI's chief scientist, concentrates its research on alignment methods meant to keep working as systems become capable of reasoning beyond human level, without giving up safety guarantees along the way.</li>
</ul>
<p>What unites them is a view of where value is created. For these companies, alignment and fine-tuning are not a refinement applied to someone else's pretrained model but the core of the product.</p>
<h2 id="for-enterprises">What it means for enterprises</h2>
<p>Most companies will consume reasoning models rather than train them. But the same techniques are arriving in the enterprise platforms, and they matter wherever a task has a checkable outcome: reconciling accounts, generating database queries, validating configuration files. An organisation that can write a reliable verifier for its own tasks can use reinforcement learning to teach a model those tasks, a capability that was confined to research labs until recently.</p>
<h2 id="open-questions">Open questions</h2>
<p>Reasoning models raise problems that post-training has not solved. Long chains of thought are costly to serve, hard to audit and sometimes unfaithful to the process that actually produced the answer. Whether the post-training-first labs can turn their large funding rounds into methods that address those weaknesses is one of the stories we will follow.</p>
""",
    },
    {
        "slug": "fine-tuning-cost-economics",
        "title": "The fine-tuning dividend: why customising beats building",
        "standfirst": (
            "Retrieval plus fine-tuning, lighter alignment methods and carefully chosen data have changed the "
            "cost arithmetic. Competitive models no longer require a frontier budget."
        ),
        "vertical": AI,
        "series": ENTERPRISE,
        "part": 4,
        "authors": ["tobias-lindqvist"],
        "tags": ["economics", "fine-tuning", "DPO"],
        "state": "review",
        "days": 20,
        "references": [
            {
                "title": "Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks",
                "url": "https://arxiv.org/abs/2005.11401",
                "authors": "Patrick Lewis et al.",
                "year": 2020,
            },
            {
                "title": "LoRA: Low-Rank Adaptation of Large Language Models",
                "url": "https://arxiv.org/abs/2106.09685",
                "authors": "Edward J. Hu et al.",
                "year": 2021,
            },
            {
                "title": "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
                "url": "https://arxiv.org/abs/2305.18290",
                "authors": "Rafael Rafailov et al.",
                "year": 2023,
            },
        ],
        "body": """
<p>Few enterprises will ever pretrain a foundation model, and fewer still should. The economics point firmly the other way: take a capable open or licensed model, give it access to your documents, and post-train it on the behaviour you need. Three sets of numbers explain why that has become the default.</p>
<h2 id="rag-plus-fine-tuning">Retrieval plus fine-tuning</h2>
<p>RAG, retrieval-augmented generation, lets a model look up relevant passages from a company's own documents at the moment it answers, instead of memorising them during training. Combined with fine-tuning that teaches the model the domain's style and procedures, it has become the standard architecture for enterprise deployments. Industry estimates put the saving at around 80 per cent compared with training a foundation model from scratch, and the approach has the added benefit that knowledge can be updated by editing documents rather than retraining.</p>
<h2 id="cheaper-alignment">Cheaper alignment</h2>
<p>The alignment step has also become cheaper. DPO reaches alignment quality comparable to RLHF with roughly 40 per cent less compute, according to commonly cited estimates, because it needs no reward model and no reinforcement learning loop. Parameter-efficient methods such as LoRA, which train a small set of added weights rather than the whole network, cut costs further still.</p>
<h2 id="data-quality">Data quality beats data volume</h2>
<p>The third figure concerns data. Curating training examples with domain experts, rather than relying on generic instruction data, is reported to improve accuracy by 25 to 35 per cent on the tasks a company actually cares about. A few thousand excellent examples often beat hundreds of thousands of mediocre ones.</p>
<table>
<thead><tr><th>Lever</th><th>Typical estimate</th><th>Compared with</th></tr></thead>
<tbody>
<tr><td>RAG with domain fine-tuning</td><td>about 80% lower cost</td><td>retraining a foundation model</td></tr>
<tr><td>DPO for alignment</td><td>about 40% less compute</td><td>RLHF with PPO</td></tr>
<tr><td>Expert-curated data</td><td>25–35% higher accuracy</td><td>generic training data</td></tr>
</tbody>
</table>
<p>These are industry estimates rather than controlled measurements, and results in any one project will differ. Taken together, they still describe a large and consistent advantage.</p>
<h2 id="who-benefits">Who benefits</h2>
<p>The practical consequence is a widening of access. An organisation with strong post-training skills and good domain data can field a model that competes with far larger efforts, without a frontier-scale compute budget. High-quality AI systems stop being the preserve of a handful of laboratories.</p>
<h2 id="new-moats">Where the moats move</h2>
<p>If anyone can rent a base model, advantage must come from elsewhere. In our reporting, two sources stand out: a well-engineered post-training pipeline that can be rerun quickly as base models improve, and proprietary domain data that competitors cannot buy. The contest is shifting away from who owns the largest pretraining cluster and towards who runs the most effective post-training.</p>
""",
    },
]
