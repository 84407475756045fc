"""A weekly moment such as "mon 08:00", read from a setting: parsed once, for beat's crontab and for the code that
asks which of those moments came last. Imports nothing of Django, so settings.py can use it."""

from dataclasses import dataclass
from datetime import timedelta

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class WeeklySlot:
    weekday: int  # Monday is 0, as datetime.weekday()
    hour: int
    minute: int

    @property
    def day_name(self):
        return WEEKDAYS[self.weekday]

    def latest(self, local_now):
        """The last such moment at or before `local_now` (an aware datetime in the site's time zone)."""
        days_back = (local_now.weekday() - self.weekday) % 7
        moment = (local_now - timedelta(days=days_back)).replace(
            hour=self.hour, minute=self.minute, second=0, microsecond=0
        )
        if moment > local_now:
            moment -= timedelta(days=7)
        return moment

    def __str__(self):
        return f"{self.day_name} {self.hour:02d}:{self.minute:02d}"


def parse_weekly(value):
    """ "mon 08:00" → WeeklySlot(0, 8, 0); ValueError with the expected form for anything else."""
    try:
        day, clock = value.strip().lower().split()
        hour, minute = (int(part) for part in clock.split(":"))
        if day[:3] not in WEEKDAYS or not (0 <= hour < 24 and 0 <= minute < 60):
            raise ValueError
    except ValueError:
        raise ValueError(f"{value!r} is not a weekly time such as 'mon 08:00' (day, then 24-hour HH:MM)") from None
    return WeeklySlot(WEEKDAYS.index(day[:3]), hour, minute)
