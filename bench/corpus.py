"""The bench data set's words: deterministic filler prose about the three verticals, and the names tests look for.

The same seed gives the same articles on every run, so figures compare across runs.
"""

import random

SLUG_PREFIX = "bench-"
# On exactly one article each, so a page's query count can be compared at one item and at many.
RARE_TAG = "bench-rare"
RARE_WORD = "quokka"

VERTICALS = [
    ("ai-post-training", "AI model post-training", "SFT, RLHF, DPO and what came after, in practice."),
    ("corporate-learning", "Corporate learning", "What happens after the training day: assessment and retention."),
    ("sports-science", "Sports science", "Recovery, adaptation and analytics after the session."),
]

GLOSSARY = [
    ("RLHF", "reinforcement learning from human feedback"),
    ("DPO", "direct preference optimisation"),
    ("SFT", "supervised fine-tuning"),
    ("PPO", "proximal policy optimisation"),
    ("GRPO", "group relative policy optimisation"),
    ("RLVR", "reinforcement learning with verifiable rewards"),
    ("KTO", "Kahneman-Tversky optimisation"),
    ("LoRA", "low-rank adaptation"),
    ("Kirkpatrick model", "four levels of training evaluation"),
    ("forgetting curve", "how memory decays without practice"),
    ("spaced repetition", "reviews timed to beat forgetting"),
    ("HRV", "heart-rate variability"),
    ("DOMS", "delayed-onset muscle soreness"),
    ("ACWR", "acute:chronic workload ratio"),
    ("VO2max", "maximal oxygen uptake"),
]


def words_of(text):
    return text.split()


COMMON = words_of(
    "the a of and to in that with for on is as it by this from at which be are was can more than when how what "
    "after before during each most many these their our we they not also often only both between into over"
)
TOPICS = {
    "ai-post-training": words_of(
        "model reward preference policy alignment feedback annotators pairs rubric verifier reasoning gradient "
        "checkpoint baseline ablation sampling dataset benchmark evaluation tokens instruction tuning optimisation "
        "RLHF DPO SFT PPO GRPO RLVR KTO LoRA"
    ),
    "corporate-learning": words_of(
        "learners retention assessment transfer workplace manager programme curriculum behaviour outcome survey "
        "cohort practice coaching competence level impact evaluation reward feedback "
        "Kirkpatrick model forgetting curve spaced repetition"
    ),
    "sports-science": words_of(
        "athletes recovery load sprint lactate sleep nutrition adaptation session coach fatigue strength "
        "endurance monitoring readiness response training evaluation HRV DOMS ACWR VO2max"
    ),
}


class Writer:
    """Deterministic filler prose: ~1,500 words in sections with anchored headings, like a real long read."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def words(self, vocabulary, n):
        rng = self.rng
        return " ".join(rng.choice(vocabulary) if rng.random() < 0.45 else rng.choice(COMMON) for _ in range(n))

    def sentence(self, vocabulary):
        text = self.words(vocabulary, self.rng.randint(8, 22))
        return text[0].upper() + text[1:] + "."

    def title(self, vocabulary):
        text = self.words(vocabulary, self.rng.randint(4, 8))
        return text[0].upper() + text[1:]

    def body(self, vocabulary, target_words=1350):
        rng, parts, count, section = self.rng, [], 0, 0
        while count < target_words:
            section += 1
            heading = self.title(vocabulary)
            parts.append(f'<h2 id="section-{section}">{heading}</h2>')
            for _ in range(rng.randint(3, 5)):
                paragraph = " ".join(self.sentence(vocabulary) for _ in range(rng.randint(3, 6)))
                count += len(paragraph.split())
                parts.append(f"<p>{paragraph}</p>")
            if section % 3 == 0:
                items = "".join(f"<li>{self.sentence(vocabulary)}</li>" for _ in range(3))
                parts.append(f"<ul>{items}</ul>")
            if section % 4 == 0:
                parts.append(f"<blockquote><p>{self.sentence(vocabulary)}</p></blockquote>")
        return "".join(parts)


def campaign_body(seed=2026):
    """About the size of a real launch announcement: ~600 words of HTML."""
    writer = Writer(seed=seed)
    vocabulary = TOPICS["ai-post-training"]
    parts = []
    for section in range(3):
        parts.append(f"<h2>{writer.title(vocabulary)}</h2>")
        parts += [f"<p>{' '.join(writer.sentence(vocabulary) for _ in range(4))}</p>" for _ in range(3)]
        parts.append(f'<p><a href="https://posttrainai.com/verticals/{section}/">Read the vertical</a></p>')
    return "".join(parts)
