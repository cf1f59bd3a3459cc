"""The inbox's e-mail settings: one choice per kind of notification."""

from django import forms

from .models import EmailPreference, Notification


class EmailSettingsForm(forms.Form):
    """A field per ``Notification.Kind`` (immediately, weekly digest, off);
    ``save()`` stores them for ``user``."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        stored = dict(
            EmailPreference.objects.filter(user=user).values_list("kind", "frequency")
        )
        for kind in Notification.Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=EmailPreference.Frequency.choices,
                initial=stored.get(kind.value, EmailPreference.Frequency.WEEKLY),
            )

    def save(self):
        for kind, frequency in self.cleaned_data.items():
            EmailPreference.objects.update_or_create(
                user=self.user, kind=kind, defaults={"frequency": frequency}
            )
