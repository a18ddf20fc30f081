from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.feed import Feed
from ...models.new_feed_v1_people_person_id_calendar_post_people import NewFeedV1PeoplePersonIdCalendarPostPeople
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    people: NewFeedV1PeoplePersonIdCalendarPostPeople,
    person_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/{people}/{person_id}/calendar".format(
            people=quote(str(people), safe=""),
            person_id=quote(str(person_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Feed | ProblemDetails | None:
    if response.status_code == 201:
        response_201 = Feed.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

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
) -> Response[Feed | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    people: NewFeedV1PeoplePersonIdCalendarPostPeople,
    person_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Feed | ProblemDetails]:
    """A new secret calendar feed of a coach's or a newcomer's sessions

     By the person themself or a coordinator. Revokes the previous feed.

    Args:
        people (NewFeedV1PeoplePersonIdCalendarPostPeople): Whose calendar
        person_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Feed | ProblemDetails]
    """

    kwargs = _get_kwargs(
        people=people,
        person_id=person_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    people: NewFeedV1PeoplePersonIdCalendarPostPeople,
    person_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Feed | ProblemDetails | None:
    """A new secret calendar feed of a coach's or a newcomer's sessions

     By the person themself or a coordinator. Revokes the previous feed.

    Args:
        people (NewFeedV1PeoplePersonIdCalendarPostPeople): Whose calendar
        person_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Feed | ProblemDetails
    """

    return sync_detailed(
        people=people,
        person_id=person_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    people: NewFeedV1PeoplePersonIdCalendarPostPeople,
    person_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Feed | ProblemDetails]:
    """A new secret calendar feed of a coach's or a newcomer's sessions

     By the person themself or a coordinator. Revokes the previous feed.

    Args:
        people (NewFeedV1PeoplePersonIdCalendarPostPeople): Whose calendar
        person_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Feed | ProblemDetails]
    """

    kwargs = _get_kwargs(
        people=people,
        person_id=person_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    people: NewFeedV1PeoplePersonIdCalendarPostPeople,
    person_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Feed | ProblemDetails | None:
    """A new secret calendar feed of a coach's or a newcomer's sessions

     By the person themself or a coordinator. Revokes the previous feed.

    Args:
        people (NewFeedV1PeoplePersonIdCalendarPostPeople): Whose calendar
        person_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Feed | ProblemDetails
    """

    return (
        await asyncio_detailed(
            people=people,
            person_id=person_id,
            client=client,
        )
    ).parsed
