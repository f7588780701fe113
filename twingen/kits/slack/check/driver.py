"""slack_sdk driver: ``WebClient(token=..., base_url=TWIN + "/api/")`` calling each method as a user would.

Methods of slack_sdk's other clients (Audit Logs, SCIM, incoming webhooks, Socket Mode: ``SdkMethod.client``)
are made and called by ``others.OtherClients``, judged against ``others.KNOWN``.

Each credential has its own recording client (``slack_client``); tokens are chosen per method by
``slack_tokens``, arguments by ``slack_args``. Retry handlers are off: a failure must show as it happened, once.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from twingen.check.arguments import MISSING, Pool, from_annotation, from_schema
from twingen.check.classes import Outcome
from twingen.check.drivers.base import Driver, PlannedProbe
from twingen.kits.slack.check import args as args_
from twingen.kits.slack.check import others
from twingen.kits.slack.check import tokens as tokens
from twingen.kits.slack.check import values as values
from twingen.kits.slack.check.client import RecordingClient, run
from twingen.kits.slack.check.state import SlackState
from twingen.sdk.surface import SdkMethod

BAD_TOKEN = "xoxb-000000000000-0000000000000-twincheckbadtoken0000"
_NAMED = (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


class SlackDriver(SlackState, Driver):
    vendor = "slack"
    retry_codes = frozenset({"not_allowed_token_type", "missing_scope", "not_an_admin", "no_permission"})

    def connect(self) -> None:
        secrets = {**self.twin.credentials, "bad": BAD_TOKEN}
        base = self.twin.base_url + "/api/"
        self.clients = {name: RecordingClient(token=t, base_url=base, retry_handlers=[]) for name, t in secrets.items()}
        self.names = 0
        self.guessed: dict[str, list[str]] = {}
        self.others = others.OtherClients(self.twin)

    def credentials_for(self, method: SdkMethod) -> list[str]:
        """Seeded tokens of a type the method's page accepts, as a real caller would pick them."""
        if _other(method):
            return others.credentials(method, self.twin.credentials)
        op = method.operation or (method.calls[0] if method.calls else "")
        return tokens.credentials_for(op, self.twin.credentials) or list(self.twin.credentials)[:1]

    def notes(self, method: SdkMethod) -> str:
        guessed = self.guessed.get(method.name)
        return f"placeholder ids (nothing earlier made one): {', '.join(guessed)}" if guessed else ""

    def destructive(self, method: SdkMethod) -> bool:
        # Slack's bulk verbs destroy like their plain ones (admin.conversations.bulkDelete deletes channels)
        # and deciding a seeded request uses it up (admin.apps.approve, admin.inviteRequests.deny)
        last = (method.operation or method.name).rsplit(".", 1)[-1]
        return super().destructive(method) or last.startswith(args_.ALSO_DESTRUCTIVE)

    def rank(self, method: SdkMethod) -> int:
        return 0 if method.operation in args_.ALSO_MAKERS else super().rank(method)

    # -- arguments (state: slack_state.SlackState) -------------------------------------------------------
    def arguments(self, method: SdkMethod, pool: Pool) -> dict[str, Any]:
        if _other(method):
            return self.others.arguments(method, pool)
        function = getattr(WebClient, method.name)
        op = self.operations.get(method.operation, {})
        schemas = {p["name"]: p.get("schema") for p in op.get("parameters") or ()}
        wire = {(p.python_name or p.name): p.name for p in method.params}
        signature = inspect.signature(function).parameters
        fixed = args_.FIXED.get(method.name, {})
        # the signature, not the scan, says what a call needs: the scan cannot see every ``kwargs`` rewrite
        wanted = [n for n, p in signature.items() if n != "self" and p.kind in _NAMED and p.default is p.empty]
        wanted += [n for n in (*values.ALWAYS, *values.EXTRA.get(method.name, ()), *fixed) if n in signature]
        if "timestamp" in signature:
            wanted.append("channel")  # pins, reactions and stars name a message by channel and timestamp
        args: dict[str, Any] = {}
        message = pool.get("message")
        guessed: list[str] = []
        for name in dict.fromkeys(wanted):
            value = self._fixed(fixed[name], pool) if name in fixed else self._value(method, name, pool, message)
            if value is MISSING and _names_an_object(method.operation, name):
                guessed.append(name)  # an id nothing made: what follows is a placeholder, not an object
            if value is MISSING:
                value = from_schema(schemas.get(wire.get(name, name)))
            if value is MISSING:
                value = from_annotation(function, name)
            if value is not MISSING:
                args[name] = value
        self.guessed[method.name] = [name for name in guessed if name in args]
        return args

    def _fixed(self, value: Any, pool: Pool) -> Any:
        """A per-method value; ``$kind`` names an id from earlier answers or a value minted as documented."""
        if isinstance(value, list):
            items = [self._fixed(v, pool) for v in value]
            return MISSING if MISSING in items else items
        if isinstance(value, dict):
            made = {k: self._fixed(v, pool) for k, v in value.items()}
            return MISSING if MISSING in made.values() else made
        if not (isinstance(value, str) and value.startswith("$")):
            return value
        name = value[1:]
        if name == "trigger":
            return args_.trigger_id(self.twin.credentials.get("bot", ""))
        if name == "oauth_code":
            # the user who authorizes: the ``user`` credential's own id, as auth.test answers it
            user_id = self.clients["user"].auth_test()["user_id"] if "user" in self.clients else ""
            return args_.oauth_code(args_.SEEDED_APP["client_id"], str(user_id))
        if name == "refresh_token":
            return args_.SEEDED_REFRESH_TOKEN
        if name == "yesterday":
            return args_.yesterday(self._now())
        if name == "ts":
            message = pool.get("message")
            return MISSING if message is MISSING else message[1]
        if name == "app_token":
            return self.twin.credentials.get("app", MISSING)
        if name == "own_app":  # xapp-1-APPID-...: an app-level token names its app
            parts = self.twin.credentials.get("app", "").split("-")
            return parts[2] if len(parts) > 2 else MISSING
        if name in ("link_channel", "link_ts"):
            message = pool.get("link_message")
            return MISSING if message is MISSING else message[name == "link_ts"]
        if name == "next_week":
            return int(self._now()) + 7 * 86400
        if name in args_.SALESFORCE:
            return args_.SALESFORCE[name]
        if name == "linked_channel":
            return self._linked_channel(pool)
        if name == "approved_app":
            return self._approved_app()
        if name == "other_team":
            return self._other_team(pool)
        if name == "event_context":
            team, channel = pool.get("team"), pool.get("channel")
            app = self.twin.credentials.get("app", "")
            return MISSING if MISSING in (team, channel) else args_.event_context(team, app, channel)
        return args_.SEEDED_APP.get(name, MISSING) if name in args_.SEEDED_APP else pool.get(name)

    def _linked_channel(self, pool: Pool) -> Any:
        """The check's channel, linked to the seeded Opportunity first, as an admin links one before unlinking it."""
        channel = pool.get("channel")
        if channel is not MISSING:
            sf = args_.SALESFORCE
            self._quiet("org_admin", "admin_conversations_linkObjects", channel=channel,
                        record_id=sf["sf_opportunity"], salesforce_org_id=sf["sf_org"])  # fmt: skip
        return channel

    def _approved_app(self) -> Any:
        """The workspace's own app, approved for the org first: clearing a resolution needs one to clear."""
        parts = self.twin.credentials.get("app", "").split("-")
        if len(parts) <= 2:
            return MISSING
        self._quiet("org_admin", "admin_apps_approve", app_id=parts[2])
        return parts[2]

    def _other_team(self, pool: Pool) -> Any:
        """A workspace of the org other than the seeded one (made by admin.teams.create when there is none)."""
        home = pool.get("team")
        listed = self._quiet("org_admin", "admin_teams_list") or {}
        others = [t.get("id") for t in listed.get("teams") or () if isinstance(t, dict) and t.get("id") != home]
        if others:
            return others[0]
        made = self._quiet(
            "org_admin", "admin_teams_create", team_domain="twincheck-assign", team_name="Twincheck Assign"
        )
        return (made or {}).get("team", MISSING)

    def _value(self, method: SdkMethod, name: str, pool: Pool, message: Any) -> Any:
        op = method.operation
        family = args_.kind_in_family(op, name)
        if family is not None:
            # ``usergroup+1``: the second id of the kind (a barrier separates two different groups)
            base, _, skip = family.partition("+")
            found = pool.ids.get(base) or []
            picked = found[int(skip or 0)] if len(found) > int(skip or 0) else MISSING
            return MISSING if picked is MISSING else [picked] if name.endswith("ids") else picked
        if name in ("ts", "thread_ts", "message_ts", "timestamp") and message is not MISSING:
            return message[1]
        if name in ("channel", "channel_id") and message is not MISSING and self._wants_message(method):
            return message[0]
        if name == "name" and (op.startswith(("reactions.", "emoji.")) or "emoji" in op):
            return "thumbsup"
        if name in ("name", "channel_name", "team_name", "team_domain", "new_name"):
            self.names += 1
            return f"twincheck-{self.names}"
        if name == "token":
            return self.twin.credentials.get("bot", MISSING)  # a token to exchange, as oauth.v2.exchange takes
        if name == "files" and method.name == "files_completeUploadExternal":
            return self._begin_upload()
        if name == "post_at":
            return int(self._now()) + 3600
        if name in values.VALUES:
            return values.VALUES[name]
        kind = values.kind_of(name)
        if kind is not None:
            found = pool.get(kind)
            plural = name.endswith(("_ids", "s")) and not name.endswith("ss")
            if found is MISSING:
                return MISSING
            return [found] if plural and name != "users" else found
        if values.is_text(name):
            return "twingen check"
        if args_.is_ts(name) and name != "expiration_ts":
            return args_.ts_shaped(self._now() - 3600)
        return MISSING

    def _other_probe(
        self, method: SdkMethod, label: str, expected: frozenset[str], args: dict[str, Any], credential: str
    ) -> PlannedProbe:
        return PlannedProbe(label, expected, lambda: self.others.call(method, args, credential), True)

    def _caller(self, method: SdkMethod, args: dict[str, Any], credential: str) -> Callable[[], Outcome]:
        return lambda: self.call(method, args, credential)

    def _wants_message(self, method: SdkMethod) -> bool:
        names = {p.python_name or p.name for p in method.params}
        return bool(names & {"ts", "thread_ts", "message_ts", "timestamp"})

    # -- calls --------------------------------------------------------------------------------------
    def call(self, method: SdkMethod, args: dict[str, Any], credential: str) -> Outcome:
        if _other(method):
            return self.others.call(method, args, credential)
        client = self.clients[credential]
        return run(client, lambda: self._invoke(client, method, args))

    def _invoke(self, client: WebClient, method: SdkMethod, args: dict[str, Any]) -> Any:
        if method.name == "chat_stream":
            stream = client.chat_stream(**args)
            stream.append(markdown_text="twingen check")
            return stream.stop()
        return getattr(client, method.name)(**args)

    def _api_call(self, method: SdkMethod, args: dict[str, Any], credential: str) -> Outcome:
        """Through ``WebClient.api_call``: the only way to leave out an argument the signature requires."""
        client = self.clients[credential]
        wire = {(p.python_name or p.name): p for p in method.params}
        sent = {wire[k].name if k in wire else k: v for k, v in args.items()}
        as_json = any(p.location == "json" for p in method.params)
        if not as_json:
            sent = {k: ",".join(map(str, v)) if isinstance(v, list) else v for k, v in sent.items()}
        kind = "json" if as_json else "params" if method.http_verb == "GET" else "data"
        return run(client, lambda: client.api_call(method.operation, http_verb=method.http_verb, **{kind: sent}))

    # -- what Slack answers -------------------------------------------------------------------------
    def known_errors(self, method: SdkMethod) -> frozenset[str]:
        """Codes the operation declares (IR) or Slack answers it for a reason, whatever the token."""
        if _other(method):
            return others.KNOWN.get(others.client_of(method), frozenset())
        known: set[str] = set()
        for op in self.operations_of(method):
            known.update(e["code"] for e in self.operations.get(op, {}).get("errors") or ())
            if op.startswith(values.RETIRED_FAMILIES) or op in values.RETIRED_METHODS:
                known.add("method_deprecated")
        # request and token codes every page lists say nothing about the method: see tokens.GENERIC
        return frozenset(known - tokens.GENERIC)

    def known_errors_for(self, method: SdkMethod, credential: str) -> frozenset[str]:
        """As ``known_errors``, plus the token codes that are right for the token type the call used.

        A call that named a placeholder for an id (nothing earlier made one) earns no error: its
        ``*_not_found`` would be the check's doing, not the twin's. Only a retired method's answer stands."""
        if _other(method):
            return self.known_errors(method)
        if self.guessed.get(method.name):
            return self.known_errors(method) & {"method_deprecated"}
        extra = set().union(*(tokens.known_for(op, credential) for op in self.operations_of(method)))
        return self.known_errors(method) | extra

    def probes(self, method: SdkMethod, args: dict[str, Any], credential: str, pool: Pool) -> list[PlannedProbe]:
        if _other(method):
            return [self._other_probe(method, *planned) for planned in others.probes(method, args)]
        if not method.operation:
            return []  # helpers are checked through the operations they reach
        planned: list[PlannedProbe] = []
        op = method.operation
        declared = {e["code"] for e in self.operations.get(op, {}).get("errors") or ()}
        if op not in values.NO_AUTH and (op not in self.operations or self.operations[op].get("auth")):
            # apps.connections.open sends its app_token argument as the bearer: the bad token goes there too
            bad = {**args, "app_token": BAD_TOKEN} if "app_token" in args else args
            planned.append(
                PlannedProbe("bad token", frozenset({"invalid_auth"}), lambda: self.call(method, bad, "bad"))
            )
        documented = {p["name"]: p.get("required") for p in self.operations.get(op, {}).get("parameters") or ()}
        # where the docs know the argument, they decide: slack_sdk requires some that Slack defaults
        required = [
            p
            for p in method.params
            if p.required and (p.python_name or p.name) in args and documented.get(p.name, True) and p.name != "token"
        ]
        if required:
            param = required[0]
            name = param.python_name or param.name
            word = values.kind_of(name) or name
            expected = {"invalid_arguments", *(c for c in declared if word in c)}
            if word in values.MISSING_CODES:
                expected.add(values.MISSING_CODES[word])
            expected |= values.MISSING_ANSWERS.get((op, name), frozenset())
            rest = {k: v for k, v in args.items() if k != name}
            planned.append(
                PlannedProbe(
                    f"missing {name}", frozenset(expected), lambda: self._api_call(method, rest, credential), True
                )
            )
        for name, value in args.items():
            kind = values.kind_of(name)
            if (
                kind is None
                or kind not in values.UNKNOWN_IDS
                or (value != pool.get(kind) and value != [pool.get(kind)])
            ):
                continue
            unknown = values.UNKNOWN_IDS[kind]
            # arguments made afresh: the valid call may have used up one of them (an upload to complete)
            changed = {**self.arguments(method, pool), name: [unknown] if isinstance(value, list) else unknown}
            # the IR's codes about this argument count too (usergroups.users.update declares invalid_users)
            not_found = values.NOT_FOUND[kind] | {c for c in declared if kind in c}
            not_found = values.UNKNOWN_ANSWERS.get(op, not_found)
            planned.append(PlannedProbe(f"unknown {name}", not_found, self._caller(method, changed, credential), True))
            break
        if op.startswith(values.RETIRED_FAMILIES) or op in values.RETIRED_METHODS:
            # a retired method answers method_deprecated to anything, as Slack does
            planned = [dataclasses.replace(p, expected=p.expected | {"method_deprecated"}) for p in planned]
        return planned


def _other(method: SdkMethod) -> bool:
    """A method of one of slack_sdk's other clients (``others``), not ``WebClient``'s."""
    return method.client not in ("", "WebClient")


def _names_an_object(op: str, name: str) -> bool:
    """``channel``, ``skill_id``, ``workflow_ids``, a bare ``id``: an argument that must name something that exists."""
    return (
        name in ("id", "ids")
        or name.endswith(("_id", "_ids"))
        or bool(values.kind_of(name) or args_.kind_in_family(op, name))
    )
