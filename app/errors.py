"""Typed errors of the Aurion client, each with a message a person can act on."""

from __future__ import annotations


class AurionError(Exception):
    """Base of every error the client raises; ``str(err)`` is fit to show a user."""

    #: A short title for banners and dialogs.
    title = "Aurion API error"

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code


class ConfigurationError(AurionError):
    """The account settings cannot be used (bad base URL, insecure scheme, no key)."""

    title = "Account settings"


class AuthenticationError(AurionError):
    """HTTP 401: the API key is missing, wrong or revoked."""

    title = "Invalid API key"


class PermissionDeniedError(AurionError):
    """HTTP 403: the key is valid but lacks the ``calls:read`` scope."""

    title = "Missing permission"


class NotFoundError(AurionError):
    """HTTP 404: unknown call, or no recording for it."""

    title = "Not found"


class RateLimitedError(AurionError):
    """HTTP 429 that persisted after the allowed retries."""

    title = "Rate limited"

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message, status_code=429)
        self.retry_after = retry_after


class ServerError(AurionError):
    """HTTP 5xx that persisted after the allowed retries."""

    title = "Server error"


class RequestRejectedError(AurionError):
    """Another 4xx: the request itself was refused (bad parameter)."""

    title = "Request rejected"


class NetworkError(AurionError):
    """Timeout, refused or dropped connection, after the allowed retries."""

    title = "Network problem"


class ResponseFormatError(AurionError):
    """The server answered with malformed JSON or a body missing required fields."""

    title = "Unexpected response"


class ExportError(AurionError):
    """An export cannot write where it was asked to (missing or read-only folder, full disk)."""

    title = "Export failed"
