from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, otherwise at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target if target != NON_FIELD_ERRORS else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def call_service(form, service, **kwargs):
    """Run a service for a valid form; on a ValidationError put the messages on the form and return None."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
