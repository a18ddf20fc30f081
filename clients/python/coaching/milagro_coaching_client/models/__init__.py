"""Contains all the data models used in inputs/outputs"""

from .academy_in import AcademyIn
from .academy_list import AcademyList
from .academy_out import AcademyOut
from .availability_in import AvailabilityIn
from .booking import Booking
from .cancellation import Cancellation
from .coach_change import CoachChange
from .coach_in import CoachIn
from .coach_list import CoachList
from .coach_out import CoachOut
from .coach_out_availability import CoachOutAvailability
from .decision import Decision
from .directory import Directory
from .feed import Feed
from .feedback_in import FeedbackIn
from .feedback_out import FeedbackOut
from .health import Health
from .health_checks import HealthChecks
from .held import Held
from .match_list import MatchList
from .match_out import MatchOut
from .matching_run import MatchingRun
from .new_feed_v1_people_person_id_calendar_post_people import NewFeedV1PeoplePersonIdCalendarPostPeople
from .newcomer_change import NewcomerChange
from .newcomer_in import NewcomerIn
from .newcomer_list import NewcomerList
from .newcomer_out import NewcomerOut
from .newcomer_out_availability import NewcomerOutAvailability
from .no_show import NoShow
from .offer import Offer
from .override import Override
from .problem_details import ProblemDetails
from .refusal import Refusal
from .revoke_feed_v1_people_person_id_calendar_delete_people import RevokeFeedV1PeoplePersonIdCalendarDeletePeople
from .session_out import SessionOut
from .session_page import SessionPage
from .side import Side
from .slot_in import SlotIn
from .state import State
from .topic import Topic
from .unmatched import Unmatched

__all__ = (
    "AcademyIn",
    "AcademyList",
    "AcademyOut",
    "AvailabilityIn",
    "Booking",
    "Cancellation",
    "CoachChange",
    "CoachIn",
    "CoachList",
    "CoachOut",
    "CoachOutAvailability",
    "Decision",
    "Directory",
    "Feed",
    "FeedbackIn",
    "FeedbackOut",
    "Health",
    "HealthChecks",
    "Held",
    "MatchingRun",
    "MatchList",
    "MatchOut",
    "NewcomerChange",
    "NewcomerIn",
    "NewcomerList",
    "NewcomerOut",
    "NewcomerOutAvailability",
    "NewFeedV1PeoplePersonIdCalendarPostPeople",
    "NoShow",
    "Offer",
    "Override",
    "ProblemDetails",
    "Refusal",
    "RevokeFeedV1PeoplePersonIdCalendarDeletePeople",
    "SessionOut",
    "SessionPage",
    "Side",
    "SlotIn",
    "State",
    "Topic",
    "Unmatched",
)
