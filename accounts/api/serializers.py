from rest_framework import serializers

from accounts.choices import ClientStatus, CompanyType, PreferredCommunication, Role, SupportCoverage, UserStatus
from accounts.models import Client, User


class UserSerializer(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "first_name",
            "last_name",
            "role",
            "status",
            "timezone",
            "client",
            "is_staff",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class UserCreateInputSerializer(serializers.Serializer):
    """Shape only: the service checks the SOP 1 rules (unique email, client for a contact)."""

    email = serializers.CharField(max_length=254)
    first_name = serializers.CharField(max_length=80)
    last_name = serializers.CharField(max_length=80)
    role = serializers.ChoiceField(choices=Role.choices)
    status = serializers.ChoiceField(choices=UserStatus.choices, required=False)
    timezone = serializers.CharField(max_length=64, required=False)
    client = serializers.IntegerField(required=False, allow_null=True)
    password = serializers.CharField(required=False, write_only=True, style={"input_type": "password"})


class UserUpdateInputSerializer(serializers.Serializer):
    email = serializers.CharField(max_length=254, required=False)
    first_name = serializers.CharField(max_length=80, required=False)
    last_name = serializers.CharField(max_length=80, required=False)
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    status = serializers.ChoiceField(choices=UserStatus.choices, required=False)
    timezone = serializers.CharField(max_length=64, required=False)
    client = serializers.IntegerField(required=False, allow_null=True)


class ClientSerializer(serializers.ModelSerializer[Client]):
    contact_count = serializers.IntegerField(read_only=True)
    ci_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Client
        fields = [
            "id",
            "client_name",
            "registration_number",
            "company_type",
            "primary_address",
            "support_coverage",
            "preferred_communication",
            "status",
            "on_call_emails",
            "contact_count",
            "ci_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ClientInputSerializer(serializers.Serializer):
    client_name = serializers.CharField(max_length=200)
    registration_number = serializers.CharField(max_length=60)
    company_type = serializers.ChoiceField(choices=CompanyType.choices)
    primary_address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    support_coverage = serializers.ChoiceField(choices=SupportCoverage.choices)
    preferred_communication = serializers.ChoiceField(choices=PreferredCommunication.choices)
    status = serializers.ChoiceField(choices=ClientStatus.choices, required=False)
    on_call_emails = serializers.CharField(required=False, allow_blank=True)


class TokenInputSerializer(serializers.Serializer):
    email = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    user = UserSerializer()
