vcl 4.1;

# PostTrain's cache policy for Varnish 7.1 with varnish-modules' xkey (Debian: `varnish`, `varnish-modules`).
# Django decides what may be cached (Cache-Control) and names the content of each page (the `xkey` header);
# this file enforces what a shared cache must never do, and takes purges by content key.
# The deployment's own part, the backends and who may purge, is origin.vcl, found on vcl_path.

import std;
import xkey;

include "origin.vcl";

sub vcl_recv {
    if (req.restarts == 0) {
        # These carry state across a restart; a client sending them could pick what the cache does.
        unset req.http.X-Vcl-Cache;
        unset req.http.X-Vcl-Refresh;
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            # Keys only: purging one URL would leave the list pages that show the same article.
            return (synth(400, "PURGE needs an xkey-purge header"));
        }
        # A hard purge: a soft one keeps the copy in grace, so the next reader would still get the page that
        # was just unpublished or corrected. Stale-if-error still covers every page that was not purged.
        set req.http.X-Vcl-Purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.X-Vcl-Purged + " objects"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        # Forms and webhooks reach Django with their cookies.
        return (pass);
    }
    # HTTP/2 clients may send each cookie in a header of its own: look at all of them.
    std.collect(req.http.Cookie, "; ");
    # Signed-in staff (Django's session cookie, SESSION_COOKIE_NAME) never get or fill a shared copy. The paths
    # are a second line behind Django's `private, no-store`: admin, previews, links carrying a subscriber's token,
    # and the health check, which must report on Django, not on a copy.
    if (req.http.Cookie ~ "(^|;\s*)sessionid="
        || req.url ~ "^/(admin|preview)(/|$)"
        || req.url ~ "^/newsletter/(confirm|preferences|unsubscribe|campaigns)/"
        || req.url ~ "^/healthz") {
        return (pass);
    }
    # Anonymous pages are the same for everyone, so a stray analytics cookie must not split them into copies.
    unset req.http.Cookie;
    # Accept-Encoding needs no rule: with http_gzip_support on (the default) varnishd reduces it to "gzip" or
    # nothing on every request it may cache, so each page is stored once, gzipped (vcl_backend_response).

    if (req.http.X-Vcl-Refresh) {
        # vcl_hit found only a copy past stale-while-revalidate, and Django is healthy: look again, for fresh.
        set req.grace = 0s;
    }
    # The built-in vcl_recv follows: it lower-cases Host and passes requests carrying Authorization.
}

sub vcl_hit {
    set req.http.X-Vcl-Cache = "HIT";
    if (obj.ttl >= 0s) {
        return (deliver);
    }
    # Expired, but within stale-while-revalidate: served while Varnish refreshes it in the background.
    if (obj.ttl + std.duration(obj.http.X-Vcl-Revalidate + "s", 0s) > 0s) {
        return (deliver);
    }
    # Past that the copy is held only for stale-if-error: served while Django fails its health check,
    # otherwise the reader waits for a fresh page.
    if (!std.healthy(health)) {
        return (deliver);
    }
    set req.http.X-Vcl-Refresh = "1";
    return (restart);
}

sub vcl_miss {
    set req.http.X-Vcl-Cache = "MISS";
}

sub vcl_pass {
    set req.http.X-Vcl-Cache = "PASS";
}

sub vcl_backend_fetch {
    unset bereq.http.X-Vcl-Cache;
    unset bereq.http.X-Vcl-Refresh;
}

sub vcl_backend_response {
    if (bereq.is_bgfetch && beresp.status >= 500) {
        # An error must not replace the copy readers are being served (stale-if-error).
        return (abandon);
    }
    # Varnish reads s-maxage into the TTL and stale-while-revalidate into the grace. Remember the latter for
    # vcl_hit, then hold the copy for the longer stale-if-error.
    set beresp.http.X-Vcl-Revalidate = beresp.grace;
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1s"), beresp.grace);
        if (beresp.grace < std.duration(beresp.http.X-Vcl-Revalidate + "s", 0s)) {
            set beresp.grace = std.duration(beresp.http.X-Vcl-Revalidate + "s", 0s);
        }
    }
    # Stored gzipped once; Varnish unzips for the rare client that does not accept gzip.
    if (!beresp.http.Content-Encoding
        && beresp.http.Content-Type ~ "^(text/|application/(json|javascript|xml|rss\+xml|atom\+xml))") {
        set beresp.do_gzip = true;
    }
    # The built-in vcl_backend_response follows: a response that sets a cookie, or says private, no-store or
    # no-cache, is never stored.
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_synth {
    if (req.method == "PURGE") {
        # A one-line answer for the purging worker's log, not the built-in HTML error page.
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}

sub vcl_deliver {
    set resp.http.X-Cache = req.http.X-Vcl-Cache;
    unset resp.http.X-Vcl-Revalidate;
    # Content keys are for purging; a purger may ask to see them (X-Cache-Debug) to check what a page names.
    if (!(req.http.X-Cache-Debug && client.ip ~ purgers)) {
        unset resp.http.xkey;
    }
}
