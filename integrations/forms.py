from django import forms


class EmptyForm(forms.Form):
    """An action that takes nothing but the button."""
