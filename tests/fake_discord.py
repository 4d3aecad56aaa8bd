"""A small fake Discord on loopback that speaks the real REST (api/v10) and gateway protocol.

An unmodified discord.py client logs in, syncs its commands and connects to it; tests then dispatch
interactions and messages, and read back every REST request the client made:

    async with FakeDiscord() as fake:          # starts on a free 127.0.0.1 port and points discord.py at it
        ...start the bot with fake.token...
        interaction = await fake.slash("ask", question="Who?")
        followup = await fake.followup(interaction)
        click = await fake.click(fake.messages[followup.response["id"]], "some:custom_id")
        thread = await fake.start_thread(fake.messages[followup.response["id"]])

It answers as Discord does: every JSON body is validated against Discord's published OpenAPI spec
(`fake_discord_spec`, when the shared data is present) and Discord's other rules (`fake_discord_rules`), and
refused with 400 / 50035 "Invalid Form Body"; an interaction must be acknowledged once (40060) within
`ack_deadline` seconds (else 10062 Unknown interaction), its token expires after `token_lifetime` (50027),
unknown interactions, webhooks and channels get 404s with codes 10062, 10015 and 10003. `advance(seconds)`
moves the fake's clock for those deadlines. `invalid_requests` lists the bodies it refused.

The gateway speaks JSON text frames without compression. Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
import re
import secrets
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import discord.gateway
import discord.http
import yarl
from aiohttp import WSMsgType, web

from tests import fake_discord_rules as rules
from tests.fake_discord_spec import INVALID_FORM_BODY, DiscordSpec, invalid_form_body

DISCORD_EPOCH_MS = 1420070400000
EPHEMERAL = 1 << 6
LOADING = 1 << 7  # a deferred response's "thinking…" message
MANAGE_GUILD = 1 << 5
INTENT_MEMBERS = 1 << 1
INTENT_PRESENCES = 1 << 8
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED = INTENT_MEMBERS | INTENT_PRESENCES | INTENT_MESSAGE_CONTENT
ADMINISTRATOR = 1 << 3
OPTION_TYPES = {str: 3, int: 4, bool: 5, float: 10}
GUILD_CONTEXT, BOT_DM_CONTEXT = 0, 1
UNKNOWN_CHANNEL, UNKNOWN_MESSAGE, UNKNOWN_WEBHOOK, UNKNOWN_INTERACTION = 10003, 10008, 10015, 10062
INVALID_WEBHOOK_TOKEN, ALREADY_ACKNOWLEDGED = 50027, 40060
_counter = itertools.count()


def snowflake() -> str:
    """A unique Discord id whose timestamp is now."""
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return str((ms << 22) | (next(_counter) & 0x3FFFFF))


def user(name: str, *, bot: bool = False) -> dict[str, Any]:
    return {"id": snowflake(), "username": name, "discriminator": "0", "global_name": None, "avatar": None,
            "bot": bot}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


@dataclass(frozen=True)
class Recorded:
    """One REST request as the fake received it; `status` and `response` (JSON or None) are what it answered."""

    method: str
    path: str
    json: Any
    headers: Mapping[str, str]
    status: int
    response: Any = None


@dataclass(frozen=True)
class SentInteraction:
    """An interaction the fake dispatched; its replies arrive on `callback_path` and `webhook_path`."""

    id: str
    token: str
    application_id: str

    @property
    def callback_path(self) -> str:
        return f"/interactions/{self.id}/{self.token}/callback"

    @property
    def webhook_path(self) -> str:
        return f"/webhooks/{self.application_id}/{self.token}"


@dataclass
class _RateLimit:
    method: str
    path: re.Pattern[str]
    remaining: int
    retry_after: float


@dataclass
class FakeDiscord:
    """One application, one bot user, one guild with two text channels, a few members."""

    token: str = field(default_factory=lambda: "fake." + secrets.token_urlsafe(24))
    privileged_intents: bool = True
    heartbeat_interval_ms: int = 41250
    ack_deadline: float = 3.0
    token_lifetime: float = 15 * 60
    spec: DiscordSpec | None = field(default_factory=DiscordSpec.load)

    def __post_init__(self) -> None:
        self.app_id = snowflake()
        self.bot_user = user("newsbot", bot=True)
        self.owner = user("owner")
        self.reporter = user("reporter")
        self.admin = user("admin")
        self.editor = user("editor")
        self.other_bot = user("otherbot", bot=True)
        self.guild_id = snowflake()
        self.channel_id = snowflake()
        self.other_channel_id = snowflake()
        self.editors_role = {"id": snowflake(), "name": "Editors", "permissions": "0", "position": 1,
                             "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0}
        self.requests: list[Recorded] = []
        self.commands: dict[str | None, list[dict[str, Any]]] = {}
        self.messages: dict[str, dict[str, Any]] = {}
        self.deleted: dict[str, dict[str, Any]] = {}
        self.threads: dict[str, dict[str, Any]] = {}
        self.dm_channels: dict[str, dict[str, Any]] = {}
        self.identify: dict[str, Any] | None = None
        self._interactions: dict[str, dict[str, Any]] = {}
        self._rate_limits: list[_RateLimit] = []
        self._clock_offset = 0.0
        self._ws: web.WebSocketResponse | None = None
        self._seq = 0
        self._saved: tuple[str, yarl.URL] | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---- life cycle -------------------------------------------------------------------------------------

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self, *, patch: bool = True) -> None:
        """Listen on a free loopback port; with `patch`, point discord.py's REST and gateway URLs here."""
        self._changed = asyncio.Condition()
        self._send_lock = asyncio.Lock()
        self._identified = asyncio.Event()
        app = web.Application(middlewares=[self._record])
        app.router.add_get("/gateway/", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        if patch:
            self._saved = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
            discord.http.Route.BASE = self.api_url
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)

    async def stop(self) -> None:
        """Close the gateway, stop listening and restore discord.py's URLs."""
        if self._saved is not None:
            discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = self._saved
            self._saved = None
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway/"

    @property
    def connected(self) -> bool:
        return self._ws is not None and not self._ws.closed

    def now(self) -> float:
        """The fake's clock (monotonic seconds) for interaction deadlines; see `advance`."""
        return time.monotonic() + self._clock_offset

    def advance(self, seconds: float) -> None:
        """Move the fake's clock forward, so that deadlines (3-s acknowledgement, 15-min token) pass at once."""
        self._clock_offset += seconds

    @property
    def invalid_requests(self) -> list[Recorded]:
        """The requests refused for their body (50035 Invalid Form Body, 50006 empty message)."""
        refused = (INVALID_FORM_BODY, rules.EMPTY_MESSAGE)
        return [r for r in self.requests if r.status == 400 and isinstance(r.response, dict)
                and r.response.get("code") in refused]

    async def wait_identified(self, timeout: float = 10.0) -> dict[str, Any]:
        """Wait for the client's IDENTIFY and return its payload (token, intents, ...)."""
        await asyncio.wait_for(self._identified.wait(), timeout)
        assert self.identify is not None
        return self.identify

    # ---- what tests drive -------------------------------------------------------------------------------

    def member(self, who: Mapping[str, Any], roles: tuple[str, ...] = ()) -> dict[str, Any]:
        return {"user": dict(who), "roles": list(roles), "joined_at": _now(), "deaf": False, "mute": False,
                "flags": 0, "nick": None}

    def channel(self, channel_id: str | None = None) -> dict[str, Any]:
        channel_id = channel_id or self.channel_id
        if channel_id in self.threads:
            return self.threads[channel_id]
        if channel_id in self.dm_channels:
            return self.dm_channels[channel_id]
        name = "questions" if channel_id == self.channel_id else "random"
        return {"id": channel_id, "type": 0, "name": name, "guild_id": self.guild_id, "position": 0,
                "permission_overwrites": [], "nsfw": False, "topic": None, "last_message_id": None,
                "rate_limit_per_user": 0, "parent_id": None, "flags": 0}

    def mention(self) -> str:
        return f"<@{self.bot_user['id']}>"

    async def dispatch(self, event: str, data: Mapping[str, Any]) -> None:
        """Send one gateway DISPATCH (op 0) to the connected client."""
        if not self.connected:
            raise RuntimeError("no client is connected to the fake gateway")
        self._seq += 1
        await self._send({"op": 0, "t": event, "s": self._seq, "d": data})

    def dm_channel(self, who: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The direct-message channel between `who` (the reporter by default) and the bot."""
        who = who or self.reporter
        found = next((c for c in self.dm_channels.values() if c["recipients"][0]["id"] == who["id"]), None)
        if found is None:
            found = {"id": snowflake(), "type": 1, "recipients": [dict(who)], "last_message_id": None, "flags": 0}
            self.dm_channels[found["id"]] = found
        return found

    async def slash(
        self,
        name: str,
        *,
        who: Mapping[str, Any] | None = None,
        roles: tuple[str, ...] = (),
        permissions: int = 0,
        channel_id: str | None = None,
        dm: bool = False,
        **options: Any,
    ) -> SentInteraction:
        """Dispatch a slash command as `who` (the reporter by default), typed from the synced command.

        As Discord's client would, it refuses (LookupError, ValueError) a command not synced or not offered in
        DMs (`dm=True`), an option the command lacks, a missing required option or a value out of its bounds.
        """
        guild_id = None if dm else self.guild_id if self.guild_id in self.commands else None
        command = next((c for c in self.commands.get(guild_id, []) if c["name"] == name), None)
        if command is None:
            raise LookupError(f"/{name} was never synced" + (" globally (DMs see only global commands)" * dm))
        if dm and not _offered_in_dms(command):
            raise LookupError(f"/{name} is not offered in direct messages")
        data: dict[str, Any] = {"id": command["id"], "name": name, "type": 1,
                                "options": _typed_options(command, options)}
        if guild_id:
            data["guild_id"] = guild_id
        if dm:
            return await self._interact(2, data, who, (), 0, self.dm_channel(who)["id"], dm=True)
        return await self._interact(2, data, who, roles, permissions, channel_id)

    async def click(
        self, message: Mapping[str, Any], custom_id: str, *, who: Mapping[str, Any] | None = None
    ) -> SentInteraction:
        """Dispatch a button click on `message` (a message payload the bot sent)."""
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._interact(3, data, who, (), 0, message["channel_id"], message=dict(message))

    async def send_message(
        self,
        content: str,
        *,
        who: Mapping[str, Any] | None = None,
        mentions: tuple[Mapping[str, Any], ...] = (),
        channel_id: str | None = None,
    ) -> dict[str, Any]:
        """Dispatch MESSAGE_CREATE for a message a member typed; mention the bot with `fake.mention()`."""
        who = who or self.reporter
        message = self._message(channel_id or self.channel_id, who, content, [], mentions=mentions)
        message["member"] = {k: v for k, v in self.member(who).items() if k != "user"}
        await self.dispatch("MESSAGE_CREATE", message)
        return message

    async def start_thread(self, message: Mapping[str, Any], name: str = "follow-up") -> dict[str, Any]:
        """Start a public thread (type 11) from `message`, as a member would: THREAD_CREATE, thread id = message id."""
        thread = {"id": message["id"], "type": 11, "guild_id": self.guild_id, "parent_id": message["channel_id"],
                  "owner_id": self.reporter["id"], "name": name, "last_message_id": None, "rate_limit_per_user": 0,
                  "message_count": 0, "member_count": 1, "flags": 0, "newly_created": True,
                  "thread_metadata": {"archived": False, "auto_archive_duration": 1440, "locked": False,
                                      "archive_timestamp": _now(), "create_timestamp": _now()}}
        self.threads[thread["id"]] = thread
        if self.connected:
            await self.dispatch("THREAD_CREATE", thread)
        return thread

    def rate_limit(self, method: str, path: str, *, times: int = 1, retry_after: float = 0.05) -> None:
        """Answer the next `times` requests whose path matches the regex `path` with 429 Too Many Requests."""
        self._rate_limits.append(_RateLimit(method, re.compile(path), times, retry_after))

    async def wait_for_request(self, predicate: Callable[[Recorded], bool], timeout: float = 10.0) -> Recorded:
        """Return the first request (already made or still to come) that satisfies `predicate`.

        On timeout, the AssertionError lists the requests the fake refused, which is usually why.
        """

        def find() -> Recorded | None:
            return next((r for r in self.requests if predicate(r)), None)

        async with self._changed:
            try:
                return await asyncio.wait_for(self._changed.wait_for(find), timeout)  # type: ignore[return-value]
            except TimeoutError:
                refused = [f"{r.method} {r.path} -> {r.status} {json.dumps(r.response)[:500]}"
                           for r in self.requests if r.status >= 400 and r.status != 429]
                raise AssertionError(
                    f"no matching request within {timeout} s; refused requests: {refused or 'none'}"
                ) from None

    async def callback(self, interaction: SentInteraction, timeout: float = 10.0) -> Recorded:
        """The client's answer to `interaction` (a message, or a defer)."""
        return await self.wait_for_request(lambda r: r.path == interaction.callback_path and r.status == 200,
                                           timeout)

    async def followup(self, interaction: SentInteraction, timeout: float = 10.0) -> Recorded:
        """The first follow-up message the client sent for `interaction`."""
        return await self.wait_for_request(
            lambda r: r.method == "POST" and r.path == interaction.webhook_path and r.status == 200, timeout
        )

    async def reply(self, message: Mapping[str, Any], timeout: float = 10.0) -> Recorded:
        """The client's reply to `message` in its channel."""

        def replies(r: Recorded) -> bool:
            ref = r.json.get("message_reference") if isinstance(r.json, dict) else None
            return r.method == "POST" and r.status == 200 and str((ref or {}).get("message_id")) == message["id"]

        return await self.wait_for_request(replies, timeout)

    async def drop_connection(self, code: int = 4000) -> None:
        """Close the client's gateway connection as an outage would; the client's RESUME then goes unanswered."""
        if self._ws is not None:
            await self._ws.close(code=code, message=b"Unknown error.")

    # ---- protocol ---------------------------------------------------------------------------------------

    async def _interact(
        self,
        kind: int,
        data: dict[str, Any],
        who: Mapping[str, Any] | None,
        roles: tuple[str, ...],
        permissions: int,
        channel_id: str | None,
        *,
        dm: bool = False,
        **extra: Any,
    ) -> SentInteraction:
        sent = SentInteraction(snowflake(), "itok." + secrets.token_urlsafe(16), self.app_id)
        channel_id = channel_id or self.channel_id
        # "original": the message that answers the interaction; for a click, the clicked message.
        original = (extra.get("message") or {}).get("id")
        self._interactions[sent.token] = {"channel_id": channel_id, "id": sent.id, "type": kind, "original": original,
                                          "sent_at": self.now(), "acknowledged": False}
        where: dict[str, Any] = {
            "guild_id": self.guild_id, "guild_locale": "en-US", "context": GUILD_CONTEXT,
            "member": {**self.member(who or self.reporter, roles), "permissions": str(permissions)},
        }
        if dm:
            where = {"user": dict(who or self.reporter), "context": BOT_DM_CONTEXT}
        await self.dispatch("INTERACTION_CREATE", {
            "id": sent.id, "application_id": self.app_id, "type": kind, "token": sent.token, "version": 1,
            "channel_id": channel_id, "channel": self.channel(channel_id), **where,
            "app_permissions": str(MANAGE_GUILD), "locale": "en-US",
            "entitlements": [], "authorizing_integration_owners": {"0": self.guild_id},
            "attachment_size_limit": 10 * 1024 * 1024, "data": data, **extra,
        })
        return sent

    def _message(
        self,
        channel_id: str,
        author: Mapping[str, Any],
        content: str,
        embeds: list[Any],
        *,
        mentions: tuple[Mapping[str, Any], ...] = (),
        flags: int = 0,
        **extra: Any,
    ) -> dict[str, Any]:
        message = {
            "id": snowflake(), "channel_id": channel_id, "guild_id": self.guild_id, "author": dict(author),
            "content": content, "timestamp": _now(), "edited_timestamp": None, "tts": False,
            "mention_everyone": False, "mentions": [dict(m) for m in mentions], "mention_roles": [],
            "attachments": [], "embeds": embeds, "pinned": False, "type": 0, "flags": flags, "components": [],
            **extra,
        }
        self.messages[message["id"]] = message
        return message

    async def _echo(self, event: str, message: Mapping[str, Any]) -> None:
        """Tell the gateway client about a message, as Discord does; with no client connected, nobody hears it."""
        if self.connected:
            await self.dispatch(event, message)

    async def _send(self, payload: Mapping[str, Any]) -> None:
        assert self._ws is not None
        async with self._send_lock:
            await self._ws.send_str(json.dumps(payload))

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await self._send({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}, "s": None, "t": None})
        async for frame in ws:
            if frame.type is not WSMsgType.TEXT:
                continue
            payload = json.loads(frame.data)
            if payload["op"] == 1:
                await self._send({"op": 11})
            elif payload["op"] == 2:
                await self._on_identify(ws, payload["d"])
            elif payload["op"] == 8:
                await self.dispatch("GUILD_MEMBERS_CHUNK", {"guild_id": self.guild_id, "members": self._members(),
                                                            "chunk_index": 0, "chunk_count": 1,
                                                            "nonce": payload["d"].get("nonce")})
        return ws

    async def _on_identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        self.identify = data
        if data.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        if not self.privileged_intents and data.get("intents", 0) & PRIVILEGED:
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        self._identified.set()
        await self.dispatch("READY", {
            "v": 10, "user": {**self.bot_user, "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": self.guild_id, "unavailable": True}], "session_id": secrets.token_hex(16),
            "resume_gateway_url": self.gateway_url, "application": {"id": self.app_id, "flags": 0},
            "private_channels": [], "relationships": [], "shard": [0, 1],
        })
        everyone = {**self.editors_role, "id": self.guild_id, "name": "@everyone", "position": 0}
        await self.dispatch("GUILD_CREATE", {
            "id": self.guild_id, "name": "Newsroom", "owner_id": self.owner["id"], "unavailable": False,
            "roles": [everyone, self.editors_role], "channels": [self.channel(), self.channel(self.other_channel_id)],
            "members": self._members(), "member_count": len(self._members()), "emojis": [], "stickers": [],
            "features": [], "threads": list(self.threads.values()), "voice_states": [], "presences": [], "large": False,
        })

    def _members(self) -> list[dict[str, Any]]:
        people = (self.bot_user, self.owner, self.reporter, self.admin, self.other_bot)
        return [self.member(p) for p in people] + [self.member(self.editor, (self.editors_role["id"],))]

    @web.middleware
    async def _record(self, request: web.Request, handler: Callable[..., Any]) -> web.StreamResponse:
        if request.path == "/gateway/":
            return await handler(request)
        path = request.path.removeprefix("/api/v10")
        body = await request.read()
        payload = json.loads(body) if body and request.content_type == "application/json" else None
        limit = next((r for r in self._rate_limits
                      if r.remaining and r.method == request.method and r.path.fullmatch(path)), None)
        if limit is not None:
            limit.remaining -= 1
            response = _json({"message": "You are being rate limited.", "retry_after": limit.retry_after,
                              "global": False}, 429)
            response.headers.update({"Via": "1.1 google", "Retry-After": str(max(1, round(limit.retry_after))),
                                     "X-RateLimit-Scope": "user"})
        else:
            response = await handler(request)
        answered = None
        if isinstance(response, web.Response) and response.content_type == "application/json" and response.body:
            answered = json.loads(response.body)  # type: ignore[arg-type]
        async with self._changed:
            self.requests.append(Recorded(request.method, path, payload, dict(request.headers), response.status,
                                          answered))
            self._changed.notify_all()
        return response

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = request.path.removeprefix("/api/v10")
        body = await request.read()
        payload = json.loads(body) if body and request.content_type == "application/json" else {}
        public = path.startswith(("/interactions/", "/webhooks/"))  # Discord needs no token there
        if not public and request.headers.get("Authorization") != f"Bot {self.token}":
            return _json({"message": "401: Unauthorized", "code": 0}, 401)
        for pattern, method, route in self._routes():
            match = re.fullmatch(pattern, path)
            if match and method == request.method:
                refused = self._refuse_body(request.method, path, payload) if body else None
                return refused or await route(payload, *match.groups())
        return _json({"message": "404: Not Found", "code": 0}, 404)

    def _refuse_body(self, method: str, path: str, payload: Any) -> web.Response | None:
        """Discord's 400 for a body its spec or its rules refuse, else None."""
        errors = self.spec.errors(method, path, payload) if self.spec is not None else None
        message: Any = None
        if path.startswith("/interactions/") and isinstance(payload, dict):
            message = payload.get("data") or {}
            found = rules.message_errors(message)
            errors = _merged(errors, {"data": found} if found else None)
            if payload.get("type") != 4:
                message = None  # only a message response must have something in it
        elif re.fullmatch(r"/(webhooks/\d+/[^/]+|channels/\d+/messages)(/messages/[^/]+|/\d+)?", path):
            message = payload if isinstance(payload, dict) else {}
            errors = _merged(errors, rules.message_errors(message))
            if method != "POST":
                message = None
        elif path.endswith("/commands"):
            errors = _merged(errors, rules.commands_errors(payload))
        if errors:
            return _json(invalid_form_body(errors), 400)
        if message is not None and rules.is_empty_message(message):
            return _json({"message": "Cannot send an empty message", "code": rules.EMPTY_MESSAGE}, 400)
        return None

    def _context(self, token: str) -> dict[str, Any] | None:
        return self._interactions.get(token)

    def _webhook_refusal(self, token: str) -> web.Response | None:
        """Discord's answer to a follow-up or edit on an unknown, unacknowledged or expired token."""
        context = self._context(token)
        if context is None or not context["acknowledged"]:
            return _error("Unknown Webhook", UNKNOWN_WEBHOOK, 404)
        if self.now() - context["sent_at"] > self.token_lifetime:
            return _error("Invalid Webhook Token", INVALID_WEBHOOK_TOKEN, 401)
        return None

    def _known_channel(self, channel_id: str) -> bool:
        return channel_id in (self.channel_id, self.other_channel_id) or channel_id in self.threads \
            or channel_id in self.dm_channels

    def _routes(self) -> list[tuple[str, str, Callable[..., Any]]]:
        return [
            (r"/users/@me", "GET", self._me),
            (r"/oauth2/applications/@me", "GET", self._application),
            (r"/gateway(/bot)?", "GET", self._gateway_info),
            (r"/applications/\d+/commands", "PUT", self._sync),
            (r"/applications/\d+/guilds/(\d+)/commands", "PUT", self._sync),
            (r"/interactions/(\d+)/([^/]+)/callback", "POST", self._callback),
            (r"/webhooks/\d+/([^/]+)", "POST", self._followup),
            (r"/webhooks/\d+/([^/]+)/messages/([^/]+)", "PATCH", self._edit),
            (r"/webhooks/\d+/([^/]+)/messages/([^/]+)", "GET", self._webhook_message),
            (r"/webhooks/\d+/([^/]+)/messages/([^/]+)", "DELETE", self._webhook_delete),
            (r"/channels/(\d+)/messages", "POST", self._channel_message),
            (r"/channels/(\d+)/messages/(\d+)", "PATCH", self._channel_edit),
            (r"/channels/(\d+)/typing", "POST", self._typing),
        ]

    async def _me(self, _: Any) -> web.Response:
        return _json({**self.bot_user, "verified": True, "mfa_enabled": False, "flags": 0})

    async def _application(self, _: Any) -> web.Response:
        return _json({"id": self.app_id, "name": "newsbot", "description": "", "icon": None, "bot_public": True,
                      "bot_require_code_grant": False, "owner": self.owner, "verify_key": "0" * 64,
                      "interactions_endpoint_url": None, "flags": 0, "team": None})

    async def _gateway_info(self, _: Any, bot: str | None = None) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return _json({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def _sync(self, payload: list[dict[str, Any]], guild_id: str | None = None) -> web.Response:
        synced = [{**c, "id": snowflake(), "application_id": self.app_id, "version": snowflake(),
                   **({"guild_id": guild_id} if guild_id else {})} for c in payload]
        self.commands[guild_id] = synced
        return _json(synced)

    async def _callback(self, payload: dict[str, Any], interaction_id: str, token: str) -> web.Response:
        context = self._context(token)
        if context is None or context["id"] != interaction_id or self.now() - context["sent_at"] > self.ack_deadline:
            return _error("Unknown interaction", UNKNOWN_INTERACTION, 404)
        if context["acknowledged"]:
            return _error("Interaction has already been acknowledged.", ALREADY_ACKNOWLEDGED, 400)
        context["acknowledged"] = True
        kind = payload["type"]
        data = payload.get("data") or {}
        ephemeral = bool(data.get("flags", 0) & EPHEMERAL)
        if kind in (6, 7):  # (deferred) update of the clicked message
            message = await self._update(context["original"], data if kind == 7 else {})
        else:
            message = self._message(context["channel_id"], self.bot_user, data.get("content") or "",
                                    data.get("embeds") or [], flags=data.get("flags", 0),
                                    components=data.get("components") or [])
            context["original"] = message["id"]
            if kind == 5:
                message["flags"] |= LOADING
        if kind == 4 and not ephemeral:
            await self._echo("MESSAGE_CREATE", message)
        return _json({
            "interaction": {"id": interaction_id, "type": context["type"], "response_message_id": message["id"],
                            "response_message_loading": kind == 5, "response_message_ephemeral": ephemeral},
            "resource": {"type": kind, "message": message},
        })

    async def _followup(self, payload: dict[str, Any], token: str) -> web.Response:
        refused = self._webhook_refusal(token)
        if refused is not None:
            return refused
        context = self._interactions[token]
        thinking = self._thinking(context)
        if thinking is not None:
            return _json(await self._update(thinking["id"], payload))
        message = self._message(context["channel_id"], self.bot_user, payload.get("content") or "",
                                payload.get("embeds") or [], flags=payload.get("flags", 0),
                                components=payload.get("components") or [],
                                webhook_id=self.app_id, application_id=self.app_id)
        if not message["flags"] & EPHEMERAL:
            await self._echo("MESSAGE_CREATE", message)
        return _json(message)

    async def _edit(self, payload: dict[str, Any], token: str, message_id: str) -> web.Response:
        refused = self._webhook_refusal(token)
        if refused is not None:
            return refused
        context = self._interactions[token]
        target = context["original"] if message_id == "@original" else message_id
        if target not in self.messages:
            return _error("Unknown Message", UNKNOWN_MESSAGE, 404)
        return _json(await self._update(target, payload))

    def _thinking(self, context: Mapping[str, Any]) -> dict[str, Any] | None:
        """The deferred "thinking…" message still waiting for its answer, if any.

        As on Discord, the first follow-up after a deferral replaces it and keeps the deferral's visibility:
        its own ephemeral flag is ignored.
        """
        message = self.messages.get(context.get("original") or "")
        return message if message is not None and message["flags"] & LOADING else None

    async def _webhook_message(self, _: Any, token: str, message_id: str) -> web.Response:
        context = self._interactions[token]
        target = context["original"] if message_id == "@original" else message_id
        if target not in self.messages:
            return _json({"message": "Unknown Message", "code": 10008}, 404)
        return _json(self.messages[target])

    async def _webhook_delete(self, _: Any, token: str, message_id: str) -> web.Response:
        context = self._interactions[token]
        target = context["original"] if message_id == "@original" else message_id
        message = self.messages.pop(target, None)
        if message is None:
            return _json({"message": "Unknown Message", "code": 10008}, 404)
        self.deleted[target] = message
        if not message["flags"] & EPHEMERAL:
            await self.dispatch("MESSAGE_DELETE", {"id": target, "channel_id": message["channel_id"],
                                                   "guild_id": self.guild_id})
        return web.Response(status=204)

    async def _channel_message(self, payload: dict[str, Any], channel_id: str) -> web.Response:
        if not self._known_channel(channel_id):
            return _error("Unknown Channel", UNKNOWN_CHANNEL, 404)
        extra: dict[str, Any] = {}
        reference = payload.get("message_reference")
        if reference:
            extra = {"type": 19, "message_reference": {**reference, "channel_id": channel_id},
                     "referenced_message": self.messages.get(reference["message_id"])}
        message = self._message(channel_id, self.bot_user, payload.get("content") or "",
                                payload.get("embeds") or [], components=payload.get("components") or [], **extra)
        await self._echo("MESSAGE_CREATE", message)
        return _json(message)

    async def _channel_edit(self, payload: dict[str, Any], channel_id: str, message_id: str) -> web.Response:
        if not self._known_channel(channel_id):
            return _error("Unknown Channel", UNKNOWN_CHANNEL, 404)
        if message_id not in self.messages or self.messages[message_id]["channel_id"] != channel_id:
            return _error("Unknown Message", UNKNOWN_MESSAGE, 404)
        return _json(await self._update(message_id, payload))

    async def _update(self, message_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Apply an edit's content, embeds and components to a stored message and echo MESSAGE_UPDATE."""
        message = self.messages[message_id]
        message.update({k: changes[k] for k in ("content", "embeds", "components") if changes.get(k) is not None})
        if changes:
            message["flags"] &= ~LOADING
            message["edited_timestamp"] = _now()
            await self._echo("MESSAGE_UPDATE", message)
        return message

    async def _typing(self, _: Any, channel_id: str) -> web.Response:
        if not self._known_channel(channel_id):
            return _error("Unknown Channel", UNKNOWN_CHANNEL, 404)
        return web.Response(status=204)


def _offered_in_dms(command: Mapping[str, Any]) -> bool:
    contexts = command.get("contexts")
    return command.get("dm_permission") is not False and (contexts is None or BOT_DM_CONTEXT in contexts)


def _typed_options(command: Mapping[str, Any], values: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The interaction's options for `values`, refusing what Discord's client would not let a member send."""
    declared = {o["name"]: o for o in command.get("options") or []}
    for name, value in values.items():
        option = declared.get(name)
        if option is None:
            raise LookupError(f"/{command['name']} has no option {name!r}")
        if OPTION_TYPES[type(value)] != option["type"]:
            raise ValueError(f"option {name!r} of /{command['name']} takes type {option['type']}, not {value!r}")
        size = len(value) if isinstance(value, str) else value
        low = option.get("min_length" if isinstance(value, str) else "min_value")
        high = option.get("max_length" if isinstance(value, str) else "max_value")
        if (low is not None and size < low) or (high is not None and size > high):
            raise ValueError(f"option {name!r} of /{command['name']} must be within [{low}, {high}], not {value!r}")
    missing = [name for name, o in declared.items() if o.get("required") and name not in values]
    if missing:
        raise ValueError(f"/{command['name']} needs option(s) {', '.join(missing)}")
    return [{"name": key, "type": OPTION_TYPES[type(value)], "value": value} for key, value in values.items()]


def _merged(first: dict[str, Any] | None, second: dict[str, Any] | None) -> dict[str, Any] | None:
    """Two `errors` trees as one (the second's entries added where the first has none)."""
    if not first or not second:
        return first or second
    merged = dict(first)
    for key, value in second.items():
        merged[key] = _merged(merged[key], value) if isinstance(merged.get(key), dict) else merged.get(key, value)
    return merged


def _error(message: str, code: int, status: int) -> web.Response:
    return _json({"message": message, "code": code}, status)


def _json(body: Any, status: int = 200) -> web.Response:
    # discord.py only parses a body whose Content-Type is exactly application/json (no charset).
    return web.Response(body=json.dumps(body).encode(), status=status, headers={"Content-Type": "application/json"})
