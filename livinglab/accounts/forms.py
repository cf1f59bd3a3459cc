from django import forms
from django.utils.translation import gettext_lazy as _

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm
from allauth.core import context

from livinglab.regions.models import Region

from . import invitations, roles
from .models import RegionRole


class LoginForm(AllauthLoginForm):
    """allauth's sign-in form in the site's words: "Email address" and
    "Password" ("Alamat email", "Kata sandi"), as on the rest of the site."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email address")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].label = _("Password")
        self.fields["password"].widget.attrs.pop("placeholder", None)


class InvitedSignupForm(SignupForm):
    """allauth's signup form, for the invited address only.

    The adapter opens signup only with a valid invitation in the session; here
    the email field is fixed to the invited address (a disabled field ignores
    what is posted), so the link cannot create an account for someone else.
    """

    first_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["email", "first_name", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The site's words, as on the sign-in form.
        self.fields["email"].label = _("Email address")
        self.fields["password1"].label = _("Password")
        for name in ("email", "password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)
        request = context.request
        invitation = invitations.from_session(request) if request else None
        if invitation is not None:
            # Also over any ?email= the signup view copies into ``initial``.
            self.initial["email"] = invitation.email
            email = self.fields["email"]
            email.initial = invitation.email
            email.disabled = True
            email.help_text = _("The address your invitation was sent to.")


class InvitationForm(forms.Form):
    """Invite a person to a region with a role.

    Only the regions and roles the inviter may use are offered; the view checks
    the posted choice again with ``has_perm`` and answers 403 when refused.
    """

    email = forms.EmailField(label=_("Email address"))
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.autonomous().order_by("code")
    )
    role = forms.ChoiceField(label=_("Role"), choices=RegionRole.Role.choices)

    def __init__(self, *args, user, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].widget.choices = [("", _("Choose a region"))] + [
            (region.pk, f"{region.name} ({region.code})") for region in regions
        ]
        sample = regions[0] if regions else None
        offered = roles.grantable_roles(user, sample) if sample else []
        self.fields["role"].widget.choices = offered
        if len(offered) == 1:
            self.fields["role"].initial = offered[0][0]
        self.fields["role"].help_text = _("What each role may do:")
        # Drawn as a list by the field component (templates/components/).
        self.fields["role"].help_items = [
            (label, roles.ROLE_HELP[value]) for value, label in offered
        ]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
