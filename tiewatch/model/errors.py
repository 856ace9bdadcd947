"""The one exception hierarchy. The CLI prints `str(error)` on one line and exits non-zero.

    TiewatchError            anything a user can act on
    ├── IngestError          a file, feed or URL could not be read (exit 2 when named directly)
    ├── ExtractError         the NLP model or an extractor failed to load or run
    ├── StoreError           the database URL is wrong, unreachable, or the schema is too old
    ├── NotFound             an id or name that matches nothing
    ├── ReviewError          an analyst action that is not allowed (role, state)
    ├── ExportError          an exporter could not write its output
    ├── AlertError           a webhook or email delivery failed (`retryable` says if trying again may help)
    └── ConfigError          an environment setting (TIEWATCH_*) has a value that cannot be used
"""


class TiewatchError(Exception):
    """Base of every error tiewatch raises on purpose; the message says what to do."""

    exit_code = 1


class IngestError(TiewatchError):
    exit_code = 2


class ExtractError(TiewatchError):
    pass


class StoreError(TiewatchError):
    pass


class NotFound(TiewatchError):
    exit_code = 2


class ReviewError(TiewatchError):
    pass


class ExportError(TiewatchError):
    pass


class AlertError(TiewatchError):
    def __init__(self, message: str, *, retryable: bool = True):
        super().__init__(message)
        self.retryable = retryable


class ConfigError(TiewatchError):
    exit_code = 2
