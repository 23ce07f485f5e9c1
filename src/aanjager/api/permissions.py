from rest_framework import permissions

from aanjager.accounts import scoping

ACTIONS = {"POST": "create", "PUT": "change", "PATCH": "change", "DELETE": "delete"}


class PolicyPermission(permissions.BasePermission):
    """Applies the policy table: the view names its `policy_object_type`; reads are scoped by the selectors."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        if getattr(view, "action", "") is None:  # a method this endpoint lacks: let the view answer 405
            return True
        action = ACTIONS.get(request.method, "view")
        return scoping.allows(request.user, view.policy_object_type, action)

    def has_object_permission(self, request, view, obj):
        action = ACTIONS.get(request.method, "view")
        return scoping.allows(request.user, view.policy_object_type, action, obj)


class ScopedReadPolicyPermission(PolicyPermission):
    """Like PolicyPermission, but reads are left to the view's scoped queryset: for objects that are visible beyond
    the policy cell (published estimate runs), a 404 from the queryset is the right answer, not a 403."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return bool(request.user and request.user.is_authenticated)
        return super().has_permission(request, view)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return super().has_object_permission(request, view, obj)
