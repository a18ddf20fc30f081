from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.gender import Gender
from ..models.group import Group
from ..models.migrant_status import MigrantStatus
from ..models.role import Role
from ..types import UNSET, Unset

T = TypeVar("T", bound="ParticipantPatch")


@_attrs_define
class ParticipantPatch:
    """Fields to change; an absent field stays as it is, null clears an optional one.

    Attributes:
        given_name (None | str | Unset):
        family_name (None | str | Unset):
        email (None | str | Unset):
        phone (None | str | Unset):
        birth_date (datetime.date | None | Unset):
        preferred_language (None | str | Unset):
        group (Group | None | Unset):
        migrant_status (MigrantStatus | None | Unset):
        gender (Gender | None | Unset):
        gender_self_described (None | str | Unset):
        country (None | str | Unset):
        languages (list[str] | None | Unset):
        roles (list[Role] | None | Unset):
        confirm_new_person (bool | Unset): The coordinator has checked the likely duplicates a 409 `likely-duplicate`
            named and this is a different person: register (or change) anyway. Certain duplicates are refused all the same.
            Default: False.
    """

    given_name: None | str | Unset = UNSET
    family_name: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    birth_date: datetime.date | None | Unset = UNSET
    preferred_language: None | str | Unset = UNSET
    group: Group | None | Unset = UNSET
    migrant_status: MigrantStatus | None | Unset = UNSET
    gender: Gender | None | Unset = UNSET
    gender_self_described: None | str | Unset = UNSET
    country: None | str | Unset = UNSET
    languages: list[str] | None | Unset = UNSET
    roles: list[Role] | None | Unset = UNSET
    confirm_new_person: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        given_name: None | str | Unset
        if isinstance(self.given_name, Unset):
            given_name = UNSET
        else:
            given_name = self.given_name

        family_name: None | str | Unset
        if isinstance(self.family_name, Unset):
            family_name = UNSET
        else:
            family_name = self.family_name

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

        group: None | str | Unset
        if isinstance(self.group, Unset):
            group = UNSET
        elif isinstance(self.group, Group):
            group = self.group.value
        else:
            group = self.group

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

        languages: list[str] | None | Unset
        if isinstance(self.languages, Unset):
            languages = UNSET
        elif isinstance(self.languages, list):
            languages = self.languages

        else:
            languages = self.languages

        roles: list[str] | None | Unset
        if isinstance(self.roles, Unset):
            roles = UNSET
        elif isinstance(self.roles, list):
            roles = []
            for roles_type_0_item_data in self.roles:
                roles_type_0_item = roles_type_0_item_data.value
                roles.append(roles_type_0_item)

        else:
            roles = self.roles

        confirm_new_person = self.confirm_new_person

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if given_name is not UNSET:
            field_dict["given_name"] = given_name
        if family_name is not UNSET:
            field_dict["family_name"] = family_name
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if birth_date is not UNSET:
            field_dict["birth_date"] = birth_date
        if preferred_language is not UNSET:
            field_dict["preferred_language"] = preferred_language
        if group is not UNSET:
            field_dict["group"] = group
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
        if confirm_new_person is not UNSET:
            field_dict["confirm_new_person"] = confirm_new_person

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_given_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        given_name = _parse_given_name(d.pop("given_name", UNSET))

        def _parse_family_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        family_name = _parse_family_name(d.pop("family_name", UNSET))

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

        def _parse_group(data: object) -> Group | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                group_type_0 = Group(data)

                return group_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Group | None | Unset, data)

        group = _parse_group(d.pop("group", UNSET))

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

        def _parse_languages(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                languages_type_0 = cast(list[str], data)

                return languages_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        languages = _parse_languages(d.pop("languages", UNSET))

        def _parse_roles(data: object) -> list[Role] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                roles_type_0 = []
                _roles_type_0 = data
                for roles_type_0_item_data in _roles_type_0:
                    roles_type_0_item = Role(roles_type_0_item_data)

                    roles_type_0.append(roles_type_0_item)

                return roles_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Role] | None | Unset, data)

        roles = _parse_roles(d.pop("roles", UNSET))

        confirm_new_person = d.pop("confirm_new_person", UNSET)

        participant_patch = cls(
            given_name=given_name,
            family_name=family_name,
            email=email,
            phone=phone,
            birth_date=birth_date,
            preferred_language=preferred_language,
            group=group,
            migrant_status=migrant_status,
            gender=gender,
            gender_self_described=gender_self_described,
            country=country,
            languages=languages,
            roles=roles,
            confirm_new_person=confirm_new_person,
        )

        return participant_patch
