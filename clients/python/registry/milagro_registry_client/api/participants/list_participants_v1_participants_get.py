import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.group import Group
from ...models.participant_page import ParticipantPage
from ...models.problem_details import ProblemDetails
from ...models.role import Role
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    partner: None | str | Unset = UNSET,
    name: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    group: Group | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    registered_from: datetime.date | None | Unset = UNSET,
    registered_to: datetime.date | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_partner: None | str | Unset
    if isinstance(partner, Unset):
        json_partner = UNSET
    else:
        json_partner = partner
    params["partner"] = json_partner

    json_name: None | str | Unset
    if isinstance(name, Unset):
        json_name = UNSET
    else:
        json_name = name
    params["name"] = json_name

    json_role: None | str | Unset
    if isinstance(role, Unset):
        json_role = UNSET
    elif isinstance(role, Role):
        json_role = role.value
    else:
        json_role = role
    params["role"] = json_role

    json_group: None | str | Unset
    if isinstance(group, Unset):
        json_group = UNSET
    elif isinstance(group, Group):
        json_group = group.value
    else:
        json_group = group
    params["group"] = json_group

    json_language: None | str | Unset
    if isinstance(language, Unset):
        json_language = UNSET
    else:
        json_language = language
    params["language"] = json_language

    json_registered_from: None | str | Unset
    if isinstance(registered_from, Unset):
        json_registered_from = UNSET
    elif isinstance(registered_from, datetime.date):
        json_registered_from = registered_from.isoformat()
    else:
        json_registered_from = registered_from
    params["registered_from"] = json_registered_from

    json_registered_to: None | str | Unset
    if isinstance(registered_to, Unset):
        json_registered_to = UNSET
    elif isinstance(registered_to, datetime.date):
        json_registered_to = registered_to.isoformat()
    else:
        json_registered_to = registered_to
    params["registered_to"] = json_registered_to

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/participants",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ParticipantPage | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = ParticipantPage.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = ProblemDetails.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = ProblemDetails.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ParticipantPage | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    partner: None | str | Unset = UNSET,
    name: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    group: Group | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    registered_from: datetime.date | None | Unset = UNSET,
    registered_to: datetime.date | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[ParticipantPage | ProblemDetails]:
    """Find participants

     Ordered by registration time; follow `next_cursor` for more. Pages stay stable while others register
    people: nothing is repeated or skipped. `name` finds every participant each of whose words is in a
    part of their name, whatever the case, diacritics or script (Ђорђе = Đorđe = Djordje = dorde), with
    family-name particles as parts of their own (van der Berg is found by Berg); a word of one or two
    letters matches the start of a part, a longer one anywhere inside. A name search lists whole parts
    first, then starts of parts, then the rest, each in registration order.

    Args:
        partner (None | str | Unset): Admins: one partner
        name (None | str | Unset): Words of a name, in any case, script or order
        role (None | Role | Unset):
        group (Group | None | Unset):
        language (None | str | Unset):
        registered_from (datetime.date | None | Unset):
        registered_to (datetime.date | None | Unset):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ParticipantPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        partner=partner,
        name=name,
        role=role,
        group=group,
        language=language,
        registered_from=registered_from,
        registered_to=registered_to,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    partner: None | str | Unset = UNSET,
    name: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    group: Group | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    registered_from: datetime.date | None | Unset = UNSET,
    registered_to: datetime.date | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> ParticipantPage | ProblemDetails | None:
    """Find participants

     Ordered by registration time; follow `next_cursor` for more. Pages stay stable while others register
    people: nothing is repeated or skipped. `name` finds every participant each of whose words is in a
    part of their name, whatever the case, diacritics or script (Ђорђе = Đorđe = Djordje = dorde), with
    family-name particles as parts of their own (van der Berg is found by Berg); a word of one or two
    letters matches the start of a part, a longer one anywhere inside. A name search lists whole parts
    first, then starts of parts, then the rest, each in registration order.

    Args:
        partner (None | str | Unset): Admins: one partner
        name (None | str | Unset): Words of a name, in any case, script or order
        role (None | Role | Unset):
        group (Group | None | Unset):
        language (None | str | Unset):
        registered_from (datetime.date | None | Unset):
        registered_to (datetime.date | None | Unset):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ParticipantPage | ProblemDetails
    """

    return sync_detailed(
        client=client,
        partner=partner,
        name=name,
        role=role,
        group=group,
        language=language,
        registered_from=registered_from,
        registered_to=registered_to,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    partner: None | str | Unset = UNSET,
    name: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    group: Group | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    registered_from: datetime.date | None | Unset = UNSET,
    registered_to: datetime.date | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[ParticipantPage | ProblemDetails]:
    """Find participants

     Ordered by registration time; follow `next_cursor` for more. Pages stay stable while others register
    people: nothing is repeated or skipped. `name` finds every participant each of whose words is in a
    part of their name, whatever the case, diacritics or script (Ђорђе = Đorđe = Djordje = dorde), with
    family-name particles as parts of their own (van der Berg is found by Berg); a word of one or two
    letters matches the start of a part, a longer one anywhere inside. A name search lists whole parts
    first, then starts of parts, then the rest, each in registration order.

    Args:
        partner (None | str | Unset): Admins: one partner
        name (None | str | Unset): Words of a name, in any case, script or order
        role (None | Role | Unset):
        group (Group | None | Unset):
        language (None | str | Unset):
        registered_from (datetime.date | None | Unset):
        registered_to (datetime.date | None | Unset):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ParticipantPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        partner=partner,
        name=name,
        role=role,
        group=group,
        language=language,
        registered_from=registered_from,
        registered_to=registered_to,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    partner: None | str | Unset = UNSET,
    name: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    group: Group | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    registered_from: datetime.date | None | Unset = UNSET,
    registered_to: datetime.date | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> ParticipantPage | ProblemDetails | None:
    """Find participants

     Ordered by registration time; follow `next_cursor` for more. Pages stay stable while others register
    people: nothing is repeated or skipped. `name` finds every participant each of whose words is in a
    part of their name, whatever the case, diacritics or script (Ђорђе = Đorđe = Djordje = dorde), with
    family-name particles as parts of their own (van der Berg is found by Berg); a word of one or two
    letters matches the start of a part, a longer one anywhere inside. A name search lists whole parts
    first, then starts of parts, then the rest, each in registration order.

    Args:
        partner (None | str | Unset): Admins: one partner
        name (None | str | Unset): Words of a name, in any case, script or order
        role (None | Role | Unset):
        group (Group | None | Unset):
        language (None | str | Unset):
        registered_from (datetime.date | None | Unset):
        registered_to (datetime.date | None | Unset):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ParticipantPage | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            partner=partner,
            name=name,
            role=role,
            group=group,
            language=language,
            registered_from=registered_from,
            registered_to=registered_to,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
