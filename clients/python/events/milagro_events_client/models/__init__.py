"""Contains all the data models used in inputs/outputs"""

from .activity_change import ActivityChange
from .activity_in import ActivityIn
from .activity_kind import ActivityKind
from .activity_out import ActivityOut
from .activity_page import ActivityPage
from .assessment_in import AssessmentIn
from .assessment_in_answers import AssessmentInAnswers
from .assessment_out import AssessmentOut
from .assessment_out_answers_type_0 import AssessmentOutAnswersType0
from .assessment_out_scores import AssessmentOutScores
from .attendance_in import AttendanceIn
from .attendance_list import AttendanceList
from .attendance_out import AttendanceOut
from .attendance_record import AttendanceRecord
from .camp_location_in import CampLocationIn
from .camp_location_list import CampLocationList
from .camp_location_out import CampLocationOut
from .cancellation import Cancellation
from .certification import Certification
from .certification_list import CertificationList
from .certification_out import CertificationOut
from .check_in import CheckIn
from .counts_by_group import CountsByGroup
from .dimension_out import DimensionOut
from .final_score import FinalScore
from .final_scores import FinalScores
from .group import Group
from .health import Health
from .health_checks import HealthChecks
from .held_activity import HeldActivity
from .instrument_out import InstrumentOut
from .instrument_summary import InstrumentSummary
from .item_out import ItemOut
from .mediation_in import MediationIn
from .mediation_in_outcome import MediationInOutcome
from .mediation_in_service_kind import MediationInServiceKind
from .mediation_out import MediationOut
from .mediation_out_outcome import MediationOutOutcome
from .mediation_out_service_kind import MediationOutServiceKind
from .mediation_page import MediationPage
from .phase import Phase
from .point import Point
from .problem_details import ProblemDetails
from .recorded_score import RecordedScore
from .recorded_scores import RecordedScores
from .result import Result
from .results import Results
from .state import State
from .training_detail import TrainingDetail
from .training_in import TrainingIn
from .training_list import TrainingList
from .training_out import TrainingOut
from .training_session import TrainingSession

__all__ = (
    "ActivityChange",
    "ActivityIn",
    "ActivityKind",
    "ActivityOut",
    "ActivityPage",
    "AssessmentIn",
    "AssessmentInAnswers",
    "AssessmentOut",
    "AssessmentOutAnswersType0",
    "AssessmentOutScores",
    "AttendanceIn",
    "AttendanceList",
    "AttendanceOut",
    "AttendanceRecord",
    "CampLocationIn",
    "CampLocationList",
    "CampLocationOut",
    "Cancellation",
    "Certification",
    "CertificationList",
    "CertificationOut",
    "CheckIn",
    "CountsByGroup",
    "DimensionOut",
    "FinalScore",
    "FinalScores",
    "Group",
    "Health",
    "HealthChecks",
    "HeldActivity",
    "InstrumentOut",
    "InstrumentSummary",
    "ItemOut",
    "MediationIn",
    "MediationInOutcome",
    "MediationInServiceKind",
    "MediationOut",
    "MediationOutOutcome",
    "MediationOutServiceKind",
    "MediationPage",
    "Phase",
    "Point",
    "ProblemDetails",
    "RecordedScore",
    "RecordedScores",
    "Result",
    "Results",
    "State",
    "TrainingDetail",
    "TrainingIn",
    "TrainingList",
    "TrainingOut",
    "TrainingSession",
)
