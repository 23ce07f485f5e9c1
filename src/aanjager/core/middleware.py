from aanjager.core import channel


class RequestChannelMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with channel.using(channel.API if request.path.startswith("/api/") else channel.UI):
            return self.get_response(request)
