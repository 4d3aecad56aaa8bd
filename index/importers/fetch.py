"""Open a source named on the command line or in the config: a local file, or an http(s) URL fetched once."""

from __future__ import annotations

import shutil
import tempfile
import urllib.error
import urllib.request
from http.client import HTTPMessage
from typing import IO

from index.errors import SourceUnreachable

USER_AGENT = "newsbot-import/1"
_SPOOL_BYTES = 8 * 1024 * 1024


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib would also follow one to ftp)."""

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-HTTP address refused", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout: float) -> IO[bytes]:
    """Download `url` into a spooled temporary file (in memory up to 8 MiB) and return it rewound."""
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    # Handed to the caller open (it closes it); closed here on failure.
    spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115
    try:
        with opener.open(request, timeout=timeout) as response:
            shutil.copyfileobj(response, spool)
    except urllib.error.HTTPError as exc:
        spool.close()
        raise SourceUnreachable(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        spool.close()
        raise SourceUnreachable(f"cannot fetch: {exc.reason}") from None
    except (OSError, ValueError) as exc:
        spool.close()
        raise SourceUnreachable(f"cannot fetch: {exc}") from None
    spool.seek(0)
    return spool
