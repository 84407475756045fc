"""``{% fragment "name" vary_on… %}…{% endfragment %}``: a piece of a page rendered once per content generation.

For the chrome every page shares (navigation, footer, the signup form) and for the parts of a page that follow only
from content. The fragment's key is its name and the values it varies on; it is kept in the process (see
``posttrain.cache.cached_fragment``) until content changes and served as stored: an anonymous page holds nothing
per reader (no CSRF token; forms are checked by origin, posttrain/same_origin.py). A signed-in user (an editor checking
the site) always gets the fragment rendered afresh.

    {% load fragments %}
    {% fragment "site-nav" request.path %}<nav>…</nav>{% endfragment %}
"""

import hashlib

from django import template
from django.utils.safestring import mark_safe

from posttrain.cache import cached_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, vary_on, nodelist):
        self.name = name
        self.vary_on = vary_on
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        if request is None or (user is not None and user.is_authenticated):
            return self.nodelist.render(context)
        values = "\x1f".join(str(value.resolve(context)) for value in self.vary_on)
        digest = hashlib.sha256(values.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        name = f"{self.name.resolve(context)}:{digest}"
        return mark_safe(cached_fragment(name, lambda: self.nodelist.render(context)))


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name: {{% fragment \"name\" vary_on… %}}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
