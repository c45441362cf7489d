import factory

from bridges.models import Bridge, BridgeParticipant
from tests.accounts.factories import UserFactory
from tests.incidents.factories import IncidentFactory


class BridgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bridge

    bridge_number = factory.Sequence(lambda n: f"BRG9{n:06d}")
    incident = factory.SubFactory(IncidentFactory, severity="P1", status="in_progress")
    bridge_type = "major_incident"
    bridge_host = factory.SelfAttribute("incident.assigned_to")
    status = "active"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BridgeParticipant

    bridge = factory.SubFactory(BridgeFactory)
    user = factory.SubFactory(UserFactory)
    role_in_bridge = "technical_support"
