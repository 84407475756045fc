"""Readable content for the browser tests and the README screenshots, built with the shared factories."""

from datetime import date, timedelta

from django.utils import timezone

from articles.models import Correction
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    GlossaryTermFactory,
    PlannedPartFactory,
    ReferenceFactory,
    ResourceFactory,
    SeriesFactory,
    VerticalFactory,
)
from verticals.models import SiteSettings

BODY = """
<p>Pretraining teaches a model to continue text. Everything that makes it useful to a person happens afterwards, in
post-training: supervised fine-tuning (SFT) on demonstrations, then preference optimisation with RLHF or one of its
lighter successors such as DPO.</p>
<h2>Three stages, one pipeline</h2>
<p>The classic recipe has three stages. Demonstrations teach the format of a good answer; a reward model learns which
of two answers people prefer; reinforcement learning then nudges the policy towards answers the reward model scores
highly. Llama 2's preference stage alone used about 1.4 million human comparisons.</p>
<h3>Why the reward model matters</h3>
<p>A reward model is a learned stand-in for human judgement. When it is wrong, the policy learns to exploit the error,
which is why teams regularise against a reference model and watch for reward hacking.</p>
<blockquote><p>Each successor removed one moving part: no reward model, no reference model,
no paired data.</p></blockquote>
<h2>What changed in 2025</h2>
<p>Verifiable rewards replaced human labels for maths and code. GRPO compares a group of sampled answers with each
other instead of training a separate critic, and DAPO stabilises long chains of thought.</p>
<table><thead><tr><th>Method</th><th>Needs</th></tr></thead>
<tbody><tr><td>PPO</td><td>reward model, critic, reference</td></tr><tr><td>DPO</td><td>paired preferences</td></tr>
<tr><td>KTO</td><td>thumbs up or down</td></tr></tbody></table>
<h2>Further reading</h2>
<p>The references below are a good place to start; the glossary explains every acronym on this page.</p>
"""


def build_reader_site():
    settings = SiteSettings.load()
    settings.headline = "Post-training, explained in three fields"
    settings.pitch = (
        "How AI models are aligned after pretraining, how companies measure what training changed, and how "
        "athletes recover. Long-form series from PostTrain."
    )
    settings.launch_date = timezone.localdate() + timedelta(days=60)
    settings.about = "<p>PostTrain is an independent publication about what happens after training.</p>"
    settings.save()

    ai = VerticalFactory(
        slug="ai-post-training",
        name="AI model post-training",
        order=1,
        short_description="Fine-tuning, preference optimisation and reinforcement learning after pretraining.",
        intro="<p>From supervised fine-tuning to verifiable rewards: how models learn to be useful.</p>",
    )
    learning = VerticalFactory(
        slug="corporate-learning",
        name="Corporate learning & development",
        order=2,
        short_description="Measuring what employee training changed, from reaction to business results.",
    )
    sports = VerticalFactory(
        slug="sports-science",
        name="Sports science",
        order=3,
        short_description="Recovery, monitoring and analysis after athletic training.",
    )
    stack = SeriesFactory(
        slug="rlhf-to-rlvr",
        title="The technical stack: from RLHF to RLVR",
        vertical=ai,
        summary="How alignment moved from human preference labels to verifiable rewards.",
        status="running",
    )
    SeriesFactory(
        slug="kirkpatrick",
        title="Measuring training with Kirkpatrick's four levels",
        vertical=learning,
        summary="Reaction, learning, behaviour, results.",
    )
    ada, alan = AuthorFactory(name="Ada Byron", slug="ada-byron", bio="Writes about alignment."), AuthorFactory(
        name="Alan Mathison", slug="alan-mathison"
    )
    now = timezone.now()
    article = ArticleFactory(
        slug="three-stage-pipeline",
        title="The three-stage post-training pipeline",
        standfirst="Supervised fine-tuning, a reward model and reinforcement learning: why the recipe worked, and "
        "what replaced each part.",
        body=BODY,
        vertical=ai,
        series=stack,
        part=1,
        authors=[ada, alan],
        tags=["rlhf", "preference data"],
        publish_date=now - timedelta(days=9),
        last_reviewed=timezone.localdate() - timedelta(days=2),
    )
    ArticleFactory(
        slug="dpo-and-successors",
        title="DPO and its successors: SimPO, KTO and ORPO",
        standfirst="Each method removed one dependency from the RLHF pipeline.",
        body="<h2>A classification loss</h2><p>DPO solves the RLHF objective without a reward model.</p>"
        "<h2>Successors</h2><p>SimPO, KTO and ORPO each drop another moving part.</p>",
        vertical=ai,
        series=stack,
        part=2,
        authors=[ada],
        tags=["rlhf", "dpo"],
        publish_date=now - timedelta(days=3),
    )
    ArticleFactory(
        slug="hrv-after-training",
        title="Heart rate variability after hard sessions",
        standfirst="What the morning HRV reading says about recovery, and what it does not.",
        vertical=sports,
        authors=[alan],
        tags=["recovery"],
        publish_date=now - timedelta(days=1),
    )
    ArticleFactory(draft=True, slug="unfinished", title="An unfinished draft", vertical=ai, series=stack, part=3)
    PlannedPartFactory(series=stack, part=3, title="GRPO, DAPO and verifiable rewards",
                       planned_date=timezone.localdate() + timedelta(days=30))
    PlannedPartFactory(series=stack, part=4, title="Where the compute goes now",
                       planned_date=timezone.localdate() + timedelta(days=60))
    ReferenceFactory(article=article, order=1, title="Training language models to follow instructions with human "
                     "feedback", authors="Ouyang et al.", year=2022, url="https://arxiv.org/abs/2203.02155")
    ReferenceFactory(article=article, order=2, title="Direct Preference Optimization", authors="Rafailov et al.",
                     year=2023)
    Correction.objects.create(article=article, date=date(2026, 11, 1), note="An earlier version misdated Llama 2.")
    for term, expansion, vertical in [
        ("RLHF", "reinforcement learning from human feedback", ai),
        ("DPO", "direct preference optimisation", ai),
        ("GRPO", "group relative policy optimisation", ai),
        ("SFT", "supervised fine-tuning", ai),
        ("HRV", "heart rate variability", sports),
    ]:
        GlossaryTermFactory(term=term, slug=term.lower(), expansion=expansion, vertical=vertical,
                            short_definition=f"{expansion[0].upper()}{expansion[1:]}.")
    ResourceFactory(title="NIST AI Risk Management Framework", kind="framework", vertical=ai,
                    url="https://www.nist.gov/itl/ai-risk-management-framework", note="Risk controls for AI systems.")
    ResourceFactory(title="Kirkpatrick's four levels", kind="framework", vertical=learning)
    return {"article": article, "series": stack, "vertical": ai, "author": ada}
