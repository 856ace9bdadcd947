"""Stage `alerts`: watch rules turn graph changes into alerts; an outbox carries them to a signed
webhook POST and an email digest, outside ingest; the Atom feed reads them directly.

    evaluate(store) -> list[Alert]        after every ingest: raise new alerts once, queue them (no network)
    deliver(store, policy) -> Summary     send what the outbox has due (`tiewatch alerts deliver`)
    deliver_forever(store, ...)           the same every few seconds (the worker in `tiewatch serve`)
    render_feed(store, rule) -> bytes     the rule's Atom feed (the web app's /feeds/NAME.atom)
"""

from tiewatch.alerts.delivery import Policy, Summary, deliver, deliver_forever
from tiewatch.alerts.feed import describe, render_feed
from tiewatch.alerts.rules import Alert, add_rule, alerts_of, evaluate, new_rule, watched_actors

__all__ = [
    "Alert", "Policy", "Summary", "add_rule", "alerts_of", "deliver", "deliver_forever", "describe", "evaluate", "new_rule",
    "render_feed", "watched_actors",
]
