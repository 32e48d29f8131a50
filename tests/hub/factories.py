import factory
from django.contrib.auth.models import Group

from hub.models import CreatorNetwork, Membership, Region, User

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@network.example")
    display_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    email = factory.Sequence(lambda n: f"staff{n}@hub.example")
    is_staff = True

    @factory.post_generation
    def group(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.groups.add(Group.objects.get(name=extracted))


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "anz"
    name = "Australia & New Zealand"


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CreatorNetwork

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    region = factory.SubFactory(RegionFactory)
    tier = "growth"
    status = "active"
    time_zone = "Australia/Sydney"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # the way every network is added (checklist from the default plan included)
        from onboarding.services import network_create

        return network_create(network=model_class(*args, **kwargs))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    network = factory.SubFactory(NetworkFactory)
    role = "member"


def totp_device_for(user):
    """A confirmed authenticator app for ``user`` (what enrolment leaves behind)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=True)


def totp_code(device_or_key, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or ``steps_ahead`` × 30 s later:
    a code is accepted once, so a second sign-in in the same 30 s needs the next)."""
    import time
    from binascii import unhexlify

    from django_otp.oath import TOTP

    key = getattr(device_or_key, "key", device_or_key)
    totp = TOTP(unhexlify(key))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"
