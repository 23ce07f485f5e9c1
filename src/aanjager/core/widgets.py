"""Form widgets."""

from django import forms
from django.utils.html import format_html, format_html_join

OPTION = '\n  <option value="{}">{}</option>\n'
SELECTED = '\n  <option value="{}" selected>{}</option>\n'


def _attributes(attrs: dict):
    """As django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


class LongSelect(forms.Select):
    """A drop-down for long lists, such as every organisation (thousands of options). The same HTML as Django's
    Select, written in Python: Django renders each option through two template includes, which made that one
    field most of an agreement's or a location's page at national scale (~0.15 ms an option)."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)  # one query for a model choice field
        if any(isinstance(label, (list, tuple)) for _value, label in choices):  # groups: Django's way
            return super().render(name, value, attrs, renderer)
        values = self.format_value(value)
        options, chosen = [], False
        for option_value, label in choices:
            text = str("" if option_value is None else option_value)
            selected = not chosen and text in values  # the first match only, as ChoiceWidget.optgroups
            chosen |= selected
            options.append((SELECTED if selected else OPTION, text, label))
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            _attributes(self.build_attrs(self.attrs, attrs)),
            format_html_join("", "{}", ((format_html(*option),) for option in options)),
        )
