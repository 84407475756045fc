"""A Redis cache that degrades instead of failing when Redis does not answer.

Everything we keep in the cache can be lost: cached pages are rebuilt, site settings are read again, and a rate
limit that cannot be counted lets the request through (a signup is worth more than a perfect limit during an
outage; the hourly confirmation cap lives in the database, not here). So with Redis down every read is a miss,
every write is a no-op, and the site keeps serving and storing signups instead of answering 500.

Short socket timeouts keep a Redis that hangs from holding every request for long. Failures are logged, at most
once every LOG_EVERY seconds per process, so an outage does not flood the logs.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
DEFAULT_SOCKET_TIMEOUTS = {"socket_connect_timeout": 1.0, "socket_timeout": 1.0}
LOG_EVERY = 30.0


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one redis-py client per connection pool instead of building one per call.

    Django builds a fresh ``redis.Redis`` for every cache operation; its constructor costs about as much as the
    round trip itself (a profile of a page with six cache reads spent ~3 ms in it). A redis-py client is a thin,
    thread-safe handle on its pool, so one per pool is enough.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class DegradingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient  # Django sets its own in __init__
        self._options = {**DEFAULT_SOCKET_TIMEOUTS, **self._options}
        self._last_logged = 0.0

    def _unavailable(self, operation, error, fallback):
        now = time.monotonic()
        if now - self._last_logged >= LOG_EVERY:
            self._last_logged = now
            logger.warning("Redis cache unavailable (%s: %s); serving without the cache", operation, error)
        return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNAVAILABLE as error:
            return self._unavailable("add", error, False)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNAVAILABLE as error:
            return self._unavailable("get", error, default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNAVAILABLE as error:
            self._unavailable("set", error, None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNAVAILABLE as error:
            return self._unavailable("touch", error, False)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNAVAILABLE as error:
            return self._unavailable("delete", error, False)

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNAVAILABLE as error:
            return self._unavailable("get_many", error, {})

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNAVAILABLE as error:
            return self._unavailable("has_key", error, False)

    def incr(self, key, delta=1, version=None):
        # django-ratelimit treats a failed count as "limited" (a 429 for every signup); 0 means "not limited".
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE as error:
            return self._unavailable("incr", error, 0)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNAVAILABLE as error:
            # Django's contract: the keys that failed to be stored.
            return self._unavailable("set_many", error, list(data))

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except UNAVAILABLE as error:
            self._unavailable("delete_many", error, None)

    def clear(self):
        try:
            return super().clear()
        except UNAVAILABLE as error:
            return self._unavailable("clear", error, False)
