"""Who is in an Entra group, from Microsoft Graph, for `AKTSOM_TEAMS_COMPLIANCE_GROUP`.

The bot asks as itself (client credentials, MSAL; the app registration needs the Graph
application permission `GroupMember.Read.All`), for the group's transitive user members, page
by page. `Directory` caches the answer for five minutes and fails closed: when Graph cannot be
read, nobody counts as a group member until it can.

Usage::

    graph = GraphGroups(app_id=..., password=..., tenant_id=...)
    graph.members("4d1c...")          # the members' Entra object ids
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import msal

from bot.settings import Settings

GRAPH_URL = "https://graph.microsoft.com"
GRAPH_SCOPE = "https://graph.microsoft.com/.default"
LOGIN_URL = "https://login.microsoftonline.com"
TIMEOUT_S = 10


class GraphError(RuntimeError):
    """Graph or the token service refused or could not be reached."""


class GraphGroups:
    """Reads group members from Microsoft Graph as the bot's app registration."""

    def __init__(
        self,
        *,
        app_id: str,
        password: str,
        tenant_id: str,
        graph_url: str = GRAPH_URL,
        http_client: Any = None,
    ) -> None:
        """`http_client` is MSAL's (a `requests` session); tests route it to a fake."""
        self._graph_url = graph_url.rstrip("/")
        self._app = msal.ConfidentialClientApplication(
            app_id,
            authority=f"{LOGIN_URL}/{tenant_id}",
            client_credential=password,
            http_client=http_client,
        )

    def members(self, group_id: str) -> list[str]:
        """The Entra object ids of the group's users, nested groups included."""
        token = self._app.acquire_token_for_client(scopes=[GRAPH_SCOPE])
        if "access_token" not in token:
            raise GraphError(f"no Graph token: {token.get('error_description') or token}")
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        url: str | None = (
            f"{self._graph_url}/v1.0/groups/{group_id}/transitiveMembers/microsoft.graph.user"
            "?$select=id"
        )
        found: list[str] = []
        with httpx.Client(headers=headers, timeout=TIMEOUT_S) as client:
            while url:  # a next page's link carries its own query
                try:
                    response = client.get(url)
                    response.raise_for_status()
                except httpx.HTTPError as error:
                    raise GraphError(f"Graph did not list group {group_id}: {error}") from error
                page = response.json()
                found += [member["id"] for member in page.get("value", [])]
                url = page.get("@odata.nextLink")
        return found


def group_reader(settings: Settings) -> Callable[[str], list[str]] | None:
    """Graph's group members, when a group is configured and the bot has credentials."""
    password = settings.teams_app_password
    if not (settings.teams_compliance_group and settings.teams_app_id and password):
        return None
    graph = GraphGroups(
        app_id=settings.teams_app_id,
        password=password.get_secret_value(),
        tenant_id=settings.teams_tenant_id or "organizations",
        graph_url=settings.teams_graph_url,
    )
    return graph.members
