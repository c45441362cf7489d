import django_filters

from bridges.choices import BridgeStatus, BridgeType, ParticipantRole
from bridges.models import Bridge, BridgeParticipant
from core.filters import FilterSet, IdFilter


class BridgeFilterSet(FilterSet):
    incident = IdFilter(field_name="incident_id")
    status = django_filters.ChoiceFilter(choices=BridgeStatus.choices)
    bridge_type = django_filters.ChoiceFilter(choices=BridgeType.choices)
    bridge_host = IdFilter(field_name="bridge_host_id")

    class Meta:
        model = Bridge
        fields = ["incident", "status", "bridge_type", "bridge_host"]


class ParticipantFilterSet(FilterSet):
    bridge = IdFilter(field_name="bridge_id")
    user = IdFilter(field_name="user_id")
    role_in_bridge = django_filters.ChoiceFilter(choices=ParticipantRole.choices)

    class Meta:
        model = BridgeParticipant
        fields = ["bridge", "user", "role_in_bridge"]
