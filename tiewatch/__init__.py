"""tiewatch: evidence-backed graphs of the ties sources claim between armed groups, people and places.

The package is laid out by pipeline stage; imports only point down this list:

    cli -> web -> alerts -> export -> batch -> graph -> resolve -> extract -> ingest -> store -> model
"""

__version__ = "0.1.0"
