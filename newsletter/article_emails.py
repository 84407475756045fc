"""E-mails made of articles: an article mailing (the same message for everyone) and the weekly digest (each reader
gets the articles of their own topics and series). Each article is rendered once per send; a reader's message is a
join of ready blocks, so composing per reader costs about what a plain campaign costs."""

from django.template.loader import render_to_string
from django.utils.text import Truncator

from articles.images import markup
from posttrain.richtext import html_to_text
from posttrain.web import absolute_url

from .emails import CampaignMessages, NothingNew
from .mailing_models import SeriesFollow
from .models import Campaign, Subscriber

OPENING_WORDS = 60
ARTICLES_HTML_MARK = "__posttrain_articles_html__"
ARTICLES_TEXT_MARK = "__posttrain_articles_text__"
DIGEST_WHY = (
    "You get this weekly digest because you subscribed to the PostTrain newsletter: it holds what is new in the "
    "topics and series you chose."
)


def article_context(article):
    """What an e-mail shows of an article: title, standfirst, hero image, authors, link, the opening of the body."""
    return {
        "article": article,
        "url": absolute_url(article.get_absolute_url()),
        **_hero(article),
        "authors": ", ".join(author.name for author in article.authors.all()),
        "opening": Truncator(html_to_text(article.body).replace("\n\n", " ")).words(OPENING_WORDS, truncate=" …"),
    }


def _hero(article):
    """The hero as mail clients show it: its JPEG rendition (every client reads JPEG, not all WebP) and alt text."""
    picture = markup.picture(article.hero)
    if picture is None:
        return {"hero_url": "", "hero_alt": ""}
    return {"hero_url": absolute_url(picture["src"]), "hero_alt": picture["alt"]}


def render_article_blocks(articles):
    """{article id: (text, html)} for each article, rendered once."""
    blocks = {}
    for article in articles:
        context = article_context(article)
        blocks[article.pk] = (
            render_to_string("emails/_article.txt", context),
            render_to_string("emails/_article.html", context),
        )
    return blocks


def campaign_articles(campaign):
    """The campaign's articles in its order, with what the e-mail shows of them loaded in a fixed number of queries."""
    links = (
        campaign.campaign_articles.select_related("article__vertical", "article__series", "article__hero")
        .prefetch_related("article__authors", "article__hero__renditions")
        .order_by("position", "pk")
    )
    return [link.article for link in links]


class ArticleMessages(CampaignMessages):
    """An article mailing: the editor's introduction, then each article, the same for every reader. The editor's
    preview and test show every article (a "send when it goes live" campaign is reviewed before it is live); readers
    get those published when their message is built, so one unpublished mid-send is left out of the rest."""

    template = "campaign_articles"

    def __init__(self, campaign, connection=None, test=False, web=False):
        articles = campaign_articles(campaign)
        blocks = render_article_blocks(articles)
        self.everything = _joined(blocks, articles)
        self.live = _joined(blocks, [a for a in articles if a.is_published()])
        self._tracked_articles = None
        self.test = test
        super().__init__(campaign, connection=connection, test=test, web=web)

    def extra_context(self):
        return {"articles_text": ARTICLES_TEXT_MARK, "articles_html": ARTICLES_HTML_MARK, "why_text": self._why()}

    def _why(self):
        if self.campaign.audience == Campaign.Audience.FOLLOWERS and self.campaign.announces_id:
            series = self.campaign.announces.series
            return f"You get this because you follow the series “{series}” at once. Change that in your preferences."
        return self.why_text

    def bodies(self, subscriber):
        # The editor's preview and a test show every article; readers and the web copy only those still published.
        text, html = self.everything if (subscriber is None and not self.web) or self.test else self.live
        if not html:
            raise NothingNew
        if subscriber is not None:
            text, html = self.track_articles(text, html)
        return _filled(super().bodies(subscriber), text, html)

    def track_articles(self, text, html):
        """The articles' links through the click redirect: rewritten once for the whole send."""
        if self._tracked_articles is None or self._tracked_articles[0] != (text, html):
            self._tracked_articles = ((text, html), self.track(text, html))
        return self._tracked_articles[1]


def _joined(blocks, articles):
    return "\n".join(blocks[a.pk][0] for a in articles), "".join(blocks[a.pk][1] for a in articles)


class DigestMessages(CampaignMessages):
    """The weekly digest: of the campaign's articles still published, each reader gets those of the verticals they
    chose (none chosen: all of them) and of the series they follow in the digest, but not the parts of a series they
    follow "at once" (those came on their own). A reader left with nothing is skipped (NothingNew)."""

    template = "campaign_articles"

    def __init__(self, campaign, connection=None, test=False, web=False):
        self.articles = [a for a in campaign_articles(campaign) if a.is_published()]
        self.blocks = render_article_blocks(self.articles)
        self.readers = {}
        self._tracked_blocks = None
        self.test = test
        super().__init__(campaign, connection=connection, test=test, web=web)

    def extra_context(self):
        return {"articles_text": ARTICLES_TEXT_MARK, "articles_html": ARTICLES_HTML_MARK, "why_text": DIGEST_WHY}

    def prefetch(self, deliveries):
        ids = [d.subscriber_id for d in deliveries if d.subscriber_id]
        self.readers = {pk: (set(), set(), set()) for pk in ids}
        interests = Subscriber.interests.through.objects.filter(subscriber_id__in=ids)
        for subscriber_id, vertical_id in interests.values_list("subscriber_id", "vertical_id"):
            self.readers[subscriber_id][0].add(vertical_id)
        follows = SeriesFollow.objects.filter(subscriber_id__in=ids)
        for subscriber_id, series_id, mode in follows.values_list("subscriber_id", "series_id", "mode"):
            self.readers[subscriber_id][1 if mode == SeriesFollow.Mode.DIGEST else 2].add(series_id)

    def articles_for(self, subscriber):
        if subscriber is None or self.test:
            return self.articles
        if subscriber.pk not in self.readers:
            self.prefetch([_Reader(subscriber.pk)])
        verticals, digest_series, at_once_series = self.readers[subscriber.pk]
        return [
            article for article in self.articles
            if article.series_id in digest_series
            or ((not verticals or article.vertical_id in verticals) and article.series_id not in at_once_series)
        ]

    def bodies(self, subscriber):
        chosen = self.articles_for(subscriber)
        if not chosen:
            raise NothingNew
        blocks = self.blocks if subscriber is None else self.tracked_blocks()
        text, html = _joined(blocks, chosen)
        return _filled(super().bodies(subscriber), text, html)

    def tracked_blocks(self):
        """Each article's block with its links through the click redirect, rewritten once for the whole send (a
        reader's message is then a join of ready blocks, as before)."""
        if self._tracked_blocks is None:
            self._tracked_blocks = {pk: self.track(*block) for pk, block in self.blocks.items()}
        return self._tracked_blocks


def _filled(shell, text, html):
    """The e-mail's shell (text, html) with the articles put in at their marks."""
    return shell[0].replace(ARTICLES_TEXT_MARK, text), shell[1].replace(ARTICLES_HTML_MARK, html)


class _Reader:
    def __init__(self, subscriber_id):
        self.subscriber_id = subscriber_id


def messages_for(campaign, connection=None, test=False, web=False):
    """The messages of a campaign of any kind; `web` is the archive's copy (nobody's links, every article)."""
    kinds = {Campaign.Kind.ARTICLES: ArticleMessages, Campaign.Kind.DIGEST: DigestMessages}
    return kinds.get(campaign.kind, CampaignMessages)(campaign, connection=connection, test=test, web=web)
