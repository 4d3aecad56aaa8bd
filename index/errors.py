"""Domain errors whose message is a single line a user can act on."""


class NewsIndexError(Exception):
    """Base class of every error this library raises on purpose."""


class ArticleError(NewsIndexError):
    """An article file cannot be read or parsed; the build skips it."""


class ModelError(NewsIndexError):
    """The embedding model is missing, unreadable or fails its checksum."""


class IndexNotFoundError(NewsIndexError):
    """No index has been built in the index folder yet."""


class IndexMismatchError(NewsIndexError):
    """The index on disk was built with another model or settings and must be rebuilt."""


class IndexCorruptError(NewsIndexError):
    """The index on disk is unreadable."""


REBUILD_RUNNING = "A rebuild of the index is already running: wait for it to finish."


class IndexBusyError(NewsIndexError):
    """A rebuild was asked for while another one runs (in this process or another); one message for both."""

    def __init__(self, message: str = REBUILD_RUNNING) -> None:
        super().__init__(message)


class SourceError(NewsIndexError):
    """An import source is malformed or of no known format; nothing is written for it."""


class SourceUnreachable(SourceError):
    """An import source's URL could not be fetched (network error, HTTP error, timeout)."""


class RankerError(NewsIndexError):
    """The learned reranker's artifact is missing, unreadable or fails its checksum."""


class QuestionError(NewsIndexError):
    """A question cannot be searched (not valid UTF-8, or nothing to search for); other questions still can."""


class ShrinkRefusedError(NewsIndexError):
    """A build would remove too many articles (an empty or unmounted folder?) and was not allowed to."""


class IndexDiskFullError(NewsIndexError):
    """The index folder's disk has no room for the new generation; the previous one still serves."""


class CrossEncoderError(NewsIndexError):
    """The cross-encoder's weights are missing, unreadable, fail their checksum or fit another model."""
