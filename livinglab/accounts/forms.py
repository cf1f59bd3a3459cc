from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from allauth.account.forms import SignupForm
from allauth.core import context

from livinglab.regions.models import Region

from . import invitations, roles
from .models import RegionRole


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
        label=_("Region"), queryset=Region.objects.order_by("code")
    )
    role = forms.ChoiceField(label=_("Role"), choices=RegionRole.Role.choices)

    def __init__(self, *args, user, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].widget.choices = [("", "---------")] + [
            (region.pk, f"{region.name} ({region.code})") for region in regions
        ]
        sample = regions[0] if regions else None
        offered = roles.grantable_roles(user, sample) if sample else []
        self.fields["role"].widget.choices = offered
        if len(offered) == 1:
            self.fields["role"].initial = offered[0][0]
        self.fields["role"].help_text = format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {}</li>",
                ((label, roles.ROLE_HELP[value]) for value, label in offered),
            ),
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
