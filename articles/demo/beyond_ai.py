"""Articles of the corporate learning and sports science verticals."""

# Article bodies are prose: one paragraph per line reads and diffs better than hard-wrapped HTML.
# ruff: noqa: E501

from .site import LEARNING, RECOVERY, SPORT, WORKPLACE

KIRKPATRICK_BOOK = {
    "title": "Evaluating Training Programs: The Four Levels (3rd edition)",
    "authors": "Donald L. Kirkpatrick and James D. Kirkpatrick",
    "year": 2006,
}

ARTICLES = [
    {
        "slug": "kirkpatrick-model-training-evaluation",
        "title": "Four levels, seventy years: how companies judge their training",
        "standfirst": (
            "The Kirkpatrick model still frames how learning teams evaluate courses, from the feedback form to "
            "the balance sheet. Analytics platforms now promise to measure all four levels at scale."
        ),
        "vertical": LEARNING,
        "series": WORKPLACE,
        "part": 1,
        "authors": ["ines-achterberg"],
        "tags": ["training evaluation", "Kirkpatrick model", "learning analytics"],
        "state": "published",
        "days": -5,
        "references": [
            KIRKPATRICK_BOOK,
            {
                "title": "Return on Investment in Training and Performance Improvement Programs",
                "authors": "Jack J. Phillips",
                "year": 2003,
            },
            {"title": "Kirkpatrick Partners: The Kirkpatrick Model", "url": "https://www.kirkpatrickpartners.com/", "link": "dead"},
        ],
        "body": """
<p>When a machine learning engineer says post-training, they mean aligning a model. When a head of learning and development says it, they mean something older: finding out what a training programme actually achieved once the participants went back to their desks. The dominant tool for that job was sketched in the 1950s and is still everywhere.</p>
<h2 id="the-four-levels">The four levels</h2>
<p>Donald Kirkpatrick developed his framework while studying supervisory training, and published it in a series of articles at the end of the decade. The Kirkpatrick model arranges evaluation in four steps, each harder to measure and more important than the last:</p>
<ol>
<li><strong>Reaction.</strong> Did participants find the training useful and engaging? Usually measured by a survey at the end of the session.</li>
<li><strong>Learning.</strong> Did they gain the knowledge, skills or attitudes intended? Measured by tests, demonstrations or assessments before and after.</li>
<li><strong>Behaviour.</strong> Do they apply what they learned in their daily work? Measured by observation, manager reports or workplace data weeks or months later.</li>
<li><strong>Results.</strong> Did the organisation benefit, through higher sales, fewer errors, better safety records or lower staff turnover?</li>
</ol>
<p>Later practitioners, notably Jack Phillips, added a fifth step that converts results into money and sets them against the cost of the programme. That calculation, the training ROI, is what finance directors usually want to see.</p>
<h2 id="where-evaluation-stops">Where evaluation usually stops</h2>
<p>The uncomfortable truth of corporate learning is that most organisations measure the first two levels thoroughly and the last two barely at all. Satisfaction scores and quiz results are easy to collect at the end of a course. Behaviour change and business results require following people for months, separating the effect of training from everything else that changed, and persuading managers to take part.</p>
<h2 id="the-digital-turn">The digital turn</h2>
<p>Software has begun to close that gap. Modern learning analytics platforms connect data that used to live in separate systems:</p>
<ul>
<li>the learning management system, which records who completed what and how they scored;</li>
<li>workplace performance metrics, such as sales figures, quality audits or customer ratings;</li>
<li>longitudinal tracking that follows the same employees over time, so that change can be seen rather than assumed.</li>
</ul>
<p>Vendors including Cornerstone OnDemand, SAP SuccessFactors and Docebo sell analytics of this kind, increasingly with AI features that look for correlations between completed training and later performance. The promise is that the ROI question can finally be answered with evidence rather than anecdote.</p>
<h2 id="a-caution">A caution</h2>
<p>Correlation is not the same as impact. Employees who complete optional courses may be the ones who would have improved anyway, and a dashboard that links completion with performance can flatter a programme that changed nothing. The strongest evaluations still use comparison groups, staggered roll-outs or at least a careful before-and-after design. Automation makes measurement cheaper; it does not make it rigorous by default.</p>
<p>The second part of this series turns to a problem that undermines every level of the model: people forget most of what they learn, and quickly.</p>
""",
    },
    {
        "slug": "knowledge-retention-after-training",
        "title": "Fighting the forgetting curve: knowledge retention after training",
        "standfirst": (
            "Most of what people learn on a course is gone within weeks unless it is revisited. Spaced, adaptive "
            "reinforcement is the oldest machine-learning application in post-training."
        ),
        "vertical": LEARNING,
        "series": WORKPLACE,
        "part": 2,
        "authors": ["ines-achterberg"],
        "tags": ["knowledge retention", "microlearning", "learning analytics"],
        "state": "scheduled",
        "days": 25,
        "references": [
            {
                "title": "Memory: A Contribution to Experimental Psychology",
                "url": "http://psychclassics.yorku.ca/Ebbinghaus/index.htm",
                "authors": "Hermann Ebbinghaus (translated by H. A. Ruger and C. E. Bussenius)",
                "year": 1913,
            },
            {
                "title": "Distributed practice in verbal recall tasks: A review and quantitative synthesis",
                "authors": "Nicholas J. Cepeda et al.",
                "year": 2006,
            },
            KIRKPATRICK_BOOK,
        ],
        "body": """
<p>In the 1880s the German psychologist Hermann Ebbinghaus spent months memorising lists of nonsense syllables and testing how many he could still recall after different intervals. The result, published in 1885, was the forgetting curve: memory falls away steeply in the first hours and days after learning, then levels off. More than a century later, that curve is the main enemy of every corporate training budget.</p>
<h2 id="why-it-matters">Why retention decides the value of training</h2>
<p>A course can earn glowing feedback and excellent test scores and still achieve nothing if the knowledge has evaporated by the time it is needed. In Kirkpatrick's terms, learning measured at the end of a session is a poor predictor of behaviour a month later. Knowledge retention is the bridge between the two, and it is the reason serious programmes do not end when the classroom empties.</p>
<h2 id="spacing-and-retrieval">Spacing and retrieval</h2>
<p>Cognitive science offers two dependable remedies, both studied for decades:</p>
<ul>
<li><strong>Spaced repetition.</strong> Revisiting material at increasing intervals, just as it is about to be forgotten, flattens the curve far more than the same amount of study crammed together.</li>
<li><strong>Retrieval practice.</strong> Being asked to recall an answer strengthens memory more than rereading it. A short quiz is a learning event, not only a test.</li>
</ul>
<p>Together, spaced repetition and retrieval practice suggest a simple design: after the main course, send learners brief questions on its content, spaced out over weeks, and concentrate on what each person gets wrong.</p>
<h2 id="the-platforms">The reinforcement platforms</h2>
<p>That design is what digital reinforcement platforms sell. Axonify and Qstream deliver microlearning, a few minutes of questions or content at a time, in the weeks and months after a training event; Grovo, now part of Cornerstone, built its business on short lessons of the same kind. Adaptive algorithms track each learner's answers, identify gaps and push more practice on the topics that individual has not mastered.</p>
<p>The newest systems go a step further. Using each employee's response history, they estimate who is most likely to forget critical knowledge, such as a safety procedure or a compliance rule, and schedule reinforcement before the decay happens.</p>
<h2 id="older-than-alignment">Older than alignment</h2>
<p>There is a pleasing irony here for a publication that also covers AI. Predicting knowledge decay and scheduling practice to prevent it is an application of machine learning to post-training that predates the language-model meaning of the word by decades. Long before anyone aligned a chatbot, adaptive tutoring systems were modelling what learners knew and when they would lose it.</p>
<h2 id="what-to-measure">What to measure</h2>
<p>For learning teams, the practical lesson is to measure knowledge retention directly rather than infer it. Test again after 30 and 90 days, compare groups that received reinforcement with groups that did not, and link the results to the behaviour and business measures that matter. Retention data is often the missing link that makes the higher Kirkpatrick levels believable.</p>
""",
    },
    {
        "slug": "sports-recovery-monitoring",
        "title": "After the final whistle: how elite sport monitors recovery",
        "standfirst": (
            "Heart-rate variability, lactate, sleep, movement screens and refuelling: what teams measure in the "
            "hours after training, and what the numbers can and cannot tell a coach."
        ),
        "vertical": SPORT,
        "series": RECOVERY,
        "part": 1,
        "authors": ["kofi-mensah-hart"],
        "tags": ["recovery", "HRV", "sports science"],
        "state": "scheduled",
        "days": 32,
        "references": [
            {
                "title": "Heart rate variability: standards of measurement, physiological interpretation and clinical use",
                "url": "https://doi.org/10.1161/01.CIR.93.5.1043",
                "authors": "Task Force of the European Society of Cardiology and the North American Society of Pacing and Electrophysiology",
                "year": 1996,
            },
            {
                "title": "Monitoring training load to understand fatigue in athletes",
                "url": "https://doi.org/10.1007/s40279-014-0253-z",
                "authors": "Shona L. Halson",
                "year": 2014,
            },
        ],
        "body": """
<p>An athlete does not get fitter during a hard session. The session is a stress; the improvement comes afterwards, as the body repairs and adapts. Get the recovery right and the next session builds on the last. Get it wrong and fatigue accumulates into poor performance, illness or injury. That is why sports science treats the period after training as a discipline in its own right.</p>
<h2 id="physiology">Physiological monitoring</h2>
<p>The most widely used recovery signal is HRV, heart-rate variability: the small variations in time between heartbeats, which reflect the balance between the stress and rest branches of the nervous system. A morning HRV reading that falls well below an athlete's own baseline can signal that they have not absorbed recent training. The emphasis on the athlete's own baseline matters, because values differ greatly between people.</p>
<p>Other markers complete the picture:</p>
<ul>
<li><strong>Blood lactate</strong>: lactate clearance, the speed at which lactate returns to resting levels after intense effort, reflects aerobic fitness and recovery capacity;</li>
<li><strong>Sleep quality and duration</strong>, the recovery factor with perhaps the strongest evidence and the one most often neglected;</li>
<li><strong>Subjective wellness</strong>: short daily questionnaires on soreness, mood and fatigue, which are cheap and often as informative as expensive sensors.</li>
</ul>
<h2 id="biomechanics">Biomechanical analysis</h2>
<p>Fatigue changes how athletes move, and altered movement can concentrate stress on joints and tissues. Post-session assessment therefore looks at movement patterns, the distribution of stress across joints and other indicators of injury risk. Jump tests on force plates, for example, can reveal neuromuscular fatigue that an athlete does not yet feel. DOMS, the delayed-onset muscle soreness that peaks a day or two after unfamiliar or eccentric work, is a reminder that the body's response to a session can lag well behind the session itself.</p>
<h2 id="nutrition">Nutrition and hydration</h2>
<p>What an athlete eats and drinks afterwards shapes how fast they recover. Three priorities dominate the research:</p>
<ol>
<li><strong>Glycogen replenishment:</strong> carbohydrate soon after prolonged or intense exercise, especially when another session follows within a day;</li>
<li><strong>Muscle protein synthesis:</strong> enough high-quality protein, spread across the day, to support repair and adaptation;</li>
<li><strong>Hydration status:</strong> replacing fluid and electrolytes lost in sweat, often checked through body-mass change or urine measures.</li>
</ol>
<h2 id="from-data-to-decisions">From data to decisions</h2>
<p>Each of these measurements is noisy on its own. Their value comes from trends over time and from combining them, which is where the wearables and analytics teams discussed in the next part of this series come in. The best practitioners use the numbers to start a conversation with the athlete and coach, not to replace it.</p>
""",
    },
    {
        "slug": "wearables-and-performance-analytics",
        "title": "Wearables, load and the analytics team: data after the session",
        "standfirst": (
            "Professional clubs now employ data scientists to turn sensor streams into training advice. The "
            "technology is impressive; the hard part is prediction and persuasion."
        ),
        "vertical": SPORT,
        "series": RECOVERY,
        "part": 2,
        "authors": ["kofi-mensah-hart"],
        "tags": ["wearables", "training load", "sports science"],
        "state": "draft",
        "days": 40,
        "references": [
            {
                "title": "The training-injury prevention paradox: should athletes be training smarter and harder?",
                "url": "https://doi.org/10.1136/bjsports-2015-095788",
                "authors": "Tim J. Gabbett",
                "year": 2016,
            },
            {
                "title": "A new approach to monitoring exercise training",
                "authors": "Carl Foster et al.",
                "year": 2001,
            },
            {
                "title": "Monitoring training load to understand fatigue in athletes",
                "url": "https://doi.org/10.1007/s40279-014-0253-z",
                "authors": "Shona L. Halson",
                "year": 2014,
            },
        ],
        "body": """
<p>A generation ago, a coach judged recovery by watching athletes warm up and asking how they felt. Today a professional squad may generate millions of data points a week from straps, vests, rings and pods. The question has shifted from how to collect information to how to make it useful.</p>
<h2 id="the-devices">The devices</h2>
<p>Two families of wearable dominate. Consumer-facing devices such as WHOOP straps and Oura rings track HRV, resting heart rate and sleep around the clock, and give each user a daily recovery or readiness score. Team-sport systems from Catapult Sports and STATSports sit in a vest between the shoulder blades and record GPS position, speed, accelerations and impacts during every session and match.</p>
<p>Combined, they give analysts a continuous picture of what each athlete did and how their body responded, which feeds the analytics platforms that clubs increasingly build or buy.</p>
<h2 id="training-load">Training load and injury risk</h2>
<p>The central concept is training load: the amount of work an athlete has done, measured externally (distance, high-speed running, jumps) or internally (heart-rate response, or session RPE, the athlete's rating of effort multiplied by the session's duration). Injury-risk models look at how load accumulates. A frequently cited idea compares recent load with what the athlete has been prepared for over previous weeks, on the view that sudden spikes are riskier than high but steady training.</p>
<p>These models are useful but contested. Methodological critiques have shown that some popular ratios can produce misleading associations, and no model predicts individual injuries reliably. Good practitioners treat a risk flag as a reason to look more closely, not as a diagnosis.</p>
<h2 id="personalised-recovery">Personalised recovery</h2>
<p>The more promising use of the data is individual. Because recovery signals vary so much between people, analytics platforms build baselines for each athlete and flag departures from them. An AI-driven system can then suggest adjustments to a recovery protocol, such as a lighter session, extra sleep or a change in nutrition, tailored to that athlete's history rather than to a squad average.</p>
<h2 id="who-invests">Who invests</h2>
<p>Investment is heaviest in professional football, basketball, cycling and track and field, where marginal gains are valuable and an injured star is expensive. Many clubs now run data science teams whose job is to turn physiological data into advice the coaching staff will act on. Their challenge is as much about communication as statistics:</p>
<ul>
<li>a recommendation must arrive in time to change the next session;</li>
<li>it must be simple enough to act on in a busy training ground;</li>
<li>and it must earn the trust of coaches who have seen many fashionable metrics come and go.</li>
</ul>
<p>Wearables have made the post-training window visible. Making it manageable is still a human job.</p>
""",
    },
]
