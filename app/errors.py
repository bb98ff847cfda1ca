"""Typed errors of the Aurion client, each with a message a person can act on."""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Text


class AurionError(Exception):
    """Base of every error the client raises; ``str(err)`` is fit to show a user.

    ``message`` may be a ``Text`` (a template marked with ``QT_TRANSLATE_NOOP("AurionError", ...)``
    and its fields): ``text`` keeps it, and the window shows it translated. ``title`` is marked
    the same way.
    """

    #: A short title for banners and dialogs.
    title = QT_TRANSLATE_NOOP("AurionError", "Aurion API error")

    def __init__(
        self,
        message: str | Text,
        *,
        status_code: int | None = None,
        code: str | None = None,
        server_message: str | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = str(message)
        #: The message as a template and its fields, for the window to translate.
        self.text = message if isinstance(message, Text) else Text(message)
        self.status_code = status_code
        #: The machine-readable ``error.code`` of the server's JSON error body, when it sent one
        #: (e.g. ``recording_not_found``); printable, at most 100 characters.
        self.code = code
        #: The human message of that body (printable, at most 300 characters), also quoted in
        #: ``message``.
        self.server_message = server_message


class ConfigurationError(AurionError):
    """The account settings cannot be used (bad base URL, insecure scheme, no key)."""

    title = QT_TRANSLATE_NOOP("AurionError", "Account settings")


class AuthenticationError(AurionError):
    """HTTP 401: the API key is missing, wrong or revoked."""

    title = QT_TRANSLATE_NOOP("AurionError", "Invalid API key")


class PermissionDeniedError(AurionError):
    """HTTP 403: the key is valid but lacks the ``calls:read`` scope."""

    title = QT_TRANSLATE_NOOP("AurionError", "Missing permission")


class NotFoundError(AurionError):
    """HTTP 404: unknown call, or no recording for it."""

    title = QT_TRANSLATE_NOOP("AurionError", "Not found")


class RecordingUnavailableError(NotFoundError):
    """HTTP 404 for a call's recording: none was made, the call is still going on, or it was
    deleted after the retention period. Not a failure of the export: the message holds the
    server's reason."""

    title = QT_TRANSLATE_NOOP("AurionError", "No recording")


class RateLimitedError(AurionError):
    """HTTP 429 that persisted after the allowed retries."""

    title = QT_TRANSLATE_NOOP("AurionError", "Rate limited")

    def __init__(
        self,
        message: str | Text,
        *,
        retry_after: float | None = None,
        code: str | None = None,
        server_message: str | None = None,
    ) -> None:
        super().__init__(message, status_code=429, code=code, server_message=server_message)
        self.retry_after = retry_after


class ServerError(AurionError):
    """HTTP 5xx that persisted after the allowed retries."""

    title = QT_TRANSLATE_NOOP("AurionError", "Server error")


class RequestRejectedError(AurionError):
    """Another 4xx: the request itself was refused (bad parameter)."""

    title = QT_TRANSLATE_NOOP("AurionError", "Request rejected")


class NetworkError(AurionError):
    """Timeout (a read or the whole request's deadline), refused, dropped or truncated
    connection, after the allowed retries."""

    title = QT_TRANSLATE_NOOP("AurionError", "Network problem")


class ResponseFormatError(AurionError):
    """The server answered with malformed JSON or a body missing required fields."""

    title = QT_TRANSLATE_NOOP("AurionError", "Unexpected response")


class ResponseTooLargeError(ResponseFormatError):
    """A body (or a transcript's segment count) beyond what the app accepts; never retried."""

    title = QT_TRANSLATE_NOOP("AurionError", "Response too large")


class CallMismatchError(ResponseFormatError):
    """The detail or transcript the server sent belongs to another call than the one asked."""

    title = QT_TRANSLATE_NOOP("AurionError", "Wrong call")


class RecordingDownloadError(AurionError):
    """A recording's signed URL gave no usable audio: an error status, an HTML page instead
    of audio, an unsafe URL. Not retried as it is (see ``RecordingLinkExpiredError``)."""

    title = QT_TRANSLATE_NOOP("AurionError", "Recording download failed")


class RecordingLinkExpiredError(RecordingDownloadError):
    """HTTP 403 from a recording's signed URL: it expired or was revoked; ask the API for a
    fresh one and try again."""

    title = QT_TRANSLATE_NOOP("AurionError", "Recording link expired")


class ExportError(AurionError):
    """An export cannot write where it was asked to (missing or read-only folder, full disk)."""

    title = QT_TRANSLATE_NOOP("AurionError", "Export failed")


class LibraryError(AurionError):
    """The local library cannot be used: not a library, made by a newer version, unreadable,
    or it belongs to another account."""

    title = QT_TRANSLATE_NOOP("AurionError", "Library")


class NotInLibraryError(NotFoundError):
    """A call (or its details or transcript) the library does not hold yet: sync it online."""

    title = QT_TRANSLATE_NOOP("AurionError", "Not in the library")
