"""Articles of the AI vertical's opening piece and of the series on the post-training stack."""

# Article bodies are prose: one paragraph per line reads and diffs better than hard-wrapped HTML.
# ruff: noqa: E501

from .site import AI, STACK

ARTICLES = [
    {
        "slug": "what-post-training-means",
        "title": "One word, three disciplines: what post-training means",
        "standfirst": (
            "AI labs, corporate trainers and sports scientists all talk about post-training. They mean different "
            "things, but each is asking the same question: what turns raw effort into lasting capability?"
        ),
        "vertical": AI,
        "authors": ["maren-okafor"],
        "tags": ["post-training", "explainer"],
        "state": "published",
        "days": -200,
        "review": "overdue",
        "references": [
            {
                "title": "Training language models to follow instructions with human feedback",
                "url": "https://arxiv.org/abs/2203.02155",
                "authors": "Long Ouyang et al.",
                "year": 2022,
            },
            {
                "title": "Evaluating Training Programs: The Four Levels",
                "authors": "Donald L. Kirkpatrick and James D. Kirkpatrick",
                "year": 2006,
            },
            {
                "title": "Monitoring training load to understand fatigue in athletes",
                "url": "https://doi.org/10.1007/s40279-014-0253-z",
                "authors": "Shona L. Halson",
                "year": 2014,
            },
        ],
        "body": """
<p>Search for post-training today and most results concern language models. Five years ago the same query would have returned articles about employee courses and athletes' recovery routines. The word has been borrowed, and the borrowing says something about where artificial intelligence is heading.</p>
<h2 id="in-machine-learning">In machine learning</h2>
<p>A language model starts life by predicting the next word across an enormous body of text. That pretraining gives it knowledge and fluency but not manners: the raw model will continue a question rather than answer it. Post-training is the umbrella name for everything done to the model afterwards to make it useful. In practice that means a sequence of methods:</p>
<ul>
<li><strong>SFT</strong> (supervised fine-tuning) on example conversations, which teaches the model what a good reply looks like;</li>
<li><strong>RLHF</strong> and lighter alternatives such as <strong>DPO</strong>, which use human judgements about pairs of replies to push the model towards answers people prefer;</li>
<li><strong>RLVR</strong>, reinforcement learning with rewards that a program can verify, which trains step-by-step reasoning on maths and code.</li>
</ul>
<p>These steps were once a light polish. They now account for most of what users experience as a model's ability, and labs are spending a rising share of their compute on them. That shift is the reason this publication exists.</p>
<h2 id="in-the-workplace">In the workplace</h2>
<p>Learning and development teams have used the term for decades, with a different object. When a course ends, the question becomes whether it worked. Post-training evaluation in this sense tracks how much participants remember, whether they behave differently at work, and whether the organisation got a return on what it spent. The Kirkpatrick model, with its four levels running from a participant's reaction to business results, still frames most of that work, and software vendors now automate much of the measurement.</p>
<h2 id="in-sport">In sport</h2>
<p>For coaches and sports scientists, post-training is the window after a session or a match in which the body recovers and adapts. Teams monitor it with HRV readings, sleep tracking, blood lactate, movement screens and careful attention to food and fluids. Wearables feed those signals to analytics staff, who look for signs that an athlete is absorbing their training load or drifting towards injury.</p>
<h2 id="what-they-share">What the three share</h2>
<p>The parallels are more than a pun. In each field the expensive first phase builds raw capacity, and a cheaper, more targeted second phase decides how much of that capacity shows up when it counts. Each field also wrestles with measurement: a model's preference scores, an employee's quiz results and an athlete's readiness score are all proxies for something harder to observe.</p>
<p>We will cover the three worlds in separate verticals, with series that run over several months. Where one field has solved a problem another is still struggling with, we will say so.</p>
""",
    },
    {
        "slug": "three-stages-of-post-training",
        "title": "Three stages, in order: how modern post-training is put together",
        "standfirst": (
            "Fine-tuning on examples, then learning from preferences, then rewards for verifiable answers. Each "
            "stage fixes a different weakness, and running them out of order costs quality."
        ),
        "vertical": AI,
        "series": STACK,
        "part": 1,
        "authors": ["maren-okafor"],
        "tags": ["post-training", "SFT", "preference optimisation", "RLVR"],
        "state": "published",
        "days": -42,
        "references": [
            {
                "title": "Training language models to follow instructions with human feedback",
                "url": "https://arxiv.org/abs/2203.02155",
                "authors": "Long Ouyang et al.",
                "year": 2022,
            },
            {
                "title": "Tülu 3: Pushing Frontiers in Open Language Model Post-Training",
                "url": "https://arxiv.org/abs/2411.15124",
                "authors": "Nathan Lambert et al.",
                "year": 2024,
            },
            {
                "title": "DeepSeek-R1: Incentivizing Reasoning Capability in LLMs via Reinforcement Learning",
                "url": "https://arxiv.org/abs/2501.12948",
                "authors": "DeepSeek-AI",
                "year": 2025,
            },
        ],
        "body": """
<p>Ask a practitioner to sketch how a base model becomes a product and you will usually get three boxes joined by arrows. The details inside the boxes change every few months; the boxes themselves have been remarkably stable. Each exists because the one before it leaves a specific problem unsolved.</p>
<h2 id="stage-one-sft">Stage one: supervised fine-tuning</h2>
<p>SFT shows the model thousands to millions of examples of the behaviour wanted, typically a prompt followed by an ideal response, and trains it to imitate them. What the model learns here is mostly form. It picks up the conventions of a helpful reply: answer the question that was asked, follow the requested structure, return valid JSON when asked for JSON, stay in the conversation rather than drifting into an essay.</p>
<p>SFT is cheap and dependable, but imitation has a ceiling. The model can only be as good as its demonstrations, and writing excellent demonstrations for every situation is impossible.</p>
<h2 id="stage-two-preferences">Stage two: learning from preferences</h2>
<p>People find it far easier to compare two answers than to write a perfect one. The second stage exploits that. Annotators see pairs of responses and pick the better one, and the model is trained to produce more of what wins. RLHF does this with a learned reward model and a reinforcement learning loop; DPO and its descendants reach a similar result with a simpler loss. This is the stage that shapes tone, helpfulness, honesty and refusal behaviour, the qualities that are hard to specify but easy to recognise.</p>
<h2 id="stage-three-verifiable-rewards">Stage three: rewards a computer can check</h2>
<p>Preference data has a weakness for hard problems: a tired annotator may prefer a confident wrong answer to a hesitant right one. For tasks with a checkable outcome, such as a maths problem with a known answer or code that must pass its tests, RLVR replaces the human judge with an automatic one. The model tries many solutions, gets rewarded only for the correct ones, and gradually learns to reason at length before committing to an answer. This stage is behind the reasoning models that appeared from late 2024 onwards.</p>
<h2 id="why-order-matters">Why the order matters</h2>
<p>Each stage assumes the abilities the previous one created:</p>
<ol>
<li>Preference training needs a model that already answers in the right shape; otherwise annotators spend their time rejecting malformed output, and the signal is wasted on basics.</li>
<li>Reinforcement learning on verifiable tasks works only when the model sometimes gets the answer right. A model without instruction-following rarely does, so the reward is almost always zero and nothing is learned.</li>
<li>Teams that skip a stage, or run them in a different sequence, report measurably weaker results on the benchmarks they care about.</li>
</ol>
<p>Real pipelines are messier than three boxes. Labs interleave rounds, return to SFT with data generated by a stronger checkpoint, and mix preference and verifiable rewards in one run. But the logic of the sequence, format first, then taste, then verified reasoning, survives in every recipe we have seen published.</p>
<p>The rest of this series takes each box in turn, starting with the method that made the whole idea famous.</p>
""",
    },
    {
        "slug": "rlhf-foundation",
        "title": "RLHF: the technique that made chatbots worth talking to",
        "standfirst": (
            "Reinforcement learning from human feedback turned a text predictor into ChatGPT. Its three moving "
            "parts, and its price tag, explain both its success and the rush to replace it."
        ),
        "vertical": AI,
        "series": STACK,
        "part": 2,
        "authors": ["maren-okafor"],
        "tags": ["RLHF", "reward models", "preference data", "Llama"],
        "state": "published",
        "days": -35,
        "corrections": [
            {
                "days_after_publication": 3,
                "note": (
                    "An earlier version of this article dated OpenAI's InstructGPT paper to 2021. It was published "
                    "in March 2022."
                ),
            },
        ],
        "references": [
            {
                "title": "Deep reinforcement learning from human preferences",
                "url": "https://arxiv.org/abs/1706.03741",
                "authors": "Paul Christiano et al.",
                "year": 2017,
            },
            {
                "title": "Proximal Policy Optimization Algorithms",
                "url": "https://arxiv.org/abs/1707.06347",
                "authors": "John Schulman et al.",
                "year": 2017,
            },
            {
                "title": "Training language models to follow instructions with human feedback",
                "url": "https://arxiv.org/abs/2203.02155",
                "authors": "Long Ouyang et al.",
                "year": 2022,
            },
            {
                "title": "Llama 2: Open Foundation and Fine-Tuned Chat Models",
                "url": "https://arxiv.org/abs/2307.09288",
                "authors": "Hugo Touvron et al.",
                "year": 2023,
            },
            {
                "title": "The Llama 3 Herd of Models",
                "url": "https://arxiv.org/abs/2407.21783",
                "authors": "Llama Team, AI @ Meta",
                "year": 2024,
            },
        ],
        "body": """
<p>When ChatGPT appeared at the end of 2022, the underlying model was not dramatically larger than what came before. What had changed was the way it had been trained after pretraining. Reinforcement learning from human feedback had made a model that people simply preferred to talk to, and the rest of the industry spent the following year copying the recipe.</p>
<h2 id="how-it-works">How RLHF works</h2>
<p>The classic pipeline, described in OpenAI's InstructGPT paper, has three moving parts:</p>
<ol>
<li><strong>Collect comparisons.</strong> The model writes several answers to a prompt and human raters say which they prefer. The result is a large set of preference data: prompt, winner, loser.</li>
<li><strong>Train a reward model.</strong> A separate network learns to predict those judgements, assigning a score to any answer. It becomes a stand-in for the raters, able to grade millions of responses they will never see.</li>
<li><strong>Optimise the policy.</strong> The language model is then updated with PPO, proximal policy optimisation, to produce answers the reward model scores highly. A penalty keeps it from moving too far from the model it started as, because a policy left unchecked learns to exploit quirks of the reward model instead of becoming genuinely better.</li>
</ol>
<p>That last point, known as reward hacking, is the central difficulty of the method. The reward model is only an approximation of human taste, and a strong optimiser will find its blind spots: overlong answers, flattery, confident tone. Much of the craft of RLHF lies in keeping the optimisation honest.</p>
<h2 id="what-it-costs">What it costs</h2>
<p>RLHF is expensive on two fronts. The compute is substantial, since PPO keeps several large models in memory at once: the policy, a frozen reference copy, the reward model and usually a value network. The human data is costlier still.</p>
<p>Meta's paper on Llama 2, released in 2023, gives a rare view of the scale. The team gathered roughly 1.4 million binary preference comparisons; outside estimates put the bill for that effort somewhere between $10 million and $20 million. For Llama 3.1 a year later, the post-training effort had grown into a team of around 200 people and, by the same kind of estimate, more than $50 million in cost.</p>
<h2 id="why-the-spending-grew">Why the spending grew</h2>
<p>Those numbers would be hard to justify if post-training were a cosmetic finish. They make sense once labs concluded that the quality users notice depends more on this stage than on simply pretraining a bigger model. A better-aligned model of a given size often beats a larger one that was post-trained carelessly.</p>
<h2 id="its-legacy">Its legacy</h2>
<p>RLHF remains the conceptual foundation of the field even where teams no longer run it in its original form. Every method covered in the next parts of this series either simplifies one of its three steps or replaces the human judges with something cheaper. To understand why DPO spread so quickly, it helps to remember how many models, how much memory and how many annotators the original approach required.</p>
""",
    },
    {
        "slug": "dpo-and-its-successors",
        "title": "After DPO: SimPO, KTO, ORPO and the art of removing parts",
        "standfirst": (
            "Direct preference optimisation showed that alignment did not need a reinforcement learning loop. "
            "The variants that followed each took out one more component."
        ),
        "vertical": AI,
        "series": STACK,
        "part": 3,
        "authors": ["maren-okafor", "tobias-lindqvist"],
        "tags": ["DPO", "preference optimisation", "alignment"],
        "state": "published",
        "days": -28,
        "references": [
            {
                "title": "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
                "key": "rafailov-2023",
                "kind": "preprint",
                "url": "https://arxiv.org/abs/2305.18290",
                "authors": "Rafael Rafailov et al.",
                "year": 2023,
            },
            {
                "title": "SimPO: Simple Preference Optimization with a Reference-Free Reward",
                "key": "meng-2024",
                "kind": "preprint",
                "url": "https://arxiv.org/abs/2405.14734",
                "authors": "Yu Meng, Mengzhou Xia and Danqi Chen",
                "year": 2024,
            },
            {
                "title": "KTO: Model Alignment as Prospect Theoretic Optimization",
                "key": "ethayarajh-2024",
                "kind": "preprint",
                "url": "https://arxiv.org/abs/2402.01306",
                "authors": "Kawin Ethayarajh et al.",
                "year": 2024,
            },
            {
                "title": "ORPO: Monolithic Preference Optimization without Reference Model",
                "key": "hong-2024",
                "kind": "preprint",
                "url": "https://arxiv.org/abs/2403.07691",
                "authors": "Jiwoo Hong, Noah Lee and James Thorne",
                "year": 2024,
            },
        ],
        "body": """
<p>In 2023 a group of researchers at Stanford published a paper with a provocative subtitle: your language model is secretly a reward model.<sup data-cite="rafailov-2023"></sup> Its argument was mathematical, and its consequence was practical. The objective that RLHF optimises with a reward model and PPO, the authors showed, has a closed-form solution that can be reached by ordinary supervised training on preference pairs.</p>
<h2 id="what-dpo-changed">What DPO changed</h2>
<p>DPO, direct preference optimisation, takes the same preference data as RLHF: a prompt, a preferred answer and a rejected one. Instead of first fitting a reward model and then running reinforcement learning against it, it adjusts the model directly so that the preferred answer becomes more likely relative to a frozen reference copy, and the rejected one less likely. The training loop looks like a classification problem. There is no sampling during training, no separate reward network and none of the tuning headaches that make PPO notorious.</p>
<p>For teams without a large reinforcement learning infrastructure, that was decisive. Within months DPO had become the standard way for open-model builders and enterprises to align a model, and it remains the first method most practitioners reach for.</p>
<h2 id="the-successors">The successors</h2>
<p>DPO opened a line of research in which each new method asked what else could be thrown away. Three of the best known appeared in 2024:</p>
<ul>
<li><strong>SimPO</strong> drops the reference model.<sup data-cite="meng-2024"></sup> It uses the average log-likelihood of a whole response, normalised by its length, as the implicit reward, and adds a target margin between winners and losers. Its authors reported gains over DPO of up to 6.4 points on AlpacaEval 2 and up to 7.5 points on Arena-Hard.</li>
<li><strong>KTO</strong>, named after Kahneman and Tversky's prospect theory, drops the need for pairs.<sup data-cite="ethayarajh-2024"></sup> It learns from single answers labelled simply as good or bad, which is exactly the signal a product collects from thumbs-up and thumbs-down buttons. Companies with plenty of such feedback and few curated comparisons found it a natural fit.</li>
<li><strong>ORPO</strong> drops the separate fine-tuning stage.<sup data-cite="hong-2024"></sup> It adds an odds-ratio penalty to the usual SFT loss, so a single training run teaches format and preference together. That shortens training and avoids the mismatch that arises when a model tuned in one stage drifts during the next.</li>
</ul>
<h2 id="a-pattern-of-subtraction">A pattern of subtraction</h2>
<p>Read in sequence, the methods tell a simple story. RLHF needed a reward model, a reference model, paired comparisons and a prior fine-tuning stage. DPO removed the first,<sup data-cite="rafailov-2023"></sup> SimPO the second, KTO the third and ORPO the fourth. Each removal makes alignment cheaper or easier to run on data a company already has.</p>
<h2 id="choosing-between-them">Choosing between them</h2>
<p>None of these methods is best everywhere, and benchmark gains often shrink when the data or model size changes. A reasonable rule of thumb for a team starting out:</p>
<ul>
<li>with clean pairwise comparisons, start with DPO and compare SimPO;</li>
<li>with abundant binary feedback from users, try KTO;</li>
<li>with a tight compute budget and a base model that still needs instruction tuning, ORPO can do both jobs in one pass.</li>
</ul>
<p>What none of them solves is the quality of the preferences themselves. That limitation is what pushed the field towards rewards that do not depend on human judgement at all, the subject of the next part.</p>
""",
    },
    {
        "slug": "rlvr-grpo-dapo",
        "title": "Rewards you can check: RLVR, GRPO and DAPO",
        "standfirst": (
            "The biggest change in post-training during 2025 swapped human preference labels for automatic "
            "verification. It produced models that reason, and a new set of training problems."
        ),
        "vertical": AI,
        "series": STACK,
        "part": 4,
        "authors": ["maren-okafor"],
        "tags": ["RLVR", "reasoning models", "DeepSeek-R1", "reinforcement learning"],
        "state": "published",
        "days": -14,
        "references": [
            {
                "title": "DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models",
                "url": "https://arxiv.org/abs/2402.03300",
                "authors": "Zhihong Shao et al.",
                "year": 2024,
            },
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
        ],
        "body": """
<p>Human preferences are a good guide to whether an answer is polite, clear and safe. They are a poor guide to whether a long proof is correct. During 2025 the centre of gravity in post-training moved to problems where correctness can be established by a program, and the results reshaped what people expect from language models.</p>
<h2 id="the-idea">The idea behind RLVR</h2>
<p>RLVR, reinforcement learning with verifiable rewards, gives the model problems with a checkable outcome: a maths question with a known numerical answer, a programming task with unit tests, a puzzle whose solution can be validated. The model generates attempts, a checker marks each one right or wrong, and the model is updated to make successful reasoning more likely. No reward model is trained and no annotator is consulted.</p>
<p>The striking finding came from DeepSeek. Its R1 report described a variant, R1-Zero, trained with this kind of reinforcement learning alone, with no human preference data. The model learned on its own to write long chains of thought, to check intermediate steps and to backtrack when a line of reasoning failed. Behaviour that had seemed to require careful demonstrations emerged from a reward that said only "correct" or "incorrect".</p>
<h2 id="grpo">GRPO: dropping the critic</h2>
<p>The algorithm behind R1 is GRPO, group relative policy optimisation, first introduced in DeepSeek's earlier work on mathematical reasoning. Standard PPO relies on a critic, a second large network that estimates how good each state is, in order to judge whether an action did better than expected. GRPO removes it. For each prompt it samples a group of answers and scores every answer against the average of its own group. An answer that beats its siblings is reinforced; one that falls short is discouraged.</p>
<p>The saving is considerable. Without a critic there is one less model to hold in memory and to keep stable, which made large-scale reinforcement learning on reasoning feasible for many more teams.</p>
<h2 id="dapo">DAPO: making long reasoning train reliably</h2>
<p>Long chains of thought brought their own failures. Training runs would collapse into repetitive, low-variety output; batches in which every answer was right, or every answer wrong, produced no learning signal; and losses averaged over whole sequences let very long responses dilute the contribution of each token. DAPO, from ByteDance and Tsinghua University, addressed each problem with a targeted change:</p>
<ul>
<li><strong>Clip-higher</strong> loosens the upper bound on how much a low-probability token can be boosted, which keeps exploration alive and prevents entropy collapse.</li>
<li><strong>Dynamic sampling</strong> filters out prompt groups whose answers are all correct or all wrong, so every batch carries a useful gradient.</li>
<li><strong>Token-level policy gradient loss</strong> weights each token equally, so long answers neither swamp nor vanish from the update.</li>
</ul>
<p>The team reported the results on AIME 2024, a demanding competition-maths benchmark. A 32-billion-parameter model trained with DAPO scored higher than DeepSeek-R1-Zero at the same size while using half as many training steps.</p>
<h2 id="what-changes">What changes for practitioners</h2>
<p>RLVR does not replace the earlier stages. Models still need SFT to answer in the right format and preference training to behave well in open conversation. But for any domain where answers can be verified automatically, from spreadsheet formulas to database queries, the recipe now includes a reinforcement learning phase driven by a checker. Writing good verifiers has become a skill as valuable as collecting good preference data.</p>
""",
    },
    {
        "slug": "compute-shift-to-post-training",
        "title": "The compute is moving: post-training's growing share of the budget",
        "standfirst": (
            "Frontier labs used to spend the great majority of their compute on pretraining. Estimates now put "
            "post-training at more than half, and the recipes have fragmented accordingly."
        ),
        "vertical": AI,
        "series": STACK,
        "part": 5,
        "authors": ["tobias-lindqvist"],
        "tags": ["compute", "industry", "post-training"],
        "state": "scheduled",
        "days": 4,
        "references": [
            {
                "title": "DeepSeek-R1: Incentivizing Reasoning Capability in LLMs via Reinforcement Learning",
                "url": "https://arxiv.org/abs/2501.12948",
                "authors": "DeepSeek-AI",
                "year": 2025,
            },
            {
                "title": "Tülu 3: Pushing Frontiers in Open Language Model Post-Training",
                "url": "https://arxiv.org/abs/2411.15124",
                "authors": "Nathan Lambert et al.",
                "year": 2024,
            },
        ],
        "body": """
<p>For most of the history of large language models, the budget conversation was about pretraining. How many GPUs, for how many months, on how many tokens? Post-training was a rounding error by comparison. That is no longer true, and the change affects who can compete and how models are built.</p>
<h2 id="the-numbers">The numbers</h2>
<p>Estimates circulating in early 2026 describe a sharp rebalancing for frontier models. Where labs once devoted about three quarters of their training compute to pretraining and a quarter to post-training, the split is now closer to 45 per cent pretraining and 55 per cent post-training. The figures are estimates rather than audited disclosures, and they vary between labs, but the direction is not in dispute.</p>
<p>OpenAI, Google DeepMind and other frontier developers have said publicly that they expect the next gains in capability to come mainly from better post-training rather than from ever larger pretraining runs. Reinforcement learning on reasoning tasks is especially hungry: every training step requires the model to generate many long answers before any learning takes place.</p>
<h2 id="end-of-one-recipe">The end of a single recipe</h2>
<p>In 2022 and 2023 the standard method was easy to describe: pretrain, then apply RLHF. That consensus has gone. Each major model of the past year has shipped with its own post-training stack, assembled from interchangeable components:</p>
<ul>
<li>one or more rounds of SFT, often on data generated by an earlier model and filtered for quality;</li>
<li>preference optimisation with DPO, one of its successors, or classic RLHF with PPO;</li>
<li>RLVR on maths, code and other checkable tasks, frequently with GRPO or a close relative;</li>
<li>targeted rounds for safety, tool use or long context, arranged to suit what the model is meant to be good at.</li>
</ul>
<p>The modularity is the point. A coding model and a customer-service model may share a base but diverge completely afterwards.</p>
<h2 id="a-market-follows">A market follows</h2>
<p>Where compute goes, vendors follow. Together AI, Fireworks AI and Anyscale have all built services aimed at enterprise post-training workloads. Their bet is that companies deploying their own models are held back less by access to base models, which are plentiful, than by the infrastructure and expertise to fine-tune and align them. Our series on enterprise platforms looks at that market in detail.</p>
<h2 id="what-it-means">What it means</h2>
<p>The shift has two consequences worth watching. First, it lowers the barrier for organisations that cannot afford to pretrain but can afford to post-train well, since the stage that matters most is also the one they can reach. Second, it moves the hardest open questions, about reward design, evaluation and the stability of long reinforcement learning runs, to the centre of the field. The labs that answer them best will not necessarily be the ones with the largest clusters.</p>
""",
    },
]
