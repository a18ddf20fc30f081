"""Contains all the data models used in inputs/outputs"""

from .audit_entry_out import AuditEntryOut
from .consent_change_out import ConsentChangeOut
from .consent_in import ConsentIn
from .consent_purpose import ConsentPurpose
from .consent_state import ConsentState
from .consents import Consents
from .contact import Contact
from .contacts import Contacts
from .contacts_contacts import ContactsContacts
from .contacts_query import ContactsQuery
from .contacts_refused import ContactsRefused
from .data_export import DataExport
from .duplicate_pair import DuplicatePair
from .duplicate_pairs import DuplicatePairs
from .erasure_out import ErasureOut
from .gender import Gender
from .group import Group
from .health import Health
from .health_checks import HealthChecks
from .initial_consent import InitialConsent
from .merge_in import MergeIn
from .merge_out import MergeOut
from .migrant_status import MigrantStatus
from .participant_in import ParticipantIn
from .participant_out import ParticipantOut
from .participant_page import ParticipantPage
from .participant_patch import ParticipantPatch
from .partner_in import PartnerIn
from .partner_kind import PartnerKind
from .partner_list import PartnerList
from .partner_out import PartnerOut
from .problem_details import ProblemDetails
from .refusal import Refusal
from .role import Role

__all__ = (
    "AuditEntryOut",
    "ConsentChangeOut",
    "ConsentIn",
    "ConsentPurpose",
    "Consents",
    "ConsentState",
    "Contact",
    "Contacts",
    "ContactsContacts",
    "ContactsQuery",
    "ContactsRefused",
    "DataExport",
    "DuplicatePair",
    "DuplicatePairs",
    "ErasureOut",
    "Gender",
    "Group",
    "Health",
    "HealthChecks",
    "InitialConsent",
    "MergeIn",
    "MergeOut",
    "MigrantStatus",
    "ParticipantIn",
    "ParticipantOut",
    "ParticipantPage",
    "ParticipantPatch",
    "PartnerIn",
    "PartnerKind",
    "PartnerList",
    "PartnerOut",
    "ProblemDetails",
    "Refusal",
    "Role",
)
