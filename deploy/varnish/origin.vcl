vcl 4.1;

# The part of the Varnish configuration that belongs to one deployment: edit this file, not default.vcl.
# default.vcl includes it by name; both go into one directory on Varnish's vcl_path (/etc/varnish on Debian).

# gunicorn, as started in the README's "Running in production". Every request is fetched from here.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# The same gunicorn, only polled: while /healthz fails, readers get the copies kept for stale-if-error.
# Nothing is fetched from it, so a failing check alone never turns a reader away. Host must be one of
# ALLOWED_HOSTS, and X-Forwarded-Proto spares the probe Django's redirect to https.
backend health {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = {
        .request = "GET /healthz HTTP/1.1"
            "Host: posttrainai.com"
            "X-Forwarded-Proto: https"
            "Connection: close";
        .interval = 5s;
        .timeout = 4s;
        .window = 3;
        .threshold = 2;
    }
}

# Who may send PURGE: this machine and every machine running Celery workers (they send the purges).
# client.ip is the TCP peer: if a TLS terminator on this machine talks to Varnish, it must use the PROXY
# protocol (varnishd -a :8443,PROXY), or every reader would arrive from 127.0.0.1 and be allowed to purge.
acl purgers {
    "127.0.0.1";
    "::1";
}
