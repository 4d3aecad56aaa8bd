"""Discord's rules that its OpenAPI schemas cannot state, checked by the fake Discord on each body.

Each check returns an `errors` tree in Discord's 50035 shape (see `fake_discord_spec`), or None. The limits
are Discord's documented ones: 2,000 characters of content from a bot, 6,000 characters over all the embeds
of a message, lower-case command and option names, a description on every slash command, option names unique
and required options before optional ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

CONTENT_LIMIT = 2000
EMBEDS_TOTAL_LIMIT = 6000
EMPTY_MESSAGE = 50006
# Discord's pattern for slash-command and option names (letters, digits, - and _; lower case where cased).
NAME = re.compile(r"^[-_'\w]{1,32}$")
CHAT_INPUT = 1


def message_errors(body: Mapping[str, Any]) -> dict[str, Any] | None:
    """Content and the embeds' combined size, for any message body (create or edit)."""
    errors: dict[str, Any] = {}
    content = body.get("content")
    if isinstance(content, str) and len(content) > CONTENT_LIMIT:
        errors["content"] = _error("BASE_TYPE_MAX_LENGTH", f"Must be {CONTENT_LIMIT} or fewer in length.")
    embeds = body.get("embeds") or []
    if sum(embed_size(embed) for embed in embeds if isinstance(embed, Mapping)) > EMBEDS_TOTAL_LIMIT:
        errors["embeds"] = _error("MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {EMBEDS_TOTAL_LIMIT}")
    return errors or None


def is_empty_message(body: Mapping[str, Any]) -> bool:
    """A new message with nothing to show, which Discord refuses with 50006."""
    return not any(body.get(key) for key in ("content", "embeds", "components", "attachments", "sticker_ids", "poll"))


def embed_size(embed: Mapping[str, Any]) -> int:
    """The characters Discord counts towards an embed's limit: title, description, fields, footer, author."""
    fields = embed.get("fields") or []
    return (
        len(embed.get("title") or "")
        + len(embed.get("description") or "")
        + sum(len(f.get("name") or "") + len(f.get("value") or "") for f in fields)
        + len((embed.get("footer") or {}).get("text") or "")
        + len((embed.get("author") or {}).get("name") or "")
    )


def commands_errors(commands: Any) -> dict[str, Any] | None:
    """Names, descriptions and option order of a bulk command overwrite (PUT .../commands)."""
    if not isinstance(commands, list):
        return None
    errors: dict[str, Any] = {}
    seen: set[tuple[int, str]] = set()
    for number, command in enumerate(commands):
        if not isinstance(command, Mapping):
            continue
        kind = command.get("type") or CHAT_INPUT
        found = _command_errors(command, kind)
        key = (kind, str(command.get("name")))
        if key in seen:
            found["name"] = _error("APPLICATION_COMMAND_NAME_ALREADY_EXISTS", "Command names must be unique")
        seen.add(key)
        if found:
            errors[str(number)] = found
    return errors or None


def _command_errors(command: Mapping[str, Any], kind: int) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if kind == CHAT_INPUT:
        found.update(_name_and_description(command))
    options = command.get("options") or []
    names = [str(o.get("name")) for o in options if isinstance(o, Mapping)]
    required = [bool(o.get("required")) for o in options if isinstance(o, Mapping)]
    option_errors: dict[str, Any] = {}
    for number, option in enumerate(o for o in options if isinstance(o, Mapping)):
        problems = _name_and_description(option)
        if names.count(names[number]) > 1:
            problems["name"] = _error("APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS", "Option names must be unique")
        if required[number] and not all(required[:number]):
            problems["required"] = _error("APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                                          "Required options must be placed before non-required options")
        if problems:
            option_errors[str(number)] = problems
    if option_errors:
        found["options"] = option_errors
    return found


def _name_and_description(item: Mapping[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    name = str(item.get("name") or "")
    if not NAME.fullmatch(name) or name != name.lower():
        found["name"] = _error("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
    if not 1 <= len(item.get("description") or "") <= 100:
        found["description"] = _error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
    return found


def _error(code: str, message: str) -> dict[str, Any]:
    return {"_errors": [{"code": code, "message": message}]}
