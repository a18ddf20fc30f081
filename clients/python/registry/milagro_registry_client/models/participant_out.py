from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gender import Gender
from ..models.group import Group
from ..models.migrant_status import MigrantStatus
from ..models.role import Role
from ..types import UNSET, Unset

T = TypeVar("T", bound="ParticipantOut")


@_attrs_define
class ParticipantOut:
    """
    Attributes:
        given_name (str):
        family_name (str):
        group (Group):
        id (UUID):
        partner (str): Partner code, e.g. IT-SIENA
        registered_at (datetime.datetime):
        email (None | str | Unset):
        phone (None | str | Unset):
        birth_date (datetime.date | None | Unset):
        preferred_language (None | str | Unset):
        migrant_status (MigrantStatus | None | Unset):
        gender (Gender | None | Unset):
        gender_self_described (None | str | Unset):
        country (None | str | Unset): Country of residence
        languages (list[str] | Unset):
        roles (list[Role] | Unset):
        updated_at (datetime.datetime | None | Unset):
    """

    given_name: str
    family_name: str
    group: Group
    id: UUID
    partner: str
    registered_at: datetime.datetime
    email: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    birth_date: datetime.date | None | Unset = UNSET
    preferred_language: None | str | Unset = UNSET
    migrant_status: MigrantStatus | None | Unset = UNSET
    gender: Gender | None | Unset = UNSET
    gender_self_described: None | str | Unset = UNSET
    country: None | str | Unset = UNSET
    languages: list[str] | Unset = UNSET
    roles: list[Role] | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        given_name = self.given_name

        family_name = self.family_name

        group = self.group.value

        id = str(self.id)

        partner = self.partner

        registered_at = self.registered_at.isoformat()

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        birth_date: None | str | Unset
        if isinstance(self.birth_date, Unset):
            birth_date = UNSET
        elif isinstance(self.birth_date, datetime.date):
            birth_date = self.birth_date.isoformat()
        else:
            birth_date = self.birth_date

        preferred_language: None | str | Unset
        if isinstance(self.preferred_language, Unset):
            preferred_language = UNSET
        else:
            preferred_language = self.preferred_language

        migrant_status: None | str | Unset
        if isinstance(self.migrant_status, Unset):
            migrant_status = UNSET
        elif isinstance(self.migrant_status, MigrantStatus):
            migrant_status = self.migrant_status.value
        else:
            migrant_status = self.migrant_status

        gender: None | str | Unset
        if isinstance(self.gender, Unset):
            gender = UNSET
        elif isinstance(self.gender, Gender):
            gender = self.gender.value
        else:
            gender = self.gender

        gender_self_described: None | str | Unset
        if isinstance(self.gender_self_described, Unset):
            gender_self_described = UNSET
        else:
            gender_self_described = self.gender_self_described

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        languages: list[str] | Unset = UNSET
        if not isinstance(self.languages, Unset):
            languages = self.languages

        roles: list[str] | Unset = UNSET
        if not isinstance(self.roles, Unset):
            roles = []
            for roles_item_data in self.roles:
                roles_item = roles_item_data.value
                roles.append(roles_item)

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "given_name": given_name,
                "family_name": family_name,
                "group": group,
                "id": id,
                "partner": partner,
                "registered_at": registered_at,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if birth_date is not UNSET:
            field_dict["birth_date"] = birth_date
        if preferred_language is not UNSET:
            field_dict["preferred_language"] = preferred_language
        if migrant_status is not UNSET:
            field_dict["migrant_status"] = migrant_status
        if gender is not UNSET:
            field_dict["gender"] = gender
        if gender_self_described is not UNSET:
            field_dict["gender_self_described"] = gender_self_described
        if country is not UNSET:
            field_dict["country"] = country
        if languages is not UNSET:
            field_dict["languages"] = languages
        if roles is not UNSET:
            field_dict["roles"] = roles
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        given_name = d.pop("given_name")

        family_name = d.pop("family_name")

        group = Group(d.pop("group"))

        id = UUID(d.pop("id"))

        partner = d.pop("partner")

        registered_at = datetime.datetime.fromisoformat(d.pop("registered_at"))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_birth_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                birth_date_type_0 = datetime.date.fromisoformat(data)

                return birth_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        birth_date = _parse_birth_date(d.pop("birth_date", UNSET))

        def _parse_preferred_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preferred_language = _parse_preferred_language(d.pop("preferred_language", UNSET))

        def _parse_migrant_status(data: object) -> MigrantStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                migrant_status_type_0 = MigrantStatus(data)

                return migrant_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MigrantStatus | None | Unset, data)

        migrant_status = _parse_migrant_status(d.pop("migrant_status", UNSET))

        def _parse_gender(data: object) -> Gender | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                gender_type_0 = Gender(data)

                return gender_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Gender | None | Unset, data)

        gender = _parse_gender(d.pop("gender", UNSET))

        def _parse_gender_self_described(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        gender_self_described = _parse_gender_self_described(d.pop("gender_self_described", UNSET))

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        languages = cast(list[str], d.pop("languages", UNSET))

        _roles = d.pop("roles", UNSET)
        roles: list[Role] | Unset = UNSET
        if _roles is not UNSET:
            roles = []
            for roles_item_data in _roles:
                roles_item = Role(roles_item_data)

                roles.append(roles_item)

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        participant_out = cls(
            given_name=given_name,
            family_name=family_name,
            group=group,
            id=id,
            partner=partner,
            registered_at=registered_at,
            email=email,
            phone=phone,
            birth_date=birth_date,
            preferred_language=preferred_language,
            migrant_status=migrant_status,
            gender=gender,
            gender_self_described=gender_self_described,
            country=country,
            languages=languages,
            roles=roles,
            updated_at=updated_at,
        )

        participant_out.additional_properties = d
        return participant_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
