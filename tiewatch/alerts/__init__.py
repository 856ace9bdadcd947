"""Stage `alerts`: watch rules turn graph changes into alerts, delivered as an Atom feed, a signed
webhook POST and an email digest.

    evaluate(store) -> list[Alert]     after every ingest: raise new alerts once, deliver them
    render_feed(store, rule) -> bytes  the rule's Atom feed (the web app's /feeds/NAME.atom)
"""

from tiewatch.alerts.delivery import deliver, evaluate
from tiewatch.alerts.feed import describe, render_feed
from tiewatch.alerts.rules import Alert, alerts_of, new_rule

__all__ = ["Alert", "alerts_of", "deliver", "describe", "evaluate", "new_rule", "render_feed"]
