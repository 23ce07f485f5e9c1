"""API responses that show people's names or contact details are logged like the pages (audit.personal_data)."""

from rest_framework.permissions import SAFE_METHODS

from aanjager.audit.personal_data import note_viewed


class LogsPersonalDataViews:
    """Mix in before the view set's base: a GET that serializes objects records the people it showed.
    `people_in(objects)` names them when they are nested (a team's members); by default the objects themselves."""

    def people_in(self, objects):
        return objects

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if args and args[0] is not None and self.request.method in SAFE_METHODS:
            objects = list(args[0]) if kwargs.get("many") else [args[0]]
            note_viewed(
                actor=self.request.user, objects=self.people_in(objects), path=self.request.get_full_path()
            )
        return serializer
